"""exportinfo: the title, description and credit an export carries, as add proposes them."""

from __future__ import annotations

import pytest

from iconkit.exportinfo import Credit, ExportInfo, copyright_holder, read_export_info, spdx
from iconkit.safesvg import parse_svg, read_svg

from .conftest import FIXTURES

EXPORTS = FIXTURES / "exports"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">{}<path d="M1 1h9"/></svg>'


@pytest.mark.parametrize(
    ("file", "credit"),
    [
        ("web-licence-comment.svg", Credit("example-icons v2.4.0", "ISC", None)),
        (
            "web-licence-banner.svg",
            Credit(
                "Example Glyphs Free 3.1.0 by @exampleglyphs - https://glyphs.example",
                "CC-BY-4.0",
                "Example Glyph Works, Inc.",
            ),
        ),
        ("inkscape-cc-metadata.svg", Credit(None, "CC-BY-SA-4.0", "Jo Example")),
        ("illustrator-preserve-editing.svg", Credit()),  # a generator comment is no licence
    ],
)
def test_the_credit_an_export_carries(file: str, credit: Credit) -> None:
    assert read_export_info(read_svg(EXPORTS / file)).credit == credit


@pytest.mark.parametrize(
    ("file", "title", "description"),
    [
        ("illustrator-title-desc.svg", "Send message", "A paper plane flying up and to the right."),
        ("sketch-greys.svg", "Inbox", None),  # "icon/inbox"; "Created with Sketch." is not words
        ("inkscape-cc-metadata.svg", "Sun", None),
        ("figma-greys.svg", None, None),
    ],
)
def test_the_words_an_export_proposes(
    file: str, title: str | None, description: str | None
) -> None:
    info = read_export_info(read_svg(EXPORTS / file))
    assert (info.title, info.description) == (title, description)


@pytest.mark.parametrize(
    "inside",
    [
        "<title>Frame 12</title>",
        "<title>Layer_1</title>",
        "<title>Artboard copy 2</title>",
        "<desc>Created with Sketch.</desc>",
        "<desc>Generator: Adobe Illustrator 28.0.0</desc>",
        '<title><tspan xmlns="http://www.w3.org/2000/svg">Hidden</tspan></title>',
    ],
)
def test_boilerplate_and_markup_propose_nothing(inside: str) -> None:
    assert read_export_info(parse_svg(SVG.format(inside).encode(), "x.svg")) == ExportInfo()


@pytest.mark.parametrize(
    ("comments", "credit"),
    [
        ("<!-- SPDX-License-Identifier: MIT -->", Credit(None, "MIT", None)),
        ("<!-- License: Apache License, Version 2.0 -->", Credit(None, "Apache-2.0", None)),
        (
            "<!-- Copyright © 2023-2024 Jane Doe --><!-- Licence: CC0 -->",
            Credit(None, "CC0-1.0", "Jane Doe"),
        ),
    ],
)
def test_licence_comments(comments: str, credit: Credit) -> None:
    assert read_export_info(parse_svg(SVG.format(comments).encode(), "x.svg")).credit == credit


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("CC BY 4.0", "CC-BY-4.0"),
        ("cc-by-sa 3.0", "CC-BY-SA-3.0"),
        ("Apache 2.0", "Apache-2.0"),
        ("The MIT License", "MIT"),
        ("ISC", "ISC"),
        ("Proprietary, ask first", "Proprietary, ask first"),
    ],
)
def test_common_spellings_become_spdx_identifiers(text: str, identifier: str) -> None:
    assert spdx(text) == identifier


def test_copyright_holder_keeps_inc_and_drops_the_year() -> None:
    assert copyright_holder("x\nCopyright (c) 2026 Lucide Icons and Contributors\n") == (
        "Lucide Icons and Contributors"
    )
    assert copyright_holder("Copyright 2024 Example Works, Inc.") == "Example Works, Inc."
    assert copyright_holder("no holder here") is None


def test_a_credit_fills_its_gaps_from_another() -> None:
    own = Credit(license="ISC")
    assert own.over(Credit("a set", "MIT", "Jo")) == Credit("a set", "ISC", "Jo")
    assert not Credit() and own
