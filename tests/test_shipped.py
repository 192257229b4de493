"""The shipped catalogue and artwork: the seed's 52 entries, the grid, the weight, the pixels."""

from __future__ import annotations

import csv
import re

import pytest
from lxml import etree

from iconkit import Icon, load_catalog
from iconkit._svgtree import SVG_NS
from iconkit.safesvg import read_svg

from .conftest import FIXTURES
from .pixels import ink_box, ink_fraction, opaque_colours, render

CATALOG = load_catalog()
ICONS = list(CATALOG)
COLOUR_ATTRIBUTES = ("fill", "stroke", "color", "stop-color", "flood-color", "lighting-color")


def slug(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower()))


def seed_entries() -> list[dict[str, str]]:
    with (FIXTURES / "seed-icons.tsv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


SEED = seed_entries()


def test_seed_has_52_entries() -> None:
    assert len(SEED) == 52


@pytest.mark.parametrize("entry", SEED, ids=lambda e: f"{e['order']}-{slug(e['title'])}")
def test_every_seed_entry_resolves_by_the_slug_of_its_title(entry: dict[str, str]) -> None:
    icon = CATALOG.resolve(slug(entry["title"]))
    assert slug(entry["title"]) in {icon.name, *icon.aliases}


def test_one_glyph_under_several_seed_names_is_one_icon() -> None:
    same = [
        ("email", "envelope"),
        ("magnifying-glass", "search-icon"),
        ("menu", "hamburger-menu-icon"),
        ("comment", "speech-bubble-icon"),
        ("close", "close-icon"),
        ("linked-in", "linkedin"),
    ]
    for first, second in same:
        assert CATALOG.resolve(first) is CATALOG.resolve(second)


def test_one_seed_title_for_two_glyphs_is_two_icons() -> None:
    carets = [icon for icon in ICONS if "caret" in icon.name or "caret" in icon.tags]
    assert len({icon.path for icon in carets}) >= 2
    assert "block arrow" in CATALOG.resolve("block-arrow").description
    assert "chevron" in CATALOG.resolve("caret").description
    opening, closing = CATALOG.resolve("quote-open"), CATALOG.resolve("quote-close")
    assert opening is not closing
    assert opening.path.read_bytes() != closing.path.read_bytes()
    assert "opening" in opening.description and "closing" in closing.description


def test_about_44_distinct_glyphs() -> None:
    assert len(ICONS) == 44
    assert len({icon.path.read_bytes() for icon in ICONS}) == 44


@pytest.mark.parametrize("icon", ICONS, ids=lambda i: i.name)
def test_words_are_fit_for_a_screen_reader(icon: Icon) -> None:
    assert not re.search(r"\b(icon|image|graphic)\b", icon.title, re.IGNORECASE)
    assert len(icon.title.split()) <= 4
    assert icon.description.endswith(".")
    assert icon.description[0].isupper()
    assert not re.search(r"\bA [aeiou]", icon.description), "article error"
    assert not re.search(r"\b(\w+) \1\b", icon.description, re.IGNORECASE), "doubled word"
    assert not re.search(r"\bthe an?\b", icon.description, re.IGNORECASE)
    assert icon.description.rstrip(".").lower() != icon.title.lower()


def test_titles_are_unique() -> None:
    titles = [icon.title.lower() for icon in ICONS]
    assert len(titles) == len(set(titles))


def test_fixed_colour_and_animated_icons_are_the_seed_ones() -> None:
    assert {i.name for i in ICONS if i.fixed_colours} == {"success-tick", "success-tick-timeout"}
    assert {i.name for i in ICONS if i.animated} == {"loading-spinner"}


@pytest.mark.parametrize("icon", ICONS, ids=lambda i: i.name)
def test_artwork_is_on_the_grid_with_the_set_stroke(icon: Icon) -> None:
    root = read_svg(icon.path)
    assert root.get("viewBox") == "0 0 24 24"
    assert root.get("width") is None and root.get("height") is None
    assert root.get("stroke-width") == "2"
    assert root.get("stroke-linecap") == "round"
    assert root.get("stroke-linejoin") == "round"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag.startswith(f"{{{SVG_NS}}}"), element.tag
        assert etree.QName(element).localname not in {"title", "desc", "text", "metadata"}
        assert element.get("stroke-width") in (None, "2"), "one stroke weight across the set"


@pytest.mark.parametrize("icon", [i for i in ICONS if i.monochrome], ids=lambda i: i.name)
def test_monochrome_artwork_uses_only_current_color(icon: Icon) -> None:
    root = read_svg(icon.path)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.get("style") is None
        for attribute in COLOUR_ATTRIBUTES:
            assert element.get(attribute) in (None, "none", "currentColor"), (attribute, element)


@pytest.mark.parametrize("icon", ICONS, ids=lambda i: i.name)
def test_artwork_renders_centred_inside_the_canvas(icon: Icon) -> None:
    image = render(read_svg(icon.path), 96, "#000000")
    box = ink_box(image)
    assert box is not None, "renders nothing"
    left, top, right, bottom = box
    # All ink inside 1..23 of the 24 grid (4 px per unit at 96 px).
    assert left >= 4 and top >= 4 and right <= 92 and bottom <= 92, box
    # Centred within 1 grid unit.
    assert abs((left + right) / 2 - 48) <= 4, box
    assert abs((top + bottom) / 2 - 48) <= 4, box


@pytest.mark.parametrize("icon", ICONS, ids=lambda i: i.name)
def test_artwork_still_has_ink_at_16_px(icon: Icon) -> None:
    image = render(read_svg(icon.path), 16, "#000000")
    assert 0.03 < ink_fraction(image, threshold=64) < 0.8


@pytest.mark.parametrize("icon", [i for i in ICONS if i.monochrome], ids=lambda i: i.name)
def test_monochrome_artwork_takes_the_requested_colour(icon: Icon) -> None:
    image = render(read_svg(icon.path), 48, "#cc0000")
    colours = opaque_colours(image)
    assert colours, "no fully opaque pixel"
    # cairo premultiplies alpha, so antialiased edges round to within 2 of the colour
    assert all(abs(r - 0xCC) <= 2 and g <= 2 and b <= 2 for r, g, b in colours), colours


def test_success_ticks_keep_green_and_grey() -> None:
    green = opaque_colours(render(read_svg(CATALOG.resolve("success-tick").path), 48, "#cc0000"))
    grey = render(read_svg(CATALOG.resolve("success-tick-timeout").path), 48, "#cc0000")
    assert (0x1A, 0x7F, 0x37) in green and (255, 255, 255) in green
    assert (0xCC, 0, 0) not in green
    assert (0x6E, 0x77, 0x81) in opaque_colours(grey)
