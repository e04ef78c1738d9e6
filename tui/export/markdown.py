"""The handout as Markdown (CommonMark with GitHub's tables).

Content text is escaped so that nothing in a YAML file turns into a link,
emphasis, raw HTML or a list: the content is data, never markup.
"""

from __future__ import annotations

import re

from ..model import Content
from ..model.text import printable
from .blocks import (
    Answers,
    BarRow,
    Block,
    Bullets,
    ChartBlock,
    ClaimBlock,
    Document,
    Entry,
    Heading,
    Links,
    Para,
    Questions,
    Quiz,
    Ref,
    SectionDoc,
    Titled,
    anchor,
)
from .common import build

BAR_CELLS = 20
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# What makes a line a list item, quote or setext underline when it starts one.
_BLOCK_START = re.compile(r"([-+=>]|\d+(?=[.)]))")
_AUTOLINK = re.compile(r"https?://[^\s<>]+")


def text(value: str, *, line_start: bool = True) -> str:
    """Content text as literal Markdown, on one line."""
    value = _INLINE.sub(r"\\\1", " ".join(printable(value).split()))
    if line_start:
        match = _BLOCK_START.match(value)
        if match:
            end = match.end()
            value = value[:end] + "\\" + value[end:] if match[1][0].isdigit() else "\\" + value
    return value


def link(ref: Ref) -> str:
    name = text(ref.name, line_start=False)
    return f"[{name}](#{ref.anchor})" if ref.linked else name


def links(row: Links) -> str:
    return f"{text(row.label)}: " + " · ".join(link(ref) for ref in row.refs)


def render(content: Content, section_id: str | None = None) -> str:
    return document(build(content, section_id))


def document(doc: Document) -> str:
    out = [f"# {text(doc.title, line_start=False)}"]
    if doc.subtitle:
        out.append(f"*{text(doc.subtitle, line_start=False)}*")
    if doc.checked:
        out.append(text(doc.checked))
    if doc.contents:
        out.append(f"## {text(doc.contents_label, line_start=False)}")
        items = []
        for number, item in enumerate(doc.contents, start=1):
            blurb = f" — {text(item.blurb, line_start=False)}" if item.blurb else ""
            items.append(f"{number}. {link(item.ref)}{blurb}")
        out.append("\n".join(items))
    for section in doc.sections:
        out += _section(section)
    return "\n\n".join(out) + "\n"


def _heading(level: int, title: str, ident: str | None = None) -> str:
    target = f'<a id="{ident}"></a>' if ident else ""
    return f"{'#' * level} {target}{text(title, line_start=False)}"


def _section(section: SectionDoc) -> list[str]:
    out = [_heading(2, section.heading, anchor(section.id))]
    for block in section.blocks:
        out += _block(block)
    return out


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [_heading(block.level, block.text)]
    if isinstance(block, Para):
        return [_para(block)]
    if isinstance(block, Titled):
        out = [_heading(3, block.title), text(block.text)]
        return [*out, links(block.related)] if block.related else out
    if isinstance(block, Links):
        return [links(block)]
    if isinstance(block, Bullets):
        return ["\n".join(f"- {text(item)}" for item in block.items)]
    if isinstance(block, ClaimBlock):
        return [_claim(block)]
    if isinstance(block, ChartBlock):
        return _chart(block)
    if isinstance(block, Questions):
        numbered = (f"{n}. {text(q)}" for n, q in enumerate(block.items, start=1))
        return [_heading(3, block.label), "\n".join(numbered)]
    if isinstance(block, Quiz):
        return [_quiz(block)]
    if isinstance(block, Answers):
        return [_heading(3, block.label), _answers(block)]
    return _entry(block)


def _quiz(quiz: Quiz) -> str:
    items = []
    for n, item in enumerate(quiz.items, start=1):
        marker = f"{n}. "
        # Options nest under the question: indented to where its text starts.
        options = "\n".join(f"{' ' * len(marker)}- {text(o, line_start=False)}" for o in item.options)
        items.append(f"{marker}{text(item.question)}\n\n{options}")
    return "\n\n".join(items)


def _answers(answers: Answers) -> str:
    items = []
    for n, item in enumerate(answers.items, start=1):
        line = f"{n}. **{text(item.answer, line_start=False)}** {text(item.explanation, line_start=False)}"
        if item.learn:
            line += f" {links(item.learn)}"
        items.append(line)
    return "\n".join(items)


def _para(para: Para) -> str:
    if para.style == "url" and _AUTOLINK.fullmatch(para.text) and printable(para.text) == para.text:
        return f"<{para.text}>"
    if para.style == "meta":
        return f"*{text(para.text, line_start=False)}*"
    return text(para.text)


def _claim(claim: ClaimBlock) -> str:
    # A loose list item: each part its own paragraph, indented under the claim.
    said = f"*{text(claim.attribution, line_start=False)}*"
    if claim.badge:
        said += f" **[{text(claim.badge, line_start=False)}]**"
    parts = [f"**{text(claim.text, line_start=False)}**", said]
    if claim.context:
        parts.append(f"{text(claim.context_label)}: {text(claim.context, line_start=False)}")
    if claim.sources:
        parts.append(links(claim.sources))
    return "- " + "\n\n  ".join(parts)


def _chart(chart: ChartBlock) -> list[str]:
    official = text(chart.official_label, line_start=False)
    claimed = text(chart.claimed_label, line_start=False)
    rows = [f"|  |  | {official} | {claimed} |", "|---|---|--:|---|"]
    rows += [_bar(row) for row in chart.rows]
    out = [_heading(3, chart.title), "\n".join(rows)]
    return [*out, text(chart.note)] if chart.note else out


def _bar(row: BarRow) -> str:
    cells = round(row.fraction * BAR_CELLS)
    bar = "█" * cells + "░" * (BAR_CELLS - cells)
    label = text(row.label, line_start=False)
    if row.link and row.link.linked:
        label = f"[{label}](#{row.link.anchor})"
    value, claimed = text(row.value, line_start=False), text(row.claimed, line_start=False)
    return f"| {label} | {bar} | {value} | {claimed} |"


def _entry(entry: Entry) -> list[str]:
    out = [_heading(3, entry.heading, anchor(entry.id))]
    for block in entry.blocks:
        out += _block(block)
    return out
