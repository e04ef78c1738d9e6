"""A content folder may come from a stranger: nothing in it reads outside it, hangs, or drives a terminal.

Each test here is a row of the security review that failed (or held only in
part) before: links out of the folder, devices and pipes, huge files, and
escape sequences in text.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from contentkit import INDEX, PEOPLE, make_content

from tui.export import html, markdown
from tui.model import ContentError, languages, load
from tui.model.lines import MAX_FILE, MAX_TOTAL

SECRET = "root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n"


def problems(root: Path, lang: str = "en") -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(root, use_cache=False, lang=lang)
    return [str(p) for p in caught.value.problems]


def check(root: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "check", str(root)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "BOLIVIA_EXPLAINER_CACHE": "off"},
    )


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the folder, shaped like /etc/shadow: `key: value` lines a YAML reader would echo."""
    path = tmp_path / "outside" / "shadow"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_a_section_file_linked_outside_is_not_read_or_echoed(tmp_path: Path, secret: Path) -> None:
    root = make_content(tmp_path / "c", people_yaml=None)
    (root / "people.yaml").symlink_to(secret)
    assert problems(root) == ["people.yaml: is a link to a file outside the content folder; not read"]
    result = check(root)
    assert result.returncode == 2
    assert "root:" not in result.stderr + result.stdout
    assert "people.yaml: is a link to a file outside the content folder; not read" in result.stderr


def test_ui_and_index_linked_outside(tmp_path: Path, secret: Path) -> None:
    root = make_content(tmp_path / "c")
    (root / "ui.yaml").symlink_to(secret)
    assert problems(root) == ["ui.yaml: is a link to a file outside the content folder; not read"]
    (root / "ui.yaml").unlink()
    (root / "index.yaml").unlink()
    (root / "index.yaml").symlink_to(secret)
    assert problems(root) == ["index.yaml: is a link to a file outside the content folder; not read"]


def test_a_folder_linked_outside_does_not_pass_as_inside(tmp_path: Path, secret: Path) -> None:
    root = make_content(tmp_path / "c", index_yaml=INDEX.replace("file: people.yaml", "file: sub/shadow"))
    (root / "sub").symlink_to(secret.parent)
    assert problems(root) == ["sub/shadow: is a link to a file outside the content folder; not read"]


def test_a_link_that_stays_inside_the_folder_is_fine(tmp_path: Path) -> None:
    root = make_content(tmp_path / "c", people_yaml=None)
    (root / "shared").mkdir()
    (root / "shared" / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (root / "people.yaml").symlink_to(root / "shared" / "people.yaml")
    assert load(root, use_cache=False).entries["arce"][0].id == "people"


def test_a_translation_folder_linked_outside_is_not_used(tmp_path: Path) -> None:
    elsewhere = make_content(tmp_path / "elsewhere")
    (elsewhere / "es").mkdir()
    (elsewhere / "es" / "index.yaml").write_text('title: "Fuera"\n', encoding="utf-8")
    root = make_content(tmp_path / "c")
    (root / "es").symlink_to(elsewhere / "es")
    assert languages(root) == ["en"]
    result = check(root)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{root / 'es'}: a link to a folder outside the content folder; not used"


@pytest.mark.parametrize("name", ["index.yaml", "ui.yaml", "people.yaml"])
def test_devices_are_refused_not_read(tmp_path: Path, name: str) -> None:
    root = make_content(tmp_path / "c")
    (root / name).unlink(missing_ok=True)
    (root / name).symlink_to("/dev/zero")
    # /dev/zero is outside the folder; a device inside it is refused as a device.
    assert problems(root) == [f"{name}: is a link to a file outside the content folder; not read"]


def test_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    root = make_content(tmp_path / "c")
    os.mkfifo(root / "ui.yaml")
    result = check(root, timeout=30)  # before: blocked forever opening the pipe
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"{root / 'ui.yaml'}: is not a regular file (a folder, device or pipe); not read"
    )


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    root = make_content(tmp_path / "c")
    with open(root / "people.yaml", "wb") as file:
        file.truncate(200 * 2**20)  # 200 MB (sparse): before, 315 s and 6 GB to check
    result = check(root)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{root / 'people.yaml'}: too large (200.0 MB; the limit is 8.0 MB)"


def test_files_too_large_together(tmp_path: Path) -> None:
    count = MAX_TOTAL // MAX_FILE + 1
    index = (
        INDEX.split("sections:\n")[0]
        + "sections:\n"
        + "".join(f"  - {{id: s{i}, title: S, kind: glossary, file: s{i}.yaml}}\n" for i in range(count))
    )
    root = make_content(tmp_path / "c", index_yaml=index)
    for i in range(count):
        with open(root / f"s{i}.yaml", "wb") as file:
            file.truncate(MAX_FILE - 1024)
    found = problems(root)
    assert found[-1] == f"s{count - 1}.yaml: too large: with the files before it, over 64.0 MB in all"
    assert not any("too large" in p for p in found[:-1])


ESCAPES = {
    "clipboard": "\x1b]52;c;cHduZWQ=\x1b\\",
    "title": "\x1b]0;TITLE\x07",
    "clear": "\x1b[2J",
    "c1 csi": "\x9b2J",
    "backspace": "a\x08b",
}


@pytest.mark.parametrize("sequence", ESCAPES.values(), ids=ESCAPES.keys())
def test_check_refuses_control_characters_in_text(tmp_path: Path, sequence: str) -> None:
    # Written as YAML escapes (\x1b...), as an author would; the raw bytes are not valid YAML text.
    escaped = "".join(
        f"\\x{ord(c):02x}" if c < " " or "\x7f" <= c <= "\x9f" else "\\" + c if c in '\\"' else c
        for c in sequence
    )
    text = f'"Arce won {escaped} easily."'
    people = PEOPLE.replace('"Arce won."', text)
    root = make_content(tmp_path / "c", people_yaml=people)
    first = next(c for c in sequence if c < " " or "\x7f" <= c <= "\x9f")
    code = f"U+{ord(first):04X}"
    assert problems(root) == [
        f"people.yaml:11: control character {code} in text (not allowed: it could drive a terminal)"
    ]


def test_handouts_strip_control_characters_anyway(tmp_path: Path) -> None:
    """Content made in code, past `check`: the renderers still send no ESC."""
    content = load(make_content(tmp_path / "c"), use_cache=False)
    section = content.sections[0]
    body = msgspec.structs.replace(section.body, intro="Who is who " + "".join(ESCAPES.values()))
    hostile = dataclasses.replace(section, body=body)
    content = dataclasses.replace(content, sections=[hostile, *content.sections[1:]])
    for render in (markdown.render, html.render):
        out = render(content, None)
        assert "Who is who" in out
        assert not any(c in out for c in "\x1b\x07\x08\x9b")


def test_check_piped_into_head_exits_quietly(tmp_path: Path) -> None:
    entries = "".join(f"  - {{id: t{i}, term: T{i}}}\n" for i in range(4000))  # 4000 missing definitions
    index = INDEX.replace("kind: timeline\n    file: events.yaml", "kind: glossary\n    file: events.yaml")
    root = make_content(tmp_path / "c", index_yaml=index, events_yaml=f"entries:\n{entries}")
    child = subprocess.Popen(
        [sys.executable, "-m", "tui", "check", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "BOLIVIA_EXPLAINER_CACHE": "off"},
    )
    assert child.stderr is not None
    first = child.stderr.readline()
    child.stderr.close()  # as head -1 does after its line
    assert b"missing field 'definition'" in first
    assert child.wait(timeout=60) == 2  # before: 1, from an uncaught BrokenPipeError
