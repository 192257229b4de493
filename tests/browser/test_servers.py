"""Flask and Django pages through HTTP in Chromium, under a strict Content-Security-Policy.

For the shipped set and a project's own icons, with a build (external sprite, the
stylesheet linked by ``icon_sprite``, PNGs) and before any build (each icon carries its
shapes, the shipped stylesheet): every icon displays in the text colour in a 1em box, the
files load (with long cache lifetimes for hashed names from Flask), the policy is never
violated, and axe-core and the accessible tree agree with each case. Inline mode too: the
sprite in the page, placed by the stylesheet, with no style attribute.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from iconkit._served import IMMUTABLE, cache_control

from .checks import axe_problems, check_cases, show
from .harness import Box, Probe, Site, crop, distance, ink, strongest
from .servers import (
    TEXT,
    VARIANTS,
    built,
    django_serving,
    django_settings,
    flask_app,
    make_project,
    serving,
    sites,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Response

FRAMEWORKS = ("flask", "django")


@pytest.fixture(scope="module")
def flask_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Site]]:
    found: dict[str, Site] = {}
    with_servers = []
    for variant in VARIANTS:
        folder = make_project(tmp_path_factory.mktemp("flask") / variant, variant, "jinja")
        server = serving(flask_app(folder))
        with_servers.append(server)
        found[variant] = Site(root=folder, origin=server.__enter__())
    try:
        yield found
    finally:
        for server in with_servers:
            server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def django_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Site]]:
    root = tmp_path_factory.mktemp("django")
    folders = {variant: make_project(root / variant, variant, "django") for variant in VARIANTS}
    with django_serving() as origin:
        yield sites(origin, folders)


@dataclass
class Visit:
    """What Chromium made of ``/page.html`` of one project."""

    problems: dict[str, list[str]]
    files: dict[str, tuple[int, str]]  # URL -> status, Cache-Control


def visit(browser: Browser, site: Site, axe_script: str) -> Visit:
    context = browser.new_context(  # reduced motion: the spinner stands still to be measured
        viewport={"width": 1200, "height": 900}, device_scale_factor=1, reduced_motion="reduce"
    )
    files: dict[str, tuple[int, str]] = {}

    def record(response: Response) -> None:
        if "/static/icons/" in response.url:
            files[response.url] = (response.status, response.headers.get("cache-control", ""))

    try:
        probe = Probe(context, site, axe_script)
        probe.page.on("response", record)
        probe.watch_policy()
        probe.open("page.html")
        probe.page.wait_for_load_state("networkidle")
        problems = {
            "csp": probe.violations(),
            "errors": probe.errors + probe.failed + probe.offsite,
            "cases": check_cases(probe.dom(), probe.ax()),
            "pixels": pixel_problems(probe),
            # axe-core is evaluated through the DevTools protocol: the page's policy
            # (rightly) refuses the <script> element that Probe.axe() would add.
            "axe": axe_problems(run_axe(probe, axe_script)),
        }
    finally:
        context.close()
    return Visit(problems, files)


def run_axe(probe: Probe, axe_script: str) -> dict[str, Any]:
    probe.page.evaluate(axe_script + "\n;true")
    result: dict[str, Any] = probe.page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations', 'incomplete']});
            const brief = item => ({id: item.id, help: item.help, count: item.nodes.length,
                                    nodes: item.nodes.slice(0, 3).map(n => n.html.slice(0, 200))});
            return {violations: result.violations.map(brief),
                    incomplete: result.incomplete.map(brief)};
        }"""
    )
    return result


def pixel_problems(probe: Probe) -> list[str]:
    """Each informative icon: a 1em (48 px) box, styled by the stylesheet, inked in the
    text colour (fixed-colour icons in colours of their own)."""
    image = probe.screenshot()
    icons = probe.page.evaluate(
        """() => [...document.querySelectorAll('[data-case=informative] svg')].map(svg => {
            const r = svg.getBoundingClientRect();
            return {name: svg.closest('[data-icon]').dataset.icon,
                    fixed: svg.classList.contains('icon-fixed'),
                    align: getComputedStyle(svg).verticalAlign,
                    box: [r.left + scrollX, r.top + scrollY, r.width, r.height]};
        })"""
    )
    assert icons, "no icons on the page"
    problems = []
    for icon in icons:
        x, y, width, height = (round(value) for value in icon["box"])
        where = icon["name"]
        if (width, height) != (48, 48):
            problems.append(f"{where}: {width}x{height}, not a 1em (48 px) box")
            continue
        if icon["align"] == "baseline":
            problems.append(f"{where}: not aligned by iconkit.css (was it loaded?)")
        found = ink(crop(image, Box(x, y, width, height)), (255, 255, 255))
        if len(found) < 0.03 * width * height:
            problems.append(f"{where}: hardly visible ({len(found)} pixels of ink)")
        elif not icon["fixed"] and distance(strongest(found, (255, 255, 255)), TEXT) > 16:
            problems.append(f"{where}: drawn in {strongest(found, (255, 255, 255))}, not {TEXT}")
    return problems


class Visits:
    """Each page visited once per module."""

    def __init__(self, browser: Browser, axe_script: str, flask: dict[str, Site]) -> None:
        self.browser, self.axe_script, self.flask = browser, axe_script, flask
        self.django: dict[str, Site] = {}
        self.done: dict[tuple[str, str], Visit] = {}

    def __call__(self, framework: str, variant: str) -> Visit:
        key = (framework, variant)
        if key not in self.done:
            site = (self.flask if framework == "flask" else self.django)[variant]
            if framework == "django":
                from django.test import override_settings

                overriding: Any = override_settings(**django_settings(site.root))
            else:
                overriding = nullcontext()
            with overriding:
                self.done[key] = visit(self.browser, site, self.axe_script)
        return self.done[key]


@pytest.fixture(scope="module")
def visits(
    browser: Browser,
    axe_script: str,
    flask_sites: dict[str, Site],
    django_sites: dict[str, Site],
) -> Visits:
    found = Visits(browser, axe_script, flask_sites)
    found.django = django_sites
    return found


CASES = [(framework, variant) for framework in FRAMEWORKS for variant in VARIANTS]


@pytest.mark.parametrize(("framework", "variant"), CASES)
@pytest.mark.parametrize("kind", ["csp", "errors", "cases", "pixels", "axe"])
def test_the_page(visits: Visits, framework: str, variant: str, kind: str) -> None:
    problems = visits(framework, variant).problems[kind]
    assert not problems, show(problems)


@pytest.mark.parametrize(("framework", "variant"), CASES)
def test_the_files_load(visits: Visits, framework: str, variant: str) -> None:
    files = visits(framework, variant).files
    kinds = {url.rsplit(".", 1)[-1] for url in files}
    expected = {"css", "svg", "png"} if variant.endswith("built") else {"css"}
    if variant.endswith("inline"):  # the sprite is in the page: no sprite file to load
        expected = {"css", "png"}
    assert kinds == expected, sorted(files)
    assert all(status in (200, 304) for status, _ in files.values()), files
    if framework == "flask":  # Django leaves cache headers to the static files server
        for url, (_, header) in files.items():
            assert header == cache_control(url.split("/static/icons/")[1]), url
        if built(variant):
            assert {header for _, header in files.values()} == {IMMUTABLE}


def test_the_projects_are_what_they_say(visits: Visits) -> None:
    for variant, site in visits.flask.items():
        made = (site.root / "iconkit-build" / "manifest.json").is_file()
        assert made == built(variant)
        assert (site.root / "catalog.yaml").is_file() == variant.startswith("own")
