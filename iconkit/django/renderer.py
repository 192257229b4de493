"""The one renderer (``iconkit.markup.Renderer``) for a Django project, made on first use.

Its URLs come from ``django.templatetags.static.static()``, so they follow ``STATIC_URL``
and the storage: under ``ManifestStaticFilesStorage`` the sprite, the stylesheet and each
PNG get the names ``collectstatic`` gave them. With a build, icons use its sprite;
without one, each icon carries its own shapes and the shipped stylesheet is linked.
The renderer is made again when a setting it depends on changes (tests with
``override_settings``) and, with ``DEBUG``, on the first request after a new build
or a change of the catalogue or the settings file.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from django.core.signals import request_started, setting_changed
from django.templatetags.static import static

from iconkit._paths import shown
from iconkit._served import SHIPPED_CSS, stamp
from iconkit.build import MANIFEST
from iconkit.catalog import load_catalog
from iconkit.django.conf import Options, options
from iconkit.errors import ConfigError, ManifestError
from iconkit.jinja import _manifest
from iconkit.markup import SYMBOL_PREFIX, Renderer, Urls, logger

__all__ = ["connect", "get_renderer", "reset"]

SETTINGS = frozenset(
    {"BASE_DIR", "DEBUG", "ICONKIT", "STATIC_URL", "STATICFILES_STORAGE", "STORAGES"}
)
"""Django settings the renderer depends on."""

_made: list[tuple[Renderer, tuple[object, ...]]] = []  # the renderer, its files' stamp


def get_renderer() -> Renderer:
    """The project's renderer, made on first use."""
    if not _made:
        found = options()
        _made.append((make_renderer(found), stamp(found.settings)))
    return _made[0][0]


def reset() -> None:
    """Forget the options and the renderer; the next use makes them again."""
    options.cache_clear()
    _made.clear()


def make_renderer(found: Options) -> Renderer:
    """A renderer for ``found``: the build's sprite, inline sprite, or each icon's own shapes."""
    settings = found.settings
    catalog = load_catalog(settings.catalog_path)
    try:
        manifest: dict[str, Any] | None = _manifest(catalog, settings.out)
    except ManifestError:
        if (settings.out / MANIFEST).exists():
            raise  # there but unusable: say so
        manifest = None
    base = static(found.static_path(""))
    block = shapes = None
    if found.inline:
        from iconkit.inline import sprite_block

        block = sprite_block(catalog)
        sprite = "#" + SYMBOL_PREFIX
    elif manifest is not None:
        sprite = static(found.static_path(manifest["sprite"])) + "#"
    else:
        from iconkit.inline import own_shapes

        logger.warning(
            "no build in %s: each icon carries its own shapes; run `python manage.py "
            "iconkit build` for smaller pages that share one cached sprite",
            shown(settings.out),
        )
        shapes = functools.cache(functools.partial(own_shapes, limits=settings.limits))
        sprite = ""
    css = manifest["css"] if manifest is not None else SHIPPED_CSS
    absolute = found.absolute_base_url or (base if base.startswith(("https:", "http:")) else None)
    if absolute is not None and not absolute.endswith("/"):
        absolute += "/"
    return Renderer(
        catalog,
        Urls(sprite, base, absolute, static(found.static_path(css))),
        manifest=_static_pngs(manifest, found, base) if manifest is not None else None,
        sprite_block=(lambda: block) if block is not None else None,
        shapes=shapes,
        strict=found.strict,
    )


def _static_pngs(manifest: Mapping[str, Any], found: Options, base: str) -> dict[str, Any]:
    """``manifest`` with each PNG path as the storage names it (relative to ``base``)."""
    icons = {}
    for name, entry in manifest["icons"].items():
        pngs = {}
        for key, path in entry.get("png", {}).items():
            url = static(found.static_path(path))
            if not url.startswith(base):
                raise ConfigError(
                    f"the static URL of {found.static_path(path)!r} ({url}) is not inside "
                    f"the static URL of its folder ({base}): icon_img() cannot name it"
                )
            pngs[key] = url[len(base) :]
        icons[name] = {**entry, "png": pngs}
    return {**manifest, "icons": icons}


def _setting_changed(*, setting: str, **kwargs: object) -> None:
    if setting in SETTINGS:
        reset()


def _request_started(**kwargs: object) -> None:
    from django.conf import settings

    if settings.DEBUG and _made and stamp(options.__wrapped__().settings) != _made[0][1]:
        reset()  # a new build, or another catalogue or settings file


def connect() -> None:
    """Renew the renderer when its settings change, and after a new build with ``DEBUG``."""
    setting_changed.connect(_setting_changed, dispatch_uid="iconkit.django")
    request_started.connect(_request_started, dispatch_uid="iconkit.django")
