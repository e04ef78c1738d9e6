"""The loader under fuzzing: whatever the files hold, it returns content or reports problems."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path
from typing import Any

import yaml
from contentkit import EVENTS, INDEX, PEOPLE, SOURCES, make_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model import Content, ContentError, Problem, load

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
