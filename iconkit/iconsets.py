"""Icon sets as iconkit reads them: an Iconify JSON set, or a folder of SVG files.

- **Iconify JSON**: ``icons.json`` of an ``@iconify-json/*`` npm package, or any file
  in that format: ``prefix``, ``icons`` with an SVG ``body`` each, ``aliases``,
  ``width``/``height``/``left``/``top``, ``rotate``/``hFlip``/``vFlip``, and ``info``
  with ``name``, ``license`` and ``author`` (a package's ``info.json`` beside it is
  read when ``icons.json`` has none). An icon's SVG is made as Iconify makes it.
- **A folder of SVG files** such as ``lucide-static/icons``: the licence and author
  come from the nearest ``package.json`` (and ``LICENSE``) above it.

The artwork is untrusted either way: ``iconkit.importing`` sends every icon through
``add_icons``, which reads, sanitises and checks it like any file.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iconkit.add import name_from_file
from iconkit.errors import AddError
from iconkit.exportinfo import Credit, copyright_holder, spdx

__all__ = ["MAX_SET_BYTES", "IconSet", "open_set"]

MAX_SET_BYTES = 64 * 1024 * 1024  # the largest Iconify sets are a few megabytes
_TRANSFORMS = ("rotate", "hFlip", "vFlip")
_BOX = ("left", "top", "width", "height")
_UNTURNED = {"rotate": 0, "hFlip": False, "vFlip": False}
_DEFAULTS = (("left", 0), ("top", 0), ("width", 16), ("height", 16))  # Iconify's defaults
_NAMESPACES = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


@dataclass
class IconSet:
    """An icon set as read: each icon's artwork (or file), plain aliases, and its credit.

    ``icons`` maps a name to the file it is (a folder set) or its Iconify entry, merged
    with what it stands on (see ``artwork``); ``aliases`` maps another name to the icon
    it draws; ``hidden`` are icons the set keeps only for old names, left out of
    ``names()``.
    """

    path: Path
    credit: Credit
    icons: dict[str, Path | Mapping[str, Any]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    broken: dict[str, str] = field(default_factory=dict)  # name -> why it cannot be read
    fixed_colours: bool = False  # Iconify's ``palette``: the set's icons carry their colours
    defaults: dict[str, Any] = field(default_factory=dict)  # the set's box, for each icon

    def artwork(self, name: str) -> Path | bytes:
        """Icon ``name``'s file (a folder set) or SVG bytes (an Iconify set)."""
        entry = self.icons[name]
        if isinstance(entry, Path):
            return entry
        try:
            return _iconify_svg({**_UNTURNED, **self.defaults, **entry})
        except (TypeError, ValueError) as error:
            raise AddError(f"{self.path}#{name}: cannot be read: {error}") from None

    def names(self) -> list[str]:
        """Every icon a designer may pick, in the set's order."""
        return [name for name in self.icons if name not in self.hidden]

    def resolve(self, names: Iterable[str]) -> list[str]:
        """The icons ``names`` stand for (each itself, or the icon an alias draws), once each.

        Raises ``AddError`` naming every name the set does not have, with close matches.
        """
        found, problems = [], []
        for name in names:
            if name in self.icons or name in self.aliases:
                found.append(self.aliases.get(name, name))
            elif name in self.broken:
                problems.append(f"{self.path}#{name}: cannot be read: {self.broken[name]}")
            else:
                close = difflib.get_close_matches(name, [*self.icons, *self.aliases], n=3)
                hint = "; did you mean " + " or ".join(map(repr, close)) + "?" if close else ""
                problems.append(f"{self.path}: no icon {name!r} in this set{hint}")
        if problems:
            raise AddError("\n".join(problems))
        return list(dict.fromkeys(found))

    def aliases_of(self, name: str) -> tuple[str, ...]:
        """The plain aliases of icon ``name``, in the set's order."""
        return self._aliases_by_icon.get(name, ())

    @functools.cached_property
    def _aliases_by_icon(self) -> dict[str, tuple[str, ...]]:
        grouped: dict[str, list[str]] = {}
        for alias, target in self.aliases.items():
            grouped.setdefault(target, []).append(alias)
        return {name: tuple(aliases) for name, aliases in grouped.items()}


def open_set(path: Path) -> IconSet:
    """The icon set at ``path``: an Iconify JSON file, a folder holding ``icons.json``, or a
    folder of SVG files."""
    if path.is_dir() and (path / "icons.json").is_file():
        path = path / "icons.json"
    if path.is_dir():
        return _folder_set(path)
    if path.is_file():
        return _iconify_set(path)
    raise AddError(f"{path}: no such file or folder")


# --- folders of SVG files ---------------------------------------------------------------------


def _folder_set(folder: Path) -> IconSet:
    files = sorted(folder.glob("*.svg"))
    if not files:
        raise AddError(f"{folder}: no SVG files in this folder (nor an icons.json)")
    icons: dict[str, Path | Mapping[str, Any]] = {name_from_file(p): p for p in files}
    return IconSet(folder, _package_credit(folder), icons)


def _package_credit(folder: Path) -> Credit:
    """What the nearest ``package.json`` (and ``LICENSE``) above ``folder`` say."""
    for place in (folder, *list(folder.parents)[:3]):
        package = _json(place / "package.json", 1024 * 1024)
        if not isinstance(package, Mapping):
            continue
        author = package.get("author")
        if isinstance(author, Mapping):
            author = author.get("name")
        if not isinstance(author, str) or not author:
            author = _license_holder(place)
        name, version = package.get("name"), package.get("version")
        source = " ".join(str(part) for part in (name, version) if part) or None
        licence = package.get("license")
        return Credit(source, spdx(licence) if isinstance(licence, str) else None, author)
    return Credit()


def _license_holder(folder: Path) -> str | None:
    for name in ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING"):
        try:
            return copyright_holder((folder / name).read_text(encoding="utf-8")[:4096])
        except (OSError, UnicodeDecodeError):
            continue
    return None


# --- Iconify JSON -----------------------------------------------------------------------------


def _iconify_set(path: Path) -> IconSet:
    data = _json(path, MAX_SET_BYTES)
    if not isinstance(data, Mapping) or not isinstance(data.get("icons"), Mapping):
        raise AddError(f"{path}: not an Iconify JSON icon set (no `icons` mapping)")
    info = data.get("info")
    if not isinstance(info, Mapping):
        info = _json(path.with_name("info.json"), 1024 * 1024)
    info = info if isinstance(info, Mapping) else {}
    palette = info.get("palette") is True
    iconset = IconSet(path, _iconify_credit(path, data, info), fixed_colours=palette)
    iconset.defaults = {key: data[key] for key in _BOX if key in data}
    aliases = data.get("aliases")
    aliases = aliases if isinstance(aliases, Mapping) else {}
    entries = {**aliases, **data["icons"]}  # an icon wins over an alias of the same name
    for name in dict.fromkeys([*data["icons"], *aliases]):  # the set's order, icons first
        entry = entries[name]
        if not isinstance(entry, Mapping):
            iconset.broken[name] = "not an icon entry"
            continue
        if name in data["icons"] and not isinstance(entry.get("body"), str):
            iconset.broken[name] = "no SVG body"
            continue
        merged = entry if name in data["icons"] else _merged(entries, name)
        if merged is None:
            iconset.broken[name] = "an alias of nothing, or of itself"
        elif name in data["icons"] or any(key in entry for key in (*_TRANSFORMS, *_BOX)):
            iconset.icons[name] = merged  # an icon, or an alias that turns or resizes one
            if entry.get("hidden") is True:
                iconset.hidden.add(name)
        else:
            iconset.aliases[name] = merged["name"]
    return iconset


def _iconify_credit(path: Path, data: Mapping[str, Any], info: Mapping[str, Any]) -> Credit:
    name = info.get("name") or data.get("prefix")
    package = _json(path.with_name("package.json"), 1024 * 1024)
    source: str | None = None
    if info.get("version"):
        source = f"{name} {info['version']}"
    elif isinstance(package, Mapping) and package.get("name"):
        source = f"{name} ({package['name']} {package.get('version', '')})".replace(" )", ")")
    elif name:
        source = str(name)
    licence = info.get("license")
    if isinstance(licence, Mapping):
        licence = licence.get("spdx") or licence.get("title")
    author = info.get("author")
    if isinstance(author, Mapping):
        author = author.get("name")
    return Credit(
        source,
        spdx(licence) if isinstance(licence, str) and licence else None,
        author if isinstance(author, str) and author else None,
    )


def _merged(entries: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    """Entry ``name`` merged with the icons it stands on, as Iconify merges an alias: the
    alias's box wins, quarter turns add up, flips cancel out. ``name`` in the result is
    the icon at the end of the chain; ``None`` for a chain that loops or ends nowhere."""
    chain: list[Mapping[str, Any]] = []
    current = name
    while len(chain) < 32:
        entry = entries.get(current)
        if not isinstance(entry, Mapping):
            return None
        chain.append(entry)
        if "body" in entry:
            break
        parent = entry.get("parent")
        if not isinstance(parent, str):
            return None
        current = parent
    else:
        return None  # a loop, or a chain too long to be real
    merged: dict[str, Any] = {**_UNTURNED, "name": current}
    for entry in reversed(chain):
        merged.update({k: v for k, v in entry.items() if k in _BOX or k == "body"})
        merged["rotate"] += entry.get("rotate", 0)
        merged["hFlip"] ^= entry.get("hFlip") is True
        merged["vFlip"] ^= entry.get("vFlip") is True
    return merged


def _iconify_svg(icon: Mapping[str, Any]) -> bytes:
    """The standalone SVG of a merged Iconify icon: its body in a viewBox, transformed as
    Iconify's ``iconToSVG`` transforms it (flips, then quarter turns).

    Raises ``TypeError`` or ``ValueError`` for an entry that is not one.
    """
    body = icon.get("body")
    if not isinstance(body, str):
        raise TypeError("no SVG body")
    left, top, width, height = (_number(icon.get(key, default)) for key, default in _DEFAULTS)
    if width <= 0 or height <= 0:
        raise ValueError(f"a box of {_n(width)} by {_n(height)}")
    transforms = []
    rotate = int(_number(icon["rotate"]))
    if icon["hFlip"] and icon["vFlip"]:
        rotate += 2
    elif icon["hFlip"]:
        transforms += [f"translate({_n(width + left)} {_n(-top)})", "scale(-1 1)"]
        left = top = 0
    elif icon["vFlip"]:
        transforms += [f"translate({_n(-left)} {_n(height + top)})", "scale(1 -1)"]
        left = top = 0
    rotate %= 4
    if rotate == 1:
        centre = height / 2 + top
        transforms.insert(0, f"rotate(90 {_n(centre)} {_n(centre)})")
    elif rotate == 2:
        transforms.insert(0, f"rotate(180 {_n(width / 2 + left)} {_n(height / 2 + top)})")
    elif rotate == 3:
        centre = width / 2 + left
        transforms.insert(0, f"rotate(-90 {_n(centre)} {_n(centre)})")
    if rotate % 2:
        left, top, width, height = top, left, height, width
    if transforms:
        body = f'<g transform="{" ".join(transforms)}">{body}</g>'
    box = " ".join(_n(number) for number in (left, top, width, height))
    return f'<svg {_NAMESPACES} viewBox="{box}">{body}</svg>'.encode()


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{value!r} is not a number")
    return float(value)


def _n(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


# --- files ------------------------------------------------------------------------------------


def _json(path: Path, limit: int) -> Any:
    """The JSON at ``path``, or ``None`` when there is no such file."""
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise AddError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise AddError(f"{path}: over {limit} bytes: is this an icon set?")
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as error:
        raise AddError(f"{path}: not valid JSON: {error}") from None
