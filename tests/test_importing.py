"""import: icons of a set come in with their aliases and licence, described by a person."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import ImageChops

from iconkit.add import Added
from iconkit.catalog import load_catalog
from iconkit.cli import main
from iconkit.descriptions import read_descriptions
from iconkit.errors import AddError
from iconkit.importing import import_icons, open_set
from iconkit.linter import lint

from .conftest import FIXTURES
from .pixels import render
from .test_add import snapshot

SETS = FIXTURES / "iconsets"
EXAMPLE = SETS / "example.json"
DESCRIPTIONS = read_descriptions(SETS / "example-descriptions.yaml")


@pytest.fixture
def catalog(write_catalog: Callable[..., Path]) -> Path:
    return write_catalog("# my icons\ntick:\n  title: Done\n  description: A tick mark.\n")


def imported(catalog: Path, names: list[str] | None, **options: object) -> Added:
    return import_icons(catalog, open_set(EXAMPLE), names, DESCRIPTIONS, **options)  # type: ignore[arg-type]


def test_named_icons_come_in_with_their_aliases_and_credit(catalog: Path) -> None:
    added = imported(catalog, ["next", "square-hole", "wide-logo"])
    icons = {icon.name: icon for icon in load_catalog(catalog)}
    assert list(icons) == ["tick", "arrow-right", "square-hole", "wide-logo"]
    assert icons["arrow-right"].aliases == ("arrow-forward", "next")
    assert icons["arrow-right"].title == "Arrow right"
    assert icons["square-hole"].description == DESCRIPTIONS["square-hole"]
    assert {icon.credit.license for icon in added.icons} == {"MIT"}
    assert {icon.credit.author for icon in added.icons} == {"Example Designer"}
    assert {tuple(icon.credit.items()) for icon in icons.values() if icon.name != "tick"} == {
        (("source", "Example Strokes"), ("license", "MIT"), ("author", "Example Designer"))
    }
    assert lint(catalog).failed is False


def test_every_icon_of_the_set_draws_like_its_source(catalog: Path) -> None:
    iconset = open_set(EXAMPLE)
    imported(catalog, None)
    for name in iconset.names():
        source = iconset.artwork(name)
        assert isinstance(source, bytes)
        written = (catalog.parent / "svg" / f"{name}.svg").read_bytes()
        for size in (24, 48):
            a, b = render(source, size).getchannel("A"), render(written, size).getchannel("A")
            assert max(ImageChops.difference(a, b).getextrema()) <= 4, (name, size)
    assert b"square-hole-a" in (catalog.parent / "svg" / "square-hole.svg").read_bytes()


def test_all_leaves_out_hidden_icons_which_can_still_be_named(catalog: Path) -> None:
    added = imported(catalog, None)
    assert "old-square" not in [icon.name for icon in added.icons]
    assert [icon.name for icon in imported(catalog, ["old-square"]).icons] == ["old-square"]


def test_an_icon_without_a_description_is_refused(catalog: Path) -> None:
    before = snapshot(catalog.parent)
    with pytest.raises(AddError, match=r"example.json#circle-check: no description"):
        import_icons(catalog, open_set(EXAMPLE), ["circle-check", "arrow-right"], {
            "arrow-right": "An arrow pointing to the right."})  # fmt: skip
    assert snapshot(catalog.parent) == before
    added = import_icons(catalog, open_set(EXAMPLE), ["circle-check", "arrow-right"],
                         {"arrow-right": "An arrow pointing to the right."},
                         skip_refused=True)  # fmt: skip
    assert [icon.name for icon in added.icons] == ["arrow-right"]
    assert list(added.refused) == [f"{EXAMPLE}#circle-check"]


def test_a_taken_alias_is_left_out_and_said(write_catalog: Callable[..., Path]) -> None:
    catalog = write_catalog("done:\n  title: Complete\n  description: A tick mark.\n")
    added = imported(catalog, ["circle-check"])
    assert load_catalog(catalog).resolve("circle-check").aliases == ()
    assert added.findings[0].endswith("#circle-check: alias 'done' left out: already taken")


def test_a_prefix_keeps_two_sets_apart(catalog: Path) -> None:
    imported(catalog, ["arrow-right"], prefix="ex-")
    icon = load_catalog(catalog).resolve("ex-next")
    assert (icon.name, icon.title, icon.aliases) == (
        "ex-arrow-right",
        "Arrow right",
        ("ex-arrow-forward", "ex-next"),
    )


def test_hostile_bodies_are_refused_like_any_file(catalog: Path, tmp_path: Path) -> None:
    path = tmp_path / "icons.json"
    path.write_text(
        '{"prefix": "evil", "icons": {'
        '"script": {"body": "<script>alert(1)</script><path d=\\"M1 1h9v9z\\"/>"},'
        '"escape": {"body": "</svg><svg onload=\\"alert(1)\\">"}}}',
        encoding="utf-8",
    )
    before = snapshot(catalog.parent)
    with pytest.raises(AddError) as caught:
        import_icons(catalog, open_set(path), None, {"script": "A square.", "escape": "None."})
    message = str(caught.value)
    assert "#script:1: <script> is refused" in message and "#escape:" in message
    assert snapshot(catalog.parent) == before


def test_a_folder_of_svg_files_with_a_csv_of_descriptions(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = SETS / "folder"
    argv = ["import", str(folder / "icons"), "--all", "--catalog", str(catalog),
            "--descriptions", str(folder / "descriptions.csv")]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "added bell: Bell (svg/bell.svg; ISC, example-outline 0.3.0)" in out
    assert [icon.name for icon in load_catalog(catalog)] == ["tick", "bell", "cloud"]


def test_the_command_line_imports_named_icons_with_one_description_each(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["import", str(EXAMPLE), "arrow-left", "circle-check", "--catalog", str(catalog),
            "--description", "An arrow pointing left.", "--description", "A tick in a ring.",
            "--tag", "example", "--dry-run"]  # fmt: skip
    before = snapshot(catalog.parent)
    assert main(argv) == 0
    assert "would add arrow-left: Arrow left (svg/arrow-left.svg; MIT, Example Strokes)" in (
        capsys.readouterr().out
    )
    assert snapshot(catalog.parent) == before
    assert main(argv[:-1]) == 0
    icon = load_catalog(catalog).resolve("circle-check")
    assert (icon.aliases, icon.tags) == (("done",), ("example",))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", str(EXAMPLE)], "name the icons to import, or pass --all"),
        (["import", str(EXAMPLE), "next", "--all"], "name the icons to import, or pass --all"),
        (["import", str(EXAMPLE), "next", "--description", "A.", "--description", "B."],
         "--description given 2 time(s) for 1 icon(s)"),
    ],
)  # fmt: skip
def test_usage_mistakes_exit_2(
    argv: list[str], message: str, catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--catalog", str(catalog)]) == 2
    assert message in capsys.readouterr().err


def test_an_unknown_name_says_what_the_set_has(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(EXAMPLE), "arow-right", "--catalog", str(catalog)]) == 1
    assert "did you mean 'arrow-right'" in capsys.readouterr().err


def test_a_description_may_be_keyed_by_an_alias_or_the_new_name(catalog: Path) -> None:
    words = {"next": "An arrow pointing right.", "ex-circle-check": "A tick in a ring."}
    added = import_icons(catalog, open_set(EXAMPLE), ["next", "done"], words, prefix="ex-")
    assert [(i.name, i.description) for i in added.icons] == [
        ("ex-arrow-right", "An arrow pointing right."),
        ("ex-circle-check", "A tick in a ring."),
    ]
