"""_svgtree: tree helpers and references to ids."""

from __future__ import annotations

from lxml import etree

from iconkit._svgtree import SVG_NS, prefix_ids
from iconkit.safesvg import parse_svg

SVG_OPEN = f'<svg xmlns="{SVG_NS}" viewBox="0 0 24 24">'.encode()


def test_prefix_ids_rewrites_references() -> None:
    root = parse_svg(
        SVG_OPEN + b'<defs><linearGradient id="g"/></defs><path fill="url(#g)"/>'
        b'<use href="#g"/><path fill="url(#other)"/></svg>',
        "x.svg",
    )
    prefix_ids(root, "tick")
    out = etree.tostring(root).decode()
    assert 'id="tick-g"' in out and "url(#tick-g)" in out and 'href="#tick-g"' in out
    assert "url(#other)" in out
