"""``iconkit import``: icons picked out of an icon set, with their aliases, licence and author.

The set is read by ``iconkit.iconsets`` (an Iconify JSON set or a folder of SVG
files). Each icon then goes through ``add_icons`` like a file given to ``iconkit
add``: the same cleaning, checks and all-or-nothing write. Descriptions come from a
YAML or CSV file of ``name: description`` lines (``iconkit.descriptions``), or one per
icon; an icon without one is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from iconkit.add import Added, NewIcon, add_icons
from iconkit.catalog import NAME_PATTERN, load_catalog
from iconkit.exportinfo import ExportInfo
from iconkit.iconsets import IconSet, open_set
from iconkit.safesvg import DEFAULT_LIMITS, Limits
from iconkit.words import title_from_name

__all__ = ["IconSet", "import_icons", "open_set"]


def import_icons(
    catalog_path: Path,
    iconset: IconSet,
    names: Sequence[str] | None,
    descriptions: Mapping[str, str],
    *,
    prefix: str = "",
    tags: Sequence[str] = (),
    fixed_colours: bool | None = None,
    dry_run: bool = False,
    fix: bool = False,
    skip_refused: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Added:
    """Add the icons ``names`` of ``iconset`` (every one when ``None``) to the catalogue.

        Each keeps the set's aliases that are free in the catalogue (a taken one is left
        out and reported in ``Added.findings``), and the set's credit. ``descriptions``
        are looked up by the icon's name in the set (or with the prefix), else by any of
    its aliases. ``prefix`` goes before every new name and
        alias (``mdi`` makes ``mdi-home``). See ``add_icons`` for the rest.
    """
    picked = iconset.resolve(names) if names else iconset.names()
    catalog = load_catalog(catalog_path)
    taken = {key for icon in catalog for key in (icon.name, *icon.aliases)}
    taken |= {prefix + name for name in picked}
    keep = iconset.fixed_colours if fixed_colours is None else fixed_colours
    icons, dropped = [], []
    for name in picked:
        aliases = []
        for alias in iconset.aliases_of(name):
            new = prefix + alias
            if new in taken or not NAME_PATTERN.fullmatch(new):
                dropped.append(f"{iconset.path}#{name}: alias {new!r} left out: already taken")
                continue
            taken.add(new)
            aliases.append(new)
        given = {"aliases": tuple(aliases), "tags": tuple(tags), "fixed_colours": keep}
        keys = (name, prefix + name, *iconset.aliases_of(name))  # as named in the set or here
        description = next((descriptions[k] for k in keys if descriptions.get(k)), None)
        icons.append(_new_icon(iconset, name, prefix, description, limits, given))
    added = add_icons(
        catalog_path,
        icons,
        dry_run=dry_run,
        fix=fix,
        limits=limits,
        skip_refused=skip_refused,
    )
    added.findings[:0] = dropped
    return added


def _new_icon(
    iconset: IconSet,
    name: str,
    prefix: str,
    description: str | None,
    limits: Limits,
    given: dict[str, Any],
) -> NewIcon:
    artwork = iconset.artwork(name)
    given = {**given, "name": prefix + name, "credit": iconset.credit}
    if isinstance(artwork, Path):
        return NewIcon.from_file(artwork, description, limits=limits, **given)
    given.update(title=title_from_name(name), data=artwork, part=name)
    return NewIcon.proposed(iconset.path, ExportInfo(), description, **given)
