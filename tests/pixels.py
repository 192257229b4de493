"""Pixel facts about rendered icons, for tests: render with cairosvg, read with Pillow."""

from __future__ import annotations

import io

import cairosvg
from lxml import etree
from PIL import Image


def render(svg: etree._Element | bytes, size: int, colour: str = "#000000") -> Image.Image:
    """Render SVG to a ``size`` x ``size`` RGBA image, ``currentColor`` set to ``colour``."""
    root = etree.fromstring(svg) if isinstance(svg, bytes) else svg
    root = etree.fromstring(etree.tostring(root))
    root.set("color", colour)
    png = cairosvg.svg2png(bytestring=etree.tostring(root), output_width=size, output_height=size)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def ink_box(image: Image.Image, threshold: int = 16) -> tuple[int, int, int, int] | None:
    """The bounding box (left, top, right, bottom) of pixels more opaque than ``threshold``."""
    alpha = image.getchannel("A").point(lambda a: 255 if a > threshold else 0)
    return alpha.getbbox()


def ink_fraction(image: Image.Image, threshold: int = 16) -> float:
    """The share of pixels more opaque than ``threshold``."""
    histogram = image.getchannel("A").histogram()
    return sum(histogram[threshold + 1 :]) / (image.width * image.height)


def opaque_colours(image: Image.Image) -> set[tuple[int, int, int]]:
    """The RGB values of fully opaque pixels."""
    pixels = image.tobytes()
    return {
        (pixels[i], pixels[i + 1], pixels[i + 2])
        for i in range(0, len(pixels), 4)
        if pixels[i + 3] == 255
    }
