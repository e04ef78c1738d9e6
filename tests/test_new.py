"""`bolivia-explainer new DIR`: an author's own explainer, passing check and opening, in one command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from test_schema import named_schema

from tui import new
from tui.app import ExplainerApp
from tui.main_screen import MainScreen
from tui.model import load


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("lang", [[], ["--lang", "es"]], ids=["en", "en+es"])
def test_a_new_folder_passes_check_without_a_warning(tmp_path: Path, lang: list[str]) -> None:
    folder = tmp_path / "mine"
    made = run("new", str(folder), *lang)
    assert made.returncode == 0, made.stderr
    assert f"--content {folder} --watch" in made.stdout
    checked = run("check", str(folder))
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    assert "7 sections" in checked.stdout and ("languages en, es" in checked.stdout) == bool(lang)
    for path in folder.rglob("*.yaml"):  # as an editor sees them: each fits the schema its first line names
        schema = json.loads(named_schema(path).read_text(encoding="utf-8"))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)] == [], path
    assert (folder / "README.md").is_file()


async def test_every_section_of_a_new_folder_opens_in_both_languages(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    assert new.main([str(folder), "--lang", "es"]) == 0
    for lang in ("en", "es"):
        content = load(folder, lang=lang)
        assert {s.ref.kind for s in content.sections} == {
            "overview", "chart", "profiles", "timeline", "glossary", "sources", "quiz"
        }  # fmt: skip
        app = ExplainerApp(content)
        async with app.run_test(size=(80, 24)) as pilot:
            for number, section in enumerate(content.sections, start=1):
                await pilot.press(str(number))
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, MainScreen) and screen.current is not None
                assert screen.current.section.id == section.id
                page = screen.current.page()
                assert page is None or page.lines(), f"{lang} section {number} shows nothing"


def test_the_title_is_written_as_given(tmp_path: Path) -> None:
    title = 'La "toma" de 2023: ¿qué pasó? # no comment'
    assert new.main([str(tmp_path / "mine"), "--title", title]) == 0
    assert load(tmp_path / "mine").index.title == title


def test_a_folder_that_is_not_empty_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run("new", str(folder))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "not empty" in refused.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_new_folder_that_would_not_pass_check_is_not_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "template"
    shutil.copytree(new.TEMPLATE, broken)
    people = broken / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("links: [e-vote", "links: [e-nowhere"))
    monkeypatch.setattr(new, "TEMPLATE", broken)
    folder = tmp_path / "mine"
    assert new.main([str(folder)]) == 2
    error = capsys.readouterr().err
    assert "does not pass check" in error and "e-nowhere" in error
    assert not folder.exists()
