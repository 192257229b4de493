"""``manifest.json``: what a build wrote, for the Jinja integration and other tools to read.

Reading a manifest needs nothing of the build: a web app imports this module, not
``iconkit.build``. The format is described in docs/build.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from iconkit.errors import ManifestError

__all__ = ["MANIFEST", "SCHEMA", "load_manifest", "manifest_bytes"]

SCHEMA = 1  # a change that would break readers gets a new number
MANIFEST = "manifest.json"


def manifest_bytes(head: dict[str, Any], lines: list[str]) -> bytes:
    """The manifest as JSON with one icon per line: diffable, and fast (the C encoder)."""
    icons = "{\n" + ",\n".join(lines) + "\n}" if lines else "{}"
    return (json.dumps(head, ensure_ascii=False)[:-1] + f', "icons": {icons}}}\n').encode()


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
