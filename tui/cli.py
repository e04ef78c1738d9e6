"""The command line: open the explainer, or check a content folder."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from pathlib import Path

from .launch import run
from .model import default_root, languages
from .model.content import foreign_languages
from .options import EXIT_CONTENT, LANG_HELP, content_language, content_options, load_or_report


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer check",
        description="Validate a content folder; print file:line: problem for each problem found.",
    )
    parser.add_argument("dir", nargs="?", type=Path, help="content folder (default: the built-in one)")
    return parser


def check(argv: list[str]) -> int:
    args = _check_parser().parse_args(argv)
    root = args.dir or default_root()
    content = load_or_report(root, use_cache=False)  # check reads every file afresh
    if content is None:
        return EXIT_CONTENT
    failed = False
    for lang in foreign_languages(root):
        print(f"{root / lang}: a link to a folder outside the content folder; not used", file=sys.stderr)
        failed = True
    for lang in languages(root)[1:]:
        failed |= load_or_report(root, use_cache=False, lang=lang) is None
    if failed:
        return EXIT_CONTENT
    for lang in languages(root):
        _warn_crowded(root, lang)
    count = sum(len(s.entries) for s in content.sections)
    langs = ", ".join(languages(root))
    try:
        print(f"{root}: {len(content.sections)} sections, {count} entries, languages {langs}, no problems")
    except BrokenPipeError:
        _silence()
    return 0


def notes(argv: list[str]) -> int:
    """`bolivia-explainer notes`: the speaker's notes, following the slides of another terminal."""
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer notes",
        parents=[content_options(lang=LANG_HELP, theme=None)],
        description="Speaker's notes for the slides: run it in a second terminal, then present "
        "(p, or bolivia-explainer --present) in the first. It follows the slides: their notes, the "
        "next slide's title, the time presenting and the clock.",
    )
    args = parser.parse_args(argv)
    root = args.content or default_root()
    try:
        lang = content_language(root, args.lang, os.environ)
    except ValueError as error:
        print(f"bolivia-explainer notes: {error}", file=sys.stderr)
        return EXIT_CONTENT
    content = load_or_report(root, lang=lang)
    if content is None:
        return EXIT_CONTENT
    from .notes import NotesApp

    NotesApp(content).run()
    return 0


def _warn_crowded(root: Path, lang: str) -> None:
    """Slides a projector shows in more than two parts: a warning, file:line, not a failure."""
    from .render.parts import MOST_PARTS, PROJECTOR, crowded

    content = load_or_report(root, lang=lang)
    if content is None:
        return
    cols, rows = PROJECTOR
    for slide, count in crowded(content):
        file = content.section(slide.section).ref.file
        if lang != languages(root)[0]:
            file = f"{lang}/{file}"
        ident = slide.id
        where = f"{file}:{_line_of(root / file, ident)}"
        print(f"{root / where}: warning: the slide '{ident}' takes {count} parts at {cols}x{rows} "
              f"(a projector); more than {MOST_PARTS} is hard to follow: shorten it",
              file=sys.stderr)  # fmt: skip


def _line_of(path: Path, ident: str) -> int:
    """The line that names `ident` as a slide, or else as an id (1 if none does)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    name = re.escape(ident)
    for pattern in (rf"^\s*slides:.*\b{name}\b", rf"^\s*-?\s*id:\s*{name}\s*$", rf"^\s*{name}:\s*$"):
        for number, line in enumerate(lines, 1):
            if re.search(pattern, line):
                return number
    return 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["check"]:
            return check(argv[1:])
        if argv[:1] == ["serve-ssh"]:
            from .serve.ssh import main as serve_ssh

            return serve_ssh(argv[1:])
        if argv[:1] == ["serve-web"]:
            from .serve.web import main as serve_web

            return serve_web(argv[1:])
        if argv[:1] == ["export"]:
            from .export import main as export

            return export(argv[1:])
        if argv[:1] == ["notes"]:
            return notes(argv[1:])
        return run(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (check | head -1): leave quietly, without a traceback.
        _silence()
        return EXIT_CONTENT if argv[:1] == ["check"] else 1


def _silence() -> None:
    """Point stdout and stderr at /dev/null, so the exit's own flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            os.dup2(devnull, stream.fileno())
    os.close(devnull)
