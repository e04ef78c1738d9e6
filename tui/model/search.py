"""Full-text search over every section and entry of a content folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import msgspec

from . import schema
from .content import Content, entry_name


@dataclass(frozen=True)
class Hit:
    section: str
    item: str | None
    title: str
    snippet: str


@dataclass(frozen=True)
class _Doc:
    section: str
    item: str | None
    title: str
    text: str
    folded: str
    folded_title: str


# Fields a reader never sees as written: ids, references, enum values (a verdict is shown in
# the content's words, a quiz kind not at all), fact and file names.
_NOT_SHOWN = frozenset(schema.REFERENCES) | schema.NAMES


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            if name not in _NOT_SHOWN:
                yield from _strings(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def fold(text: str) -> str:
    """Lower-case and strip common accents, so 'anez' finds 'Áñez'."""
    return text.casefold().translate(_ACCENTS)


_ACCENTS = str.maketrans("áàâäãéèêëíìîïóòôöõúùûüñç", "aaaaaeeeeiiiiooooouuuunc")


class SearchIndex:
    """Every section's own text and every entry, searchable by all their words."""

    def __init__(self, content: Content) -> None:
        docs: list[_Doc] = []
        for section in content.sections:
            own = msgspec.structs.replace(section.body, **({"entries": []} if section.entries else {}))
            text = " ".join([section.ref.title, section.ref.blurb, *_strings(own)])
            docs.append(_Doc(section.id, None, section.ref.title, text, fold(text), fold(section.ref.title)))
            for entry in section.entries:
                title = entry_name(entry)
                text = " ".join(_strings(entry))
                docs.append(_Doc(section.id, entry.id, title, text, fold(text), fold(title)))
        self._docs = docs

    def __len__(self) -> int:
        return len(self._docs)

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """Places holding every word of `query`; title matches first."""
        words = fold(query).split()
        if not words:
            return []
        first: list[Hit] = []
        rest: list[Hit] = []
        for doc in self._docs:
            if all(word in doc.folded for word in words):
                hit = Hit(doc.section, doc.item, doc.title, _snippet(doc, words[0]))
                (first if all(w in doc.folded_title for w in words) else rest).append(hit)
                if len(first) >= limit:
                    break
        return (first + rest)[:limit]


def _snippet(doc: _Doc, word: str, width: int = 70) -> str:
    at = doc.folded.find(word)
    start = max(0, at - width // 3)
    piece = doc.text[start : start + width].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width < len(doc.text) else "")
