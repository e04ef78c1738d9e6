"""serve-web's text version (/text): the whole handout as one page, in the reader's language.

For screen readers and phones, which a terminal in a page serves badly. The
same self-contained HTML as `export --format html`: no script, nothing
fetched, a Content-Security-Policy that forbids both.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from ..export import html
from ..model import Content, ContentError, default_root, load


class TextVersion:
    def __init__(self, root: Path | None) -> None:
        self.root = root or default_root()
        self._pages: dict[tuple[str, int], bytes] = {}

    def page(self, lang: str, edition: int) -> bytes | None:
        """The handout in `lang`, made once per edition of the content (a reload makes a new one)."""
        key = (lang, edition)
        if key not in self._pages:
            try:
                content: Content = load(self.root, lang=lang)
            except ContentError:
                return None
            self._pages = {key: html.render(content).encode("utf-8")}  # only the newest is kept
        return self._pages[key]

    def response(self, lang: str, edition: int) -> web.Response:
        page = self.page(lang, edition)
        if page is None:
            raise web.HTTPServiceUnavailable(text="The text version is not available right now.")
        return web.Response(body=page, content_type="text/html", charset="utf-8")
