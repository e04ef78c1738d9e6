"""The handout's one stylesheet, inlined into every HTML file.

Made for paper first: no size in @page, so the margins fit A4 and Letter
alike; verdicts read as words in a box, so they survive black-and-white
printing; the bars are SVG fills and borders, which print even when a
browser leaves backgrounds out.
"""

from __future__ import annotations

CSS = """\
*, *::before, *::after { box-sizing: border-box; }
:root { --ink: #1a1a1a; --soft: #555; --rule: #bbb; --accent: #1f4e79; }
html { color: var(--ink); background: #fff; }
body {
  font-family: Charter, "Bitstream Charter", Georgia, "DejaVu Serif", serif;
  font-size: 11pt; line-height: 1.45; margin: 0 auto; padding: 2rem 1.25rem 4rem;
  max-width: 46rem;
}
h1, h2, h3, h4, nav, .said, .links, .chart table, .meta, .badge {
  font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
}
h1 { font-size: 1.9em; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.45em; line-height: 1.25; margin: 0 0 1rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.15em; margin: 1.6rem 0 .5rem; }
h4 { font-size: 1em; margin: 1.1rem 0 .4rem; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 .7rem; }
p, li { orphans: 3; widows: 3; }
a { color: var(--accent); }
header { margin-bottom: 2rem; }
.subtitle { font-size: 1.15em; color: var(--soft); font-style: italic; }
.checked { color: var(--soft); font-size: .92em; }
nav ol { padding-left: 1.6rem; }
nav li { margin-bottom: .6rem; }
nav li a { font-weight: bold; }
.blurb { color: var(--soft); font-size: .95em; }
.section { margin-top: 3rem; break-before: page; page-break-before: always; }
header + .section { break-before: auto; page-break-before: auto; margin-top: 0; }
.compact .section { break-before: auto; page-break-before: auto; margin-top: 1.5rem; }
.meta { color: var(--soft); font-size: .92em; }
.url { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85em;
  overflow-wrap: anywhere; }
.entry { margin-top: 1.8rem; padding-top: .2rem; border-top: 1px solid var(--rule); }
.entry > h3 { margin-top: .6rem; }
.entry.term, .entry.source, .entry.correction {
  margin-top: 1rem; break-inside: avoid; page-break-inside: avoid;
}
.entry.term > h3, .entry.source > h3, .entry.correction > h3 { margin: .4rem 0 .3rem; }
.entry.term p, .entry.source p, .entry.correction p { margin-bottom: .35rem; }
.point { break-inside: avoid; page-break-inside: avoid; }
.links { font-size: .88em; color: var(--soft); }
.label { font-weight: bold; }
.claim {
  margin: 0 0 .9rem; padding: .45rem .7rem .1rem; border-left: 4px solid var(--rule);
  break-inside: avoid; page-break-inside: avoid;
}
.claim-text { font-weight: bold; margin-bottom: .3rem; }
.said { font-size: .9em; }
.attribution { font-style: italic; }
.badge {
  display: inline-block; margin-left: .4rem; padding: 0 .45em; border: 1.5px solid currentColor;
  border-radius: 3px; font-size: .85em; font-weight: bold; line-height: 1.35;
}
.context { font-size: .95em; }
.verdict-consistent { border-left-color: #2e7d32; } .verdict-consistent .badge { color: #1b5e20; }
.verdict-imprecise { border-left-color: #b26a00; } .verdict-imprecise .badge { color: #8a4b00; }
.verdict-disputed { border-left-color: #c62828; } .verdict-disputed .badge { color: #a01818; }
.verdict-unverifiable { border-left-color: #666; } .verdict-unverifiable .badge { color: #444; }
.verdict-inaccurate { border-left-color: #6a1b9a; } .verdict-inaccurate .badge { color: #5a1382; }
.verdict-inaccurate .badge { border-style: double; border-width: 3px; }
.chart { margin: 1.2rem 0 1.4rem; break-inside: avoid; page-break-inside: avoid; }
.chart table { width: 100%; border-collapse: collapse; font-size: .9em; table-layout: fixed; }
.chart th, .chart td { padding: .25rem .4rem; vertical-align: middle; text-align: left; }
.chart thead th { font-weight: normal; color: var(--soft); }
.chart thead tr > * { border-bottom: 1px solid var(--rule); }
.chart tbody th { font-weight: bold; }
.chart tbody tr + tr > * { border-top: 1px solid #e4e4e4; }
.c-label { width: 34%; } .c-bar { width: 36%; } .c-value { width: 12%; } .c-claimed { width: 18%; }
.chart td.value, .chart thead th:nth-child(3) { text-align: right; font-variant-numeric: tabular-nums; }
.chart td.value { font-weight: bold; }
.chart td.claimed { font-style: italic; }
.bar { display: block; width: 100%; height: .95em; }
.bar .track { fill: none; stroke: #888; stroke-width: 1px; vector-effect: non-scaling-stroke; }
.bar .fill { fill: #3a5f85; }
.note { font-size: .92em; color: var(--soft); margin-top: .6rem; }
.questions { margin-top: 1.8rem; padding: .2rem 1rem .4rem; border: 1.5px solid var(--ink);
  break-inside: avoid; page-break-inside: avoid; }
.questions li { margin-bottom: .45rem; }
.quiz > li { margin-bottom: .9rem; break-inside: avoid; page-break-inside: avoid; }
.quiz .question { margin-bottom: .25rem; }
.options { list-style: none; padding-left: .8rem; margin: 0; }
.answers { break-before: page; page-break-before: always; }
.compact .answers { break-before: auto; page-break-before: auto; }
.answers li { margin-bottom: .6rem; }
.answers .links { display: block; }
@page {
  margin: 18mm 17mm 20mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; }
}
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .url a, .links a, nav a { text-decoration: underline; text-decoration-thickness: .5px; }
  .bar .fill { fill: #444; }
}
"""
