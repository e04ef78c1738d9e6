"""How a page's lines look: the names its rows are styled by, and their colours in any theme.

Rows name styles (render/rows.py); a Document resolves each name through one
of its component classes, so the theme's variables decide the colours.
"""

from __future__ import annotations

from ..model.schema import VERDICTS
from ..render.rows import CHART_STYLES

STYLES = (
    *("h1", "h2", "h3", "meta", "url", "label", "link", "blurb", "hint", "context", "claim"),
    *("chart-note", "cursor", "cursor-block", "hover", "bar"),
    *(f"verdict-{verdict}" for verdict in VERDICTS),
    *(f"chart-{n}" for n in range(CHART_STYLES)),
)


DOCUMENT_CSS = """
Document {
    height: 1fr;
    padding: 0 1;
    scrollbar-size-vertical: 1;
    scrollbar-gutter: stable;
}
Document > .document--h1 { color: $text-primary; text-style: bold underline; }
Document > .document--h2 { color: $text-accent; text-style: bold; }
Document > .document--h3 { color: $text-secondary; text-style: bold; }
Document > .document--meta { color: $text-muted; text-style: italic; }
Document > .document--url { color: $text-secondary; text-style: underline; }
Document > .document--label { color: $text-muted; }
Document > .document--link { color: $text-accent; text-style: underline; }
Document > .document--blurb { color: $foreground; text-style: not underline not bold; }
Document > .document--hint { color: $text-muted; }
Document > .document--context { background: $boost; }
Document > .document--claim { background: $background 0%; }
Document > .document--chart-note { color: $text-muted; text-style: italic; }
/* The item under the cursor: a link stands out; a claim is tinted so its colours stay readable. */
Document > .document--cursor { background: $accent; color: $background; text-style: bold not underline; }
Document > .document--cursor-block { background: $accent 30%; }
Document > .document--hover { background: $boost; }
Document > .document--bar { color: $secondary; }
Document > .document--verdict-consistent { color: $text-success; text-style: bold; }
Document > .document--verdict-imprecise { color: $text-warning; text-style: bold; }
Document > .document--verdict-disputed { color: $text-accent; text-style: bold; }
Document > .document--verdict-unverifiable { color: $text-secondary; text-style: bold; }
Document > .document--verdict-inaccurate { color: $text-error; text-style: bold; }
Document > .document--chart-0 { color: $primary; }
Document > .document--chart-1 { color: $secondary; }
Document > .document--chart-2 { color: $accent; }
Document > .document--chart-3 { color: $warning; }
"""
