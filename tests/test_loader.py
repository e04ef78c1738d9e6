"""The loader: every kind of bad content is reported as `file:line: message`.

Each test writes the minimal valid folder from contentkit, breaks one thing,
and asserts the exact lines a user would see.
"""

from __future__ import annotations

import string
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from contentkit import EVENTS, INDEX, PEOPLE, SOURCES, make_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model import Content, ContentError, Problem, load

ROOT = Path(__file__).resolve().parent.parent


def problems(root: Path) -> list[str]:
    """What `load` reports for `root`, one `file:line: message` per problem."""
    with pytest.raises(ContentError) as caught:
        load(root)
    assert caught.value.problems, "ContentError must carry at least one problem"
    return [str(problem) for problem in caught.value.problems]


def broken(tmp_path: Path, **files: str | bytes | None) -> list[str]:
    return problems(make_content(tmp_path, **files))


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


# --- values that do not fit the schema ----------------------------------------------------------


def test_wrong_type(tmp_path: Path) -> None:
    people = PEOPLE.replace('name: "Luis Arce"', "name: 3")
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:8: entries.name: expected 'str', got 'int'"]


def test_wrong_type_deep_in_a_claim(tmp_path: Path) -> None:
    people = PEOPLE.replace("para: 2", "para: two")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:13: entries.claims.para: expected 'int', got 'str'"
    ]


def test_wrong_type_of_a_top_level_field_is_reported_once(tmp_path: Path) -> None:
    people = PEOPLE.replace("entries:\n", "entries: 3\nold_entries:\n")
    assert broken(tmp_path, people_yaml=people)[0] == "people.yaml:2: entries: expected 'array', got 'int'"
    assert broken(tmp_path, people_yaml="intro: x\nentries:\n") == [
        "people.yaml:2: entries: expected 'array', got 'null'"
    ]


def test_unquoted_date_is_not_text(tmp_path: Path) -> None:
    events = EVENTS.replace('date: "2019-11-12"', "date: 2019-11-12")
    assert broken(tmp_path, events_yaml=events) == ["events.yaml:3: entries.date: expected 'str', got 'date'"]


def test_missing_required_field(tmp_path: Path) -> None:
    people = PEOPLE.replace('    role: "President from 2020"\n', "")
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:7: missing field 'role'"]


def test_missing_required_top_level_field(tmp_path: Path) -> None:
    assert broken(tmp_path, sources_yaml='intro: "No entries."\n') == [
        "sources.yaml:1: missing field 'entries'"
    ]


def test_unknown_field_with_did_you_mean(tmp_path: Path) -> None:
    people = PEOPLE.replace('name: "Luis Arce"', 'nmae: "Luis Arce"')
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:8: unknown field 'nmae' (did you mean 'name'?)"
    ]


def test_unknown_top_level_field_with_did_you_mean(tmp_path: Path) -> None:
    people = PEOPLE.replace("intro:", "intor:")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:1: unknown field 'intor' (did you mean 'intro'?)"
    ]


def test_unknown_field_without_a_close_name_lists_the_known_ones(tmp_path: Path) -> None:
    people = PEOPLE.replace("intro:", "zzz:")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:1: unknown field 'zzz' (known: intro, claims, questions, slides, entries)"
    ]


def test_unknown_field_whose_name_has_backticks(tmp_path: Path) -> None:
    people = PEOPLE.replace("intro:", "i`n`tro:")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:1: unknown field 'i`n`tro' (did you mean 'intro'?)"
    ]
    people = PEOPLE.replace('name: "Luis Arce"', 'na`me: "Luis Arce"')
    assert broken(tmp_path, people_yaml=people)[0] == (
        "people.yaml:8: unknown field 'na`me' (did you mean 'name'?)"
    )


def test_unknown_verdict(tmp_path: Path) -> None:
    people = PEOPLE.replace("para: 2\n", "para: 2\n        verdict: maybe\n")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:14: entries.claims.verdict: 'maybe' is not allowed "
        "(one of: consistent, imprecise, disputed, unverifiable, inaccurate)"
    ]


def test_misspelt_verdict_with_did_you_mean(tmp_path: Path) -> None:
    people = PEOPLE.replace("para: 2\n", "para: 2\n        verdict: disputd\n")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:14: entries.claims.verdict: 'disputd' is not allowed (did you mean 'disputed'?)"
    ]


def test_several_problems_in_one_file_are_all_reported(tmp_path: Path) -> None:
    people = PEOPLE.replace('name: "Jeanine Áñez"', "nmae: x").replace('name: "Luis Arce"', "name: 3")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:4: unknown field 'nmae' (did you mean 'name'?)",
        "people.yaml:8: entries.name: expected 'str', got 'int'",
    ]


def test_problems_of_every_stage_are_reported_in_one_run(tmp_path: Path) -> None:
    people = (
        PEOPLE.replace(
            '    role: "President from 2020"\n', '    role: "President from 2020"\n    role: "Again"\n'
        )
        .replace('name: "Jeanine Áñez"', "name: [1]")
        .replace("para: 2", "para: 9")
    )
    events = EVENTS + '  - id: e-2020\n    date: "2020"\n    title: "Vote"\n    links: [arcee]\n'
    sources = SOURCES + '  - id: extra\n    titel: "Another"\n'
    assert broken(tmp_path, people_yaml=people, events_yaml=events, sources_yaml=sources) == [
        "people.yaml:10: duplicate key 'role' (first on line 9)",
        "people.yaml:4: entries.name: expected 'str', got 'array'",
        "sources.yaml:6: unknown field 'titel' (did you mean 'title'?)",
        "people.yaml:14: para 9 is outside the article (0-3)",
        "events.yaml:9: links: unknown id 'arcee' (did you mean 'arce'?)",
    ]


def test_many_broken_entries(tmp_path: Path) -> None:
    entries = "".join(f"  - id: p{i}\n    name: {i}\n    role: r\n" for i in range(300))
    found = broken(tmp_path, people_yaml="entries:\n" + entries, events_yaml=EVENTS.replace("[anez]", "[]"))
    assert len(found) == 201  # one pass of msgspec per problem: capped, and said so
    assert found[0] == "people.yaml:3: entries.name: expected 'str', got 'int'"
    assert found[199] == f"people.yaml:{3 + 3 * 199}: entries.name: expected 'str', got 'int'"
    assert found[200] == "people.yaml: more problems not shown: stopped after 200"


def test_as_many_broken_entries_as_the_cap(tmp_path: Path) -> None:
    entries = "".join(f"  - id: p{i}\n    name: {i}\n    role: r\n" for i in range(200))
    found = broken(tmp_path, people_yaml="entries:\n" + entries, events_yaml=EVENTS.replace("[anez]", "[]"))
    assert len(found) == 200
    assert found[-1] == f"people.yaml:{3 + 3 * 199}: entries.name: expected 'str', got 'int'"


# --- ids and references across files ------------------------------------------------------------


def test_duplicate_id_across_two_files(tmp_path: Path) -> None:
    events = EVENTS + '  - id: arce\n    date: "2020"\n    title: "Arce"\n'
    assert broken(tmp_path, events_yaml=events) == [
        "events.yaml:6: duplicate id 'arce' (also in people.yaml:7)"
    ]


def test_entry_id_that_is_a_section_id(tmp_path: Path) -> None:
    events = EVENTS.replace("id: e-2019", "id: people").replace("links: [e-2019]", "links: [people]")
    people = PEOPLE.replace("links: [e-2019]", "links: [people]")
    assert broken(tmp_path, events_yaml=events, people_yaml=people) == [
        "events.yaml:2: duplicate id 'people' (also in index.yaml:6)"
    ]


def test_duplicate_section_id(tmp_path: Path) -> None:
    index = INDEX.replace("id: events", "id: people")
    assert broken(tmp_path, index_yaml=index) == [
        "index.yaml:10: duplicate section id 'people' (first on line 6)"
    ]


def test_reference_to_a_missing_id_with_did_you_mean(tmp_path: Path) -> None:
    events = EVENTS.replace("links: [anez]", "links: [anez, aenz]")
    assert broken(tmp_path, events_yaml=events) == [
        "events.yaml:5: links: unknown id 'aenz' (did you mean 'anez'?)"
    ]


def test_reference_to_a_missing_id_in_a_block_list(tmp_path: Path) -> None:
    events = EVENTS.replace("links: [anez]", "links:\n      - anez\n      - nobody-at-all\n")
    assert broken(tmp_path, events_yaml=events) == ["events.yaml:7: links: unknown id 'nobody-at-all'"]


def test_claim_by_a_missing_id(tmp_path: Path) -> None:
    people = PEOPLE.replace("by: article", "by: artcle")
    assert broken(tmp_path, people_yaml=people) == [
        "people.yaml:12: by: unknown id 'artcle' (did you mean 'article'?)"
    ]


def test_claim_source_that_is_not_a_sources_entry(tmp_path: Path) -> None:
    people = PEOPLE.replace("sources: [article]", "sources: [article, anez]")
    assert broken(tmp_path, people_yaml=people) == ["people.yaml:14: sources: 'anez' is not a sources entry"]


def test_article_source_that_is_not_a_sources_entry(tmp_path: Path) -> None:
    index = INDEX.replace("source: article", "source: anez")
    assert broken(tmp_path, index_yaml=index) == [
        "index.yaml:3: article source 'anez' is not a sources entry"
    ]


@pytest.mark.parametrize("para", ["7", "4", "-1"])
def test_claim_para_outside_the_article(tmp_path: Path, para: str) -> None:
    people = PEOPLE.replace("para: 2", f"para: {para}")
    assert broken(tmp_path, people_yaml=people) == [
        f"people.yaml:13: para {para} is outside the article (0-3)"
    ]


@pytest.mark.parametrize("para", ["0", "3"])
def test_claim_para_at_the_edges_of_the_article(tmp_path: Path, para: str) -> None:
    load(make_content(tmp_path, people_yaml=PEOPLE.replace("para: 2", f"para: {para}")))


# --- the index ----------------------------------------------------------------------------------


def test_section_file_missing_is_reported_at_the_index_line(tmp_path: Path) -> None:
    assert broken(tmp_path, events_yaml=None) == ["index.yaml:10: section file 'events.yaml' not found"]


def test_a_broken_section_file_does_not_bury_it_under_unknown_ids(tmp_path: Path) -> None:
    # people.yaml links to e-2019 in events.yaml: with events.yaml unreadable, reporting
    # "unknown id 'e-2019'" would be noise, so reference checks wait for a readable folder.
    assert broken(tmp_path, events_yaml="entries: [\n") == [
        "events.yaml:2: did not find expected node content"
    ]


@pytest.mark.parametrize("where", ["/etc/passwd", "../outside.yaml"])
def test_section_file_outside_the_folder(tmp_path: Path, where: str) -> None:
    (tmp_path / "outside.yaml").write_text(EVENTS)
    index = INDEX.replace("file: events.yaml", f"file: {where}")
    assert broken(tmp_path / "content", index_yaml=index) == [
        f"index.yaml:10: section file '{where}' must be inside the folder"
    ]


def test_unknown_section_kind_with_did_you_mean(tmp_path: Path) -> None:
    index = INDEX.replace("kind: timeline", "kind: timelin")
    assert broken(tmp_path, index_yaml=index) == [
        "index.yaml:10: unknown section kind 'timelin' (did you mean 'timeline'?)"
    ]


def test_unknown_section_kind_lists_the_known_ones(tmp_path: Path) -> None:
    index = INDEX.replace("kind: timeline", "kind: zzz")
    assert broken(tmp_path, index_yaml=index) == [
        "index.yaml:10: unknown section kind 'zzz' "
        "(known: overview, chart, profiles, timeline, glossary, sources, quiz)"
    ]


def test_index_file_missing(tmp_path: Path) -> None:
    assert broken(tmp_path, index_yaml=None) == ["index.yaml: file not found"]


def test_index_section_item_that_is_not_a_mapping(tmp_path: Path) -> None:
    index = INDEX.split("sections:")[0] + "sections:\n  - people.yaml\n"
    assert broken(tmp_path, index_yaml=index) == ["index.yaml:6: sections: expected 'object', got 'str'"]


def test_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load(tmp_path / "nope")
    assert caught.value.problems == [Problem("", 0, "no such content folder")]
    assert str(caught.value) == "no such content folder"


def test_broken_ui_file_in_the_folder(tmp_path: Path) -> None:
    (make_content(tmp_path) / "ui.yaml").write_text("keys: {}\n")
    found = problems(tmp_path)
    assert found[0] == "ui.yaml:1: missing field 'sections'"


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


# --- fuzzing ------------------------------------------------------------------------------------

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_FILES = ["index.yaml", "people.yaml", "events.yaml", "sources.yaml", "ui.yaml"]
FIELDS = [
    "id", "name", "nmae", "role", "links", "claims", "text", "by", "para", "sources", "verdict",
    "entries", "intro", "questions", "title", "date", "kind", "file", "sections", "article",
    "paragraphs", "source", "keys",
]  # fmt: skip
YAML_BITS = [
    "- ", ": ", "\n", "  ", "[", "]", "{", "}", ",", "#", '"', "'", "&a ", "*a", "!!python/object ",
    "!!str ", "? ", "|", ">", "<<: ", "---", "...", "\t", "id", "entries", "name", "%YAML 1.1",
    "\\", "\x00", "\ufeff", "é", "\u2028", "\r",
]  # fmt: skip

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
keys = st.sampled_from(FIELDS) | st.text(max_size=8)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
small_values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=6,
)


def assert_loads_or_reports(files: dict[str, str | bytes]) -> None:
    """`load` returns Content or raises ContentError with usable problems; nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        root = make_content(Path(folder), **{name.replace(".yaml", "_yaml"): v for name, v in files.items()})
        try:
            result = load(root)
        except ContentError as error:
            assert error.problems
            for problem in error.problems:
                assert isinstance(problem, Problem)
                assert problem.message.strip(), problem
                assert "\n" not in problem.message, problem
                assert problem.line >= 0
                body = files.get(problem.file)
                if isinstance(body, str):
                    assert problem.line <= len(body.splitlines()) + 1, problem
        else:
            assert isinstance(result, Content)


@FUZZ
@given(name=st.sampled_from(FUZZ_FILES), text=st.text(max_size=300))
def test_fuzz_random_text(name: str, text: str) -> None:
    assert_loads_or_reports({name: text})


@FUZZ
@given(name=st.sampled_from(FUZZ_FILES), bits=st.lists(st.sampled_from(YAML_BITS), max_size=60))
def test_fuzz_yaml_like_text(name: str, bits: list[str]) -> None:
    assert_loads_or_reports({name: "".join(bits)})


@FUZZ
@given(name=st.sampled_from(FUZZ_FILES), data=values)
def test_fuzz_structured_data(name: str, data: Any) -> None:
    assert_loads_or_reports({name: yaml.safe_dump(data, allow_unicode=True)})


@FUZZ
@given(
    entries=st.lists(st.dictionaries(keys, small_values, max_size=6), max_size=4),
    kind=st.sampled_from(FUZZ_FILES),
)
def test_fuzz_entries_near_the_schema(entries: list[dict[str, Any]], kind: str) -> None:
    assert_loads_or_reports({kind: yaml.safe_dump({"intro": "x", "entries": entries}, allow_unicode=True)})


@FUZZ
@given(
    name=st.sampled_from(FUZZ_FILES),
    data=st.data(),
)
def test_fuzz_one_value_of_a_valid_file_replaced(name: str, data: st.DataObject) -> None:
    files = {"index.yaml": INDEX, "people.yaml": PEOPLE, "events.yaml": EVENTS, "sources.yaml": SOURCES}
    tree = yaml.safe_load(files.get(name, PEOPLE))
    node = tree
    while isinstance(node, dict | list) and node:
        slot = data.draw(st.sampled_from(list(node) if isinstance(node, dict) else list(range(len(node)))))
        if data.draw(st.booleans()) or not isinstance(node[slot], dict | list):
            node[slot] = data.draw(values)
            break
        node = node[slot]
    assert_loads_or_reports({name: yaml.safe_dump(tree, allow_unicode=True)})


@FUZZ
@given(name=st.sampled_from(FUZZ_FILES), raw=st.binary(max_size=300))
def test_fuzz_random_bytes(name: str, raw: bytes) -> None:
    assert_loads_or_reports({name: raw})


@FUZZ
@given(name=st.sampled_from(FUZZ_FILES), cut=st.integers(min_value=0), flip=st.sampled_from(string.printable))
def test_fuzz_one_character_changed(name: str, cut: int, flip: str) -> None:
    files = {"index.yaml": INDEX, "people.yaml": PEOPLE, "events.yaml": EVENTS, "sources.yaml": SOURCES}
    text = files.get(name, PEOPLE)
    at = cut % len(text)
    assert_loads_or_reports({name: text[:at] + flip + text[at + 1 :]})
