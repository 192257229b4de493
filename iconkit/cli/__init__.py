"""The ``iconkit`` command line: parse arguments, print results, choose exit codes.

The library returns results and raises ``IconkitError``; only this package prints.
Each error becomes ``error: path:line: problem`` lines and the error's exit code
(1, or 2 for usage); ``main(argv)`` returns the code, ``run()`` exits with it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from iconkit._version import __version__
from iconkit.cli import _add, _browse, _build, _import, _init, _lint, _messages
from iconkit.cli._common import RULE, Handler, add_project_options
from iconkit.errors import IconkitError

__all__ = ["PROJECT_COMMANDS", "build_parser", "main", "run"]

PROJECT_COMMANDS = (
    "add",
    "build",
    "import",
    "lint",
    "list",
    "messages",
    "scan",
    "search",
    "show",
)
"""The commands that work on a project's catalogue (all but ``init``): the Flask and
Django integrations offer these with the application's project."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="iconkit",
        description="Accessible SVG icons from one YAML catalogue.",
        epilog=RULE,
    )
    parser.add_argument("--version", action="version", version=f"iconkit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        name: str, handler: Handler, summary: str, *, project: bool = True
    ) -> argparse.ArgumentParser:
        epilog = RULE if project else None
        sub = commands.add_parser(name, help=summary, description=summary, epilog=epilog)
        sub.set_defaults(handler=handler)
        if project:
            add_project_options(sub)
        return sub

    for module in (_init, _browse, _build, _add, _import, _lint, _messages):
        module.register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (1 for errors, 2 for usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        code: int = args.handler(args)
    except IconkitError as error:
        for line in str(error).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return error.exit_code
    return code


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
    except BrokenPipeError:  # `iconkit list | head`
        code = 0
    except KeyboardInterrupt:
        code = 130
    with contextlib.suppress(BrokenPipeError):
        sys.stdout.flush()
        sys.stderr.flush()
    sys.exit(code)
