"""Handouts: `bolivia-explainer export --format md|html`.

The golden tests render the small example folder (docs/example), and a
folder with one section of every kind (tests/golden/kinds), and compare the
result byte for byte with the files in tests/golden/. After a deliberate
change to the handouts (or to the words in content/ui.yaml, which the example
folder borrows), regenerate them and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from contentkit import EVENTS, PEOPLE, SOURCES, make_content
from playwright.sync_api import Browser

from tui.doc.build import handout
from tui.doc.lesson import lesson_handout
from tui.doc.tree import anchor
from tui.doc.words import attribution
from tui.export import html, main, markdown
from tui.model import Content, load
from tui.model.schema import ChartSection, Claim

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example"
GOLDEN = Path(__file__).resolve().parent / "golden"
KINDS = GOLDEN / "kinds"


def all_claims(content: Content) -> list[Claim]:
    claims: list[Claim] = []
    for section in content.sections:
        claims += section.body.claims
        for entry in section.entries:
            claims += getattr(entry, "claims", [])
    return claims


# ---- golden files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "section"),
    [
        ("example.md", "md", None),
        ("example-people.md", "md", "people"),
        ("example.html", "html", None),
        ("example-people.html", "html", "people"),
        ("kinds.md", "md", None),
        ("kinds.html", "html", None),
        ("kinds-results.md", "md", "results"),
        ("kinds-lesson-students.md", "md", "students"),
        ("kinds-lesson-teachers.md", "md", "teachers"),
        ("kinds-lesson-students.html", "html", "students"),
    ],
)
def test_golden(name: str, fmt: str, section: str | None) -> None:
    content = load(KINDS if name.startswith("kinds") else EXAMPLE)
    if name.startswith("kinds-lesson-"):  # section: who the lesson's handout is for
        audience = "teachers" if section == "teachers" else "students"
        doc = lesson_handout(content, content.lessons[0], audience)
        got = markdown.document(doc) if fmt == "md" else html.document(doc, content.lang)
    else:
        render = markdown.render if fmt == "md" else html.render
        got = render(content, section)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(got.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1"
    assert got.encode("utf-8") == path.read_bytes()


# ---- the real content --------------------------------------------------------------------


def test_results_markdown_has_every_figure_and_question(content: Content) -> None:
    md = markdown.render(content, "results")
    body = content.section("results").body
    assert isinstance(body, ChartSection)
    for chart in body.charts:
        for bar in chart.bars:
            assert f"| {bar.value:.2f}{chart.unit} |" in md
            if bar.claimed:
                assert f"| {markdown.text(bar.claimed, line_start=False)} |" in md
    assert f"| {content.ui.official} | {content.ui.claimed} |" in md
    for question in body.questions:
        assert markdown.text(question) in md
    assert content.ui.questions in md
    # Only the one section: no other section's title.
    assert content.section("actors").ref.title not in md


def test_every_claim_has_its_attribution_verdict_and_context(content: Content) -> None:
    md = markdown.render(content)
    page = html.render(content)
    claims = all_claims(content)
    assert claims
    for claim in claims:
        said = attribution(content, claim)
        assert markdown.text(said, line_start=False) in md
        assert html.esc(said) in page
        if claim.context:
            assert html.esc(" ".join(claim.context.split())) in page
    judged = [c for c in claims if c.verdict]
    badges = re.findall(r'<span class="badge">([^<]*)</span>', page)
    assert badges == [html.esc(content.ui.verdicts[c.verdict or ""]) for c in judged]
    assert len(re.findall(r"\*\*\[[^\]]+\]\*\*", md)) == len(judged)


def test_attribution_names_a_cited_source(content: Content) -> None:
    article = content.index.article.source
    cited = next(c for c in all_claims(content) if c.by != article)
    expected = content.ui.by_cited.format(
        who=content.name_of(cited.by),
        where=content.ui.standfirst if cited.para == 0 else content.ui.article_para.format(n=cited.para),
    )
    assert attribution(content, cited) == expected
    standfirst = Claim(text="x", by=article, para=0)
    assert attribution(content, standfirst) == content.ui.by_article.format(where=content.ui.standfirst)


class _Html(HTMLParser):
    """The ids, fragment links and tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.fragments: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        href = values.get("href") or ""
        if href.startswith("#"):
            self.fragments.append(href[1:])


@pytest.mark.parametrize("section", [None, "results", "actors", "sources"])
def test_html_is_self_contained_and_its_links_resolve(content: Content, section: str | None) -> None:
    page = html.render(content, section)
    for loads in ("<script", 'src="http', "src=", "@import", "url(", "<link", "<img", "<iframe"):
        assert loads not in page.lower()
    assert "<style>" in page
    assert "Content-Security-Policy" in page
    parsed = _Html()
    parsed.feed(page)
    assert len(parsed.ids) == len(set(parsed.ids))
    assert parsed.fragments or section in ("results", "sources")  # these two link only outside
    assert set(parsed.fragments) <= set(parsed.ids)


def test_html_prints(content: Content) -> None:
    page = html.render(content)
    assert "@page" in page
    assert "break-inside: avoid" in page
    assert "break-before: page" in page
    # Every bar of every chart, drawn to scale.
    body = content.section("results").body
    assert isinstance(body, ChartSection)
    widths = re.findall(r'<rect class="fill" x="0" y="0" width="([\d.]+)"', page)
    assert widths == [f"{min(bar.value, 100):.2f}" for chart in body.charts for bar in chart.bars]


def test_markdown_links_resolve(content: Content) -> None:
    for section in (None, "actors"):
        md = markdown.render(content, section)
        targets = set(re.findall(r"\]\(#([^)]+)\)", md))
        anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
        assert targets
        assert targets <= anchors


# ---- content is data, never markup -------------------------------------------------------

HOSTILE_PEOPLE = PEOPLE.replace(
    'name: "Luis Arce"', 'name: "<script>alert(1)</script> **Arce** [x](http://evil.example)"'
).replace('text: "Arce won."', 'text: "1. <img src=x onerror=alert(1)> & _won_ `code` # not a heading"')
HOSTILE_SOURCES = SOURCES + '    url: "javascript:alert(1)"\n'


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    content = load(make_content(tmp_path, people_yaml=HOSTILE_PEOPLE, sources_yaml=HOSTILE_SOURCES))
    page = html.render(content)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert "javascript:alert(1)" in page  # shown, not linked
    md = markdown.render(content)
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in rendered and "<img" not in rendered
    assert "evil.example" not in re.findall(r'href="([^"]*)"', rendered)
    assert "<strong>Arce</strong>" not in rendered and "<em>won</em>" not in rendered
    assert "<code>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **Arce** [x](http://evil.example)" in rendered
    assert "1. &lt;img src=x onerror=alert(1)&gt; &amp; _won_ `code` # not a heading" in rendered


def test_odd_ids_still_make_working_anchors() -> None:
    assert anchor("kaliman") == "kaliman"
    assert anchor('a "b"') == "id-" + b'a "b"'.hex()
    assert re.fullmatch(r"[\w-]+", anchor("é ¶ <x>"))


# ---- the command -------------------------------------------------------------------------


def test_markdown_goes_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "md", "--content", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (GOLDEN / "example.md").read_text(encoding="utf-8")


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "handout.html"
    code = main(["--format", "html", "--content", str(EXAMPLE), "--section", "people", "-o", str(target)])
    assert code == 0
    assert capsys.readouterr() == ("", "")
    assert target.read_bytes() == (GOLDEN / "example-people.html").read_bytes()


def test_unknown_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "md", "--content", str(EXAMPLE), "--section", "nope"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "bolivia-explainer export: unknown section 'nope'; valid: overview, people, sources\n"


def test_bad_content_is_reported_like_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_content(tmp_path, events_yaml=EVENTS.replace("links: [anez]", "links: [aenz]"))
    assert main(["--format", "html", "--content", str(root)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{root}/events.yaml:5: links: unknown id 'aenz' (did you mean 'anez'?)\n"


@pytest.mark.parametrize("where", ["missing/handout.md", "."])
def test_a_file_that_cannot_be_written(tmp_path: Path, where: str) -> None:
    target = tmp_path / where
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "md", "--content", EXAMPLE, "-o", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"bolivia-explainer export: cannot write {target}: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_the_command_line_runs_it() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "md", "--section", "results"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"},
    )
    assert (result.returncode, result.stderr) == (0, b"")
    # UTF-8 whatever the locale: the bars and the accents come through.
    text = result.stdout.decode("utf-8")
    assert "█" in text and "55.10%" in text


def test_a_handout_in_another_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "es.html"
    assert main(["--format", "html", "--lang", "es", "--section", "quiz", "-o", str(target)]) == 0
    spanish = load(ROOT / "content", lang="es")
    page = target.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="es">')
    assert f"<h3>{html.esc(spanish.ui.answers)}</h3>" in page
    assert html.esc(spanish.section("quiz").ref.title) in page
    assert main(["--format", "md", "--lang", "xx"]) == 2
    assert capsys.readouterr().err == "bolivia-explainer export: unknown language 'xx'; valid: en, es\n"


# ---- tests to hand out, and lessons ---------------------------------------------------------


def test_a_printed_quiz_says_how_to_answer_on_paper_and_can_leave_its_answers_out(content: Content) -> None:
    with_answers = markdown.document(handout(content, "quiz"))
    assert content.ui.quiz_printed in with_answers and f"## {content.ui.answers}" in with_answers.replace(
        "### ", "## "
    )
    quiz = content.section("quiz").body
    assert quiz.intro not in with_answers  # "answers are checked at once" is the screen's, not paper's
    test = markdown.document(handout(content, "quiz", answers=False))
    assert content.ui.quiz_printed_no_answers in test and content.ui.answers not in test
    assert quiz.quiz[0].question in test and quiz.quiz[0].explanation not in test  # type: ignore[attr-defined]


def test_a_lesson_worksheet_asks_and_the_plan_answers(content: Content) -> None:
    lesson = next(
        item
        for item in content.lessons
        if any(s.read for s in item.steps) and any(s.quiz for s in item.steps)
    )
    sheet = markdown.document(lesson_handout(content, lesson, "students"))
    plan = markdown.document(lesson_handout(content, lesson, "teachers"))
    assert sheet.startswith(f"# {lesson.title}") and plan.startswith(f"# {lesson.title}")
    assert content.ui.lesson_verdict in sheet and content.ui.answers not in sheet
    assert content.ui.context not in sheet  # no verdict's context: the students judge
    assert content.ui.lesson_verdict not in plan and content.ui.answers in plan and content.ui.context in plan
    for step in lesson.steps:
        assert step.title in sheet and step.do not in sheet and step.do in plan
        for question in step.questions:
            assert question in sheet and question in plan
        for answer in step.answers:
            assert answer not in sheet and answer in plan


def test_export_of_an_unknown_lesson_names_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "md", "--lesson", "nope"]) == 2
    assert "unknown lesson 'nope'; valid: " in capsys.readouterr().err


@pytest.mark.slow  # Chromium prints it
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_50_minute_worksheet_prints_on_at_most_four_a4_pages(
    browser: Browser, tmp_path: Path, lang: str
) -> None:
    sheet = tmp_path / "worksheet.html"
    pdf = tmp_path / "worksheet.pdf"
    written = main(["--format", "html", "--lesson", "critical-reading", "--for", "students",
                    "--lang", lang, "-o", str(sheet)])  # fmt: skip
    assert written == 0
    page = browser.new_page()
    page.goto(sheet.as_uri())
    page.pdf(path=str(pdf), format="A4")
    page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert pages is not None and 1 <= int(pages.group(1)) <= 4, info
