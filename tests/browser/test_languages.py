"""Pages in French and Arabic, and an English one, in Chromium: names in the page's
language, hidden text that is heard and not seen, icons that point the right way.

Through Jinja (the i18n extension with iconkit's shipped translations; external sprite,
inline sprite, and each icon's own shapes) and through the Django tags
(``translation.override`` per request, served by the Django server under the strict
policy, with a build and before any). On each page: ``lang`` and direction are the
language's; each icon (``icon``, ``text=True``, ``icon_button``, ``icon_link``, both
ways, ``icon_img``) is announced by ``iconkit.i18n.translations(lang).gettext(title)``;
the hidden text is in the accessibility tree, in a box of at most 1 px and in no
screenshot; axe-core passes; and every icon, drawn once in the page's direction and once
in a section of the other, is the pixel mirror image of itself where it mirrors and the
same picture elsewhere, pointing the way its artwork does except where it mirrors in
right-to-left text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PIL import Image

from iconkit import Icon, load_catalog

from .checks import axe_problems, check_cases, show
from .harness import Probe, Site
from .languages import (
    DJANGO_VARIANTS,
    LANGUAGES,
    RIGHT_TO_LEFT,
    django_page,
    jinja_page,
    make_django_project,
    names,
    render_jinja_pages,
)
from .mirroring import artwork, mirror_problems, picture_problems
from .pages import MODES
from .servers import django_serving, django_settings, sites

if TYPE_CHECKING:
    from playwright.sync_api import Browser

TRANSLATED = [language for language in LANGUAGES if language != "en"]
PAGES = [
    *[("jinja", mode, language) for mode in MODES for language in TRANSLATED],
    *[("django", variant, language) for variant in DJANGO_VARIANTS for language in TRANSLATED],
    # English: the catalogue's own words, and a right-to-left section inside a page.
    ("jinja", "external", "en"),
    ("django", "shipped-built", "en"),
]
KINDS = ("errors", "lang", "names", "hidden", "mirror", "axe")


def hidden_text_problems(probe: Probe, before: Image.Image, count: int) -> list[str]:
    """Every visually hidden name: a box of at most 1 px, and a screenshot that does not
    change when the text is made invisible (so none of it was drawn)."""
    boxes = probe.page.evaluate(
        """() => [...document.querySelectorAll('.iconkit-visually-hidden')].map(el => {
            const r = el.getBoundingClientRect();
            return [el.textContent, r.width, r.height];
        })"""
    )
    problems = [f"{text!r}: a {w}x{h} box" for text, w, h in boxes if w > 1 or h > 1]
    if len(boxes) != count:
        problems.append(f"{len(boxes)} hidden texts, not {count}")
    probe.page.evaluate(  # through the CSSOM, which the page's policy allows
        """() => document.querySelectorAll('.iconkit-visually-hidden')
            .forEach(el => { el.style.visibility = 'hidden'; })"""
    )
    if probe.screenshot().tobytes() != before.tobytes():
        problems.append("the screenshot changes when the hidden texts are hidden: they show")
    return problems


class Visits:
    """Each page opened once per module, in a context of its own (reduced motion: the
    spinner stands still to be compared)."""

    def __init__(
        self, browser: Browser, axe_script: str, jinja: Site, django: dict[str, Site], build: Path
    ) -> None:
        self.browser, self.axe_script, self.jinja, self.django = browser, axe_script, jinja, django
        self.icons: tuple[Icon, ...] = tuple(load_catalog())
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
        self.art = artwork(build, manifest, self.icons)  # the artwork, pointing its own way
        self.done: dict[tuple[str, str, str], dict[str, list[str]]] = {}

    def __call__(self, engine: str, variant: str, language: str) -> dict[str, list[str]]:
        key = (engine, variant, language)
        if key not in self.done:
            overriding: Any = nullcontext()
            if engine == "django":
                from django.test import override_settings

                site, path = self.django[variant], django_page(language)
                overriding = override_settings(**django_settings(site.root))
            else:
                site, path = self.jinja, jinja_page(variant, language)
            with overriding:
                self.done[key] = self.visit(site, path, language)
        return self.done[key]

    def visit(self, site: Site, path: str, language: str) -> dict[str, list[str]]:
        context = self.browser.new_context(
            viewport={"width": 1200, "height": 900}, device_scale_factor=1, reduced_motion="reduce"
        )
        expected = names(self.icons, language)
        right_to_left = language in RIGHT_TO_LEFT
        try:
            probe = Probe(context, site, self.axe_script)
            probe.watch_policy()
            probe.open(path)
            image = probe.screenshot()
            found = probe.page.evaluate(
                "() => [document.documentElement.lang,"
                " getComputedStyle(document.documentElement).direction]"
            )
            want = [language, "rtl" if right_to_left else "ltr"]
            dom, ax = probe.dom(), probe.ax()
            problems = {
                "lang": [] if found == want else [f"the page is {found}, not {want}"],
                "names": check_cases(dom, ax, lambda case: expected[case.attrs["data-icon"]]),
                "mirror": mirror_problems(probe, image, self.icons, self.art)
                + picture_problems(probe, self.icons, right_to_left),
                "axe": axe_problems(probe.axe()),
                "hidden": hidden_text_problems(probe, image, 3 * len(self.icons)),  # hides them
            }
            problems["errors"] = probe.violations() + probe.errors + probe.failed + probe.offsite
            if not probe.refuses_inline_styles():
                problems["errors"].append("the page is not under the strict policy")
        finally:
            context.close()
        return problems


@pytest.fixture(scope="module")
def django_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Site]]:
    root = tmp_path_factory.mktemp("django-languages")
    folders = {variant: make_django_project(root / variant, variant) for variant in DJANGO_VARIANTS}
    with django_serving() as origin:
        yield sites(origin, folders)


@pytest.fixture(scope="module")
def visits(
    browser: Browser,
    axe_script: str,
    site: Site,
    build_dir: Path,
    django_sites: dict[str, Site],
) -> Visits:
    found = Visits(browser, axe_script, site, django_sites, build_dir)
    jinja = [(variant, language) for engine, variant, language in PAGES if engine == "jinja"]
    render_jinja_pages(site.root, build_dir, found.icons, jinja)
    return found


@pytest.mark.parametrize(("engine", "variant", "language"), PAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_the_page(visits: Visits, engine: str, variant: str, language: str, kind: str) -> None:
    problems = visits(engine, variant, language)[kind]
    assert not problems, show(problems)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_names_looked_for_are_translations(language: str) -> None:
    """Most titles read otherwise in French and Arabic: the pages prove something."""
    icons = tuple(load_catalog())
    translated = names(icons, language)
    assert sum(translated[icon.name] != icon.title for icon in icons) >= 0.75 * len(icons)
