"""Load a content folder into one validated, read-only `Content` object."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema
from .check import check_ids, check_references, collect_ids
from .convert import convert
from .problems import ContentError, Problem, quote
from .yamlfile import read_yaml

INDEX_FILE = "index.yaml"
UI_FILE = "ui.yaml"


@dataclass(frozen=True)
class Section:
    """A section as the index names it, with its validated body."""

    ref: schema.SectionRef
    body: schema.Section
    number: int

    @property
    def id(self) -> str:
        return self.ref.id

    @property
    def entries(self) -> list[schema.Entry]:
        return list(getattr(self.body, "entries", []))


@dataclass(frozen=True)
class Content:
    root: Path
    index: schema.Index
    ui: schema.UI
    sections: list[Section]
    entries: dict[str, tuple[Section, schema.Entry]] = field(default_factory=dict)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def has_section(self, section_id: str) -> bool:
        return any(s.id == section_id for s in self.sections)

    def name_of(self, ref: str) -> str:
        """The display name of an entry or section id."""
        if ref in self.entries:
            return entry_name(self.entries[ref][1])
        for section in self.sections:
            if section.id == ref:
                return section.ref.title
        return ref


def entry_name(entry: schema.Entry) -> str:
    if isinstance(entry, schema.Term):
        return entry.term
    if isinstance(entry, schema.Profile):
        return entry.name
    return entry.title


def default_root() -> Path:
    """The content shipped with the app (inside the wheel, or beside the source)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "content"
    return packaged if packaged.is_dir() else here.parent / "content"


def load(root: Path) -> Content:
    """Load and validate `root`; raise ContentError listing every problem."""
    problems: list[Problem] = []
    if not root.is_dir():
        # File "" is the folder itself: the CLI prints it as the folder's path.
        raise ContentError([Problem("", 0, "no such content folder")])

    raw_index, found = read_yaml(root / INDEX_FILE, INDEX_FILE)
    problems += found
    listed = raw_index.get("sections") if isinstance(raw_index, dict) else None
    listed_count = len(listed) if isinstance(listed, list) else 0
    index, found = convert(raw_index, schema.Index, INDEX_FILE) if raw_index is not None else (None, [])
    problems += found
    ui_path = root / UI_FILE
    if not ui_path.exists():
        ui_path = default_root() / UI_FILE
    raw_ui, found = read_yaml(ui_path, UI_FILE)
    problems += found
    ui, found = convert(raw_ui, schema.UI, UI_FILE) if raw_ui is not None else (None, [])
    problems += found
    if index is None or ui is None:
        raise ContentError(problems)

    sections: list[Section] = []
    raws: dict[str, Any] = {}
    seen: dict[str, int] = {}
    ids: list[tuple[str, str, int]] = []
    # Every section the index lists was read; otherwise the ids it holds are unknown.
    complete = len(index.sections) == listed_count
    for number, ref in enumerate(index.sections, start=1):
        line = raw_index["sections"].lines[number - 1]
        if ref.id in seen:
            what = f"duplicate section id {quote(ref.id)} (first on line {seen[ref.id]})"
            problems.append(Problem(INDEX_FILE, line, what))
            complete = False
            continue
        seen[ref.id] = line
        kind = schema.KINDS.get(ref.kind)
        if kind is None:
            close = difflib.get_close_matches(ref.kind, schema.KINDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(schema.KINDS)
            problems.append(Problem(INDEX_FILE, line, f"unknown section kind {quote(ref.kind)} ({hint})"))
            complete = False
            continue
        if Path(ref.file).is_absolute() or ".." in Path(ref.file).parts:
            what = f"section file {quote(ref.file)} must be inside the folder"
            problems.append(Problem(INDEX_FILE, line, what))
            complete = False
            continue
        if not (root / ref.file).is_file():
            problems.append(Problem(INDEX_FILE, line, f"section file {quote(ref.file)} not found"))
            complete = False
            continue
        raw, found = read_yaml(root / ref.file, ref.file)
        problems += found
        if raw is None:
            complete = False
            continue
        ids += collect_ids(raw, ref.file)
        body, found = convert(raw, kind, ref.file)
        problems += found
        if body is not None:
            sections.append(Section(ref, body, number))
            raws[ref.file] = raw
        else:
            complete = False

    entries: dict[str, tuple[Section, schema.Entry]] = {}
    for section in sections:
        for entry in section.entries:
            entries.setdefault(entry.id, (section, entry))
    known, found = check_ids(index, ids)
    problems += found
    sources = {e.id for s in sections for e in s.entries if isinstance(e, schema.Source)}
    # With a section file unread, every reference into it would be reported as
    # unknown and bury the real problem: those checks wait until it is fixed.
    if complete:
        problems += check_references(index, raw_index, known, raws, sources)
    if problems:
        raise ContentError(problems)
    return Content(root, index, ui, sections, entries)
