"""The catalogue's words as gettext messages: iconkit's own translations of the shipped set.

``translations(language)`` gives the shipped titles and descriptions in French, German,
Spanish or Arabic (``languages()``), compiled into the wheel; in a source checkout it
compiles the ``.po`` files in memory with Babel.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from iconkit.errors import ConfigError

__all__ = ["DOMAIN", "languages", "translations"]

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
