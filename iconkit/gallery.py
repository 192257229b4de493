"""``gallery.html``: one searchable, accessible page of the whole set, in the build folder.

The page and one icon's item are ``string.Template`` files in ``pages/`` (not Jinja's
``templates/``): a build never imports Jinja. Every value filled in is escaped by
``_escaped``; only the sprite and the items (made of escaped values) go in as they are.
The page's style and script are files beside it (``gallery.HASH.css``, ``.js``), never
inline, so it works under ``Content-Security-Policy: default-src 'self'``.
"""

from __future__ import annotations

import functools
import hashlib
import html
from collections.abc import Mapping
from importlib import resources
from string import Template
from typing import Any

from iconkit._version import __version__
from iconkit.manifest import MANIFEST

__all__ = ["GALLERY", "render_gallery"]

GALLERY = "gallery.html"


def render_gallery(
    manifest: Mapping[str, Any], sprite: bytes, title: str = "Icon gallery"
) -> dict[str, bytes]:
    """The gallery's files, by name: the page for a build's ``manifest`` (with ``sprite``
    inlined, and linking the build's ``iconkit.css``), its style sheet and its script."""
    assets = {
        f"gallery.{hashlib.sha256(data).hexdigest()[:8]}.{kind}": data
        for kind, data in (("css", _asset("gallery.css")), ("js", _asset("gallery.js")))
    }
    css, js = assets
    colours = _colours_shown(manifest)
    items = [_item(name, entry, colours) for name, entry in manifest["icons"].items()]
    page = _template(GALLERY).substitute(
        _escaped(
            title=title,
            count=str(len(items)),
            version=__version__,
            manifest_name=MANIFEST,
            sprite_name=manifest["sprite"],
            css_name=manifest["css"],
            gallery_css=css,
            gallery_js=js,
        )
        | {"sprite": sprite.decode(), "items": "".join(items)}
    )
    return {GALLERY: page.encode(), **assets}


def _asset(name: str) -> bytes:
    return resources.files("iconkit").joinpath("pages", name).read_bytes()


@functools.cache
def _template(name: str) -> Template:
    return Template(_asset(name).decode())


def _escaped(**values: str) -> dict[str, str]:
    return {key: html.escape(value, quote=True) for key, value in values.items()}


def _colours_shown(manifest: Mapping[str, Any]) -> tuple[str, str] | None:
    """Of the build's PNG colours, the one shown on the light and on the dark background."""
    names: list[str] = []
    for entry in manifest["icons"].values():  # every icon has the same colours: one will do
        for key in entry["png"]:
            colour = key.split("-", 1)[1]
            if colour not in names:
                names.append(colour)
        break
    if not names:
        return None
    on_light = "dark" if "dark" in names else names[0]
    on_dark = "light" if "light" in names else names[-1]
    return on_light, on_dark


def _item(name: str, entry: Mapping[str, Any], colours: tuple[str, str] | None) -> str:
    """Icon ``name``'s item: its manifest ``entry`` shown, with PNGs in ``colours``."""
    classes = ["icon", f"icon-{name}"]
    if entry.get("animated"):
        classes.append("icon-spin")
    if entry.get("fixed_colours"):
        classes.append("icon-fixed")
    words = [name, entry["title"], entry["description"], *entry["aliases"], *entry["tags"]]
    return _template("gallery-item.html").substitute(
        _escaped(
            name=name,
            title=entry["title"],
            description=entry["description"],
            aliases=", ".join(entry["aliases"]) or "none",
            tags=", ".join(entry["tags"]) or "none",
            classes=" ".join(classes),
            search=" ".join(words).lower(),
            call=f"{{{{ icon('{name}') }}}}",
        )
        | {
            "png_light": _img(entry, colours[0]) if colours else "",
            "png_dark": _img(entry, colours[1]) if colours else "",
        }
    )


def _img(entry: Mapping[str, Any], colour: str) -> str:
    """The ``<img>`` of the icon's PNG fallback in ``colour``, or nothing without PNGs."""
    sizes = sorted({int(key.split("@", 1)[0]) for key in entry["png"]})
    if not sizes:
        return ""
    size = 24 if 24 in sizes else sizes[0]
    one = entry["png"].get(f"{size}@1x-{colour}")
    two = entry["png"].get(f"{size}@2x-{colour}")
    src = one or two
    if src is None:
        return ""
    srcset = f' srcset="{html.escape(two)} 2x"' if one and two else ""
    return f'<img src="{html.escape(src)}"{srcset} width="{size}" height="{size}" alt="">'
