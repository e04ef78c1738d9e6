"""The validated-file cache: a second start skips YAML, and never hides a problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import EVENTS, make_content

import tui.model.yamlfile
from tui.model import ContentError, load


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from tui.model import cache

    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    cache._folder.cache_clear()
    yield folder
    cache._folder.cache_clear()


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr(tui.model.yamlfile, "parse_yaml", refuse)


def test_second_load_comes_from_the_cache(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_content(tmp_path / "content")
    first = load(root)
    assert any(cache_dir.iterdir())
    _no_parsing(monkeypatch)
    second = load(root)
    assert second.index == first.index
    assert [s.body for s in second.sections] == [s.body for s in first.sections]


def test_an_edited_file_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    root = make_content(tmp_path / "content")
    load(root)
    (root / "events.yaml").write_text(EVENTS.replace("Áñez takes office", "Áñez sworn in"), "utf-8")
    content = load(root)
    assert content.entries["e-2019"][1].title == "Áñez sworn in"  # type: ignore[union-attr]


def test_a_cached_file_still_gets_cross_file_problems(tmp_path: Path, cache_dir: Path) -> None:
    root = make_content(tmp_path / "content")
    load(root)
    # people.yaml is unchanged (so cached) but links to an id that now is gone.
    (root / "events.yaml").write_text(EVENTS.replace("id: e-2019", "id: e-2020"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load(root)
    assert [str(p) for p in caught.value.problems] == [
        "people.yaml:6: links: unknown id 'e-2019' (did you mean 'e-2020'?)",
    ]


def test_a_corrupt_cache_file_is_ignored(tmp_path: Path, cache_dir: Path) -> None:
    root = make_content(tmp_path / "content")
    load(root)
    for entry in cache_dir.iterdir():
        entry.write_bytes(b"\x00garbage")
    assert load(root).section("people").entries[0].id == "anez"


def test_broken_files_are_never_cached(tmp_path: Path, cache_dir: Path) -> None:
    root = make_content(tmp_path / "content", events_yaml="entries:\n  - id: e-2019\n")
    for _ in range(2):
        with pytest.raises(ContentError) as caught:
            load(root)
        assert "events.yaml:2: missing field 'date'" in [str(p) for p in caught.value.problems]


def test_an_unwritable_cache_folder_just_means_parsing(tmp_path: Path, cache_dir: Path) -> None:
    cache_dir.write_text("not a folder")
    root = make_content(tmp_path / "content")
    assert load(root).section("people").entries[1].id == "arce"
