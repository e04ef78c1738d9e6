"""`bolivia-explainer export`: the explainer, or one section, as a Markdown or HTML handout.

Plain Python, no Textual: a handout is built from the content model alone.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..doc.build import handout
from ..doc.lesson import lesson_handout
from ..model import default_root
from ..options import EXIT_CONTENT, LANG_HELP, content_language, content_options, load_or_report
from . import html, markdown

FORMATS = {"md": markdown.document, "html": html.document}
EXIT_WRITE = 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer export",
        parents=[content_options(lang=LANG_HELP)],
        description="Write the explainer, or one section of it, as a handout: claims with "
        "verdicts, context notes, discussion questions and sources.",
    )
    parser.add_argument("--format", required=True, choices=sorted(FORMATS), help="md or html")
    parser.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write here (default, or -: standard output)"
    )
    parser.add_argument("--section", metavar="ID", help="only this section (e.g. results)")
    parser.add_argument("--no-answers", action="store_true", help="leave out the quiz's answers (a test)")
    parser.add_argument("--lesson", metavar="ID", help="a lesson's handout instead (e.g. critical-reading)")
    parser.add_argument("--for", dest="audience", choices=("students", "teachers"), default="students",
                        help="with --lesson: the students' worksheet (no answers; default) or "
                        "the teacher's plan (timings, expected answers, the context behind each "
                        "verdict)")  # fmt: skip
    return parser


def _error(message: str) -> None:
    print(f"bolivia-explainer export: {message}", file=sys.stderr)


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    root = args.content or default_root()
    try:
        lang = content_language(root, args.lang, os.environ)
    except ValueError as error:
        _error(str(error))
        return EXIT_CONTENT
    content = load_or_report(root, lang=lang)
    if content is None:
        return EXIT_CONTENT
    if args.section is not None and not content.has_section(args.section):
        valid = ", ".join(s.id for s in content.sections)
        _error(f"unknown section '{args.section}'; valid: {valid}")
        return EXIT_CONTENT
    if args.lesson is not None:
        lesson = next((item for item in content.lessons if item.id == args.lesson), None)
        if lesson is None or args.section is not None:
            valid = ", ".join(item.id for item in content.lessons) or "none"
            _error(f"unknown lesson '{args.lesson}'; valid: {valid}" if lesson is None else
                   "--lesson and --section: one or the other")  # fmt: skip
            return EXIT_CONTENT
        doc = lesson_handout(content, lesson, args.audience)
    else:
        doc = handout(content, args.section, answers=not args.no_answers)
    data = FORMATS[args.format](doc, content.lang).encode("utf-8")
    if args.output is None or str(args.output) == "-":
        return _to_stdout(data)
    try:
        args.output.write_bytes(data)
    except OSError as error:
        _error(f"cannot write {args.output}: {error.strerror or error}")
        return EXIT_WRITE
    return 0


def _to_stdout(data: bytes) -> int:
    # Bytes, not text: the handout is UTF-8 whatever the terminal's locale says.
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        sys.stdout.flush()
        if buffer is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (| head): leave quietly, without a traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_WRITE
    return 0
