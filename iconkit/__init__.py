"""iconkit: accessible SVG icons for Jinja templates, from one YAML catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iconkit._version import __version__ as __version__  # re-exported
from iconkit.catalog import Catalog, Icon, load_catalog
from iconkit.errors import CatalogError, IconkitError, UnknownIconError, UnsafeSVGError

if TYPE_CHECKING:
    from iconkit.jinja import install

__all__ = [
    "Catalog",
    "CatalogError",
    "Icon",
    "IconkitError",
    "UnknownIconError",
    "UnsafeSVGError",
    "install",
    "load_catalog",
]


def __getattr__(name: str) -> Any:
    """``install`` on first use: the command line never needs Jinja to build."""
    if name == "install":
        from iconkit.jinja import install

        return install
    raise AttributeError(f"module 'iconkit' has no attribute {name!r}")
