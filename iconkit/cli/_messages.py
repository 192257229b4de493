"""``iconkit messages``: the catalogue's titles and descriptions as gettext messages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from iconkit._paths import shown
from iconkit.cli._common import AddCommand, project_settings


def cmd_messages(args: argparse.Namespace) -> int:
    """Write a .pot of the catalogue's words, or with --python a module for makemessages."""
    from iconkit._atomic import write_atomic
    from iconkit.i18n import python_markers, template

    catalog = project_settings(args).catalog_path
    if args.python:
        data = python_markers(catalog)
    else:
        try:
            data = template(catalog)
        except ImportError:
            print("error: iconkit messages writes .pot files with Babel: "
                  "pip install 'iconkit[i18n]'", file=sys.stderr)  # fmt: skip
            return 1
    if args.output == "-":
        sys.stdout.buffer.write(data)
        return 0
    target = Path(args.output or ("iconkit_messages.py" if args.python else "iconkit.pot"))
    write_atomic(target, data)
    print(f"wrote {shown(target)}", file=sys.stderr)
    return 0


def register(command: AddCommand) -> None:
    """Add ``messages``."""
    parser = command(
        "messages",
        cmd_messages,
        "Write the catalogue's titles and descriptions as gettext messages (a .pot file).",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (default: iconkit.pot, or iconkit_messages.py with --python; "
        "- for standard output)",
    )
    parser.add_argument(
        "--python",
        action="store_true",
        help="write a Python module of gettext_noop() calls, which Django's makemessages reads",
    )
