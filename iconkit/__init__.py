"""iconkit: accessible SVG icons for Jinja and Django templates, from one YAML catalogue.

Everything a user may touch is importable from here; the integrations are the
submodules ``iconkit.jinja``, ``iconkit.flask``, ``iconkit.django`` and ``iconkit.i18n``.
Other modules are internal. Names are loaded on first use, so ``import iconkit`` costs
nothing, and a web application never loads the build, nor the build Jinja.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from iconkit._version import __version__ as __version__  # re-exported
from iconkit.errors import (
    AddError,
    BuildError,
    CatalogError,
    ConfigError,
    IconArgumentError,
    IconkitError,
    ManifestError,
    Problem,
    ScanError,
    UnknownIconError,
    UnsafeSVGError,
    UsageError,
)

if TYPE_CHECKING:
    from iconkit.add import Added, NewIcon, add_icons
    from iconkit.builder import BuildResult, build, check
    from iconkit.catalog import Catalog, Icon, load_catalog
    from iconkit.iconsets import open_set
    from iconkit.importing import import_icons
    from iconkit.jinja import install
    from iconkit.linter import Finding, LintReport, LintSettings, lint
    from iconkit.manifest import load_manifest
    from iconkit.markup import Renderer
    from iconkit.normalise import Cleaned, clean_svg
    from iconkit.project import init_project
    from iconkit.safesvg import Limits, parse_svg
    from iconkit.scan import ScanReport, scan_templates
    from iconkit.settings import Settings, load_settings

_LAZY = {
    "Added": "iconkit.add",
    "NewIcon": "iconkit.add",
    "add_icons": "iconkit.add",
    "BuildResult": "iconkit.builder",
    "build": "iconkit.builder",
    "check": "iconkit.builder",
    "Catalog": "iconkit.catalog",
    "Icon": "iconkit.catalog",
    "load_catalog": "iconkit.catalog",
    "import_icons": "iconkit.importing",
    "open_set": "iconkit.iconsets",
    "install": "iconkit.jinja",
    "Finding": "iconkit.linter",
    "LintReport": "iconkit.linter",
    "LintSettings": "iconkit.linter",
    "lint": "iconkit.linter",
    "load_manifest": "iconkit.manifest",
    "Renderer": "iconkit.markup",
    "Cleaned": "iconkit.normalise",
    "clean_svg": "iconkit.normalise",
    "init_project": "iconkit.project",
    "Limits": "iconkit.safesvg",
    "parse_svg": "iconkit.safesvg",
    "ScanReport": "iconkit.scan",
    "scan_templates": "iconkit.scan",
    "Settings": "iconkit.settings",
    "load_settings": "iconkit.settings",
}

__all__ = [
    "AddError",
    "Added",
    "BuildError",
    "BuildResult",
    "Catalog",
    "CatalogError",
    "Cleaned",
    "ConfigError",
    "Finding",
    "Icon",
    "IconArgumentError",
    "IconkitError",
    "Limits",
    "LintReport",
    "LintSettings",
    "ManifestError",
    "NewIcon",
    "Problem",
    "Renderer",
    "ScanError",
    "ScanReport",
    "Settings",
    "UnknownIconError",
    "UnsafeSVGError",
    "UsageError",
    "add_icons",
    "build",
    "check",
    "clean_svg",
    "import_icons",
    "init_project",
    "install",
    "lint",
    "load_catalog",
    "load_manifest",
    "load_settings",
    "open_set",
    "parse_svg",
    "scan_templates",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'iconkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use is a plain look-up
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
