"""``manifest.json``: what a build wrote, for the Jinja integration and other tools to read.

Reading a manifest needs nothing of the build: a web app imports this module, not
``iconkit.builder``. The format is described in docs/build.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iconkit._version import __version__
from iconkit.errors import ManifestError

if TYPE_CHECKING:
    from iconkit.catalog import Icon

__all__ = ["MANIFEST", "SCHEMA", "icon_entry", "load_manifest", "manifest_bytes", "new_manifest"]

SCHEMA = 1  # a change that would break readers gets a new number
MANIFEST = "manifest.json"


def new_manifest(
    sprite: str,
    css: str,
    url_prefix: str,
    icons: Mapping[str, Mapping[str, Any]],
    notices: str | None = None,
) -> dict[str, Any]:
    """The manifest of a build that wrote ``sprite`` and ``css`` (and ``notices``, when it
    credits any icon), with ``icons`` by name."""
    files = {"sprite": sprite, "css": css} | ({"notices": notices} if notices else {})
    head = {"schema": SCHEMA, "iconkit": __version__, **files, "url_prefix": url_prefix}
    return {**head, "icons": icons}


def icon_entry(
    icon: Icon, digest: str, png: Mapping[str, str], png_rtl: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``icon``'s entry: its symbol hashes to ``digest``; ``png`` maps labels to paths, and
    ``png_rtl`` (for icons that mirror) the same labels to the flipped files. ``source``,
    ``license`` and ``author`` are there when the catalogue gives them."""
    return {
        "title": icon.title,
        "description": icon.description,
        "aliases": list(icon.aliases),
        "tags": list(icon.tags),
        "symbol": icon.name,
        "hash": digest,
        "fixed_colours": icon.fixed_colours,
        "animated": icon.animated,
        **({"mirror": True, "png_rtl": png_rtl or {}} if icon.mirror else {}),
        "png": png,
        **icon.credit,
    }


_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder for every line: cheaper than dumps


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    """``manifest`` as JSON with one icon a line: diffable, and quick to write."""
    head = {key: value for key, value in manifest.items() if key != "icons"}
    icons = manifest["icons"]
    lines = [f"{json.dumps(name)}: {_JSON.encode(entry)}" for name, entry in icons.items()]
    body = "{\n" + ",\n".join(lines) + "\n}" if lines else "{}"
    return (json.dumps(head, ensure_ascii=False)[:-1] + f', "icons": {body}}}\n').encode()


def load_manifest(out_dir: str | Path) -> dict[str, Any]:
    """The ``manifest.json`` of a build; ``ManifestError`` saying what to run when unusable."""
    path = Path(out_dir) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: no manifest; run `iconkit build`") from None
    except (OSError, ValueError) as error:
        raise ManifestError(f"{path}: unreadable ({error}); run `iconkit build`") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else None
        raise ManifestError(
            f"{path}: schema {found!r}, expected {SCHEMA}; run `iconkit build` again"
        )
    return data
