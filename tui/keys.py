"""The keys offered to the reader: bound once in code, described in the content's words.

Bindings are Textual's static BINDINGS. A binding's description is the name
of a field of ui.yaml's `keys`, and the key bar and the keys dialog read that
field in the content's language, so a language switch rebinds nothing.
"""

from __future__ import annotations

from .model.schema import UI, Keys

SECTION_KEYS = 9
"""Keys 1 to 9 go to the first nine sections."""

HELP: tuple[tuple[str, str], ...] = (
    ("1-{sections}", "sections"),
    ("m", "menu"),
    ("tab / shift+tab", "focus"),
    ("↑ ↓ ← →", "move"),
    ("enter", "claim"),
    ("u", "unfold"),
    ("y", "year"),
    ("escape / backspace", "back"),
    ("/", "search"),
    ("ctrl+p", "palette"),
    ("t", "theme"),
    ("p", "present"),
    ("L", "lesson"),
    ("l", "language"),
    ("a-f", "answer"),
    ("? / F1", "help"),
    ("q / ctrl+q", "quit"),
)
"""The keys dialog's rows: the keys as it lists them, and which of `keys` describes them."""


def describe(keys: Keys, description: str) -> str:
    """A binding's description in the content's words (a description that names no field stays)."""
    return str(getattr(keys, description)) if description in Keys.__struct_fields__ else description


TEACHER: tuple[tuple[str, str], ...] = (
    ("c", "class_panel"), ("f", "follow"), ("o", "ask"), ("v", "poll"), ("N", "notes"),
)  # fmt: skip
STUDENT: tuple[tuple[str, str], ...] = (("f", "follow"), ("n", "name"))
"""The keys of a class, listed only to its teacher or its students."""


def help_rows(ui: UI, sections: int, role: str | None = None) -> list[tuple[str, str]]:
    """The keys dialog's rows, each key with its sentence; `role`: "teacher" or "student" in a class."""
    extra = {"teacher": TEACHER, "student": STUDENT}.get(role or "", ())
    return [
        (shown.format(sections=sections), ui.key_help.get(word) or describe(ui.keys, word))
        for shown, word in (*HELP, *extra)
    ]
