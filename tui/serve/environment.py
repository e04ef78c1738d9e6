"""The environment every served app process starts with, whatever the transport, and what it does with it."""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal

# Set by a server for its app: the file descriptor where errors go instead of the screen.
REPORT_ENV = "BOLIVIA_EXPLAINER_REPORT_FD"
# Set by a server for its app: the server's pid. The app must not outlive it.
SERVER_ENV = "BOLIVIA_EXPLAINER_SERVER"
# Address space per app: 4x what a 400x200 session reaches (about 260 MB), so a runaway
# session fails alone with MemoryError instead of taking the server's memory.
MEMORY_LIMIT = 1024 * 1024 * 1024
PR_SET_PDEATHSIG = 1


def app_environment() -> dict[str, str]:
    """The little the app needs; nothing of the server's own (TEXTUAL_LOG, say) leaks in.

    Transports add TERM and the few client variables they accept.
    """
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": os.environ.get("HOME", "/"),
        SERVER_ENV: str(os.getpid()),
    }
    for name in ("BOLIVIA_EXPLAINER_CACHE", "XDG_CACHE_HOME"):  # where the app keeps its content cache
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def limit_served_app(environ: os._Environ[str] | dict[str, str]) -> bool:
    """In an app a server started: no core dumps, bounded memory, and death with the server.

    The SSH server sets the limits before exec too; the web server's apps start
    on pipes through textual-serve, so they set their own here. False when the
    server is already gone (the app should not start).
    """
    server = environ.get(SERVER_ENV, "")
    if not server.isdecimal():
        return True
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    return die_with_parent(int(server))


def die_with_parent(parent: int | None = None) -> bool:
    """Be killed when the process that started this one ends, even by SIGKILL.

    False when it has already ended (this process was handed to init before
    the request took effect), or when it is not `parent`.
    """
    expected = os.getppid() if parent is None else parent
    with contextlib.suppress(OSError, AttributeError):  # Linux only: elsewhere the server's cleanup must do
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    return os.getppid() == expected
