"""Checks that span files: ids are unique, references resolve, paragraphs exist.

The facts they need (ids, references and paragraphs, with their lines) are
taken from the parsed YAML once, while it still knows its lines, and kept
beside the validated file so that a cached file can be checked again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import msgspec

from . import schema
from .lines import LineDict, LineList, strings
from .problems import Problem, did_you_mean, quote


class ClaimFacts(msgspec.Struct, frozen=True, array_like=True):
    line: int
    para: int
    para_line: int
    verdict: str
    has_context: bool
    sources: list[str]
    fact: str


class Facts(msgspec.Struct, frozen=True):
    """What the cross-file checks need from one file."""

    ids: list[tuple[str, int]] = []
    """(id, line) of every entry."""
    refs: list[tuple[str, str, int]] = []
    """(field, id, line) of every reference."""
    claims: list[ClaimFacts] = []
    """What the checks need of every claim."""
    lines: dict[str, int] = {}
    """Lines of top-level items: "sections.0", "article.source", ..."""


def extract_ids(raw: Any) -> list[tuple[str, int]]:
    """(id, line) of every entry, taken before validation drops broken entries."""
    ids: list[tuple[str, int]] = []
    entries = raw.get("entries") if isinstance(raw, dict) else None
    if isinstance(entries, list):
        for item in entries:
            if isinstance(item, LineDict) and isinstance(item.get("id"), str):
                ids.append((item["id"], item.lines.get("id", item.line)))
    return ids


def extract_facts(raw: Any, ids: list[tuple[str, int]]) -> Facts:
    refs: list[tuple[str, str, int]] = []
    claims: list[ClaimFacts] = []
    lines: dict[str, int] = {}
    if not isinstance(raw, LineDict):
        return Facts(ids)
    lines.update(raw.lines)
    for key, value in raw.items():
        if isinstance(value, LineList):
            lines.update((f"{key}.{i}", line) for i, line in enumerate(value.lines))
        elif isinstance(value, LineDict):
            lines.update((f"{key}.{sub}", line) for sub, line in value.lines.items())
    for node in _walk(raw):
        for key in schema.REFERENCES:
            value = node.get(key)
            values = value if isinstance(value, list) else [value]
            for i, ref in enumerate(values):
                if isinstance(ref, str) and not (key == "link" and ref == ""):
                    line = value.lines[i] if isinstance(value, LineList) else node.lines[key]
                    refs.append((key, ref, line))
        para = node.get("para")
        if isinstance(para, int) and not isinstance(para, bool) and "by" in node:
            verdict = node.get("verdict")
            sources = node.get("sources")
            fact = node.get("fact")
            claims.append(
                ClaimFacts(
                    line=node.line,
                    para=para,
                    para_line=node.lines["para"],
                    verdict=verdict if isinstance(verdict, str) else "",
                    has_context=bool(node.get("context")),
                    sources=[s for s in sources if isinstance(s, str)] if isinstance(sources, list) else [],
                    fact=fact if isinstance(fact, str) else "",
                )
            )
    return Facts(ids, refs, claims, lines)


def _walk(node: Any) -> Iterator[LineDict]:
    if isinstance(node, LineDict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def check_ids(
    index: schema.Index, index_facts: Facts, facts: dict[str, Facts]
) -> tuple[set[str], list[Problem]]:
    """Every id once, across sections and entries, and each of the id syntax; returns the known ids."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    for number, section in enumerate(index.sections):
        line = index_facts.lines.get(f"sections.{number}", 0)
        first.setdefault(section.id, ("index.yaml", line))
        problems += _id_syntax("index.yaml", line, section.id)
    for file, found in facts.items():
        for ident, line in found.ids:
            problems += _id_syntax(file, line, ident)
            if ident in first:
                where = first[ident][0] + (f":{first[ident][1]}" if first[ident][1] else "")
                problems.append(Problem(file, line, f"duplicate id {quote(ident)} (also in {where})"))
            else:
                first[ident] = (file, line)
    return set(first), problems


def _id_syntax(file: str, line: int, ident: str) -> list[Problem]:
    if schema.ID_SYNTAX.fullmatch(ident):
        return []
    what = f"id {quote(ident)}: use lower-case letters, digits and single hyphens (as in e-2019-11-10)"
    return [Problem(file, line, what)]


def check_references(
    index: schema.Index,
    index_facts: Facts,
    facts: dict[str, Facts],
    known: set[str],
    sources: dict[str, schema.Source],
) -> list[Problem]:
    """Every reference names a known id; claims cite real paragraphs and dated sources."""
    problems: list[Problem] = []
    paragraphs = index.article.paragraphs
    if index.article.source not in sources:
        line = index_facts.lines.get("article.source", 0)
        what = f"article source {quote(index.article.source)} is not a sources entry"
        problems.append(Problem("index.yaml", line, what))
    for file, found in facts.items():
        in_file: list[Problem] = []
        for key, ref, line in found.refs:
            if ref not in known:
                hint = did_you_mean(ref, sorted(known))
                what = f"{key}: unknown id {quote(ref)}" + (f" ({hint})" if hint else "")
                in_file.append(Problem(file, line, what, hint=hint))
            elif key == "sources" and ref not in sources:
                in_file.append(Problem(file, line, f"sources: {quote(ref)} is not a sources entry"))
        for claim in found.claims:
            if not 0 <= claim.para <= paragraphs:
                what = f"para {claim.para} is outside the article (0-{paragraphs})"
                in_file.append(Problem(file, claim.para_line, what))
            if claim.verdict and claim.verdict != "consistent":
                if not claim.has_context:
                    what = f"a claim judged {claim.verdict} needs a context note"
                    in_file.append(Problem(file, claim.line, what))
                if not claim.sources:
                    what = f"a claim judged {claim.verdict} needs at least one source"
                    in_file.append(Problem(file, claim.line, what))
                # A reader weighing a verdict needs to know how old its evidence is.
                for ref in claim.sources:
                    if ref in sources and not sources[ref].date:
                        what = f"source {quote(ref)} backs a claim judged {claim.verdict} but has no date"
                        in_file.append(Problem(file, claim.line, what))
        problems += sorted(in_file, key=lambda p: p.line)
    problems += check_facts(facts)
    return problems


def check_facts(facts: dict[str, Facts]) -> list[Problem]:
    """Claims marked as the same fact carry the same verdict, in every file."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, str, int]] = {}
    for file, found in facts.items():
        for claim in found.claims:
            if not claim.fact:
                continue
            if claim.fact not in first:
                first[claim.fact] = (claim.verdict, file, claim.line)
                continue
            verdict, where, line = first[claim.fact]
            if claim.verdict != verdict:
                was = _verdict_name(verdict)
                what = (
                    f"fact {quote(claim.fact)} is judged {_verdict_name(claim.verdict)} here"
                    f" but {was} at {where}:{line}"
                )
                problems.append(Problem(file, claim.line, what))
    return problems


def _verdict_name(verdict: str) -> str:
    return verdict or "without a verdict"


# A decimal point between digits, as "88.42" or "0.5": not a thousands group ("1.200").
_DECIMAL_POINT = re.compile(r"(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.,])")


def check_numbers(raw: Any, file: str, mark: str) -> list[Problem]:
    """Figures written with the decimal mark of the file's language (for now: a comma)."""
    if mark != ",":
        return []
    problems: list[Problem] = []
    for text, line, path in strings(raw):
        if _NOT_TEXT.isdisjoint(path):
            for match in _DECIMAL_POINT.finditer(text):
                fixed = match.group().replace(".", ",")
                what = f"{quote(match.group())} has a decimal point; this language writes {quote(fixed)}"
                problems.append(Problem(file, line, what))
    return problems


_NOT_TEXT = frozenset(schema.REFERENCES) | schema.NAMES | schema.FIXED
