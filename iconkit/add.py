"""``iconkit add``: clean new artwork and append its entries to ``catalog.yaml``, all or nothing.

Every file is read with the hardened reader, sanitised and normalised, and every
problem of every file is found before anything is written; the new entries are
appended to the catalogue text as ruamel.yaml writes them, so the existing text
(comments, order, formatting) is kept byte for byte. ``_addwrite`` loads the
would-be catalogue from a temporary copy before anything is renamed into place; if
anything fails, ``catalog.yaml`` and ``svg/`` are left exactly as they were.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from lxml import etree
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from iconkit._addwrite import appended, commit, shown, validate
from iconkit.artwork import check_new_artwork
from iconkit.catalog import CREDIT_KEYS, NAME_PATTERN, load_catalog
from iconkit.errors import AddError, IconkitError, UnsafeSVGError
from iconkit.exportinfo import Credit, ExportInfo, read_export_info
from iconkit.normalise import clean_svg, nothing_to_draw, strip_cruft
from iconkit.safesvg import DEFAULT_LIMITS, Limits, parse_svg
from iconkit.sanitize import forbidden, resolve_switches
from iconkit.words import description_issues, title_from_name, title_issues

__all__ = [
    "Added",
    "NewIcon",
    "add_icons",
    "name_from_file",
    "render_entries",
    "shown",
    "title_from_name",
]


@dataclass(frozen=True)
class NewIcon:
    """One icon to add: where its artwork comes from and its catalogue entry.

    ``data`` is the artwork when it is not the whole of the file ``source`` (an icon
    of a set); ``part`` then names it inside ``source``. ``notes`` say where words
    came from, for the report.
    """

    source: Path
    name: str
    title: str
    description: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    fixed_colours: bool = False
    credit: Credit = Credit()
    data: bytes | None = None
    part: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """The file, or ``file#icon`` for an icon of a set: how messages name it."""
        return f"{self.source}#{self.part}" if self.part else str(self.source)

    @classmethod
    def from_file(
        cls,
        source: Path,
        description: str | None = None,
        *,
        name: str | None = None,
        title: str | None = None,
        limits: Limits = DEFAULT_LIMITS,
        **given: Any,
    ) -> NewIcon:
        """An icon of the file ``source``; what is not given is proposed.

        The name comes from the file name; the title and description from the
        artwork's own ``<title>`` and ``<desc>`` where they are usable words, else the
        title from the name; the credit from licence comments and metadata.
        """
        info = _export_info(source, limits)
        return cls.proposed(source, info, description, name=name, title=title, **given)

    @classmethod
    def proposed(
        cls,
        source: Path,
        info: ExportInfo,
        description: str | None = None,
        *,
        name: str | None = None,
        title: str | None = None,
        **given: Any,
    ) -> NewIcon:
        """An icon whose missing words come from ``info`` (what its artwork says)."""
        name = name or name_from_file(source)
        notes = []
        if not title and info.title:
            title, notes = info.title, ["title from the artwork's <title>"]
        title = title or title_from_name(name)
        proposal = info.description
        if not description and proposal and _fits(title, proposal):
            description = proposal
            notes.append("description from the artwork's <desc>")
        credit = given.pop("credit", Credit())
        return cls(
            source=source,
            name=name,
            title=title,
            description=description or "",
            credit=credit.over(info.credit),
            notes=tuple(notes),
            **given,
        )


@dataclass
class Added:
    """What ``add_icons`` did (or, with ``dry_run``, would do).

    ``icons`` are the icons added; ``refused`` holds, for each icon left out, every
    problem found with it (only with ``dry_run`` or ``skip_refused``: otherwise a
    refusal raises).
    """

    catalog: Path
    icons: list[NewIcon]
    files: dict[str, Path] = field(default_factory=dict)  # name -> artwork written
    findings: list[str] = field(default_factory=list)  # "file: warning" lines
    entries: str = ""  # the YAML text appended to the catalogue
    refused: dict[str, list[str]] = field(default_factory=dict)  # where -> problem lines


def name_from_file(path: Path) -> str:
    """``Video Camera@2x.svg`` -> ``video-camera-2x``: lower case, digits, single hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", path.stem.lower()))


def add_icons(
    catalog_path: Path,
    icons: Sequence[NewIcon],
    *,
    dry_run: bool = False,
    fix: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    skip_refused: bool = False,
) -> Added:
    """Add ``icons`` to the catalogue at ``catalog_path``; all or nothing.

    Every problem of every icon is found before anything is written. Any refusal
    raises ``AddError`` (listing them all) and changes nothing, unless
    ``skip_refused``, which adds the others and reports the refused in
    ``Added.refused``; ``dry_run`` reports them the same way and writes nothing.
    The cleaned artwork is held to the artwork rules of ``iconkit lint``.
    """
    catalog = load_catalog(catalog_path)
    original = catalog_path.read_bytes()
    owners = {key: icon.name for icon in catalog for key in (icon.name, *icon.aliases)}
    titles = {icon.title.casefold(): icon.name for icon in catalog}
    result = Added(catalog_path, [])
    artwork: dict[str, bytes] = {}
    for icon in icons:
        cleaned, problems = _cleaned(icon, fix, limits)
        problems += _word_problems(icon)
        if cleaned is not None:
            problems += _artwork_problems(icon, cleaned)
        target = catalog_path.parent / "svg" / f"{icon.name}.svg"
        if target.exists():
            problems.append(f"{icon.where}: {shown(target, catalog_path)} already exists")
        problems += _name_problems(icon, owners, titles)
        if problems or cleaned is None:
            result.refused.setdefault(icon.where, []).extend(problems)
            continue
        for key in (icon.name, *icon.aliases):
            owners[key] = icon.name
        titles[icon.title.casefold()] = icon.name
        artwork[icon.name] = cleaned.svg
        result.files[icon.name] = target
        result.icons.append(icon)
        result.findings += [f"{icon.where}: {finding}" for finding in cleaned.findings]
        issues = [*title_issues(icon.title), *description_issues(icon.title, icon.description)]
        result.findings += [f"{icon.where}: {i.message}" for i in issues if i.level != "error"]
    if result.refused and not (dry_run or skip_refused):
        lines = [line for problems in result.refused.values() for line in problems]
        if len(icons) > 1:
            lines.append(f"{len(result.refused)} of {len(icons)} refused: nothing was added")
        raise AddError("\n".join(lines))
    if not result.icons:
        if dry_run:
            return result
        raise AddError("nothing to add: every icon was refused")
    result.entries = render_entries(result.icons)
    text = appended(original, result.entries)
    names = [icon.name for icon in catalog] + [icon.name for icon in result.icons]
    validate(catalog_path, catalog, text, artwork, names)
    if not dry_run:
        files = {result.files[name]: data for name, data in artwork.items()}
        commit(catalog_path, original, text, files)
    return result


def _fits(title: str, description: str) -> bool:
    return not any(i.level == "error" for i in description_issues(title, description))


def _export_info(source: Path, limits: Limits) -> ExportInfo:
    """What the file says about itself; nothing when it cannot be read (``add`` says why)."""
    try:
        return read_export_info(parse_svg(_read(source, limits), source, limits))
    except IconkitError:
        return ExportInfo()


class _Cleaned(NamedTuple):
    svg: bytes
    findings: list[str]
    root: etree._Element


def _cleaned(icon: NewIcon, fix: bool, limits: Limits) -> tuple[_Cleaned | None, list[str]]:
    """The icon's artwork cleaned, or ``None`` and every problem that refuses it."""
    try:
        data = icon.data if icon.data is not None else _read(icon.source, limits)
        cleaned = clean_svg(data, icon.where, fixed_colours=icon.fixed_colours, fix=fix,
                            limits=limits, name=icon.name)  # fmt: skip
    except UnsafeSVGError as error:
        return None, _every_problem(data, icon.where, limits) or str(error).splitlines()
    except IconkitError as error:
        return None, str(error).splitlines()
    return _Cleaned(cleaned.svg, cleaned.findings, etree.fromstring(cleaned.svg)), []


def _every_problem(data: bytes, where: str, limits: Limits) -> list[str]:
    """Every forbidden thing in ``data``, where it is readable at all (else nothing)."""
    try:
        root = parse_svg(data, where, limits)
    except IconkitError:
        return []
    strip_cruft(root)
    resolve_switches(root)
    return [str(problem) for problem in forbidden(root, where)]


def _artwork_problems(icon: NewIcon, cleaned: _Cleaned) -> list[str]:
    empty = nothing_to_draw(cleaned.root)
    if empty is not None:
        said = [f for f in cleaned.findings if "(removed)" in f or "<switch>" in f]
        after = f" (after: {'; '.join(said)})" if said else ""
        return [f"{icon.where}: {empty}{after}"]
    return [f"{icon.where}: {message}" for message in check_new_artwork(icon, cleaned.svg)]


def _word_problems(icon: NewIcon) -> list[str]:
    problems = []
    if not icon.title.strip():
        problems.append(f"{icon.where}: the title is empty")
    if not icon.description.strip():
        problems.append(
            f"{icon.where}: no description: say what the artwork shows (a --description, "
            "a line in a descriptions file, or a <desc> in the artwork)"
        )
        return problems
    issues = [*title_issues(icon.title), *description_issues(icon.title, icon.description)]
    return problems + [f"{icon.where}: {i.message}" for i in issues if i.level == "error"]


def _name_problems(icon: NewIcon, owners: dict[str, str], titles: dict[str, str]) -> list[str]:
    problems = []
    for key in (icon.name, *icon.aliases):
        if not NAME_PATTERN.fullmatch(key):
            problems.append(
                f"{icon.where}: bad name {key!r}: use lower-case letters, digits and single hyphens"
            )
        elif key in owners:
            problems.append(f"{icon.where}: {key!r} is already used by icon {owners[key]!r}")
    twin = titles.get(icon.title.casefold())
    if twin is not None:
        problems.append(
            f"{icon.where}: title {icon.title!r} is already icon {twin!r}'s: "
            "give this icon its own title, or make it an alias"
        )
    return problems


def _read(source: Path, limits: Limits) -> bytes:
    try:
        size = source.stat().st_size
        if size > limits.max_bytes:
            raise AddError(f"{source}: {size} bytes, over the {limits.max_bytes}-byte limit")
        with source.open("rb") as stream:  # bounded, even if the file grows meanwhile
            return stream.read(limits.max_bytes + 1)
    except OSError as error:
        raise AddError(f"{source}: cannot read: {error.strerror or error}") from None


def render_entries(icons: Sequence[NewIcon]) -> str:
    """The catalogue entries for ``icons``, in the style of the shipped catalogue."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    blocks = []
    for icon in icons:
        entry = CommentedMap()
        entry["title"] = icon.title
        entry["description"] = icon.description
        for key, values in (("aliases", icon.aliases), ("tags", icon.tags)):
            if values:
                sequence = CommentedSeq(values)
                sequence.fa.set_flow_style()
                entry[key] = sequence
        if icon.fixed_colours:
            entry["fixed_colours"] = True
        for key, value in zip(CREDIT_KEYS, astuple(icon.credit), strict=True):
            if value:
                entry[key] = value
        stream = io.StringIO()
        yaml.dump(CommentedMap([(icon.name, entry)]), stream)
        blocks.append(stream.getvalue())
    return "\n".join(blocks)
