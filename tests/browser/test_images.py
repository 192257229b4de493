"""``icon_img()``: the PNG fallbacks load, at 1x and through srcset at 2x, with the right alt."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .harness import Probe, Site
from .pages import MODES, Pages

IMAGES = """() => [...document.images].map(img => ({
    alt: img.getAttribute('alt'), src: img.currentSrc, width: img.naturalWidth,
    complete: img.complete, expect: img.closest('[data-case]').dataset.expect,
}))"""


@pytest.mark.parametrize("mode", MODES)
def test_every_image_loads_with_its_alt(probe: Probe, pages: Pages, mode: str) -> None:
    probe.open(Pages.path("forms", mode))
    images = probe.page.evaluate(IMAGES)
    assert len(images) == 3 * len(pages.icons)
    problems = [
        f"{image['src']}: alt {image['alt']!r}, expected {image['expect']!r}, "
        f"natural width {image['width']}"
        for image in images
        if not image["complete"] or image["width"] <= 0 or image["alt"] != image["expect"]
    ]
    assert not problems, "\n".join(problems[:20])


def test_a_2x_screen_loads_the_2x_file(browser: Browser, site: Site, pages: Pages) -> None:
    context = browser.new_context(device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(site.url(Pages.path("forms", "external")), wait_until="load")
        images = page.evaluate(IMAGES)
    finally:
        context.close()
    assert images
    one_x = [image["src"] for image in images if "@2x" not in image["src"]]
    assert not one_x, one_x[:5]
    assert all(image["width"] > 0 for image in images)
