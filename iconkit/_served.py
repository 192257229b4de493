"""What the Flask and Django integrations publish from a build folder, and for how long.

A build's sprite, stylesheet and PNGs carry a hash of their bytes in their names
(``sprite.0123abcd.svg``, ``iconkit.4567cdef.css``, ``png/x-24@1x-dark.89abcdef.png``):
browsers may keep them for good. ``manifest.json`` and ``gallery.html`` keep their names
from build to build, so browsers must ask again. Hidden files and folders (a staging
folder of a build under way, a cache placed inside) are never published. Without a
build, the stylesheet shipped with iconkit is published as ``iconkit.css``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iconkit.settings import Settings

__all__ = [
    "IMMUTABLE",
    "REVALIDATE",
    "SHIPPED_CSS",
    "cache_control",
    "publishable",
    "published",
    "shipped_stylesheet",
    "stamp",
]

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # kept, but checked with the server (ETag) before each use
SHIPPED_CSS = "iconkit.css"
_HASHED = re.compile(r"(?:png/)?[^/]+\.[0-9a-f]{8}\.(?:svg|css|png)")


def cache_control(path: str) -> str:
    """The ``Cache-Control`` value for ``path``, relative to the build folder."""
    return IMMUTABLE if _HASHED.fullmatch(path) else REVALIDATE


def publishable(path: str) -> bool:
    """Whether ``path`` (relative, ``/``-separated) may be served: no hidden part, no ``..``."""
    parts = path.split("/")
    return all(part and not part.startswith(".") for part in parts)


def published(out: Path) -> Iterator[str]:
    """The files of the build in ``out`` that a server publishes, relative and sorted."""
    if not out.is_dir():
        return
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if path.is_file() and publishable(relative):
            yield relative


def stamp(settings: Settings) -> tuple[tuple[int, int] | None, ...]:
    """When and how large the files are that decide what pages show: the build's
    manifest, the settings file, the catalogue, and a ``catalog.yaml`` that may appear
    beside the settings. A development server renews its renderer when this changes."""
    paths = [settings.out / "manifest.json", settings.catalog_path]
    if settings.source is not None:
        paths += [settings.source, settings.source.parent / "catalog.yaml"]
    found: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            found.append(None)
        else:
            found.append((stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def shipped_stylesheet() -> Path:
    """``iconkit.css`` as it ships in the package: what pages link before any build."""
    return Path(__file__).resolve().parent / "static" / SHIPPED_CSS
