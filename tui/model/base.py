"""The base of every content struct (schema.py, ui_words.py)."""

from __future__ import annotations

from msgspec import Struct


class Model(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """Base for every struct: unknown fields are errors, values never change."""
