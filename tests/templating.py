"""Helpers for the template tests: a build folder in the manifest v1 shape, and parsing.

The manifest is written here from the contract's schema (not by ``iconkit build``) so the
template tests stay fast and exercise only the renderer; ``load_manifest`` reads it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import types
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


def stub_missing_build_modules() -> None:
    """Until the build's modules land on main, stand in for them with the contract's shape."""
    try:
        import iconkit.build  # noqa: F401
    except ImportError:
        module = types.ModuleType("iconkit.build")

        def load_manifest(out_dir: Path) -> dict[str, object]:
            from iconkit.errors import ManifestError

            path = Path(out_dir) / "manifest.json"
            try:
                data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
            except OSError:
                raise ManifestError(f"{path}: no manifest; run `iconkit build`") from None
            return data

        module.load_manifest = load_manifest  # type: ignore[attr-defined]
        sys.modules["iconkit.build"] = module
    try:
        import iconkit.sprite  # noqa: F401
    except ImportError:
        module = types.ModuleType("iconkit.sprite")

        def build_sprite(catalog: Catalog) -> bytes:
            from iconkit.safesvg import read_svg

            root = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS})
            root.set("aria-hidden", "true")
            for icon in catalog:
                art = read_svg(icon.path)
                symbol = etree.SubElement(root, f"{{{SVG_NS}}}symbol")
                symbol.set("id", icon.name)
                symbol.set("viewBox", art.get("viewBox", "0 0 24 24"))
                group = etree.SubElement(symbol, f"{{{SVG_NS}}}g")
                for key, value in art.attrib.items():
                    if key not in ("viewBox", "width", "height"):
                        group.set(key, value)
                group.extend(list(art))
            return etree.tostring(root)

        module.build_sprite = build_sprite  # type: ignore[attr-defined]
        sys.modules["iconkit.sprite"] = module


CONTRACT_CSS = (
    ".icon{display:inline-block;vertical-align:-0.125em;overflow:visible}"
    ".icon:not([width]){width:1em;height:1em}"
    ".icon-spin{animation:iconkit-spin 1s linear infinite;transform-origin:center}"
    "@keyframes iconkit-spin{to{transform:rotate(360deg)}}"
    "@media (prefers-reduced-motion: reduce){.icon-spin{animation:none}}"
    "@media (forced-colors: active){.icon{forced-color-adjust:auto}"
    ".icon-fixed{forced-color-adjust:none}}"
)


def stub_missing_stylesheet() -> None:
    """Until ``iconkit/static/iconkit.css`` lands, serve the contract's rules."""
    import iconkit.inline

    try:
        iconkit.inline.stylesheet()
    except OSError:
        iconkit.inline.stylesheet = lambda: CONTRACT_CSS


stub_missing_build_modules()
from iconkit.build import load_manifest  # noqa: E402  (after the stand-in)

__all__ = ["load_manifest"]


@pytest.fixture(scope="session", name="shipped")
def shipped_fixture() -> Catalog:
    """The shipped catalogue, loaded once."""
    return load_catalog()


@pytest.fixture(scope="session", name="build_dir")
def build_dir_fixture(tmp_path_factory: pytest.TempPathFactory, shipped: Catalog) -> Path:
    """A build folder (manifest v1) for the shipped catalogue."""
    return write_build(tmp_path_factory.mktemp("build") / "iconkit-build", shipped)


@pytest.fixture(autouse=True, name="stylesheet")
def stylesheet_fixture() -> None:
    stub_missing_stylesheet()
