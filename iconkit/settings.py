"""Where a project's icons and build live: one answer for every command and ``install()``.

The settings are found as ruff and black find theirs: the nearest ``pyproject.toml``
with a ``[tool.iconkit]`` table, searched from the project folder (by default the
working folder) upward; else a ``catalog.yaml`` in that folder; else the set shipped
with iconkit. A ``[tool.iconkit]`` table without ``catalog`` uses the ``catalog.yaml``
beside it, or the shipped set when there is none. Relative paths resolve against the
folder of the file that names them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from iconkit._shipped import shipped_catalog_path
from iconkit.errors import ConfigError
from iconkit.safesvg import DEFAULT_LIMITS, Limits

__all__ = ["DEFAULT_COLOURS", "Settings", "find_settings_file", "load_settings"]

DEFAULT_COLOURS: Mapping[str, str] = {"dark": "#1f2328", "light": "#f6f8fa"}
CATALOG_FILE = "catalog.yaml"
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_COLOUR_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LIMIT_KEYS = {"max-bytes": "max_bytes", "max-depth": "max_depth", "max-elements": "max_elements"}
_PATH_KEYS = ("catalog", "out", "cache")
_KEYS = (*_PATH_KEYS, "url-prefix", "sizes", "scales", "colours", "png", "jobs", *_LIMIT_KEYS)


@dataclass(frozen=True)
class Settings:
    """Everything a build needs to know; see docs/build.md for each setting.

    Relative paths are relative to the working folder, as in any Python call;
    ``load_settings`` gives absolute ones, resolved against the project.
    """

    catalog: Path | None = None  # None: the catalogue shipped with iconkit
    out: Path = Path("iconkit-build")
    cache: Path = Path(".iconkit-cache")  # the symbol cache and the build lock: never served
    url_prefix: str = "/static/icons/"
    sizes: tuple[int, ...] = (16, 24, 32, 48)
    scales: tuple[int, ...] = (1, 2)
    colours: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    png: bool = True  # False: sprite, CSS, gallery and manifest only
    jobs: int | None = None  # None: the CPU count
    limits: Limits = DEFAULT_LIMITS  # bounds on every SVG read (add, lint, build)
    source: Path | None = None  # the pyproject.toml or catalog.yaml they came from

    @property
    def catalog_path(self) -> Path:
        """The catalogue file these settings use (the shipped one when none is set)."""
        return self.catalog if self.catalog is not None else shipped_catalog_path()

    def fingerprint(self) -> str:
        """The settings that change PNG bytes, as text for a cache key."""
        colours = ",".join(f"{k}={v}" for k, v in self.colours.items())
        return f"sizes={self.sizes};scales={self.scales};colours={colours}"


def find_settings_file(start: str | Path | None = None) -> Path | None:
    """The file that decides a project's settings, looking from ``start`` (a folder or a
    file inside the project; default: the working folder): the nearest ``pyproject.toml``
    with a ``[tool.iconkit]`` table, else ``catalog.yaml`` in ``start``; else ``None``."""
    folder = _folder(start)
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "iconkit" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    catalog = folder / CATALOG_FILE
    return catalog if catalog.is_file() else None


def load_settings(project: str | Path | None = None, **flags: Any) -> Settings:
    """The settings of the project at ``project`` (see ``find_settings_file``), then ``flags``.

    ``flags`` are the command-line values (``catalog``, ``out``, ``jobs``, ``png``);
    ``None`` means "not given", and their paths are relative to the working folder.
    Without a project file, the shipped catalogue builds into ``iconkit-build/`` of
    ``project``.
    """
    found = find_settings_file(project)
    if found is None:
        home = _folder(project)
        settings = Settings(out=home / "iconkit-build", cache=home / ".iconkit-cache")
    elif found.name == "pyproject.toml":
        settings = _from_pyproject(found)
    else:
        home = found.parent
        settings = Settings(
            catalog=found, out=home / "iconkit-build", cache=home / ".iconkit-cache", source=found
        )
    given = {key: value for key, value in flags.items() if value is not None}
    for key in _PATH_KEYS:
        if key in given:
            if not str(given[key]).strip():
                raise ConfigError(f"--{key} must name a file or folder, not an empty string")
            given[key] = Path(given[key]).absolute()
    if "jobs" in given and (not isinstance(given["jobs"], int) or given["jobs"] < 1):
        raise ConfigError(f"--jobs must be a whole number of at least 1, not {given['jobs']!r}")
    return replace(settings, **given)


def _folder(start: str | Path | None) -> Path:
    path = Path(start).absolute() if start is not None else Path.cwd()
    return path.parent if path.is_file() else path


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None


def _from_pyproject(path: Path) -> Settings:
    table = _read_toml(path)["tool"]["iconkit"]
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
        home = self.path.parent
        found: dict[str, Any] = {
            "out": home / "iconkit-build",
            "cache": home / ".iconkit-cache",
            "source": self.path,
        }
        for key in _PATH_KEYS:
            if key in self.table:
                found[key] = home / self.text(key)
        if "catalog" not in found and (home / CATALOG_FILE).is_file():
            found["catalog"] = home / CATALOG_FILE
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
