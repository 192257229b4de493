"""``icon_img()`` on a 2x screen: srcset gives the browser the 2x file, and it loads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .harness import Probe, Site
from .pages import Pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def test_a_2x_screen_loads_the_2x_file(
    browser: Browser, site: Site, pages: Pages, axe_script: str
) -> None:
    context = browser.new_context(device_scale_factor=2)
    try:
        probe = Probe(context, site, axe_script)
        probe.open(Pages.path("forms", "external"))
        images = probe.images()
    finally:
        context.close()
    assert len(images) == 3 * len(pages.icons)
    assert [image["src"] for image in images if "@2x" not in image["src"]] == []
    assert all(image["complete"] and image["width"] > 0 for image in images)
    assert probe.failed == [] and probe.offsite == []
