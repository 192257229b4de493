"""iconsets: Iconify JSON sets and folders of SVG files read as Iconify and npm mean them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from iconkit.errors import AddError
from iconkit.exportinfo import Credit
from iconkit.iconsets import IconSet, open_set

from .conftest import FIXTURES
from .pixels import ink_fraction, render

SETS = FIXTURES / "iconsets"
EXAMPLE = SETS / "example.json"


@pytest.fixture(scope="module")
def example() -> IconSet:
    return open_set(EXAMPLE)


def test_an_iconify_set_with_its_credit_aliases_and_hidden_icons(example: IconSet) -> None:
    assert example.credit == Credit("Example Strokes", "MIT", "Example Designer")
    assert example.names() == [
        "arrow-right",
        "circle-check",
        "square-hole",
        "wide-logo",
        "arrow-left",  # an alias that flips or turns its icon is a glyph of its own
        "arrow-down",
        "arrow-up",
    ]
    assert "old-square" in example.icons and "old-square" in example.hidden
    assert example.aliases == {"arrow-forward": "arrow-right", "next": "arrow-right",
                               "done": "circle-check"}  # fmt: skip
    assert example.aliases_of("arrow-right") == ("arrow-forward", "next")
    assert "dangling" in example.broken


def test_names_resolve_through_aliases_and_unknown_ones_suggest(example: IconSet) -> None:
    assert example.resolve(["next", "arrow-right", "done"]) == ["arrow-right", "circle-check"]
    with pytest.raises(AddError) as caught:
        example.resolve(["arow-right", "dangling", "nothing-like-it"])
    lines = str(caught.value).splitlines()
    assert "no icon 'arow-right' in this set; did you mean 'arrow-right' or" in lines[0]
    assert "dangling: cannot be read: an alias of nothing" in lines[1]
    assert lines[2].endswith("no icon 'nothing-like-it' in this set")


def svg(iconset: IconSet, name: str) -> bytes:
    artwork = iconset.artwork(name)
    assert isinstance(artwork, bytes)
    return artwork


def same(first: Image.Image, second: Image.Image) -> bool:
    low, high = ImageChops.difference(first.getchannel("A"), second.getchannel("A")).getextrema()
    return max(low, high) <= 8


@pytest.mark.parametrize("size", [24, 48])
def test_flips_and_quarter_turns_draw_as_iconify_draws_them(example: IconSet, size: int) -> None:
    right = render(svg(example, "arrow-right"), size)
    assert ink_fraction(right) > 0.02
    assert same(render(svg(example, "arrow-left"), size), right.transpose(Image.FLIP_LEFT_RIGHT))
    assert same(render(svg(example, "arrow-down"), size), right.transpose(Image.ROTATE_270))
    assert same(render(svg(example, "arrow-up"), size), right.transpose(Image.ROTATE_90))


def test_an_icon_keeps_its_own_box(example: IconSet) -> None:
    assert b'viewBox="0 0 32 16"' in svg(example, "wide-logo")
    assert b'viewBox="0 0 24 24"' in svg(example, "arrow-right")


def test_a_package_folder_reads_info_and_package_json_beside_icons_json() -> None:
    iconset = open_set(SETS / "iconify-package")
    assert iconset.path.name == "icons.json"
    assert iconset.credit == Credit("Package Dots (@iconify-json/pkg 1.2.3)", "Apache-2.0",
                                    "Dot Studio")  # fmt: skip
    assert b'viewBox="0 0 16 16"' in svg(iconset, "dot")


def test_a_folder_of_svg_files_takes_its_credit_from_package_json_and_license() -> None:
    iconset = open_set(SETS / "folder" / "icons")
    assert iconset.names() == ["bell", "cloud"]
    assert iconset.artwork("bell") == SETS / "folder" / "icons" / "bell.svg"
    assert iconset.credit == Credit("example-outline 0.3.0", "ISC",
                                    "Example Outline Contributors")  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"prefix": "x"}', "not an Iconify JSON icon set"),
        ("[1, 2]", "not an Iconify JSON icon set"),
        ("{not json", "not valid JSON"),
    ],
)
def test_what_is_not_a_set_is_refused(data: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "icons.json"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(AddError, match=message):
        open_set(path)


def test_broken_entries_are_refused_one_by_one(tmp_path: Path) -> None:
    icons = {
        "fine": {"body": '<path d="M1 1h9v9z"/>'},
        "no-body": {"width": 24},
        "bad-box": {"body": "<path/>", "width": "wide"},
        "loop": {"parent": "loop"},
        "text": "not an entry",
    }
    path = tmp_path / "icons.json"
    path.write_text(json.dumps({"prefix": "t", "icons": icons}), encoding="utf-8")
    iconset = open_set(path)
    assert iconset.names() == ["fine", "bad-box"]
    assert iconset.broken == {
        "no-body": "no SVG body",
        "loop": "no SVG body",  # in `icons`, an entry needs a body of its own
        "text": "not an icon entry",
    }
    assert svg(iconset, "fine").startswith(b"<svg ")
    with pytest.raises(AddError, match="#bad-box: cannot be read: 'wide' is not a number"):
        iconset.artwork("bad-box")


def test_nothing_there_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AddError, match="no such file or folder"):
        open_set(tmp_path / "missing")
    with pytest.raises(AddError, match="no SVG files in this folder"):
        open_set(tmp_path)


def test_an_alias_loop_or_dead_end_is_broken_not_endless(tmp_path: Path) -> None:
    aliases = {"a": {"parent": "b"}, "b": {"parent": "a"}, "c": {"parent": "a", "hFlip": True}}
    path = tmp_path / "icons.json"
    path.write_text(json.dumps({"icons": {}, "aliases": aliases}), encoding="utf-8")
    iconset = open_set(path)
    assert set(iconset.broken) == {"a", "b", "c"} and iconset.names() == []
