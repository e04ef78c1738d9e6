"""Full-text search over every section and entry of a content folder.

It searches the page tree, so it finds the words a reader sees (a verdict's
word, a quiz's options) and never an id, a reference or an enum value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..model import Content
from .build import handout
from .tree import Entry, words

Span = tuple[int, int]
"""Where a match is in a string: its first character and the one after its last."""


@dataclass(frozen=True)
class Hit:
    section: str
    item: str | None
    title: str
    snippet: str
    """Text of the place around the first match, cut between words, never the title again."""
    marks: tuple[Span, ...] = ()
    """Where the query's words are in the snippet."""
    title_marks: tuple[Span, ...] = ()
    """Where the query's words are in the title."""


@dataclass(frozen=True)
class _Doc:
    section: str
    item: str | None
    title: str
    text: str
    folded: str
    folded_title: str
    body: int
    """Where the text after its title begins: snippets show this part."""


def _doc(section: str, item: str | None, title: str, words: Iterable[str]) -> _Doc:
    """A searchable place; `words` start with the title the place is known by on its page."""
    shown = [word.replace("\n", " ") for word in words if word]
    text = " ".join(shown)
    body = min(len(text), len(shown[0]) + 1) if shown else 0
    return _Doc(section, item, title, text, fold(text), fold(title), body)


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'anez' finds 'Áñez'.

    One character for one: a match's place in the folded text is its place in
    the text, which the snippets and the page's highlight rely on.
    """
    return text.translate(_FOLDED)


class _Folding(dict[int, str]):
    """Each character's folded form, worked out the first time it is met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        lower = char.casefold()
        if len(lower) != 1:  # "ß" folds to "ss": keep it one character
            lower = char.lower() if len(char.lower()) == 1 else char
        parts = unicodedata.normalize("NFD", lower)  # "á" is "a" and a combining accent
        folded = parts[0] if all(unicodedata.combining(mark) for mark in parts[1:]) else lower
        self[code] = folded
        return folded


_FOLDED = _Folding()


def matches(text: str, words: Iterable[str]) -> list[Span]:
    """Every place in `text` where one of `words` is, folded, in order; overlapping ones joined."""
    folded = fold(text)
    found: list[Span] = []
    for word in {fold(word) for word in words if word}:
        at = folded.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = folded.find(word, at + 1)
    joined: list[Span] = []
    for start, end in sorted(found):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


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
                snippet, marks = _snippet(doc, words)
                hit = Hit(doc.section, doc.item, doc.title, snippet, marks, tuple(matches(doc.title, words)))
                (first if all(w in doc.folded_title for w in words) else rest).append(hit)
                if len(first) >= limit:
                    break
        return (first + rest)[:limit]


CUT = "…"
"""Where a snippet leaves text out."""


SNIPPET = 64
"""A snippet's width: one line in the search dialog at 80 columns."""


def _snippet(doc: _Doc, words: Sequence[str], width: int = SNIPPET) -> tuple[str, tuple[Span, ...]]:
    """About `width` characters of whole words around the first match after the title:
    one line in the dialog at 80 columns."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", doc.text[doc.body :])]
    if not spans:
        return "", ()
    found = [at for at in (doc.folded.find(word, doc.body) for word in words) if at >= 0]
    at = min(found) - doc.body if found else 0
    hit = next(n for n, (_, end) in enumerate(spans) if end > at)  # the word the match is in
    # A third of the width before the match, from a word's start; the match's word at least.
    first = next(n for n, (start, _) in enumerate(spans) if start >= at - width // 3 or n == hit)
    if spans[hit][1] - spans[first][0] > width:  # the match's word is long: it alone
        first = hit
    last = hit
    while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= width:
        last += 1
    piece = doc.text[doc.body + spans[first][0] : doc.body + spans[last][1]]
    before = CUT if first > 0 else ""
    after = CUT if last < len(spans) - 1 else ""
    if len(piece) > width:  # one word longer than a line, a web address: the part around the match
        start = max(0, min(at - spans[first][0] - width // 3, len(piece) - width))
        before = CUT if before or start else ""
        after = CUT if after or start + width < len(piece) else ""
        piece = piece[start : start + width]
    marks = tuple((start + len(before), end + len(before)) for start, end in matches(piece, words))
    return before + piece + after, marks
