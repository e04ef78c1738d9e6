"""The record kept honest: a checked-as-of day, a corrections log, and the checks behind them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from contentkit import INDEX, PEOPLE, SOURCES, make_content

from tui.app import ExplainerApp
from tui.export import html, markdown
from tui.model import ContentError, default_root, load
from tui.sections.deck import ViewDeck
from tui.widgets.document import Document

CHECKED_INDEX = INDEX.replace(
    'title: "Test content"\n', 'title: "Test content"\nchecked: "2026-12-02"\ncorrections: corrections.yaml\n'
)

CORRECTIONS = """\
intro: "What this folder got wrong, and when it was put right."
entries:
  - id: fix-trep
    date: "2026-11-30"
    wrong: "The preliminary count was called the quick count."
    now: "The preliminary count is the TREP; the quick count was a separate sample."
    links: [e-2019]
"""

ES_CORRECTIONS = """\
intro: "Lo que esta carpeta dijo mal y cuándo se corrigió."
entries:
  fix-trep:
    wrong: "Al cómputo preliminar se lo llamaba conteo rápido."
    now: "El cómputo preliminar es el TREP; el conteo rápido fue una muestra aparte."
"""

DATED_SOURCES = SOURCES + '    date: "2020-10-19"\n'


def problems(root: Path, lang: str = "en") -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(root, use_cache=False, lang=lang)
    return [str(p) for p in caught.value.problems]


def with_log(root: Path) -> Path:
    return make_content(root, index_yaml=CHECKED_INDEX, corrections_yaml=CORRECTIONS)


def spanish(root: Path, **overlay: str) -> Path:
    """The folder with its log, plus a Spanish overlay of every file."""
    with_log(root)
    (root / "es").mkdir()
    shutil.copy(default_root() / "es" / "ui.yaml", root / "es" / "ui.yaml")
    files = {
        "index.yaml": 'title: "Prueba"\nsections:\n  people: {title: "Personas"}\n'
        '  events: {title: "Hechos"}\n  sources: {title: "Fuentes"}\n',
        "people.yaml": 'intro: "Quién es quién y quién ocupó el cargo."\nentries:\n'
        '  anez: {name: "Jeanine Áñez", role: "Presidenta interina"}\n'
        '  arce:\n    name: "Luis Arce"\n    role: "Presidente desde 2020"\n'
        '    claims:\n      - text: "Arce ganó."\n',
        "events.yaml": 'entries:\n  e-2019: {title: "Áñez asume el cargo"}\n',
        "sources.yaml": 'entries:\n  article: {title: "The article", publisher: "A publisher"}\n',
        "corrections.yaml": ES_CORRECTIONS,
        **{name.replace("_yaml", ".yaml"): text for name, text in overlay.items()},
    }
    for name, text in files.items():
        (root / "es" / name).write_text(text, encoding="utf-8")
    return root


# -- the checks -----------------------------------------------------------------


def test_claims_about_the_same_fact_must_share_a_verdict(tmp_path: Path) -> None:
    people = PEOPLE.replace(
        "        sources: [article]\n",
        "        sources: [article]\n        fact: arce-share\n        verdict: consistent\n",
    )
    events = (
        'entries:\n  - id: e-2019\n    date: "2019-11-12"\n    title: "Áñez takes office"\n'
        '    links: [anez]\n    claims:\n      - text: "Arce won 55%."\n        by: article\n'
        "        para: 1\n        fact: arce-share\n        verdict: imprecise\n"
        '        context: "It was 55.10%."\n        sources: [article]\n'
    )
    root = make_content(tmp_path, people_yaml=people, events_yaml=events, sources_yaml=DATED_SOURCES)
    assert problems(root) == [
        "events.yaml:7: fact 'arce-share' is judged imprecise here but consistent at people.yaml:11"
    ]


def test_a_source_behind_a_verdict_needs_a_date(tmp_path: Path) -> None:
    extra = '        verdict: imprecise\n        context: "Close."\n        sources: [article]\n'
    people = PEOPLE.replace("        sources: [article]\n", extra)
    root = make_content(tmp_path, people_yaml=people)
    assert problems(root) == [
        "people.yaml:11: source 'article' backs a claim judged imprecise but has no date"
    ]
    make_content(tmp_path, people_yaml=people, sources_yaml=DATED_SOURCES)
    assert load(tmp_path, use_cache=False).entries["article"][1].date == "2020-10-19"  # type: ignore[union-attr]


def test_spanish_figures_need_a_decimal_comma(tmp_path: Path) -> None:
    people = (
        'intro: "Quién es quién: Arce ganó con el 55.10% y la participación fue de 88,42%."\n'
        "entries:\n"
        '  anez: {name: "Jeanine Áñez", role: "Presidenta interina"}\n'
        '  arce:\n    name: "Luis Arce"\n    role: "Unos 1.200 votos; 2.5 millones"\n'
        '    claims:\n      - text: "Arce ganó."\n'
    )
    root = spanish(tmp_path, people_yaml=people)
    assert problems(root, "es") == [
        "es/people.yaml:1: '55.10' has a decimal point; this language writes '55,10'",
        "es/people.yaml:6: '2.5' has a decimal point; this language writes '2,5'",
    ]
    load(root, use_cache=False)  # English keeps its decimal point


def test_a_checked_day_that_is_not_a_day(tmp_path: Path) -> None:
    root = make_content(tmp_path, index_yaml=CHECKED_INDEX.replace("2026-12-02", "2 Dec 2026"))
    make_content(
        root, index_yaml=CHECKED_INDEX.replace("2026-12-02", "2026-02-30"), corrections_yaml=CORRECTIONS
    )
    assert problems(root) == ["index.yaml:2: checked: '2026-02-30' is not a day (YYYY-MM-DD)"]


def test_a_missing_corrections_file_and_a_bad_date_in_it(tmp_path: Path) -> None:
    root = make_content(tmp_path, index_yaml=CHECKED_INDEX)
    assert problems(root) == ["index.yaml:3: corrections file 'corrections.yaml' not found"]
    make_content(root, index_yaml=CHECKED_INDEX, corrections_yaml=CORRECTIONS.replace("2026-11-30", "soon"))
    assert problems(root) == ["corrections.yaml:3: date 'soon' is not a day (YYYY-MM-DD)"]


def test_corrections_links_are_checked_and_ids_are_unique(tmp_path: Path) -> None:
    broken = CORRECTIONS.replace("links: [e-2019]", "links: [e-2091]").replace("fix-trep", "anez")
    root = make_content(tmp_path, index_yaml=CHECKED_INDEX, corrections_yaml=broken)
    assert problems(root) == [
        "corrections.yaml:3: duplicate id 'anez' (also in people.yaml:3)",
        "corrections.yaml:7: links: unknown id 'e-2091' (did you mean 'e-2019'?)",
    ]


def test_a_translation_of_the_log_must_cover_it(tmp_path: Path) -> None:
    root = spanish(tmp_path, corrections_yaml='intro: "Sin traducir."\nentries: {}\n')
    assert problems(root, "es") == ["es/corrections.yaml:2: entries: 'fix-trep' has no translation"]


# -- what readers see ---------------------------------------------------------------


def test_handouts_show_the_checked_day_and_end_with_the_corrections(tmp_path: Path) -> None:
    content = load(with_log(tmp_path), use_cache=False)
    md = markdown.render(content)
    assert "Checked against the record as of 2 December 2026" in md
    log = md.index('## <a id="corrections"></a>Corrections')
    assert log > md.index('## <a id="sources"></a>')
    assert md.index("Now: The preliminary count is the TREP", log) > log
    assert md.rstrip().endswith("Related: [Áñez takes office](#e-2019)")
    page = html.render(content, "people")  # one section's handout ends with the log too
    assert '<p class="checked">Checked against the record as of 2 December 2026</p>' in page
    assert "<h3>30 November 2026</h3>" in page
    assert page.index('id="corrections"') > page.index('id="people"')


def test_the_spanish_handout_writes_dates_and_numbers_the_spanish_way(tmp_path: Path) -> None:
    content = load(spanish(tmp_path), use_cache=False, lang="es")
    md = markdown.render(content)
    assert "Contrastado con las fuentes públicas al 2 de diciembre de 2026" in md
    assert "Fe de erratas" in md and "Ahora: El cómputo preliminar es el TREP" in md
    shipped = load(default_root(), lang="es")
    assert "| 55,10% |" in markdown.render(shipped, "results")


def kinds_with_log(root: Path) -> Path:
    """The every-kind fixture (it has an overview) with a checked day and a log."""
    shutil.copytree(Path(__file__).parent / "golden" / "kinds", root)
    index = (root / "index.yaml").read_text(encoding="utf-8")
    index = index.replace(
        'title: "Every kind of section"\n',
        'title: "Every kind of section"\nchecked: "2026-12-02"\ncorrections: corrections.yaml\n',
    )
    (root / "index.yaml").write_text(index, encoding="utf-8")
    (root / "corrections.yaml").write_text(CORRECTIONS.replace("[e-2019]", "[people]"), encoding="utf-8")
    return root


async def test_the_overview_shows_the_day_and_leads_to_the_log(tmp_path: Path) -> None:
    app = ExplainerApp(load(kinds_with_log(tmp_path / "kinds"), use_cache=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        overview = app.screen.query_one(ViewDeck).view("overview").query_one(Document)
        shown = overview.lines()
        assert "Checked against the record as of 2 December 2026" in "\n".join(shown)
        # Tab to the first link on the page, the log's, and follow it.
        overview.focus()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.place is not None and tuple(app.place) == ("sources", "corrections")
        entries = app.screen.query_one(ViewDeck).view("sources").query_one("#entries", Document)
        assert "Corrections (1)" in [line.strip() for line in entries.lines()]
        detail = app.screen.query_one(ViewDeck).view("sources").query_one("#detail", Document)
        page = "\n".join(detail.lines())
        assert "30 November 2026" in page
        assert "Before: The preliminary count was called the quick count." in page
        await pilot.press("escape")  # back where the reader was
        assert app.place is not None and app.place.section == "overview"


async def test_without_a_day_or_a_log_nothing_is_shown(tmp_path: Path) -> None:
    app = ExplainerApp(load(Path(__file__).parent / "golden" / "kinds", use_cache=False), screen="sources")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        entries = app.screen.query_one(ViewDeck).view("sources").query_one("#entries", Document)
        assert not any(line.startswith("Corrections") for line in entries.lines())
        overview = app.main.query_one(ViewDeck).view("overview").query_one(Document)
        assert not any("Checked against" in line for line in overview.lines())
