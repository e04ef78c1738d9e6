"""JSON Schemas of the content files, for authors' editors, made from the structs `check` validates with.

`bolivia-explainer schema` writes one file per kind of content file
(`profiles.schema.json`, ...), and one per kind a translation overlay can be
(`profiles-translation.schema.json`, ...). Each YAML file names its own in a
first line the YAML language server reads:

    # yaml-language-server: $schema=schemas/profiles.schema.json

`schema_lines` checks those lines. Nothing here imports Textual.
"""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path
from typing import Any

import msgspec

from . import schema
from .lines import MAX_TOTAL, Budget, LineDict, read_bytes
from .problems import Problem, quote
from .translate import DATA_FIELDS

# The YAML language server validates with draft 7; msgspec writes schemas that fit it.
DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = "schemas"
TRANSLATION = "-translation"

FILE_KINDS: dict[str, type[msgspec.Struct]] = {
    "index": schema.Index,
    **schema.KINDS,
    "corrections": schema.CorrectionsLog,
    "lesson": schema.Lesson,
    "ui": schema.UI,
}
"""Every kind of content file, by the name its schema file carries."""
OVERLAYS = tuple(kind for kind in FILE_KINDS if kind != "ui")
"""The kinds a translation can be an overlay of (a translated ui.yaml is a whole ui.yaml)."""

_WHAT = {"index": "the index", "corrections": "a corrections log", "lesson": "a lesson", "ui": "a ui.yaml"}
SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(?P<path>\S+)")


def schema_name(kind: str, translation: bool = False) -> str:
    return f"{kind}{TRANSLATION if translation else ''}.schema.json"


def _overlay(cls: Any, made: dict[Any, Any]) -> Any:
    """The struct a translation of `cls` must fit: its text fields only, each optional
    (translate.py says what is missing); lists of things with ids become mappings by id."""
    if cls in made:
        return made[cls]
    fields: list[tuple[str, Any, Any]] = []
    for name, hint in typing.get_type_hints(cls).items():
        kind = _overlay_type(hint, made)
        if name not in DATA_FIELDS and kind is not None:
            fields.append((name, kind | msgspec.UnsetType, msgspec.UNSET))
    made[cls] = msgspec.defstruct(
        f"{cls.__name__}Translation", fields, kw_only=True, forbid_unknown_fields=True, frozen=True
    )
    made[cls].__doc__ = f"The translated text of {cls.__name__}: only the text, in the English file's shape."
    return made[cls]


def _overlay_type(hint: Any, made: dict[Any, Any]) -> Any:
    """The overlay type of one field, or None when the field is not text (it stays in English)."""
    if hint is str:
        return str
    if isinstance(hint, type) and issubclass(hint, msgspec.Struct):
        return _overlay(hint, made)
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        if item is str:
            return list[str]
        if isinstance(item, type) and issubclass(item, msgspec.Struct):
            overlay = _overlay(item, made)
            return dict[str, overlay] if "id" in item.__struct_fields__ else list[overlay]  # type: ignore[valid-type]
    return None


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by its file name."""
    made: dict[Any, Any] = {}
    found = {schema_name(kind): _document(cls, kind) for kind, cls in FILE_KINDS.items()}
    for kind in OVERLAYS:
        found[schema_name(kind, True)] = _document(_overlay(FILE_KINDS[kind], made), f"{kind} translation")
    return found


def _document(cls: Any, kind: str) -> dict[str, Any]:
    (top,), definitions = msgspec.json.schema_components([cls], ref_template="#/definitions/{name}")
    name = top["$ref"].rsplit("/", 1)[-1]
    root = definitions.pop(name)
    _tighten(definitions)
    _tighten({name: root})
    root.pop("title")
    return {
        "$schema": DRAFT,
        "title": f"bolivia-explainer: a {kind} file",
        **root,
        "definitions": definitions,
    }


def _tighten(definitions: dict[str, Any]) -> None:
    """What the structs leave to code but `check` enforces: the section kinds the index may
    name, and the syntax of ids."""
    for name, definition in definitions.items():
        properties = definition.get("properties", {})
        if name == "SectionRef":
            properties["kind"] = {"enum": list(schema.KINDS)}
        if properties.get("id", {}).get("type") == "string":
            properties["id"]["pattern"] = f"^{schema.ID_SYNTAX.pattern}$"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` (made if need be); raises OSError."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in schemas().items():
        path = folder / name
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


# --- the schema line each file starts with -------------------------------------------------------


def expected_schemas(root: Path, languages: list[str]) -> dict[str, str]:
    """The schema each YAML file of the folder should name, by its path as `check` shows it.

    Read from the index as parsed YAML, not as a validated Index: a broken index
    still names its files, and the schema lines are checked whatever else is wrong.
    """
    from .yamlfile import parse_yaml  # PyYAML loads only when a file must be parsed.

    files = {"index.yaml": "index"}
    data, _ = read_bytes(root, "index.yaml", "index.yaml", Budget(MAX_TOTAL))
    index, _ = parse_yaml(data, "index.yaml") if data is not None else (None, [])
    if isinstance(index, LineDict):
        sections, lessons = index.get("sections"), index.get("lessons")
        for ref in sections if isinstance(sections, list) else []:
            kind, file = (ref.get("kind"), ref.get("file")) if isinstance(ref, dict) else (None, None)
            if isinstance(kind, str) and kind in schema.KINDS and isinstance(file, str):
                files[file] = kind
        if isinstance(index.get("corrections"), str):
            files[index["corrections"]] = "corrections"
        if isinstance(lessons, list):
            files.update((file, "lesson") for file in lessons if isinstance(file, str))
    expected = {"ui.yaml": schema_name("ui")}
    expected.update((file, schema_name(kind)) for file, kind in files.items())
    for lang in languages:
        expected[f"{lang}/ui.yaml"] = schema_name("ui")
        expected.update((f"{lang}/{file}", schema_name(kind, True)) for file, kind in files.items())
    inside = {
        file: name
        for file, name in expected.items()
        if not (Path(file).is_absolute() or ".." in Path(file).parts)
    }
    return {file: name for file, name in inside.items() if (root / file).is_file()}


def schema_lines(root: Path, languages: list[str]) -> list[Problem]:
    """Each file's schema line names the schema of its kind (else an error with the right name);
    a missing line is a warning, and only once the folder uses them (any of its files has one)."""
    problems: list[Problem] = []
    missing: list[Problem] = []
    budget = Budget(MAX_TOTAL * (1 + len(languages)))
    expected = expected_schemas(root, languages)
    for file, name in expected.items():
        data, _ = read_bytes(root, file, file, budget)
        if data is None:
            continue  # loading the folder reports why
        found = _schema_line(data.decode("utf-8", "replace"))
        if found is None:
            depth = len(Path(file).parts) - 1
            line = f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{name}"
            hint = f"start the file with {quote(line)}"
            missing.append(Problem(file, 1, f"no schema line ({hint})", hint=hint, severity="warning"))
            continue
        number, column, path = found
        named = path.replace("\\", "/").rsplit("/", 1)[-1]
        if named != name:
            hint = f"did you mean {quote(name)}?"
            kind = name.removesuffix(".schema.json").removesuffix(TRANSLATION)
            what = _WHAT.get(kind, f"a {kind} section")
            what += ", translated" if name.endswith(TRANSLATION + ".schema.json") else ""
            message = f"the schema line names {quote(named)}, but this file is {what} ({hint})"
            problems.append(Problem(file, number, message, column=column, hint=hint))
    used = len(missing) < len(expected)
    return problems + (missing if used else [])


def _schema_line(text: str) -> tuple[int, int, str] | None:
    """(line, column, path) of the schema line among the comments that open the file."""
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            return None
        match = SCHEMA_LINE.search(line)
        if match:
            return number, match.start("path") + 1, match["path"]
    return None
