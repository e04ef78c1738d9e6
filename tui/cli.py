"""The command line: open the explainer, or check a content folder."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from . import __version__
from .model import Content, default_root, languages
from .model.content import foreign_languages
from .options import EXIT_CONTENT, LANG_HELP, content_language, content_options, load_or_report
from .serve.environment import REPORT_ENV, SERVER_ENV, limit_served_app


def _run_parser() -> argparse.ArgumentParser:
    theme = "colour theme (default: dark; high-contrast when presenting)"
    shared = content_options(lang=LANG_HELP, theme=theme)
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer",
        parents=[shared],
        description="Bolivia from the November 2019 crisis to the October 2020 election, "
        "explained screen by screen.",
        epilog="Other commands: 'bolivia-explainer check [DIR]' validates a content folder; "
        "'serve-ssh --help' serves it over SSH, 'serve-web --help' in browsers, "
        "'export --help' writes handouts.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--screen", metavar="ID", help="open this section first (e.g. results)")
    parser.add_argument("--item", metavar="ID", help="open this entry first (e.g. kaliman)")
    parser.add_argument("--present", action="store_true", help="open as slides for a projector (key p)")
    return parser


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
    count = sum(len(s.entries) for s in content.sections)
    langs = ", ".join(languages(root))
    try:
        print(f"{root}: {len(content.sections)} sections, {count} entries, languages {langs}, no problems")
    except BrokenPipeError:
        _silence()
    return 0


def run(argv: list[str], preloaded: Mapping[str, Content] | None = None) -> int:
    """Open the app; `preloaded` is the content in each language, loaded by a fork server."""
    parser = _run_parser()
    args = parser.parse_args(argv)
    root = args.content or default_root()
    try:
        lang = content_language(root, args.lang, os.environ)
    except ValueError as error:
        return _usage_error(str(error))
    content = preloaded[lang] if preloaded and lang in preloaded else load_or_report(root, lang=lang)
    if content is None:
        return EXIT_CONTENT
    section_ids = [s.id for s in content.sections]
    if args.screen is not None and args.screen not in section_ids:
        return _usage_error(f"unknown screen '{args.screen}'; valid: {', '.join(section_ids)}")
    if args.item is not None and args.item not in content.entries:
        return _usage_error(f"unknown item '{args.item}'; valid: {', '.join(sorted(content.entries))}")
    if args.item is not None and args.screen is not None:
        home = content.entries[args.item][0].id
        if home != args.screen:
            return _usage_error(f"item '{args.item}' is in screen '{home}', not '{args.screen}'")
    if not limit_served_app(os.environ):
        return EXIT_CONTENT  # the server that started it is gone: nobody to show it to
    from .app import ExplainerApp  # Textual loads only when the app runs.

    served = SERVER_ENV in os.environ
    app = ExplainerApp(
        content, screen=args.screen, item=args.item, theme=args.theme, present=args.present, served=served
    )
    report = _crash_report()
    if report is None:
        app.run()
        return app.return_code or 0
    from rich.console import Console

    # A served reader must never see a traceback (it shows the server's paths):
    # errors go to the server, which logs them and tells the reader one line.
    sys.stderr = report
    errors = _Written(report)
    app.error_console = Console(file=errors, markup=False, highlight=False, width=100)
    app.run()
    # Textual ends with status 0 when its input thread failed; the server must hear of it.
    return 1 if errors.written else app.return_code or 0


def _crash_report() -> TextIO | None:
    """The stream a server gave this app for its errors, when it is served."""
    fd = os.environ.get(REPORT_ENV, "")
    if not fd.isdecimal():
        return None
    try:
        return open(int(fd), "w", encoding="utf-8", errors="replace", buffering=1)
    except OSError:
        return None


class _Written(io.StringIO):  # StringIO: a typed IO[str] for Console; its buffer is unused
    """Passes text on to `out`, remembering whether any was written."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self._out = out
        self.written = False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text.strip())
        return self._out.write(text)

    def flush(self) -> None:
        self._out.flush()


def _usage_error(message: str) -> int:
    print(f"bolivia-explainer: {message}", file=sys.stderr)
    return EXIT_CONTENT


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
