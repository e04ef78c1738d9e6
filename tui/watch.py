"""--watch: the content folder is read again whenever one of its files is saved.

The reader stays where they were. A save that breaks the content is reported
(file:line) over the last good content, until a save that mends it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Protocol

import watchfiles

from .model import Content, ContentError, Problem, load

SETTLE_MS = 300
"""An editor's save is several writes: wait until they stop."""


def content_file(change: watchfiles.Change, path: str) -> bool:
    """A YAML file, not an editor's hidden swap or backup file (a new translation brings YAML too)."""
    name = Path(path).name
    return name.endswith((".yaml", ".yml")) and not name.startswith((".", "#"))


class Host(Protocol):
    """The app, as the watcher sees it."""

    content: Content

    async def show_content(self, content: Content) -> None:
        """Show `content` where the reader is."""

    def show_problems(self, problems: list[Problem]) -> None:
        """Say what the last save broke; keep showing what was there."""


async def follow_edits(host: Host) -> None:
    """Reload on every save, for as long as the app runs (its worker is cancelled at exit)."""
    root = host.content.root
    async for _ in watchfiles.awatch(root, watch_filter=content_file, debounce=SETTLE_MS, recursive=True):
        try:  # in a thread: the screen goes on answering keys while a large folder is read
            content = await asyncio.to_thread(load, root, use_cache=False, lang=host.content.lang)
        except ContentError as error:
            host.show_problems(error.problems)
        else:
            await host.show_content(content)
