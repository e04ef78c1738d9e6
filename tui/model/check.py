"""Checks that span files: ids are unique, references resolve, paragraphs exist.

They walk the parsed YAML (not the structs) because it still knows its lines.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from . import schema
from .problems import Problem, quote
from .yamlfile import LineDict, LineList

REFERENCE_FIELDS = ("links", "link", "by", "sources")


def collect_ids(raw: Any, file: str) -> list[tuple[str, str, int]]:
    """(id, file, line) of every entry in a parsed section file."""
    found: list[tuple[str, str, int]] = []
    entries = raw.get("entries") if isinstance(raw, dict) else None
    if isinstance(entries, list):
        for item in entries:
            if isinstance(item, LineDict) and isinstance(item.get("id"), str):
                found.append((item["id"], file, item.lines.get("id", item.line)))
    return found


def _walk(node: Any) -> Iterator[LineDict]:
    if isinstance(node, LineDict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def check_ids(index: schema.Index, ids: list[tuple[str, str, int]]) -> tuple[set[str], list[Problem]]:
    """Every id once, across sections and entries; returns the known ids."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {s.id: ("index.yaml", 0) for s in index.sections}
    for ident, file, line in ids:
        if ident in first:
            where = first[ident][0] + (f":{first[ident][1]}" if first[ident][1] else "")
            problems.append(Problem(file, line, f"duplicate id {quote(ident)} (also in {where})"))
        else:
            first[ident] = (file, line)
    return set(first), problems


def check_references(
    index: schema.Index, raw_index: Any, known: set[str], raws: dict[str, Any], sources: set[str]
) -> list[Problem]:
    """Every reference names a known id; claims cite real paragraphs."""
    problems: list[Problem] = []
    paragraphs = index.article.paragraphs
    if index.article.source not in sources:
        article = raw_index.get("article")
        line = article.lines.get("source", 0) if isinstance(article, LineDict) else 0
        what = f"article source {quote(index.article.source)} is not a sources entry"
        problems.append(Problem("index.yaml", line, what))
    for file, raw in raws.items():
        for node in _walk(raw):
            for key in REFERENCE_FIELDS:
                value = node.get(key)
                refs = value if isinstance(value, list) else [value] if isinstance(value, str) else []
                for i, ref in enumerate(refs):
                    if not isinstance(ref, str) or (key == "link" and ref == ""):
                        continue
                    line = value.lines[i] if isinstance(value, LineList) else node.lines[key]
                    if ref not in known:
                        what = f"{key}: unknown id {quote(ref)}{_hint(ref, known)}"
                        problems.append(Problem(file, line, what))
                    elif key == "sources" and ref not in sources:
                        problems.append(Problem(file, line, f"sources: {quote(ref)} is not a sources entry"))
            para = node.get("para")
            if isinstance(para, int) and "by" in node and not 0 <= para <= paragraphs:
                problems.append(
                    Problem(file, node.lines["para"], f"para {para} is outside the article (0-{paragraphs})")
                )
    return problems


def _hint(ref: str, known: set[str]) -> str:
    close = difflib.get_close_matches(ref, sorted(known), n=1)
    return f" (did you mean {quote(close[0])}?)" if close else ""
