"""What an app does when a server runs it: report errors where the server reads them, stay
within its limits, and never outlive the server. (The server's side: tui/serve/.)"""

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
# Set by a server for an app in a class: the file descriptor of its class channel (a socket).
CLASS_ENV = "BOLIVIA_EXPLAINER_CLASS_FD"
# Address space per app: 4x what a 400x200 session reaches (about 260 MB), so a runaway
# session fails alone with MemoryError instead of taking the server's memory.
MEMORY_LIMIT = 1024 * 1024 * 1024
PR_SET_PDEATHSIG = 1


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
