"""``python manage.py iconkit COMMAND [ARGS]``: the ``iconkit`` command line on this project.

It runs ``iconkit COMMAND`` with the project's settings, ``ICONKIT`` included (its
``CATALOG`` and ``OUT`` become ``--catalog`` and ``--out``). ``scan`` without folders
scans the project's templates in both languages, as ``manage.py check`` does. System
checks are not run first: a stale build must not stop ``manage.py iconkit build``.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from iconkit.catalog import load_catalog
from iconkit.cli import PROJECT_COMMANDS
from iconkit.django.conf import Options, options
from iconkit.django.scan import scan_project
from iconkit.errors import IconkitError
from iconkit.settings import load_settings

COMMANDS = PROJECT_COMMANDS


class Command(BaseCommand):
    help = "Run an iconkit command (build, lint, list, scan, ...) with this project's settings."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("command", choices=COMMANDS, help="the iconkit command")
        # nargs "..." is argparse.REMAINDER: everything after the command goes to iconkit
        parser.add_argument("args", nargs="...", help="its arguments (try --help)")

    def handle(self, *args: str, **given: Any) -> None:
        from iconkit.cli import main

        command: str = given["command"]
        rest = list(args)  # Django passes the "args" argument as positional arguments
        found = options()
        if command == "scan" and not rest:
            code = _scan(found)
        else:
            code = main([command, *_flags(found, command), *rest])
        if code:
            raise SystemExit(code)


def _flags(found: Options, command: str) -> list[str]:
    """``--project``, and ``--catalog`` and ``--out`` where ``ICONKIT`` changed them."""
    flags = ["--project", str(found.project)]
    plain = load_settings(found.project)
    if found.settings.catalog != plain.catalog:
        flags += ["--catalog", str(found.settings.catalog_path)]
    if command == "build" and found.settings.out != plain.out:
        flags += ["--out", str(found.settings.out)]
    return flags


def _scan(found: Options) -> int:
    """``iconkit scan`` over the project's Django and Jinja templates; 1 on unknown names."""
    try:
        report = scan_project(found.project, load_catalog(found.settings.catalog_path))
        for line in report.lines():
            print(line)
        for problem in report.warnings():
            print(f"warning: {problem}", file=sys.stderr)
        report.raise_for_errors()
    except IconkitError as error:
        for line in str(error).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return error.exit_code
    return 0
