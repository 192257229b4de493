"""The ``iconkit`` command line: ``main(argv) -> exit code``, errors as one line each."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from iconkit import __version__
from iconkit.catalog import Catalog, Icon, load_catalog
from iconkit.errors import IconkitError

Command = Callable[[argparse.Namespace], int]


def template_call(icon: Icon) -> str:
    """The Jinja call a template author copies to use ``icon``."""
    return f"{{{{ icon('{icon.name}') }}}}"


def _catalog(args: argparse.Namespace) -> Catalog:
    return load_catalog(args.catalog)


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
    catalog = _catalog(args)
    _print_icons(list(catalog), catalog, args.format)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one icon's words, file and the template call to copy."""
    catalog = _catalog(args)
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
    print(f"  template:    {template_call(icon)}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Print the icons whose words match; exit 1 when none does."""
    catalog = _catalog(args)
    text = " ".join(args.text)
    found = catalog.search(text)
    if not found:
        print(f"no icon matches {text!r}", file=sys.stderr)
        return 1
    _print_icons(found, catalog, args.format)
    return 0


# --- build and scan (issue 3) ---------------------------------------------------------


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def cmd_build(args: argparse.Namespace) -> int:
    """Build the sprite, PNGs, CSS, gallery and manifest; with --check, only compare."""
    from iconkit.build import build, check, terminal
    from iconkit.config import load_settings

    png = False if args.no_png else None
    settings = load_settings(catalog=args.catalog, out=args.out, jobs=args.jobs, png=png)
    only = _used_icons(args.only_used, settings.catalog) if args.only_used else None
    if args.check:
        problems = check(settings, only)
        for problem in problems:
            print(problem)
        if problems:
            print(
                f"error: {settings.out}: {len(problems)} files missing or stale; "
                "run `iconkit build`",
                file=sys.stderr,
            )
            return 1
        if not args.quiet and sys.stdout.isatty():
            print(f"{settings.out}: up to date")
        return 0
    stream = None if args.quiet else terminal(sys.stderr)
    result = build(settings, only, progress=stream)
    if stream is not None:
        print(result.summary(), file=stream)
    return 0


def _used_icons(folders: Sequence[str], catalog: Path | None) -> list[str]:
    from iconkit.scan import scan_templates

    report = scan_templates([Path(f) for f in folders], load_catalog(catalog))
    report.raise_for_errors()
    return sorted({use.icon for use in report.uses if use.icon is not None})


def cmd_scan(args: argparse.Namespace) -> int:
    """List the icons that templates use; exit 1 on unknown names."""
    from iconkit.scan import scan_templates

    report = scan_templates([Path(f) for f in args.folders], _catalog(args))
    for line in report.lines():
        print(line)
    for problem in report.warnings():
        print(f"warning: {problem}", file=sys.stderr)
    report.raise_for_errors()
    return 0


def _add_build_commands(command: Callable[[str, Command, str], argparse.ArgumentParser]) -> None:
    sub = command("build", cmd_build, "Build the sprite, PNG fallbacks, CSS, gallery and manifest.")
    sub.add_argument("--out", metavar="DIR", help="output folder (default: iconkit-build)")
    sub.add_argument(
        "--jobs", metavar="N", type=_positive, help="PNG render processes (default: CPU count)"
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


# --- end of build and scan -------------------------------------------------------------


def _add_catalog_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalog",
        metavar="PATH",
        help="catalogue file (default: the catalogue shipped with iconkit)",
    )


def _add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def cmd_add(args: argparse.Namespace) -> int:
    """Clean SVG files and add them to the catalogue."""
    from iconkit import add  # here: only `add` needs the cleaner and the YAML editor

    return add.run(args)


def cmd_lint(args: argparse.Namespace) -> int:
    """Check the catalogue's artwork and words."""
    from iconkit import lint

    return lint.run(args)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``iconkit add``."""
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


def _lint_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``iconkit lint``."""
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument(
        "--fix", action="store_true", help="apply the safe fixes and say what changed"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="iconkit",
        description="Accessible SVG icons from one YAML catalogue.",
    )
    parser.add_argument("--version", action="version", version=f"iconkit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Command, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.set_defaults(handler=handler)
        _add_catalog_option(sub)
        return sub

    _add_format_option(command("list", cmd_list, "List every icon of the catalogue."))
    show = command("show", cmd_show, "Show one icon and the template call to copy.")
    show.add_argument("name", help="icon name or alias")
    _add_format_option(show)
    search = command("search", cmd_search, "Find icons by name, title, description, alias or tag.")
    search.add_argument("text", nargs="+", help="words that must all match")
    _add_format_option(search)
    _add_build_commands(command)
    _add_arguments(command("add", cmd_add, "Clean SVG files and add them to the catalogue."))
    _lint_arguments(command("lint", cmd_lint, "Check the catalogue's artwork and words."))
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
    with contextlib.suppress(BrokenPipeError):  # os._exit below would lose what is buffered
        sys.stdout.flush()
        sys.stderr.flush()
    # Every file is closed and the streams are flushed: leave without freeing the
    # build's objects one by one (5 ms of a large build), as mypy's hard_exit does.
    os._exit(code)
