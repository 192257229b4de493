"""Which way icons point, read from a screenshot: each icon drawn in both directions on one
page, compared with itself flipped (Pillow) and with the build's PNG of its artwork."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageOps, ImageStat

from iconkit import Icon

from .harness import Box, Probe, crop

SAME = 2.0
"""Mean difference (of 255) within which two renders are the same picture: anti-aliasing
at another place on the page moves a few edge pixels (0.6 at most, measured); a flip of
an asymmetric icon costs 4 or more."""
ASYMMETRIC = 3.0
"""Artwork that differs from its mirror image by more than this shows which way it points."""
REFERENCE = "48@1x-dark"  # the build's PNG each 48 px icon is compared with


def difference(a: Image.Image, b: Image.Image) -> float:
    """The mean difference between two pictures of one size, 0 (same) to 255."""
    means = ImageStat.Stat(ImageChops.difference(a, b)).mean
    return sum(means) / len(means)


def ink(image: Image.Image) -> Image.Image:
    """How much each pixel is drawn on: 0 for paper (white or transparent), 255 for ink."""
    if image.mode == "RGBA":
        paper = Image.new("RGBA", image.size, "white")
        paper.alpha_composite(image)
        image = paper
    return ImageOps.invert(image.convert("L"))


def artwork(
    build_dir: Path, manifest: Mapping[str, Any], icons: tuple[Icon, ...]
) -> dict[str, Image.Image]:
    """Each icon's PNG from the build, as ink: the artwork as drawn, pointing its own way."""
    found = {}
    for icon in icons:
        with Image.open(build_dir / manifest["icons"][icon.name]["png"][REFERENCE]) as png:
            found[icon.name] = ink(png.convert("RGBA"))
    return found


Where = tuple[str, str]  # the section ("page" or "contrary") and the icon's name


def drawn(probe: Probe, image: Image.Image) -> tuple[dict[Where, Image.Image], dict[Where, str]]:
    """Each icon of the two sections (``data-where``), cropped, and its direction."""
    raw = probe.page.evaluate(
        """() => [...document.querySelectorAll('[data-where] [data-icon]')].map(item => {
            const svg = item.querySelector('svg'), r = svg.getBoundingClientRect();
            return {where: item.closest('[data-where]').dataset.where, name: item.dataset.icon,
                    direction: getComputedStyle(svg).direction,
                    box: [r.left + scrollX, r.top + scrollY, r.width, r.height]};
        })"""
    )
    crops: dict[Where, Image.Image] = {}
    directions: dict[Where, str] = {}
    for item in raw:
        key = (item["where"], item["name"])
        x, y, width, height = item["box"]
        if not all(float(v).is_integer() for v in item["box"]) or (width, height) != (48, 48):
            raise AssertionError(f"{key}: box {item['box']}, not 48 px on whole pixels")
        crops[key] = crop(image, Box(int(x), int(y), int(width), int(height)))
        directions[key] = item["direction"]
    return crops, directions


def mirror_problems(
    probe: Probe, image: Image.Image, icons: tuple[Icon, ...], art: dict[str, Image.Image]
) -> list[str]:
    """Each icon as the page draws it and as the section of the other direction draws it:
    pixel mirror images for icons that mirror, identical for the others; and each one
    pointing the way its artwork does, flipped only where it mirrors in right-to-left text."""
    crops, directions = drawn(probe, image)
    problems = []
    for icon in icons:
        page, other = crops["page", icon.name], crops["contrary", icon.name]
        if directions["page", icon.name] == directions["contrary", icon.name]:
            problems.append(f"{icon.name}: both sections read {directions['page', icon.name]}")
        want, what = (ImageOps.mirror(other), "mirror image") if icon.mirror else (other, "same")
        off = difference(page, want)
        if off > SAME:
            problems.append(f"{icon.name}: not the {what} of its other-direction self ({off:.1f})")
        drawing = art[icon.name]
        flipped = ImageOps.mirror(drawing)
        if difference(drawing, flipped) <= ASYMMETRIC:  # no way to tell which way it points
            if icon.mirror:
                problems.append(f"{icon.name}: mirrors, but its artwork is symmetric")
            continue
        for where in ("page", "contrary"):
            turned = bool(icon.mirror) and directions[where, icon.name] == "rtl"
            seen = ink(crops[where, icon.name])
            right, wrong = (flipped, drawing) if turned else (drawing, flipped)
            if difference(seen, right) >= difference(seen, wrong):
                way = "flipped" if not turned else "as drawn"
                problems.append(f"{icon.name}: {way} in {directions[where, icon.name]} text")
    return problems


def picture_problems(probe: Probe, icons: tuple[Icon, ...], right_to_left: bool) -> list[str]:
    """Each ``<img>`` shows the flipped PNG exactly where its icon mirrors in right-to-left."""
    raw = probe.page.evaluate(
        "() => [...document.querySelectorAll('[data-case=img]')]"
        ".map(item => [item.dataset.icon, item.querySelector('img').currentSrc])"
    )
    mirrors = {icon.name for icon in icons if icon.mirror}
    problems = []
    for name, src in raw:
        flipped = "-rtl." in src.rsplit("/", 1)[-1]
        if flipped != (right_to_left and name in mirrors):
            problems.append(f"{name}: <img> shows {src}")
    return problems
