"""``python -m iconkit``: the command line."""

from iconkit.cli import run

run()
