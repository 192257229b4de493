"""Where the files that ship with iconkit live: in a wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_catalog_path() -> Path:
    """The ``catalog.yaml`` that ships with iconkit."""
    installed = _PACKAGE / "data" / "catalog.yaml"
    if installed.is_file():
        return installed
    return _PACKAGE.parent / "catalog.yaml"


def package_bytes(name: str) -> bytes:
    """The bytes of ``name`` (``static/iconkit.css``) inside the package.

    Read from the package folder, as the catalogue is, rather than through
    ``importlib.resources``, which costs a build 3 ms of imports (``zipfile`` among them).
    """
    return (_PACKAGE / name).read_bytes()
