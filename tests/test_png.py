"""PNG fallbacks: size, ink in the requested colour, transparent corners, fixed colours kept."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from iconkit import load_catalog
from iconkit.png import render_png, standalone_svg
from iconkit.sprite import make_symbol, symbol_for

from .pixels import ink_box, ink_fraction, opaque_colours

CATALOG = load_catalog()
COMMENT = symbol_for(CATALOG.resolve("comment")).markup
TICK = symbol_for(CATALOG.resolve("success-tick")).markup


def image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGBA")


def corners(picture: Image.Image) -> list[int]:
    last = picture.width - 1
    return [picture.getpixel(xy)[3] for xy in ((0, 0), (last, 0), (0, last), (last, last))]  # type: ignore[index]


def test_size_ink_and_transparent_corners() -> None:
    for pixels in (16, 32, 96):
        picture = image(render_png(COMMENT, pixels, "#1f2328"))
        assert picture.size == (pixels, pixels)
        assert corners(picture) == [0, 0, 0, 0]
        assert 0.05 < ink_fraction(picture) < 0.6
        box = ink_box(picture)
        assert box is not None and box[2] - box[0] > pixels // 2


def test_current_colour_becomes_the_requested_colour() -> None:
    picture = image(render_png(COMMENT, 48, "#c0306a"))
    assert opaque_colours(picture) == {(0xC0, 0x30, 0x6A)}


def test_current_colour_in_a_style_attribute_is_replaced_too() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        b'<rect x="4" y="4" width="16" height="16" style="fill:CurrentColor"/></svg>'
    )
    symbol = make_symbol("square", svg, "square.svg").markup
    root = standalone_svg(symbol, "#00ff00")
    assert "currentcolor" not in b"".join(
        str(v).lower().encode() for e in root.iter() for v in e.attrib.values()
    ).decode().replace("#00ff00", "")
    assert opaque_colours(image(render_png(symbol, 24, "#00ff00"))) == {(0, 255, 0)}


def test_fixed_colours_are_kept() -> None:
    colours = opaque_colours(image(render_png(TICK, 48, "#c0306a")))
    assert (0x1A, 0x7F, 0x37) in colours and (255, 255, 255) in colours
    assert (0xC0, 0x30, 0x6A) not in colours


def test_rendering_is_deterministic() -> None:
    assert render_png(COMMENT, 32, "#1f2328") == render_png(COMMENT, 32, "#1f2328")


@settings(max_examples=15, deadline=None)
@given(st.tuples(*(st.integers(0, 255),) * 3))
def test_any_colour_is_the_ink(rgb: tuple[int, int, int]) -> None:
    colour = "#{:02x}{:02x}{:02x}".format(*rgb)
    assert opaque_colours(image(render_png(COMMENT, 24, colour))) == {rgb}


def test_paint_group_moves_onto_the_root_with_the_same_pixels() -> None:
    import copy

    import cairosvg
    from lxml import etree

    from iconkit._svgtree import SVG_NS

    root = standalone_svg(COMMENT, "#1f2328")
    assert root.get("stroke") == "#1f2328" and root.get("fill") == "none"
    assert all(etree.QName(child).localname != "g" for child in root)
    # The same document with the paint back on a group, as the symbol has it.
    grouped = etree.Element(root.tag, viewBox=str(root.get("viewBox")), color="#1f2328")
    paint = {k: str(v) for k, v in root.attrib.items() if k not in ("viewBox", "color")}
    group = etree.SubElement(grouped, f"{{{SVG_NS}}}g", paint)
    group.extend(copy.deepcopy(child) for child in root)
    for pixels in (16, 48):
        assert (
            image(render_png(COMMENT, pixels, "#1f2328")).tobytes()
            == image(
                cairosvg.svg2png(
                    bytestring=etree.tostring(grouped), output_width=pixels, output_height=pixels
                )
            ).tobytes()
        )


def test_a_group_that_does_more_than_pass_paint_down_stays() -> None:
    symbol = (
        b'<symbol id="x" viewBox="0 0 24 24"><g opacity=".5" fill="#f00">'
        b'<rect width="24" height="24"/></g></symbol>'
    )
    root = standalone_svg(symbol, "#1f2328")
    assert root.get("opacity") is None and root.get("fill") is None
    assert [child.get("opacity") for child in root] == [".5"]


def test_png_names_change_with_what_changes_the_pixels() -> None:
    from iconkit.png import renders
    from iconkit.settings import Settings

    settings = Settings(sizes=(16, 24), scales=(1, 2), colours={"ink": "#123", "paper": "#eee"})
    found = renders("tick", "tick.svg", b"<symbol/>", "a" * 64, settings, "2.7.1")
    assert sorted(found) == sorted(
        f"{size}@{scale}x-{colour}"
        for size in (16, 24)
        for scale in (1, 2)
        for colour in ("ink", "paper")
    )
    assert found["24@2x-ink"].pixels == 48 and found["24@2x-ink"].colour == "#123"
    assert len({job.path for job in found.values()}) == len(found)
    assert all(path.startswith("png/tick-") for path in (job.path for job in found.values()))
    for other in (
        renders("tick", "tick.svg", b"<symbol/>", "b" * 64, settings, "2.7.1"),  # new symbol
        renders("tick", "tick.svg", b"<symbol/>", "a" * 64, settings, "2.8.0"),  # new renderer
    ):
        assert not {job.path for job in other.values()} & {job.path for job in found.values()}
    assert renders("tick", "tick.svg", b"", "a" * 64, Settings(png=False), "2.7.1") == {}


@settings(max_examples=10, deadline=None)
@given(name=st.sampled_from([icon.name for icon in load_catalog()]), size=st.sampled_from([24, 48]))
def test_a_mirrored_png_is_the_unmirrored_one_flipped(name: str, size: int) -> None:
    symbol = symbol_for(load_catalog().resolve(name)).markup
    plain = image(render_png(symbol, size, "#1f2328"))
    flipped = image(render_png(symbol, size, "#1f2328", mirrored=True))
    expected = plain.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    # Equal but for anti-aliasing: the rasteriser samples the flipped edges a little apart.
    assert ImageChops.difference(flipped, expected).getchannel("A").getextrema()[1] <= 24
    assert ink_box(flipped) == ink_box(expected)


def test_a_viewbox_off_the_origin_flips_about_its_own_middle() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="10 0 20 20">'
        b'<rect x="10" y="0" width="5" height="20" fill="currentColor"/></svg>'
    )
    symbol = make_symbol("bar", svg, "bar.svg").markup
    boxes = [ink_box(image(render_png(symbol, 20, "#000", mirrored=m))) for m in (False, True)]
    assert boxes == [(0, 0, 5, 20), (15, 0, 20, 20)]  # from the left edge to the right one
