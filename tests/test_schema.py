"""The JSON Schemas authors' editors read, the schema line every file starts with, and check --format json."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from contentkit import EVENTS, INDEX, PEOPLE, make_content, problems

from tui.model import ContentError, languages, load
from tui.model.json_schema import SCHEMA_LINE, expected_schemas

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SHIPPED = sorted([*CONTENT.rglob("*.yaml"), *(ROOT / "docs" / "example").glob("*.yaml")])


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def schema_errors(data: Any, name: str) -> list[str]:
    """What the shipped schema `name` finds wrong with `data`, as an editor would show it."""
    document = json.loads((CONTENT / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(document)
    return [error.message for error in jsonschema.Draft7Validator(document).iter_errors(data)]


def named_schema(path: Path) -> Path:
    """The schema a file's first line names, resolved from the file's folder."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.fullmatch(first)
    assert match, f"{path}: the first line is not a schema line: {first!r}"
    return (path.parent / match["path"]).resolve()


# --- the shipped files and their schemas --------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_names_its_schema_and_fits_it(path: Path) -> None:
    schema_path = named_schema(path)
    assert schema_path.parent == CONTENT / "schemas"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert schema_errors(data, schema_path.name) == []


def test_the_schema_lines_name_the_schema_of_each_files_kind() -> None:
    for root in (CONTENT, ROOT / "docs" / "example"):
        expected = expected_schemas(root, languages(root)[1:])
        assert {str(p.relative_to(root)) for p in root.rglob("*.yaml")} == set(expected)
        assert {file: named_schema(root / file).name for file in expected} == expected
    assert expected_schemas(CONTENT, ["es"])["es/actors.yaml"] == "profiles-translation.schema.json"


def test_the_shipped_schemas_are_what_schema_writes_now(tmp_path: Path) -> None:
    result = run("schema", "-o", tmp_path / "fresh")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"{tmp_path / 'fresh'}: 21 schemas written\n"
    fresh = {p.name: p.read_bytes() for p in (tmp_path / "fresh").iterdir()}
    shipped = {p.name: p.read_bytes() for p in (CONTENT / "schemas").iterdir()}
    assert sorted(fresh) == sorted(shipped)
    stale = [name for name in fresh if fresh[name] != shipped[name]]
    assert stale == [], "run: bolivia-explainer schema --content content"


def test_schema_writes_into_the_content_folder_and_check_ignores_what_it_wrote(tmp_path: Path) -> None:
    root = make_content(tmp_path / "c")
    result = run("schema", "--content", root)
    assert (result.returncode, result.stdout) == (0, f"{root / 'schemas'}: 21 schemas written\n")
    assert (root / "schemas" / "profiles-translation.schema.json").is_file()
    assert languages(root) == ["en"]
    assert run("check", root).returncode == 0


def test_schema_into_a_folder_it_cannot_write_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    result = run("schema", "-o", tmp_path / "a-file" / "schemas")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"bolivia-explainer schema: cannot write to {tmp_path / 'a-file' / 'schemas'}: Not a directory\n"
    )


def test_schema_for_a_content_folder_that_does_not_exist(tmp_path: Path) -> None:
    result = run("schema", "--content", tmp_path / "nope")
    assert (result.returncode, result.stderr) == (2, f"{tmp_path / 'nope'}: no such content folder\n")
    assert not (tmp_path / "nope").exists()


# --- broken files: the schema and check both refuse them ---------------------------------------

BROKEN = {
    "unknown field": (PEOPLE.replace("intro:", "intor:"), "unknown field 'intor'"),
    "wrong type": (PEOPLE.replace('name: "Luis Arce"', "name: 3"), "expected 'str', got 'int'"),
    "missing field": (PEOPLE.replace('    role: "President from 2020"\n', ""), "missing field 'role'"),
    "bad verdict": (
        PEOPLE.replace("para: 2", "para: 2\n        verdict: dubious"),
        "'dubious' is not allowed",
    ),
    "bad id": (PEOPLE.replace("id: arce", "id: Arce"), "id 'Arce': use lower-case letters"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_section_file_is_refused_by_the_schema_and_by_check(tmp_path: Path, case: str) -> None:
    people, said = BROKEN[case]
    assert schema_errors(yaml.safe_load(people), "profiles.schema.json") != []
    assert any(said in problem for problem in problems(make_content(tmp_path, people_yaml=people)))


def test_an_unknown_section_kind_is_refused_by_the_schema_and_by_check(tmp_path: Path) -> None:
    index = INDEX.replace("kind: timeline", "kind: timelin")
    assert schema_errors(yaml.safe_load(index), "index.schema.json") != []
    assert problems(make_content(tmp_path, index_yaml=index)) == [
        "index.yaml:10: unknown section kind 'timelin' (did you mean 'timeline'?)"
    ]


QUIZ_SECTION = '  - id: quiz\n    title: "Quiz"\n    kind: quiz\n    file: quiz.yaml\n'
QUIZ = """\
quiz:
  - question: "Q?"
    kind: essay
    options: ["A", "B"]
    answer: "A"
    explanation: "E"
"""


def test_a_wrong_question_kind_is_refused_by_the_schema_and_by_check(tmp_path: Path) -> None:
    assert schema_errors(yaml.safe_load(QUIZ), "quiz.schema.json") != []
    assert schema_errors(yaml.safe_load(QUIZ.replace("essay", "choice")), "quiz.schema.json") == []
    root = make_content(tmp_path, index_yaml=INDEX + QUIZ_SECTION, quiz_yaml=QUIZ)
    assert problems(root) == ["quiz.yaml:3: quiz.kind: 'essay' is not allowed (one of: choice, truefalse)"]


def spanish_copy(tmp_path: Path, actors: str) -> Path:
    """The shipped content, with its Spanish actors.yaml replaced."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    (root / "es" / "actors.yaml").write_text(actors, encoding="utf-8")
    return root


def test_a_translation_with_a_field_that_is_not_text_is_refused_by_both(tmp_path: Path) -> None:
    shipped = (CONTENT / "es" / "actors.yaml").read_text(encoding="utf-8")
    actors = shipped.replace("\nentries:\n", "\nslides: [actors]\nentries:\n", 1)
    assert schema_errors(yaml.safe_load(actors), "profiles-translation.schema.json") != []
    with pytest.raises(ContentError) as caught:
        load(spanish_copy(tmp_path, actors), use_cache=False, lang="es")
    assert any("unknown field 'slides'" in str(problem) for problem in caught.value.problems)


# --- check --format json ------------------------------------------------------------------------


def test_check_json_on_a_broken_folder(tmp_path: Path) -> None:
    people = PEOPLE.replace('name: "Luis Arce"', "name: 3")
    root = make_content(tmp_path, people_yaml=people, events_yaml=EVENTS.replace("[anez]", "[aenz]"))
    result = run("check", root, "--format", "json")
    assert (result.returncode, result.stderr) == (2, "")
    found = json.loads(result.stdout)
    assert found["ok"] is False
    assert found["problems"] == [
        {
            "file": str(root / "people.yaml"),
            "line": 8,
            "column": 5,
            "message": "entries.name: expected 'str', got 'int'",
            "severity": "error",
            "hint": None,
        },
        {
            "file": str(root / "events.yaml"),
            "line": 5,
            "column": None,
            "message": "links: unknown id 'aenz' (did you mean 'anez'?)",
            "severity": "error",
            "hint": "did you mean 'anez'?",
        },
    ]


def test_check_json_gives_a_did_you_mean_for_a_misspelt_field_and_value(tmp_path: Path) -> None:
    for case, people in (
        ("name", PEOPLE.replace('name: "Luis Arce"', 'nmae: "Luis Arce"')),
        ("imprecise", PEOPLE.replace("para: 2", "para: 2\n        verdict: imprecis")),
    ):
        root = make_content(tmp_path / case, people_yaml=people)
        found = json.loads(run("check", root, "--format", "json").stdout)
        assert [problem["hint"] for problem in found["problems"]] == [f"did you mean '{case}'?"]


def test_check_json_gives_the_column_of_a_yaml_syntax_error(tmp_path: Path) -> None:
    root = make_content(tmp_path, people_yaml='intro: "x"\nentries:\n  - id: a\n   name: b\n')
    found = json.loads(run("check", root, "--format", "json").stdout)
    (problem,) = found["problems"]
    assert (problem["file"], problem["line"], problem["column"]) == (str(root / "people.yaml"), 4, 4)
    assert problem["message"].startswith("did not find expected '-' indicator")


def test_check_json_on_a_missing_file_has_no_line(tmp_path: Path) -> None:
    found = json.loads(run("check", make_content(tmp_path, index_yaml=None), "--format", "json").stdout)
    assert found == {
        "ok": False,
        "problems": [
            {
                "file": str(tmp_path / "index.yaml"),
                "line": None,
                "column": None,
                "message": "file not found",
                "severity": "error",
                "hint": None,
            }
        ],
    }


def test_check_json_on_the_shipped_content() -> None:
    result = run("check", CONTENT, "--format", "json")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {"ok": True, "problems": []}


def test_check_text_on_the_shipped_content_has_no_warnings() -> None:
    result = run("check", CONTENT)
    assert (result.returncode, result.stderr) == (0, "")


# --- the schema line -----------------------------------------------------------------------------


def with_schema_lines(root: Path, **instead: str) -> Path:
    """`root` with every file starting with the line naming its schema (or the path in `instead`)."""
    for file, name in expected_schemas(root, languages(root)[1:]).items():
        path = root / file
        named = instead.get(file.replace(".yaml", "_yaml"), f"schemas/{name}")
        path.write_text(f"# yaml-language-server: $schema={named}\n" + path.read_text(encoding="utf-8"))
    return root


def test_a_folder_whose_files_name_their_schemas_checks_clean(tmp_path: Path) -> None:
    root = with_schema_lines(
        make_content(tmp_path),
        people_yaml="/anywhere/else/profiles.schema.json",
        events_yaml="https://example.org/schemas/timeline.schema.json",
    )
    result = run("check", root)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_missing_schema_line_is_a_warning_at_line_1(tmp_path: Path) -> None:
    root = make_content(tmp_path)
    with_schema_lines(root)
    (root / "events.yaml").write_text(EVENTS, encoding="utf-8")
    result = run("check", root)
    assert result.returncode == 0
    assert result.stdout.endswith("no problems\n")
    assert result.stderr == (
        f"{root / 'events.yaml'}:1: warning: no schema line (start the file with "
        "'# yaml-language-server: $schema=schemas/timeline.schema.json')\n"
    )
    (problem,) = json.loads(run("check", root, "--format", "json").stdout)["problems"]
    assert (problem["line"], problem["severity"]) == (1, "warning")


def test_an_index_too_broken_to_name_its_files_gets_its_problems_not_a_traceback(tmp_path: Path) -> None:
    index = INDEX.replace("kind: timeline", "kind: [timeline]") + "lessons: lessons.yaml\n"
    root = with_schema_lines(make_content(tmp_path, index_yaml=index))
    result = run("check", root)
    assert result.returncode == 2
    assert result.stderr == (
        f"{root / 'index.yaml'}:13: sections.kind: expected 'str', got 'array'\n"
        f"{root / 'index.yaml'}:19: lessons: expected 'array', got 'str'\n"
    )


def test_a_folder_without_any_schema_line_is_not_warned(tmp_path: Path) -> None:
    result = run("check", make_content(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")


def test_a_schema_line_naming_another_kind_is_an_error_naming_the_right_one(tmp_path: Path) -> None:
    root = with_schema_lines(make_content(tmp_path), events_yaml="schemas/profiles.schema.json")
    result = run("check", root)
    assert result.returncode == 2
    assert result.stderr == (
        f"{root / 'events.yaml'}:1: the schema line names 'profiles.schema.json', but this file is a "
        "timeline section (did you mean 'timeline.schema.json'?)\n"
    )
    (problem,) = json.loads(run("check", root, "--format", "json").stdout)["problems"]
    assert (problem["line"], problem["column"]) == (1, len("# yaml-language-server: $schema=") + 1)
    assert (problem["severity"], problem["hint"]) == ("error", "did you mean 'timeline.schema.json'?")


def test_a_translation_naming_the_english_schema_is_an_error(tmp_path: Path) -> None:
    shipped = (CONTENT / "es" / "actors.yaml").read_text(encoding="utf-8")
    root = spanish_copy(tmp_path, shipped.replace("profiles-translation.schema.json", "profiles.schema.json"))
    result = run("check", root)
    assert result.returncode == 2
    assert result.stderr == (
        f"{root / 'es' / 'actors.yaml'}:1: the schema line names 'profiles.schema.json', but this file is a "
        "profiles section, translated (did you mean 'profiles-translation.schema.json'?)\n"
    )
