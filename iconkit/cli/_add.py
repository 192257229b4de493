"""``iconkit add``: pairs each file with its options, prints what was added."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from iconkit.cli._common import AddCommand, project_settings
from iconkit.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from iconkit.add import NewIcon


def icons_from_arguments(
    files: Sequence[str],
    *,
    names: Sequence[str] | None,
    titles: Sequence[str] | None,
    descriptions: Sequence[str] | None,
    aliases: Sequence[str] | None,
    tags: Sequence[str] | None,
    fixed_colours: bool,
) -> list[NewIcon]:
    """Pair each FILE with its ``--name``/``--title``/``--description`` by position."""
    from iconkit.add import NewIcon

    count = len(files)
    for option, values, required in (
        ("--description", descriptions, True),
        ("--name", names, False),
        ("--title", titles, False),
    ):
        given = len(values or [])
        if (required or given) and given != count:
            raise UsageError(
                f"{option} given {given} time(s) for {count} file(s): give it once per file, "
                "in the same order as the files"
            )
    if aliases and count > 1:
        raise UsageError("--alias works with one file at a time: an alias names one icon")
    return [
        NewIcon.from_file(
            Path(file),
            (descriptions or [])[index],
            name=names[index] if names else None,
            title=titles[index] if titles else None,
            aliases=tuple(aliases or ()),
            tags=tuple(tags or ()),
            fixed_colours=fixed_colours,
        )
        for index, file in enumerate(files)
    ]


def cmd_add(args: argparse.Namespace) -> int:
    """Clean SVG files and add them to the catalogue; print what was added (or would be)."""
    from iconkit.add import add_icons, shown
    from iconkit.artwork import check_new_artwork

    icons = icons_from_arguments(
        args.files,
        names=args.name,
        titles=args.title,
        descriptions=args.description,
        aliases=args.alias,
        tags=args.tag,
        fixed_colours=args.fixed_colours,
    )
    settings = project_settings(args)
    if settings.catalog is None:
        raise ConfigError(
            "no catalogue of your own here (no pyproject.toml with [tool.iconkit], no "
            "catalog.yaml): run `iconkit init`, or pass --catalog PATH"
        )
    catalog_path = settings.catalog
    added = add_icons(
        catalog_path,
        icons,
        dry_run=args.dry_run,
        fix=args.fix,
        limits=settings.limits,
        check=check_new_artwork,
    )
    for finding in added.findings:
        print(f"warning: {finding}", file=sys.stderr)
    verb = "would add" if args.dry_run else "added"
    for icon in added.icons:
        target = shown(added.files[icon.name], catalog_path)
        print(f"{verb} {icon.name}: {icon.title} ({target})")
    if args.dry_run:
        print(f"\nentries for {catalog_path}:\n\n{added.entries}", end="")
    return 0


def register(command: AddCommand) -> None:
    """Add ``add``."""
    parser = command("add", cmd_add, "Clean SVG files and add them to the catalogue.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="SVG files to add")
    parser.add_argument(
        "--name", action="append", help="icon name (default: from the file name); once per file"
    )
    parser.add_argument(
        "--title", action="append", help="accessible name (default: from the name); once per file"
    )
    parser.add_argument(
        "--description",
        action="append",
        help="what the artwork shows, as a sentence (required: once per file, in file order)",
    )
    parser.add_argument("--alias", action="append", help="another name (one file only)")
    parser.add_argument("--tag", action="append", help="a search word (applies to every file)")
    parser.add_argument(
        "--fixed-colours", action="store_true", help="keep the artwork's own colours"
    )
    parser.add_argument(
        "--fix", action="store_true", help="remove forbidden content instead of refusing the file"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check and show the entries; write nothing"
    )
