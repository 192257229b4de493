"""``iconkit add``: pairs each file with its options, prints what was added (or refused)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from iconkit.cli._common import AddCommand, project_settings
from iconkit.errors import ConfigError, UsageError
from iconkit.safesvg import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from iconkit.add import Added, NewIcon
    from iconkit.settings import Settings


def icons_from_arguments(
    files: Sequence[str],
    *,
    names: Sequence[str] | None,
    titles: Sequence[str] | None,
    descriptions: Sequence[str] | None,
    aliases: Sequence[str] | None,
    tags: Sequence[str] | None,
    fixed_colours: bool,
    described: Mapping[str, str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[NewIcon]:
    """Pair each FILE with its ``--name``/``--title``/``--description`` by position.

    Without ``--description`` a file's description comes from ``described`` (a
    descriptions file, by icon name) or from the artwork's ``<desc>``.
    """
    from iconkit.add import NewIcon, name_from_file

    count = len(files)
    for option, values in (("--description", descriptions), ("--name", names), ("--title", titles)):
        given = len(values or [])
        if given and given != count:
            raise UsageError(
                f"{option} given {given} time(s) for {count} file(s): give it once per file, "
                "in the same order as the files"
            )
    if aliases and count > 1:
        raise UsageError("--alias works with one file at a time: an alias names one icon")
    icons = []
    for index, file in enumerate(files):
        path = Path(file)
        name = names[index] if names else name_from_file(path)
        description = descriptions[index] if descriptions else (described or {}).get(name)
        icons.append(
            NewIcon.from_file(
                path,
                description,
                name=name,
                title=titles[index] if titles else None,
                aliases=tuple(aliases or ()),
                tags=tuple(tags or ()),
                fixed_colours=fixed_colours,
                limits=limits,
            )
        )
    return icons


def own_catalog(settings: Settings) -> Path:
    """The project's own catalogue: ``add`` and ``import`` never write into the shipped one."""
    if settings.catalog is None:
        raise ConfigError(
            "no catalogue of your own here (no pyproject.toml with [tool.iconkit], no "
            "catalog.yaml): run `iconkit init`, or pass --catalog PATH"
        )
    return settings.catalog


def descriptions_file(args: argparse.Namespace) -> dict[str, str]:
    """The ``--descriptions FILE`` mapping, or nothing."""
    from iconkit.descriptions import read_descriptions

    return read_descriptions(Path(args.descriptions)) if args.descriptions else {}


def cmd_add(args: argparse.Namespace) -> int:
    """Clean SVG files and add them to the catalogue; print what was added (or would be)."""
    from iconkit.add import add_icons

    settings = project_settings(args)
    catalog_path = own_catalog(settings)
    icons = icons_from_arguments(
        args.files,
        names=args.name,
        titles=args.title,
        descriptions=args.description,
        aliases=args.alias,
        tags=args.tag,
        fixed_colours=args.fixed_colours,
        described=descriptions_file(args),
        limits=settings.limits,
    )
    added = add_icons(
        catalog_path,
        icons,
        dry_run=args.dry_run,
        fix=args.fix,
        limits=settings.limits,
        skip_refused=args.skip_refused,
    )
    return report(added, args, "add")


def report(added: Added, args: argparse.Namespace, command: str) -> int:
    """Print what ``add``/``import`` did or would do; 1 when a real run would refuse."""
    from iconkit.add import shown

    for finding in added.findings:
        print(f"warning: {finding}", file=sys.stderr)
    label = "skipped" if args.skip_refused else "error"
    for problems in added.refused.values():
        for line in problems:
            print(f"{label}: {line}", file=sys.stderr)
    verb = "would add" if args.dry_run else "added"
    for icon in added.icons:
        notes = [shown(added.files[icon.name], added.catalog), *icon.notes]
        credit = ", ".join(str(part) for part in (icon.credit.license, icon.credit.source) if part)
        if credit:
            notes.append(credit)
        print(f"{verb} {icon.name}: {icon.title} ({'; '.join(notes)})")
    if args.dry_run and added.entries:
        print(f"\nentries for {added.catalog}:\n\n{added.entries}", end="")
    total = len(added.icons) + len(added.refused)
    if added.refused and not args.skip_refused:
        others = f" (--skip-refused adds the other {len(added.icons)})" if added.icons else ""
        print(
            f"{len(added.refused)} of {total} refused: `iconkit {command}` would add "
            f"nothing{others}",
            file=sys.stderr,
        )
        return 1
    if added.refused:
        print(f"{verb} {len(added.icons)}, skipped {len(added.refused)}", file=sys.stderr)
    return 0


def add_adding_options(parser: argparse.ArgumentParser) -> None:
    """The options ``add`` and ``import`` share."""
    parser.add_argument(
        "--descriptions",
        metavar="FILE",
        help="a YAML file of `name: description` lines, or a CSV file of name,description rows",
    )
    parser.add_argument("--tag", action="append", help="a search word (applies to every icon)")
    parser.add_argument(
        "--fixed-colours", action="store_true", help="keep the artwork's own colours"
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="remove forbidden content instead of refusing, and fold near-black greys "
        "into currentColor",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check everything, list every refusal and show the entries; write nothing",
    )
    parser.add_argument(
        "--skip-refused",
        action="store_true",
        help="add what passes and list what was skipped (default: all or nothing)",
    )


def register(command: AddCommand) -> None:
    """Add ``add``."""
    parser = command("add", cmd_add, "Clean SVG files and add them to the catalogue.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="SVG files to add")
    parser.add_argument(
        "--name", action="append", help="icon name (default: from the file name); once per file"
    )
    parser.add_argument(
        "--title",
        action="append",
        help="accessible name (default: the artwork's <title>, else from the name); once per file",
    )
    parser.add_argument(
        "--description",
        action="append",
        help="what the artwork shows, as a sentence: once per file, in file order (default: "
        "from --descriptions, else the artwork's <desc>)",
    )
    parser.add_argument("--alias", action="append", help="another name (one file only)")
    add_adding_options(parser)
