"""`bolivia-explainer new DIR`: a new explainer to start from, one section of every kind.

It is a worked example that passes `check` and opens in the app; the author
replaces its words with theirs, with `--watch` and their editor's schema help.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from .model import ContentError, default_root, load
from .model.json_schema import SCHEMA_DIR, write_schemas

TEMPLATE = Path(__file__).parent / "template"
UI = "ui.yaml"
TITLE = 'title: "My explainer"\n'


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer new",
        description="Make a new explainer folder: one section of every kind as a worked example, "
        "the interface's words, the schemas for your editor and a short README.",
    )
    parser.add_argument("dir", type=Path, help="the folder to make (new, or empty)")
    parser.add_argument("--title", help="the explainer's title (default: My explainer)")
    parser.add_argument("--lang", choices=["es"], help="add a Spanish overlay (es/)")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    folder: Path = args.dir
    try:
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            return _fail(f"{folder}: not empty; new writes only into a new or an empty folder")
        made = not folder.exists()
    except OSError as error:
        return _fail(f"{folder}: {error.strerror or error}")
    try:
        make(folder, args.title, args.lang)
        for lang in ("en", *([args.lang] if args.lang else [])):  # what check would say, in each language
            load(folder, use_cache=False, lang=lang)
    except (OSError, ContentError) as error:
        _remove(folder, made)  # nothing half made is left behind
        if isinstance(error, ContentError):
            return _fail(f"{folder}: the new folder does not pass check: {error.problems[0]}")
        return _fail(f"{folder}: {error.strerror or error}")
    print(f"{folder}: a new explainer. Open it while you edit it:")
    print(f"  bolivia-explainer --content {folder} --watch")
    return 0


def make(folder: Path, title: str | None, lang: str | None) -> None:
    """Write the worked example into `folder`, with its ui words, schemas and, for `lang`, an overlay."""
    ignore = None if lang else shutil.ignore_patterns("es")
    shutil.copytree(TEMPLATE, folder, ignore=ignore, dirs_exist_ok=True)
    builtin = default_root()
    shutil.copyfile(builtin / UI, folder / UI)
    if lang:
        shutil.copyfile(builtin / lang / UI, folder / lang / UI)
    write_schemas(folder / SCHEMA_DIR)
    if title:
        index = folder / "index.yaml"
        text = index.read_text(encoding="utf-8")
        # A JSON string is a YAML double-quoted scalar: any title is written safely.
        titled = text.replace(TITLE, f"title: {json.dumps(title, ensure_ascii=False)}\n", 1)
        index.write_text(titled, encoding="utf-8")


def _remove(folder: Path, made: bool) -> None:
    """What `make` wrote: the whole folder if it made it, else what it put in it (it was empty)."""
    if made:
        shutil.rmtree(folder, ignore_errors=True)
    elif folder.is_dir():
        for path in folder.iterdir():
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _fail(message: str) -> int:
    print(f"bolivia-explainer new: {message}", file=sys.stderr)
    return 2
