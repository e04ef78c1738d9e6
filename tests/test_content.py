"""The shipped content holds what a reader of each section should find."""

from __future__ import annotations

from collections import Counter
from typing import Any

import msgspec
import pytest

from tui.model import Content
from tui.model.schema import Claim, Profile, Source, Term


def texts(value: Any) -> str:
    """Every word in a struct, joined: what a reader could read there."""
    if isinstance(value, str):
        return value
    if isinstance(value, msgspec.Struct):
        return " ".join(texts(getattr(value, f)) for f in value.__struct_fields__)
    if isinstance(value, list | tuple):
        return " ".join(texts(v) for v in value)
    if isinstance(value, float | int):
        return f"{value}"
    return ""


def claims(value: Any) -> list[Claim]:
    if isinstance(value, Claim):
        return [value]
    if isinstance(value, msgspec.Struct):
        return [c for f in value.__struct_fields__ for c in claims(getattr(value, f))]
    if isinstance(value, list):
        return [c for v in value for c in claims(v)]
    return []


def section_text(content: Content, section: str) -> str:
    return texts(content.section(section).body)


def test_every_section_ends_with_two_to_four_questions(content: Content) -> None:
    for section in content.sections:
        assert 2 <= len(section.body.questions) <= 4, section.id


def test_every_article_paragraph_is_covered_by_a_claim(content: Content) -> None:
    paragraphs = Counter(c.para for s in content.sections for c in claims(s.body))
    assert set(paragraphs) == set(range(content.index.article.paragraphs + 1))


def test_results_show_official_and_rounded_figures(content: Content) -> None:
    text = section_text(content, "results")
    charts = content.section("results").body.charts  # type: ignore[attr-defined]
    values = {b.value for chart in charts for b in chart.bars}
    assert {55.10, 28.83, 14.00, 88.42, 66.7} <= values
    for rounded in ("55%", "29%", "14%", "88.4%", "66.7%"):
        assert rounded in text
    for word in ("run-off", "Pompeo", "mutual interest", "OAS", "Mesa", "Áñez"):
        assert word in text


@pytest.mark.parametrize(
    "person",
    [
        "morales",
        "arce",
        "mesa",
        "camacho",
        "anez",
        "pompeo",
        "kaliman",
        "murillo",
        "sprague",
        "mas",
        "asp",
        "oas",
        "cia",
        "aifld",
        "us-agencies",
        "state-department",
        "military",
        "opposition",
        "allende",
    ],
)
def test_actors_profiles_have_role_dates_claims(content: Content, person: str) -> None:
    section, entry = content.entries[person]
    assert section.id == "actors"
    assert isinstance(entry, Profile)
    assert entry.role and entry.summary
    if entry.type == "person":
        assert entry.dates


def test_programs_carry_the_articles_figures(content: Content) -> None:
    text = section_text(content, "programs")
    for needle in (
        "1,200",
        "20 of",
        "23",
        "six",
        "Kaliman",
        "FBI",
        "DEA",
        "ICE",
        "1 million",
        "1996",
        "Santa Cruz",
        "Condor",
        "1975",
        "AIFLD",
        "CIA",
        "Allende",
        "WHINSEC",
    ):
        assert needle in text, needle
    for country in (
        "Brazil",
        "Colombia",
        "Chile",
        "Ecuador",
        "El Salvador",
        "Panama",
        "Peru",
        "Mexico",
        "Dominican Republic",
    ):
        assert country in texts(content.entries["apala"][1]), country


def test_lithium_separates_reserves_from_resources(content: Content) -> None:
    text = section_text(content, "lithium")
    for needle in (
        "70%",
        "reserves",
        "resources",
        "21",
        "2.5",
        "TBEA",
        "ACI",
        "2 November 2019",
        "COMIBOL",
        "YLB",
        "oil",
        "gas",
        "tin",
    ):
        assert needle in text, needle
    seventy = [c for c in claims(content.section("lithium").body) if "70%" in c.text]
    assert seventy and seventy[0].verdict == "inaccurate"


def test_timeline_holds_the_fact_checks_dates(content: Content) -> None:
    dates = {e.date for e in content.section("timeline").entries}  # type: ignore[attr-defined]
    for date in (
        "2006-01-22",
        "2008-09-10",
        "2013-05-01",
        "2016-02-21",
        "2018-12-07",
        "2019-02-06",
        "2019-10-20",
        "2019-10-21",
        "2019-11-02",
        "2019-11-12",
        "2019-11-13",
        "2019-11-15",
        "2019-11-19",
        "2019-12-04",
        "2020-02-27",
        "2020-10-18",
        "2020-10-19",
        "2020-10-21",
        "2020-11-08",
        "2020-11-09",
        "2020-11-16",
        "2021-03-13",
        "2021-08-17",
        "2022-06-10",
    ):
        assert date in dates, date
    ordered = [e.date for e in content.section("timeline").entries]  # type: ignore[attr-defined]
    assert ordered == sorted(ordered)


def test_glossary_has_every_acronym_with_spanish_names(content: Content) -> None:
    terms = {e.term: e for e in content.section("glossary").entries if isinstance(e, Term)}
    for acronym in (
        "MAS",
        "OAS",
        "NED",
        "SOA",
        "WHINSEC",
        "APALA",
        "COMIBOL",
        "YLB",
        "ASP",
        "CIA",
        "AIFLD",
        "AFL-CIO",
        "FBI",
        "DEA",
        "ICE",
        "USAID",
        "NATO",
        "USGS",
    ):
        assert any(term.startswith(acronym) for term in terms), acronym
    spanish = " ".join(t.spanish for t in terms.values())
    for name in (
        "Movimiento al Socialismo",
        "Yacimientos de Litio Bolivianos",
        "Organización de los Estados Americanos",
        "Escuela de las Américas",
    ):
        assert name in spanish, name


def test_sources_list_the_article_and_every_cited_source(content: Content) -> None:
    sources = {e.id: e for e in content.section("sources").entries if isinstance(e, Source)}
    article = sources[content.index.article.source]
    assert "Bolivia" in article.title and article.publisher == "Popular Resistance"
    cited = {s for section in content.sections for c in claims(section.body) for s in c.sources}
    assert cited <= set(sources)
    assert cited, "context notes cite sources"


def test_judged_claims_carry_context_and_sources(content: Content) -> None:
    judged = [c for s in content.sections for c in claims(s.body) if c.verdict not in (None, "consistent")]
    assert len(judged) >= 20
    assert all(c.context and c.sources for c in judged)
    assert {c.verdict for c in judged} == {"imprecise", "disputed", "unverifiable", "inaccurate"}


def test_the_two_big_disputes_have_balanced_notes(content: Content) -> None:
    titles = " ".join(p.title for p in content.section("overview").body.points)  # type: ignore[attr-defined]
    assert "Coup or uprising" in titles and "OAS audit" in titles


def test_an_unknown_section_id_is_a_key_error(content: Content) -> None:
    """Not StopIteration, which a generator would turn into a RuntimeError."""
    with pytest.raises(KeyError):
        content.section("no-such-section")
    assert content.section("quiz").id == "quiz" and content.has_section("quiz")
