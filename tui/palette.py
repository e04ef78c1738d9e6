"""ctrl+p: every section and entry by name, and nothing else.

The default system commands are left out on purpose: "Screenshot" writes a
file on the machine running the app, which strangers over SSH must not do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .model import entry_name

if TYPE_CHECKING:
    from .app import ExplainerApp


class PlacesProvider(Provider):
    def _places(self) -> list[tuple[str, str, str | None, str]]:
        """(name, section, item, help) for every place in the content."""
        app = cast("ExplainerApp", self.app)
        content = app.content
        places: list[tuple[str, str, str | None, str]] = []
        for section in content.sections:
            places.append(
                (f"{section.number} {section.ref.title}", section.id, None, content.ui.palette_section)
            )
            for entry in section.entries:
                places.append((entry_name(entry), section.id, entry.id, section.ref.tab or section.ref.title))
        return places

    async def discover(self) -> Hits:
        app = cast("ExplainerApp", self.app)
        for name, section, item, help_text in self._places():
            yield DiscoveryHit(name, app.goto_later(section, item), help=help_text)

    async def search(self, query: str) -> Hits:
        app = cast("ExplainerApp", self.app)
        matcher = self.matcher(query)
        for name, section, item, help_text in self._places():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), app.goto_later(section, item), help=help_text)
