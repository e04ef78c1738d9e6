"""The loader and YAML: files that cannot be read, keys, and YAML refused for safety.

Each test writes the minimal valid folder from contentkit, breaks one thing,
and asserts the exact lines a user would see.
"""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from contentkit import PEOPLE, broken, make_content, problems

from tui.model import load

ROOT = Path(__file__).resolve().parent.parent

# --- the valid folder --------------------------------------------------------------------------


def test_the_minimal_folder_is_valid(tmp_path: Path) -> None:
    content = load(make_content(tmp_path))
    assert [s.id for s in content.sections] == ["people", "events", "sources"]
    assert sorted(content.entries) == ["anez", "arce", "article", "e-2019"]
    assert content.name_of("anez") == "Jeanine Áñez"


def test_the_shipped_content_loads() -> None:
    content = load(ROOT / "content")
    assert content.has_section("sources")
    assert "article" in content.entries


# --- YAML that cannot be read ------------------------------------------------------------------


def test_yaml_syntax_error(tmp_path: Path) -> None:
    people = PEOPLE.replace('name: "Luis Arce"', "name: Luis: Arce")  # line 8
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:8: mapping values are not allowed in this context"
    ]


def test_unclosed_quote(tmp_path: Path) -> None:
    # A quoted string may run over several lines, so YAML only notices at the next quote.
    people = PEOPLE.replace('office."', "office.")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:4: did not find expected key (while parsing a block mapping on line 1)"
    ]


def test_yaml_unclosed_bracket_names_where_it_opened(tmp_path: Path) -> None:
    people = PEOPLE.replace("links: [e-2019]", "links: [e-2019")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:7: did not find expected ',' or ']' (while parsing a flow sequence on line 6)"
    ]


def test_bad_indentation(tmp_path: Path) -> None:
    people = PEOPLE.replace('    role: "President from 2020"', '   role: "President from 2020"')
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:9: did not find expected '-' indicator (while parsing a block collection on line 3)"
    ]


def test_tab_indentation(tmp_path: Path) -> None:
    assert broken(tmp_path, people_yaml="entries:\n\t- id: x\n") == [
        "people.yaml:2: found character that cannot start any token"
    ]


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    people = PEOPLE.encode().replace(b"Luis", b"Lu\xffis")  # line 8
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:8: byte 0xff is not UTF-8 text"]


def test_latin1_file(tmp_path: Path) -> None:
    people = PEOPLE.encode("latin-1")  # "Áñez" on line 4
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:4: byte 0xc1 is not UTF-8 text"]


def test_control_character(tmp_path: Path) -> None:
    people = PEOPLE.replace("Who is who", "Who is\x07 who")  # line 1
    people = people.replace("Interim president", "Interim\x00 president")  # line 5, not reached
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:1: character U+0007 is not allowed in YAML"]


def test_control_character_after_multibyte_text(tmp_path: Path) -> None:
    people = PEOPLE.replace("Interim president", "Interim\x00 president")  # line 5, after "Áñez"
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:5: character U+0000 is not allowed in YAML"]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    load(make_content(tmp_path, people_yaml=b"\xef\xbb\xbf" + PEOPLE.encode()))


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "   \n\t\n", "# only a comment\n", "# one\n\n  # two, indented\n#three"],
    ids=["nothing", "newlines", "blanks", "comment", "comments"],
)
def test_empty_file(tmp_path: Path, text: str) -> None:
    assert broken(tmp_path, people_yaml=text) == ["people.yaml:1: file is empty"]


@pytest.mark.parametrize("text", ["~\n", "null\n", "---\n", "# comment\n---\n...\n"])
def test_file_holding_only_null(tmp_path: Path, text: str) -> None:
    assert broken(tmp_path, people_yaml=text) == ["people.yaml:1: expected a mapping of fields, got nothing"]


def test_null_index_is_reported(tmp_path: Path) -> None:
    assert broken(tmp_path, index_yaml="~\n") == ["index.yaml:1: expected a mapping of fields, got nothing"]


@pytest.mark.parametrize(
    ("text", "what"),
    [("- a\n- b\n", "a list"), ("just words\n", "text"), ("3\n", "int")],
)
def test_file_that_is_not_a_mapping(tmp_path: Path, text: str, what: str) -> None:
    assert broken(tmp_path, people_yaml=text) == [f"people.yaml:1: expected a mapping of fields, got {what}"]


def test_two_documents_in_one_file(tmp_path: Path) -> None:
    assert broken(tmp_path, people_yaml=PEOPLE + "---\nintro: again\n") == [
        "people.yaml:15: more than one YAML document in the file (remove the '---')"
    ]


# --- keys ---------------------------------------------------------------------------------------


def test_duplicate_key_reports_both_lines(tmp_path: Path) -> None:
    people = PEOPLE.replace(
        '    role: "President from 2020"\n', '    role: "President from 2020"\n    role: "Again"\n'
    )
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:10: duplicate key 'role' (first on line 9)"]


def test_duplicate_top_level_key(tmp_path: Path) -> None:
    people = PEOPLE + 'intro: "Twice."\n'
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:15: duplicate key 'intro' (first on line 1)"]


@pytest.mark.parametrize(
    ("key", "what"),
    [("1", "a number"), ("yes", "true/false"), ("~", "null"), ("2020-01-01", "date")],
)
def test_key_that_is_not_text(tmp_path: Path, key: str, what: str) -> None:
    people = PEOPLE.replace("intro:", f"{key}:")
    assert broken(tmp_path, people_yaml=people) == [
        f"people.yaml:1: key '{key}' is read as {what}, not text (put it in quotes)"
    ]


def test_list_as_key(tmp_path: Path) -> None:
    assert broken(tmp_path, people_yaml="? [a, b]\n: 1\n" + PEOPLE) == [
        "people.yaml:1: a list or mapping cannot be a key"
    ]


# --- YAML features refused for safety -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object:os.system {}", "!!python/object:os.system"),
        ("!!python/object/apply:os.system ['touch {marker}']", "!!python/object/apply:os.system"),
        ("!!python/object/new:os.system ['touch {marker}']", "!!python/object/new:os.system"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!!python/module:os ''", "!!python/module:os"),
        ("!!set {a, b}", "!!set"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!omap [a: 1]", "!!omap"),
        ("!custom thing", "!custom"),
    ],
)
def test_tags_are_refused(tmp_path: Path, value: str, tag: str) -> None:
    marker = tmp_path / "ran"
    people = PEOPLE.replace("links: [e-2019]", "links: " + value.replace("{marker}", str(marker)))
    assert broken(tmp_path / "content", people_yaml=people) == [
        f"people.yaml:6: tag {tag} is not allowed in content"
    ]
    assert not marker.exists()


def test_alias_is_refused_at_its_line(tmp_path: Path) -> None:
    people = PEOPLE.replace('role: "Interim president"', 'role: &r "Interim president"')
    people = people.replace('role: "President from 2020"', "role: *r")
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:9: aliases (*r) are not allowed in content"]


def test_merge_key_is_refused(tmp_path: Path) -> None:
    people = PEOPLE.replace(
        '    role: "President from 2020"\n', '    role: "President from 2020"\n    <<: {}\n'
    )
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:10: merge keys (<<) are not allowed in content"
    ]


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    lines.append(f"entries: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly_without_memory_blow_up(tmp_path: Path) -> None:
    root = make_content(tmp_path, people_yaml=billion_laughs())
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = problems(root)
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert found == ["people.yaml:2: aliases (*a0) are not allowed in content"]
    assert elapsed < 2.0  # a generous bound: expanding it would take 9**9 strings
    assert peak < 20_000_000


# --- deep nesting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000,
        "entries: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "entries: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
        "entries:\n" + "".join("  " * i + "- \n" for i in range(1, 200)),
        "".join("  " * i + "k:\n" for i in range(200)),
    ],
    ids=["open-brackets", "brackets", "braces", "block-lists", "block-mappings"],
)
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, text: str) -> None:
    found = broken(tmp_path, people_yaml=text)
    assert len(found) == 1
    assert found[0].startswith("people.yaml:")
    assert found[0].endswith(": nesting too deep (more than 50 levels)")


def test_nesting_within_the_limit_is_fine(tmp_path: Path) -> None:
    people = "questions: " + "[" * 48 + "]" * 48 + "\n" + PEOPLE.split("\n", 1)[1]
    found = broken(tmp_path, people_yaml=people)
    assert found == ["people.yaml:1: questions: expected 'str', got 'array'"]


def test_very_deep_nesting_does_not_crash_the_interpreter(tmp_path: Path) -> None:
    # PyYAML's C composer recursion crashes (SIGSEGV) near 100,000 levels: run it apart.
    make_content(tmp_path, people_yaml="entries: " + "[" * 200_000 + "]" * 200_000 + "\n")
    run = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr == f"{tmp_path}/people.yaml:1: nesting too deep (more than 50 levels)\n"
