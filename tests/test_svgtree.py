"""_svgtree: tree helpers and references to ids."""

from __future__ import annotations

import pytest
from lxml import etree

from iconkit._css import local_references
from iconkit._svgtree import SVG_NS, XLINK_NS, prefix_ids, references, rename_references
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


@pytest.mark.parametrize(
    ("value", "targets"),
    [
        ("url(#a)", ["a"]),
        ("URL( #a )", ["a"]),
        ('url("#a b")', ["a b"]),
        ("url('#a)b')", ["a)b"]),
        ("url(#)", [""]),
        ("url(#a'b)", []),  # a quote inside a bare url() makes it a bad url: no reference
        ("url(#a) url( '#b' )", ["a", "b"]),
        ("rotate(45 12 12)", []),
        ("url(https://example.com/x.svg#a)", []),
    ],
)
def test_url_references_are_read_as_css_reads_them(value: str, targets: list[str]) -> None:
    assert references(value) == targets
    assert set(targets) == local_references(value)  # tinycss2, which the sanitiser uses


def test_links_are_references_with_spaces_around_them_ignored() -> None:
    assert references(" #a ", "href") == ["a"]
    assert references("#a", f"{{{XLINK_NS}}}href") == ["a"]
    assert references("https://example.com/#a", "href") == []
    assert references("#a", "fill") == []  # only a link attribute links
    assert rename_references(" #a ", str.upper, "href") == "#A"


def test_a_renamed_url_is_quoted_only_when_the_new_id_needs_it() -> None:
    assert rename_references("url( '#a' )", lambda old: f"p-{old}") == "url(#p-a)"
    assert rename_references('url("#a b")', lambda old: f"p-{old}") == 'url("#p-a b")'
    renames = {"a b": "x y"}
    assert rename_references("url('#a b') url(#c)", renames.get) == "url('#x y') url(#c)"
