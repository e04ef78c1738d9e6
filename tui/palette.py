"""ctrl+p: every section and entry by name, and nothing else.

The app offers these as its system commands (App.get_system_commands), in place
of Textual's defaults: "Screenshot" writes a file on the machine running the
app, which strangers over SSH must not do.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .model import Content, entry_name


class PaletteLine(NamedTuple):
    """A palette line: what it says, the hint under it, and where it goes."""

    name: str
    hint: str
    section: str
    item: str | None


def places(content: Content) -> Iterator[PaletteLine]:
    """Every section, then its entries, in the content's words."""
    for section in content.sections:
        title = f"{section.number} {section.ref.title}"
        yield PaletteLine(title, content.ui.palette_section, section.id, None)
        for entry in section.entries:
            yield PaletteLine(entry_name(entry), section.ref.tab or section.ref.title, section.id, entry.id)
