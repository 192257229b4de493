"""notices: NOTICES.txt credits each source once, in catalogue order, with the same bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from iconkit.catalog import load_catalog
from iconkit.notices import notices_text

CREDITED = """\
bell:
  title: Bell
  description: A bell with a clapper.
  source: lucide-static 1.62.0
  license: ISC
  author: Lucide Icons and Contributors

own:
  title: Own
  description: Drawn for this site.

cloud:
  title: Cloud
  description: A rain cloud.
  source: lucide-static 1.62.0
  license: ISC
  author: Lucide Icons and Contributors

found:
  title: Found
  description: A shape from somewhere.
  author: Jo Example
"""


def test_sources_are_grouped_in_catalogue_order(write_catalog: Callable[..., Path]) -> None:
    text = notices_text(load_catalog(write_catalog(CREDITED)))
    assert text is not None
    body = text.decode().split("\n\n", 2)[2]
    assert body.endswith(
        "lucide-static 1.62.0\n"
        "  Licence: ISC\n"
        "  Author:  Lucide Icons and Contributors\n"
        "  Icons (2): bell, cloud\n"
        "\n"
        "(no source given)\n"
        "  Licence: not given (see `iconkit lint`)\n"
        "  Author:  Jo Example\n"
        "  Icons (1): found\n"
    )
    assert "own" not in body


def test_no_credit_no_notices(write_catalog: Callable[..., Path]) -> None:
    assert (
        notices_text(load_catalog(write_catalog("own:\n  title: Own\n  description: Mine.\n")))
        is None
    )


def test_a_long_list_of_icons_is_wrapped(write_catalog: Callable[..., Path]) -> None:
    entries = "".join(
        f"icon-number-{n}:\n  title: Shape number {n}\n  description: Shape {n}.\n  license: MIT\n"
        for n in range(60)
    )
    text = notices_text(load_catalog(write_catalog(entries)))
    assert text is not None
    assert max(len(line) for line in text.decode().splitlines()) <= 88
    assert "icon-number-59\n" in text.decode()
