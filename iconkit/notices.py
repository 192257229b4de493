"""``NOTICES.txt``: who made the third-party icons of a build, and under which licence.

Written by ``iconkit build`` beside ``manifest.json`` when any icon of the build has a
``source``, ``license`` or ``author`` in the catalogue, so a site can publish its
attributions. Icons are grouped by what credits them, in catalogue order: the same
catalogue gives the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from iconkit.catalog import Icon

__all__ = ["NOTICES", "notices_text"]

NOTICES = "NOTICES.txt"
_HEAD = """\
Third-party icons in this build
===============================

These icons come from the sources below, under the licences named. Publish this
notice with the icons; where a licence asks for its full text or a copyright line
(MIT, ISC, Apache-2.0 and the CC BY licences do), include that too.
"""


def notices_text(icons: Iterable[Icon]) -> bytes | None:
    """The notices for ``icons``, or ``None`` when none of them is credited."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for icon in icons:
        credit = icon.credit
        if credit:
            key = (credit.get("source", ""), credit.get("license", ""), credit.get("author", ""))
            groups.setdefault(key, []).append(icon.name)
    if not groups:
        return None
    blocks = [_HEAD]
    for (source, licence, author), names in groups.items():
        lines = [source or "(no source given)"]
        lines.append(f"  Licence: {licence or 'not given (see `iconkit lint`)'}")
        if author:
            lines.append(f"  Author:  {author}")
        lines.append(
            textwrap.fill(
                ", ".join(names),
                width=88,
                initial_indent=f"  Icons ({len(names)}): ",
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks).encode("utf-8")
