"""The one error tree: every mistake a user can make is an ``IconkitError``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from iconkit._paths import shown


class IconkitError(Exception):
    """Base of every error iconkit raises for a user mistake.

    ``str(error)`` is ready to print: one line per problem, each starting with
    the file (and line, where known) it is about.
    """

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a line where known; a ``Path`` is shown relative to
    the working folder where it lies inside it, as every message shows paths."""

    path: Path | str
    line: int | None
    message: str

    def __str__(self) -> str:
        path = shown(self.path) if isinstance(self.path, Path) else self.path
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.message}"


class CatalogError(IconkitError):
    """A catalogue that cannot be loaded; carries every problem found at once."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownIconError(IconkitError, LookupError):
    """A name that is neither an icon nor an alias in the catalogue."""

    def __init__(self, name: str, suggestions: Sequence[str] = (), catalog: str = "") -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        self.catalog = catalog
        where = f" in {catalog}" if catalog else ""
        hint = ""
        if self.suggestions:
            hint = "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(f"unknown icon {name!r}{where}{hint}")

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return str(self.args[0])


class UnsafeSVGError(IconkitError):
    """SVG that is not well-formed, too large, or carries something active."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.problem = Problem(path, line, message)
        super().__init__(str(self.problem))


class ConfigError(IconkitError):
    """Bad ``[tool.iconkit]`` settings or command-line options."""


class BuildError(IconkitError):
    """A build that cannot finish; the previous output is left as it was."""


class ManifestError(IconkitError):
    """A missing or unreadable ``manifest.json`` from ``iconkit build``."""


class AddError(IconkitError):
    """``iconkit add`` refused; ``catalog.yaml`` and ``svg/`` are unchanged."""


class IconArgumentError(IconkitError, ValueError):
    """A template passed ``icon()`` an argument it cannot render safely."""


class ScanError(IconkitError):
    """Templates that use icons the catalogue does not have, or that cannot be parsed."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(IconkitError):
    """Command-line arguments that do not fit together."""

    exit_code = 2
