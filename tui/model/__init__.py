"""The content model: YAML in, validated plain-Python objects out. No Textual here."""

from .content import Content, Section, default_root, entry_name, languages, load
from .problems import ContentError, Problem

__all__ = ["Content", "ContentError", "Problem", "Section", "default_root", "entry_name", "languages", "load"]
