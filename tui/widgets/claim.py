"""A claim, who makes it, its verdict badge, and the record's context on demand.

Collapsed, a claim is two widgets (entry pages hold dozens of claims and
every widget costs style work); enter or a click mounts the context note and
the links to its sources and to whoever makes the claim.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Click
from textual.widgets import Static

from ..model import Content
from ..model.schema import VERDICTS, Claim
from ..model.words import attribution
from .links import links_row


class ClaimView(Vertical, can_focus=True):
    """Claim text, attribution and badge; the context note unfolds below."""

    COMPONENT_CLASSES = {f"claim--{verdict}" for verdict in VERDICTS} | {"claim--hint"}
    BINDINGS = [Binding("enter,space", "toggle_context", "Context", show=False)]

    def __init__(self, content: Content, claim: Claim) -> None:
        super().__init__(classes=f"claim verdict-{claim.verdict or 'none'}")
        self.content = content
        self.claim = claim
        self.expanded = False
        # Held, not queried: a quick reader can move on before this mounts.
        self._summary = Static(classes="claim-summary", markup=False)

    def compose(self) -> list[Static]:
        return [self._summary]

    def on_mount(self) -> None:
        self._paint()

    def _paint(self) -> None:
        ui = self.content.ui
        claim = self.claim
        text = Text(claim.text, style="bold")
        text.append("\n")
        text.append(attribution(self.content, claim), style="italic")
        if claim.verdict:
            badge = ui.verdicts.get(claim.verdict, claim.verdict)
            style = self.get_component_rich_style(f"claim--{claim.verdict}", partial=True)
            text.append("  ")
            text.append(f"[{badge}]", style=style)
        text.append("\n")
        marker = "-" if self.expanded else "+"
        text.append(
            f"{marker} {ui.context}", style=self.get_component_rich_style("claim--hint", partial=True)
        )
        self._summary.update(text)

    def action_toggle_context(self) -> None:
        self.expanded = not self.expanded
        if self.expanded:
            details = Vertical(classes="claim-context")
            self.mount(details)
            if self.claim.context:
                details.mount(Static(self.claim.context, markup=False, classes="context-text"))
            targets = [self.claim.by, *self.claim.sources]
            row = links_row(self.content, self.content.ui.sources, dict.fromkeys(targets))
            if row is not None:
                details.mount(row)
        else:
            self.query(".claim-context").remove()
        self._paint()

    def on_click(self, event: Click) -> None:
        if event.widget is self or (event.widget is not None and event.widget.has_class("claim-summary")):
            event.stop()
            self.focus()
            self.action_toggle_context()
