"""One view class per section kind; the index's `kind` picks from VIEWS."""

from .base import SectionView
from .chart import ChartView
from .glossary import GlossaryView
from .overview import OverviewView
from .profiles import ProfilesView
from .quiz import QuizView
from .sources import SourcesView
from .timeline import TimelineView

VIEWS: dict[str, type[SectionView]] = {
    "overview": OverviewView,
    "chart": ChartView,
    "profiles": ProfilesView,
    "timeline": TimelineView,
    "glossary": GlossaryView,
    "sources": SourcesView,
    "quiz": QuizView,
}

__all__ = ["VIEWS", "SectionView"]
