"""N concurrent SSH sessions against `bolivia-explainer serve-ssh` on 127.0.0.1.

Starts the server as a subprocess on a free loopback port, then measures one
session alone (the baseline) and N sessions at once with asyncssh clients:
first paint (connect to the overview drawn, all N connecting together); key
press to repaint while every session goes through the sections twice (first
visits, then returns) at a reader's pace (`--think` seconds between keys, at
random around that mean); the CPU time the apps and the server spent per key;
and memory per session.  Every wait is bounded; prints PASS/FAIL beside each
goal and always exits 0.

The reading starts once the crowd has settled: N apps starting in the same
instant each build their views in the background after their first paint,
and the last of them are still at it seconds after every screen is drawn.
The script waits (at most 90 s) until the server and all its apps together use
under a tenth of a core, prints how long that took, and only then starts the
readers, so the key figures are those of N people reading, not of a start-up
storm (which first paint measures).

Memory per session is judged on PSS, the pages a process holds with those it
shares divided among the sharers, summed over the server and every app and
divided by N: what the sessions cost the machine.  Summed RSS counts the shared
pages (the interpreter, libraries, files) once per process; it is printed
beside, with the private (anonymous) memory.

How timing works: each chunk the client receives is stamped on arrival; a
screen counts as painted when the bytes since the key press contain the title
it leads to, at the arrival of the last chunk of that burst.  Parsing every
byte with pyte on the same 2 cores would slow the very thing measured, so pyte
checks each session's final screen only after the timing is done.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import asyncssh
import pyte

from tui.model import ContentError, default_root, load

GOAL_KEY_P95_MS = 150.0
GOAL_MIB = 45.0
FRAME_GAP = 0.005  # chunks closer together than this belong to one frame
COLS, ROWS = 80, 24


class Reader(asyncssh.SSHClientSession[bytes]):
    """Every byte the session receives, with its arrival time."""

    def __init__(self) -> None:
        self.chunks: list[tuple[float, bytes]] = []
        self.arrived = asyncio.Event()
        self.closed = False

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.chunks.append((time.monotonic(), data))
        self.arrived.set()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.arrived.set()

    async def painted(self, needles: list[bytes], since: int, timeout: float) -> float | None:
        """Arrival of the last chunk of the frame that brought every needle after chunk `since`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.closed:
            joined = b"".join(data for _, data in self.chunks[since:])
            if all(needle in joined for needle in needles):
                await asyncio.sleep(0.05)  # let the rest of the frame arrive
                size, end = 0, since
                for end in range(since, len(self.chunks)):
                    size += len(self.chunks[end][1])
                    if all(needle in joined[:size] for needle in needles):
                        break
                chunks = self.chunks
                while end + 1 < len(chunks) and chunks[end + 1][0] - chunks[end][0] < FRAME_GAP:
                    end += 1
                return self.chunks[end][0]
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), max(deadline - time.monotonic(), 0.01))
        return None

    def screen(self) -> list[str]:
        screen = pyte.Screen(COLS, ROWS)
        pyte.ByteStream(screen).feed(b"".join(data for _, data in self.chunks))
        return list(screen.display)


class Session:
    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: asyncssh.SSHClientConnection | None = None
        self.chan: asyncssh.SSHClientChannel[bytes] | None = None
        self.reader = Reader()
        self.first_paint: float | None = None
        self.keys_ms: list[float] = []

    async def open(self, overview: list[bytes], timeout: float) -> None:
        start = time.monotonic()
        self.conn = await asyncio.wait_for(
            asyncssh.connect("127.0.0.1", self.port, known_hosts=None, username="bench", client_keys=None,
                             agent_path=None, config=None),
            timeout,
        )  # fmt: skip
        self.chan, _ = await self.conn.create_session(
            lambda: self.reader, term_type="xterm-256color", term_size=(COLS, ROWS), encoding=None
        )
        at = await self.reader.painted(overview, 0, timeout - (time.monotonic() - start))
        self.first_paint = None if at is None else at - start

    async def read(self, plan: list[tuple[str, bytes]], think: float, rng: random.Random) -> None:
        assert self.chan is not None
        for key, title in plan:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
            mark, sent = len(self.reader.chunks), time.monotonic()
            self.chan.write(key.encode())
            at = await self.reader.painted([title], mark, 10)
            if at is None:
                return
            self.keys_ms.append((at - sent) * 1000)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


@dataclass
class Usage:
    """The server and every process below it, at one moment."""

    rss_kib: int = 0
    pss_kib: int = 0
    private_kib: int = 0
    server_rss_kib: int = 0
    processes: int = 0
    server_cpu: float = 0.0  # seconds of CPU so far
    apps_cpu: float = 0.0


def usage(root: int) -> Usage:
    stats: dict[int, list[bytes]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            with contextlib.suppress(OSError), open(f"/proc/{name}/stat", "rb") as stat:
                stats[int(name)] = stat.read().rsplit(b")", 1)[1].split()
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, fields in stats.items() if int(fields[1]) in tree} - tree
        tree |= more
        grew = bool(more)
    found = Usage(processes=len(tree))
    tick = os.sysconf("SC_CLK_TCK")
    for pid in tree:
        cpu = (int(stats[pid][11]) + int(stats[pid][12])) / tick if pid in stats else 0.0
        if pid == root:
            found.server_cpu = cpu
        else:
            found.apps_cpu += cpu
        with contextlib.suppress(OSError), open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                name, _, value = line.partition(":")
                if name == "Rss":
                    found.rss_kib += int(value.split()[0])
                    if pid == root:
                        found.server_rss_kib = int(value.split()[0])
                elif name == "Pss":
                    found.pss_kib += int(value.split()[0])
                elif name == "Anonymous":
                    found.private_kib += int(value.split()[0])
    return found


@dataclass
class Phase:
    sessions: list[Session]
    before_keys: Usage
    after_keys: Usage
    took: float = 0.0
    round_keys: int = 1
    settled: float = 0.0
    """Seconds from the last first paint until the apps went idle and the reading began."""

    @property
    def painted(self) -> list[float]:
        return [s.first_paint for s in self.sessions if s.first_paint is not None]

    @property
    def keys_ms(self) -> list[float]:
        return [ms for s in self.sessions for ms in s.keys_ms]

    def visits_ms(self, first: bool) -> list[float]:
        """Keys that open a section for the first time in that app, or go back to one."""
        return [ms for s in self.sessions for i, ms in enumerate(s.keys_ms) if (i < self.round_keys) == first]

    def cpu_per_key_ms(self, which: str) -> float | None:
        keys = len(self.keys_ms)
        spent = getattr(self.after_keys, which) - getattr(self.before_keys, which)
        return 1000 * spent / keys if keys else None


def start_server(folder: Path, content: Path, sessions: int) -> tuple[subprocess.Popen[bytes], int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve-ssh", "--port", "0", "--host-key", str(folder / "key"),
         "--content", str(content), "--max-sessions", str(sessions + 1), "--max-per-ip", str(sessions + 1),
         "--idle-timeout", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.stdout is not None
    for line in proc.stdout:
        if found := re.search(rb"listening on 127\.0\.0\.1:(\d+)", line):
            return proc, int(found.group(1))
    raise SystemExit("the server did not start")


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run_phase(
    server: int, port: int, count: int, screens: tuple[list[bytes], list[tuple[str, bytes]]], think: float,
    timeout: float,
) -> Phase:  # fmt: skip
    overview, plan = screens
    started = time.monotonic()
    sessions = [Session(port) for _ in range(count)]
    await asyncio.gather(*(s.open(overview, timeout) for s in sessions), return_exceptions=True)
    settled = await settle(server, limit=90.0)
    before = usage(server)
    rng = random.Random(4)
    painted = [s for s in sessions if s.first_paint is not None]
    reading = timeout + 1.5 * think * len(plan)  # the slowest reader's think time, and then some
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*(s.read(plan, think, rng) for s in painted)), reading)
    return Phase(sessions, before, usage(server), time.monotonic() - started, len(plan) // 2, settled)


async def settle(server: int, limit: float) -> float:
    """Wait until the server and its apps use under a tenth of a core; return how long that took."""
    started = time.monotonic()
    last = usage(server)
    while time.monotonic() - started < limit:
        await asyncio.sleep(0.5)
        now = usage(server)
        busy = (now.server_cpu + now.apps_cpu) - (last.server_cpu + last.apps_cpu)
        last = now
        if busy < 0.05:  # CPU seconds in the last half second
            break
    return time.monotonic() - started


async def main_async(args: argparse.Namespace) -> None:
    content = load(args.content)
    titles = [s.ref.title.encode() for s in content.sections]
    tour = [(str(n), titles[n - 1]) for n in [*range(2, len(titles) + 1), 1]]
    screens = ([b"The sections", titles[0]], tour + tour)  # first visits, then returns
    keys = " ".join(k for k, _ in tour)
    print(f"ssh_load: {args.sessions} sessions at {COLS}x{ROWS} on 127.0.0.1, {os.cpu_count()} cores; "
          f"each presses {keys} twice, {args.think:g} s apart on average")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="ssh-load-") as tmp:
        server, port = start_server(Path(tmp), args.content, args.sessions)
        try:
            alone = await run_phase(server.pid, port, 1, screens, min(args.think, 0.5), args.timeout)
            for s in alone.sessions:
                s.close()
            await asyncio.sleep(2.0)  # the lone app ends before the crowd comes
            crowd = await run_phase(server.pid, port, args.sessions, screens, args.think, args.timeout)
            title = content.sections[0].ref.title
            right = sum(
                any(line.strip().startswith(title) for line in s.reader.screen()[:3]) for s in crowd.sessions
            )
            for s in crowd.sessions:
                s.close()
        finally:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
    report(args.sessions, len(screens[1]), alone, crowd, right)


def report(n: int, plan_keys: int, alone: Phase, crowd: Phase, screens_right: int) -> None:
    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    def row(
        name: str, base: float | None, load: float | None, unit: str, goal: str = "", ok: bool | None = None
    ) -> None:
        digits = 0 if unit == "ms" else 1 if unit == "MiB" else 2

        def fmt(value: float | None) -> str:
            return "-" if value is None else f"{value:.{digits}f} {unit}"

        ratio = f"{load / base:.2f}x" if base and load is not None else ""
        mark = "" if ok is None else verdict(ok)
        print(f"  {name:<24}{fmt(base):>12}{fmt(load):>12}{ratio:>9}   {goal:<14}{mark}")

    def q(values: list[float], at: float) -> float | None:
        return quantile(values, at) if values else None

    print(f"  {'':<24}{'one alone':>12}{f'{n} at once':>12}{'ratio':>9}   goal")
    print(f"  {'painted':<24}{len(alone.painted):>12}{len(crowd.painted):>12}{'':>9}   "
          f"{f'all {n}':<14}{verdict(len(crowd.painted) == n)}")  # fmt: skip
    row("first paint p50", q(alone.painted, 0.5), q(crowd.painted, 0.5), "s")
    row("first paint p95", q(alone.painted, 0.95), q(crowd.painted, 0.95), "s")
    row("key to repaint p50", q(alone.keys_ms, 0.5), q(crowd.keys_ms, 0.5), "ms")
    p95 = q(crowd.keys_ms, 0.95)
    row("key to repaint p95", q(alone.keys_ms, 0.95), p95, "ms", f"< {GOAL_KEY_P95_MS:.0f} ms",
        p95 is not None and p95 < GOAL_KEY_P95_MS)  # fmt: skip
    for first, name in ((True, "  p95 first visits"), (False, "  p95 returns")):
        row(name, q(alone.visits_ms(first), 0.95), q(crowd.visits_ms(first), 0.95), "ms")
    print(f"  {'keys answered':<24}{len(alone.keys_ms):>12}{len(crowd.keys_ms):>12}{'':>9}   "
          f"{'every key':<14}{verdict(len(crowd.keys_ms) == n * plan_keys)}")  # fmt: skip
    row("app CPU per key", alone.cpu_per_key_ms("apps_cpu"), crowd.cpu_per_key_ms("apps_cpu"), "ms")
    row("server CPU per key", alone.cpu_per_key_ms("server_cpu"), crowd.cpu_per_key_ms("server_cpu"), "ms")
    mem, base = crowd.after_keys, alone.after_keys
    pss = mem.pss_kib / 1024 / n
    row("memory/session PSS", base.pss_kib / 1024, pss, "MiB", f"<= {GOAL_MIB:.0f} MiB", pss <= GOAL_MIB)
    row("  RSS (shared counted N times)", base.rss_kib / 1024, mem.rss_kib / 1024 / n, "MiB")
    row("  private (anonymous)", base.private_kib / 1024, mem.private_kib / 1024 / n, "MiB")
    row("server's own RSS", base.server_rss_kib / 1024, mem.server_rss_kib / 1024, "MiB")
    print(f"  processes: {base.processes} with one session, {mem.processes} with {n}; final screens right "
          f"(pyte): {screens_right}/{n}; phases took {alone.took:.0f} s and {crowd.took:.0f} s; the crowd "
          f"settled {crowd.settled:.1f} s after connecting before the reading began")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions (default 50)")
    add = parser.add_argument
    add("--think", type=float, default=2.0, help="mean seconds between a reader's keys (default 2)")
    add("--timeout", type=float, default=120.0, help="seconds allowed to connect, and to read beyond the "
        "think time (default 120)")  # fmt: skip
    parser.add_argument("--content", type=Path, default=default_root(), help="content folder")
    args = parser.parse_args()
    args.sessions = max(1, min(args.sessions, 200))
    try:
        load(args.content)
    except ContentError as error:
        print(f"content does not load: {error.problems[0].message}")
        return 0
    asyncio.run(main_async(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
