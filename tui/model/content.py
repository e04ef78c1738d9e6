"""Load a content folder into one validated, read-only `Content` object."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from . import cache, schema
from .check import Facts, check_ids, check_numbers, check_references, extract_facts, extract_ids
from .convert import convert
from .lessons import check_lesson
from .lines import Budget, read_bytes
from .problems import ContentError, Problem, did_you_mean, quote

INDEX_FILE = "index.yaml"
UI_FILE = "ui.yaml"
MAX_OPTIONS = 6
"""Options a quiz question may have: the quiz answers them with the keys a to f."""
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
    lessons: list[schema.Lesson] = field(default_factory=list)
    _by_id: dict[str, Section] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {s.id: s for s in self.sections})

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError (not StopIteration) if there is none."""
        return self._by_id[section_id]

    def has_section(self, section_id: str) -> bool:
        return section_id in self._by_id

    def name_of(self, ref: str) -> str:
        """The display name of an entry or section id."""
        if ref in self.entries:
            return entry_name(self.entries[ref][1])
        if ref in self._by_id:
            return self._by_id[ref].ref.title
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
    shown = set(body.slides or [ref.id])
    for i, note in enumerate(body.notes):
        if note.slide not in shown:
            line = facts.lines.get(f"notes.{i}", 0)
            problems.append(
                Problem(ref.file, line, f"notes: {quote(note.slide)} is not one of this section's slides")
            )
    if isinstance(body, schema.QuizSection):
        for i, question in enumerate(body.quiz):
            line = facts.lines.get(f"quiz.{i}", 0)
            if len(question.options) < 2 or (question.kind == "truefalse" and len(question.options) != 2):
                want = "exactly 2" if question.kind == "truefalse" else "at least 2"
                problems.append(Problem(ref.file, line, f"a {question.kind} question needs {want} options"))
            if len(question.options) > MAX_OPTIONS:  # a reader answers with the letters a to f
                problems.append(Problem(ref.file, line, f"at most {MAX_OPTIONS} options (a to f)"))
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


class _Reader:
    """Reads and validates the files of one folder in one language, gathering problems."""

    def __init__(self, root: Path, lang: str, use_cache: bool) -> None:
        self.root = root
        self.lang = lang
        self.use_cache = use_cache
        self.budget = Budget()
        self.problems: list[Problem] = []
        self.mark = "."
        """The language's decimal mark, once its ui.yaml is read."""

    def file(
        self, file: str, cls: type[T], root: Path | None = None, shown: str | None = None
    ) -> tuple[T | None, Facts, bytes]:
        """One file, validated as `cls`: from the cache when its bytes were seen before."""
        shown = shown or file
        data, problems = read_bytes(root or self.root, file, shown, self.budget)
        self.problems += problems
        if data is None:
            return None, Facts(), b""
        name = cache.key(cls.__name__, data) if self.use_cache else ""
        hit = cache.get(name, cls) if self.use_cache else None
        if hit is not None:
            return hit[0], hit[1], data
        from .yamlfile import first_columns, parse_yaml  # PyYAML loads only when a file must be parsed.

        raw, problems = parse_yaml(data, shown)
        self.problems += problems
        if raw is None:
            return None, Facts(), data
        ids = extract_ids(raw)
        value, found = convert(raw, cls, shown)
        self.problems += first_columns(found, data)
        facts = extract_facts(raw, ids)
        if self.use_cache and value is not None and not problems and not found:
            cache.put(name, value, facts)
        return value, facts, data

    def translated(self, file: str, base: T, base_bytes: bytes) -> T:
        """`base` with the text of root/lang/file laid over it (see translate.py)."""
        if self.lang == "en":
            return base
        shown = f"{self.lang}/{file}"
        data, found = read_bytes(self.root, shown, shown, self.budget)
        if data is None:
            missing = found and found[0].message == "file not found"
            self.problems += [Problem(shown, 0, "translation file not found")] if missing else found
            return base
        kind = f"{type(base).__name__}@{self.lang}{self.mark}"
        name = cache.key(kind, base_bytes + b"\0" + data) if self.use_cache else ""
        hit = cache.get(name, type(base)) if self.use_cache else None
        if hit is not None:
            return hit[0]
        from .translate import translate
        from .yamlfile import first_columns, parse_yaml

        raw, found = parse_yaml(data, shown)
        self.problems += found
        if raw is None:
            return base
        merged, found = translate(base, raw, shown)
        found += check_numbers(raw, shown, self.mark)
        self.problems += first_columns(found, data)
        if self.use_cache and not found:
            cache.put(name, merged, Facts())
        return merged

    def ui(self) -> schema.UI | None:
        """The interface words: the folder's own, or the built-in ones."""
        words = UI_FILE if self.lang == "en" else f"{self.lang}/{UI_FILE}"
        own = (self.root / words).exists() or (self.root / words).is_symlink()
        ui, _, _ = self.file(words, schema.UI, None if own else default_root())
        if ui is not None:
            self.mark = ui.decimal_mark
            if len(ui.months) != 12:
                self.problems.append(Problem(words, 0, f"months: {len(ui.months)} names, a year has 12"))
        return ui

    def section(
        self, ref: schema.SectionRef, kind: type[schema.Section], line: int
    ) -> tuple[Section | None, Facts]:
        missing = _outside_or_missing(self.root, ref.file, "section file")
        if missing:
            self.problems.append(Problem(INDEX_FILE, line, missing))
            return None, Facts()
        before = len(self.problems)
        body, facts, data = self.file(ref.file, kind)
        if body is None:
            return None, facts
        body = self.translated(ref.file, body, data)
        if len(self.problems) == before and _is_empty(body):  # not when broken entries were dropped
            self.problems.append(Problem(INDEX_FILE, line, f"section {quote(ref.id)} is empty ({ref.file})"))
        self.problems += _check_section(ref, body, facts)
        return Section(ref, body, 0), facts

    def corrections(
        self, index: schema.Index, index_facts: Facts
    ) -> tuple[schema.CorrectionsLog | None, Facts]:
        """The corrections log the index names."""
        line = index_facts.lines.get("corrections", 0)
        missing = _outside_or_missing(self.root, index.corrections, "corrections file")
        if missing:
            self.problems.append(Problem(INDEX_FILE, line, missing))
            return None, Facts()
        file = index.corrections
        log, facts, data = self.file(file, schema.CorrectionsLog)
        if log is None:
            return None, facts
        for i, correction in enumerate(log.entries):
            if not _is_day(correction.date):
                where = facts.lines.get(f"entries.{i}", 0)
                what = f"date {quote(correction.date)} is not a day (YYYY-MM-DD)"
                self.problems.append(Problem(file, where, what))
        return self.translated(file, log, data), facts

    def lesson(self, file: str, line: int) -> tuple[schema.Lesson | None, Facts]:
        """A lesson the index lists, in this language."""
        missing = _outside_or_missing(self.root, file, "lesson file")
        if missing:
            self.problems.append(Problem(INDEX_FILE, line, missing))
            return None, Facts()
        lesson, facts, data = self.file(file, schema.Lesson)
        if lesson is None:
            return None, facts
        return self.translated(file, lesson, data), facts


def languages(root: Path) -> list[str]:
    """ "en" (the English files themselves) and every folder inside `root` translating them."""
    return [
        "en",
        *sorted(p.name for p in _language_folders(root) if p.resolve().is_relative_to(root.resolve())),
    ]


def foreign_languages(root: Path) -> list[str]:
    """Translation folders that are links to somewhere outside `root`: never read."""
    return sorted(p.name for p in _language_folders(root) if not p.resolve().is_relative_to(root.resolve()))


def _language_folders(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.is_dir() and (p / INDEX_FILE).is_file()]


def load(root: Path, *, use_cache: bool = True, lang: str = "en") -> Content:
    """Load and validate `root`; raise ContentError listing every problem.

    With `use_cache`, files whose bytes were validated before are read from
    the cache (see cache.py); the checks across files run every time.
    """
    if not root.is_dir():
        # File "" is the folder itself: the CLI prints it as the folder's path.
        raise ContentError([Problem("", 0, "no such content folder")])
    reader = _Reader(root, lang, use_cache)
    index, index_facts, index_bytes = reader.file(INDEX_FILE, schema.Index)
    ui = reader.ui()
    if index is None or ui is None:
        raise ContentError(reader.problems)
    index = reader.translated(INDEX_FILE, index, index_bytes)
    # Every section the index lists was read; otherwise the ids it holds are unknown.
    complete = not reader.problems
    reader.problems += _check_dates(index, index_facts)

    sections: list[Section] = []
    facts: dict[str, Facts] = {}
    seen: dict[str, int] = {}
    for number, ref in enumerate(index.sections, start=1):
        line = index_facts.lines.get(f"sections.{number - 1}", 0)
        if ref.id in seen:
            what = f"duplicate section id {quote(ref.id)} (first on line {seen[ref.id]})"
            reader.problems.append(Problem(INDEX_FILE, line, what))
            complete = False
            continue
        seen[ref.id] = line
        kind = schema.KINDS.get(ref.kind)
        if kind is None:
            hint = did_you_mean(ref.kind, schema.KINDS)
            what = f"unknown section kind {quote(ref.kind)} ({hint or 'known: ' + ', '.join(schema.KINDS)})"
            reader.problems.append(Problem(INDEX_FILE, line, what, hint=hint))
            complete = False
            continue
        section, facts[ref.file] = reader.section(ref, kind, line)
        if section is None:
            complete = False
            continue
        sections.append(Section(ref, section.body, number))

    corrections = None
    if index.corrections:
        corrections, log_facts = reader.corrections(index, index_facts)
        facts[index.corrections] = log_facts
        complete = complete and corrections is not None
        if corrections is not None and not any(isinstance(s.body, schema.SourcesSection) for s in sections):
            line = index_facts.lines.get("corrections", 0)
            what = "corrections: the log is listed in a sources section, and there is none"
            reader.problems.append(Problem(INDEX_FILE, line, what))

    lessons: list[schema.Lesson] = []
    for i, file in enumerate(index.lessons):
        line = index_facts.lines.get(f"lessons.{i}", 0)
        lesson, facts[file] = reader.lesson(file, line)
        if lesson is None:
            complete = False
            continue
        lessons.append(lesson)
        reader.problems += check_lesson(
            file, lesson, facts[file], [s.body for s in sections], [s.ref.id for s in sections]
        )

    entries: dict[str, tuple[Section, schema.Entry]] = {}
    for section in sections:
        for entry in section.entries:
            entries.setdefault(entry.id, (section, entry))
    known, found = check_ids(index, index_facts, facts)
    reader.problems += found
    sources = {e.id: e for s in sections for e in s.entries if isinstance(e, schema.Source)}
    # With a section file unread, every reference into it would be reported as
    # unknown and bury the real problem: those checks wait until it is fixed.
    if complete:
        reader.problems += check_references(index, index_facts, facts, known, sources)
    if reader.problems:
        raise ContentError(reader.problems)
    return Content(root, index, ui, sections, entries, lang, corrections, lessons)


def _outside_or_missing(root: Path, file: str, what: str) -> str:
    """Why `file`, named in the index, cannot be read; "" when it can be tried."""
    if Path(file).is_absolute() or ".." in Path(file).parts:
        return f"{what} {quote(file)} must be inside the folder"
    if not (root / file).exists():
        return f"{what} {quote(file)} not found"
    return ""


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
