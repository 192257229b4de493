"""Load and validate ``catalog.yaml``: the names, words and files of every icon."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iconkit._paths import shown
from iconkit._shipped import shipped_catalog_path
from iconkit._yaml import KeyedMapping, read_entries
from iconkit.errors import CatalogError, Problem, UnknownIconError

NAME_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_TEXT_KEYS = ("title", "description")
_LIST_KEYS = ("aliases", "tags")
_FLAG_KEYS = ("fixed_colours", "animated", "mirror")
CREDIT_KEYS = ("source", "license", "author")  # where third-party artwork comes from
KNOWN_KEYS = frozenset((*_TEXT_KEYS, *_LIST_KEYS, *_FLAG_KEYS, *CREDIT_KEYS, "file"))


@dataclass(frozen=True, slots=True)
class Icon:
    """One catalogue entry; ``line`` is where its name is written, ``title_line`` and
    ``description_line`` where its words are (lines count from 1). ``source``,
    ``license`` and ``author`` credit artwork that comes from elsewhere."""

    name: str
    title: str
    description: str
    path: Path
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    fixed_colours: bool = False
    animated: bool = False
    line: int | None = None
    title_line: int | None = None
    description_line: int | None = None
    mirror: bool | None = None  # flipped in right-to-left text; None: not decided
    source: str | None = None
    license: str | None = None
    author: str | None = None

    @property
    def credit(self) -> dict[str, str]:
        """``source``, ``license`` and ``author``, those the catalogue gives, in that order."""
        given = {"source": self.source, "license": self.license, "author": self.author}
        return {key: value for key, value in given.items() if value}

    @property
    def monochrome(self) -> bool:
        """True when the artwork is drawn in ``currentColor``."""
        return not self.fixed_colours


class Catalog:
    """The icons of one ``catalog.yaml``, in file order, looked up by name or alias."""

    def __init__(self, icons: list[Icon], path: Path) -> None:
        self.path = path
        self._icons = {icon.name: icon for icon in icons}
        self._lookup = dict(self._icons)
        for icon in icons:
            self._lookup.update(dict.fromkeys(icon.aliases, icon))

    def __iter__(self) -> Iterator[Icon]:
        return iter(self._icons.values())

    def __len__(self) -> int:
        return len(self._icons)

    def __contains__(self, name: object) -> bool:
        return name in self._lookup

    def __repr__(self) -> str:
        return f"<Catalog {str(self.path)!r} with {len(self)} icons>"

    @property
    def label(self) -> str:
        """The catalogue as messages name it: its path, or "the catalogue shipped with iconkit"."""
        if self.path == shipped_catalog_path():
            return "the shipped catalogue"
        return shown(self.path)

    def resolve(self, name: str) -> Icon:
        """The icon called ``name`` (or aliased so); ``UnknownIconError`` if none."""
        try:
            return self._lookup[name]
        except (KeyError, TypeError):
            raise UnknownIconError(str(name), self.suggest(str(name)), self.label) from None

    def suggest(self, name: str) -> list[str]:
        """Up to three names or aliases close to ``name``, best first."""
        import difflib  # here, not at the top: only a miss needs it, and it is slow to import

        candidates = list(self._lookup)
        slug = "-".join(re.findall(r"[a-z0-9]+", name.lower()))
        found = [slug] if slug in self._lookup and slug != name else []
        for match in difflib.get_close_matches(slug or name, candidates, n=3, cutoff=0.6):
            if match not in found:
                found.append(match)
        return found[:3]

    def search(self, text: str) -> list[Icon]:
        """Icons whose name, title, description, aliases or tags hold every word of ``text``."""
        words = text.lower().split()

        def rank(icon: Icon) -> int:
            names = {icon.name, *icon.aliases}
            return 0 if any(w in names for w in words) else 1

        found = [icon for icon in self if all(w in _haystack(icon) for w in words)]
        return sorted(found, key=rank)


def _haystack(icon: Icon) -> str:
    return " ".join((icon.name, icon.title, icon.description, *icon.aliases, *icon.tags)).lower()


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Read and validate a catalogue; ``None`` means the one shipped with iconkit.

    Raises ``CatalogError`` listing every problem found, each with its line.
    """
    path = Path(path) if path is not None else shipped_catalog_path()
    return Catalog(list(read_icons(path)), path)


def read_icons(path: Path) -> Iterator[Icon]:
    """The icons of the catalogue at ``path``, each given as soon as it is read and checked.

    At the end, ``CatalogError`` listing every problem found, if any: icons already
    given are only vouched for once this has run to its end.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError([Problem(path, None, "no such file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogError([Problem(path, None, f"cannot read: {error}")]) from None
    problems: list[Problem] = []
    claimed: dict[str, str] = {}  # name or alias -> the icon that has it
    files = _Files(os.path.dirname(os.path.abspath(path)))
    for name, entry, line in read_entries(text, path, _NOT_A_MAPPING):
        checker = _EntryChecker(path, files, name, entry, line)
        icon = checker.check()
        problems.extend(checker.problems)
        for key in (name, *(icon.aliases if icon else ())):
            if key in claimed:
                problems.append(
                    Problem(path, line, f"{key!r} is already used by icon {claimed[key]!r}")
                )
            else:
                claimed[key] = str(name)
        if icon is not None:
            yield icon
    if problems:
        raise CatalogError(sorted(problems, key=lambda p: p.line or 0))


_NOT_A_MAPPING = "expected a mapping of icon names to entries"


class _EntryChecker:
    """Checks one entry, collecting every problem rather than stopping at the first."""

    def __init__(self, path: Path, files: _Files, name: Any, entry: Any, line: int | None) -> None:
        self.path, self.files, self.name, self.entry, self.line = path, files, name, entry, line
        self.problems: list[Problem] = []

    def problem(self, message: str, key: str | None = None) -> None:
        line = self.entry.lines.get(key) if key is not None else None
        self.problems.append(Problem(self.path, line or self.line, message))

    def check(self) -> Icon | None:
        name = self.name
        named = isinstance(name, str) and NAME_PATTERN.fullmatch(name)
        if not named:
            self.problem(
                f"bad icon name {name!r}: use lower-case letters, digits and single hyphens"
            )
        if not isinstance(self.entry, KeyedMapping):
            self.problem(f"icon {name!r}: expected a mapping with title and description")
            return None
        entry = self.entry
        for key in entry:
            if key not in KNOWN_KEYS:
                self.problem(f"icon {name!r}: unknown key {key!r}", key)
        title = self.text("title")
        description = self.text("description")
        aliases = self.strings("aliases")
        for alias in aliases:
            if not NAME_PATTERN.fullmatch(alias):
                self.problem(f"icon {name!r}: bad alias {alias!r}", "aliases")
        tags = self.strings("tags")
        fixed_colours = self.flag("fixed_colours")
        animated = self.flag("animated")
        mirror = self.flag("mirror") if "mirror" in entry else None
        source, license_, author = (self.optional_text(key) for key in CREDIT_KEYS)
        artwork = self.artwork() if named or "file" in entry else None
        if self.problems or title is None or description is None or artwork is None:
            return None
        return Icon(
            name=str(name),
            title=title,
            description=description,
            path=artwork,
            aliases=aliases,
            tags=tags,
            fixed_colours=fixed_colours,
            animated=animated,
            line=self.line,
            title_line=entry.spans["title"].line,
            description_line=entry.spans["description"].line,
            mirror=mirror,
            source=source,
            license=license_,
            author=author,
        )

    def text(self, key: str) -> str | None:
        value = self.entry.get(key)
        if value is None:
            self.problem(f"icon {self.name!r}: missing {key}", key if key in self.entry else None)
            return None
        if not isinstance(value, str):
            self.problem(f"icon {self.name!r}: {key} must be text", key)
            return None
        if not value.strip():
            self.problem(f"icon {self.name!r}: {key} is empty", key)
            return None
        return " ".join(value.split())

    def optional_text(self, key: str) -> str | None:
        if key not in self.entry:
            return None
        value = self.entry[key]
        if not isinstance(value, str) or not value.strip():
            self.problem(f"icon {self.name!r}: {key} must be text", key)
            return None
        return " ".join(value.split())

    def strings(self, key: str) -> tuple[str, ...]:
        if key not in self.entry:
            return ()
        value = self.entry[key]
        if not isinstance(value, list):
            self.problem(f"icon {self.name!r}: {key} must be a list of text", key)
            return ()
        if not all(isinstance(item, str) for item in value):
            self.problem(f"icon {self.name!r}: every item of {key} must be text", key)
            return ()
        return tuple(value)

    def flag(self, key: str) -> bool:
        value = self.entry.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"icon {self.name!r}: {key} must be true or false", key)
            return False
        return value

    def artwork(self) -> Path | None:
        file = self.entry.get("file", f"svg/{self.name}.svg")
        if not isinstance(file, str) or not file.strip():
            self.problem(f"icon {self.name!r}: file must be a path", "file")
            return None
        artwork = self.files.find(file)
        if artwork is None:
            self.problem(f"icon {self.name!r}: artwork {file} not found", "file")
        return artwork


class _Files:
    """Finds artwork, normalising and listing each folder once rather than once per file."""

    def __init__(self, base: str) -> None:
        self.base = base  # the catalogue's folder, absolute
        self.folders: dict[str, tuple[str, Path, frozenset[str]]] = {}  # by folder as written

    def find(self, file: str) -> Path | None:
        """``file`` as an absolute, normalised path if it is a file, else ``None``."""
        written, name = os.path.split(file)
        if name in ("", os.curdir, os.pardir):
            written, name = os.path.split(os.path.normpath(os.path.join(self.base, file)))
        if written not in self.folders:
            folder = os.path.normpath(os.path.join(self.base, written))
            try:
                with os.scandir(folder) as entries:
                    names = frozenset(entry.name for entry in entries if entry.is_file())
            except OSError:
                names = frozenset()
            self.folders[written] = (folder, Path(folder), names)
        folder, parent, names = self.folders[written]
        if name in names or os.path.isfile(os.path.join(folder, name)):  # listed, or case-blind
            return parent / name
        return None
