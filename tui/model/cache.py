"""Validated files remembered by their bytes, so most starts skip YAML entirely.

A file's entry is keyed by a hash of its bytes, its kind and the model's own
source, so any edit to the content or to the schema misses the cache and the
file is parsed and validated again. Only files without problems are stored;
a missing or unwritable cache folder just means parsing every time.
Set BOLIVIA_EXPLAINER_CACHE to a folder to move it, or to "off".
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from .check import Facts

ENV = "BOLIVIA_EXPLAINER_CACHE"
T = TypeVar("T")


@cache
def _folder() -> Path | None:
    setting = os.environ.get(ENV, "")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    import platformdirs

    return Path(platformdirs.user_cache_dir("bolivia-explainer", appauthor=False))


@cache
def _salt() -> bytes:
    """Changes whenever the code that validates content changes."""
    # Every module of the model, not a hand-kept list: one left out (translate.py
    # once was) would serve stale translations after an upgrade.
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def key(kind: str, data: bytes) -> str:
    return hashlib.sha256(_salt() + kind.encode() + b"\0" + data).hexdigest()


_decoders: dict[Any, msgspec.msgpack.Decoder[Any]] = {}


def _decoder(cls: Any) -> msgspec.msgpack.Decoder[Any]:
    if cls not in _decoders:
        _decoders[cls] = msgspec.msgpack.Decoder(tuple[cls, Facts])
    return _decoders[cls]


def get(name: str, cls: type[T]) -> tuple[T, Facts] | None:
    folder = _folder()
    if folder is None:
        return None
    try:
        value: tuple[T, Facts] = _decoder(cls).decode((folder / name).read_bytes())
    except (OSError, msgspec.DecodeError):
        return None
    return value


def put(name: str, value: Any, facts: Facts) -> None:
    folder = _folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{name}.{os.getpid()}.tmp"
        partial.write_bytes(msgspec.msgpack.encode((value, facts)))
        partial.replace(folder / name)  # atomic: concurrent starts never read half a file
    except OSError:
        pass
