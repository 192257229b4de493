"""The catalogue's words as gettext messages, and iconkit's own translations of them.

``catalog_messages`` reads a catalogue's titles and descriptions with their lines, for
Babel's extractor (``extract``), a ``.pot`` (``template``) and Django's ``makemessages``
(``python_markers``). ``translations(language)`` gives the shipped set's words in
French, German, Spanish or Arabic (``languages()``), compiled into the wheel; in a
source checkout it compiles the ``.po`` files in memory with Babel.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from iconkit._yaml import KeyedMapping, read_entries
from iconkit.errors import CatalogError, ConfigError, Problem

__all__ = [
    "DOMAIN",
    "Message",
    "catalog_messages",
    "extract",
    "languages",
    "python_markers",
    "template",
    "translations",
    "untranslated",
]

DOMAIN = "iconkit"
LOCALE = Path(__file__).resolve().parent / "locale"


def languages() -> tuple[str, ...]:
    """The languages iconkit's shipped titles and descriptions are translated into."""
    found = LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    return tuple(sorted(path.parent.parent.name for path in found))


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The shipped catalogue's words in ``language`` (``"fr"``; ``"fr-CA"`` and ``"fr_CA"``
    fall back to ``"fr"``), as ``gettext`` translations; ``NullTranslations`` (the English
    words) for a language iconkit has none for.

    Add them as a fallback of a project's own (``translations.add_fallback(...)``), or
    install them alone where the project translates nothing else.
    """
    tag = language.replace("-", "_")
    for candidate in dict.fromkeys((tag, tag.split("_")[0])):
        compiled = LOCALE / candidate / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if compiled.is_file():
            with compiled.open("rb") as stream:
                return gettext.GNUTranslations(stream)
        source = compiled.with_suffix(".po")
        if source.is_file():  # a source checkout: no wheel build compiled it
            return _compiled(source)
    return gettext.NullTranslations()


def _compiled(source: Path) -> gettext.GNUTranslations:
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:
        raise ConfigError(
            f"{source}: not compiled; install Babel (pip install 'iconkit[i18n]') or "
            "install iconkit from its wheel"
        ) from None
    with source.open("rb") as stream:
        catalog = read_po(stream)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@dataclass(frozen=True)
class Message:
    """One title or description (``key``) of icon ``icon``, as a gettext message."""

    text: str
    line: int
    comment: str  # for translators: what the icon shows
    icon: str
    key: str


def catalog_messages(text: str, path: Path) -> list[Message]:
    """The titles and descriptions of the catalogue ``text`` (read from ``path``), in file
    order, with the line of each value; the words as icons use them (whitespace collapsed).
    Artwork is not looked at: a catalogue whose files are elsewhere still gives its words."""
    messages: list[Message] = []
    for name, entry, _ in read_entries(text, path, "expected a mapping of icon names"):
        if not isinstance(entry, KeyedMapping):
            continue
        title, description = (_words(entry.get(key)) for key in ("title", "description"))
        if title:
            shows = f": {description}" if description else ""
            where = entry.spans["title"].line
            comment = f'Title (accessible name) of icon "{name}"{shows}'
            messages.append(Message(title, where, comment, str(name), "title"))
        if description:
            named = f', title "{title}"' if title else ""
            where = entry.spans["description"].line
            comment = f'Description of icon "{name}"{named}.'
            messages.append(Message(description, where, comment, str(name), "description"))
    return messages


def _words(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def extract(
    fileobj: BinaryIO, keywords: object, comment_tags: object, options: dict[str, Any]
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction method for ``catalog.yaml`` (entry point ``iconkit``): a mapping
    line ``[iconkit: **/catalog.yaml]`` makes ``pybabel extract`` read each title and
    description, with its line and a comment saying what the icon shows."""
    text = fileobj.read().decode(options.get("encoding") or "utf-8")
    path = Path(getattr(fileobj, "name", "catalog.yaml"))
    for message in catalog_messages(text, path):
        yield message.line, "gettext", message.text, [message.comment]


def template(catalog: Path, project: str = "iconkit catalogue") -> bytes:
    """A ``.pot`` of the catalogue's words, for teams that do not run Babel themselves."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    found = Catalog(project=project, fuzzy=False)
    for message in catalog_messages(_read(catalog), catalog):
        found.add(
            message.text,
            locations=[(catalog.name, message.line)],
            auto_comments=[message.comment],
        )
    buffer = io.BytesIO()
    write_po(buffer, found, width=96, omit_header=False)
    return buffer.getvalue()


def python_markers(catalog: Path) -> bytes:
    """A Python module marking the catalogue's words for Django's ``makemessages``, which
    reads no YAML: one ``gettext_noop`` call each, under its ``Translators:`` comment."""
    lines = [
        f'"""The words of {catalog.name}, for `manage.py makemessages`: written by',
        '`iconkit messages --python`; write it again when the catalogue changes."""',
        "",
        "from django.utils.translation import gettext_noop",
        "",
    ]
    seen: set[str] = set()
    for message in catalog_messages(_read(catalog), catalog):
        if message.text in seen:
            continue
        seen.add(message.text)
        lines += [f"# Translators: {message.comment}", f"gettext_noop({message.text!r})"]
    return ("\n".join(lines) + "\n").encode()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogError([Problem(path, None, f"cannot read: {error}")]) from None


def untranslated(catalog: Path, language: str, source: Path | None = None) -> list[Message]:
    """The titles and descriptions of ``catalog`` that ``language`` has no translation of, in
    ``source`` (a ``.po`` or ``.mo`` file, or a gettext folder such as ``locale/`` holding
    ``LANG/LC_MESSAGES/*.mo`` or ``*.po``) or in iconkit's own; needs Babel."""
    known = set(_translated_ids(LOCALE, language))
    if source is not None:
        known |= _translated_ids(source, language)
    return [m for m in catalog_messages(_read(catalog), catalog) if m.text not in known]


def _translated_ids(source: Path, language: str) -> set[str]:
    """The messages a ``.po``/``.mo`` file, or a gettext folder, translates into ``language``:
    a translation may be spelled as the original (a brand, "Menu"), so ids, not outputs."""
    try:
        from babel.messages.mofile import read_mo
        from babel.messages.pofile import read_po
    except ImportError:
        raise ConfigError(
            "lint --locale reads translations with Babel: pip install 'iconkit[i18n]'"
        ) from None
    files = [source]
    if source.is_dir():
        tag = language.replace("-", "_")
        files = []
        for candidate in dict.fromkeys((tag, tag.split("_")[0])):
            folder = source / candidate / "LC_MESSAGES"
            files += sorted(folder.glob("*.mo")) or sorted(folder.glob("*.po"))
    found: set[str] = set()
    for path in files:
        try:
            with path.open("rb") as stream:
                messages = read_po(stream) if path.suffix == ".po" else read_mo(stream)
        except (OSError, ValueError) as error:
            raise ConfigError(f"{path}: cannot read translations: {error}") from None
        found |= {str(m.id) for m in messages if m.id and m.string and not m.fuzzy}
    return found
