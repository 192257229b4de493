"""i18n.py: the shipped translations cover every word of the shipped catalogue, and load."""

from __future__ import annotations

import gettext

import pytest
from babel.messages.pofile import read_po

from iconkit import load_catalog
from iconkit.i18n import LOCALE, languages, translations


def test_four_languages_ship() -> None:
    assert set(languages()) >= {"fr", "de", "es", "ar"}


@pytest.mark.parametrize("language", languages())
def test_every_title_and_description_is_translated_and_none_is_fuzzy(language: str) -> None:
    with (LOCALE / language / "LC_MESSAGES" / "iconkit.po").open("rb") as stream:
        catalog = read_po(stream)
    messages = {m.id: m for m in catalog if m.id}
    words = {w for icon in load_catalog() for w in (icon.title, icon.description)}
    assert set(messages) == words, "the .po file and catalog.yaml disagree: update it"
    for message in messages.values():
        assert message.string and not message.fuzzy, message.id
        if message.id.endswith("."):  # a description: a sentence in every language
            assert message.string.rstrip().endswith((".", "。")), (language, message.string)
        else:
            assert "." not in message.string.rstrip()[-1:], (language, message.string)


@pytest.mark.parametrize(
    ("language", "title", "expected"),
    [("fr", "Close", "Fermer"), ("fr-CA", "Close", "Fermer"), ("de_AT", "Close", "Schließen")],
)
def test_translations_fall_back_from_region_to_language(
    language: str, title: str, expected: str
) -> None:
    assert translations(language).gettext(title) == expected


def test_a_language_without_translations_keeps_the_english_words() -> None:
    untranslated = translations("ja")
    assert type(untranslated) is gettext.NullTranslations
    assert untranslated.gettext("Close") == "Close"
