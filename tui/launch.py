"""Open the app: the command line's default command, and each session a fork server starts."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Mapping
from typing import TextIO

from . import __version__
from .model import Content, default_root
from .options import EXIT_CONTENT, LANG_HELP, content_language, content_options, load_or_report
from .served import REPORT_ENV, SERVER_ENV, limit_served_app


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
        "'export --help' writes handouts, 'notes' shows the speaker's notes beside the slides; "
        "'new DIR' makes an explainer of your own, 'schema' writes the schemas for your editor.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--screen", metavar="ID", help="open this section first (e.g. results)")
    parser.add_argument("--item", metavar="ID", help="open this entry first (e.g. kaliman)")
    parser.add_argument("--present", action="store_true", help="open as slides for a projector (key p)")
    parser.add_argument("--lesson", metavar="ID",
                        help="a lesson of the content: its reading list (key L), or with --present its "
                        "slides alone (e.g. critical-reading)")  # fmt: skip
    parser.add_argument("--watch", action="store_true",
                        help="read the content again whenever one of its files is saved, keeping your "
                        "place; a save that breaks it is reported over the last good content")  # fmt: skip
    return parser


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
    lessons = [lesson.id for lesson in content.lessons]
    if args.lesson is not None and args.lesson not in lessons:
        return _usage_error(f"unknown lesson '{args.lesson}'; valid: {', '.join(lessons) or 'none'}")
    if not limit_served_app(os.environ):
        return EXIT_CONTENT  # the server that started it is gone: nobody to show it to
    from .app import ExplainerApp  # Textual loads only when the app runs.
    from .classroom.link import ClassLink

    served = SERVER_ENV in os.environ
    link = ClassLink.from_environment(os.environ) if served else None
    app = ExplainerApp(
        content, screen=args.screen, item=args.item, theme=args.theme, present=args.present, served=served,
        link=link, lesson=args.lesson, watch=args.watch and not served,
    )  # fmt: skip
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
