"""Build settings: ``[tool.iconkit]`` in ``./pyproject.toml``, then flags, then defaults."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from iconkit.errors import ConfigError
from iconkit.safesvg import DEFAULT_LIMITS, Limits

__all__ = ["DEFAULT_COLOURS", "Settings", "load_settings", "project_catalog"]

DEFAULT_COLOURS: Mapping[str, str] = {"dark": "#1f2328", "light": "#f6f8fa"}
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_COLOUR_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LIMIT_KEYS = {"max-bytes": "max_bytes", "max-depth": "max_depth", "max-elements": "max_elements"}
_KEYS = ("catalog", "out", "url-prefix", "sizes", "scales", "colours", "png", "jobs", *_LIMIT_KEYS)


@dataclass(frozen=True)
class Settings:
    """Everything a build needs to know; see docs/build.md for each setting."""

    catalog: Path | None = None  # None: the catalogue shipped with iconkit
    out: Path = Path("iconkit-build")
    url_prefix: str = "/static/icons/"
    sizes: tuple[int, ...] = (16, 24, 32, 48)
    scales: tuple[int, ...] = (1, 2)
    colours: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    png: bool = True  # False: sprite, CSS, gallery and manifest only
    jobs: int | None = None  # None: the CPU count
    limits: Limits = DEFAULT_LIMITS  # bounds on every SVG read (add, lint, build)

    def fingerprint(self) -> str:
        """The settings that change PNG bytes, as text for a cache key."""
        colours = ",".join(f"{k}={v}" for k, v in self.colours.items())
        return f"sizes={self.sizes};scales={self.scales};colours={colours}"


def load_settings(project: Path | None = None, **flags: Any) -> Settings:
    """Settings from ``project/pyproject.toml`` (default: the current folder), then ``flags``.

    ``flags`` are the command-line values (``catalog``, ``out``, ``jobs``, ``png``); ``None`` means
    "not given". Relative paths in ``pyproject.toml`` are relative to its folder.
    """
    folder = project if project is not None else Path.cwd()
    settings = _from_pyproject(folder / "pyproject.toml")
    given = {key: value for key, value in flags.items() if value is not None}
    for key in ("catalog", "out"):
        if key in given:
            given[key] = Path(given[key])
    if "jobs" in given and (not isinstance(given["jobs"], int) or given["jobs"] < 1):
        raise ConfigError(f"--jobs must be a whole number of at least 1, not {given['jobs']!r}")
    return replace(settings, **given)


def project_catalog(given: str | Path | None) -> Path | None:
    """``given``, else ``[tool.iconkit] catalog``, else ``./catalog.yaml``; else ``None``."""
    if given:
        return Path(given)
    configured = load_settings().catalog
    if configured is not None:
        return configured
    here = Path("catalog.yaml")
    return here if here.is_file() else None


def _from_pyproject(path: Path) -> Settings:
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except FileNotFoundError:
        return Settings()
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    table = data.get("tool", {}).get("iconkit")
    if table is None:
        return Settings()
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.iconkit] must be a table")
    return _Reader(path, table).settings()


class _Reader:
    def __init__(self, path: Path, table: dict[str, Any]) -> None:
        self.path, self.table = path, table

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.path}: [tool.iconkit] {key}: {message}")

    def settings(self) -> Settings:
        for key in self.table:
            if key not in _KEYS:
                known = ", ".join(_KEYS)
                raise ConfigError(
                    f"{self.path}: [tool.iconkit] unknown key {key!r} (known: {known})"
                )
        found: dict[str, Any] = {}
        for key in ("catalog", "out"):
            if key in self.table:
                found[key] = self.path.parent / self.text(key)
        if "url-prefix" in self.table:
            found["url_prefix"] = self.text("url-prefix")
        for key, largest in (("sizes", 1024), ("scales", 4)):
            if key in self.table:
                found[key] = self.numbers(key, largest)
        if "colours" in self.table:
            found["colours"] = self.colours()
        if "png" in self.table:
            if not isinstance(self.table["png"], bool):
                raise self.fail("png", f"expected true or false, not {self.table['png']!r}")
            found["png"] = self.table["png"]
        if "jobs" in self.table:
            found["jobs"] = self.numbers("jobs", 1024, single=True)[0]
        limits = {
            field_name: self.numbers(key, 1 << 31, single=True)[0]
            for key, field_name in _LIMIT_KEYS.items()
            if key in self.table
        }
        if limits:
            found["limits"] = replace(DEFAULT_LIMITS, **limits)
        return Settings(**found)

    def text(self, key: str) -> str:
        value = self.table[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected a non-empty string, not {value!r}")
        return value

    def numbers(self, key: str, largest: int, *, single: bool = False) -> tuple[int, ...]:
        value = self.table[key]
        values = [value] if single else value
        what = "a whole number" if single else "a list of whole numbers"
        if (
            not isinstance(values, list)
            or not values
            or not all(type(v) is int and 1 <= v <= largest for v in values)
        ):
            raise self.fail(key, f"expected {what} from 1 to {largest}, not {value!r}")
        return tuple(sorted(set(values)))

    def colours(self) -> dict[str, str]:
        value = self.table["colours"]
        if not isinstance(value, dict) or not value:
            raise self.fail("colours", 'expected a table such as {dark = "#1f2328"}')
        for name, colour in value.items():
            if not _COLOUR_NAME.fullmatch(name):
                raise self.fail("colours", f"bad colour name {name!r}: use lower-case and hyphens")
            if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
                raise self.fail("colours", f"{name} = {colour!r} is not a #rgb or #rrggbb colour")
        return {name: value[name].lower() for name in sorted(value)}
