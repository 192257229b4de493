"""Where the shipped catalogue lives: in a wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_catalog_path() -> Path:
    """The ``catalog.yaml`` that ships with iconkit."""
    installed = _PACKAGE / "data" / "catalog.yaml"
    if installed.is_file():
        return installed
    return _PACKAGE.parent / "catalog.yaml"
