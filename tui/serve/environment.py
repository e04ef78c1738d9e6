"""The environment every served app process starts with, whatever the transport."""

from __future__ import annotations

import os

from ..served import SERVER_ENV


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
