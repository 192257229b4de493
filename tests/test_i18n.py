"""i18n.py: the catalogue's words as messages (Babel, .pot, makemessages), shipped translations."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from iconkit import load_catalog
from iconkit._paths import shown
from iconkit.cli import main
from iconkit.i18n import LOCALE, catalog_messages, languages, translations

from .npm import unavailable


def test_four_languages_ship() -> None:
    assert set(languages()) >= {"fr", "de", "es", "ar"}


@pytest.mark.parametrize("language", languages())
def test_every_title_and_description_is_translated_and_none_is_fuzzy(language: str) -> None:
    with (LOCALE / language / "LC_MESSAGES" / "iconkit.po").open("rb") as stream:
        catalog = read_po(stream)
    messages = {m.id: m for m in catalog if m.id}
    words = {w for icon in load_catalog() for w in (icon.title, icon.description)}
    assert set(messages) == words, "the .po file and catalog.yaml disagree: update it"
    catalog = load_catalog().path
    for found in catalog_messages(catalog.read_text(encoding="utf-8"), catalog):
        assert ("catalog.yaml", found.line) in messages[found.text].locations, found.text
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


# -- the catalogue's words as messages ------------------------------------------------------


def test_every_title_and_description_is_a_message_at_its_line() -> None:
    catalog = load_catalog()
    messages = catalog_messages(catalog.path.read_text(encoding="utf-8"), catalog.path)
    expected = []
    for icon in catalog:
        expected.append((icon.title, icon.title_line))
        expected.append((icon.description, icon.description_line))
    assert [(m.text, m.line) for m in messages] == expected
    close = next(m for m in messages if m.text == "Close")
    assert close.comment == 'Title (accessible name) of icon "close": An X shape.'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(
        st.tuples(
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1),
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1),
        ),
        max_size=4,
    )
)
def test_any_words_come_out_as_the_catalogue_reads_them(words: list[tuple[str, str]]) -> None:
    yaml = YAML(typ="safe")
    stream = io.StringIO()
    yaml.dump(
        {f"icon-{i}": {"title": t, "description": d} for i, (t, d) in enumerate(words)}, stream
    )
    texts = [m.text for m in catalog_messages(stream.getvalue(), Path("catalog.yaml"))]
    expected = [" ".join(w.split()) for pair in words for w in pair if w.split()]
    assert texts == expected


def test_pybabel_extract_reads_a_project_catalogue(tmp_path: Path) -> None:
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "catalog.yaml").write_text(
        "# my icons\nbell:\n  title: Notifications\n  description: A bell with a clapper.\n",
        encoding="utf-8",
    )
    (tmp_path / "babel.cfg").write_text("[iconkit: **/catalog.yaml]\n", encoding="utf-8")
    pybabel = Path(sys.executable).with_name("pybabel")
    done = subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-o", "messages.pot", "."],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with (tmp_path / "messages.pot").open("rb") as stream:
        extracted = {m.id: m for m in read_po(stream) if m.id}
    title, description = extracted["Notifications"], extracted["A bell with a clapper."]
    assert title.locations == [("icons/catalog.yaml", 3)]
    assert description.locations == [("icons/catalog.yaml", 4)]
    assert title.auto_comments == ['Title (accessible name) of icon "bell": A bell with a clapper.']


def test_iconkit_messages_writes_a_template_of_the_project_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_catalog: Callable[..., Path]
) -> None:
    write_catalog("bell:\n  title: Notifications\n  description: A bell.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["messages"]) == 0
    with (tmp_path / "iconkit.pot").open("rb") as stream:
        template = [(m.id, m.locations) for m in read_po(stream) if m.id]
    assert template == [
        ("Notifications", [("catalog.yaml", 2)]),
        ("A bell.", [("catalog.yaml", 3)]),
    ]


def test_django_makemessages_reads_the_python_markers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_catalog: Callable[..., Path]
) -> None:
    if shutil.which("xgettext") is None:  # what makemessages runs: Debian's gettext
        unavailable("xgettext (GNU gettext) is not installed, so makemessages cannot run")
    write_catalog("bell:\n  title: Notifications\n  description: A bell.\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app").mkdir()
    assert main(["messages", "--python", "-o", "app/iconkit_messages.py"]) == 0
    compile((tmp_path / "app" / "iconkit_messages.py").read_text(), "markers", "exec")
    (tmp_path / "locale").mkdir()
    script = (
        "import django\nfrom django.conf import settings\n"
        "settings.configure(LOCALE_PATHS=['locale'], USE_I18N=True)\ndjango.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('makemessages', locale=['fr'], verbosity=0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    po = (tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert 'msgid "Notifications"' in po and 'msgid "A bell."' in po
    assert '#. Translators: Title (accessible name) of icon "bell": A bell.' in po


# -- iconkit lint --locale ------------------------------------------------------------------


def test_lint_locale_finds_the_shipped_set_translated(capsys: pytest.CaptureFixture[str]) -> None:
    for language in languages():
        assert main(["lint", "--catalog", str(load_catalog().path), "--locale", language]) == 0
    assert "untranslated" not in capsys.readouterr().out


def test_lint_locale_reports_each_word_a_project_has_not_translated(
    tmp_path: Path, write_catalog: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    path = write_catalog(
        "bell:\n  title: Notifications\n  description: A bell.\n"
        "brand:\n  title: Acme\n  description: The Acme mark.\n"
    )
    words = Catalog(locale="fr")
    words.add("Notifications", "Notifications")  # spelled alike: translated all the same
    words.add("Acme", "Acme")
    words.add("The Acme mark.", "Le logo Acme.")
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as stream:
        write_po(stream, words)
    with (tmp_path / "fr.mo").open("wb") as stream:
        write_mo(stream, words)
    for source in (tmp_path / "locale", folder / "messages.po", tmp_path / "fr.mo"):
        argv = ["lint", "--catalog", str(path), "--locale", "fr", "--translations", str(source)]
        assert main(argv) == 0  # warnings only
        out = [line for line in capsys.readouterr().out.splitlines() if "translation" in line]
        assert out == [
            f"{shown(path)}:3: warning: icon 'bell': description 'A bell.' has no fr translation"
        ]
