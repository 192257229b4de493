"""Pixels: icons take the text colour (forced colours too), and the spinner stops when asked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from .checks import show
from .harness import RGB, Box, Probe, crop, distance, dominant, ink, off_blend, parse_rgb, strongest
from .pages import MODES, SPRITE_MODES, Pages

if TYPE_CHECKING:
    from playwright.sync_api import FloatRect

# A blend of the background and the text colour may be this far off the line between them.
BLEND_TOLERANCE = 40.0
# The core of a stroke is the text colour itself, give or take rounding.
COLOUR_TOLERANCE = 16.0
MOTION_GAP_MS = 400


@dataclass(frozen=True)
class Swatch:
    kind: str
    name: str
    fixed: bool
    wrapper: Box
    icon: Box
    text: RGB


def swatches(probe: Probe) -> list[Swatch]:
    raw = probe.page.evaluate(
        """() => [...document.querySelectorAll('[data-swatch]')].map(el => {
            const box = e => {
                const r = e.getBoundingClientRect();
                return [r.left + scrollX, r.top + scrollY, r.width, r.height];
            };
            return {kind: el.dataset.swatch, name: el.dataset.icon, fixed: !!el.dataset.fixed,
                    wrapper: box(el), icon: box(el.querySelector('svg')),
                    text: getComputedStyle(el).color};
        })"""
    )
    return [
        Swatch(
            kind=item["kind"],
            name=item["name"],
            fixed=item["fixed"],
            wrapper=Box(*(round(v) for v in item["wrapper"])),
            icon=Box(*(round(v) for v in item["icon"])),
            text=parse_rgb(item["text"]),
        )
        for item in raw
    ]


def colour_problems(probe: Probe) -> tuple[list[str], dict[str, RGB]]:
    """Monochrome icons drawn in their text colour; the dominant colour of each fixed one."""
    image = probe.screenshot()
    problems: list[str] = []
    fixed: dict[str, RGB] = {}
    found = swatches(probe)
    assert found, "no swatches on the page"
    for swatch in found:
        where = f"{swatch.kind} {swatch.name!r}"
        background = image.getpixel((swatch.wrapper.x + 2, swatch.wrapper.y + 2))
        assert isinstance(background, tuple)
        background = (background[0], background[1], background[2])
        if swatch.icon.width < 40 or swatch.icon.height < 40:
            problems.append(f"{where}: drawn {swatch.icon.width}x{swatch.icon.height}, not 48x48")
            continue
        inked = ink(crop(image, swatch.icon), background)
        if len(inked) < 0.03 * swatch.icon.width * swatch.icon.height:
            problems.append(f"{where}: hardly visible ({len(inked)} pixels of ink)")
            continue
        if swatch.fixed:
            colour = dominant(inked)
            fixed[f"{swatch.kind} {swatch.name}"] = colour
            if distance(colour, swatch.text) < 60:
                problems.append(f"{where}: drawn in {colour}, its text colour, not its own")
            continue
        core = strongest(inked, background)
        if distance(core, swatch.text) > COLOUR_TOLERANCE:
            problems.append(f"{where}: drawn in {core}, the text is {swatch.text}")
        stray = [p for p in inked if off_blend(p, background, swatch.text) > BLEND_TOLERANCE]
        if stray:
            problems.append(f"{where}: {len(stray)} pixels in other colours, such as {stray[0]}")
    return problems, fixed


@pytest.mark.parametrize("mode", MODES)
def test_monochrome_icons_take_the_text_colour(probe: Probe, mode: str) -> None:
    probe.open(Pages.path("colours", mode))
    problems, fixed = colour_problems(probe)
    assert not problems, show(problems)
    assert len(fixed) == 4, "expected two fixed-colour icons, in text and in a link"


@pytest.mark.parametrize("mode", MODES)
def test_forced_colours_draw_icons_in_system_colours(probe: Probe, mode: str) -> None:
    probe.open(Pages.path("colours", mode))
    _, normal = colour_problems(probe)
    probe.emulate(forced_colors="active", prefers_color_scheme="dark")
    assert probe.matches("(forced-colors: active)")
    problems, forced = colour_problems(probe)
    assert not problems, show(problems)
    link, text = (probe.colour(f"[data-swatch={kind}]")[0] for kind in ("link", "text"))
    assert link != text, "forced colours did not give links their own colour (LinkText)"
    # Fixed-colour icons keep their colours: a green tick stays green on a dark page.
    assert forced.keys() == normal.keys() and forced
    for key, colour in forced.items():
        assert distance(colour, normal[key]) < COLOUR_TOLERANCE, (key, colour, normal[key])


def spinner_frames(probe: Probe) -> tuple[bytes, bytes]:
    """Two screenshots of the spinner's box, some hundreds of milliseconds apart.

    A page screenshot clipped to the box: an element screenshot would wait for the
    element to stop moving, which a turning spinner never does.
    """
    ((box, _),) = probe.boxes("[data-spinner] svg")
    clip: FloatRect = {"x": box.x, "y": box.y, "width": box.width, "height": box.height}
    assert box.width >= 90, f"the spinner is {box.width} px wide, not 96"
    first = probe.page.screenshot(clip=clip, animations="allow")
    probe.page.wait_for_timeout(MOTION_GAP_MS)
    second = probe.page.screenshot(clip=clip, animations="allow")
    return first, second


@pytest.mark.parametrize("mode", SPRITE_MODES)  # own shapes have no stylesheet to turn them
def test_the_spinner_turns(probe: Probe, mode: str) -> None:
    probe.emulate(prefers_reduced_motion="no-preference")
    probe.open(Pages.path("spinner", mode))
    first, second = spinner_frames(probe)
    assert first != second, "two frames 400 ms apart are identical: the spinner does not turn"


@pytest.mark.parametrize("mode", MODES)
def test_the_spinner_stops_under_reduced_motion(probe: Probe, mode: str) -> None:
    probe.emulate(prefers_reduced_motion="reduce")
    probe.open(Pages.path("spinner", mode))
    assert probe.matches("(prefers-reduced-motion: reduce)")
    first, second = spinner_frames(probe)
    assert first == second, "the spinner still moves under prefers-reduced-motion: reduce"
