"""A claim, who makes it, its verdict badge, and the record's context on demand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from rich.style import Style
from rich.text import Text

from ..model import Content
from ..model.schema import Claim
from ..model.words import attribution
from .blocks import Painter, Row

BAR = "▌ "
"""The claim's left edge, coloured by its verdict."""


@dataclass(frozen=True, kw_only=True)
class ClaimBlock:
    """Item 0 is the claim itself (enter unfolds it); unfolded, its sources are links too."""

    text: str
    by: str
    verdict: str
    badge: str
    hint: str
    context: str
    sources_label: str
    links: tuple[tuple[str, str], ...]
    open: bool = False
    top: int = 0
    bottom: int = 1

    @classmethod
    def of(cls, content: Content, claim: Claim) -> ClaimBlock:
        ui = content.ui
        targets = dict.fromkeys([claim.by, *claim.sources])
        return cls(
            text=claim.text,
            by=attribution(content, claim),
            verdict=claim.verdict or "",
            badge=ui.verdicts.get(claim.verdict, claim.verdict) if claim.verdict else "",
            hint=ui.context,
            context=claim.context,
            sources_label=ui.sources,
            links=tuple((content.name_of(target), target) for target in targets),
        )

    def toggled(self) -> ClaimBlock:
        return replace(self, open=not self.open)

    def rows(self, paint: Painter, width: int) -> Iterator[Row]:
        # Parts are assembled, never added: `a + b` would give all of b the style of a.
        # The edge takes the verdict badge's colour (not its boldness).
        edge = paint.style(f"verdict-{self.verdict}" if self.verdict else "bar")
        bar = Text.assemble((BAR, Style(color=edge.color)))
        inner = max(1, width - len(BAR))
        summary = Text.assemble((self.text, "bold"), "\n", (self.by, "italic"))
        if self.badge:
            summary.append("  ")
            summary.append(f"[{self.badge}]", paint.style(f"verdict-{self.verdict}"))
        summary.append(f"\n{'-' if self.open else '+'} {self.hint}", style=paint.style("hint"))
        for line in paint.wrap(summary, inner):
            yield Row(Text.assemble(bar, line), 0, fill="claim")
        if not self.open:
            return
        if self.context:
            for line in paint.wrap(Text(self.context), inner - 2):
                yield Row(Text.assemble(bar, " ", line), fill="context")
        for line in paint.wrap(Text.assemble((f"{self.sources_label}:", paint.style("label"))), inner - 2):
            yield Row(Text.assemble(bar, " ", line), fill="context")
        for item, (name, target) in enumerate(self.links, start=1):
            for line in paint.wrap(Text.assemble((f"→ {name}", paint.style("link"))), inner - 3):
                yield Row(Text.assemble(bar, "  ", line), item, target, fill="context", lead=len(BAR) + 2)
