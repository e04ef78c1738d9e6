"""A teacher leads 30 students: the teacher's key to every student's screen, a student's answer
to the teacher's tally. On one server, then on two servers sharing one Redis.

For each set-up the script starts the server(s) as subprocesses on free
127.0.0.1 ports (`serve-ssh --teachers`, and with two servers `--state` on a
redis-server it starts, in memory only), then over SSH (asyncssh clients in
this process, 80x24; the teacher 100x30 with its key):

- Baseline: one reader alone on the same server (no class) presses 2 3 5 1,
  five times over; key to its own repaint.  That is the floor: following
  cannot be faster than a reader's own key, since a student repaints the
  same page after one more hop.
- The class: 30 students join with the class code (on two servers, half on
  each; the teacher is on the first), and the teacher turns leading on.
- Lead: the teacher presses 2 3 5 1 five times over, 0.4 s apart; for each
  key, the time from the key leaving the teacher to the last of the 30
  student screens showing the section's title (a screen counts as painted at
  the last chunk of the frame that brought the title, as in ssh_load.py).
  p50 and p95 over the 20 keys, and the ratio to the baseline's p95.
- Tally: the teacher opens quiz question 1 (9, then o); each student in turn
  presses an answer, and the time runs from that key to the teacher's screen
  showing "N of 30 have answered".  p50 and p95 over the 30 answers.

Goals (issue 14): both p95 <= 300 ms, for one server and for two with Redis.
Every wait is bounded; servers and redis-server are stopped (SIGTERM, then
SIGKILL) whatever happens.  Prints PASS/FAIL beside each goal and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh
from class_load import descendants, memory
from ssh_load import Reader, quantile

from tui.model import default_root, load

CODE = "bolivia7"
STUDENTS = 30
LEAD_KEYS = "2351" * 5
KEY_GAP = 0.4
TIMEOUT = 20.0
GOAL = 0.300
REDIS_SERVER = "/usr/bin/redis-server"
LISTENING = re.compile(rb"listening on 127\.0\.0\.1:(\d+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Student(asyncssh.SSHClient):
    """Logs in as most students do: no key the server knows, keyboard-interactive with no question."""

    def kbdint_auth_requested(self) -> str:
        return ""

    def kbdint_challenge_received(
        self, name: str, instructions: str, lang: str, prompts: list[tuple[str, bool]]
    ) -> list[str]:
        return []


class Terminal:
    def __init__(self) -> None:
        self.reader = Reader()
        self.conn: asyncssh.SSHClientConnection | None = None
        self.chan: asyncssh.SSHClientChannel[bytes] | None = None

    async def open(self, port: int, user: str, key: asyncssh.SSHKey | None, size: tuple[int, int]) -> None:
        options = {"known_hosts": None, "username": user, "agent_path": None, "config": None}
        if key is None:
            self.conn, _ = await asyncssh.create_connection(Student, "127.0.0.1", port, client_keys=None,
                                                            **options)  # fmt: skip
        else:
            self.conn = await asyncssh.connect("127.0.0.1", port, client_keys=[key], **options)
        self.chan, _ = await self.conn.create_session(
            lambda: self.reader, term_type="xterm-256color", term_size=size, encoding=None
        )

    def press(self, key: str) -> tuple[float, int]:
        """Send `key`; when it left and how many chunks had arrived before it."""
        assert self.chan is not None
        mark = len(self.reader.chunks)
        self.chan.write(key.encode())
        return time.monotonic(), mark

    async def shows(self, needle: bytes, since: int = 0) -> float | None:
        return await self.reader.painted([needle], since, TIMEOUT)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


class Servers:
    """serve-ssh once, or twice sharing a redis-server; stopped whatever happens."""

    def __init__(self, folder: Path, count: int) -> None:
        self.folder = folder
        self.count = count
        self.procs: list[subprocess.Popen[bytes]] = []
        self.ports: list[int] = []
        self.servers: list[int] = []
        self.pss_per_session = 0.0
        """KiB: the servers' trees (server, fork server, apps), over the sessions open."""

    def pss(self) -> int:
        return sum(memory(pid).pss for server in self.servers for pid in descendants(server))

    async def __aenter__(self) -> Servers:
        common = ["--host-key", str(self.folder / "host_key"), "--max-per-ip", "100"]
        if self.count > 1:
            port = free_port()
            redis = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "no", "--dir", str(self.folder)]  # fmt: skip
            self.procs.append(subprocess.Popen(redis, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            await asyncio.sleep(0.5)
            common += ["--state", f"redis://127.0.0.1:{port}/0"]
        for number in range(self.count):
            teachers = ["--teachers", str(self.folder / "teachers")]
            out = open(self.folder / f"server{number}.out", "wb")  # noqa: SIM115 - closed with the process
            command = [sys.executable, "-m", "tui", "serve-ssh", "--port", "0", *common, *teachers]
            self.procs.append(subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT))
            self.servers.append(self.procs[-1].pid)
            deadline = time.monotonic() + 60
            while not (found := LISTENING.search((self.folder / f"server{number}.out").read_bytes())):
                if time.monotonic() > deadline or self.procs[-1].poll() is not None:
                    raise RuntimeError(
                        f"serve-ssh did not start: {(self.folder / f'server{number}.out').read_text()}"
                    )
                await asyncio.sleep(0.1)
            self.ports.append(int(found.group(1)))
        return self

    async def __aexit__(self, *exc: object) -> None:
        for proc in reversed(self.procs):
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for proc in self.procs:
            while proc.poll() is None and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            if proc.poll() is None:
                proc.kill()
                proc.wait()


async def baseline(port: int, titles: list[bytes]) -> list[float]:
    reader = Terminal()
    await reader.open(port, "reader", None, (80, 24))
    await reader.shows(titles[0])
    await asyncio.sleep(1.0)
    times = []
    for key in LEAD_KEYS:
        sent, mark = reader.press(key)
        painted = await reader.shows(titles[int(key) - 1], mark)
        if painted is not None:
            times.append(painted - sent)
        await asyncio.sleep(KEY_GAP)
    reader.close()
    return times


async def lesson(
    servers: Servers, key: asyncssh.SSHKey, titles: list[bytes], words: dict[str, str]
) -> dict[str, list[float]]:
    teacher = Terminal()
    await teacher.open(servers.ports[0], CODE, key, (100, 30))
    students = [Terminal() for _ in range(STUDENTS)]
    ports = [servers.ports[n % len(servers.ports)] for n in range(STUDENTS)]
    await asyncio.gather(*(s.open(p, CODE, None, (80, 24)) for s, p in zip(students, ports, strict=True)))
    joined = await asyncio.gather(*(s.shows(f"class {CODE}, ".encode()) for s in students))
    if None in joined:
        raise RuntimeError(f"{joined.count(None)} students never joined")
    await teacher.shows(f"{STUDENTS} connected".encode())
    teacher.press("f")
    await teacher.shows(b"the class follows you")
    await asyncio.sleep(1.0)
    lead = []
    for key in LEAD_KEYS:
        sent, _ = teacher.press(key)
        marks = [len(s.reader.chunks) for s in students]
        painted = await asyncio.gather(
            *(s.shows(titles[int(key) - 1], m) for s, m in zip(students, marks, strict=True))
        )
        if None not in painted:
            lead.append(max(p for p in painted if p is not None) - sent)
        await asyncio.sleep(KEY_GAP)
    servers.pss_per_session = servers.pss() / (STUDENTS + 1)
    teacher.press("9")
    await asyncio.gather(*(s.shows(titles[8]) for s in students))
    await asyncio.sleep(0.5)
    teacher.press("o")
    asked = await asyncio.gather(*(s.shows(words["asked"].encode()) for s in students))
    if None in asked:
        raise RuntimeError("the question never reached every student")
    await asyncio.sleep(0.5)
    tally = []
    for number, student in enumerate(students, 1):
        mark = len(teacher.reader.chunks)
        sent, _ = student.press("abcd"[number % 4])
        needle = words["tally"].format(answered=number, total=STUDENTS).encode()
        painted = await teacher.shows(needle, mark)
        if painted is not None:
            tally.append(painted - sent)
        await asyncio.sleep(0.1)
    for terminal in (teacher, *students):
        terminal.close()
    return {"lead": lead, "tally": tally}


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


async def run(setup: str, count: int, titles: list[bytes], words: dict[str, str], samples: bool) -> list[str]:
    verdicts = []
    with tempfile.TemporaryDirectory(prefix="class-lead-") as tmp:
        folder = Path(tmp)
        key = asyncssh.generate_private_key("ssh-ed25519")
        (folder / "teachers").write_bytes(key.export_public_key())
        async with Servers(folder, count) as servers:
            alone = await baseline(servers.ports[0], titles)
            found = await lesson(servers, key, titles, words)
            pss = servers.pss_per_session
    floor = quantile(alone, 0.95)
    print(f"\n== {setup} ==")
    print(f"  PSS per session, the class open after the 20 keys (servers' trees / 31): {pss / 1024:.1f} MiB")
    print(f"  baseline, a reader's own key to its repaint: p50 {ms(quantile(alone, 0.5))}, p95 {ms(floor)} "
          f"({len(alone)} keys)")  # fmt: skip
    for name, what in (("lead", "teacher's key to all 30 students repainted"),
                       ("tally", "a student's answer to the teacher's tally")):  # fmt: skip
        times = found[name]
        if not times:
            print(f"  {what}: nothing measured")
            verdicts.append(f"  {setup}, {name}: FAIL (nothing measured)")
            continue
        if samples:
            print("   ", " ".join(f"{t * 1000:.0f}" for t in times))
        p95 = quantile(times, 0.95)
        print(f"  {what}: p50 {ms(quantile(times, 0.5))}, p95 {ms(p95)}, max {ms(max(times))} "
              f"({len(times)} samples; p95 = {p95 / floor:.1f} x the baseline's)")  # fmt: skip
        verdicts.append(f"  {setup}, {name} p95 {ms(p95)} <= {ms(GOAL)}: {'PASS' if p95 <= GOAL else 'FAIL'}")
    return verdicts


async def main_async(setups: list[str], samples: bool) -> None:
    content = load(default_root())
    titles = [s.ref.title.encode() for s in content.sections]
    words = {"asked": content.ui.classroom.question.format(n=1), "tally": content.ui.classroom.tally}
    print(
        f"class_lead: one teacher and {STUDENTS} students over SSH on {os.cpu_count()} cores; "
        f"the teacher presses {len(LEAD_KEYS)} keys, {KEY_GAP:g} s apart, then asks question 1"
    )
    verdicts = []
    for setup in setups:
        count = 1 if setup == "one" else 2
        name = "one server" if count == 1 else "two servers sharing Redis"
        try:
            verdicts += await run(name, count, titles, words, samples)
        except RuntimeError as error:
            print(f"  {name}: {error}")
    print("\ntargets:")
    print("\n".join(verdicts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", choices=("one", "two", "both"), default="both",
                        help="one server, two sharing Redis, or both (default)")  # fmt: skip
    parser.add_argument("--samples", action="store_true", help="print every sample, in ms")
    args = parser.parse_args()
    asyncio.run(main_async(["one", "two"] if args.setup == "both" else [args.setup], args.samples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
