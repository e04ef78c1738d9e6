"""The handout as one self-contained HTML file, made to be printed.

Nothing in it loads anything: the style is inline, there are no scripts,
images or fonts, and a Content-Security-Policy forbids them anyway. Every
piece of content is escaped: the content is data, never markup.
"""

from __future__ import annotations

import html
import re
from typing import assert_never

from ..doc.build import handout
from ..doc.tree import (
    Answers,
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
    QuizItem,
    Ref,
    SectionDoc,
    Titled,
    anchor,
)
from ..model import Content
from ..model.text import printable
from .style import CSS

_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>]+")
# Only inline style may apply; no fetch of any kind, no form, no base.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"


def esc(value: str) -> str:
    return html.escape(printable(value), quote=True)


def link(ref: Ref) -> str:
    name = esc(ref.name)
    return f'<a href="#{ref.anchor}">{name}</a>' if ref.linked else name


def links(row: Links) -> str:
    return f"<p>{_inline_links(row)}</p>"


def render(content: Content, section_id: str | None = None) -> str:
    return document(handout(content, section_id), content.lang)


def document(doc: Handout, lang: str = "en") -> str:
    title = doc.title
    if not doc.contents and len(doc.sections) == 1:
        title = f"{doc.sections[0].heading} · {doc.title}"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        '<body class="compact">' if doc.compact else "<body>",
        "<header>",
        f"<h1>{esc(doc.title)}</h1>",
    ]
    if doc.subtitle:
        out.append(f'<p class="subtitle">{esc(doc.subtitle)}</p>')
    if doc.checked:
        out.append(f'<p class="checked">{esc(doc.checked)}</p>')
    out.append("</header>")
    if doc.contents:
        out += ["<nav>", f"<h2>{esc(doc.contents_label)}</h2>", "<ol>"]
        for item in doc.contents:
            blurb = f'<br><span class="blurb">{esc(item.blurb)}</span>' if item.blurb else ""
            out.append(f"<li>{link(item.ref)}{blurb}</li>")
        out += ["</ol>", "</nav>"]
    for section in doc.sections:
        out += _section(section)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _section(section: SectionDoc) -> list[str]:
    out = [f'<section class="section" id="{anchor(section.id)}">', f"<h2>{esc(section.heading)}</h2>"]
    for block in section.blocks:
        out += _block(block, 1)
    return [*out, "</section>"]


def _h(level: int, content: str) -> str:
    return f"<h{level}>{content}</h{level}>"


def _block(block: Block, depth: int) -> list[str]:
    """A block on a page `depth` levels into the handout (a section is 1: an h2)."""
    match block:
        case Heading(level=level, text=title):
            return [_h(level + depth, esc(title))]
        case Para():
            return [_para(block)]
        case Prose(title=title, paragraphs=paragraphs):
            return [_h(depth + 2, esc(title)), *(f"<p>{esc(p)}</p>" for p in paragraphs)]
        case Titled():
            out = ['<div class="point">', _h(depth + 2, esc(block.title)), f"<p>{esc(block.text)}</p>"]
            if block.related:
                out.append(links(block.related))
            return [*out, "</div>"]
        case Links():
            return [links(block)]
        case Checked():
            fixed = f" {link(block.corrections)}" if block.corrections else ""
            return [f'<p class="checked">{esc(block.text)}{fixed}</p>']
        case MapLink():
            blurb = f'<br><span class="blurb">{esc(block.blurb)}</span>' if block.blurb else ""
            return [f"<p>{block.number}. {link(block.ref)}{blurb}</p>"]
        case Bullets(items=items):
            return ["<ul>", *(f"<li>{esc(item)}</li>" for item in items), "</ul>"]
        case Claim():
            return _claim(block)
        case Chart():
            return _chart(block, depth)
        case Questions(label=label, items=items):
            numbered = [f"<li>{esc(q)}</li>" for q in items]
            return [
                '<div class="questions">',
                _h(depth + 2, esc(label)),
                "<ol>",
                *numbered,
                "</ol>",
                "</div>",
            ]
        case Quiz(items=items):
            return ['<ol class="quiz">', *(_quiz_item(item) for item in items), "</ol>"]
        case Answers(label=label, items=items):
            out = ['<div class="answers">', _h(depth + 2, esc(label)), "<ol>"]
            for item in items:
                learn = f" {_inline_links(item.learn)}" if item.learn else ""
                out.append(f"<li><strong>{esc(item.answer)}</strong> {esc(item.explanation)}{learn}</li>")
            return [*out, "</ol>", "</div>"]
        case Entry():
            out = [
                f'<article class="entry {block.kind}" id="{anchor(block.id)}">',
                _h(depth + 2, esc(block.title)),
            ]
            for inner in block.blocks:
                out += _block(inner, depth + 1)
            return [*out, "</article>"]
        case _:
            assert_never(block)


def _quiz_item(item: QuizItem) -> str:
    options = "".join(f"<li>{esc(option)}</li>" for option in item.options)
    return f'<li><p class="question">{esc(item.question)}</p><ul class="options">{options}</ul></li>'


def _inline_links(row: Links) -> str:
    refs = " · ".join(link(ref) for ref in row.refs)
    return f'<span class="links"><span class="label">{esc(row.label)}:</span> {refs}</span>'


def _para(para: Para) -> str:
    if para.style == "url":
        if _WEB_ADDRESS.fullmatch(para.text):
            return f'<p class="url"><a href="{esc(para.text)}">{esc(para.text)}</a></p>'
        return f'<p class="url">{esc(para.text)}</p>'
    css = f' class="{para.style}"' if para.style else ""
    return f"<p{css}>{esc(para.text)}</p>"


def _claim(claim: Claim) -> list[str]:
    verdict = claim.verdict or "none"
    said = f'<span class="attribution">{esc(claim.attribution)}</span>'
    if claim.badge:
        said += f' <span class="badge">{esc(claim.badge)}</span>'
    out = [
        f'<div class="claim verdict-{verdict}">',
        f'<p class="claim-text">{esc(claim.text)}</p>',
        f'<p class="said">{said}</p>',
    ]
    if claim.context:
        label = f'<span class="label">{esc(claim.context_label)}:</span>'
        out.append(f'<p class="context">{label} {esc(claim.context)}</p>')
    out.append(links(claim.sources))
    return [*out, "</div>"]


def _chart(chart: Chart, depth: int) -> list[str]:
    out = [
        '<div class="chart">',
        _h(depth + 2, esc(chart.title)),
        "<table>",
        '<colgroup><col class="c-label"><col class="c-bar"><col class="c-value"><col class="c-claimed">'
        "</colgroup>",
        f'<thead><tr><td></td><td></td><th scope="col">{esc(chart.official_label)}</th>'
        f'<th scope="col">{esc(chart.claimed_label)}</th></tr></thead>',
        "<tbody>",
    ]
    for row in chart.bars:
        label = esc(row.label)
        if row.link and row.link.linked:
            label = f'<a href="#{row.link.anchor}">{label}</a>'
        # An SVG bar: its fill prints even where backgrounds are left out.
        width = f"{row.fraction * 100:.2f}"
        bar = (
            '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
            '<rect class="track" x="0" y="0" width="100" height="10"/>'
            f'<rect class="fill" x="0" y="0" width="{width}" height="10"/></svg>'
        )
        out.append(
            f'<tr><th scope="row">{label}</th><td class="bar-cell">{bar}</td>'
            f'<td class="value">{esc(row.value)}</td><td class="claimed">{esc(row.claimed)}</td></tr>'
        )
    out += ["</tbody>", "</table>"]
    if chart.note:
        out.append(f'<p class="note">{esc(chart.note)}</p>')
    return [*out, "</div>"]
