"""Shared fixtures: the shipped content, loaded once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from classkit import RedisServer
from playwright.sync_api import Browser, sync_playwright

from tui.model import Content, default_root, load

# Snapshots and pilots must not depend on the developer's terminal.
os.environ.pop("NO_COLOR", None)
# Tests keep the validated-file cache to themselves, not the user's cache folder,
# and leave nothing behind.
_cache = tempfile.mkdtemp(prefix="bolivia-explainer-test-cache-")
os.environ["BOLIVIA_EXPLAINER_CACHE"] = _cache
atexit.register(shutil.rmtree, _cache, ignore_errors=True)


@pytest.fixture(scope="session")
def content() -> Content:
    return load(default_root())


@pytest.fixture(scope="session")
def spanish() -> Content:
    return load(default_root(), lang="es")


@pytest.fixture(scope="session")
def kinds() -> Content:
    """One section of every kind, small: what UI tests draw, so content fixes do not move them."""
    return load(Path(__file__).parent / "golden" / "kinds")


@pytest.fixture
def overview(content: Content) -> str:
    """The overview's title: what a client sees once the app has drawn."""
    return content.sections[0].ref.title


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, driven by Playwright (no browser download)."""
    assert Path(CHROMIUM).exists(), "the browser tests need Debian's chromium: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """Debian's redis-server on a free loopback port, in memory only; killed at the end."""
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.kill()
