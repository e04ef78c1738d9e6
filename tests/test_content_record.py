"""The shipped material after the content review: the corrected facts stay corrected, in both languages."""

from __future__ import annotations

import re

import pytest
from test_content import claims, section_text, texts

from tui.export import html, markdown
from tui.model import Content

STOPPED = re.compile(r"paus|halt|stopp|suspend|interrump|detuv|paraliz|suspens", re.IGNORECASE)


def sentences(content: Content) -> list[str]:
    every = " ".join(texts(section.body) for section in content.sections)
    return re.split(r"(?<=[.;:!?])\s+", every)


@pytest.fixture(params=["en", "es"])
def either(request: pytest.FixtureRequest, content: Content, spanish: Content) -> Content:
    return content if request.param == "en" else spanish


def test_the_trep_is_never_called_the_quick_count(either: Content) -> None:
    """Only the TREP stopped on election night: a quick count that stops, no TREP by it, is the old error."""
    quick = "conteo rápido" if either.lang == "es" else "quick count"
    confused = [s for s in sentences(either) if quick in s.lower() and STOPPED.search(s) and "TREP" not in s]
    assert confused == []
    assert any(quick in s.lower() and "Vía Ciencia" in s for s in sentences(either))


def test_the_2025_election_and_its_winner_are_in_overview_and_timeline(either: Content) -> None:
    for section in ("overview", "timeline"):
        text = section_text(either, section)
        assert "Rodrigo Paz" in text and "2025" in text, section
    dates = {e.date for e in either.section("timeline").entries}  # type: ignore[attr-defined]
    assert {"2024-06-26", "2025-08-17", "2025-10-19", "2025-11-05", "2025-11-08"} <= dates


def test_no_text_says_mas_has_won_every_election_or_anez_is_serving_her_sentence(either: Content) -> None:
    text = " ".join(sentences(either)).lower()
    assert "won every general election since" not in text and "ganado todas las elecciones" not in text
    anez = texts(either.entries["anez"][1])
    assert "2025" in anez and ("annul" in anez or "anul" in anez)


def test_oas_press_releases_carry_their_numbers_and_dates(content: Content) -> None:
    sources = {s.id: s for s in content.section("sources").entries}  # type: ignore[attr-defined]
    assert "E-085/19" in sources["oas-e-085-19"].title and sources["oas-e-085-19"].date == "2019-10-21"
    assert "E-109/19" in sources["oas-e-109-19"].title and sources["oas-e-109-19"].date == "2019-12-04"


def test_the_salamanca_report_is_an_it_forensic_study_paid_for_by_the_fiscalia(either: Content) -> None:
    salamanca = [s for s in sentences(either) if "Salamanca" in s]
    assert salamanca
    assert not any(re.search(r"statistical study|estudio estadístico", s) for s in salamanca)
    assert "BISITE" in " ".join(salamanca) and "Fiscal" in " ".join(salamanca)


def test_zabala_is_an_air_force_general(either: Content) -> None:
    zabala = [s for s in sentences(either) if "Zabala" in s]
    assert any("Air Force" in s or "Fuerza Aérea" in s for s in zabala)
    assert not any(re.search(r"(army general|general del Ejército),? Jaime Zabala", s) for s in zabala)


def test_claims_about_one_fact_share_a_verdict_and_the_turnout_record_is_inaccurate(content: Content) -> None:
    facts: dict[str, set[str | None]] = {}
    for section in content.sections:
        for claim in claims(section.body):
            if claim.fact:
                facts.setdefault(claim.fact, set()).add(claim.verdict)
    assert facts["record-turnout-2020"] == {"inaccurate"}
    assert all(len(verdicts) == 1 for verdicts in facts.values())


def test_the_article_is_cited_with_author_date_and_address(either: Content) -> None:
    (article,) = (s for s in either.section("sources").entries if s.id == "article")  # type: ignore[attr-defined]
    assert article.author and article.date and article.url.startswith("https://")


def test_both_handouts_show_the_checked_day_and_end_with_the_corrections(either: Content) -> None:
    assert either.corrections is not None and len(either.corrections.entries) >= 20
    log_title = either.ui.corrections
    md = markdown.render(either)
    page = html.render(either)
    for handout in (md, page):
        assert either.index.checked[:4] in handout and log_title in handout
        assert handout.rindex(either.corrections.entries[-1].now[:40]) > handout.index('id="sources"')


def test_the_quiz_has_at_least_eighteen_questions_on_the_points_the_review_asked_for(either: Content) -> None:
    quiz = section_text(either, "quiz")
    assert len(either.section("quiz").body.quiz) >= 18  # type: ignore[attr-defined]
    for must in ("Sacaba", "Senkata", "GIEI", "TREP"):
        assert must in quiz, must
