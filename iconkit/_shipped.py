"""The files that ship with iconkit: its catalogue and its stylesheet."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_catalog_path() -> Path:
    """The ``catalog.yaml`` that ships with iconkit (in a wheel, or in a source checkout)."""
    installed = _PACKAGE / "data" / "catalog.yaml"
    if installed.is_file():
        return installed
    return _PACKAGE.parent / "catalog.yaml"


def stylesheet() -> bytes:
    """``iconkit.css``: the rules every build copies and the gallery inlines."""
    return resources.files("iconkit").joinpath("static", "iconkit.css").read_bytes()
