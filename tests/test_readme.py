"""The README says what the app does: its table of keys is the keys dialog's."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tui.keys import HELP, STUDENT, TEACHER, help_rows
from tui.model import Content

ROOT = Path(__file__).resolve().parent.parent


def test_the_readmes_keys_are_the_keys_dialogs(content: Content) -> None:
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme-keys"), "--check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for _, words in help_rows(content.ui, len(content.sections), "teacher"):
        assert f"| {words} |" in readme


def test_the_check_fails_when_the_readme_says_otherwise(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    for part in ("scripts", "tui", "content"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (copy / "README.md").write_text(readme.replace("| `u` |", "| `U` |"), encoding="utf-8")
    script = copy / "scripts" / "readme-keys"
    stale = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert stale.returncode == 1 and "run scripts/readme-keys" in stale.stderr
    subprocess.run([sys.executable, str(script)], check=True)
    assert subprocess.run([sys.executable, str(script), "--check"]).returncode == 0
    assert "| `u` |" in (copy / "README.md").read_text(encoding="utf-8")


def test_every_key_has_a_sentence_in_both_languages(content: Content, spanish: Content) -> None:
    for ui in (content.ui, spanish.ui):
        for _, word in (*HELP, *TEACHER, *STUDENT):
            assert ui.key_help.get(word), word
