"""``iconkit build`` and ``iconkit scan``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from iconkit._paths import shown
from iconkit.catalog import load_catalog
from iconkit.cli._common import AddCommand, positive, project_settings


def cmd_build(args: argparse.Namespace) -> int:
    """Build the sprite, PNGs, CSS, gallery and manifest; with --check, only compare."""
    from iconkit.builder import build, check, terminal

    png = False if args.no_png else None
    settings = project_settings(args, announce=True, out=args.out, jobs=args.jobs, png=png)
    only = _used_icons(args.only_used, settings.catalog_path) if args.only_used else None
    if args.check:
        problems = check(settings, only)
        for problem in problems:
            print(problem)
        if problems:
            print(
                f"error: {shown(settings.out)}: {len(problems)} files missing or stale; "
                "run `iconkit build`",
                file=sys.stderr,
            )
            return 1
        if not args.quiet and sys.stdout.isatty():
            print(f"{shown(settings.out)}: up to date")
        return 0
    stream = None if args.quiet else terminal(sys.stderr)
    result = build(settings, only, progress=stream)
    if stream is not None:
        print(result.summary(), file=stream)
    return 0


def _used_icons(folders: Sequence[str], catalog: Path) -> list[str]:
    from iconkit.scan import scan_templates

    report = scan_templates([Path(f) for f in folders], load_catalog(catalog))
    report.raise_for_errors()
    return sorted({use.icon for use in report.uses if use.icon is not None})


def cmd_scan(args: argparse.Namespace) -> int:
    """List the icons that templates use; exit 1 on unknown names."""
    from iconkit.scan import scan_templates

    catalog = load_catalog(project_settings(args).catalog_path)
    report = scan_templates([Path(f) for f in args.folders], catalog)
    for line in report.lines():
        print(line)
    for problem in report.warnings():
        print(f"warning: {problem}", file=sys.stderr)
    report.raise_for_errors()
    return 0


def register(command: AddCommand) -> None:
    """Add ``build`` and ``scan``."""
    sub = command("build", cmd_build, "Build the sprite, PNG fallbacks, CSS, gallery and manifest.")
    sub.add_argument("--out", metavar="DIR", help="output folder (default: iconkit-build)")
    sub.add_argument(
        "--jobs", metavar="N", type=positive, help="PNG render processes (default: CPU count)"
    )
    sub.add_argument("--check", action="store_true", help="write nothing; exit 1 if out of date")
    sub.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    sub.add_argument("--no-png", action="store_true", help="skip the PNG fallbacks")
    sub.add_argument(
        "--only-used",
        metavar="TEMPLATE_DIR",
        nargs="+",
        help="ship only the icons these templates use",
    )
    scan = command("scan", cmd_scan, "List the icons that Jinja templates use.")
    scan.add_argument("folders", metavar="TEMPLATE_DIR", nargs="+", help="template folders")
