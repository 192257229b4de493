"""The sprite: structure parsed with lxml, and every icon drawn through <use> like its file."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import ImageChops

from iconkit import Catalog, Icon, UnsafeSVGError, load_catalog
from iconkit._css import local_references
from iconkit._svgtree import SVG_NS
from iconkit.sprite import (
    _canonical,
    assemble,
    build_sprite,
    compact_path,
    make_symbol,
    rewrite_path,
)

from .conftest import FIXTURES
from .pixels import ink_fraction, opaque_colours, render

SHIPPED = load_catalog()
SPRITE = build_sprite(SHIPPED)
SPRITE_FIXTURES = FIXTURES / "sprite"


def catalog_of(tmp_path: Path, files: dict[str, Path]) -> Catalog:
    """A catalogue whose icons are the given artwork files, in order."""
    lines = [
        f"{name}:\n  title: {name.title()}\n  description: Artwork {name}.\n  file: {path}\n"
        for name, path in files.items()
    ]
    path = tmp_path / "catalog.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return load_catalog(path)


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def check_structure(sprite: bytes, names: list[str]) -> etree._Element:
    """Assert everything the contract says about a sprite; return its parsed root."""
    root = etree.fromstring(sprite)
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("aria-hidden") == "true"
    symbols = list(root)
    assert [local(s) for s in symbols] == ["symbol"] * len(names)
    assert [s.get("id") for s in symbols] == names
    ids: list[str] = []
    for element in root.iter():
        assert isinstance(element.tag, str), "comment or processing instruction in the sprite"
        assert element.tag.startswith(f"{{{SVG_NS}}}")
        assert local(element) not in {"title", "desc", "metadata", "text", "style"}
        assert element.text is None and element.tail is None, "text node in the sprite"
        assert all(not str(key).startswith("{") for key in element.attrib)
        if element.get("id"):
            ids.append(element.get("id", ""))
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert "".join(root.itertext()) == ""
    for symbol in symbols:
        inside = {e.get("id") for e in symbol.iter() if e.get("id")}
        for element in symbol.iter():
            for key, value in element.attrib.items():
                targets = list(local_references(value))  # read as CSS reads it (tinycss2)
                if key == "href":
                    assert value.startswith("#")
                    targets.append(value[1:])
                for target in targets:
                    assert target in inside, f"{target} does not resolve inside {symbol.get('id')}"
                    assert target.startswith(f"{symbol.get('id')}--")
    return root


def through_use(sprite: bytes, name: str, size: int) -> bytes:
    """An SVG document that draws ``name`` from the inlined ``sprite`` with ``<use>``."""
    page = etree.Element(
        f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS}, width=str(size), height=str(size)
    )
    page.set("viewBox", f"0 0 {size} {size}")
    etree.SubElement(page, f"{{{SVG_NS}}}use", href=f"#{name}", width=str(size), height=str(size))
    page.append(etree.fromstring(sprite))
    return etree.tostring(page)


def assert_same_pixels(source: Path, sprite: bytes, name: str, size: int = 48) -> None:
    for colour in ("#000000", "#c0306a"):
        expected = render(source.read_bytes(), size, colour)
        actual = render(through_use(sprite, name, size), size, colour)
        difference = ImageChops.difference(expected, actual)
        data = difference.tobytes()
        changed = sum(1 for i in range(0, len(data), 4) if max(data[i : i + 4]) > 24)
        assert changed <= size * size // 500, f"{name}: {changed} pixels differ in {colour}"
        assert ink_fraction(actual) > 0.01


def test_shipped_sprite_has_one_symbol_per_icon_and_no_words() -> None:
    check_structure(build_sprite(SHIPPED), [icon.name for icon in SHIPPED])


def test_sprite_bytes_are_deterministic() -> None:
    assert build_sprite(SHIPPED) == build_sprite(load_catalog())


@pytest.mark.parametrize("icon", list(SHIPPED), ids=lambda icon: icon.name)
def test_shipped_icon_through_use_looks_like_its_file(icon: Icon) -> None:
    assert_same_pixels(icon.path, SPRITE, icon.name)


def test_root_presentation_attributes_survive_onto_a_group() -> None:
    root = etree.fromstring(SPRITE)
    symbol = root.find(f"{{{SVG_NS}}}symbol[@id='comment']")
    assert symbol is not None
    group = symbol[0]
    assert local(group) == "g"
    assert group.get("stroke") == "currentColor"
    assert group.get("fill") == "none"
    assert group.get("stroke-linecap") == "round"


def test_fixed_colours_survive() -> None:
    image = render(through_use(SPRITE, "success-tick", 48), 48, "#0000ff")
    assert (26, 127, 55) in opaque_colours(image)


def test_colliding_ids_are_namespaced_and_both_icons_render_as_their_files(
    tmp_path: Path,
) -> None:
    files = {
        "red": SPRITE_FIXTURES / "gradient-red.svg",
        "blue": SPRITE_FIXTURES / "gradient-blue.svg",
    }
    sprite = build_sprite(catalog_of(tmp_path, files))
    root = check_structure(sprite, ["red", "blue"])
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert {"red--a", "red--b", "blue--a", "blue--b", "blue--shape"} <= ids
    for name, path in files.items():
        assert_same_pixels(path, sprite, name)


def test_comments_words_unused_ids_and_invisible_boxes_are_removed(tmp_path: Path) -> None:
    sprite = build_sprite(catalog_of(tmp_path, {"tick": SPRITE_FIXTURES / "editor-cruft.svg"}))
    root = check_structure(sprite, ["tick"])
    symbol = root[0]
    assert symbol.get("viewBox") == "0 0 24 24"
    assert b"Editor" not in sprite and b"icon" not in sprite and b"mark" not in sprite
    paths = list(symbol.iter(f"{{{SVG_NS}}}path"))
    assert [p.get("d") for p in paths] == ["M4.5 12L9.5 17L19.5 7"]
    assert paths[0].get("id") is None  # unreferenced ids go
    assert symbol[0].get("stroke-width") == "2"
    assert_same_pixels(SPRITE_FIXTURES / "editor-cruft.svg", sprite, "tick")


@pytest.mark.parametrize(
    ("fixture", "problem"),
    [
        ("has-script.svg", r"has-script\.svg:3: .*script"),
        ("has-text.svg", r"has-text\.svg:2: <text>"),
        ("inkscape-namespace.svg", r"inkscape-namespace\.svg:4: .*namedview"),
        ("dangling-reference.svg", r"dangling-reference\.svg:2: .*#elsewhere"),
    ],
)
def test_a_bad_icon_stops_the_sprite_with_path_and_line(
    tmp_path: Path, fixture: str, problem: str
) -> None:
    catalog = catalog_of(tmp_path, {"bad": SPRITE_FIXTURES / fixture})
    with pytest.raises(UnsafeSVGError, match=problem):
        build_sprite(catalog)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        ("M 0.50 1.000 L -0.5 .5", "M.5 1L-.5.5"),
        ("M10,10 l 2.0004 -3", "M10 10l2-3"),
        ("M1 1a2 2 0 012 2", "M1 1a2 2 0 0 1 2 2"),
        ("M0 0 C 1.5 .5 .25 -1 3 3z", "M0 0C1.5.5.25-1 3 3z"),
    ],
)
def test_path_data_is_compacted(d: str, expected: str) -> None:
    assert compact_path(d, 3) == expected


NUMBERS = st.one_of(
    st.integers(-500, 500).map(str),
    st.floats(-500, 500, allow_nan=False).map(lambda f: f"{f:.5f}"),
    st.sampled_from(["0", "-0", ".5", "-.25", "0.50", "1.", "+2", "1e2", "007"]),
)
SEGMENTS = st.one_of(
    st.tuples(st.sampled_from("MLTmlt"), NUMBERS, NUMBERS),
    st.tuples(st.sampled_from("HVhv"), NUMBERS),
    st.tuples(st.sampled_from("CSQcsq"), *([NUMBERS] * 4)),
    st.tuples(
        st.sampled_from("Aa"),
        NUMBERS,
        NUMBERS,
        NUMBERS,
        st.sampled_from("01"),
        st.sampled_from("01"),
        NUMBERS,
        NUMBERS,
    ),
    st.just(("z",)),
)


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(st.just("M"), NUMBERS, NUMBERS),
    st.lists(SEGMENTS, max_size=6),
    st.lists(st.sampled_from([" ", ",", "  ", "\n", " ,"]), min_size=1, max_size=4),
)
def test_the_fast_path_compaction_agrees_with_the_tokenizer(
    start: tuple[str, ...], segments: list[tuple[str, ...]], separators: list[str]
) -> None:
    """Tidy, loose and untidy paths, with separators mixed inside one path."""
    gaps = itertools.cycle(separators)
    d = next(gaps).join(
        "".join(token + next(gaps) for token in segment).rstrip() for segment in [start, *segments]
    )
    assert compact_path(d, 3) == rewrite_path(d, 3)
    assert compact_path(compact_path(d, 3), 3) == compact_path(d, 3)
    assert _canonical(3).fullmatch(rewrite_path(d, 3)), "compact output must take the fast path"


_COMPACT_NUMBERS = ["0", "1", "12", ".5", "1.5", ".25", "-1", "-.5", "-1.5"]
_LOOSE_NUMBERS = ["0.5", "1.50", ".1234", "1.", "-0", "-0.5", "1e2", "+1", "00"]


@st.composite
def _nearly_compact_paths(draw: st.DrawFn) -> str:
    """A path written the compact way, with at most one separator or number spoiled."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        pieces.append(draw(st.sampled_from("MlcZz")))
        previous = ""
        for _ in range(draw(st.integers(0, 4))):
            number = draw(st.sampled_from(_COMPACT_NUMBERS))
            tight = number[0] == "-" or (number[0] == "." and "." in previous)
            pieces.append("" if not previous or tight else " ")
            pieces.append(number)
            previous = number
    if pieces and draw(st.booleans()):
        where = draw(st.integers(0, len(pieces) - 1))
        pieces[where] = draw(st.sampled_from(["", " ", ",", "  "] * 2 + _LOOSE_NUMBERS))
    return "".join(pieces)


@settings(max_examples=1000)
@given(_nearly_compact_paths())
@example("M1.5 .5")
@example("M1 .5")
@example("M1-.5")
@example("M1,2")
@example("M 1")
@example("1 2")
def test_the_fast_path_takes_exactly_the_paths_already_compact(d: str) -> None:
    """(Arcs are left out: tidy arc flags written together, ``a1 1 0 11 2 2``, are kept.)"""
    try:
        compact = rewrite_path(d, 3) == d
    except UnsafeSVGError:
        compact = False
    assert bool(_canonical(3).fullmatch(d)) == compact


IDS = st.text(
    alphabet=st.characters(categories=("L", "N"), include_characters="-_."), min_size=1
).filter(lambda s: s[0].isalpha())
VALUES = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cn")), max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=IDS, second=IDS, dash=VALUES)
def test_any_ids_and_attribute_values_give_a_valid_sprite(
    first: str, second: str, dash: str
) -> None:
    def artwork(gradient: str) -> bytes:
        svg = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS}, viewBox="0 0 24 24")
        grad = etree.SubElement(svg, f"{{{SVG_NS}}}linearGradient", id=gradient)
        etree.SubElement(grad, f"{{{SVG_NS}}}stop", offset="0")
        shape = etree.SubElement(svg, f"{{{SVG_NS}}}path", d="M1 1h20v20z")
        shape.set("fill", f"url(#{gradient})")
        shape.set("stroke-dasharray", dash)
        shape.set("class", dash)
        return etree.tostring(svg)

    try:
        symbols = [
            make_symbol("one", artwork(first), "one.svg"),
            make_symbol("two", artwork(first), "two.svg"),
            make_symbol("three", artwork(second), "three.svg"),
        ]
    except UnsafeSVGError as error:  # a value that names a scheme ("data:") is refused, rightly
        assume(not any(f"{name} on <path>" in str(error) for name in ("stroke-dasharray", "class")))
        raise
    sprite = assemble(symbols)
    root = check_structure(sprite, ["one", "two", "three"])
    assert sprite == assemble(symbols)
    paths = list(root.iter(f"{{{SVG_NS}}}path"))
    assert [p.get("class") for p in paths] == [" ".join(dash.split())] * 3


@pytest.mark.parametrize(
    ("ident", "fill"),
    [
        ("g", "url(#g)"),
        ("g", "URL( #g )"),
        ("g", "url('#g')"),
        ("Gradient 1", 'url( "#Gradient 1" )'),
        ("a(b)", "url('#a(b)')"),
    ],
)
def test_every_css_spelling_of_a_reference_is_renamed_with_its_id(ident: str, fill: str) -> None:
    """A quoted id may hold spaces or brackets, and ``url`` is any case, as in CSS."""
    svg = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS}, viewBox="0 0 24 24")
    gradient = etree.SubElement(svg, f"{{{SVG_NS}}}linearGradient", id=ident)
    etree.SubElement(gradient, f"{{{SVG_NS}}}stop", offset="0")
    etree.SubElement(svg, f"{{{SVG_NS}}}path", d="M1 1h20v20z", fill=fill)
    root = check_structure(assemble([make_symbol("one", etree.tostring(svg), "one.svg")]), ["one"])
    assert root.find(f".//{{{SVG_NS}}}linearGradient").get("id") == f"one--{ident}"


def test_a_link_with_spaces_around_its_target_is_renamed() -> None:
    data = (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 24 24"><path id="p" d="M1 1h5" stroke="#000"/>'
        '<use href=" #p " x="3"/></svg>'
    ).encode()
    root = check_structure(assemble([make_symbol("one", data, "one.svg")]), ["one"])
    assert root.find(f".//{{{SVG_NS}}}use").get("href") == "#one--p"


_ID_TEXT = st.text(alphabet="ab1 -()'\"", min_size=1, max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ident=_ID_TEXT, quote=st.sampled_from(["", "'", '"']), name=st.sampled_from(["url", "URL"]))
def test_a_symbol_never_keeps_a_reference_that_points_outside_it(
    ident: str, quote: str, name: str
) -> None:
    """Whatever the id and however the reference is written, the sprite renames the
    reference with its id, or refuses the icon: never a reference into the page."""
    svg = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS}, viewBox="0 0 24 24")
    gradient = etree.SubElement(svg, f"{{{SVG_NS}}}linearGradient", id=ident)
    etree.SubElement(gradient, f"{{{SVG_NS}}}stop", offset="0")
    etree.SubElement(svg, f"{{{SVG_NS}}}path", d="M1 1h9", fill=f"{name}({quote}#{ident}{quote})")
    try:
        symbol = make_symbol("one", etree.tostring(svg), "one.svg")
    except UnsafeSVGError:
        return
    check_structure(assemble([symbol]), ["one"])


def test_a_style_sheet_is_refused_by_the_sprite_with_its_reason() -> None:
    data = f'<svg xmlns="{SVG_NS}" viewBox="0 0 24 24">\n<style>path {{ fill: red }}</style>'
    with pytest.raises(UnsafeSVGError, match=r"x\.svg:2: <style> is refused in the sprite: its"):
        make_symbol("x", (data + '<path d="M1 1h5"/></svg>').encode(), "x.svg")
