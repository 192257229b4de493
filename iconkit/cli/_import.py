"""``iconkit import``: icons picked out of an Iconify JSON set or a folder of SVG files."""

from __future__ import annotations

import argparse
from pathlib import Path

from iconkit.cli._add import add_adding_options, descriptions_file, own_catalog, report
from iconkit.cli._common import AddCommand, project_settings
from iconkit.errors import UsageError


def cmd_import(args: argparse.Namespace) -> int:
    """Add icons of a set, with their aliases, licence and author, to the catalogue."""
    from iconkit.importing import import_icons, open_set

    if bool(args.names) == args.all:
        raise UsageError("name the icons to import, or pass --all for every icon of the set")
    if args.description and len(args.description) != len(args.names):
        raise UsageError(
            f"--description given {len(args.description)} time(s) for {len(args.names)} "
            "icon(s): give it once per icon, in the same order"
        )
    settings = project_settings(args)
    catalog_path = own_catalog(settings)
    descriptions = descriptions_file(args)
    descriptions.update(zip(args.names, args.description or [], strict=False))
    added = import_icons(
        catalog_path,
        open_set(Path(args.set)),
        args.names or None,
        descriptions,
        prefix=f"{args.prefix}-" if args.prefix else "",
        tags=args.tag or (),
        fixed_colours=True if args.fixed_colours else None,
        dry_run=args.dry_run,
        fix=args.fix,
        skip_refused=args.skip_refused,
        limits=settings.limits,
    )
    return report(added, args, "import")


def register(command: AddCommand) -> None:
    """Add ``import``."""
    parser = command(
        "import",
        cmd_import,
        "Add icons from an icon set (Iconify JSON, or a folder of SVG files), with their "
        "aliases, licence and author.",
    )
    parser.add_argument(
        "set",
        metavar="SET",
        help="an Iconify JSON file (icons.json), a folder holding one (an @iconify-json/* "
        "package), or a folder of SVG files",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="icons of the set to import")
    parser.add_argument("--all", action="store_true", help="import every icon of the set")
    parser.add_argument(
        "--description",
        action="append",
        help="what the artwork shows: once per NAME, in the same order",
    )
    parser.add_argument("--prefix", help="put PREFIX- before every new name and alias")
    add_adding_options(parser)
