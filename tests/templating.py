"""Helpers for the template tests: a build folder in the manifest v1 shape, and parsing.

The manifest is written here from the contract's schema (not by ``iconkit build``, whose
PNG rendering is slow) so the template tests stay fast and exercise only the renderer;
the build's own ``load_manifest`` reads it. One test in test_jinja.py uses a real build.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from lxml import etree

from iconkit.catalog import Catalog, load_catalog

SIZES = (16, 24, 32, 48)
COLOURS = {"dark": "#1f2328", "light": "#f6f8fa"}
SVG_NS = "http://www.w3.org/2000/svg"


def write_build(folder: Path, catalog: Catalog) -> Path:
    """Write ``manifest.json`` (schema 1) for ``catalog`` into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    icons = {}
    for icon in catalog:
        digest = hashlib.sha256(icon.path.read_bytes()).hexdigest()
        png = {
            f"{size}@{scale}x-{colour}": (
                f"png/{icon.name}-{size}@{scale}x-{colour}.{digest[:8]}.png"
            )
            for size in SIZES
            for scale in (1, 2)
            for colour in COLOURS
        }
        icons[icon.name] = {
            "title": icon.title,
            "description": icon.description,
            "aliases": list(icon.aliases),
            "tags": list(icon.tags),
            "symbol": icon.name,
            "hash": digest,
            "fixed_colours": icon.fixed_colours,
            "animated": icon.animated,
            "png": png,
        }
    manifest = {
        "schema": 1,
        "iconkit": "0.1.0",
        "sprite": "sprite.0123abcd.svg",
        "css": "iconkit.4567cdef.css",
        "icons": icons,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def parse(markup: str) -> etree._Element:
    """Parse one rendered element as XML: it must be well-formed, attributes exact."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(str(markup).encode("utf-8"), parser)


def parse_page(html: str) -> etree._Element:
    """Parse a whole rendered page (or fragment) with lxml's HTML parser."""
    from lxml import html as lxml_html

    return lxml_html.document_fromstring(html)


@pytest.fixture(scope="session", name="shipped")
def shipped_fixture() -> Catalog:
    """The shipped catalogue, loaded once."""
    return load_catalog()


@pytest.fixture(scope="session", name="build_dir")
def build_dir_fixture(tmp_path_factory: pytest.TempPathFactory, shipped: Catalog) -> Path:
    """A build folder (manifest v1) for the shipped catalogue."""
    return write_build(tmp_path_factory.mktemp("build") / "iconkit-build", shipped)
