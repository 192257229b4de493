"""Where a page finds the build's files: the sprite, the stylesheet and the PNG fallbacks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from iconkit.errors import ConfigError


@dataclass(frozen=True)
class Urls:
    """Where the icons and their fallbacks live, as the page sees them."""

    sprite: str
    """Prefix of every ``<use href>``: ``/static/icons/sprite.<hash>.svg#`` or ``#iconkit-``."""
    base: str = "/static/icons/"
    """The URL of the build folder."""
    absolute_base: str | None = None
    """Its absolute URL, for pages read away from the site (e-mail)."""
    stylesheet: str | None = None
    """The URL of ``iconkit.css`` where the page can load it (from a build, or a framework)."""
    rename: Callable[[str], str] | None = None
    """The name a static-files storage gives a build file (hashed names), if not its own."""

    def file(self, path: str, *, absolute: bool = False) -> str:
        """The URL of ``path``, a file of the build (``png/tick-24@1x-dark.….png``)."""
        name = self.rename(path) if self.rename is not None else path
        if not absolute:
            return self.base + name
        if not self.absolute_base:
            raise ConfigError(
                "icon_img(absolute=True) needs an absolute base URL: pass "
                "install(env, absolute_base_url='https://example.com/static/icons/') "
                "or an absolute base_url"
            )
        return self.absolute_base + name
