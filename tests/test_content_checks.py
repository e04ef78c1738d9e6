"""The editorial checks: verdicts need context and sources, sections need material."""

from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import PEOPLE, SOURCES, make_content

from tui.model import ContentError, load


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(root, use_cache=False)
    return [str(p) for p in caught.value.problems]


def people_with_claim(extra: str) -> str:
    """PEOPLE with the claim on line 11 given extra fields."""
    return PEOPLE.replace("        sources: [article]\n", extra)


def test_a_judged_claim_without_context_or_source(tmp_path: Path) -> None:
    root = make_content(tmp_path, people_yaml=people_with_claim("        verdict: disputed\n"))
    assert problems(root) == [
        "people.yaml:11: a claim judged disputed needs a context note",
        "people.yaml:11: a claim judged disputed needs at least one source",
    ]


def test_a_judged_claim_with_context_but_no_source(tmp_path: Path) -> None:
    extra = '        verdict: inaccurate\n        context: "The record differs."\n'
    root = make_content(tmp_path, people_yaml=people_with_claim(extra))
    assert problems(root) == ["people.yaml:11: a claim judged inaccurate needs at least one source"]


def test_a_consistent_claim_needs_neither(tmp_path: Path) -> None:
    root = make_content(tmp_path, people_yaml=people_with_claim("        verdict: consistent\n"))
    assert load(root, use_cache=False).section("people").entries[1].id == "arce"


def test_a_judged_claim_with_both_passes(tmp_path: Path) -> None:
    extra = '        verdict: imprecise\n        context: "Close."\n        sources: [article]\n'
    dated = SOURCES + '    date: "2020-12"\n'
    root = make_content(tmp_path, people_yaml=people_with_claim(extra), sources_yaml=dated)
    load(root, use_cache=False)


def test_a_claim_without_attribution_or_paragraph(tmp_path: Path) -> None:
    broken = PEOPLE.replace("        by: article\n        para: 2\n", "")
    root = make_content(tmp_path, people_yaml=broken)
    assert problems(root) == ["people.yaml:11: missing field 'by'"]


def test_an_empty_section(tmp_path: Path) -> None:
    root = make_content(tmp_path, events_yaml="entries: []\n")
    assert problems(root) == [
        "index.yaml:10: section 'events' is empty (events.yaml)",
        "people.yaml:6: links: unknown id 'e-2019'",
    ]


def test_a_source_cited_that_does_not_exist(tmp_path: Path) -> None:
    extra = '        verdict: imprecise\n        context: "Close."\n        sources: [nowhere]\n'
    root = make_content(tmp_path, people_yaml=people_with_claim(extra))
    assert problems(root) == ["people.yaml:16: sources: unknown id 'nowhere'"]


def test_ids_follow_one_syntax_so_no_content_can_break_the_screen(tmp_path: Path) -> None:
    """A section id with a dot passed check and then crashed the app (it became a CSS selector)."""
    from contentkit import INDEX, INDEX_LINE

    index = INDEX.replace("  - id: events\n", "  - id: events.2019\n")
    people = PEOPLE.replace("  - id: arce\n", "  - id: Arce_2020\n")
    root = make_content(tmp_path, index_yaml=index, people_yaml=people)
    found = problems(root)
    hint = "use lower-case letters, digits and single hyphens (as in e-2019-11-10)"
    assert f"index.yaml:{INDEX_LINE['events']}: id 'events.2019': {hint}" in found
    assert f"people.yaml:7: id 'Arce_2020': {hint}" in found


def test_every_data_field_role_names_a_real_field_and_roles_do_not_overlap() -> None:
    """Field roles are declared once (schema.py): a renamed field must be renamed there too."""
    import msgspec

    from tui.model import schema

    fields = {
        name
        for struct in vars(schema).values()
        if isinstance(struct, type) and issubclass(struct, msgspec.Struct)
        for name in struct.__struct_fields__
    }
    roles = [set(schema.REFERENCES), schema.NAMES, schema.FIXED]
    assert all(role <= fields for role in roles)  # no stale name
    assert not (roles[0] & roles[1] or roles[0] & roles[2] or roles[1] & roles[2])
