"""Load a content folder into one validated, read-only `Content` object."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from . import cache, schema
from .check import Facts, check_ids, check_numbers, check_references, extract_facts, extract_ids
from .convert import convert
from .lines import read_bytes
from .problems import ContentError, Problem, quote

INDEX_FILE = "index.yaml"
UI_FILE = "ui.yaml"
CORRECTIONS = "corrections"
"""How links name the corrections log; it is listed in the sources section."""


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
    lang: str = "en"
    corrections: schema.CorrectionsLog | None = None

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
        if ref == CORRECTIONS and self.corrections is not None:
            return self.ui.corrections
        return ref

    def place_of(self, ref: str) -> tuple[str, str | None] | None:
        """Where a reference leads: (section id, entry id or None), or None if nowhere."""
        if self.has_section(ref):
            return ref, None
        if ref in self.entries:
            return self.entries[ref][0].id, ref
        if ref == CORRECTIONS and self.corrections is not None:
            home = next((s for s in self.sections if isinstance(s.body, schema.SourcesSection)), None)
            return (home.id, CORRECTIONS) if home is not None else None
        return None


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


T = TypeVar("T")


def _check_section(ref: schema.SectionRef, body: schema.Section, facts: Facts) -> list[Problem]:
    """Checks within one section: its slides are its own, its quiz answers are options."""
    problems: list[Problem] = []
    own = {ref.id, *(e.id for e in getattr(body, "entries", []))}
    for i, slide in enumerate(body.slides):
        if slide not in own:
            line = facts.lines.get(f"slides.{i}", 0)
            problems.append(
                Problem(ref.file, line, f"slides: {quote(slide)} is not this section or one of its entries")
            )
    if isinstance(body, schema.QuizSection):
        for i, question in enumerate(body.quiz):
            line = facts.lines.get(f"quiz.{i}", 0)
            if len(question.options) < 2 or (question.kind == "truefalse" and len(question.options) != 2):
                want = "exactly 2" if question.kind == "truefalse" else "at least 2"
                problems.append(Problem(ref.file, line, f"a {question.kind} question needs {want} options"))
            if len(set(question.options)) != len(question.options):
                problems.append(Problem(ref.file, line, "the same option is listed twice"))
            if question.answer not in question.options:
                what = f"answer {quote(question.answer)} is not one of the options"
                problems.append(Problem(ref.file, line, what))
    return problems


def _is_empty(body: schema.Section) -> bool:
    """Nothing for a reader to see: no entries, no bars, no story."""
    if isinstance(body, schema.OverviewSection):
        return not (body.intro or body.story or body.why or body.points)
    if isinstance(body, schema.ChartSection):
        return not any(chart.bars for chart in body.charts)
    if isinstance(body, schema.QuizSection):
        return not body.quiz
    return not getattr(body, "entries", None)


def _load_file(
    path: Path, shown: str, cls: type[T], use_cache: bool
) -> tuple[T | None, Facts, list[Problem]]:
    """One file, validated as `cls`: from the cache when its bytes were seen before."""
    data, problems = read_bytes(path, shown)
    if data is None:
        return None, Facts(), problems
    name = cache.key(cls.__name__, data) if use_cache else ""
    hit = cache.get(name, cls) if use_cache else None
    if hit is not None:
        return hit[0], hit[1], []
    from .yamlfile import parse_yaml  # PyYAML loads only when a file must be parsed.

    raw, problems = parse_yaml(data, shown)
    if raw is None:
        return None, Facts(), problems
    ids = extract_ids(raw)
    value, found = convert(raw, cls, shown)
    problems += found
    facts = extract_facts(raw, ids)
    if use_cache and value is not None and not problems:
        cache.put(name, value, facts)
    return value, facts, problems


def _translated(
    root: Path, lang: str, file: str, base: T, use_cache: bool, problems: list[Problem], mark: str = "."
) -> T:
    """`base` with the text of root/lang/file laid over it (see translate.py).

    `mark` is the language's decimal mark: figures in its text must use it.
    """
    shown = f"{lang}/{file}"
    base_bytes, _ = read_bytes(root / file, file)
    data, found = read_bytes(root / lang / file, shown)
    if data is None or base_bytes is None:
        problems += [Problem(shown, 0, "translation file not found")] if data is None else found
        return base
    name = cache.key(f"{type(base).__name__}@{lang}{mark}", base_bytes + b"\0" + data) if use_cache else ""
    hit = cache.get(name, type(base)) if use_cache else None
    if hit is not None:
        return hit[0]
    from .translate import translate
    from .yamlfile import parse_yaml

    raw, found = parse_yaml(data, shown)
    problems += found
    if raw is None:
        return base
    merged, found = translate(base, raw, shown)
    found += check_numbers(raw, shown, mark)
    problems += found
    if use_cache and not found:
        cache.put(name, merged, Facts())
    return merged


def languages(root: Path) -> list[str]:
    """ "en" (the English files themselves) and every folder translating them."""
    found = sorted(p.name for p in root.iterdir() if p.is_dir() and (p / INDEX_FILE).is_file())
    return ["en", *found]


def load(root: Path, *, use_cache: bool = True, lang: str = "en") -> Content:
    """Load and validate `root`; raise ContentError listing every problem.

    With `use_cache`, files whose bytes were validated before are read from
    the cache (see cache.py); the checks across files run every time.
    """
    if not root.is_dir():
        # File "" is the folder itself: the CLI prints it as the folder's path.
        raise ContentError([Problem("", 0, "no such content folder")])

    index, index_facts, problems = _load_file(root / INDEX_FILE, INDEX_FILE, schema.Index, use_cache)
    words = UI_FILE if lang == "en" else f"{lang}/{UI_FILE}"
    ui_path = root / words
    if not ui_path.exists():
        ui_path = default_root() / words
    ui, _, found = _load_file(ui_path, words, schema.UI, use_cache)
    problems += found
    mark = ui.decimal_mark if ui is not None else "."
    if index is not None and lang != "en":
        index = _translated(root, lang, INDEX_FILE, index, use_cache, problems, mark)
    # Every section the index lists was read; otherwise the ids it holds are unknown.
    complete = not problems
    if index is None or ui is None:
        raise ContentError(problems)
    problems += _check_dates(index, index_facts)
    if len(ui.months) != 12:
        problems.append(Problem(words, 0, f"months: {len(ui.months)} names, a year has 12"))

    sections: list[Section] = []
    facts: dict[str, Facts] = {}
    seen: dict[str, int] = {}
    for number, ref in enumerate(index.sections, start=1):
        line = index_facts.lines.get(f"sections.{number - 1}", 0)
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
        missing = _outside_or_missing(root, ref.file, "section file")
        if missing:
            problems.append(Problem(INDEX_FILE, line, missing))
            complete = False
            continue
        body, found_facts, found = _load_file(root / ref.file, ref.file, kind, use_cache)
        problems += found
        if body is not None and lang != "en":
            body = _translated(root, lang, ref.file, body, use_cache, problems, mark)
        facts[ref.file] = found_facts
        if body is not None and not found and _is_empty(body):  # not when broken entries were dropped
            problems.append(Problem(INDEX_FILE, line, f"section {quote(ref.id)} is empty ({ref.file})"))
        if body is not None:
            problems += _check_section(ref, body, found_facts)
        if body is not None:
            sections.append(Section(ref, body, number))
        else:
            complete = False

    corrections = None
    if index.corrections:
        corrections, complete_log = _load_corrections(
            root, index, index_facts, lang, use_cache, mark, facts, problems
        )
        complete = complete and complete_log
        if not any(isinstance(s.body, schema.SourcesSection) for s in sections) and complete:
            line = index_facts.lines.get("corrections", 0)
            what = "corrections: the log is listed in a sources section, and there is none"
            problems.append(Problem(INDEX_FILE, line, what))

    entries: dict[str, tuple[Section, schema.Entry]] = {}
    for section in sections:
        for entry in section.entries:
            entries.setdefault(entry.id, (section, entry))
    known, found = check_ids(index, facts)
    problems += found
    sources = {e.id: e for s in sections for e in s.entries if isinstance(e, schema.Source)}
    # With a section file unread, every reference into it would be reported as
    # unknown and bury the real problem: those checks wait until it is fixed.
    if complete:
        problems += check_references(index, index_facts, facts, known, sources)
    if problems:
        raise ContentError(problems)
    return Content(root, index, ui, sections, entries, lang, corrections)


def _outside_or_missing(root: Path, file: str, what: str) -> str:
    """Why `file`, named in the index, cannot be read; "" when it can."""
    if Path(file).is_absolute() or ".." in Path(file).parts:
        return f"{what} {quote(file)} must be inside the folder"
    if not (root / file).is_file():
        return f"{what} {quote(file)} not found"
    return ""


def _load_corrections(
    root: Path,
    index: schema.Index,
    index_facts: Facts,
    lang: str,
    use_cache: bool,
    mark: str,
    facts: dict[str, Facts],
    problems: list[Problem],
) -> tuple[schema.CorrectionsLog | None, bool]:
    """The corrections log the index names, and whether it was read whole."""
    line = index_facts.lines.get("corrections", 0)
    missing = _outside_or_missing(root, index.corrections, "corrections file")
    if missing:
        problems.append(Problem(INDEX_FILE, line, missing))
        return None, False
    file = index.corrections
    log, found_facts, found = _load_file(root / file, file, schema.CorrectionsLog, use_cache)
    problems += found
    facts[file] = found_facts
    if log is None:
        return None, False
    for i, correction in enumerate(log.entries):
        if not _is_day(correction.date):
            where = found_facts.lines.get(f"entries.{i}", 0)
            problems.append(Problem(file, where, f"date {quote(correction.date)} is not a day (YYYY-MM-DD)"))
    if lang != "en":
        log = _translated(root, lang, file, log, use_cache, problems, mark)
    return log, not found


def _check_dates(index: schema.Index, index_facts: Facts) -> list[Problem]:
    if index.checked and not _is_day(index.checked):
        line = index_facts.lines.get("checked", 0)
        return [Problem(INDEX_FILE, line, f"checked: {quote(index.checked)} is not a day (YYYY-MM-DD)")]
    return []


def _is_day(text: str) -> bool:
    try:
        return len(text) == 10 and date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False
