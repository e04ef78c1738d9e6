"""`bolivia-explainer serve-ssh`, end to end: a real server process, real clients, screens read by pyte."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import asyncssh
import pytest
from asyncssh.packet import Boolean, String, UInt32
from sshkit import (
    SSH_OPTIONS,
    AsyncScreen,
    PtyClient,
    Server,
    accepts,
    connect,
    footer_at,
    free_port,
    on_title_row,
    shows,
    ssh_argv,
    wait,
)

from tui.model import Content
from tui.serve.ssh_hub import NO_FORWARDING
from tui.serve.ssh_session import NO_COMMANDS, NO_PTY, NO_SUBSYSTEMS, AppSession

pytestmark = pytest.mark.slow  # real servers and clients: -m 'not slow' skips them locally

MakeServer = Callable[..., Server]


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[MakeServer]:
    servers: list[Server] = []

    def make(*args: str, name: str = "server", **options: object) -> Server:
        servers.append(Server(tmp_path / name, *args, **options))  # type: ignore[arg-type]
        return servers[-1]

    yield make
    for server in servers:
        server.kill()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the tests that change nothing about it."""
    server = Server(tmp_path_factory.mktemp("shared"))
    yield server
    server.kill()


@pytest.fixture
def results(content: Content) -> str:
    """The title of section 2, which the "2" key opens."""
    (section,) = (s for s in content.sections if s.number == 2)
    return section.ref.title


def test_openssh_client_sees_the_app_and_its_keys_and_resizes(
    shared: Server, overview: str, results: str
) -> None:
    client = PtyClient(ssh_argv(shared.port))
    try:
        client.until(lambda lines: on_title_row(overview)(lines) and shows("The sections")(lines))
        client.write(b"2")
        client.until(on_title_row(results))
        client.resize(100, 30)
        client.until(footer_at(29))
        client.write(b"q")
        assert client.exited(10), "ssh did not end when the app quit"
        assert os.waitstatus_to_exitcode(client.status or 0) == 0
    finally:
        client.close()
    assert "start 127.0.0.1:" in shared.log() and "TERM=xterm-256color 80x24" in shared.log()
    assert wait(lambda: "TERM=xterm-256color 100x30" in shared.log(), 5), shared.log()


def test_a_45_column_pane_reads_every_section_in_one_column(shared: Server, content: Content) -> None:
    """A split pane or a phone's SSH app: the tabs are a menu, a list and its page take turns."""
    client = PtyClient(ssh_argv(shared.port), cols=45, rows=30)
    total = len(content.sections)
    try:
        client.until(shows(f"≡  1/{total}"))
        for number, section in enumerate(content.sections, start=1):
            client.write(str(number).encode())
            client.until(shows(f"≡  {number}/{total} {section.ref.tab}"))
            client.until(on_title_row(section.ref.title[:20]))
        client.write(b"3")
        client.until(shows(content.ui.about))
        client.write(b"\x1b[B\r")  # down, enter: the first actor's page, the whole width
        client.until(lambda lines: not any("About this section" in line for line in lines))
        client.write(b"m")
        client.until(shows(content.ui.keys.menu))
        client.write(b"\x1b")
        client.until(lambda lines: not any(content.ui.keys.menu in line for line in lines))
        client.write(b"q")
        assert client.exited(10), "ssh did not end when the app quit"
    finally:
        client.close()


async def test_asyncssh_client_sees_the_app_and_its_keys_and_resizes(
    shared: Server, overview: str, results: str
) -> None:
    session = await AsyncScreen.open(shared.port, 80, 24)
    try:
        await session.until(lambda lines: on_title_row(overview)(lines) and shows("The sections")(lines))
        session.write(b"2")
        await session.until(on_title_row(results))
        session.resize(120, 40)
        await session.until(footer_at(39))
        assert on_title_row(results)(session.lines)
    finally:
        session.close()


async def test_the_clients_locale_picks_the_language(shared: Server) -> None:
    session = await AsyncScreen.open(shared.port, env={"LANG": "es_BO.UTF-8"})
    try:
        await session.until(shows("Las secciones"))
        assert re.search(r"start 127\.0\.0\.1:\d+ TERM=\S+ \d+x\d+ lang=es\b", shared.log())
    finally:
        session.close()


async def test_the_app_gets_a_fixed_command_a_small_environment_and_its_own_terminal(
    make_server: MakeServer,
) -> None:
    server = make_server("--theme", "light", "--lang", "es")
    session = await AsyncScreen.open(
        server.port, env={"NO_COLOR": "1", "LD_PRELOAD": "/nonexistent.so", "PYTHONPATH": "/tmp"}
    )
    try:
        await session.until(shows("Las secciones"))  # in Spanish, as --lang asked
        (pid,) = server.app_pids()
        # Forked, not run: nothing of the client's environment can reach a loader or an import.
        (forkserver,) = server.served_pids() - {pid}
        environ = Path(f"/proc/{forkserver}/environ").read_bytes().split(b"\0")
        env = dict(item.split(b"=", 1) for item in environ if item)
        allowed = {b"PATH", b"HOME", b"LANG", b"BOLIVIA_EXPLAINER_CACHE", b"BOLIVIA_EXPLAINER_SERVER"}
        assert set(env) <= allowed and env[b"LANG"] == b"C.UTF-8"
        # Of what the client sent, only NO_COLOR reached the app: nothing on screen but greys.
        assert re.search(r"start \S+ TERM=xterm-256color 80x24 lang=es NO_COLOR\n", server.log())
        cells = [char for line in session.screen.buffer.values() for char in line.values()]
        colours = {char.fg for char in cells} | {char.bg for char in cells}
        assert all(c == "default" or c[0:2] == c[2:4] == c[4:6] for c in colours), colours
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
        session_id, tty, foreground = int(fields[3]), int(fields[4]), int(fields[5])
        assert session_id == pid and tty != 0 and foreground == pid, "the pty is not its controlling terminal"
    finally:
        session.close()


async def test_commands_subsystems_and_ptyless_sessions_get_one_line(shared: Server) -> None:
    async with await connect(shared.port) as conn:
        me = "refused 127.0.0.1:{}".format(conn.get_extra_info("sockname")[1])
        ran = await asyncio.wait_for(conn.run("cat /etc/passwd"), 10)
        assert (ran.exit_status, ran.stdout, ran.stderr) == (1, "", NO_COMMANDS + "\r\n")
        sftp = await asyncio.wait_for(conn.run(subsystem="sftp"), 10)
        assert (sftp.exit_status, sftp.stderr) == (1, NO_SUBSYSTEMS + "\r\n")
        shell = await asyncio.wait_for(conn.run(), 10)  # a shell, but no pty asked for
        assert (shell.exit_status, shell.stderr) == (1, NO_PTY + "\r\n")
    assert wait(lambda: shared.log().count(me) == 3, 5), "refusals are logged, and no app ran"


def test_openssh_refusals_are_one_line(shared: Server) -> None:
    base = ["ssh", "-p", str(shared.port), *SSH_OPTIONS]
    for extra, message in (([], NO_COMMANDS), (["-s"], NO_SUBSYSTEMS)):
        done = subprocess.run(
            [*base, *extra, "127.0.0.1", "sftp" if extra else "ls"],
            capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        assert done.returncode == 1
        assert [line for line in done.stderr.splitlines() if line.strip()] == [message]
    done = subprocess.run(
        [*base, "-T", "127.0.0.1"], capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL
    )
    assert done.stderr.strip() == NO_PTY


async def test_port_agent_and_x11_forwarding_are_refused(shared: Server) -> None:
    async with await connect(shared.port) as conn:
        with pytest.raises(asyncssh.ChannelOpenError) as local:
            await asyncio.wait_for(conn.open_connection("127.0.0.1", 22), 10)
        assert (local.value.code, local.value.reason) == (
            asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED,
            NO_FORWARDING,
        )
        with pytest.raises(asyncssh.ChannelListenError):
            await asyncio.wait_for(conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 22), 10)
        chan, _ = await conn.create_session(asyncssh.SSHClientSession, term_type="xterm", term_size=(80, 24))
        # Sent as OpenSSH sends them (-A, -X), but asking for an answer, which the public API does not.
        agent = chan._make_request(b"auth-agent-req@openssh.com")
        x11 = chan._make_request(
            b"x11-req", Boolean(False), String(b"MIT-MAGIC-COOKIE-1"), String(b"00" * 16), UInt32(0)
        )
        assert await asyncio.wait_for(agent, 10) is False
        assert await asyncio.wait_for(x11, 10) is False
        chan.close()


def test_openssh_port_forwarding_is_refused(shared: Server) -> None:
    options = [*SSH_OPTIONS[:-2], "-o", "LogLevel=INFO", "-p", str(shared.port), "-N"]
    remote = subprocess.run(
        ["ssh", *options, "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9", "127.0.0.1"],
        capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert remote.returncode == 255 and "remote port forwarding failed" in remote.stderr
    port = free_port()
    local = subprocess.Popen(
        ["ssh", *options, "-L", f"{port}:127.0.0.1:9", "127.0.0.1"],
        stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert wait(lambda: accepts(port), 10), "ssh -L never listened"
        tunnel = socket.create_connection(("127.0.0.1", port), timeout=15)
        with tunnel, contextlib.suppress(ConnectionResetError):
            assert tunnel.recv(10) == b"", "something answered through the tunnel"
    finally:
        local.kill()  # what it said is in the pipe already
        _, stderr = local.communicate(timeout=10)
    assert f"open failed: administratively prohibited: {NO_FORWARDING}" in stderr


async def test_session_limits_tell_the_extra_client_to_try_later(make_server: MakeServer) -> None:
    server = make_server("--max-sessions", "3", "--max-per-ip", "2")
    opened: list[AsyncScreen] = []
    try:
        for address in ("127.0.0.1", "127.0.0.1"):
            opened.append(await AsyncScreen.open(server.port, local_addr=(address, 0)))
        same_ip = await AsyncScreen.open(server.port, local_addr=("127.0.0.1", 0))
        opened.append(await AsyncScreen.open(server.port, local_addr=("127.0.0.2", 0)))
        full = await AsyncScreen.open(server.port, local_addr=("127.0.0.3", 0))
        for session in opened:
            await session.until(shows("The sections"))
        for extra in (same_ip, full):
            assert await extra.ended()
            assert "try again later" in extra.message and extra.message.count("\n") == 1
        assert "from your address (2)" in same_ip.message and "(3 sessions)" in full.message
        assert len(server.app_pids()) == 3
    finally:
        for session in opened:
            session.close()


async def test_idle_sockets_from_a_few_addresses_cannot_keep_a_reader_out(
    make_server: MakeServer, overview: str
) -> None:
    """The review's row 36: 16 silent TCP connections from 4 addresses against a cap of 14."""
    server = make_server("--max-sessions", "2")
    idle = []
    try:
        for n in range(16):
            source = (f"127.0.0.{2 + n % 4}", 0)
            idle.append(socket.create_connection(("127.0.0.1", server.port), source_address=source))
        await asyncio.sleep(0.5)
        reader = await AsyncScreen.open(server.port, local_addr=("127.0.0.9", 0))
        await reader.until(shows(overview))
        reader.close()
        assert "dropped" in server.log()  # the newcomer took an idle socket's place
    finally:
        for sock in idle:
            sock.close()


async def test_idle_timeout_counts_input_not_output(make_server: MakeServer) -> None:
    server = make_server("--idle-timeout", "2")
    session = await AsyncScreen.open(server.port)
    try:
        for key in b"23232323":  # typing every 0.5 s keeps it open past the timeout, however slow the app
            session.write(bytes([key]))
            await asyncio.sleep(0.5)
        assert not session.closed.is_set(), session.message
        assert len(server.app_pids()) == 1
        assert await session.ended(6), "an idle session was not closed"
        assert "without a key press" in session.message
        assert wait(lambda: not server.app_pids(), 5)
    finally:
        session.close()


def test_a_killed_client_leaves_no_app_behind(make_server: MakeServer, overview: str) -> None:
    server = make_server()
    client = PtyClient(ssh_argv(server.port))
    try:
        client.until(on_title_row(overview))
        assert len(server.app_pids()) == 1
        os.kill(client.pid, signal.SIGKILL)
        assert wait(lambda: not server.app_pids(), 5), "the app outlived its client"
    finally:
        client.close()
    assert wait(lambda: "client left" in server.log(), 5)


def test_keepalives_drop_a_client_that_stopped_answering(make_server: MakeServer, overview: str) -> None:
    server = make_server("--keepalive", "0.5")
    client = PtyClient(ssh_argv(server.port))
    try:
        client.until(on_title_row(overview))
        os.kill(client.pid, signal.SIGSTOP)  # its connection stays open, but nothing answers
        assert wait(lambda: not server.app_pids(), 10), "a vanished client kept its app"
    finally:
        client.close()
    # The session's end line follows the app's exit, so it may come a moment later.
    assert wait(lambda: "client left" in server.log(), 5), server.log()


async def test_a_crashing_app_ends_only_its_own_session(make_server: MakeServer, results: str) -> None:
    server = make_server()
    first = await AsyncScreen.open(server.port)
    second = await AsyncScreen.open(server.port)
    try:
        await first.until(shows("The sections"))
        await second.until(shows("The sections"))
        os.kill(next(iter(server.app_pids())), signal.SIGKILL)
        watch = {asyncio.ensure_future(s.closed.wait()): s for s in (first, second)}
        done, pending = await asyncio.wait(watch, timeout=10, return_when=asyncio.FIRST_COMPLETED)
        for waiting in pending:
            waiting.cancel()
        (ended,) = (watch[task] for task in done)
        assert "The explainer stopped; reconnect to start again." in ended.message
        other = second if ended is first else first
        other.write(b"2")
        await other.until(on_title_row(results))
    finally:
        first.close()
        second.close()


async def test_stopping_the_server_ends_every_session(make_server: MakeServer, overview: str) -> None:
    server = make_server()
    client = PtyClient(ssh_argv(server.port))
    session = await AsyncScreen.open(server.port)
    try:
        await session.until(shows("The sections"))
        await asyncio.to_thread(client.until, on_title_row(overview))
        assert len(server.app_pids()) == 2
        assert await asyncio.to_thread(server.stop, signal.SIGTERM) == 0
        assert not server.app_pids()
        assert await session.ended(5) and "shutting down" in session.message
        assert await asyncio.to_thread(client.exited, 5)
    finally:
        session.close()
        client.close()


def test_ctrl_c_stops_the_server_too(make_server: MakeServer) -> None:
    server = make_server()
    assert server.stop(signal.SIGINT) == 0


def test_host_key_is_made_once_private_and_reused(make_server: MakeServer, tmp_path: Path) -> None:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    first = make_server(env=env, own_key=False)
    assert first.stop() == 0
    key = tmp_path / "data" / "bolivia-explainer" / "ssh_host_ed25519_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    again = make_server(env=env, own_key=False, name="again")
    assert again.fingerprint == first.fingerprint
    assert first.fingerprint.startswith("ssh-ed25519 SHA256:")
    listed = subprocess.run(["ssh-keygen", "-lf", str(key)], capture_output=True, text=True, check=True)
    assert first.fingerprint.split()[1] in listed.stdout


async def test_authorized_keys_admit_only_listed_keys(make_server: MakeServer, tmp_path: Path) -> None:
    listed, unknown = (
        asyncssh.generate_private_key("ssh-ed25519"),
        asyncssh.generate_private_key("ssh-ed25519"),
    )
    keys = tmp_path / "authorized_keys"
    keys.write_bytes(listed.export_public_key())
    server = make_server("--authorized-keys", str(keys))
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, client_keys=[unknown])
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port)
    session = await AsyncScreen.open(server.port, client_keys=[listed])
    try:
        await session.until(shows("The sections"))
    finally:
        session.close()


async def test_a_killed_server_leaves_no_process_behind(make_server: MakeServer) -> None:
    """SIGKILL gives the server no chance to clean up: its fork server and every app die with it."""
    server = make_server()
    sessions = [await AsyncScreen.open(server.port) for _ in range(3)]
    try:
        for session in sessions:
            await session.until(shows("The sections"))
        assert len(server.app_pids()) == 3 and len(server.served_pids()) == 4  # and the fork server
        server.proc.kill()
        assert await asyncio.to_thread(wait, lambda: not server.served_pids(), 5), server.served_pids()
    finally:
        for session in sessions:
            session.close()


async def test_an_edit_while_serving_reaches_new_sessions_and_a_broken_one_is_only_logged(
    make_server: MakeServer,
) -> None:
    server = make_server()
    index = server.content / "index.yaml"
    good = index.read_text(encoding="utf-8")
    index.write_text(good.replace('\ntitle: "Bolivia', '\ntitle: "Edited Bolivia', 1), encoding="utf-8")
    assert await asyncio.to_thread(
        wait, lambda: "content reloaded after an edit of index.yaml" in server.log(), 10
    )
    edited = await AsyncScreen.open(server.port)
    try:
        await edited.until(shows("Edited Bolivia"))
    finally:
        edited.close()
    index.write_text(good + "title: [unclosed\n", encoding="utf-8")
    assert await asyncio.to_thread(wait, lambda: "content edit not served" in server.log(), 10)
    assert re.search(rf"content edit not served: {re.escape(str(index))}:\d+: ", server.log())
    kept = await AsyncScreen.open(server.port)  # the server lives on, with the last good content
    try:
        await kept.until(shows("Edited Bolivia"))
    finally:
        kept.close()


async def test_a_class_of_thirty_from_one_address_is_admitted_by_default(make_server: MakeServer) -> None:
    server = make_server()
    sessions = await asyncio.gather(*(AsyncScreen.open(server.port) for _ in range(30)))
    try:
        await asyncio.gather(*(session.until(shows("The sections"), timeout=60) for session in sessions))
        assert len(server.app_pids()) == 30 and "Too many" not in server.log()
    finally:
        for session in sessions:
            session.close()


async def test_a_fork_server_that_dies_is_started_again(make_server: MakeServer) -> None:
    server = make_server()
    first = await AsyncScreen.open(server.port)
    try:
        await first.until(shows("The sections"))
        (app,) = server.app_pids()
        (forkserver,) = server.served_pids() - {app}
        os.kill(forkserver, signal.SIGKILL)
        assert await first.ended(10) and "The explainer stopped" in first.message  # its app died with it
        assert await asyncio.to_thread(wait, lambda: server.log().count(" ready in ") == 2, 20), server.log()
        assert "the fork server stopped (killed by signal 9); its sessions ended" in server.log()
    finally:
        first.close()
    again = await AsyncScreen.open(server.port)
    try:
        await again.until(shows("The sections"))
    finally:
        again.close()


def test_a_client_that_left_mid_screen_is_not_an_error(caplog: pytest.LogCaptureFixture) -> None:
    """The app's output arriving after the client closed its channel: once, each such race
    logged a traceback and the server kept it (5 KiB a session, found by benchmarks/class_load.py)."""

    class Closed:
        def write(self, data: bytes) -> None:
            raise BrokenPipeError("Channel not open for sending")

    class Host:
        settings = None

    session = AppSession(Host(), None, "127.0.0.1", "127.0.0.1:1")  # type: ignore[arg-type]
    session.connection_made(Closed())  # type: ignore[arg-type]
    session.output(b"the rest of the first screen")
    session.output(b"and more")
    assert not caplog.records
