"""normalise: messy exports from four editors come out clean, consistent and pixel-identical."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import ImageChops

from iconkit._svgtree import SVG_NS, XLINK_NS
from iconkit.errors import UnsafeSVGError
from iconkit.normalise import EDITOR_NAMESPACES, clean_svg, colours, normalise, serialise
from iconkit.safesvg import parse_svg
from iconkit.sanitize import sanitize

from .conftest import FIXTURES, ROOT
from .pixels import ink_fraction, render

MESSY = sorted((FIXTURES / "messy").glob("*.svg"))
SVG_OPEN = f'<svg xmlns="{SVG_NS}" viewBox="0 0 24 24">'


def clean(markup: str, **options: object) -> tuple[etree._Element, list[str]]:
    data, findings = clean_svg(
        (SVG_OPEN + markup + "</svg>").encode()
        if not markup.startswith("<svg")
        else markup.encode(),
        "test.svg",
        **options,  # type: ignore[arg-type]
    )
    return etree.fromstring(data), findings


def test_the_messy_corpus_covers_four_editors() -> None:
    editors = {path.name.split("-")[0] for path in MESSY}
    assert {"inkscape", "illustrator", "figma", "sketch"} <= editors
    assert len(MESSY) >= 10


@pytest.mark.parametrize("path", MESSY, ids=lambda p: p.stem)
def test_messy_export_is_accepted_and_comes_out_clean(path: Path) -> None:
    data, findings = clean_svg(path.read_bytes(), path, name=path.stem)
    assert findings == []
    root = etree.fromstring(data)
    assert root.get("viewBox") == "0 0 24 24"
    assert root.get("width") is None and root.get("height") is None
    for node in root.iter():
        assert not isinstance(node, etree._Comment)
        if isinstance(node.tag, str):
            assert etree.QName(node).namespace == SVG_NS
            assert etree.QName(node).localname not in ("title", "desc", "metadata", "style")
            assert all(etree.QName(a).namespace in (None, XLINK_NS) for a in node.attrib)
            assert node.get("style") is None and node.get("class") is None
            ident = node.get("id")
            assert ident is None or str(ident).startswith(f"{path.stem}-")
    assert set(root.nsmap.values()) <= {SVG_NS, XLINK_NS}
    found, current = colours(root)
    assert found == set() and current, "a monochrome icon draws in currentColor only"
    assert sanitize(root, path) == []


@pytest.mark.parametrize("path", MESSY, ids=lambda p: p.stem)
def test_messy_export_renders_the_same_before_and_after(path: Path) -> None:
    before = path.read_bytes()
    as_drawn, _ = clean_svg(before, path, fixed_colours=True)
    found, _ = colours(etree.fromstring(as_drawn))
    colour = next(iter(found)) if found else "#000000"
    after, _ = clean_svg(before, path, name=path.stem)
    for size in (24, 48):
        old, new = render(before, size, colour), render(after, size, colour)
        assert ink_fraction(new) > 0.02
        difference = ImageChops.difference(old, new)
        assert max(high for _, high in difference.getextrema()) <= 2, path.name


@pytest.mark.parametrize("path", MESSY, ids=lambda p: p.stem)
def test_cleaning_twice_equals_cleaning_once(path: Path) -> None:
    once, _ = clean_svg(path.read_bytes(), path, name=path.stem)
    twice, findings = clean_svg(once, path, name=path.stem)
    assert twice == once and findings == []


def test_the_shipped_artwork_is_already_normal() -> None:
    for path in sorted((ROOT / "svg").glob("*.svg")):
        fixed = path.stem.startswith("success-tick")
        data, findings = clean_svg(path.read_bytes(), path, name=path.stem, fixed_colours=fixed)
        assert (data, findings) == (path.read_bytes(), []), path.name


def test_viewbox_is_derived_from_pixel_sizes_and_sizes_dropped() -> None:
    root, findings = clean(
        '<svg xmlns="http://www.w3.org/2000/svg" width="24px" height="24">'
        '<path d="M1 1h2" stroke="currentColor" fill="none"/></svg>'
    )
    assert root.get("viewBox") == "0 0 24 24" and root.get("width") is None
    assert findings == []


def test_a_missing_viewbox_without_pixel_sizes_is_a_warning() -> None:
    _, findings = clean(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10mm" height="10mm">'
        '<path d="M1 1h2" stroke="currentColor" fill="none"/></svg>'
    )
    assert findings == ["no viewBox, and no width and height in pixels to derive one from"]


@pytest.mark.parametrize(
    ("box", "warning"),
    [
        ("0 0 24 24", None),
        ("0 0 32 24", None),  # a wide icon is an icon: lint judges it against the set
        ("0 0 16 16", "viewBox 0 0 16 16 is off the 24-unit grid"),
        ("2 2 24 24", "viewBox 2 2 24 24 is off the 24-unit grid"),
    ],
)
def test_off_grid_viewboxes_are_warnings_and_wide_ones_pass(box: str, warning: str | None) -> None:
    _, findings = clean(
        f'<svg xmlns="{SVG_NS}" viewBox="{box}"><path d="M1 1" stroke="red" fill="none"/></svg>'
    )
    assert findings == ([warning] if warning else [])


def test_a_single_colour_becomes_current_color_including_the_default_black() -> None:
    root, findings = clean('<path d="M1 1h9v9z" fill="#000"/><rect width="4" height="4"/>')
    assert findings == []
    assert root.get("fill") == "currentColor"
    assert root.find(f"{{{SVG_NS}}}path").get("fill") == "currentColor"


def test_several_colours_on_a_monochrome_icon_are_a_warning_and_kept() -> None:
    root, findings = clean('<path d="M1 1h9v9z" fill="red"/><path d="M2 2h9" stroke="blue"/>')
    assert len(findings) == 1 and "#0000ff, #ff0000" in findings[0]
    assert root.find(f"{{{SVG_NS}}}path").get("fill") == "red"


def test_a_knockout_colour_beside_current_color_is_kept() -> None:
    markup = '<circle cx="12" cy="12" r="9" fill="currentColor"/><path d="M8 12h8" stroke="#fff"/>'
    root, findings = clean(markup)
    assert "beside currentColor" in findings[0]
    assert root.find(f"{{{SVG_NS}}}path").get("stroke") == "#fff"


def test_fixed_colour_icons_keep_their_colours() -> None:
    root, findings = clean('<path d="M1 1h9v9z" fill="#1a7f37"/>', fixed_colours=True)
    assert findings == [] and root.find(f"{{{SVG_NS}}}path").get("fill") == "#1a7f37"


def test_colours_in_clip_paths_and_masks_do_not_count() -> None:
    root, _ = clean(
        '<clipPath id="c"><rect width="24" height="24" fill="white"/></clipPath>'
        '<path d="M1 1h2" stroke="black" fill="none" clip-path="url(#c)"/>'
    )
    assert root.find(f".//{{{SVG_NS}}}rect").get("fill") == "white"
    assert root.find(f"{{{SVG_NS}}}path").get("stroke") == "currentColor"


def test_hidden_layers_go_but_referenced_definitions_stay() -> None:
    root, _ = clean(
        '<g style="display:none"><path d="M0 0h9" stroke="#000"/></g>'
        '<g visibility="hidden"><path d="M0 0h8" stroke="#000"/></g>'
        '<g visibility="hidden"><path visibility="visible" d="M0 0h7" stroke="#000"/></g>'
    )
    kept = [p.get("d") for p in root.iter(f"{{{SVG_NS}}}path")]
    assert kept == ["M0 0h7"]


@pytest.mark.parametrize(
    "sheet",
    [
        "path:hover { stroke: red }",
        "g :not(:focus) { stroke: red }",
        "path::before { stroke: red }",
        "@media (prefers-color-scheme: dark) { path { stroke: red } }",
        "svg|path { stroke: red }",  # a namespace prefix no @namespace declares
    ],
)
def test_stylesheets_that_attributes_cannot_express_are_kept_with_a_warning(sheet: str) -> None:
    root, findings = clean(f'<style>{sheet}</style><g><path d="M0 0" stroke="#000"/></g>')
    assert root.find(f"{{{SVG_NS}}}style") is not None
    assert "<style> kept" in findings[0]


def test_stylesheets_are_matched_as_css_matches_them() -> None:
    """Combinators, structural pseudo-classes and attribute selectors, by specificity then
    order; attribute selectors see the attributes as written, before any rule applies."""
    root, findings = clean(
        "<style>#x { fill: red } path { fill: blue } .k.j { fill: green }"
        " g > path:first-child { stroke: red } [fill=blue] { stroke: blue }</style>"
        '<g><path id="x" class="k j" d="M0 0h4"/><path class="k j" d="M0 0h5"/>'
        '<path class="k" d="M0 0h6" fill="blue"/></g>',
        fixed_colours=True,
    )
    assert findings == [] and root.find(f"{{{SVG_NS}}}style") is None
    paint = [
        (p.get("fill"), p.get("stroke"), p.get("class")) for p in root.iter(f"{{{SVG_NS}}}path")
    ]
    assert paint == [("red", "red", None), ("green", None, None), ("blue", "blue", None)]


def test_ids_are_namespaced_and_unused_ones_dropped() -> None:
    root, _ = clean(
        '<defs><linearGradient id="Gradient 1"><stop offset="0"/></linearGradient></defs>'
        '<path id="Layer_1" d="M0 0" fill="url(&quot;#Gradient 1&quot;)"/>',
        name="sun",
        fixed_colours=True,
    )
    gradient = root.find(f".//{{{SVG_NS}}}linearGradient")
    assert gradient.get("id") == "sun-Gradient-1"
    assert root.find(f"{{{SVG_NS}}}path").get("fill") == "url(#sun-Gradient-1)"
    assert root.find(f"{{{SVG_NS}}}path").get("id") is None


def test_forbidden_content_is_still_refused_or_removed() -> None:
    with pytest.raises(UnsafeSVGError, match="<script> is refused"):
        clean('<script>1</script><path d="M0 0"/>')
    root, findings = clean('<script>1</script><path d="M0 0" stroke="#000"/>', fix=True)
    assert findings == ["line 1: <script> is refused: an icon may not run code (removed)"]
    assert root.find(f"{{{SVG_NS}}}script") is None


# --- properties -----------------------------------------------------------------------------

_COLOURS = st.sampled_from(["#000", "black", "#333333", "red", "currentColor", "none", "url(#g)"])
_EDITOR_ATTRS = st.sampled_from(sorted(EDITOR_NAMESPACES))


@st.composite
def messy_trees(draw: st.DrawFn) -> bytes:
    root = etree.Element(f"{{{SVG_NS}}}svg")
    if draw(st.booleans()):
        root.set("viewBox", draw(st.sampled_from(["0 0 24 24", "0 0 48 48", "0 0 20 24"])))
    else:
        root.set("width", "24")
        root.set("height", "24px")
    gradient = etree.SubElement(
        etree.SubElement(root, f"{{{SVG_NS}}}defs"), f"{{{SVG_NS}}}linearGradient"
    )
    gradient.set("id", "g")
    parents = [root]
    for index in range(draw(st.integers(1, 8))):
        parent = draw(st.sampled_from(parents))
        tag = draw(st.sampled_from(["g", "path", "circle", "rect"]))
        child = etree.SubElement(parent, f"{{{SVG_NS}}}{tag}")
        if tag == "g":
            parents.append(child)
        for attribute in draw(st.lists(st.sampled_from(["fill", "stroke"]), max_size=2)):
            child.set(attribute, draw(_COLOURS))
        if draw(st.booleans()):
            child.set("style", f"stroke-width:{draw(st.integers(1, 3))};opacity:1")
        if draw(st.booleans()):
            child.set("id", f"shape {index}")
        if draw(st.booleans()):
            child.set(f"{{{draw(_EDITOR_ATTRS)}}}label", "x")
        if draw(st.booleans()):
            child.append(etree.Comment(" exported "))
        if tag == "g" and draw(st.booleans()):
            child.set("display", "none")
    return etree.tostring(root)


@settings(max_examples=120, deadline=None)
@given(messy_trees(), st.booleans())
def test_normalise_is_idempotent(data: bytes, fixed: bool) -> None:
    root = parse_svg(data, "generated.svg")
    normalise(root, fixed_colours=fixed, name="x")
    once = serialise(root)
    again = parse_svg(once, "generated.svg")
    assert normalise(again, fixed_colours=fixed, name="x") == normalise(
        parse_svg(once, "g.svg"), fixed_colours=fixed, name="x"
    )
    assert serialise(again) == once
    assert sanitize(again, "generated.svg") == []


@pytest.mark.parametrize(
    "markup",
    [
        '<path d="M0 0h9" fill="URL(#g)"/>',
        '<path d="M0 0h9" fill="url( \'#g\' )"/>',
        '<use href=" #g "/>',
    ],
)
def test_a_reference_in_any_spelling_keeps_its_target(markup: str) -> None:
    root, _ = clean(
        f'<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>{markup}',
        name="sun",
        fixed_colours=True,
    )
    assert root.find(f".//{{{SVG_NS}}}linearGradient").get("id") == "sun-g"
    assert sanitize(root, "again.svg") == []  # no reference was left pointing nowhere
