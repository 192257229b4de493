"""What every command shares: option helpers and the handler type."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Protocol

Handler = Callable[[argparse.Namespace], int]


class AddCommand(Protocol):
    """Registers subcommand ``name``, run by ``handler``; returns its parser."""

    def __call__(self, name: str, handler: Handler, summary: str) -> argparse.ArgumentParser: ...


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format text|json``."""
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def positive(text: str) -> int:
    """An argument that must be a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value
