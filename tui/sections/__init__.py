"""The views, by layout: one page, a list beside a page, the quiz. The index's `kind` picks one.

What a page holds comes from the builder (tui/doc/build.py); a view only
lays pages out and handles the keys.
"""

from .base import SectionView
from .entries import EntriesView
from .quiz import QuizView
from .single import PageView
from .timeline import TimelineView

VIEWS: dict[str, type[SectionView]] = {
    "overview": PageView,
    "chart": PageView,
    "profiles": EntriesView,
    "timeline": TimelineView,
    "glossary": EntriesView,
    "sources": EntriesView,
    "quiz": QuizView,
}

__all__ = ["VIEWS", "SectionView"]
