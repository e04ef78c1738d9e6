"""serve-web in a real browser: Debian's chromium, headless, driven by Playwright (no browser download).

textual-serve draws the app with xterm.js on a canvas, so the tests read the
terminal's own buffer: an init script catches each xterm Terminal as it is made.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tui.model import Content as Loaded
from tui.serve.web_server import FULL, PER_IP, SHUTDOWN, SILENT
from tui.serve.web_session import STOP_GRACE, GuardedAppService
from tui.served import MEMORY_LIMIT

pytestmark = pytest.mark.slow  # real servers and browsers: -m 'not slow' skips them locally

# xterm's public Terminal sets this._core in its constructor: a setter on Object.prototype sees it.
CATCH_TERMINALS = """
window.terminals = [];
Object.defineProperty(Object.prototype, "_core", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "_core", {value, writable: true, configurable: true, enumerable: true});
    window.terminals.push(this);
  },
});
"""
SCREEN = """() => {
  const term = window.terminals.find((t) => t.buffer && t.buffer.active);
  if (!term) return "";
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    rows.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true));
  }
  return rows.join("\\n");
}"""
ENDED = (
    "() => document.body.classList.contains('-closed') && document.querySelector('.closed-dialog').innerText"
)

Served = tuple[subprocess.Popen[str], str]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> Served:
        command = [sys.executable, "-m", "tui", "serve-web", "--port", "0", *args]
        log = tmp_path / f"server{len(started)}.log"  # its standard error, for a failing test
        with log.open("w") as stderr:
            proc = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=stderr, text=True, start_new_session=True
            )
        started.append(proc)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("serving the explainer on http://127.0.0.1:"), line + log.read_text()
        return proc, line.split()[4]

    yield start
    for proc in started:  # the server and, in its process group, every app it started
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()


def open_page(browser: Browser, url: str, requested: list[str] | None = None) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script(CATCH_TERMINALS)
    if requested is not None:
        page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    return page


def wait_for_text(page: Page, text: str, *, absent: str = "") -> None:
    check = (
        f"s => s.includes({json.dumps(text)}) && !({json.dumps(absent)} && s.includes({json.dumps(absent)}))"
    )
    page.wait_for_function(f"() => ({check})(({SCREEN})())", timeout=20_000)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = stat.read_text().rsplit(")", 1)[1].split()[1]  # the field after the state
        except (OSError, IndexError):
            continue  # gone meanwhile
        if parent == str(pid):
            found.append(int(stat.parent.name))
    return found


def app_processes(server: subprocess.Popen[str]) -> list[int]:
    """The apps the server runs: its fork server's children."""
    return [app for forkserver in children(server.pid) for app in children(forkserver)]


def test_browser_sees_the_overview_then_the_results(browser: Browser, serve: Callable[..., Served]) -> None:
    server, url = serve()
    requested: list[str] = []
    page = open_page(browser, url, requested)
    wait_for_text(page, " 1 Intro")
    wait_for_text(page, "The sections")
    assert page.title().startswith("Bolivia 2019")
    page.keyboard.press("2")  # the page focuses the terminal itself: no click needed
    wait_for_text(page, "The October 2020 election results", absent="The sections")
    assert all(address.startswith(url) for address in requested), requested  # nothing from other sites
    with pytest.raises(urllib.error.HTTPError, match="404"):  # textual-serve's download route is gone
        urllib.request.urlopen(f"{url}download/anything", timeout=5)
    page.keyboard.press("q")
    assert "Session ended." in page.wait_for_function(ENDED, timeout=10_000).json_value()
    for _ in range(50):
        if not app_processes(server):
            break
        page.wait_for_timeout(100)
    assert app_processes(server) == []


def test_the_session_cap(browser: Browser, serve: Callable[..., Served]) -> None:
    _, url = serve("--max-sessions", "2")
    first = open_page(browser, url)
    waiting = open_page(browser, f"{url}?delay=1")  # textual-serve's page with a Start button: not connected
    second = open_page(browser, url)
    for page in (first, second):
        wait_for_text(page, "The sections")
    refused = browser.new_page()
    response = refused.goto(url)
    assert response is not None and response.status == 503
    assert refused.inner_text("body").strip() == FULL.format(limit=2)
    # A page let in before the cap was reached is turned away at its websocket, and says why.
    code, reason, shown = waiting.evaluate("""() => new Promise((resolve) => {
        const socket = new WebSocket(document.getElementById("terminal").dataset.sessionWebsocketUrl);
        socket.addEventListener("close", (e) => resolve([e.code, e.reason,
            document.querySelector(".closed-dialog .message").textContent]));
    })""")
    assert (code, reason, shown) == (1013, FULL.format(limit=2), FULL.format(limit=2))
    first.close()  # a closed page frees its place, as soon as the server has seen it go
    third = open_page(browser, url)
    for _ in range(50):
        if "full" not in third.inner_text("body"):
            break
        third.wait_for_timeout(200)
        third.reload()
    wait_for_text(third, "The sections")


def test_sigterm_stops_the_server_and_every_app(browser: Browser, serve: Callable[..., Served]) -> None:
    server, url = serve()
    pages = [open_page(browser, url) for _ in range(2)]
    for page in pages:
        wait_for_text(page, "The sections")
    assert len(app_processes(server)) == 2
    apps = app_processes(server)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=15) == 0
    assert not [pid for pid in apps if Path(f"/proc/{pid}").exists()]
    for page in pages:
        assert SHUTDOWN in page.wait_for_function(ENDED, timeout=5_000).json_value()


def test_a_killed_server_leaves_no_app_and_apps_run_with_limits(
    browser: Browser, serve: Callable[..., Served]
) -> None:
    """The review's row 53: after SIGKILL, four apps lived on as orphans for minutes."""
    server, url = serve()
    pages = [open_page(browser, url) for _ in range(2)]
    for page in pages:
        wait_for_text(page, "The sections")
    apps = app_processes(server)
    assert len(apps) == 2
    apps += children(server.pid)  # the fork server must die with the server, and its apps with it
    for pid in apps[:2]:
        limits = Path(f"/proc/{pid}/limits").read_text()
        assert re.search(r"Max core file size\s+0\s+0", limits)
        assert re.search(rf"Max address space\s+{MEMORY_LIMIT}\s+{MEMORY_LIMIT}", limits)
    server.kill()  # SIGKILL: no chance to clean up
    server.wait()
    for _ in range(50):
        if not [pid for pid in apps if running(pid)]:
            break
        time.sleep(0.1)
    assert not [pid for pid in apps if running(pid)]


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for whoever adopted it to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_messages_from_the_app_reach_the_browser_only_to_end_the_session() -> None:
    from textual_serve.download_manager import DownloadManager

    sent: list[str] = []
    closed: list[bool] = []

    async def write_str(text: str) -> None:
        sent.append(text)

    async def write_bytes(data: bytes) -> None:
        sent.append(repr(data))

    async def close() -> None:
        closed.append(True)

    class Stuck(GuardedAppService):
        """An app that will not quit: a plain subprocess has the members a forked app has."""

        async def open_process(self, width: int, height: int) -> Any:
            command = [sys.executable, "-c", "import time; time.sleep(60)"]
            pipe = asyncio.subprocess.PIPE
            return await asyncio.create_subprocess_exec(*command, stdin=pipe, stdout=pipe, stderr=pipe)

    async def check() -> None:
        service = GuardedAppService(
            NO_SPAWNER,
            [],
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=DownloadManager(),
        )
        await service.on_meta(b'{"type": "open_url", "url": "https://example.org", "new_tab": true}')
        await service.on_meta(
            b'{"type": "deliver_file_start", "key": "k", "path": "/etc/passwd", "open_method": "download",'
            b' "mime_type": "text/plain", "encoding": "utf-8"}'
        )
        await service.on_packed(b"anything")
        assert sent == [] and closed == []
        await service.on_meta(b'{"type": "exit"}')
        assert closed == [True]

        # An app that will not quit is killed after the grace period.
        stuck = Stuck(
            NO_SPAWNER, [],
            write_bytes=write_bytes, write_str=write_str, close=close, download_manager=DownloadManager(),
        )  # fmt: skip
        await stuck.start(80, 24)
        started = time.monotonic()
        await stuck.end()
        assert stuck.process is not None and stuck.process.returncode == -signal.SIGKILL
        assert time.monotonic() - started < STOP_GRACE + 1

    # Playwright's sync API keeps an event loop running in this thread: check in another.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, check()).result()


class Content:
    """What a server knows of the content it serves, as its fork server reported it."""

    def __init__(self, *languages: str) -> None:
        self.languages = languages
        self.info = {"titles": {lang: f"T-{lang}" for lang in languages}}


NO_SPAWNER: Any = Content("en")


def test_the_browsers_language_picks_the_sessions_language() -> None:
    from tui.serve.web_server import WebServer

    server = WebServer(Content("en", "es"), ["--theme", "dark"])  # type: ignore[arg-type]
    assert server.language_for("es-BO,es;q=0.9,en;q=0.8") == "es"
    assert server.args_for("es") == ["--theme", "dark", "--lang", "es"]
    assert server.title_in("es") == "T-es"
    assert server.language_for("en-US,en;q=0.9") == server.language_for("fr-FR") == "en"
    assert server.language_for("") == "en"
    english_only = WebServer(Content("en"), [])  # type: ignore[arg-type]
    assert english_only.language_for("es-BO") == "en"
    forced = WebServer(Content("en", "es"), ["--lang", "es"])  # type: ignore[arg-type]
    assert forced.language_for("en-US") == "es" and forced.args_for("es") == ["--lang", "es"]


def test_pages_from_other_sites_cannot_open_a_session_and_idle_sessions_close(
    serve: Callable[..., Served],
) -> None:
    """The review's rows 49 (cross-site websocket) and 51 (idle tabs holding every place)."""
    import aiohttp

    _, url = serve("--idle-timeout", "2", "--allow-origin", "https://school.ex", "--allow-host", "class.ex")
    host, port = url.split("/")[2], url.split("/")[2].split(":")[1]

    async def attempt(origin: str | None, name: str = "") -> int | str:
        headers = {"Origin": origin} if origin else {}
        if name:  # what a page at a rebinding name sends: its own name as Host and Origin
            headers["Host"] = name
        async with aiohttp.ClientSession() as client:
            try:
                socket = await client.ws_connect(f"{url}ws?width=80&height=24", headers=headers)
            except aiohttp.WSServerHandshakeError as error:
                return error.status
            started = time.monotonic()
            async for _ in socket:  # the app's output, until the server closes the idle session
                if time.monotonic() - started > 20:
                    break
            return f"closed {socket.close_code} after {round(time.monotonic() - started)} s"

    async def main() -> list[int | str]:
        return list(await asyncio.gather(
            attempt("http://evil.example"),
            attempt(f"http://evil.example:{port}", f"evil.example:{port}"),
            attempt(f"http://{host}"),
            attempt("https://school.ex"),
            attempt(None),
            attempt(f"http://class.ex:{port}", f"class.ex:{port}"),
        ))  # fmt: skip

    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API may hold this thread's event loop
        evil, rebinding, own, allowed, no_browser, named = thread.submit(asyncio.run, main()).result()
    assert evil == rebinding == 403
    for result in (own, allowed, no_browser, named):
        assert isinstance(result, str) and result.startswith("closed 1008 after")
        assert 1 <= int(result.split()[3]) <= 8
    page = urllib.request.Request(url, headers={"Host": f"evil.example:{port}"})
    with pytest.raises(urllib.error.HTTPError, match="403") as refused:
        urllib.request.urlopen(page, timeout=5)
    assert "--allow-host evil.example" in refused.value.read().decode()


def test_a_class_behind_one_address_and_pages_that_never_speak(serve: Callable[..., Served]) -> None:
    """Limits as over SSH: per address (a school's NAT is one), and a page must speak to keep its app."""
    import aiohttp

    _, url = serve("--max-per-ip", "2", "--login-timeout", "1")
    origin = {"Origin": url.rstrip("/")}

    async def silent(client: aiohttp.ClientSession) -> tuple[int | None, str]:
        """Open a session, say nothing, and hear how it ends."""
        socket = await client.ws_connect(f"{url}ws?width=80&height=24", headers=origin)
        while True:
            message = await socket.receive(timeout=20)
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                return socket.close_code, str(message.extra or "")

    async def main() -> list[tuple[int | None, str]]:
        async with aiohttp.ClientSession() as client:
            first = [asyncio.ensure_future(silent(client)) for _ in range(2)]
            await asyncio.sleep(0.5)
            return [await silent(client), *(await asyncio.gather(*first))]

    with ThreadPoolExecutor(1) as thread:
        third, first, second = thread.submit(asyncio.run, main()).result()
    assert third == (1013, PER_IP.format(limit=2))  # try again later: two from this address already
    assert first == second == (1008, SILENT)  # the page never sent its size or a key


def test_a_forked_app_follows_the_browsers_language_and_its_window(
    browser: Browser, serve: Callable[..., Served]
) -> None:
    """Accept-Language picks the content's language; a smaller window reaches the app as a resize."""
    _, url = serve()
    context = browser.new_context(viewport={"width": 1400, "height": 800}, locale="es-BO")
    page = context.new_page()
    page.add_init_script(CATCH_TERMINALS)
    page.goto(url)
    wait_for_text(page, "Las secciones")
    wait_for_text(page, "2 Votos")  # wide: every tab's whole name
    page.set_viewport_size({"width": 420, "height": 600})
    wait_for_text(page, "≡  1/9 Inicio", absent="2 Votos")  # narrow: the tabs become a menu
    page.keyboard.press("2")
    wait_for_text(page, "Los resultados de la elección")
    context.close()


def test_a_phone_reads_every_section_in_one_column(
    browser: Browser, serve: Callable[..., Served], content: Loaded
) -> None:
    """A phone's browser, some 43 columns: it once got "needs 60x18"; now the narrow layout."""
    _, url = serve()
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.add_init_script(CATCH_TERMINALS)
    page.goto(url)
    total = len(content.sections)
    wait_for_text(page, f"≡  1/{total} {content.sections[0].ref.tab}")
    cols = page.evaluate("() => window.terminals.find((t) => t.buffer).cols")
    assert 40 <= cols < 64, cols  # narrow, and not refused
    for number, section in enumerate(content.sections, start=1):
        page.keyboard.press(str(number))
        wait_for_text(page, f"≡  {number}/{total} {section.ref.tab}")
    page.keyboard.press("3")
    wait_for_text(page, content.ui.about)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # the first actor's page takes the whole width
    wait_for_text(page, content.ui.keys.back, absent=content.ui.about)
    page.keyboard.press("Escape")
    wait_for_text(page, content.ui.about)
    context.close()


def test_an_edit_while_serving_reaches_the_page_and_new_sessions(
    browser: Browser, serve: Callable[..., Served], tmp_path: Path
) -> None:
    from tui.model import default_root

    content = tmp_path / "content"
    shutil.copytree(default_root(), content)
    _, url = serve("--content", str(content))
    index = content / "index.yaml"
    index.write_text(
        index.read_text(encoding="utf-8").replace('\ntitle: "Bolivia', '\ntitle: "Edited Bolivia', 1),
        encoding="utf-8",
    )
    deadline = time.monotonic() + 15
    while "Edited Bolivia" not in urllib.request.urlopen(url, timeout=5).read().decode():
        assert time.monotonic() < deadline, "the page never showed the edited title"
        time.sleep(0.2)
    page = open_page(browser, url)
    wait_for_text(page, "Edited Bolivia")
    page.close()


def test_a_font_size_for_projection_and_a_page_that_asks_for_its_own(serve: Callable[..., Served]) -> None:
    _, url = serve("--font-size", "28")

    def size(query: str = "") -> str:
        with urllib.request.urlopen(f"{url}{query}", timeout=10) as reply:
            found = re.search(r'data-font-size="(\d+)"', reply.read().decode())
        assert found is not None
        return found.group(1)

    assert size() == "28"
    assert size("?fontsize=12") == "12"
    assert size("?fontsize=400") == "48" and size("?fontsize=x") == "28"
