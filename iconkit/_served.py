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

__all__ = [
    "IMMUTABLE",
    "REVALIDATE",
    "SHIPPED_CSS",
    "cache_control",
    "publishable",
    "published",
    "shipped_stylesheet",
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


def shipped_stylesheet() -> Path:
    """``iconkit.css`` as it ships in the package: what pages link before any build."""
    return Path(__file__).resolve().parent / "static" / SHIPPED_CSS
