"""SVG that goes into the page itself: the inline sprite, and icons that carry their own shapes.

Inline mode: the block ``icon_sprite()`` writes is the build's sprite with page-safe ids.
Symbol ``NAME`` becomes ``iconkit-NAME`` (and its inner ids ``iconkit-NAME--ID``) so a
page's own ``id="search"`` can never capture an icon. The ``<svg>`` is hidden from
assistive technology, holds shapes only (no text for ``textContent``, what scrapers
read), and has no ``style``: under a strict Content-Security-Policy the stylesheet's
``.iconkit-sprite`` rule takes it out of the flow, without ``display:none``, which
breaks gradients and masks in browsers.
"""

from __future__ import annotations

from lxml import etree

from iconkit._svgtree import prefix_ids
from iconkit.catalog import Catalog, Icon
from iconkit.markup import FRESH, SYMBOL_PREFIX, Shapes
from iconkit.safesvg import DEFAULT_LIMITS, Limits, parse_svg
from iconkit.sprite import build_sprite, symbol_for

SPRITE_CLASS = "iconkit-sprite"
_SPRITE_LIMITS = Limits(max_bytes=64_000_000, max_depth=64, max_elements=2_000_000)


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
        ("class", SPRITE_CLASS),
        ("aria-hidden", "true"),
        ("focusable", "false"),
        ("width", "0"),
        ("height", "0"),
    ):
        root.set(name, value)
    return etree.tostring(root, encoding="unicode")


def own_shapes(icon: Icon, limits: Limits = DEFAULT_LIMITS) -> Shapes:
    """``icon``'s symbol as shapes for an ``<svg>`` of its own (pages without a sprite).

    Its ids become ``FRESH-…``, so the renderer gives each use ids of its own.
    """
    symbol = etree.fromstring(symbol_for(icon, limits).markup)
    prefix_ids(symbol, FRESH)
    body = "".join(etree.tostring(child, encoding="unicode") for child in symbol)
    return Shapes(str(symbol.get("viewBox")), body)
