"""The loader and the schema: values that do not fit, ids and references, the index.

Each test writes the minimal valid folder from contentkit, breaks one thing,
and asserts the exact lines a user would see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import EVENTS, INDEX, PEOPLE, SOURCES, broken, make_content, problems

from tui.model import ContentError, Problem, load

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
        "people.yaml:1: unknown field 'zzz' (known: intro, claims, questions, slides, notes, entries)"
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
