"""Content edited while serving: the fork server loads it again, or keeps the last good content.

A reload reaches sessions that start after it; open sessions keep what they
started with. A bad edit is logged with its file:line, and the server goes
on serving the content it had, until the next good save.
"""

from __future__ import annotations

import logging
from pathlib import Path

import watchfiles

from ..model import default_root
from ..watch import SETTLE_MS, content_file
from .spawner import Spawner

log = logging.getLogger("bolivia_explainer.forkserver")


async def watch_content(content: Path | None, spawner: Spawner) -> None:
    """Reload whenever the content folder changes, for as long as the server serves (cancel to stop)."""
    root = content or default_root()
    async for changes in watchfiles.awatch(
        root, watch_filter=content_file, debounce=SETTLE_MS, recursive=True
    ):
        names = sorted({str(Path(path).relative_to(root)) for _, path in changes})
        reply = await spawner.reload()
        if reply["op"] == "reloaded":
            log.info("content reloaded after an edit of %s (%.2f s; languages %s); new sessions get it",
                     ", ".join(names), reply["seconds"], ", ".join(reply["languages"]))  # fmt: skip
        else:
            log.error("content edit not served: %s; the last good content goes on serving", reply["problem"])
