"""A section shown as one page: the overview, a chart section."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget

from ..doc.build import section_page
from ..widgets.document import Document
from .base import SectionView


class PageView(SectionView):
    def compose_body(self) -> Iterator[Widget]:
        yield Document(section_page(self.content, self.section))
