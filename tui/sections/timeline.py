"""The timeline: the entries view with a time axis across its top, and y to go to a year.

The axis docks at the top of the view, so the list and the page below it keep
whatever layout the entries view gives them (side by side, or taking turns on
a narrow screen).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from textual import on
from textual.binding import Binding
from textual.events import Key
from textual.widget import Widget

from ..dialogs.year import YearScreen
from ..model import schema
from ..render.axis import jump_index, year_of
from ..widgets.entry_list import EntryList
from ..widgets.time_axis import TimeAxis
from .entries import EntriesView


class TimelineView(EntriesView):
    BINDINGS = [Binding("y", "year", "year")]  # described by the content's keys.year

    _asking = False
    """From y until the dialog closes: digits typed meanwhile are the year."""
    _early = ""
    _dialog: YearScreen | None = None

    def compose_body(self) -> Iterator[Widget]:
        self._events = [entry for entry in self.section.entries if isinstance(entry, schema.Event)]
        self._axis = TimeAxis([event.date for event in self._events], id="time-axis")
        yield self._axis
        yield from super().compose_body()

    def _years(self) -> list[int | None]:
        return [year_of(event.date) for event in self._events]

    def _mark(self, item: str | None) -> None:
        ids = [event.id for event in self._events]
        self._axis.mark(ids.index(item) if item in ids else None)

    def prepare(self) -> None:
        super().prepare()
        self._mark(None)

    def show_item(self, item: str | None) -> None:
        super().show_item(item)
        self._mark(item)

    @on(EntryList.Highlighted)
    @on(EntryList.Selected)
    def _moved(self, message: EntryList.Highlighted | EntryList.Selected) -> None:
        self._mark(message.item)

    def on_time_axis_jump(self, message: TimeAxis.Jump) -> None:
        self.show_item(self._events[message.index].id)

    def on_key(self, event: Key) -> None:
        # y and a year typed in one go: the digits reach the list before the dialog is up.
        if event.key == "y":
            self._asking = True
        elif self._asking and event.character is not None and event.character.isdigit():
            event.stop()
            event.prevent_default()
            self._early += event.character
            if isinstance(self._dialog, YearScreen) and self._dialog.is_mounted:
                self._dialog.type(self._early)
                self._early = ""

    def action_year(self) -> None:
        years = [year for year in self._years() if year is not None]
        if not years:
            self._asking = False
            return
        busiest = max(Counter(years).items(), key=lambda pair: (pair[1], -pair[0]))[0]
        self._dialog = YearScreen(self.content.ui, min(years), max(years), busiest, typed=self._early)
        self._early = ""
        self.app.push_screen(self._dialog, self.go_to_year)

    def go_to_year(self, year: int | None) -> None:
        """The year's first event, or the nearest after it, or the last; None stays."""
        self._asking, self._dialog = False, None
        index = None if year is None else jump_index(self._years(), year)
        if index is not None:
            self.show_item(self._events[index].id)
