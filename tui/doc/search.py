"""Full-text search over every section and entry of a content folder.

It searches the page tree, so it finds the words a reader sees (a verdict's
word, a quiz's options) and never an id, a reference or an enum value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model import Content
from .build import handout
from .tree import Entry, words


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


def _doc(section: str, item: str | None, title: str, words: Iterable[str]) -> _Doc:
    text = " ".join(word for word in words if word)
    return _Doc(section, item, title, text, fold(text), fold(title))


def fold(text: str) -> str:
    """Lower-case and strip common accents, so 'anez' finds 'Áñez'."""
    return text.casefold().translate(_ACCENTS)


_ACCENTS = str.maketrans("áàâäãéèêëíìîïóòôöõúùûüñç", "aaaaaeeeeiiiiooooouuuunc")


class SearchIndex:
    """Every section's own text and every entry, searchable by all their words."""

    def __init__(self, content: Content) -> None:
        docs: list[_Doc] = []
        for section in handout(content, paper=False).sections:
            place = content.place_of(section.id)
            if place is None:
                continue
            home, item = place
            own = [section.title, section.blurb]
            entries: list[_Doc] = []
            for block in section.blocks:
                if not isinstance(block, Entry):
                    own += words(block)
                elif item is None:
                    entries.append(_doc(home, block.id, block.title, words(block)))
                else:  # an entry of the log: the log's page is the place to show
                    entries.append(_doc(home, item, f"{section.title} · {block.title}", words(block)))
            docs += [_doc(home, item, section.title, own), *entries]
        self._docs = docs

    def __len__(self) -> int:
        return len(self._docs)

    def texts(self) -> Iterator[tuple[str | None, str]]:
        """Each searchable page's entry id (None for a section's own page) and its words."""
        return ((doc.item, doc.text) for doc in self._docs)

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
