"""What every command shares: theme names, exit codes, the reader's language, loading with a report.

Below `cli`, `export` and `serve`, so that none of them imports another.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .model import Content, ContentError, languages, load

THEME_NAMES = ("dark", "light", "high-contrast")  # tui.themes.THEMES maps them to Textual themes
EXIT_CONTENT = 2  # the content folder has problems, or an option names what it lacks
EXIT_USAGE = 2

# What readers' systems say: LANGUAGE is a list ("es_BO:es:en"); the others one locale each.
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def locale_preferences(environ: Mapping[str, str]) -> list[str]:
    """The languages a terminal's locale asks for, most wanted first ("es_BO.UTF-8" -> "es").

    As gettext does: LANGUAGE counts only with a real locale set; C and POSIX
    ask for nothing (the explainer's first language then).
    """
    locale = next((environ[name] for name in _LOCALE_VARIABLES[1:] if environ.get(name)), "")
    wanted = [locale]
    if locale and _code(locale) not in ("c", "posix"):
        wanted = environ.get("LANGUAGE", "").split(":") + wanted
    return [code for code in map(_code, wanted) if code and code not in ("c", "posix")]


def accept_language_preferences(header: str) -> list[str]:
    """The languages a browser's Accept-Language asks for, by their q weights ("es-BO;q=0.9")."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag.strip() and quality > 0:
            weighted.append((-quality, position, _code(tag)))
    return [code for _, _, code in sorted(weighted) if code != "*"]


def choose_language(preferences: Iterable[str], available: Sequence[str]) -> str:
    """The first of the reader's languages that the content has; else the content's first."""
    return next((code for code in preferences if code in available), available[0] if available else "en")


def content_language(root: Path, asked: str | None, environ: Mapping[str, str]) -> str:
    """The language to show `root` in: `asked`, else the first of the locale's that the folder has.

    Raises ValueError, with a one-line message, for an asked language the folder lacks.
    """
    if not root.is_dir():
        return asked or "en"  # loading reports the missing folder
    available = languages(root)
    if asked is None:
        return choose_language(locale_preferences(environ), available)
    if asked not in available:
        raise ValueError(f"unknown language '{asked}'; valid: {', '.join(available)}")
    return asked


def _code(tag: str) -> str:
    """A language code as content folders name them: "es_BO.UTF-8@x" and "es-BO" are "es"."""
    return tag.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def load_or_report(root: Path, *, use_cache: bool = True, lang: str = "en") -> Content | None:
    """The content, or None after printing each problem as file:line: message."""
    try:
        return load(root, use_cache=use_cache, lang=lang)
    except ContentError as error:
        for problem in error.problems:
            where = f"{root / problem.file if problem.file else root}"
            where += f":{problem.line}" if problem.line else ""
            print(f"{where}: {problem.message}", file=sys.stderr)
        return None


def content_options(
    *, lang: str | None = None, theme: str | None = None, theme_default: str | None = None
) -> argparse.ArgumentParser:
    """The parent parser of the commands that show content: --content, and --lang and --theme
    where the command has them (`lang`, `theme`: their help, or None to leave them out)."""
    parser = argparse.ArgumentParser(add_help=False)
    add = parser.add_argument
    add("--content", metavar="DIR", type=Path, help="content folder (default: the built-in one)")
    if lang is not None:
        add("--lang", metavar="LANG", help=lang)
    if theme is not None:
        add("--theme", choices=THEME_NAMES, default=theme_default, help=theme)
    return parser


LANG_HELP = "language, e.g. en or es (default: the first of your locale's languages that the content has)"
