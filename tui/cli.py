"""The command line: open the explainer, or check a content folder."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from pathlib import Path

from .launch import run
from .model import Content, ContentError, Problem, default_root, languages, load
from .model.content import foreign_languages
from .options import EXIT_CONTENT, LANG_HELP, content_language, content_options, load_or_report

EXIT_WRITE = 1  # a file could not be written


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer check",
        description="Validate a content folder; print file:line: problem for each problem found.",
    )
    parser.add_argument("dir", nargs="?", type=Path, help="content folder (default: the built-in one)")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: a line per problem (the default); json: one document, for editors and CI",
    )
    return parser


def check(argv: list[str]) -> int:
    args = _check_parser().parse_args(argv)
    root = args.dir or default_root()
    loaded: dict[str, Content] = {}
    problems = _load(root, "en", loaded)  # check reads every file afresh
    if loaded:
        for lang in foreign_languages(root):
            problems.append(Problem(lang, 0, "a link to a folder outside the content folder; not used"))
        for lang in languages(root)[1:]:
            problems += _load(root, lang, loaded)
    if root.is_dir():
        from .model.json_schema import schema_lines

        problems += schema_lines(root, languages(root)[1:])
    errors = [p for p in problems if p.severity == "error"]
    # Warnings wait until the errors are fixed, so that they cannot bury them.
    warnings = [] if errors else [*_crowded(root, loaded), *problems]
    try:
        if args.format == "json":
            print(_json(root, errors + warnings))
        else:
            for problem in errors + warnings:
                print(_text(root, problem), file=sys.stderr)
            if not errors:
                print(_summary(root, loaded["en"]))
    except BrokenPipeError:
        _silence()
    return EXIT_CONTENT if errors else 0


def _load(root: Path, lang: str, loaded: dict[str, Content]) -> list[Problem]:
    """The problems of one language of the folder; the content, when it loads, into `loaded`."""
    try:
        loaded[lang] = load(root, use_cache=False, lang=lang)
    except ContentError as error:
        return list(error.problems)
    return []


def _path(root: Path, problem: Problem) -> str:
    return str(root / problem.file if problem.file else root)


def _text(root: Path, problem: Problem) -> str:
    """`path:line: message`, as `check` has always printed it (with `warning: ` for a warning)."""
    where = _path(root, problem) + (f":{problem.line}" if problem.line else "")
    return f"{where}: {'warning: ' if problem.severity == 'warning' else ''}{problem.message}"


def _json(root: Path, problems: list[Problem]) -> str:
    """One JSON document: whether the folder passes, and each problem with its place and hint."""
    found = [
        {
            "file": _path(root, problem),
            "line": problem.line or None,
            "column": problem.column,
            "message": problem.message,
            "severity": problem.severity,
            "hint": problem.hint or None,
        }
        for problem in problems
    ]
    ok = all(problem.severity == "warning" for problem in problems)
    return json.dumps({"ok": ok, "problems": found}, ensure_ascii=False, indent=2)


def _summary(root: Path, content: Content) -> str:
    count = sum(len(s.entries) for s in content.sections)
    langs = ", ".join(languages(root))
    return f"{root}: {len(content.sections)} sections, {count} entries, languages {langs}, no problems"


def schema(argv: list[str]) -> int:
    """`bolivia-explainer schema`: write the JSON Schemas of the content files, for editors."""
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer schema",
        parents=[content_options()],
        description="Write a JSON Schema for every kind of content file, made from the same model "
        "check uses; YAML files name theirs in a first line, for completion and errors in an editor.",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        type=Path,
        help="where to write them (default: schemas/ in the content folder)",
    )
    args = parser.parse_args(argv)
    from .model.json_schema import SCHEMA_DIR, write_schemas

    root = args.content or default_root()
    if args.output is None and not root.is_dir():
        print(f"{root}: no such content folder", file=sys.stderr)
        return EXIT_CONTENT
    folder = args.output or root / SCHEMA_DIR
    try:
        written = write_schemas(folder)
    except OSError as error:
        print(
            f"bolivia-explainer schema: cannot write to {folder}: {error.strerror or error}", file=sys.stderr
        )
        return EXIT_WRITE
    print(f"{folder}: {len(written)} schemas written")
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


def _crowded(root: Path, loaded: dict[str, Content]) -> list[Problem]:
    """Slides a projector shows in more than two parts: warnings, not failures."""
    from .render.parts import MOST_PARTS, PROJECTOR, crowded

    cols, rows = PROJECTOR
    found = []
    for lang, content in loaded.items():
        for slide, count in crowded(content):
            file = content.section(slide.section).ref.file
            file = file if lang == "en" else f"{lang}/{file}"
            what = (
                f"the slide '{slide.id}' takes {count} parts at {cols}x{rows} (a projector); "
                f"more than {MOST_PARTS} is hard to follow: shorten it"
            )
            found.append(Problem(file, _line_of(root / file, slide.id), what, severity="warning"))
    return found


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
        if argv[:1] == ["schema"]:
            return schema(argv[1:])
        if argv[:1] == ["new"]:
            from .new import main as new

            return new(argv[1:])
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
