"""``iconkit init``: a project's own catalogue, artwork folder and ``[tool.iconkit]`` table.

``init_project`` writes nothing that exists already: it refuses when the folder
has a ``catalog.yaml`` or its ``pyproject.toml`` has a ``[tool.iconkit]`` table, and
otherwise adds the table to ``pyproject.toml`` keeping every other byte (through
tomlkit), so the settings resolution of every command finds the new catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from iconkit._atomic import write_atomic
from iconkit.errors import ConfigError
from iconkit.settings import CATALOG_FILE

__all__ = ["CATALOG_HEADER", "Initialised", "init_project"]

CATALOG_HEADER = """\
# The icons of this project, for iconkit (https://pypi.org/project/iconkit/).
#
# Each key is an icon name (lower-case letters, digits and hyphens). Its entry:
#   title          the accessible name a screen reader says: short, never "icon"
#   description    what the artwork shows, as a sentence
#   aliases        other names that resolve to this icon (optional)
#   tags           words for search (optional)
#   file           the artwork (default: svg/<name>.svg)
#   fixed_colours  true when the artwork keeps its own colours (default: false)
#   animated       true when the artwork moves (default: false)
#   source, license, author
#                  where artwork drawn elsewhere comes from, its licence (an SPDX
#                  identifier such as MIT) and who made it (optional)
#
# For example:
#
#   bell:
#     title: Notifications
#     description: A bell with a clapper.
#     tags: [alert]
#
# `iconkit add FILE.svg --description "..."` cleans the artwork and adds its entry;
# `iconkit import SET NAME...` adds icons of an Iconify set or a folder of SVG files.
"""
CACHE_IGNORE = ".iconkit-cache/"


@dataclass
class Initialised:
    """What ``init_project`` made: files created and files changed, in order."""

    folder: Path
    created: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)


def init_project(folder: str | Path = ".", *, out: str = "iconkit-build") -> Initialised:
    """Make ``folder`` an iconkit project; ``ConfigError`` (changing nothing) if it is one."""
    import tomlkit  # here: only `iconkit init` edits TOML

    folder = Path(folder).absolute()
    catalog = folder / CATALOG_FILE
    pyproject = folder / "pyproject.toml"
    if catalog.exists():
        raise ConfigError(f"{catalog}: already exists; `iconkit init` changes nothing")
    if not out.strip():
        raise ConfigError("--out must name a folder, not an empty string")
    try:
        document = tomlkit.parse(_read(pyproject)) if pyproject.exists() else tomlkit.document()
    except tomlkit.exceptions.ParseError as error:
        raise ConfigError(f"{pyproject}: cannot read: {error}") from None
    tool = document.get("tool")
    if tool is not None and "iconkit" in tool:
        raise ConfigError(
            f"{pyproject}: already has a [tool.iconkit] table; `iconkit init` changes nothing"
        )
    table = tomlkit.table()
    table.add(tomlkit.comment("iconkit's settings: see docs/build.md for every key"))
    table.add("catalog", CATALOG_FILE)
    table.add("out", out)
    if tool is None:
        tool = tomlkit.table(is_super_table=True)
        document.add("tool", tool)
    tool.add("iconkit", table)

    done = Initialised(folder)
    folder.mkdir(parents=True, exist_ok=True)
    artwork = folder / "svg"
    if not artwork.is_dir():
        artwork.mkdir()
        done.created.append(artwork)
    write_atomic(catalog, CATALOG_HEADER.encode())
    done.created.append(catalog)
    (done.changed if pyproject.exists() else done.created).append(pyproject)
    write_atomic(pyproject, tomlkit.dumps(document).encode())
    ignore = folder / ".gitignore"
    text = _read(ignore) if ignore.exists() else ""
    if CACHE_IGNORE not in text.splitlines():
        (done.changed if ignore.exists() else done.created).append(ignore)
        separator = "\n" if text and not text.endswith("\n") else ""
        write_atomic(ignore, f"{text}{separator}{CACHE_IGNORE}\n".encode())
    return done


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
