"""Where the presenter is, for the speaker's notes in another terminal (`bolivia-explainer notes`).

The presenter writes one small JSON file (the cue) in the user's runtime
folder as it moves; the notes screen watches it. Only a presenter on the
reader's own machine writes it: a served app never writes a file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

CUE_ENV = "BOLIVIA_EXPLAINER_CUE"
"""A file to use instead of the runtime folder's (for tests, or two presenters on one machine)."""


@dataclass(frozen=True)
class Cue:
    content: str
    """The content folder the presenter shows."""
    lang: str
    index: int
    """The slide shown, from 0."""
    part: int
    parts: int
    started: float
    """When presenting started (seconds since the epoch)."""
    presenting: bool = True
    """False once the presenter has left the slides."""
    slides: tuple[str, ...] = ()
    """The ids of the slides shown, in order, when not all of them (a lesson's)."""


def cue_path() -> Path:
    override = os.environ.get(CUE_ENV)
    if override:
        return Path(override)
    import platformdirs

    with warnings.catch_warnings():  # no XDG_RUNTIME_DIR: platformdirs' own fallback will do
        warnings.simplefilter("ignore")
        folder = Path(platformdirs.user_runtime_dir("bolivia-explainer", appauthor=False))
    return folder / "presenter.json"


def publish(cue: Cue) -> None:
    """Write `cue` whole (a reader never sees half a file); a failure only costs the notes."""
    path = cue_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".presenter-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(asdict(cue), file)
            os.replace(temporary, path)
        except OSError:
            os.unlink(temporary)
            raise


def read(path: Path) -> Cue | None:
    """The cue at `path`, or None if there is none, or not a cue (another version, a half edit)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["slides"] = tuple(raw.get("slides", ()))
        return Cue(**raw)
    except (OSError, ValueError, TypeError):
        return None
