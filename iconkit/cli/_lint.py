"""``iconkit lint``: prints the findings; exit 1 when any error remains."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from iconkit.cli._common import AddCommand, add_format_option, project_settings


def cmd_lint(args: argparse.Namespace) -> int:
    """Check the catalogue's artwork and words."""
    from iconkit.linter import ERROR, WARNING, LintSettings, lint

    settings = project_settings(args, announce=True)
    words = Path(args.translations) if args.translations else None
    held = LintSettings(limits=settings.limits, locales=tuple(args.locale), translations=words)
    report = lint(settings.catalog_path, held, fix=args.fix)
    everything = [*report.fixed, *report.findings]
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in everything], indent=2))
    else:
        for finding in everything:
            print(finding)
        errors = sum(f.level == ERROR for f in report.findings)
        warnings = sum(f.level == WARNING for f in report.findings)
        fixed = f", {len(report.fixed)} fixed" if report.fixed else ""
        print(f"{errors} error(s), {warnings} warning(s){fixed}", file=sys.stderr)
    return 1 if report.failed else 0


def register(command: AddCommand) -> None:
    """Add ``lint``."""
    parser = command("lint", cmd_lint, "Check the catalogue's artwork and words.")
    add_format_option(parser)
    parser.add_argument(
        "--fix", action="store_true", help="apply the safe fixes and say what changed"
    )
    parser.add_argument(
        "--locale",
        metavar="LANG",
        action="append",
        default=[],
        help="report titles and descriptions with no translation into LANG (repeatable)",
    )
    parser.add_argument(
        "--translations",
        metavar="PATH",
        help="the project's translations for --locale: a .po or .mo file, or a gettext "
        "folder such as locale/ (default: iconkit's own translations of the shipped set)",
    )
