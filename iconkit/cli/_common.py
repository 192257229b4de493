"""What every command shares: option helpers and the handler type."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, Protocol

from iconkit._paths import shown
from iconkit.settings import Settings, load_settings

Handler = Callable[[argparse.Namespace], int]


class AddCommand(Protocol):
    """Registers subcommand ``name``, run by ``handler``; returns its parser.

    With ``project`` (the default) it takes ``--catalog``, ``--project`` and ``--verbose``.
    """

    def __call__(
        self, name: str, handler: Handler, summary: str, *, project: bool = True
    ) -> argparse.ArgumentParser: ...


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format text|json``."""
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def positive(text: str) -> int:
    """An argument that must be a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


RULE = (
    "Which catalogue: --catalog if given; else the `catalog` of the nearest "
    "pyproject.toml with a [tool.iconkit] table (searched from --project, default the "
    "working folder, upward); else ./catalog.yaml; else the catalogue shipped with iconkit."
)


def add_project_options(parser: argparse.ArgumentParser) -> None:
    """``--catalog``, ``--project`` and ``--verbose``, which every command takes."""
    parser.add_argument(
        "--catalog",
        metavar="PATH",
        help="catalogue file (default: from the project's settings; see below)",
    )
    parser.add_argument(
        "--project",
        metavar="PATH",
        help="look for pyproject.toml or catalog.yaml from here (default: the working folder)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="say which catalogue and settings are used"
    )


def project_settings(args: argparse.Namespace, *, announce: bool = False, **flags: Any) -> Settings:
    """The settings of the command's project, with ``--catalog`` and ``flags`` over them.

    Says which catalogue is used on stderr with ``--verbose``, or with ``announce`` when
    stderr is a terminal.
    """
    settings = load_settings(args.project, catalog=args.catalog, **flags)
    if args.verbose or announce and sys.stderr.isatty():
        print(f"catalogue: {describe(settings)}", file=sys.stderr)
    return settings


def describe(settings: Settings) -> str:
    """Where the catalogue of ``settings`` comes from, with paths as a person reads them."""
    if settings.catalog is None:
        return "the catalogue shipped with iconkit"
    where = shown(settings.catalog)
    if settings.source is not None and settings.source.name == "pyproject.toml":
        return f"{where} (from [tool.iconkit] in {shown(settings.source)})"
    return where
