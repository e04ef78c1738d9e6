"""Search: every word must match, accents and case do not matter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from contentkit import PEOPLE, make_content
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.geometry import Region

from tui.app import ExplainerApp
from tui.doc.search import CUT, SNIPPET, Hit, SearchIndex, fold
from tui.model import Content, load
from tui.render.find import best_line
from tui.widgets.document import Document
from tui.widgets.entry_list import EntryList


@pytest.fixture
def small(tmp_path: Path) -> SearchIndex:
    return SearchIndex(load(make_content(tmp_path)))


@pytest.fixture(scope="module")
def shipped(content: Content) -> SearchIndex:
    return SearchIndex(content)


def items(index: SearchIndex, query: str) -> list[str | None]:
    return [hit.item for hit in index.search(query)]


# --- on the minimal folder: exact results ------------------------------------------------------


def test_every_section_and_entry_is_indexed(small: SearchIndex) -> None:
    assert len(small) == 3 + 4


@pytest.mark.parametrize("query", ["anez", "Anez", "ÁÑEZ", "áñez", "  anez  "])
def test_accents_and_case_do_not_matter(small: SearchIndex, query: str) -> None:
    assert items(small, query) == ["anez", "e-2019"]


def test_a_hit_says_where_it_is(small: SearchIndex) -> None:
    hit = small.search("anez")[0]
    assert (hit.section, hit.item, hit.title) == ("people", "anez", "Jeanine Áñez")
    assert hit.snippet == "Interim president"  # what the entry says, not its title again
    assert [hit.title[start:end] for start, end in hit.title_marks] == ["Áñez"]


LONG_ROLE = (
    "Senator for Beni who, after the president resigned in November 2019, declared herself "
    "interim president of Bolivia and governed for a year until the election Luis Arce won."
)


def test_a_snippet_cuts_between_words_and_shows_the_cuts(tmp_path: Path) -> None:
    people = PEOPLE.replace('"Interim president"', f'"{LONG_ROLE}"')
    index = SearchIndex(load(make_content(tmp_path, people_yaml=people)))
    hit = index.search("interim")[0]
    assert hit.snippet == "…declared herself interim president of Bolivia and governed for a…"
    assert [hit.snippet[start:end] for start, end in hit.marks] == ["interim"]


def test_a_word_longer_than_a_line_is_cut_around_the_match(tmp_path: Path) -> None:
    """A web address is one "word": the snippet shows the part of it around the match, one line."""
    address = "https://example.org/" + "-".join(["report"] * 12) + "-on-the-sacaba-and-senkata-events/"
    people = PEOPLE.replace('"Interim president"', f'"{address}"')
    index = SearchIndex(load(make_content(tmp_path, people_yaml=people)))
    hit = index.search("senkata")[0]
    shown = hit.snippet.strip(CUT)
    assert hit.snippet.startswith(CUT) and len(shown) == SNIPPET and shown in address
    assert [hit.snippet[start:end] for start, end in hit.marks] == ["senkata"]


def test_every_word_of_the_query_is_highlighted_accents_folded(tmp_path: Path) -> None:
    people = PEOPLE.replace('"Interim president"', '"Áñez, interim president; ANEZ again"')
    index = SearchIndex(load(make_content(tmp_path, people_yaml=people)))
    hit = index.search("president anez")[0]
    assert [hit.snippet[start:end] for start, end in hit.marks] == ["Áñez", "president", "ANEZ"]


def test_every_word_must_match(small: SearchIndex) -> None:
    assert items(small, "anez office") == ["e-2019"]
    assert items(small, "office anez") == ["e-2019"]
    assert items(small, "anez nowhere-to-be-found") == []


def test_words_match_inside_other_words(small: SearchIndex) -> None:
    assert items(small, "presid") == ["anez", "arce"]


def test_matches_in_the_text_not_only_the_title(small: SearchIndex) -> None:
    assert items(small, "interim") == ["anez"]
    assert items(small, "publisher") == ["article"]


def test_title_matches_come_first(small: SearchIndex) -> None:
    # The people section's intro comes first in the folder but has "office" in its text only.
    assert items(small, "office") == ["e-2019", None]
    assert items(small, "2019") == ["e-2019"]


def test_section_text_is_found_as_the_section_itself(small: SearchIndex) -> None:
    hits = small.search("who is who")
    assert [(h.section, h.item) for h in hits] == [("people", None)]


def test_ids_and_links_are_not_searched(small: SearchIndex) -> None:
    assert items(small, "e-2019") == []


@pytest.mark.parametrize("query", ["", " ", "\t\n"])
def test_empty_query_finds_nothing(small: SearchIndex, query: str) -> None:
    assert small.search(query) == []


def test_limit(small: SearchIndex) -> None:
    assert len(small.search("e", limit=2)) == 2


def test_fold() -> None:
    assert fold("Áñez ÇÜÍ") == "anez cui"
    assert fold("Straße Øre") == "straße øre"  # kept one for one, not "strasse"


@given(st.text())
def test_fold_keeps_each_character_in_its_place(text: str) -> None:
    """A match found in the folded text is highlighted at the same place in the text."""
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(fold(char) == folded[n] for n, char in enumerate(text))


def test_the_best_line_holds_most_of_the_words_and_marks_them() -> None:
    lines = ["Jeanine Áñez", "Senator; then ÁÑEZ was interim president", "interim"]
    assert best_line(lines, ["interim", "anez"]) == (1, [(14, 18), (23, 30)])
    assert best_line(lines, ["Kaliman"]) is None


# --- on the shipped content: the entries a reader would look for --------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kaliman", "kaliman"),
        ("Kalimán", "kaliman"),
        ("anez", "anez"),
        ("Áñez", "anez"),
        ("jeanine anez", "anez"),
        ("arce", "arce"),
        ("luis arce", "arce"),
        ("oas", "oas"),
        ("organization american states", "oas"),
        ("school americas", "soa"),
        ("whinsec", "soa"),
        ("apala", "apala"),
        ("police attaches", "apala"),
    ],
)
def test_shipped_content_finds_the_entry_first(shipped: SearchIndex, query: str, expected: str) -> None:
    hits = shipped.search(query)
    assert expected in [hit.item for hit in hits]
    assert hits[0].item == expected


def test_shipped_content_finds_the_lithium_section(shipped: SearchIndex) -> None:
    hits = shipped.search("lithium")
    assert (hits[0].section, hits[0].item) == ("lithium", None)


def test_shipped_content_every_word_must_match(shipped: SearchIndex) -> None:
    both = {hit.item for hit in shipped.search("kaliman anez")}
    assert both
    assert both <= {hit.item for hit in shipped.search("kaliman")}
    assert both <= {hit.item for hit in shipped.search("anez")}
    assert shipped.search("kaliman zzzzzz") == []


def test_values_a_reader_never_sees_are_not_searched(content: Content) -> None:
    """A quiz kind ("truefalse") or a fact name is data, not words on a screen."""
    index = SearchIndex(content)
    assert index.search("truefalse") == []
    assert index.search("record-turnout-2020") == []
    assert index.search("Paz")  # words that are shown still are


def test_no_id_shows_through_as_a_word(content: Content, spanish: Content) -> None:
    """Ids are data: what a reader reads (and searches) names things, never spells their ids.

    Ids with a hyphen cannot be mistaken for words ("morales" is a name too); none may
    appear in any page's text, in either language."""
    for material in (content, spanish):
        ids = {i for i in material.entries if "-" in i} | {s.id for s in material.sections if "-" in s.id}
        index = SearchIndex(material)
        for item, text in index.texts():
            words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text))
            assert not words & ids, (item, sorted(words & ids))


class Shipped:
    """A language's index, its ids with a hyphen and its words (a short repr for hypothesis's reports)."""

    def __init__(self, material: Content) -> None:
        self.lang = material.lang
        self.index = SearchIndex(material)
        entries = {i for i in material.entries if "-" in i}
        self.ids = entries | {s.id for s in material.sections if "-" in s.id}
        self.words = sorted({word for _, text in self.index.texts() for word in re.findall(r"\w+", text)})
        self.texts: dict[str | None, list[str]] = {}
        for item, text in self.index.texts():
            self.texts.setdefault(item, []).append(text)

    def __repr__(self) -> str:
        return f"Shipped({self.lang})"


@pytest.fixture(scope="module")
def both(content: Content, spanish: Content) -> dict[str, Shipped]:
    return {"en": Shipped(content), "es": Shipped(spanish)}


def at_word_boundary(snippet: str, texts: list[str]) -> bool:
    """The snippet, its cut marks aside, is whole words of one of the texts (or a line's width of
    one word too long for a line, such as a web address)."""
    core = snippet.removeprefix(CUT).removesuffix(CUT)
    if len(core) == SNIPPET and not re.search(r"\s", core):
        return any(re.search(rf"\S*{re.escape(core)}\S*", text) for text in texts)
    return any(re.search(rf"(?:^|\s){re.escape(core)}(?:\s|$)", text) for text in texts)


def marked_everywhere(hit: Hit, words: list[str]) -> bool:
    """Every place a query word is in the snippet is inside a highlight."""
    folded = fold(hit.snippet)
    for word in words:
        for at in (n for n in range(len(folded)) if folded.startswith(word, n)):
            if not any(start <= at and at + len(word) <= end for start, end in hit.marks):
                return False
    return True


@settings(max_examples=60, deadline=None)
@given(data=st.data())
@pytest.mark.parametrize("lang", ["en", "es"])
def test_results_show_words_never_ids_and_cut_between_words(
    both: dict[str, Shipped], lang: str, data: st.DataObject
) -> None:
    shipped = both[lang]
    words = data.draw(st.lists(st.sampled_from(shipped.words), min_size=1, max_size=3))
    for hit in shipped.index.search(" ".join(words)):
        # Whole hyphenated words: a source's web address may hold an id's letters inside a longer name.
        shown = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", f"{hit.title} {hit.snippet}"))
        assert not shown & shipped.ids, hit
        assert not hit.snippet or at_word_boundary(hit.snippet, shipped.texts[hit.item]), hit
        assert marked_everywhere(hit, [fold(word) for word in words]), hit


# --- in the app: a result opens its page at the match, highlighted ---------------------------------


def shown_page(app: ExplainerApp) -> Document:
    """The page the reader reads in the current view (not its list of entries)."""
    view = app.main.current
    assert view is not None
    return next(page for page in view.query(Document) if not isinstance(page, EntryList))


def on_screen(page: Document) -> list[str]:
    top, height = page.scroll_offset.y, page.scrollable_content_region.height
    return page.lines()[top : top + height]


def highlighted(page: Document) -> list[str]:
    """The text drawn in the match's colour on screen."""
    region = page.scrollable_content_region
    strips = page.render_lines(Region(0, 0, region.width, region.height))
    colour = page.style("match").bgcolor
    return [
        segment.text
        for strip in strips
        for segment in strip
        if segment.style and segment.style.bgcolor == colour
    ]


def far_word(page: Document, index: SearchIndex, place: tuple[str, str | None]) -> tuple[str, str] | None:
    """A word on one line only of the page, two screens down, that finds `place` first; and its line."""
    lines = page.lines()
    below = 2 * page.scrollable_content_region.height
    for line in lines[below:]:
        for word in re.findall(r"[A-Za-z]{7,}", line):
            once = sum(fold(word) in fold(other) for other in lines) == 1
            hits = index.search(word)
            if once and hits and (hits[0].section, hits[0].item) == place:
                return word, line
    return None


async def search_far_down(content: Content, section: str, items: list[str | None]) -> None:
    """Search for a word far down the first of `items` that has one, open the result, and look."""
    index = SearchIndex(content)
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        for item in items:
            app.goto(section, item)
            await pilot.pause()
            found = far_word(shown_page(app), index, (section, item))
            if found is not None:
                break
        assert found is not None, f"no page of {section} has a word far down that finds it first"
        word, line = found
        app.goto("overview")
        await pilot.pause()
        await pilot.press("slash", *word.lower(), "enter")
        await pilot.pause()
        page = shown_page(app)
        assert line in on_screen(page)
        assert [fold(text) for text in highlighted(page)] == [fold(word)]
        await pilot.press("down")  # the reader moves on: the highlight goes
        await pilot.pause()
        assert highlighted(page) == []


async def test_a_section_result_opens_its_page_at_the_match_highlighted(content: Content) -> None:
    await search_far_down(content, "results", [None])


async def test_on_a_narrow_screen_a_sections_own_result_opens_its_page_at_the_match(content: Content) -> None:
    """One column shows a section's list first: a match in its own page must bring the page."""
    app = ExplainerApp(content)
    async with app.run_test(size=(45, 30)) as pilot:
        await pilot.press("slash", *"suggestion from the armed forces", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.place == ("actors", None)
        page = shown_page(app)
        assert page.display and app.focused is page
        marked = [text.casefold() for text in highlighted(page)]
        assert marked and set(marked) <= {"suggestion", "from", "the", "armed", "forces"}


async def test_an_entry_result_opens_its_page_at_the_match_highlighted(content: Content) -> None:
    await search_far_down(content, "actors", [entry.id for entry in content.section("actors").entries])
