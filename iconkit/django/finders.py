"""``iconkit.django.finders.IconkitFinder``: the build's files among the static files.

Add it to ``STATICFILES_FINDERS``: ``runserver`` then serves the build's sprite,
stylesheet and PNGs, ``{% static %}`` and ``findstatic`` find them, and ``collectstatic``
copies them (``ManifestStaticFilesStorage`` included), all under ``icons/`` (the
``STATIC_PREFIX`` option). Without a build it offers the stylesheet shipped with
iconkit as ``icons/iconkit.css``, which zero-setup pages link. Hidden files (a build
under way, a cache placed inside) are never offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.contrib.staticfiles.utils import matches_patterns
from django.core.checks import CheckMessage
from django.core.files.storage import FileSystemStorage

from iconkit._served import SHIPPED_CSS, publishable, published, shipped_stylesheet
from iconkit.django.conf import options
from iconkit.manifest import MANIFEST

__all__ = ["IconkitFinder"]


def _source() -> tuple[str, Path, bool]:
    """The static prefix, the folder the files come from, and whether it holds a build."""
    found = options()
    out = found.settings.out
    if (out / MANIFEST).is_file():
        return found.static_prefix, out, True
    return found.static_prefix, shipped_stylesheet().parent, False


class IconkitFinder(BaseFinder):
    """Finds ``icons/<file>`` in the project's build folder."""

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return []  # iconkit's own checks (iconkit.django.checks) cover the settings

    def find(  # type: ignore[override]  # Django's own finders also give [] for "none"
        self, path: str, find_all: bool = False, **kwargs: Any
    ) -> list[str] | str:
        prefix, folder, built = _source()
        relative = path.removeprefix(prefix + "/")
        if relative == path:
            return []
        if (
            (publishable(relative) and (folder / relative).is_file())
            if built
            else (relative == SHIPPED_CSS)
        ):
            found = str(folder / relative)
            return [found] if find_all or kwargs.get("all") else found
        return []

    def list(
        self, ignore_patterns: Iterable[str] | None
    ) -> Iterator[tuple[str, FileSystemStorage]]:
        prefix, folder, built = _source()
        files = published(folder) if built else [SHIPPED_CSS]
        storage = FileSystemStorage(location=folder)
        storage.prefix = prefix  # type: ignore[attr-defined]  # collectstatic reads it
        for name in files:
            if not matches_patterns(name, list(ignore_patterns or ())):
                yield name, storage
