"""SVG that goes into the page itself: the inline sprite, and icons that carry their own shapes.

Inline mode: the block ``icon_sprite()`` writes is the build's sprite with page-safe ids.

Symbol ``NAME`` becomes ``iconkit-NAME`` (and its inner ids ``iconkit-NAME--ID``) so a
page's own ``id="search"`` can never capture an icon. The CSS of ``iconkit.css`` comes
first as ``<link rel="stylesheet" href="data:text/css,...">``: conforming in ``<body>``,
and, unlike a ``<style>``, no text node, so nothing lands in the page's ``textContent``
(what scrapers read). The ``<svg>`` is hidden from assistive technology, holds shapes
only, and takes no room, without ``display:none``, which breaks gradients and masks in
some browsers.
"""

from __future__ import annotations

from urllib.parse import quote as percent_encode

from lxml import etree

from iconkit._html import quote
from iconkit._shipped import package_bytes
from iconkit.catalog import Catalog, Icon
from iconkit.errors import UnsafeSVGError
from iconkit.markup import FRESH, SYMBOL_PREFIX, Shapes
from iconkit.safesvg import DEFAULT_LIMITS, Limits, parse_svg, prefix_ids
from iconkit.sprite import build_sprite, make_symbol

_SPRITE_LIMITS = Limits(max_bytes=64_000_000, max_depth=64, max_elements=2_000_000)


def stylesheet() -> str:
    """The rules of ``iconkit/static/iconkit.css``: sizing, reduced motion, forced colours."""
    return package_bytes("static/iconkit.css").decode()


def sprite_block(catalog: Catalog) -> str:
    """The inline sprite of ``catalog``, ready to paste once near the top of ``<body>``."""
    root = parse_svg(build_sprite(catalog), "<inline sprite>", _SPRITE_LIMITS)
    prefix_ids(root, SYMBOL_PREFIX.rstrip("-"))
    for element in root.iter():  # indentation only: the page gets no stray whitespace text
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    for name, value in (
        ("aria-hidden", "true"),
        ("focusable", "false"),
        ("width", "0"),
        ("height", "0"),
        ("style", "position:absolute"),
    ):
        root.set(name, value)
    css = percent_encode(" ".join(stylesheet().split()), safe=" :;{}(),.-!*/=@")
    link = f'<link rel="stylesheet" href="{quote("data:text/css," + css)}">'
    return link + etree.tostring(root, encoding="unicode")


def own_shapes(icon: Icon, limits: Limits = DEFAULT_LIMITS) -> Shapes:
    """``icon``'s symbol as shapes for an ``<svg>`` of its own (pages without a sprite).

    Its ids become ``FRESH-…``, so the renderer gives each use ids of its own.
    """
    try:
        data = icon.path.read_bytes()
    except OSError as error:
        raise UnsafeSVGError(icon.path, f"cannot read: {error.strerror or error}") from None
    symbol = etree.fromstring(make_symbol(icon.name, data, icon.path, limits).markup)
    prefix_ids(symbol, FRESH)
    body = "".join(etree.tostring(child, encoding="unicode") for child in symbol)
    return Shapes(str(symbol.get("viewBox")), body)
