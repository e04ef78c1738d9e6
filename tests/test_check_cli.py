"""The command line, run as a user runs it: a separate process, exit code and stderr."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from contentkit import EVENTS, PEOPLE, make_content

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def broken_folder(tmp_path: Path) -> Path:
    """Three problems in two files: a type error, an unknown field, a bad reference."""
    people = PEOPLE.replace('name: "Luis Arce"', "name: 3").replace("intro:", "intor:")
    events = EVENTS.replace("links: [anez]", "links: [aenz]")
    return make_content(tmp_path, people_yaml=people, events_yaml=events)


def broken_lines(root: Path) -> str:
    return (
        f"{root}/people.yaml:1: unknown field 'intor' (did you mean 'intro'?)\n"
        f"{root}/people.yaml:8: entries.name: expected 'str', got 'int'\n"
        f"{root}/events.yaml:5: links: unknown id 'aenz' (did you mean 'anez'?)\n"
    )


def test_check_the_shipped_content() -> None:
    result = run("check", ROOT / "content")
    assert result.stderr == ""
    assert result.returncode == 0
    assert re.fullmatch(
        rf"{re.escape(str(ROOT / 'content'))}: \d+ sections, \d+ entries, languages en, es, no problems\n",
        result.stdout,
    )


def test_check_without_a_folder_checks_the_built_in_content() -> None:
    result = run("check")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith(" entries, languages en, es, no problems\n")


def test_check_a_valid_folder(tmp_path: Path) -> None:
    result = run("check", make_content(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"{tmp_path}: 3 sections, 4 entries, languages en, no problems\n"


def test_check_a_broken_folder(tmp_path: Path) -> None:
    root = broken_folder(tmp_path)
    result = run("check", root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == broken_lines(root)


def test_check_a_relative_folder(tmp_path: Path) -> None:
    broken_folder(tmp_path / "here")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", "here"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == broken_lines(Path("here"))


def test_check_problems_without_a_line(tmp_path: Path) -> None:
    root = make_content(tmp_path, index_yaml=None)
    result = run("check", root)
    assert result.returncode == 2
    assert result.stderr == f"{root}/index.yaml: file not found\n"


def test_check_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    result = run("check", tmp_path / "nope")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"{tmp_path / 'nope'}: no such content folder\n"


def test_check_a_relative_folder_that_does_not_exist() -> None:
    result = run("check", "no-such-folder")
    assert result.returncode == 2
    assert result.stderr == "no-such-folder: no such content folder\n"


def test_check_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "file.yaml").write_text(PEOPLE)
    result = run("check", tmp_path / "file.yaml")
    assert result.returncode == 2
    assert result.stderr == f"{tmp_path / 'file.yaml'}: no such content folder\n"


def test_check_hostile_yaml_gives_lines_not_tracebacks(tmp_path: Path) -> None:
    people = "entries: !!python/object/apply:os.system ['echo pwned']\n"
    events = "entries: " + "[" * 10_000 + "]" * 10_000 + "\n"
    root = make_content(tmp_path, people_yaml=people, events_yaml=events, sources_yaml=b"\xfe\xff")
    result = run("check", root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{root}/people.yaml:1: tag !!python/object/apply:os.system is not allowed in content\n"
        f"{root}/events.yaml:1: nesting too deep (more than 50 levels)\n"
        f"{root}/sources.yaml:1: byte 0xfe is not UTF-8 text\n"
    )


# --- the app's own run path: it checks the content before Textual starts ------------------------


def test_run_with_broken_content(tmp_path: Path) -> None:
    root = broken_folder(tmp_path)
    result = run("--content", root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == broken_lines(root)


def test_run_with_a_missing_folder(tmp_path: Path) -> None:
    result = run("--content", tmp_path / "nope")
    assert result.returncode == 2
    assert result.stderr == f"{tmp_path / 'nope'}: no such content folder\n"


def test_run_with_an_unknown_screen(tmp_path: Path) -> None:
    result = run("--content", make_content(tmp_path), "--screen", "nope")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "bolivia-explainer: unknown screen 'nope'; valid: people, events, sources\n"


def test_run_with_an_unknown_item(tmp_path: Path) -> None:
    result = run("--content", make_content(tmp_path), "--item", "nope")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "bolivia-explainer: unknown item 'nope'; valid: anez, arce, article, e-2019\n"


def test_run_the_shipped_content_with_an_unknown_screen() -> None:
    result = run("--screen", "nope")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("bolivia-explainer: unknown screen 'nope'; valid: overview, results, actors,")


def test_run_the_shipped_content_with_an_unknown_item() -> None:
    result = run("--item", "nope")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("bolivia-explainer: unknown item 'nope'; valid: ")
    valid = lines[0].split("valid: ", 1)[1].split(", ")
    assert {"kaliman", "arce", "anez", "oas", "soa", "apala"} <= set(valid)
