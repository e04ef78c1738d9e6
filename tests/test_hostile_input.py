"""What a stranger's terminal can send: stray bytes, absurd sequences, signal keys, odd sizes.

The filter is tested alone first (what passes, what is dropped), then end to end:
a real `serve-ssh` with the app on its own pty, driven by the OpenSSH client
and by asyncssh.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sshkit import AsyncScreen, PtyClient, Server, shows, ssh_argv

from tui.serve.environment import app_environment
from tui.serve.input_filter import InputFilter
from tui.serve.pty import PtyProcess, winsize
from tui.serve.spawner import Spawner
from tui.served import MEMORY_LIMIT

BAD_SEQUENCES = [  # the review's reproductions
    b"\xff",
    b"\xc3(",
    b"\x1b[1114112u",
    b"\x1b[99999999999999999999u",
    b"\x1b[99999999999999999999;1H",
    b"\x1b[" + b"9" * 5000 + b"u",
    b"\x1b]52;c;" + b"A" * 10000 + b"\x07",
]
QUIT_KEYS = b"qQ\x11"  # q and ctrl+q end the app on purpose


def feed_in_pieces(data: bytes, cuts: list[int]) -> bytes:
    flt = InputFilter()
    out, last = [], 0
    for cut in sorted(set(cuts)):
        out.append(flt.feed(data[last:cut]))
        last = cut
    out.append(flt.feed(data[last:]))
    return b"".join(out)


# The filter alone.

KEYS = [b"a", "ñ".encode(), b"\x1b", b"\x1b[A", b"\x1b[1;5C", b"\x1b[<0;12;7M", b"\x1bOP",
        b"\x1b[200~pasted\x1b[201~", b"\x1b[97;5u", b"\x1b]11;rgb:0000/0000/0000\x1b\\",
        b"\r", b"\t", b"\x7f", "€".encode()]  # fmt: skip


@given(st.lists(st.sampled_from(KEYS), max_size=30), st.lists(st.integers(0, 400), max_size=6))
def test_what_terminals_send_passes_unchanged_however_it_is_split(keys: list[bytes], cuts: list[int]) -> None:
    data = b"".join(keys)
    assert feed_in_pieces(data, [c for c in cuts if c <= len(data)]) == data


@pytest.mark.parametrize("bad", BAD_SEQUENCES[2:])
def test_absurd_sequences_are_dropped_and_the_keys_around_them_kept(bad: bytes) -> None:
    data = b"x" + bad + b"y\x1b[A"
    for cut in range(len(data)):
        # Cut just after its ESC, the ESC has gone on as the escape key: the rest is still dropped.
        expected = b"x\x1by\x1b[A" if cut == 2 else b"xy\x1b[A"
        assert feed_in_pieces(data, [cut]) == expected


def test_a_bad_sequence_after_a_lone_escape_is_still_dropped() -> None:
    flt = InputFilter()
    assert flt.feed(b"\x1b") == b"\x1b"  # the escape key goes at once
    assert flt.feed(b"[1114112u") == b""
    assert flt.feed(b"[A") == b"[A"  # plain text after it is plain text


def test_invalid_utf8_becomes_a_replacement_character() -> None:
    assert InputFilter().feed(b"a\xffb\xc3(") == "a\ufffdb\ufffd(".encode()
    flt = InputFilter()
    assert flt.feed(b"\xc3") + flt.feed(b"\xb1") == "ñ".encode()  # split characters survive


@given(st.binary(max_size=200))
def test_any_bytes_come_out_as_valid_utf8_without_absurd_numbers(data: bytes) -> None:
    out = InputFilter().feed(data).decode("utf-8")  # raises if not valid
    for part in out.split("\x1b[")[1:]:
        digits = "".join(c if c.isdigit() else " " for c in part[:80]).split()
        assert all(len(d) <= 7 and int(d) <= 0x10FFFF for d in digits[:1])


def test_window_sizes_beyond_the_kernels_fields_are_clamped() -> None:
    assert winsize(80, 24, 70000, 70000) == winsize(80, 24, 65535, 65535)


# End to end: a real server, the app on its own pty.


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(tmp_path_factory.mktemp("hostile"))
    yield server
    server.kill()


@pytest.mark.slow
def test_random_bytes_and_the_reviews_sequences_leave_the_app_alive_and_drawing(
    server: Server, overview: str
) -> None:
    client = PtyClient(ssh_argv(server.port, "-e", "none"))
    try:
        client.until(shows(overview))
        for bad in BAD_SEQUENCES:
            client.write(bad)
            assert client.pump(0.2), "the session ended after " + repr(bad[:20])

        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
        @given(st.binary(min_size=1, max_size=64))
        def send(data: bytes) -> None:
            client.write(data.translate(None, QUIT_KEYS))
            assert client.pump(0.02), "the session ended after " + repr(data)

        send()
        # Whatever state the bytes left it in (a dialog open, the presenter, whose last
        # row is its margin), it redraws at a new size: rows below the old 24 fill in.
        client.resize(100, 30)
        client.until(lambda lines: any(line.strip() for line in lines[24:30]), timeout=20)
        assert "Traceback" not in client.raw.decode("utf-8", "replace")
        assert not client.exited(0.1)
    finally:
        client.close()
    assert " crash " not in server.log()


@pytest.mark.slow
@pytest.mark.parametrize("key", [b"\x1c", b"\x03"], ids=["ctrl+backslash", "ctrl+c"])
async def test_signal_keys_at_connect_neither_kill_the_app_nor_can_dump_core(
    server: Server, overview: str, key: bytes
) -> None:
    screen = await AsyncScreen.open(server.port)
    try:
        for _ in range(300):  # from the moment the session opens until the app draws
            screen.write(key)
            await asyncio.sleep(0.01)
            if any(overview in line for line in screen.lines) or screen.closed.is_set():
                break
        await screen.until(shows(overview))
        (pid,) = server.app_pids()
        limits = Path(f"/proc/{pid}/limits").read_text()
        assert re.search(r"Max core file size\s+0\s+0", limits)
        assert re.search(rf"Max address space\s+{MEMORY_LIMIT}\s+{MEMORY_LIMIT}", limits)
        screen.write(b"2")
        await screen.until(lambda lines: overview not in lines[0])
    finally:
        screen.close()
    log = server.log()
    assert "killed by signal 3" not in log and "exit status 130" not in log and " crash " not in log


@pytest.mark.slow
async def test_huge_and_odd_window_sizes_are_clamped_not_fatal(server: Server, overview: str) -> None:
    screen = await AsyncScreen.open(server.port, cols=5000, rows=3000)
    try:
        await screen.until(shows(overview))
        assert "5000" not in server.log() and "400x200" in server.log()
        assert screen.chan is not None
        screen.screen.resize(24, 80)
        screen.chan.change_terminal_size(80, 24, 70000, 70000)
        screen.write(b"2")
        await screen.until(lambda lines: overview not in lines[0])
        assert not screen.closed.is_set()
    finally:
        screen.close()


def test_an_app_that_crashes_writes_its_traceback_to_the_report_not_the_screen(tmp_path: Path) -> None:
    """Below the filter: a raw invalid byte still crashes Textual's reader; the reader sees none of it."""

    async def run() -> tuple[bytes, int, str]:
        shown = bytearray()
        done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        env = {**app_environment(), "TERM": "xterm-256color"}
        spawner = await Spawner.start(None, app_environment())
        proc = PtyProcess(spawner, [], env, 80, 24, shown.extend, done.set_result)
        try:
            await asyncio.sleep(3)  # let it draw
            proc.write(b"\xff")
            status = await asyncio.wait_for(done, 20)
        finally:
            proc.end()
            await spawner.close()
        return bytes(shown), status, proc.report

    shown, status, report = asyncio.run(run())
    assert os.waitstatus_to_exitcode(status) != 0
    assert "UnicodeDecodeError" in report
    assert b"Traceback" not in shown and b"UnicodeDecodeError" not in shown
