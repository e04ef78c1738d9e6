"""A minimal valid content folder that each test can break in one place.

The files are written with fixed layouts so tests can name exact lines.  No
ui.yaml is written: the loader then falls back to the built-in one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.model import ContentError, load

INDEX = """\
title: "Test content"
article:
  source: article
  paragraphs: 3
sections:
  - id: people
    title: "People"
    kind: profiles
    file: people.yaml
  - id: events
    title: "Events"
    kind: timeline
    file: events.yaml
  - id: sources
    title: "Sources"
    kind: sources
    file: sources.yaml
"""
# Lines of the index's section items, for messages reported at the index.
INDEX_LINE = {"people": 6, "events": 10, "sources": 14}

PEOPLE = """\
intro: "Who is who, and who held office."
entries:
  - id: anez
    name: "Jeanine Áñez"
    role: "Interim president"
    links: [e-2019]
  - id: arce
    name: "Luis Arce"
    role: "President from 2020"
    claims:
      - text: "Arce won."
        by: article
        para: 2
        sources: [article]
"""

EVENTS = """\
entries:
  - id: e-2019
    date: "2019-11-12"
    title: "Áñez takes office"
    links: [anez]
"""

SOURCES = """\
entries:
  - id: article
    title: "The article"
    publisher: "A publisher"
"""

FILES = {
    "index.yaml": INDEX,
    "people.yaml": PEOPLE,
    "events.yaml": EVENTS,
    "sources.yaml": SOURCES,
}


def make_content(root: Path, **overrides: str | bytes | None) -> Path:
    """Write the minimal folder into `root` and return it.

    Each keyword replaces one file (`people_yaml="..."` for people.yaml); a
    value of None leaves that file out, bytes are written as they are.
    """
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes | None] = dict(FILES)
    for key, value in overrides.items():
        files[key.replace("_yaml", ".yaml")] = value
    for name, body in files.items():
        if body is None:
            continue
        if isinstance(body, bytes):
            (root / name).write_bytes(body)
        else:
            (root / name).write_text(body, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    """What `load` reports for `root`, one `file:line: message` per problem."""
    with pytest.raises(ContentError) as caught:
        load(root)
    assert caught.value.problems, "ContentError must carry at least one problem"
    return [str(problem) for problem in caught.value.problems]


def broken(tmp_path: Path, **files: str | bytes | None) -> list[str]:
    return problems(make_content(tmp_path, **files))
