"""``gallery.html``: one standalone, searchable, accessible page of the whole set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from iconkit import __version__

__all__ = ["render_gallery"]

_ENVIRONMENT = Environment(
    loader=PackageLoader("iconkit", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render_gallery(
    manifest: Mapping[str, Any], sprite: bytes, title: str = "Icon gallery"
) -> bytes:
    """The gallery page for a build's ``manifest``, with ``sprite`` inlined so it stands alone."""
    from iconkit.build import css_bytes  # here: build imports this module

    colours = _colour_names(manifest)
    icons = [_icon(name, entry, colours) for name, entry in manifest["icons"].items()]
    page = _ENVIRONMENT.get_template("gallery.html").render(
        title=title,
        icons=icons,
        css=Markup(css_bytes().decode()),
        sprite=Markup(sprite.decode()),
        version=__version__,
        manifest_name="manifest.json",
        sprite_name=manifest["sprite"],
    )
    return page.encode()


def _colour_names(manifest: Mapping[str, Any]) -> tuple[str, str] | None:
    """The colours to show on the light and on the dark background."""
    names: list[str] = []
    for entry in manifest["icons"].values():
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


def _png(entry: Mapping[str, Any], colour: str) -> dict[str, Any] | None:
    sizes = sorted({int(key.split("@", 1)[0]) for key in entry["png"]})
    if not sizes:
        return None
    size = 24 if 24 in sizes else sizes[0]
    one = entry["png"].get(f"{size}@1x-{colour}")
    two = entry["png"].get(f"{size}@2x-{colour}")
    src = one or two
    if src is None:
        return None
    return {"src": src, "srcset": f"{two} 2x" if one and two else "", "size": size}


def _icon(name: str, entry: Mapping[str, Any], colours: tuple[str, str] | None) -> dict[str, Any]:
    classes = ["icon", f"icon-{name}"]
    if entry.get("animated"):
        classes.append("icon-spin")
    if entry.get("fixed_colours"):
        classes.append("icon-fixed")
    words = [name, entry["title"], entry["description"], *entry["aliases"], *entry["tags"]]
    return {
        "name": name,
        "title": entry["title"],
        "description": entry["description"],
        "aliases": entry["aliases"],
        "tags": entry["tags"],
        "classes": " ".join(classes),
        "search": " ".join(words).lower(),
        "call": f"{{{{ icon('{name}') }}}}",
        "png_light": _png(entry, colours[0]) if colours else None,
        "png_dark": _png(entry, colours[1]) if colours else None,
    }
