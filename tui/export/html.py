"""The handout as one self-contained HTML file, made to be printed.

Nothing in it loads anything: the style is inline, there are no scripts,
images or fonts, and a Content-Security-Policy forbids them anyway. Every
piece of content is escaped: the content is data, never markup.
"""

from __future__ import annotations

import html
import re

from ..model import Content
from ..model.text import printable
from .blocks import (
    Answers,
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
    QuizItem,
    Ref,
    SectionDoc,
    Titled,
    anchor,
)
from .common import build
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
    return document(build(content, section_id), content.lang)


def document(doc: Document, lang: str = "en") -> str:
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
        "<body>",
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
        out += _block(block)
    return [*out, "</section>"]


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"<h{block.level}>{esc(block.text)}</h{block.level}>"]
    if isinstance(block, Para):
        return [_para(block)]
    if isinstance(block, Titled):
        out = ['<div class="point">', f"<h3>{esc(block.title)}</h3>", f"<p>{esc(block.text)}</p>"]
        if block.related:
            out.append(links(block.related))
        return [*out, "</div>"]
    if isinstance(block, Links):
        return [links(block)]
    if isinstance(block, Bullets):
        return ["<ul>", *(f"<li>{esc(item)}</li>" for item in block.items), "</ul>"]
    if isinstance(block, ClaimBlock):
        return _claim(block)
    if isinstance(block, ChartBlock):
        return _chart(block)
    if isinstance(block, Questions):
        items = [f"<li>{esc(q)}</li>" for q in block.items]
        return ['<div class="questions">', f"<h3>{esc(block.label)}</h3>", "<ol>", *items, "</ol>", "</div>"]
    if isinstance(block, Quiz):
        return ['<ol class="quiz">', *(_quiz_item(item) for item in block.items), "</ol>"]
    if isinstance(block, Answers):
        out = ['<div class="answers">', f"<h3>{esc(block.label)}</h3>", "<ol>"]
        for item in block.items:
            learn = f" {_inline_links(item.learn)}" if item.learn else ""
            out.append(f"<li><strong>{esc(item.answer)}</strong> {esc(item.explanation)}{learn}</li>")
        return [*out, "</ol>", "</div>"]
    return _entry(block)


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


def _claim(claim: ClaimBlock) -> list[str]:
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
    if claim.sources:
        out.append(links(claim.sources))
    return [*out, "</div>"]


def _chart(chart: ChartBlock) -> list[str]:
    out = [
        '<div class="chart">',
        f"<h3>{esc(chart.title)}</h3>",
        "<table>",
        '<colgroup><col class="c-label"><col class="c-bar"><col class="c-value"><col class="c-claimed">'
        "</colgroup>",
        f'<thead><tr><td></td><td></td><th scope="col">{esc(chart.official_label)}</th>'
        f'<th scope="col">{esc(chart.claimed_label)}</th></tr></thead>',
        "<tbody>",
    ]
    for row in chart.rows:
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


def _entry(entry: Entry) -> list[str]:
    out = [f'<article class="entry {entry.kind}" id="{anchor(entry.id)}">', f"<h3>{esc(entry.heading)}</h3>"]
    for block in entry.blocks:
        out += _block(block)
    return [*out, "</article>"]
