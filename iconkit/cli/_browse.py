"""``iconkit list``, ``show`` and ``search``: the catalogue, read and printed."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from iconkit.catalog import Catalog, Icon, load_catalog
from iconkit.cli._common import AddCommand, add_format_option, project_settings


def template_call(icon: Icon) -> str:
    """The Jinja call a template author copies to use ``icon``."""
    return f"{{{{ icon('{icon.name}') }}}}"


def _relative(path: Path, catalog: Catalog) -> str:
    try:
        return str(path.relative_to(os.path.dirname(os.path.abspath(catalog.path))))
    except ValueError:
        return str(path)


def _icon_record(icon: Icon, catalog: Catalog) -> dict[str, object]:
    return {
        "name": icon.name,
        "title": icon.title,
        "description": icon.description,
        "aliases": list(icon.aliases),
        "tags": list(icon.tags),
        "file": _relative(icon.path, catalog),
        "fixed_colours": icon.fixed_colours,
        "animated": icon.animated,
        **icon.credit,
    }


def _print_icons(icons: Sequence[Icon], catalog: Catalog, output_format: str) -> None:
    if output_format == "json":
        print(json.dumps([_icon_record(icon, catalog) for icon in icons], indent=2))
        return
    width = max((len(icon.name) for icon in icons), default=0)
    for icon in icons:
        aliases = f"  (also: {', '.join(icon.aliases)})" if icon.aliases else ""
        print(f"{icon.name:<{width}}  {icon.title}{aliases}")


def cmd_list(args: argparse.Namespace) -> int:
    """Print every icon of the catalogue, in catalogue order."""
    catalog = load_catalog(project_settings(args, announce=True).catalog_path)
    _print_icons(list(catalog), catalog, args.format)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one icon's words, file and the template call to copy."""
    catalog = load_catalog(project_settings(args).catalog_path)
    icon = catalog.resolve(args.name)
    if args.format == "json":
        print(json.dumps(_icon_record(icon, catalog), indent=2))
        return 0
    print(f"{icon.name}: {icon.title}")
    print(f"  description: {icon.description}")
    print(f"  aliases:     {', '.join(icon.aliases) or '-'}")
    print(f"  tags:        {', '.join(icon.tags) or '-'}")
    print(f"  colours:     {'fixed' if icon.fixed_colours else 'currentColor'}")
    if icon.animated:
        print("  animated:    yes (stops under prefers-reduced-motion)")
    print(f"  file:        {_relative(icon.path, catalog)}")
    for key, value in icon.credit.items():
        print(f"  {key + ':':<12} {value}")
    print(f"  template:    {template_call(icon)}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Print the icons whose words match; exit 1 when none does."""
    catalog = load_catalog(project_settings(args).catalog_path)
    text = " ".join(args.text)
    found = catalog.search(text)
    if not found:
        print(f"no icon matches {text!r}", file=sys.stderr)
        return 1
    _print_icons(found, catalog, args.format)
    return 0


def register(command: AddCommand) -> None:
    """Add ``list``, ``show`` and ``search``."""
    add_format_option(command("list", cmd_list, "List every icon of the catalogue."))
    show = command("show", cmd_show, "Show one icon and the template call to copy.")
    show.add_argument("name", help="icon name or alias")
    add_format_option(show)
    search = command("search", cmd_search, "Find icons by name, title, description, alias or tag.")
    search.add_argument("text", nargs="+", help="words that must all match")
    add_format_option(search)
