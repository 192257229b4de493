"""iconkit: accessible SVG icons for Jinja templates, from one YAML catalogue."""

from iconkit.catalog import Catalog, Icon, load_catalog
from iconkit.errors import CatalogError, IconkitError, UnknownIconError, UnsafeSVGError
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

__version__ = "0.1.0"
