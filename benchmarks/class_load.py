"""A class connecting at once: N students from one address, the same instant, over SSH and the web.

A teacher says "everyone connect now".  For each transport (`--transport`) the
script starts the server (`serve-ssh` or `serve-web`) as a subprocess on a free
127.0.0.1 port and waits until it listens.  The server warms a fork server
before it listens, and the apps are that one's children (the server's
grandchildren), so every figure below covers the server's whole process tree.
Then, against the same server:

- Baseline: one session alone, five times in turn (`--lone`); its first paint
  is the median.  Each lone session also presses the keys below.
- The class, for each N in `--sessions`: N clients (80x24, all from
  127.0.0.1) wait on one event and start connecting when it is set; first
  paint is timed from that common instant to the first screen that shows
  section 1's title and the section map.  From one second after its own first
  paint, each client presses 2, 3, 5, 1, 0.6 s apart (a key waits for the
  previous one's repaint), timing key to the pressed section's title.  With
  all N still open it reads the PSS of every process in the tree (server, fork
  server, apps: each page divided among the processes that map it) and
  divides the sum by N.  Summed RSS (shared pages counted once per process)
  and private memory (pages no other process maps; copy-on-write pages still
  shared with the fork server are not private) are printed beside it for
  information.  pyte then checks that each final screen shows section 1's
  title (the last key is 1).
- The floor: N first screens on C cores cannot be faster than N x (lone first
  paint) / C; the class's first paint p95 is printed as a ratio to it.
- A leak check, after the classes: `--cycles` sequential sessions, each
  connect, first paint, disconnect (SSH: close the connection; web: close the
  websocket).  Before and after (after waiting at most 10 s for the tree to
  come back): processes in the tree, open fds of the server and of its fork
  server, and their RSS and PSS.  It passes when no process and no fd is left
  over and their RSS grew by less than 5 MiB.  (PSS is printed, not judged:
  it moves with every other process that maps the same libraries, such as
  any other Python program running meanwhile.)

The web client is what a browser's page does once loaded: a websocket to
/ws?width=80&height=24 with an Origin of the server's own address, a resize
message, then ["stdin", key] for keys; the terminal's bytes come back as
binary frames.  The page and its static files are not fetched.

How timing works is as in ssh_load.py: each chunk is stamped on arrival, and
a screen counts as painted at the last chunk of the burst that brought its
title.  The clients run in this process, on the same cores as the server
(their key exchanges and websockets cost CPU too).  Every wait is bounded;
the server is stopped with SIGTERM (SIGKILL after 10 s) and any process of
its tree still alive afterwards is reported and killed.  Prints PASS/FAIL
beside each goal and always exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import asyncssh
from ssh_load import COLS, ROWS, Reader, quantile, settle

from tui.model import ContentError, default_root, load

KEYS = "2351"
KEY_DELAY = 1.0  # seconds from a client's own first paint to its first key
KEY_GAP = 0.6  # seconds between its keys
KEY_TIMEOUT = 10.0
MAX_SESSIONS = 60
CYCLE_TIMEOUT = 15.0  # one leak-check session: connect, paint, close
CYCLES_BUDGET = 900.0  # seconds for all the leak-check sessions
LEAK_WAIT = 10.0
LEAK_MIB = 5.0
STARTUP_TIMEOUT = 240.0  # the fork server loads and warms the content before the server listens
PAINT_GOALS = {30: (1.5, True), 50: (3.0, False)}  # N: first paint p95 (s), whether all must paint
KEY_GOALS_MS = {30: 150.0}  # N: key to repaint p95
PSS_GOALS_MIB = {30: 15.0}  # N: PSS per session with N open
GOAL_LONE_SSH_S = 0.15
NOTABLE = re.compile(r"refus|drop|full|error|crash|traceback|fail|warn|exception|kill|ended:|idle", re.I)
ROUTINE = re.compile(r"client left \(killed by signal 1\)$")  # SIGHUP: the reader closed the connection
LISTENING = {
    "ssh": re.compile(rb"listening on 127\.0\.0\.1:(\d+)"),
    "web": re.compile(rb"serving the explainer on http://127\.0\.0\.1:(\d+)/"),
}


# -- processes ---------------------------------------------------------------------------------


def processes() -> dict[int, tuple[int, int]]:
    """Every process: pid -> (parent pid, start time in clock ticks)."""
    found = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            with contextlib.suppress(OSError, IndexError), open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
                if fields[0] != b"Z":
                    found[int(name)] = (int(fields[1]), int(fields[19]))
    return found


def descendants(root: int) -> dict[int, int]:
    """`root` and every live process below it: pid -> start time."""
    table = processes()
    tree = {root} if root in table else set()
    grew = bool(tree)
    while grew:
        more = {pid for pid, (parent, _) in table.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return {pid: table[pid][1] for pid in tree}


def fd_count(pid: int | None) -> int:
    if pid is None:
        return 0
    with contextlib.suppress(OSError):
        return len(os.listdir(f"/proc/{pid}/fd"))
    return 0


@dataclass
class Memory:
    """KiB, summed over some processes."""

    rss: int = 0
    pss: int = 0
    """Each page divided among the processes that share it: what they cost the machine."""
    private: int = 0
    """Pages no other process maps (copy-on-write pages a fork still shares are not private)."""

    def __add__(self, other: Memory) -> Memory:
        return Memory(self.rss + other.rss, self.pss + other.pss, self.private + other.private)


def memory(pid: int | None) -> Memory:
    found = Memory()
    with contextlib.suppress(OSError, TypeError), open(f"/proc/{pid}/smaps_rollup") as lines:
        for line in lines:
            name, _, value = line.partition(":")
            kib = int(value.split()[0]) if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty") else 0
            if name == "Rss":
                found.rss = kib
            elif name == "Pss":
                found.pss = kib
            else:
                found.private += kib
    return found


# -- the server --------------------------------------------------------------------------------


@dataclass
class Server:
    transport: str
    proc: subprocess.Popen[bytes]
    port: int
    folder: Path
    idle: int = 0
    """Processes in its tree with no session open."""
    seen: dict[int, int] = field(default_factory=dict)
    """Every process seen in its tree (pid -> start time), to find any left behind."""

    def tree(self) -> dict[int, int]:
        found = descendants(self.proc.pid)
        self.seen.update(found)
        return found

    def fork_server(self) -> int | None:
        for pid in self.tree():
            with contextlib.suppress(OSError), open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if b"tui.serve.forkserver" in cmdline.read() and pid != self.proc.pid:
                    return pid
        return None

    def log_lines(self) -> list[str]:
        """What it wrote to stderr, and to stdout besides its greeting."""
        text = [(self.folder / name).read_text(errors="replace") for name in ("stdout", "stderr")]
        return [line for line in "\n".join(text).splitlines() if line.strip()]


def server_command(transport: str, folder: Path, content: Path) -> list[str]:
    common = ["--port", "0", "--content", str(content), "--max-sessions", str(MAX_SESSIONS)]
    if transport == "ssh":
        key = ["--host-key", str(folder / "host_key"), "--max-per-ip", str(MAX_SESSIONS)]
        return [sys.executable, "-m", "tui", "serve-ssh", *common, *key]
    return [sys.executable, "-m", "tui", "serve-web", *common]


def spawn_server(transport: str, folder: Path, content: Path) -> Server:
    with open(folder / "stdout", "wb") as out, open(folder / "stderr", "wb") as err:
        command = server_command(transport, folder, content)
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
    return Server(transport, proc, 0, folder)


async def wait_listening(server: Server) -> None:
    """Wait until the server prints its address; RuntimeError if it does not."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and server.proc.poll() is None:
        if found := LISTENING[server.transport].search((server.folder / "stdout").read_bytes()):
            server.port = int(found.group(1))
            await asyncio.sleep(0.5)  # let it finish starting up
            server.idle = len(server.tree())
            return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"serve-{server.transport} did not start: " + " | ".join(server.log_lines()[-3:]))


async def wait_exit(proc: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while proc.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return proc.poll() is not None


def alive(pid: int, started: int) -> bool:
    entry = processes().get(pid)
    return entry is not None and entry[1] == started


async def stop_server(server: Server) -> None:
    """SIGTERM, SIGKILL after 10 s; then kill (and report) any process of its tree still alive."""
    server.tree()
    server.proc.terminate()
    if not await wait_exit(server.proc, 10.0):
        print(f"  warning: serve-{server.transport} ignored SIGTERM for 10 s; killed")
        server.proc.kill()
        await wait_exit(server.proc, 5.0)
    deadline = time.monotonic() + 5.0
    left = {pid: t for pid, t in server.seen.items() if alive(pid, t)}
    while left and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        left = {pid: t for pid, t in left.items() if alive(pid, t)}
    if left:
        print(f"  warning: {len(left)} processes of serve-{server.transport}'s tree outlived it "
              f"({', '.join(map(str, sorted(left)))}); killed")  # fmt: skip
        for pid in left:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


async def quiet(server: Server, limit: float) -> float:
    """Wait until no session's process is left and the tree is idle; return how long that took."""
    started = time.monotonic()
    while len(server.tree()) > server.idle and time.monotonic() - started < limit:
        await asyncio.sleep(0.1)
    await settle(server.proc.pid, max(0.5, limit - (time.monotonic() - started)))
    return time.monotonic() - started


# -- clients -----------------------------------------------------------------------------------


class Client:
    """One student's terminal: connect, press keys, close; every byte received is in `reader`."""

    def __init__(self) -> None:
        self.reader = Reader()

    async def connect(self) -> None:
        raise NotImplementedError

    async def press(self, key: str) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError

    def why_closed(self) -> str:
        return "closed by the server"


class SshClient(Client):
    def __init__(self, port: int) -> None:
        super().__init__()
        self.port = port
        self.conn: asyncssh.SSHClientConnection | None = None
        self.chan: asyncssh.SSHClientChannel[bytes] | None = None

    async def connect(self) -> None:
        self.conn = await asyncssh.connect(
            "127.0.0.1", self.port, known_hosts=None, username="student", client_keys=None, agent_path=None,
            config=None,
        )  # fmt: skip
        self.chan, _ = await self.conn.create_session(
            lambda: self.reader, term_type="xterm-256color", term_size=(COLS, ROWS), encoding=None
        )

    async def press(self, key: str) -> None:
        assert self.chan is not None
        self.chan.write(key.encode())

    async def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            with contextlib.suppress(TimeoutError, OSError, asyncssh.Error):
                await asyncio.wait_for(self.conn.wait_closed(), 5.0)


class WebClient(Client):
    def __init__(self, port: int, http: aiohttp.ClientSession) -> None:
        super().__init__()
        self.port = port
        self.http = http
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.pump: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        origin = f"http://127.0.0.1:{self.port}"
        self.ws = await self.http.ws_connect(
            f"{origin}/ws?width={COLS}&height={ROWS}", headers={"Origin": origin}, heartbeat=None
        )
        self.pump = asyncio.create_task(self._receive(self.ws))
        await self.ws.send_json(["resize", {"width": COLS, "height": ROWS}])  # as the page does on open

    async def _receive(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        try:
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.reader.data_received(message.data, None)
        finally:
            self.reader.connection_lost(None)

    async def press(self, key: str) -> None:
        assert self.ws is not None
        await self.ws.send_json(["stdin", key])

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(TimeoutError, aiohttp.ClientError, OSError):
                await asyncio.wait_for(self.ws.close(), 5.0)
        if self.pump is not None:
            self.pump.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.pump

    def why_closed(self) -> str:
        code = None if self.ws is None else self.ws.close_code
        return f"websocket closed ({code})"


Dialer = Callable[[], Client]


# -- a class -----------------------------------------------------------------------------------


@dataclass
class Screens:
    first: list[bytes]
    """What the first screen shows: section 1's title and the section map's heading."""
    keys: list[tuple[str, bytes]]
    """Each key and the title of the section it opens."""
    home: str


@dataclass
class Student:
    client: Client
    first_paint: float | None = None
    """Seconds from the common start."""
    keys_ms: list[float] = field(default_factory=list)
    problem: str | None = None


@dataclass
class Lesson:
    n: int
    students: list[Student]
    mem: Memory
    """The server's whole tree with all N open."""
    server_mem: Memory
    processes: int
    screens_right: int = 0
    took: float = 0.0

    @property
    def paints(self) -> list[float]:
        """Each student's first paint; inf for one that never painted."""
        return [math.inf if s.first_paint is None else s.first_paint for s in self.students]

    @property
    def keys_ms(self) -> list[float]:
        return [ms for s in self.students for ms in s.keys_ms]


async def sleep_until(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.monotonic()))


async def attend(student: Student, start: float, screens: Screens, timeout: float) -> None:
    """Connect from `start`, wait for the first screen, then press the keys."""
    client = student.client
    try:
        await asyncio.wait_for(client.connect(), timeout)
        at = await client.reader.painted(screens.first, 0, timeout - (time.monotonic() - start))
        if at is None:
            student.problem = client.why_closed() if client.reader.closed else "no first screen in time"
            return
        student.first_paint = at - start
        for i, (key, title) in enumerate(screens.keys):
            await sleep_until(at + KEY_DELAY + i * KEY_GAP)
            mark, sent = len(client.reader.chunks), time.monotonic()
            await client.press(key)
            shown = await client.reader.painted([title], mark, KEY_TIMEOUT)
            if shown is None:
                student.problem = f"key {key}: no repaint in {KEY_TIMEOUT:g} s"
                return
            student.keys_ms.append((shown - sent) * 1000)
    except Exception as error:  # refused, reset, timed out: that student's problem, not the run's
        student.problem = f"{type(error).__name__}: {error}".strip(": ")


def screen_right(client: Client, title: str) -> bool:
    return any(line.strip().startswith(title) for line in client.reader.screen()[:3])


async def lesson(server: Server, dial: Dialer, n: int, screens: Screens, timeout: float) -> Lesson:
    """N students start connecting in one instant; returns once all have pressed their keys."""
    began = time.monotonic()
    students = [Student(dial()) for _ in range(n)]
    go = asyncio.Event()
    start = 0.0

    async def one(student: Student) -> None:
        await go.wait()
        await attend(student, start, screens, timeout)

    tasks = [asyncio.create_task(one(s)) for s in students]
    await asyncio.sleep(0.1)  # every task is waiting on the event
    start = time.monotonic()
    go.set()
    budget = timeout + KEY_DELAY + len(screens.keys) * (KEY_GAP + KEY_TIMEOUT) + 5
    _, late = await asyncio.wait(tasks, timeout=budget)
    for task in late:
        task.cancel()
    if late:
        await asyncio.wait(late, timeout=5.0)
    tree = server.tree()
    mem, server_mem = sum(map(memory, tree), Memory()), memory(server.proc.pid)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*(s.client.close() for s in students)), 30.0)
    for student in students:
        if student.problem is None and len(student.keys_ms) < len(screens.keys):
            student.problem = "did not finish in time"
    found = Lesson(n, students, mem, server_mem, len(tree), took=time.monotonic() - began)
    found.screens_right = sum(screen_right(s.client, screens.home) for s in students if s.first_paint)
    return found


# -- the leak check ----------------------------------------------------------------------------


@dataclass
class Snapshot:
    processes: int
    server_fds: int
    fork_fds: int
    forked: bool
    """Whether the server has a fork server."""
    server_mem: Memory
    fork_mem: Memory


def snapshot(server: Server) -> Snapshot:
    fork = server.fork_server()
    pid = server.proc.pid
    tree = len(server.tree())
    return Snapshot(tree, fd_count(pid), fd_count(fork), fork is not None, memory(pid), memory(fork))


@dataclass
class Leak:
    cycles: int
    before: Snapshot
    after: Snapshot
    painted: int = 0
    problems: Counter[str] = field(default_factory=Counter)
    took: float = 0.0
    waited: float = 0.0

    @property
    def grew_mib(self) -> float:
        """RSS: PSS moves with whatever else maps the same libraries (other Python processes)."""
        before = self.before.server_mem + self.before.fork_mem
        after = self.after.server_mem + self.after.fork_mem
        return (after.rss - before.rss) / 1024

    def back(self, now: Snapshot) -> bool:
        """No process and no fd more than before."""
        b = self.before
        return now.processes <= b.processes and now.server_fds <= b.server_fds and now.fork_fds <= b.fork_fds

    @property
    def ok(self) -> bool:
        return self.back(self.after) and self.grew_mib < LEAK_MIB


async def cycle(dial: Dialer, screens: Screens) -> str | None:
    """One session: connect, first screen, disconnect; what went wrong, if anything."""
    student = Student(dial())
    start = time.monotonic()
    try:
        await asyncio.wait_for(attend(student, start, Screens(screens.first, [], ""), CYCLE_TIMEOUT), 20.0)
    except TimeoutError:
        student.problem = "timed out"
    await student.client.close()
    return student.problem


async def leak_check(server: Server, dial: Dialer, screens: Screens, cycles: int) -> Leak:
    await quiet(server, 30.0)
    leak = Leak(cycles, snapshot(server), snapshot(server))
    began = time.monotonic()
    for _ in range(cycles):
        if time.monotonic() - began > CYCLES_BUDGET:
            leak.problems["not run: over the time budget"] += 1
            continue
        problem = await cycle(dial, screens)
        leak.painted += problem is None
        if problem is not None:
            leak.problems[problem] += 1
    leak.took = time.monotonic() - began
    waiting = time.monotonic()
    while not leak.back(snapshot(server)) and time.monotonic() - waiting < LEAK_WAIT:
        await asyncio.sleep(0.2)
    leak.waited = time.monotonic() - waiting
    await asyncio.sleep(0.5)
    leak.after = snapshot(server)
    return leak


# -- one transport -----------------------------------------------------------------------------


@dataclass
class Run:
    transport: str
    lone: list[Lesson]
    classes: list[Lesson]
    leak: Leak | None
    log: list[str] = field(default_factory=list)
    """What the server wrote (stderr, and stdout besides its address)."""


async def run_transport(transport: str, args: argparse.Namespace, screens: Screens) -> Run:
    with tempfile.TemporaryDirectory(prefix="class-load-") as tmp:
        server = spawn_server(transport, Path(tmp), args.content)
        try:
            await wait_listening(server)
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
                run = await measure(server, http, args, screens)
        finally:
            await stop_server(server)
        run.log = server.log_lines()  # with what it wrote while stopping
        return run


async def measure(
    server: Server, http: aiohttp.ClientSession, args: argparse.Namespace, screens: Screens
) -> Run:
    def dial() -> Client:
        return SshClient(server.port) if server.transport == "ssh" else WebClient(server.port, http)

    lone = []
    for _ in range(args.lone):
        lone.append(await lesson(server, dial, 1, screens, args.timeout))
        await quiet(server, 10.0)
    classes = []
    for n in args.sessions:
        await quiet(server, 60.0)
        classes.append(await lesson(server, dial, n, screens, args.timeout))
        print(f"  {server.transport}: {n} at once done in {classes[-1].took:.0f} s", flush=True)
    leak = await leak_check(server, dial, screens, args.cycles) if args.cycles else None
    return Run(server.transport, lone, classes, leak)


# -- the report --------------------------------------------------------------------------------


class Verdicts:
    """Every goal judged in the run, for the summary at the end."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def judge(self, name: str, ok: bool) -> str:
        verdict = "PASS" if ok else "FAIL"
        self.lines.append(f"  {verdict}  {name}")
        return verdict


def seconds(value: float | None) -> str:
    return "-" if value is None else "never" if math.isinf(value) else f"{value:.2f} s"


def millis(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def q(values: list[float], at: float) -> float | None:
    return quantile(values, at) if values else None


def row(name: str, first: str, second: str, goal: str = "", verdict: str = "") -> None:
    print(f"  {name:<26}{first:>12}{second:>14}   {goal:<14}{verdict}".rstrip())


def lone_paint(run: Run) -> float:
    paints = [lesson.paints[0] for lesson in run.lone]
    return statistics.median(paints)


def report_lone(run: Run, verdicts: Verdicts) -> None:
    paint = lone_paint(run)
    each = ", ".join(seconds(lesson.paints[0]) for lesson in run.lone)
    line = f"\n{run.transport}: one session alone, first paint: median {seconds(paint)} of {each}"
    if run.transport == "ssh":
        name = f"ssh: one session alone: first paint <= {GOAL_LONE_SSH_S:g} s ({seconds(paint)})"
        line += f"   goal <= {GOAL_LONE_SSH_S:g} s  {verdicts.judge(name, paint <= GOAL_LONE_SSH_S)}"
    print(line)


def report_paint(run: Run, crowd: Lesson, verdicts: Verdicts) -> None:
    n, cores, alone = crowd.n, os.cpu_count() or 1, lone_paint(run)
    painted = sum(s.first_paint is not None for s in crowd.students)
    p95 = quantile(crowd.paints, 0.95)
    lone_painted = sum(lesson.students[0].first_paint is not None for lesson in run.lone)
    goal, verdict = PAINT_GOALS.get(n), ""
    row(
        "painted", f"{lone_painted}/{len(run.lone)}", f"{painted}/{n}", f"all {n}" if goal and goal[1] else ""
    )
    row("first paint p50", seconds(alone), seconds(quantile(crowd.paints, 0.5)))
    if goal is not None:
        limit, all_must = goal
        must = "all painted and " if all_must else ""
        name = f"{run.transport}: {n} at once: {must}first paint p95 <= {limit:g} s"
        name += f" ({painted}/{n}, {seconds(p95)})"
        verdict = verdicts.judge(name, p95 <= limit and (painted == n or not all_must))
    row("first paint p95", "", seconds(p95), f"<= {goal[0]:g} s" if goal else "", verdict)
    row("first paint max", "", seconds(max(crowd.paints)))
    floor = n * alone / cores
    print(f"  floor: {n} first screens on {cores} cores = {n} x {alone:.3f} s / {cores} = {floor:.2f} s;")
    print(f"  first paint p95 = {p95 / floor:.2f} x floor")


def report_keys(run: Run, crowd: Lesson, verdicts: Verdicts) -> None:
    alone, keys = [ms for lesson in run.lone for ms in lesson.keys_ms], crowd.keys_ms
    row("key to repaint p50", millis(q(alone, 0.5)), millis(q(keys, 0.5)))
    goal, p95, verdict = KEY_GOALS_MS.get(crowd.n), q(keys, 0.95), ""
    if goal is not None:
        name = f"{run.transport}: {crowd.n} at once: key to repaint p95 <= {goal:g} ms ({millis(p95)})"
        verdict = verdicts.judge(name, p95 is not None and p95 <= goal)
    row("key to repaint p95", millis(q(alone, 0.95)), millis(p95), f"<= {goal:g} ms" if goal else "", verdict)
    row("keys answered", str(len(alone)), f"{len(keys)}/{crowd.n * len(KEYS)}")


def report_memory(run: Run, crowd: Lesson, verdicts: Verdicts) -> None:
    n, mem = crowd.n, crowd.mem
    alone = sorted(run.lone, key=lambda lesson: lesson.mem.pss)[len(run.lone) // 2]  # the median
    lone = alone.mem
    goal, verdict = PSS_GOALS_MIB.get(n), ""
    if goal is not None:
        name = f"{run.transport}: PSS per session with {n} open <= {goal:g} MiB ({mib(mem.pss / n)})"
        verdict = verdicts.judge(name, mem.pss / n / 1024 <= goal)
    goal_text = f"<= {goal:g} MiB" if goal else ""
    row("PSS per session", mib(lone.pss), mib(mem.pss / n), goal_text, verdict)
    row("  RSS per session", mib(lone.rss), mib(mem.rss / n), "information")
    row("  private per session", mib(lone.private), mib(mem.private / n), "information")
    row("  server's own RSS", mib(alone.server_mem.rss), mib(crowd.server_mem.rss))
    row("  processes in the tree", str(alone.processes), str(crowd.processes))


def report_class(run: Run, crowd: Lesson, verdicts: Verdicts) -> None:
    print(f"\n{run.transport}: {crowd.n} at once (took {crowd.took:.0f} s)")
    row("", "one alone", f"{crowd.n} at once", "goal")
    report_paint(run, crowd, verdicts)
    report_keys(run, crowd, verdicts)
    report_memory(run, crowd, verdicts)
    painted = sum(s.first_paint is not None for s in crowd.students)
    print(f"  final screens right (pyte): {crowd.screens_right}/{painted}")
    problems = Counter(s.problem for s in crowd.students if s.problem)
    for problem, count in problems.most_common(5):
        print(f"  problem: {count} x {problem}")


def report_leak(run: Run, leak: Leak, verdicts: Verdicts) -> None:
    b, a = leak.before, leak.after
    print(f"\n{run.transport}: leak check, {leak.cycles} sessions in turn (connect, first paint, close):")
    print(f"  {leak.painted} painted in {leak.took:.0f} s; the tree was back {leak.waited:.1f} s later")
    row("", "before", "after", "change")
    counts = [
        ("processes in the tree", b.processes, a.processes),
        ("server's fds", b.server_fds, a.server_fds),
    ]
    if b.forked:
        counts.append(("fork server's fds", b.fork_fds, a.fork_fds))
    for name, old, new in counts:
        row(name, str(old), str(new), f"{new - old:+d}")
    mems = [("server", b.server_mem, a.server_mem)]
    if b.forked:
        mems.append(("fork server", b.fork_mem, a.fork_mem))
    for who, was, now in mems:
        row(f"{who} RSS", mib(was.rss), mib(now.rss), f"{(now.rss - was.rss) / 1024:+.1f} MiB")
        row(f"{who} PSS", mib(was.pss), mib(now.pss), f"{(now.pss - was.pss) / 1024:+.1f} MiB")
    for problem, count in leak.problems.most_common(5):
        print(f"  problem: {count} x {problem}")
    name = f"{run.transport}: {leak.cycles} sessions in turn leave no process, no fd, +{LEAK_MIB:g} MiB RSS"
    print(f"  {verdicts.judge(f'{name} (grew {leak.grew_mib:.1f} MiB)', leak.ok)}")


def report_log(run: Run) -> None:
    notable = [line for line in run.log if NOTABLE.search(line) and not ROUTINE.search(line)]
    print(f"\n{run.transport}: the server wrote {len(run.log)} log lines, {len(notable)} of them notable")
    stamp = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ ")
    for line, count in Counter(stamp.sub("", line)[:150] for line in notable).most_common(8):
        print(f"  {count} x {line}")


def report(run: Run, verdicts: Verdicts) -> None:
    report_lone(run, verdicts)
    for crowd in run.classes:
        report_class(run, crowd, verdicts)
    if run.leak is not None:
        report_leak(run, run.leak, verdicts)
    report_log(run)


# -- main --------------------------------------------------------------------------------------


def screens_of(content_dir: Path) -> Screens:
    content = load(content_dir)
    titles = [s.ref.title for s in content.sections]
    first = [titles[0].encode(), content.ui.sections_map.encode()]
    return Screens(first, [(key, titles[int(key) - 1].encode()) for key in KEYS], titles[0])


async def main_async(args: argparse.Namespace) -> None:
    screens = screens_of(args.content)
    sizes, keys = " and ".join(map(str, args.sessions)), " ".join(KEYS)
    print(f"class_load: {sizes} students at {COLS}x{ROWS} from 127.0.0.1 connect in the same instant, on")
    print(f"{os.cpu_count()} cores; each presses {keys} from {KEY_DELAY:g} s after its own first paint, "
          f"{KEY_GAP:g} s apart; baseline: {args.lone} lone sessions in turn", flush=True)  # fmt: skip
    verdicts = Verdicts()
    for transport in args.transports:
        print(f"\n== {transport} ==", flush=True)
        try:
            run = await run_transport(transport, args, screens)
        except RuntimeError as error:
            print(f"  {error}")
            continue
        report(run, verdicts)
    print("\ntargets:")
    print("\n".join(verdicts.lines) or "  none applies (the goals are for 30 and 50 at once)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--transport", choices=("ssh", "web", "both"), default="both", help="which server (default both)")
    add("--sessions", default="30,50", help="class sizes, comma-separated (default 30,50)")
    add("--cycles", type=int, default=200, help="leak-check sessions in turn (default 200; 0: none)")
    add("--lone", type=int, default=5, help="lone sessions for the baseline (default 5)")
    add("--timeout", type=float, default=120.0, help="seconds to a first screen (default 120)")
    add("--content", type=Path, default=default_root(), help="content folder")
    args = parser.parse_args()
    try:
        args.sessions = [max(1, min(int(n), MAX_SESSIONS)) for n in args.sessions.split(",")]
    except ValueError:
        parser.error("--sessions takes numbers separated by commas, e.g. 30,50")
    args.transports = ["ssh", "web"] if args.transport == "both" else [args.transport]
    args.lone, args.cycles = max(1, args.lone), max(0, args.cycles)
    try:
        screens_of(args.content)
    except ContentError as error:
        print(f"content does not load: {error.problems[0].message}")
        return 0
    asyncio.run(main_async(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
