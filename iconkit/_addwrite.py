"""How ``iconkit add`` writes: all or nothing.

The would-be catalogue is loaded from a temporary copy (``validate``) before
anything is written; then every file is staged beside its target and renamed into
place, the artwork first and ``catalog.yaml`` last (``commit``), and everything is
rolled back if any step fails.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from iconkit.catalog import Catalog, load_catalog
from iconkit.errors import AddError, CatalogError

__all__ = ["appended", "commit", "shown", "validate"]


def shown(path: Path, catalog_path: Path) -> str:
    """``path`` relative to the catalogue's folder where it is inside it."""
    try:
        return path.relative_to(catalog_path.parent).as_posix()
    except ValueError:
        return str(path)


def appended(original: bytes, entries: str) -> bytes:
    """The catalogue text with ``entries`` after a blank line."""
    text = original
    if text and not text.endswith(b"\n"):
        text += b"\n"
    if text.strip():
        text += b"\n"
    return text + entries.encode("utf-8")


def validate(
    catalog_path: Path,
    catalog: Catalog,
    text: bytes,
    artwork: dict[str, bytes],
    names: list[str],
) -> None:
    """Load the would-be catalogue from a temporary copy that resolves files like the real
    one; raise ``AddError`` unless it loads, with ``names`` in that order."""
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
    if [icon.name for icon in loaded] != names:
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


def commit(catalog_path: Path, original: bytes, text: bytes, files: dict[Path, bytes]) -> None:
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
