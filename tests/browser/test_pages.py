"""Every page under test: axe-core clean, unique ids, no focusable or wordy SVG, no leak."""

from __future__ import annotations

import pytest

from .checks import axe_problems, check_cases, leaks, show, words_in_svg
from .harness import Probe
from .pages import MODES, PER_MODE, Pages

PAGES = [Pages.path(kind, mode) for kind in PER_MODE for mode in MODES] + ["gallery"]


def address(pages: Pages, page: str) -> str:
    return pages.gallery if page == "gallery" else page


@pytest.mark.parametrize("page", PAGES)
def test_axe_core_finds_no_violations(probe: Probe, pages: Pages, page: str) -> None:
    probe.open(address(pages, page))
    result = probe.axe()
    assert not axe_problems(result), show(axe_problems(result))


@pytest.mark.parametrize("page", PAGES)
def test_no_id_occurs_twice(probe: Probe, pages: Pages, page: str) -> None:
    probe.open(address(pages, page))
    assert probe.duplicate_ids() == {}


@pytest.mark.parametrize("page", PAGES)
def test_no_svg_can_take_focus(probe: Probe, pages: Pages, page: str) -> None:
    probe.open(address(pages, page))
    assert probe.focusable_svgs() == []


@pytest.mark.parametrize("page", PAGES)
def test_no_words_inside_svg_but_descriptions_asked_for(
    probe: Probe, pages: Pages, page: str
) -> None:
    probe.open(address(pages, page))
    asked = probe.page.evaluate(
        "() => [...document.querySelectorAll('[data-expect-desc]')].map(e => e.dataset.expectDesc)"
    )
    problems = words_in_svg(probe, asked)
    assert not problems, show(problems)


@pytest.mark.parametrize("page", [p for p in PAGES if p != "gallery"])
def test_accessible_tree_matches_every_case(probe: Probe, pages: Pages, page: str) -> None:
    probe.open(page)
    problems = check_cases(probe.dom(), probe.ax())
    assert not problems, show(problems)


@pytest.mark.parametrize("page", [p for p in PAGES if p != "gallery"])
def test_page_text_holds_no_catalogue_words_not_asked_for(
    probe: Probe, pages: Pages, page: str
) -> None:
    probe.open(page)
    asked = set(
        probe.page.evaluate(
            "() => [...document.querySelectorAll('[data-expect-desc]')]"
            ".map(e => e.dataset.expectDesc)"
        )
    )
    descriptions = [icon.description for icon in pages.icons if icon.description not in asked]
    # Titles are checked where the page writes none of them as text of its own.
    titles = [icon.title for icon in pages.icons] if page.startswith("forms-") else []
    problems = leaks(probe, descriptions, whole_words=titles)
    assert not problems, show(problems)
