"""The handout as Markdown (CommonMark with GitHub's tables).

Content text is escaped so that nothing in a YAML file turns into a link,
emphasis, raw HTML or a list: the content is data, never markup.
"""

from __future__ import annotations

import re
from typing import assert_never

from ..doc.build import handout
from ..doc.tree import (
    Answers,
    Bar,
    Block,
    Bullets,
    Chart,
    Checked,
    Claim,
    Entry,
    Handout,
    Heading,
    Links,
    MapLink,
    Para,
    Prose,
    Questions,
    Quiz,
    Ref,
    SectionDoc,
    Titled,
    anchor,
)
from ..model import Content
from ..model.text import printable

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
    return document(handout(content, section_id))


def document(doc: Handout, lang: str = "en") -> str:
    """`lang` is for formats that declare it (HTML); Markdown has no place for it."""
    out = [f"# {text(doc.title, line_start=False)}"]
    if doc.subtitle:
        out.append(f"*{text(doc.subtitle, line_start=False)}*")
    if doc.checked:
        out.append(text(doc.checked))
    if doc.contents:
        out.append(f"## {text(doc.contents_label, line_start=False)}")
        items = []
        for item in doc.contents:
            blurb = f" — {text(item.blurb, line_start=False)}" if item.blurb else ""
            items.append(f"{item.number}. {link(item.ref)}{blurb}")
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
        out += _block(block, 1)
    return out


def _block(block: Block, depth: int) -> list[str]:
    """A block on a page `depth` levels into the handout (a section is 1: an h2)."""
    match block:
        case Heading(level=level, text=title):
            return [_heading(level + depth, title)]
        case Para():
            return [_para(block)]
        case Prose(title=title, paragraphs=paragraphs):
            return [_heading(depth + 2, title), *(text(p) for p in paragraphs)]
        case Titled():
            out = [_heading(depth + 2, block.title), text(block.text)]
            return [*out, links(block.related)] if block.related else out
        case Links():
            return [links(block)]
        case Checked():
            return [text(block.text)] + ([link(block.corrections)] if block.corrections else [])
        case MapLink():
            blurb = f" — {text(block.blurb, line_start=False)}" if block.blurb else ""
            return [f"{block.number}\\. {link(block.ref)}{blurb}"]
        case Bullets(items=items):
            return ["\n".join(f"- {text(item)}" for item in items)]
        case Claim():
            return [_claim(block)]
        case Chart():
            return _chart(block, depth)
        case Questions(label=label, items=items):
            numbered = (f"{n}. {text(q)}" for n, q in enumerate(items, start=1))
            return [_heading(depth + 2, label), "\n".join(numbered)]
        case Quiz():
            return [_quiz(block)]
        case Answers():
            return [_heading(depth + 2, block.label), _answers(block)]
        case Entry():
            out = [_heading(depth + 2, block.title, anchor(block.id))]
            for inner in block.blocks:
                out += _block(inner, depth + 1)
            return out
        case _:
            assert_never(block)


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


def _claim(claim: Claim) -> str:
    # A loose list item: each part its own paragraph, indented under the claim.
    said = f"*{text(claim.attribution, line_start=False)}*"
    if claim.badge:
        said += f" **[{text(claim.badge, line_start=False)}]**"
    parts = [f"**{text(claim.text, line_start=False)}**", said]
    if claim.context:
        parts.append(f"{text(claim.context_label)}: {text(claim.context, line_start=False)}")
    parts.append(links(claim.sources))
    return "- " + "\n\n  ".join(parts)


def _chart(chart: Chart, depth: int) -> list[str]:
    official = text(chart.official_label, line_start=False)
    claimed = text(chart.claimed_label, line_start=False)
    rows = [f"|  |  | {official} | {claimed} |", "|---|---|--:|---|"]
    rows += [_bar(bar) for bar in chart.bars]
    out = [_heading(depth + 2, chart.title), "\n".join(rows)]
    return [*out, text(chart.note)] if chart.note else out


def _bar(row: Bar) -> str:
    cells = round(row.fraction * BAR_CELLS)
    bar = "█" * cells + "░" * (BAR_CELLS - cells)
    label = text(row.label, line_start=False)
    if row.link and row.link.linked:
        label = f"[{label}](#{row.link.anchor})"
    value, claimed = text(row.value, line_start=False), text(row.claimed, line_start=False)
    return f"| {label} | {bar} | {value} | {claimed} |"
