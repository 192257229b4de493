"""iconkit: accessible SVG icons for Jinja templates, from one YAML catalogue."""

__version__ = "0.1.0"  # first, so modules imported below can read it

from iconkit.catalog import Catalog, Icon, load_catalog  # noqa: E402
from iconkit.errors import CatalogError, IconkitError, UnknownIconError, UnsafeSVGError  # noqa: E402
from iconkit.jinja import install  # noqa: E402

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
