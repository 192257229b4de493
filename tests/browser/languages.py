"""Pages in English, French and Arabic: what each must announce, and where each is.

Jinja pages are rendered with Jinja's i18n extension and iconkit's shipped translations
into the served folder; they carry the strict policy in a ``<meta>``, as
the framework servers send it in a header. Django pages come from the test project's
``/LANG/languages.html`` under ``translation.override``. Every page shows each shipped
icon named by its title, twice (once in the page's direction, once in a section of the
other), named by hidden text, in ``icon_button`` and ``icon_link`` both ways, and as a PNG
where there is a build.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import iconkit.i18n
from iconkit import Icon

from ..conftest import ROOT
from .pages import environment
from .servers import PAGES, POLICY, make_project

LANGUAGES = ("en", "fr", "ar")
RIGHT_TO_LEFT = frozenset({"ar"})
HEADINGS = {"en": "English", "fr": "Français", "ar": "العربيّة"}  # as Django names them
PAGE_CSS = "languages.css"
SHIPPED_CSS = "iconkit-shipped.css"  # what "own" mode links: no build, the shipped sheet
DJANGO_VARIANTS = ("shipped-built", "shipped-zero")


def names(icons: Iterable[Icon], language: str) -> dict[str, str]:
    """What each icon must be announced as: its title in iconkit's ``language``."""
    words = iconkit.i18n.translations(language)
    return {icon.name: words.gettext(icon.title) for icon in icons}


def jinja_page(mode: str, language: str) -> str:
    return f"languages-{mode}-{language}.html"


def django_page(language: str) -> str:
    return f"{language}/languages.html"


def render_jinja_pages(
    root: Path, build_dir: Path, icons: tuple[Icon, ...], pages: Iterable[tuple[str, str]]
) -> None:
    """Each (mode, language) page into ``root`` (served); the build is in ``build_dir``."""
    shutil.copy(PAGES / PAGE_CSS, root / PAGE_CSS)
    shutil.copy(ROOT / "iconkit" / "static" / "iconkit.css", root / SHIPPED_CSS)
    for mode, language in pages:
        env = environment(
            mode,
            build_dir,
            translations=iconkit.i18n.translations(language),
            css_url=f"/{SHIPPED_CSS}",
            templates=PAGES,
        )
        html = env.get_template("languages.jinja.html").render(
            lang=language,
            direction="rtl" if language in RIGHT_TO_LEFT else None,
            heading=HEADINGS[language],
            policy=POLICY,
            page_css=f"/{PAGE_CSS}",
            icons=icons,
            pictures=mode != "own",
        )
        (root / jinja_page(mode, language)).write_text(html, encoding="utf-8")


def make_django_project(folder: Path, variant: str) -> Path:
    """A project of servers.py with the language page and its stylesheet."""
    make_project(folder, variant, "django")
    shutil.copy(PAGES / "languages.django.html", folder / "templates" / "languages.html")
    shutil.copy(PAGES / PAGE_CSS, folder / "static" / PAGE_CSS)
    return folder
