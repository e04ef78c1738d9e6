"""axe-core finds nothing serious or critical in the handouts, serve-web's page or its text version."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tui.export import main as export

pytestmark = pytest.mark.slow  # a browser runs axe-core on each page


def serious(page: Page) -> list[str]:
    """axe-core's violations of serious or critical impact, one line each."""
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']}" for v in found if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_handouts_have_nothing_serious(browser: Browser, tmp_path: Path, lang: str) -> None:
    for name, extra in (("all", []), ("worksheet", ["--lesson", "critical-reading"])):
        path = tmp_path / f"{name}.html"
        assert export(["--format", "html", "--lang", lang, "-o", str(path), *extra]) == 0
        page = browser.new_page()
        page.goto(path.as_uri())
        assert serious(page) == [], name
        page.close()


@pytest.fixture(scope="module")
def web() -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve-web", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("serving the explainer on http://"), line
    yield line.split()[4]
    proc.kill()
    proc.wait(5)
    proc.stdout.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_web_page_and_its_text_version_have_nothing_serious(
    browser: Browser, web: str, lang: str
) -> None:
    context = browser.new_context(locale=lang, extra_http_headers={"Accept-Language": lang})
    page = context.new_page()
    page.goto(web)
    assert page.get_attribute("html", "lang") == lang
    link = page.locator("a.text-version")
    assert link.get_attribute("href") == "text" and link.inner_text()
    assert serious(page) == []
    box = link.bounding_box()
    assert box is not None and box["x"] < 0  # out of sight until it has the focus
    link.focus()
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0  # then on screen
    page.goto(f"{web}text")
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("h1").first.inner_text()
    assert serious(page) == []
    context.close()
