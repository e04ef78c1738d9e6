"""The page tree and its one builder: plain data, no Pilot.

The screens, the handouts, the slides and search all read what these
functions build, so what is asserted here holds for all of them.
"""

from __future__ import annotations

from typing import get_args

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text

from tui.doc import tree
from tui.doc.build import corrections_page, entry_page, handout, section_page
from tui.doc.search import SearchIndex
from tui.doc.slides import build_slides
from tui.doc.tree import (
    Answers,
    Bar,
    Block,
    Bullets,
    Chart,
    Checked,
    Claim,
    Entry,
    Heading,
    Links,
    MapLink,
    Para,
    Prose,
    Questions,
    Quiz,
    QuizItem,
    Ref,
    Titled,
    words,
)
from tui.export import html, markdown
from tui.model import Content
from tui.model.content import CORRECTIONS
from tui.render.layout import lay_out
from tui.render.rows import Drawn, Row, draw, flatten

REF = Ref("x", "Elsewhere")
LINKS = Links("Related", (REF,))
ITEM = QuizItem("Which?", ("a) one", "b) two"), "b) two", "Because.", LINKS)
SAMPLES: dict[type, Block] = {
    Heading: Heading(2, "A part"),
    Para: Para("Words."),
    Prose: Prose("Story", ("First.", "Second.")),
    Links: LINKS,
    Titled: Titled("Point", "Its text.", LINKS),
    Checked: Checked("Checked as of today", Ref(CORRECTIONS, "Corrections (2)")),
    MapLink: MapLink(2, REF, "What it holds."),
    Claim: Claim("It was so.", "Claimed by the article", "disputed", "disputed", "Context", "But.", LINKS),
    Chart: Chart("Votes", (Bar("MAS", 0.5, "50.00%", "60%", None),), "Official", "Claimed", "A note."),
    Bullets: Bullets(("one", "two")),
    Questions: Questions("Discuss", ("Why?",)),
    Quiz: Quiz((ITEM,)),
    Answers: Answers("Answers", (ITEM,)),
    Entry: Entry("e", "event", "2020 · Something", (Para("It happened."),)),
}


class Plain:
    """A painter with no theme: every style plain, wrapping as the widget wraps."""

    console = Console(width=200)

    def style(self, name: str) -> Style:
        return Style()

    def wrap(self, text: Text, width: int) -> list[Text]:
        return list(text.wrap(self.console, width, overflow="fold"))


def rows(block: Block, width: int = 60, *, open: bool = False) -> list[Row]:
    return draw(block, Plain(), width, open=open).rows


def plain(found: list[Row]) -> list[str]:
    return [row.text.plain.rstrip() for row in found]


# --- every renderer knows every kind of block ------------------------------------------------------


def test_the_samples_cover_every_kind_of_block() -> None:
    assert set(SAMPLES) == set(get_args(tree.Block))


@pytest.mark.parametrize("kind", list(SAMPLES), ids=lambda kind: kind.__name__)
def test_each_front_end_draws_each_kind_of_block(kind: type) -> None:
    block = SAMPLES[kind]
    shown = " ".join(" ".join(plain(rows(b, open=True))) for b in flatten([block]))
    printed = markdown._block(block, 1)
    page = " ".join(html._block(block, 1))
    said = [w for w in words(block) if w]
    for word in said:  # what search finds, every front end shows
        assert word in shown and word in " ".join(printed).replace("\\", "") and html.esc(word) in page


def test_an_entry_is_opened_out_before_it_is_drawn() -> None:
    with pytest.raises(ValueError, match="flatten"):
        draw(SAMPLES[Entry], Plain(), 60)
    assert list(flatten([SAMPLES[Entry]])) == [Heading(1, "2020 · Something"), Para("It happened.")]


def test_an_entry_listed_on_a_page_sits_a_level_down() -> None:
    inner = Entry("f", "correction", "2 December 2026", (Heading(2, "Part"),))
    assert list(flatten([Heading(1, "Log"), inner])) == [
        Heading(1, "Log"),
        Heading(2, "2 December 2026"),
        Heading(3, "Part"),
    ]


# --- the terminal's rows ---------------------------------------------------------------------------


def test_a_folded_claim_is_one_item_that_unfolds() -> None:
    claim = SAMPLES[Claim]
    folded = rows(claim)
    assert {row.item for row in folded} == {0} and all(row.target is None for row in folded)
    assert "+ Context" in plain(folded)[-1] and "[disputed]" in " ".join(plain(folded))
    unfolded = rows(claim, open=True)
    assert "- Context" in " ".join(plain(unfolded)) and any("But." in line for line in plain(unfolded))
    assert [row.target for row in unfolded if row.item == 1] == ["x"]


def test_bars_are_as_long_as_their_share() -> None:
    half = Chart("T", (Bar("A", 0.5, "50%", "", None), Bar("B", 1.0, "100%", "", None)), "O", "C", "")
    lines = plain(rows(half, 40))
    assert lines[0] == "T"
    full, halfway = lines[2].count("█"), lines[1].count("█")
    assert full > 10 and abs(halfway - full / 2) <= 1


def test_questions_are_numbered_under_their_label() -> None:
    assert plain(rows(Questions("Discuss", ("Why?", "How?")))) == ["Discuss", "  1. Why?", "  2. How?"]


def test_links_are_items_that_go_somewhere() -> None:
    found = rows(Links("Related", (Ref("a", "A"), Ref("b", "B"))))
    assert [(row.item, row.target) for row in found] == [(None, None), (0, "a"), (1, "b")]
    assert isinstance(draw(LINKS, Plain(), 60), Drawn)


# --- the builder, on one section of every kind -----------------------------------------------------


def test_a_screens_entry_page_is_the_handouts_entry(kinds: Content) -> None:
    """One builder: what the screen shows of an entry is what the handout prints."""
    printed = {b.id: b for doc in handout(kinds).sections for b in doc.blocks if isinstance(b, Entry)}
    for section in kinds.sections:
        for entry in section.entries:
            assert entry_page(kinds, entry) == printed[entry.id]


def test_the_overview_page_opens_with_the_title_and_a_map_of_the_others(kinds: Content) -> None:
    overview = kinds.sections[0]
    page = section_page(kinds, overview)
    assert page[0] == Heading(1, kinds.index.title)
    mapped = [b.ref.target for b in page if isinstance(b, MapLink)]
    assert mapped == [s.id for s in kinds.sections[1:]]
    printed = next(doc for doc in handout(kinds).sections if doc.id == overview.id)
    assert not any(isinstance(b, MapLink | Checked) for b in printed.blocks)  # the handout has its contents


def test_a_claims_sources_start_with_who_makes_it_once(kinds: Content) -> None:
    for section in kinds.sections:
        for block in section_page(kinds, section):
            if isinstance(block, Claim):
                targets = [ref.target for ref in block.sources.refs]
                assert len(targets) == len(set(targets))


def test_a_one_section_handout_names_what_it_leaves_out(kinds: Content) -> None:
    doc = handout(kinds, "people").sections[0]
    refs = [ref for block in doc.blocks for ref in _refs(block)]
    inside = {"people"} | {e.id for e in kinds.section("people").entries}
    assert refs and all(ref.linked == (ref.target in inside) for ref in refs)
    assert any(not ref.linked for ref in refs)


def _refs(block: Block) -> list[Ref]:
    match block:
        case Links():
            return list(block.refs)
        case Claim():
            return list(block.sources.refs)
        case Titled(related=related):
            return list(related.refs) if related else []
        case Entry():
            return [ref for inner in block.blocks for ref in _refs(inner)]
        case _:
            return []


def test_unknown_section_raises_key_error(kinds: Content) -> None:
    with pytest.raises(KeyError):
        handout(kinds, "nowhere")


def test_quiz_answers_are_the_lettered_option(kinds: Content) -> None:
    quiz = next(b for doc in handout(kinds).sections for b in doc.blocks if isinstance(b, Quiz))
    for item in quiz.items:
        assert item.answer in item.options and item.answer[1:3] == ") "


def test_chart_bars_are_shares_of_the_scale(kinds: Content) -> None:
    charts = [b for doc in handout(kinds).sections for b in doc.blocks if isinstance(b, Chart)]
    assert charts
    for chart in charts:
        assert all(0.0 <= bar.fraction <= 1.0 for bar in chart.bars)


def test_a_chart_on_a_narrow_page_puts_each_bar_under_its_label() -> None:
    bars = (
        Bar("Luis Arce (MAS)", 0.55, "55.10%", "55%", None),
        Bar("Carlos Mesa (CC)", 0.29, "28.83%", "", None),
    )
    chart = Chart("Vote", bars, "official", "article says", "")
    narrow = plain(rows(chart, 30))
    assert "Luis Arce (MAS)  55.10%" in narrow and "article says: 55%" in narrow
    assert "█" * 16 in narrow  # 55% of the whole width, on a line of its own
    assert all(len(line) <= 30 for line in narrow)
    wide = plain(rows(chart, 80))
    assert any(line.startswith("Luis Arce (MAS)") and "█" in line and "55.10%" in line for line in wide)


# --- the shipped content: the log, slides, search --------------------------------------------------


def test_the_corrections_page_lists_every_correction(content: Content) -> None:
    assert content.corrections is not None
    page = corrections_page(content)
    assert page[0] == Heading(1, content.ui.corrections)
    assert sum(isinstance(b, Entry) for b in page) == len(content.corrections.entries)


def test_slides_say_what_the_pages_say(content: Content) -> None:
    slides = build_slides(content)
    for slide in slides:
        if slide.item is None:
            continue
        entry = entry_page(content, content.entries[slide.item][1])
        assert slide.title == entry.title
        said = [b.text for b in entry.blocks if isinstance(b, Para)]
        said += [i for b in entry.blocks if isinstance(b, Bullets) for i in b.items]
        claims = [c for c in entry.blocks if isinstance(c, Claim)]
        for point in slide.points:
            if point.style == "claim":  # the claim, then who makes it
                assert any(point.text.startswith(f"“{c.text}” — {c.attribution}") for c in claims)
            elif point.style == "verdict":  # its badge, then the start of the record's context
                said_of = [(f"[{c.badge}] " if c.badge else "") + c.context for c in claims]
                assert any(text.startswith(point.text) for text in said_of)
            else:  # a paragraph's first sentences, or a figure
                assert any(text.startswith(point.text) for text in said), point.text


def test_search_finds_a_verdicts_word_but_not_its_key(spanish: Content) -> None:
    index = SearchIndex(spanish)
    word = spanish.ui.verdicts["inaccurate"]
    wrong = {
        (section.id, entry.id)
        for section in spanish.sections
        for entry in section.entries
        if any(c.verdict == "inaccurate" for c in getattr(entry, "claims", []))
    }
    found = {(hit.section, hit.item) for hit in index.search(word, limit=10_000)}
    assert wrong and wrong <= found
    assert index.search("unverifiable") == []  # the key, in no Spanish reader's view


def test_search_finds_a_correction_on_the_logs_page(content: Content) -> None:
    assert content.corrections is not None
    fix = content.corrections.entries[0]
    hits = SearchIndex(content).search(" ".join(fix.now.split()[:6]), limit=10_000)
    assert any(hit.item == CORRECTIONS for hit in hits)


def test_the_screen_never_draws_a_control_character() -> None:
    """`check` refuses them; the page strips any that reach it anyway (an ESC could drive a terminal)."""
    laid = lay_out([Drawn([Row(Text("red\x1b[31m alert\x9b"))])], 40)
    assert laid.rows[0].text.plain == "red\ufffd[31m alert\ufffd"
