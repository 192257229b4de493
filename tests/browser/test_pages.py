"""Every page under test, each opened once: axe-core, the accessible tree, ids, text, images."""

from __future__ import annotations

import pytest

from .checks import axe_problems, check_cases, leaks, show, words_in_svg
from .conftest import Reports
from .pages import MODES, PER_MODE, SPRITE_MODES, Pages

RENDERED = [Pages.path(kind, mode) for kind in PER_MODE for mode in MODES]
PAGES = [*RENDERED, "gallery"]


def address(pages: Pages, page: str) -> str:
    return pages.gallery if page == "gallery" else page


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_from_loopback_without_errors(reports: Reports, pages: Pages, page: str) -> None:
    report = reports[address(pages, page)]
    assert report.offsite == [], "requests left 127.0.0.1"
    assert report.failed == [], "requests failed"
    assert report.errors == [], "the page reported errors"


@pytest.mark.parametrize("page", PAGES)
def test_axe_core_finds_no_violations(reports: Reports, pages: Pages, page: str) -> None:
    problems = axe_problems(reports[address(pages, page)].axe)
    assert not problems, show(problems)


@pytest.mark.parametrize("page", PAGES)
def test_no_id_occurs_twice(reports: Reports, pages: Pages, page: str) -> None:
    assert reports[address(pages, page)].duplicate_ids == {}


@pytest.mark.parametrize("page", PAGES)
def test_no_svg_can_take_focus(reports: Reports, pages: Pages, page: str) -> None:
    assert reports[address(pages, page)].focusable == []


@pytest.mark.parametrize("page", PAGES)
def test_no_text_inside_svg_but_descriptions_asked_for(
    reports: Reports, pages: Pages, page: str
) -> None:
    report = reports[address(pages, page)]
    problems = words_in_svg(report.svg_texts, report.asked)
    assert not problems, show(problems)


@pytest.mark.parametrize("page", PAGES)
def test_no_stylesheet_text_inside_svg(reports: Reports, pages: Pages, page: str) -> None:
    """CSS in an inline sprite's <style> lands in ``document.body.textContent`` (scrapers)."""
    css = [" ".join(text.split()) for text in reports[address(pages, page)].svg_css]
    found = [text for text in css if text]
    assert not found, (
        f"a <style> inside an <svg> puts {sum(map(len, found))} characters of CSS into "
        f"document.body.textContent: {found[0][:80]!r}…"
    )


@pytest.mark.parametrize("page", RENDERED)
def test_accessible_tree_matches_every_case(reports: Reports, page: str) -> None:
    report = reports[page]
    problems = check_cases(report.dom, report.ax)
    assert not problems, show(problems)


@pytest.mark.parametrize("page", RENDERED)
def test_page_text_holds_no_catalogue_words_not_asked_for(
    reports: Reports, pages: Pages, page: str
) -> None:
    report = reports[page]
    descriptions = [
        icon.description for icon in pages.icons if icon.description not in report.asked
    ]
    # Titles are looked for where the page writes none of them as text of its own.
    titles = [icon.title for icon in pages.icons] if not page.startswith("desc-") else []
    problems = leaks(report, descriptions, titles=titles)
    assert not problems, show(problems)


@pytest.mark.parametrize("mode", SPRITE_MODES)  # icon_img() needs the PNG files of a build
def test_every_image_loads_with_its_alt(reports: Reports, pages: Pages, mode: str) -> None:
    images = reports[Pages.path("forms", mode)].images
    assert len(images) == 3 * len(pages.icons)
    problems = [
        f"{image['src']}: alt {image['alt']!r}, expected {image['expect']!r}, "
        f"natural width {image['width']}"
        for image in images
        if not image["complete"] or image["width"] <= 0 or image["alt"] != image["expect"]
    ]
    assert not problems, show(problems)
