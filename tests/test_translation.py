"""Translations are text overlays on the English structure; check finds every gap."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from contentkit import make_content

from tui.model import ContentError, default_root, languages, load
from tui.options import accept_language_preferences, choose_language, locale_preferences

ES_INDEX = """\
title: "Contenido de prueba"
sections:
  people: {title: "Personas"}
  events: {title: "Hechos"}
  sources: {title: "Fuentes"}
"""

ES_PEOPLE = """\
intro: "Quién es quién y quién ocupó el cargo."
entries:
  anez:
    name: "Jeanine Áñez"
    role: "Presidenta interina"
  arce:
    name: "Luis Arce"
    role: "Presidente desde 2020"
    claims:
      - text: "Arce ganó."
"""

ES_EVENTS = """\
entries:
  e-2019:
    title: "Áñez asume el cargo"
"""

ES_SOURCES = """\
entries:
  article:
    title: "The article"
    publisher: "A publisher"
"""


def spanish(root: Path, **files: str | None) -> Path:
    """The minimal folder with a Spanish overlay; keyword args replace overlay files."""
    make_content(root)
    (root / "es").mkdir()
    shutil.copy(default_root() / "es" / "ui.yaml", root / "es" / "ui.yaml")
    overlay = {
        "index.yaml": ES_INDEX,
        "people.yaml": ES_PEOPLE,
        "events.yaml": ES_EVENTS,
        "sources.yaml": ES_SOURCES,
    }
    overlay.update({k.replace("_yaml", ".yaml"): v for k, v in files.items()})  # type: ignore[misc]
    for name, text in overlay.items():
        if text is not None:
            (root / "es" / name).write_text(text, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(root, use_cache=False, lang="es")
    return [str(p) for p in caught.value.problems]


def test_overlay_translates_text_and_keeps_structure(tmp_path: Path) -> None:
    root = spanish(tmp_path)
    english = load(root, use_cache=False)
    content = load(root, use_cache=False, lang="es")
    assert languages(root) == ["en", "es"]
    assert content.index.title == "Contenido de prueba"
    assert content.section("people").ref.title == "Personas"
    assert content.section("people").ref.file == "people.yaml"
    arce = content.entries["arce"][1]
    assert arce.role == "Presidente desde 2020"  # type: ignore[union-attr]
    claim = arce.claims[0]  # type: ignore[union-attr]
    assert claim.text == "Arce ganó." and claim.by == "article" and claim.para == 2
    assert list(content.entries) == list(english.entries)


def test_entry_missing_from_the_translation(tmp_path: Path) -> None:
    root = spanish(tmp_path, people_yaml=ES_PEOPLE.split("  arce:")[0])
    assert problems(root) == ["es/people.yaml:3: entries: 'arce' has no translation"]


def test_entry_only_in_the_translation(tmp_path: Path) -> None:
    extra = ES_EVENTS + '  e-2020:\n    title: "Otro"\n'
    root = spanish(tmp_path, events_yaml=extra)
    assert problems(root) == ["es/events.yaml:4: entries: 'e-2020' is not in the English content"]


def test_field_missing_and_list_of_the_wrong_length(tmp_path: Path) -> None:
    broken = ES_PEOPLE.replace('    role: "Presidenta interina"\n', "").replace(
        '      - text: "Arce ganó."\n', '      - text: "Arce ganó."\n      - text: "De más."\n'
    )
    root = spanish(tmp_path, people_yaml=broken)
    assert problems(root) == [
        "es/people.yaml:4: anez: 'role' is not translated",
        "es/people.yaml:9: arce.claims: 2 items, the English has 1",
    ]


def test_data_fields_are_defined_once_in_english(tmp_path: Path) -> None:
    broken = ES_PEOPLE.replace(
        '      - text: "Arce ganó."\n', '      - text: "Arce ganó."\n        para: 3\n'
    )
    root = spanish(tmp_path, people_yaml=broken)
    assert problems(root) == [
        "es/people.yaml:11: arce.claims[0]: unknown field 'para' (not a text field here)"
    ]


def test_prose_left_in_english(tmp_path: Path) -> None:
    broken = ES_PEOPLE.replace("Quién es quién y quién ocupó el cargo.", "Who is who, and who held office.")
    root = spanish(tmp_path, people_yaml=broken)
    assert problems(root) == ["es/people.yaml:1: intro: left untranslated"]


def test_translation_file_missing(tmp_path: Path) -> None:
    root = spanish(tmp_path, events_yaml=None)
    assert problems(root) == ["es/events.yaml: translation file not found"]


def test_check_reports_both_languages(tmp_path: Path) -> None:
    root = spanish(tmp_path, people_yaml=ES_PEOPLE.split("  arce:")[0])
    run = subprocess.run([sys.executable, "-m", "tui", "check", str(root)], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip() == f"{root}/es/people.yaml:3: entries: 'arce' has no translation"


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "es_BO.UTF-8"}, "es"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"LC_ALL": "C.UTF-8", "LANG": "es_BO.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_follows_the_locale(environ: dict[str, str], lang: str) -> None:
    assert choose_language(locale_preferences(environ), ["en", "es"]) == lang


@pytest.mark.parametrize(
    ("wanted", "lang"),
    [
        (locale_preferences({"LANGUAGE": "fr_FR:es", "LANG": "fr_FR.UTF-8"}), "es"),  # no French: next
        (locale_preferences({"LANGUAGE": "fr", "LANG": "C"}), "en"),  # LANGUAGE counts only with a locale
        (accept_language_preferences("fr-CH, fr;q=0.9, es;q=0.8, en;q=0.7"), "es"),
        (accept_language_preferences("en;q=0.5, es-BO"), "es"),  # by weight, not by order
        (accept_language_preferences("es;q=0, *"), "en"),  # q=0 means not wanted
        (accept_language_preferences("garbage;q=x"), "en"),
    ],
)
def test_the_first_of_the_readers_languages_that_the_content_has(wanted: list[str], lang: str) -> None:
    assert choose_language(wanted, ["en", "es"]) == lang


def test_a_new_language_folder_just_works_for_every_transport() -> None:
    french = ["en", "es", "fr"]
    assert choose_language(locale_preferences({"LANG": "fr_CA.UTF-8"}), french) == "fr"
    assert choose_language(accept_language_preferences("fr-CA,fr;q=0.9"), french) == "fr"
