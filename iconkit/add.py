"""``iconkit add``: clean new artwork and append its entries to ``catalog.yaml``, all or nothing.

Every file is read with the hardened reader, sanitised and normalised; the new
entries are appended to the catalogue text as ruamel.yaml writes them, so the
existing text (comments, order, formatting) is kept byte for byte. The would-be
catalogue is loaded from a temporary copy before anything is renamed into place;
if anything fails, ``catalog.yaml`` and ``svg/`` are left exactly as they were.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from iconkit.catalog import NAME_PATTERN, Catalog, load_catalog
from iconkit.errors import AddError, CatalogError, IconkitError
from iconkit.normalise import clean_svg
from iconkit.safesvg import DEFAULT_LIMITS, Limits
from iconkit.words import description_issues, title_issues

ArtworkCheck = Callable[["NewIcon", bytes], list[str]]


@dataclass(frozen=True)
class NewIcon:
    """One icon to add: its source file and its catalogue entry."""

    source: Path
    name: str
    title: str
    description: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    fixed_colours: bool = False

    @classmethod
    def from_file(cls, source: Path, description: str, **given: Any) -> NewIcon:
        """An icon whose name and title default to ones derived from the file name."""
        name = given.pop("name", None) or name_from_file(source)
        title = given.pop("title", None) or title_from_name(name)
        return cls(source=source, name=name, title=title, description=description, **given)


@dataclass
class Added:
    """What ``add_icons`` did (or, with ``dry_run``, would do)."""

    catalog: Path
    icons: list[NewIcon]
    files: dict[str, Path] = field(default_factory=dict)  # name -> artwork written
    findings: list[str] = field(default_factory=list)  # "file: warning" lines
    entries: str = ""  # the YAML text appended to the catalogue


def name_from_file(path: Path) -> str:
    """``Video Camera@2x.svg`` -> ``video-camera-2x``: lower case, digits, single hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", path.stem.lower()))


def title_from_name(name: str) -> str:
    """``video-camera`` -> ``Video camera``."""
    return name.replace("-", " ").capitalize()


def add_icons(
    catalog_path: Path,
    icons: Sequence[NewIcon],
    *,
    dry_run: bool = False,
    fix: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    check: ArtworkCheck | None = None,
) -> Added:
    """Add ``icons`` to the catalogue at ``catalog_path``; raise ``AddError`` changing nothing.

    ``check`` returns error messages for cleaned artwork that must not be added
    (``iconkit add`` passes the artwork rules of ``iconkit lint``).
    """
    catalog = load_catalog(catalog_path)
    original = catalog_path.read_bytes()
    result = Added(catalog_path, list(icons))
    problems = _check_names(catalog, icons)
    artwork: dict[str, bytes] = {}
    for icon in icons:
        try:
            cleaned = clean_svg(
                _read(icon.source, limits),
                icon.source,
                fixed_colours=icon.fixed_colours,
                fix=fix,
                limits=limits,
                name=icon.name,
            )
        except IconkitError as error:
            problems.extend(str(error).splitlines())
            continue
        artwork[icon.name] = cleaned.svg
        result.findings += [f"{icon.source}: {finding}" for finding in cleaned.findings]
        issues = [*title_issues(icon.title), *description_issues(icon.title, icon.description)]
        result.findings += [f"{icon.source}: {i.message}" for i in issues if i.level != "error"]
        if check is not None:
            problems += [f"{icon.source}: {message}" for message in check(icon, cleaned.svg)]
        target = catalog_path.parent / "svg" / f"{icon.name}.svg"
        result.files[icon.name] = target
        if target.exists():
            problems.append(f"{icon.source}: {shown(target, catalog_path)} already exists")
    if problems:
        raise AddError("\n".join(problems))
    result.entries = render_entries(icons)
    text = _appended(original, result.entries)
    _validate(catalog_path, catalog, text, artwork, icons)
    if not dry_run:
        files = {result.files[name]: data for name, data in artwork.items()}
        _commit(catalog_path, original, text, files)
    return result


def _read(source: Path, limits: Limits) -> bytes:
    try:
        size = source.stat().st_size
        if size > limits.max_bytes:
            raise AddError(f"{source}: {size} bytes, over the {limits.max_bytes}-byte limit")
        with source.open("rb") as stream:  # bounded, even if the file grows meanwhile
            return stream.read(limits.max_bytes + 1)
    except OSError as error:
        raise AddError(f"{source}: cannot read: {error.strerror or error}") from None


def shown(path: Path, catalog_path: Path) -> str:
    """``path`` relative to the catalogue's folder where it is inside it."""
    try:
        return path.relative_to(catalog_path.parent).as_posix()
    except ValueError:
        return str(path)


def _check_names(catalog: Catalog, icons: Sequence[NewIcon]) -> list[str]:
    problems: list[str] = []
    owners = {key: icon.name for icon in catalog for key in (icon.name, *icon.aliases)}
    titles = {icon.title.casefold(): icon.name for icon in catalog}
    for icon in icons:
        for key in (icon.name, *icon.aliases):
            if not NAME_PATTERN.fullmatch(key):
                problems.append(
                    f"{icon.source}: bad name {key!r}: use lower-case letters, digits and "
                    "single hyphens"
                )
            elif key in owners:
                problems.append(f"{icon.source}: {key!r} is already used by icon {owners[key]!r}")
            else:
                owners[key] = icon.name
        for word, value in (("title", icon.title), ("description", icon.description)):
            if not value.strip():
                problems.append(f"{icon.source}: the {word} is empty")
        issues = [*title_issues(icon.title), *description_issues(icon.title, icon.description)]
        problems += [f"{icon.source}: {i.message}" for i in issues if i.level == "error"]
        twin = titles.get(icon.title.casefold())
        if twin is not None:
            problems.append(
                f"{icon.source}: title {icon.title!r} is already icon {twin!r}'s: "
                "give this icon its own title, or make it an alias"
            )
        titles[icon.title.casefold()] = icon.name
    return problems


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
        stream = io.StringIO()
        yaml.dump(CommentedMap([(icon.name, entry)]), stream)
        blocks.append(stream.getvalue())
    return "\n".join(blocks)


def _appended(original: bytes, entries: str) -> bytes:
    text = original
    if text and not text.endswith(b"\n"):
        text += b"\n"
    if text.strip():
        text += b"\n"
    return text + entries.encode("utf-8")


def _validate(
    catalog_path: Path,
    catalog: Catalog,
    text: bytes,
    artwork: dict[str, bytes],
    icons: Sequence[NewIcon],
) -> None:
    """Load the would-be catalogue from a temporary copy that resolves files like the real one."""
    with _mirror(catalog_path, catalog) as copy:
        copy.write_bytes(text)
        (copy.parent / "svg").mkdir(exist_ok=True)
        for name, data in artwork.items():
            (copy.parent / "svg" / f"{name}.svg").write_bytes(data)
        try:
            loaded = load_catalog(copy)
        except CatalogError as error:
            lines = [str(p).replace(str(copy), str(catalog_path), 1) for p in error.problems]
            raise AddError("\n".join(lines)) from None
    expected = [icon.name for icon in catalog] + [icon.name for icon in icons]
    if [icon.name for icon in loaded] != expected:
        raise AddError(f"{catalog_path}: the new entries did not load back in order")


@contextlib.contextmanager
def _mirror(catalog_path: Path, catalog: Catalog) -> Iterator[Path]:
    """A temporary ``catalog.yaml`` path whose relative artwork paths reach the same files.

    The copy sits deep enough inside a temporary folder that ``../`` paths stay
    inside it, and every existing artwork file is linked at its relative place.
    """
    base = os.path.dirname(os.path.abspath(catalog_path))  # as load_catalog joins paths
    relatives = [os.path.relpath(icon.path, base) for icon in catalog]
    depth = max((r.split(os.sep).count("..") for r in relatives), default=0)
    with tempfile.TemporaryDirectory(prefix="iconkit-add-") as folder:
        home = Path(folder).joinpath(*[f"d{i}" for i in range(depth)])
        home.mkdir(parents=True, exist_ok=True)
        for icon, relative in zip(catalog, relatives, strict=True):
            link = Path(os.path.normpath(home / relative))
            link.parent.mkdir(parents=True, exist_ok=True)
            if not link.exists():
                link.symlink_to(icon.path)
        yield home / catalog_path.name


def _commit(catalog_path: Path, original: bytes, text: bytes, files: dict[Path, bytes]) -> None:
    """Write temporaries beside their targets, then rename: artwork first, catalogue last."""
    svg_dir = catalog_path.parent / "svg"
    created_dir = not svg_dir.exists()
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        svg_dir.mkdir(exist_ok=True)
        for target, data in files.items():
            staged.append((_stage(target, data), target))
        staged_catalog = _stage(catalog_path, text)
        staged.append((staged_catalog, catalog_path))
        if catalog_path.read_bytes() != original:
            raise AddError(f"{catalog_path}: changed while adding; run `iconkit add` again")
        for temporary, target in staged[:-1]:
            if target.exists():
                raise AddError(f"{shown(target, catalog_path)} appeared while adding")
            os.replace(temporary, target)
            placed.append(target)
        os.replace(staged_catalog, catalog_path)
    except OSError as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for target in placed:
            target.unlink(missing_ok=True)
        if created_dir:
            with contextlib.suppress(OSError):
                svg_dir.rmdir()
        raise AddError(f"{catalog_path}: cannot write: {error.strerror or error}") from None
    except AddError:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for target in placed:
            target.unlink(missing_ok=True)
        raise


def _stage(target: Path, data: bytes) -> Path:
    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    if target.exists():
        os.chmod(name, target.stat().st_mode & 0o777)
    else:
        os.chmod(name, 0o644)
    return Path(name)
