"""Real exports from design tools: accepted, drawn like their source at 24 and 48 px, never empty.

The fixtures under ``fixtures/exports`` reproduce what the tools write: Illustrator's
"preserve editing" ``<switch>`` with its private data, Sketch's and Figma's mixed
near-black greys, wide artwork, editors' ``<title>``/``<desc>``, and licence comments
and metadata. Each goes through ``add`` and must come out drawing what it drew.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageChops

from iconkit.add import NewIcon, add_icons
from iconkit.catalog import load_catalog
from iconkit.cli import main
from iconkit.errors import AddError, UnsafeSVGError
from iconkit.linter import lint
from iconkit.png import render_png
from iconkit.sprite import build_sprite, make_symbol

from .conftest import FIXTURES
from .pixels import ink_fraction, opaque_colours, render

EXPORTS = sorted((FIXTURES / "exports").glob("*.svg"))
GREYS = {"figma-greys", "sketch-greys"}  # near-black greys: folded into currentColor by --fix
DESCRIPTION = "A drawing exported from a design tool."


@pytest.fixture
def empty(write_catalog: Callable[..., Path]) -> Path:
    return write_catalog("")


def added_artwork(catalog: Path, path: Path, *, fix: bool) -> bytes:
    icon = NewIcon.from_file(path, DESCRIPTION, name=path.stem)
    add_icons(catalog, [icon], fix=fix)
    return (catalog.parent / "svg" / f"{path.stem}.svg").read_bytes()


def alpha_difference(first: Image.Image, second: Image.Image) -> int:
    low, high = ImageChops.difference(first.getchannel("A"), second.getchannel("A")).getextrema()
    return int(max(low, high))


def test_the_exports_cover_the_tools_and_the_cases() -> None:
    names = {path.stem for path in EXPORTS}
    assert {"illustrator-preserve-editing", "sketch-greys", "figma-greys"} <= names
    assert {"figma-wide-logo", "inkscape-wide-arrow"} <= names  # not square
    assert {"web-licence-comment", "web-licence-banner", "inkscape-cc-metadata"} <= names


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.stem)
def test_every_export_is_added_and_draws_like_its_source(path: Path, empty: Path) -> None:
    written = added_artwork(empty, path, fix=path.stem in GREYS)
    for size in (24, 48):
        source, cleaned = render(path.read_bytes(), size), render(written, size)
        assert ink_fraction(cleaned) > 0.02  # never accepted empty
        assert alpha_difference(source, cleaned) <= 4, f"{path.name} at {size} px"
        assert opaque_colours(cleaned) <= {(0, 0, 0)}  # drawn in currentColor (black here)
        assert all(max(colour) <= 0x50 for colour in opaque_colours(source))
    assert lint(empty).failed is False


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.stem)
def test_every_export_builds_into_the_sprite_and_a_png_with_ink(path: Path, empty: Path) -> None:
    added_artwork(empty, path, fix=path.stem in GREYS)
    (icon,) = load_catalog(empty)
    symbol = make_symbol(icon.name, icon.path.read_bytes(), icon.path)
    assert b"<path" in symbol.markup or b"<circle" in symbol.markup
    png = Image.open(io.BytesIO(render_png(symbol.markup, 48, "#000000")))
    assert ink_fraction(png.convert("RGBA")) > 0.02
    assert symbol.markup in build_sprite(load_catalog(empty))


def test_illustrator_switch_keeps_the_drawing_and_says_what_it_dropped(empty: Path) -> None:
    path = FIXTURES / "exports" / "illustrator-preserve-editing.svg"
    icon = NewIcon.from_file(path, DESCRIPTION, name="bell")
    added = add_icons(empty, [icon])  # no --fix needed
    (note,) = [f for f in added.findings if "<switch>" in f]
    assert "kept <g>" in note and "dropped <foreignObject requiredExtensions>" in note
    root = etree.fromstring((empty.parent / "svg" / "bell.svg").read_bytes())
    assert [etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)] == [
        "svg",
        "path",
    ]


SWITCH_OF_NOTHING = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><switch>'
    '<foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/" '
    'width="1" height="1"/></switch></svg>'
)


@pytest.mark.parametrize("fix", [False, True])
def test_an_export_that_draws_nothing_is_never_accepted(
    fix: bool, empty: Path, tmp_path: Path
) -> None:
    source = tmp_path / "ghost.svg"
    source.write_text(SWITCH_OF_NOTHING, encoding="utf-8")
    before = empty.read_bytes()
    with pytest.raises(AddError, match=r"nothing to draw.*\(after: .*<switch>"):
        add_icons(empty, [NewIcon.from_file(source, DESCRIPTION)], fix=fix)
    assert empty.read_bytes() == before
    assert not (empty.parent / "svg" / "ghost.svg").exists()


@pytest.mark.parametrize(
    "markup",
    [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"/>',
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><g><defs>'
        '<path id="p" d="M1 1h9v9z"/></defs></g></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<path d="M1 1h9v9z" fill="none"/><rect width="0" height="9"/></svg>',
    ],
    ids=["bare", "only-definitions", "unpainted"],
)
def test_nothing_to_draw_is_refused_by_add_lint_and_the_sprite(
    markup: str, write_catalog: Callable[..., Path], tmp_path: Path
) -> None:
    source = tmp_path / "blank.svg"
    source.write_text(markup, encoding="utf-8")
    with pytest.raises(AddError, match="nothing to draw"):
        add_icons(write_catalog(""), [NewIcon.from_file(source, DESCRIPTION)])
    catalog = write_catalog("blank:\n  title: Blank\n  description: Nothing at all.\n", artwork=())
    (catalog.parent / "svg" / "blank.svg").write_text(markup, encoding="utf-8")
    assert "nothing-to-draw" in {f.rule for f in lint(catalog).findings}
    with pytest.raises(UnsafeSVGError, match="draws nothing"):
        make_symbol("blank", markup.encode(), source)


def test_a_viewbox_without_area_is_refused_unless_width_and_height_give_one(
    empty: Path, tmp_path: Path
) -> None:
    body = '<path d="M4 12h16" fill="none" stroke="currentColor" stroke-width="2"/>'
    zero = tmp_path / "zero.svg"
    zero.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 0">{body}</svg>', encoding="utf-8"
    )
    with pytest.raises(AddError, match=r"viewBox '0 0 0 0' has no area.*viewBox=\"0 0 24 24\""):
        add_icons(empty, [NewIcon.from_file(zero, DESCRIPTION)])
    with pytest.raises(UnsafeSVGError, match="has no area"):
        make_symbol("zero", zero.read_bytes(), zero)
    sized = tmp_path / "sized.svg"
    sized.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 0" width="24" height="24">'
        f"{body}</svg>",
        encoding="utf-8",
    )
    added = add_icons(empty, [NewIcon.from_file(sized, DESCRIPTION)])
    assert any("replaced by '0 0 24 24'" in finding for finding in added.findings)
    assert b'viewBox="0 0 24 24"' in (empty.parent / "svg" / "sized.svg").read_bytes()


@pytest.mark.parametrize("name", sorted(GREYS))
def test_greys_without_fix_are_refused_naming_fix(name: str, empty: Path) -> None:
    path = FIXTURES / "exports" / f"{name}.svg"
    with pytest.raises(AddError, match=r"near-black greys .*: one colour in intent; --fix folds"):
        add_icons(empty, [NewIcon.from_file(path, DESCRIPTION)])


def test_colours_that_really_differ_name_the_fixed_colours_flag(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "traffic.svg"
    source.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<circle cx="12" cy="6" r="4" fill="#d1242f"/><circle cx="12" cy="18" r="4" '
        'fill="#1a7f37"/></svg>',
        encoding="utf-8",
    )
    argv = ["add", str(source), "--catalog", str(empty), "--description", DESCRIPTION, "--fix"]
    assert main(argv) == 1
    assert "add it with --fixed-colours" in capsys.readouterr().err
    assert main([*argv, "--fixed-colours"]) == 0


@pytest.mark.parametrize("stem", ["figma-wide-logo", "inkscape-wide-arrow"])
def test_wide_artwork_keeps_its_viewbox_and_draws_centred(stem: str, empty: Path) -> None:
    path = FIXTURES / "exports" / f"{stem}.svg"
    written = etree.fromstring(added_artwork(empty, path, fix=False))
    source = etree.fromstring(path.read_bytes())
    assert written.get("viewBox") == source.get("viewBox")
    (icon,) = load_catalog(empty)
    symbol = make_symbol(icon.name, icon.path.read_bytes(), icon.path)
    png = Image.open(io.BytesIO(render_png(symbol.markup, 48, "#000000")))
    box = png.convert("RGBA").getchannel("A").getbbox()
    assert box is not None
    left, top, right, bottom = box
    assert abs(top - (48 - bottom)) <= 1 and right - left > bottom - top  # centred, wide


def test_paint_on_the_root_counts() -> None:  # lucide's equal.svg: lines stroked from the root
    markup = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" stroke="currentColor">'
        '<line x1="5" x2="19" y1="9" y2="9"/></svg>'
    )
    assert make_symbol("equal", markup.encode(), "equal.svg").markup.startswith(b"<symbol")
