"""The project's iconkit settings under Django: ``[tool.iconkit]`` found from ``BASE_DIR``,
then the ``ICONKIT`` dict of Django's settings over them.

``ICONKIT`` keys (all optional):

- ``PROJECT``: where to look for ``pyproject.toml`` or ``catalog.yaml`` (default ``BASE_DIR``)
- ``CATALOG``, ``OUT``: the catalogue file and the build folder, over ``[tool.iconkit]``;
  relative paths are relative to ``PROJECT``
- ``STATIC_PREFIX``: where the build's files sit among the static files (default ``icons``)
- ``INLINE``: write the sprite into the page with ``{% icon_sprite %}`` (default ``False``)
- ``STRICT``: an unknown icon name raises (default ``True``); ``False`` logs and renders nothing
- ``ABSOLUTE_BASE_URL``: the absolute URL of the icons' static folder, for
  ``{% icon_img ... absolute=True %}`` in e-mail (not needed when ``STATIC_URL`` is absolute)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings as django_settings

from iconkit.errors import ConfigError
from iconkit.settings import Settings, load_settings

__all__ = ["KEYS", "Options", "options"]

KEYS = ("PROJECT", "CATALOG", "OUT", "STATIC_PREFIX", "INLINE", "STRICT", "ABSOLUTE_BASE_URL")


@dataclass(frozen=True)
class Options:
    """iconkit's settings for this Django project, and how the pages use them."""

    project: Path
    settings: Settings
    static_prefix: str = "icons"
    inline: bool = False
    strict: bool = True
    absolute_base_url: str | None = None

    def static_path(self, name: str) -> str:
        """The static files path of ``name``, a file of the build: ``icons/sprite.….svg``."""
        return f"{self.static_prefix}/{name}"


@functools.cache
def options() -> Options:
    """The options of the running project; ``ConfigError`` names the setting at fault."""
    given: Any = getattr(django_settings, "ICONKIT", {})
    if not isinstance(given, dict):
        raise ConfigError(f"settings.ICONKIT must be a dict, not {type(given).__name__}")
    unknown = sorted(str(key) for key in given if key not in KEYS)
    if unknown:
        raise ConfigError(
            f"settings.ICONKIT: unknown key(s) {', '.join(unknown)} (known: {', '.join(KEYS)})"
        )
    base = given.get("PROJECT") or getattr(django_settings, "BASE_DIR", None) or Path.cwd()
    project = Path(base).absolute()
    paths = {key.lower(): project / _text(given, key) for key in ("CATALOG", "OUT") if key in given}
    found = Options(project, load_settings(project, **paths))
    prefix = _text(given, "STATIC_PREFIX") if "STATIC_PREFIX" in given else found.static_prefix
    if prefix.startswith("/") or prefix.endswith("/"):
        raise ConfigError(f"settings.ICONKIT STATIC_PREFIX {prefix!r}: no leading or trailing /")
    flags = {}
    for key in ("INLINE", "STRICT"):
        if key in given:
            if not isinstance(given[key], bool):
                raise ConfigError(f"settings.ICONKIT {key} must be True or False")
            flags[key.lower()] = given[key]
    absolute = _text(given, "ABSOLUTE_BASE_URL") if "ABSOLUTE_BASE_URL" in given else None
    return Options(
        project,
        found.settings,
        static_prefix=prefix,
        absolute_base_url=absolute,
        **flags,
    )


def _text(given: dict[str, Any], key: str) -> str:
    value = given[key]
    if not isinstance(value, str | Path) or not str(value).strip():
        raise ConfigError(f"settings.ICONKIT {key} must be a non-empty path or string")
    return str(value)
