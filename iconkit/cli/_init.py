"""``iconkit init``: start a project's own catalogue, then say what to run next."""

from __future__ import annotations

import argparse

from iconkit._paths import shown
from iconkit.cli._common import AddCommand

NEXT = (
    'iconkit add path/to/bell.svg --description "A bell with a clapper."',
    "iconkit lint",
    "iconkit build",
)


def cmd_init(args: argparse.Namespace) -> int:
    """Create catalog.yaml, svg/ and [tool.iconkit]; refuse if any of them is there."""
    from iconkit.project import init_project

    done = init_project(args.folder, out=args.out)
    for path in done.created:
        print(f"created {shown(path)}{'/' if path.is_dir() else ''}")
    for path in done.changed:
        print(f"updated {shown(path)}")
    print("\nnext:")
    for command in NEXT:
        print(f"  {command}")
    return 0


def register(command: AddCommand) -> None:
    """Add ``init``."""
    parser = command(
        "init",
        cmd_init,
        "Start a catalogue of your own: catalog.yaml, svg/ and [tool.iconkit].",
        project=False,
    )
    parser.add_argument(
        "folder", nargs="?", default=".", help="the project folder (default: the working folder)"
    )
    parser.add_argument(
        "--out", default="iconkit-build", help="the build's output folder (default: iconkit-build)"
    )
