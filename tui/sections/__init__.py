"""One screen class per section kind; the index's `kind` picks from SCREENS."""

from .base import SectionScreen
from .chart import ChartScreen
from .glossary import GlossaryScreen
from .overview import OverviewScreen
from .profiles import ProfilesScreen
from .sources import SourcesScreen
from .timeline import TimelineScreen

SCREENS: dict[str, type[SectionScreen]] = {
    "overview": OverviewScreen,
    "chart": ChartScreen,
    "profiles": ProfilesScreen,
    "timeline": TimelineScreen,
    "glossary": GlossaryScreen,
    "sources": SourcesScreen,
}

__all__ = ["SCREENS", "SectionScreen"]
