"""The renderer for a project's settings, as the Jinja and Django integrations both make it.

With a usable build in the project's output folder, icons reference its sprite file;
with ``inline``, the sprite goes into the page; without a build, each icon carries
its own shapes and the ``iconkit`` logger says once that a build would make pages
smaller. A build that is there but unusable (stale, unreadable) is an error, as is a
missing one that was asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from iconkit._calls import Translate
from iconkit._paths import shown
from iconkit._urls import Urls
from iconkit.catalog import Catalog, load_catalog
from iconkit.errors import ManifestError
from iconkit.manifest import MANIFEST, load_manifest
from iconkit.markup import SYMBOL_PREFIX, Renderer, logger
from iconkit.settings import Settings

__all__ = ["DEFAULT_BASE_URL", "project_renderer", "usable_manifest"]

DEFAULT_BASE_URL = "/static/icons/"


def project_renderer(
    settings: Settings,
    *,
    catalog: Catalog | None = None,
    inline: bool = False,
    base_url: str | None = None,
    rename: Callable[[str], str] | None = None,
    absolute_base_url: str | None = None,
    css_url: str | Callable[[], str] | None = None,
    strict: bool = True,
    translations: Callable[[], Translate | None] | None = None,
    build_required: bool = False,
    build_command: str = "iconkit build",
) -> Renderer:
    """The renderer for ``settings``: see the module's docstring for the three modes.

    ``base_url`` is where the build folder is served (default: the build's
    ``url-prefix``), ``rename`` the name a static-files storage gives a build file
    (Django's hashed names), ``css_url`` the stylesheet to link when there is no build
    (or a function giving it, called only then).
    """
    if catalog is None:
        catalog = load_catalog(settings.catalog_path)
    try:
        manifest: dict[str, Any] | None = usable_manifest(catalog, settings.out, build_command)
    except ManifestError:
        if build_required or (settings.out / MANIFEST).exists():
            raise  # asked for, or there but unusable: say so
        manifest = None
    if base_url is None:  # the build's url-prefix setting, recorded in its manifest
        base_url = str((manifest or {}).get("url_prefix") or DEFAULT_BASE_URL)
    if not base_url.endswith("/"):
        base_url += "/"
    absolute = absolute_base_url or (base_url if base_url.startswith(("https:", "http:")) else None)
    if absolute is not None and not absolute.endswith("/"):
        absolute += "/"
    urls = Urls("", base_url, absolute, None, rename)
    block = shapes = None
    sprite = ""
    if inline:
        from iconkit.inline import sprite_block

        block = sprite_block(catalog)
        sprite = "#" + SYMBOL_PREFIX
    elif manifest is not None:
        sprite = urls.file(str(manifest["sprite"])) + "#"
    else:
        from iconkit.inline import own_shapes

        logger.warning(
            "no build in %s: each icon carries its own shapes; run `%s` for smaller pages "
            "that share one cached sprite",
            shown(settings.out),
            build_command,
        )
        shapes = functools.cache(functools.partial(own_shapes, limits=settings.limits))
    if manifest is not None and manifest.get("css"):
        css_url = urls.file(str(manifest["css"]))
    elif callable(css_url):
        css_url = css_url()
    return Renderer(
        catalog,
        Urls(sprite, base_url, absolute, css_url, rename),
        manifest=manifest,
        sprite_block=(lambda: block) if block is not None else None,
        shapes=shapes,
        translations=translations,
        strict=strict,
    )


def usable_manifest(
    catalog: Catalog, out: Path, build_command: str = "iconkit build"
) -> dict[str, Any]:
    """The manifest of the build in ``out``, if it has every icon of ``catalog``;
    ``ManifestError`` saying what to run otherwise."""
    manifest = load_manifest(out)
    missing = [icon.name for icon in catalog if icon.name not in manifest.get("icons", {})]
    if missing:
        names = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        raise ManifestError(
            f"{shown(out / MANIFEST)}: stale build, {len(missing)} icon(s) of "
            f"{catalog.label} missing ({names}); run `{build_command}`"
        )
    return manifest
