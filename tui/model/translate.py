"""Translations as overlays: text only, laid over the English structure.

A translated file (content/LANG/FILE) has the English file's shape, with only
its text: ids, numbers, dates, verdicts and references stay in the English
file alone, so the two languages cannot drift apart. Lists of things with ids
(entries, the index's sections) become mappings keyed by id; other lists keep
the English length and order. Every problem is reported as file:line.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

from .lines import LineDict, LineList
from .problems import Problem, did_you_mean, quote
from .schema import FIXED, NAMES, REFERENCES, Question

T = TypeVar("T")

DATA_FIELDS = frozenset(REFERENCES) | NAMES | FIXED
"""Fields defined once, in the English files: never translated."""

PROSE_FIELDS = frozenset(
    {
        "summary",
        "text",
        "context",
        "definition",
        "intro",
        "story",
        "why",
        "explanation",
        "question",
        "note",
        "blurb",
        "questions",
    }
)
"""Fields whose English text, left as it is, means it was not translated."""


def _translatable(name: str, value: Any) -> bool:
    if name in DATA_FIELDS:
        return False
    if isinstance(value, str | msgspec.Struct):
        return True
    return isinstance(value, list) and all(isinstance(v, str | msgspec.Struct) for v in value)


def _has_ids(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(i, msgspec.Struct) and hasattr(i, "id") for i in items)


class _Merger:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line: int, what: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, line, what, hint=hint))

    def struct(self, base: Any, over: Any, where: str, line: int) -> Any:
        if not isinstance(over, LineDict):
            self.problem(getattr(over, "line", line), f"{where}: expected a mapping of translated fields")
            return base
        changes: dict[str, Any] = {}
        names = [n for n in base.__struct_fields__ if _translatable(n, getattr(base, n))]
        for name in names:
            value = getattr(base, name)
            if name not in over:
                if value:
                    self.problem(over.line, f"{where}: '{name}' is not translated")
                continue
            changes[name] = self.value(
                value, over[name], f"{where}.{name}" if where else name, over.lines[name], name
            )
        for key, key_line in over.lines.items():
            if key not in names:
                mean = did_you_mean(key, names)
                what = f"unknown field {quote(key)} ({mean or 'not a text field here'})"
                self.problem(key_line, f"{where + ': ' if where else ''}{what}", mean)
        merged = msgspec.structs.replace(base, **changes)
        if isinstance(base, Question) and base.answer in base.options:
            position = base.options.index(base.answer)
            if position < len(merged.options):
                merged = msgspec.structs.replace(merged, answer=merged.options[position])
        return merged

    def value(self, base: Any, over: Any, where: str, line: int, name: str) -> Any:
        if isinstance(base, str):
            if not isinstance(over, str):
                self.problem(getattr(over, "line", line), f"{where}: expected text")
                return base
            if over == base and name in PROSE_FIELDS and len(base.split()) >= 4:
                self.problem(line, f"{where}: left untranslated")
            return over
        if isinstance(base, msgspec.Struct):
            return self.struct(base, over, where, line)
        if _has_ids(base):
            return self.keyed(base, over, where, line)
        if not isinstance(over, LineList):
            self.problem(getattr(over, "line", line), f"{where}: expected a list")
            return base
        if len(over) != len(base):
            self.problem(over.line, f"{where}: {len(over)} items, the English has {len(base)}")
        return [
            self.value(b, o, f"{where}[{i}]", over.lines[i], name)
            for i, (b, o) in enumerate(zip(base, over, strict=False))
        ] + base[len(over) :]

    def keyed(self, base: list[Any], over: Any, where: str, line: int) -> list[Any]:
        if not isinstance(over, LineDict):
            self.problem(getattr(over, "line", line), f"{where}: expected a mapping from id to text")
            return base
        ids = [item.id for item in base]
        merged = []
        for item in base:
            if item.id in over:
                merged.append(self.struct(item, over[item.id], item.id, over.lines[item.id]))
            else:
                self.problem(over.line, f"{where}: {quote(item.id)} has no translation")
                merged.append(item)
        for key, key_line in over.lines.items():
            if key not in ids:
                self.problem(key_line, f"{where}: {quote(key)} is not in the English content")
        return merged


def translate(base: T, overlay: Any, file: str) -> tuple[T, list[Problem]]:
    """`base` with the overlay's text laid over it, and every mismatch found."""
    merger = _Merger(file)
    merged: T = merger.struct(base, overlay, "", 1)
    return merged, merger.problems
