"""``iconkit build``: sprite, PNG fallbacks, CSS, gallery and manifest, incremental and atomic.

A build first plans everything without writing (symbols, file names, the
manifest), so a bad icon stops it before the output folder is touched. New
files are written into a staging folder inside the output folder and renamed
into place, ``manifest.json`` last; only then are stale hashed files removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from iconkit._atomic import write_atomic
from iconkit._fork import shared_out
from iconkit._shipped import package_bytes, shipped_catalog_path
from iconkit._version import __version__
from iconkit.catalog import Catalog, Icon, load_catalog, read_icons
from iconkit.errors import BuildError, UnsafeSVGError
from iconkit.gallery import colours_shown, gallery_item, gallery_page
from iconkit.manifest import MANIFEST, SCHEMA, manifest_bytes
from iconkit.settings import Settings
from iconkit.sprite import Symbol, assemble, make_symbol

__all__ = ["BuildResult", "Plan", "build", "check", "plan"]

GALLERY = "gallery.html"
CACHE = ".iconkit-cache"
# Icons read before helpers are forked: forking paid from about 150 (lucide's first 100
# icons: 16 ms in one process, 18 ms forked; its first 200: 28 ms and 25 ms).
PARALLEL_SYMBOLS = 128
SYMBOL_CHUNK = 64  # icons a process takes at a time; it reads them all, then makes them


@dataclass(frozen=True, slots=True)
class Render:
    """One PNG to render: ``symbol`` at ``pixels`` square in ``colour`` into ``path``."""

    source: str
    path: str
    symbol: bytes
    pixels: int
    colour: str


@dataclass
class Plan:
    """What a build would write, computed without writing anything."""

    settings: Settings
    catalog: Catalog
    symbols: dict[str, Symbol]
    files: dict[str, bytes]  # relative path -> bytes: sprite, css, gallery, manifest
    pngs: dict[str, Render]  # relative path -> how to render it
    cache: dict[str, str] = field(default_factory=dict)

    @property
    def out(self) -> Path:
        return self.settings.out

    def missing_pngs(self) -> list[Render]:
        return [job for path, job in self.pngs.items() if not (self.out / path).is_file()]

    def stale(self) -> list[str]:
        """Hashed files in the output folder that this build does not produce."""
        wanted = {*self.files, *self.pngs}
        return [path for path in _hashed_files(self.out) if path not in wanted]


@dataclass
class BuildResult:
    """What a build did."""

    out: Path
    icons: int
    rendered: list[str]
    reused: int
    removed: list[str]
    seconds: float

    def summary(self) -> str:
        return (
            f"built {self.icons} icons into {self.out}/: {len(self.rendered)} PNGs rendered, "
            f"{self.reused} reused, {len(self.removed)} stale files removed "
            f"in {self.seconds:.2f}s"
        )


def _sha(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def _renderer_version() -> str:
    from importlib import metadata  # here: a build without PNGs never needs it

    try:
        return metadata.version("cairosvg")
    except metadata.PackageNotFoundError:  # pragma: no cover - cairosvg is a dependency
        return "unknown"


def css_bytes() -> bytes:
    """The shipped ``iconkit.css``."""
    return package_bytes("static/iconkit.css")


def plan(settings: Settings, icons: Iterable[str] | None = None) -> Plan:
    """Everything a build of ``settings`` would write; ``icons`` limits it to those names."""
    path = settings.catalog if settings.catalog is not None else shipped_catalog_path()
    renderer = _renderer_version() if settings.png else ""  # only in PNG keys
    cache = _read_cache(settings.out)
    if icons is None:  # every icon: symbols are made while the catalogue is still being read
        chosen: list[Icon] = []
        made = _make(_collected(read_icons(path), chosen), settings, renderer, cache)
        catalog = Catalog(chosen, path)
    else:
        catalog = load_catalog(path)
        chosen = _choose(catalog, icons)
        made = _make(chosen, settings, renderer, cache)
    symbols = {
        icon.name: Symbol(icon.name, one.markup) for icon, one in zip(chosen, made, strict=True)
    }
    sprite = assemble(symbols.values())
    sprite_name = f"sprite.{hashlib.sha256(sprite).hexdigest()[:8]}.svg"
    css = css_bytes()
    css_name = f"iconkit.{hashlib.sha256(css).hexdigest()[:8]}.css"
    pngs = {
        path: Render(str(icon.path), path, one.markup, pixels, colour)
        for icon, one in zip(chosen, made, strict=True)
        for path, pixels, colour in one.pngs
    }
    head = {
        "schema": SCHEMA,
        "iconkit": __version__,
        "sprite": sprite_name,
        "css": css_name,
        "url_prefix": settings.url_prefix,
    }
    files = {
        sprite_name: sprite,
        css_name: css,
        GALLERY: gallery_page([one.gallery_item for one in made], sprite_name, sprite),
        MANIFEST: manifest_bytes(head, [one.manifest_line for one in made]),
    }
    return Plan(
        settings, catalog, symbols, files, pngs, {one.key: one.markup.decode() for one in made}
    )


def _choose(catalog: Catalog, names: Iterable[str]) -> list[Icon]:
    wanted = {catalog.resolve(name).name for name in names}
    return [icon for icon in catalog if icon.name in wanted]


def _jobs(settings: Settings) -> int:
    return settings.jobs or os.cpu_count() or 1


class _Made(NamedTuple):
    """One icon's share of the build, made where its symbol is made."""

    key: str  # its symbol cache key
    markup: bytes
    pngs: list[tuple[str, int, str]]  # path, pixels, colour
    manifest_line: str
    gallery_item: str


def _make(
    icons: Iterable[Icon], settings: Settings, renderer: str, cache: Mapping[str, str]
) -> list[_Made]:
    """Every icon's symbol (from the cache when its bytes and the limits they were read
    within are unchanged), manifest line and gallery item. Shared over ``jobs``
    processes once ``PARALLEL_SYMBOLS`` icons have come from ``icons``."""
    limits = settings.limits
    context = f"{__version__}\0{limits!r}"
    colours = colours_shown(list(settings.colours)) if settings.png and settings.sizes else None

    def make(share: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:  # no _Made: marshal
        # Read the chunk, then make its symbols: measured ~15 % faster over lucide than
        # reading each file just before its symbol (each loop stays warm in the caches).
        made: list[tuple[str, bytes]] = []
        for fields, data in [(fields, _read(fields[1], limits.max_bytes)) for fields in share]:
            name, path = fields[:2]
            key = _sha(name, data, context)
            cached = cache.get(key)
            if cached is None:
                made.append((key, make_symbol(name, data, path, limits).markup))
            else:
                made.append((key, cached.encode()))
        # Then their manifest lines and gallery items, in a loop of their own: made in
        # the same loop as the symbols, they saved nothing over lucide (caches again).
        results: list[tuple[str, bytes, list[tuple[str, int, str]], str, str]] = []
        for fields, (key, markup) in zip(share, made, strict=True):
            name = fields[0]
            digest = hashlib.sha256(markup).hexdigest()
            pngs = list(_pngs(name, digest, settings, renderer))
            entry = _entry(fields, digest, {label: path for label, path, _, _ in pngs})
            line = f"{json.dumps(name)}: {_JSON.encode(entry)}"
            item = gallery_item(name, entry, colours)
            results.append((key, markup, [png[1:] for png in pngs], line, item))
        return results

    jobs = _jobs(settings)
    fields = map(_fields, icons)
    made = shared_out(make, fields, jobs, chunk=SYMBOL_CHUNK, fork_at=PARALLEL_SYMBOLS)
    return [_Made(*one) for one in made]


def _fields(icon: Icon) -> tuple[Any, ...]:
    """What ``_make`` needs of ``icon``, marshallable: it may go to a forked process."""
    return (
        icon.name,
        str(icon.path),
        icon.title,
        icon.description,
        icon.aliases,
        icon.tags,
        icon.fixed_colours,
        icon.animated,
    )


def _collected(icons: Iterable[Icon], into: list[Icon]) -> Iterator[Icon]:
    """``icons``, each also added to ``into`` as it goes by."""
    for icon in icons:
        into.append(icon)
        yield icon


_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder for every line: cheaper than dumps


def _entry(fields: tuple[Any, ...], digest: str, png: dict[str, str]) -> dict[str, Any]:
    name, _, title, description, aliases, tags, fixed_colours, animated = fields
    return {
        "title": title,
        "description": description,
        "aliases": list(aliases),
        "tags": list(tags),
        "symbol": name,
        "hash": digest,
        "fixed_colours": fixed_colours,
        "animated": animated,
        "png": png,
    }


def _pngs(
    name: str, digest: str, settings: Settings, renderer: str
) -> Iterator[tuple[str, str, int, str]]:
    """Icon ``name``'s PNGs, its symbol hashing to ``digest``: manifest key, path, pixels
    and colour. Each path is named by everything that changes its pixels."""
    if not settings.png:
        return
    for size in settings.sizes:
        for scale in settings.scales:
            for colour_name, colour in settings.colours.items():
                pixels = size * scale
                key = _sha(digest, str(pixels), colour, __version__, renderer)[:8]
                path = f"png/{name}-{size}@{scale}x-{colour_name}.{key}.png"
                yield f"{size}@{scale}x-{colour_name}", path, pixels, colour


def _read(path: str, limit: int) -> bytes:
    """The artwork's bytes, refused as soon as there are more than ``limit``. Read with
    bare ``os`` calls: half the time of ``open().read()``, which shows over thousands."""
    chunks: list[bytes] = []
    left = limit + 1
    try:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            while left > 0 and (chunk := os.read(descriptor, min(left, 65536))):
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise BuildError(f"{path}: cannot read: {error.strerror or error}") from None
    if left <= 0:
        raise UnsafeSVGError(path, f"more than {limit} bytes, over the limit")
    return b"".join(chunks)


def _read_cache(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / CACHE / "symbols.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("iconkit") != __version__:
        return {}
    symbols = data.get("symbols")
    return symbols if isinstance(symbols, dict) else {}


def _hashed_files(out: Path) -> Iterator[str]:
    """Files of earlier builds: ``sprite.*.svg``, ``iconkit.*.css``, ``png/*.png``."""
    if not out.is_dir():
        return
    for pattern in ("sprite.*.svg", "iconkit.*.css", "png/*.png"):
        for path in sorted(out.glob(pattern)):
            yield path.relative_to(out).as_posix()


def check(settings: Settings, icons: Iterable[str] | None = None) -> list[str]:
    """What is missing or stale in the output folder; an empty list when it is up to date."""
    work = plan(settings, icons)
    out = settings.out
    problems: list[str] = []
    for path, data in work.files.items():
        target = out / path
        if not target.is_file():
            problems.append(f"{out / path}: missing")
        elif target.read_bytes() != data:
            problems.append(f"{out / path}: stale")
    problems.extend(f"{out / job.path}: missing" for job in work.missing_pngs())
    problems.extend(f"{out / path}: stale, from an earlier build" for path in work.stale())
    return problems


def build(
    settings: Settings,
    icons: Iterable[str] | None = None,
    *,
    progress: TextIO | None = None,
) -> BuildResult:
    """Build into ``settings.out``; on any failure the previous output is left as it was.

    ``progress`` is a terminal stream for a progress bar, or ``None`` for silence.
    """
    started = time.perf_counter()
    work = plan(settings, icons)
    out = settings.out
    created = not out.exists()
    try:
        (out / CACHE).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise BuildError(f"{out}: cannot create the output folder: {reason}") from None
    with _exclusive(out / CACHE / "lock", f"waiting for another iconkit build into {out}"):
        return _commit(work, settings, created, progress, started)


@contextlib.contextmanager
def _exclusive(lock: Path, waiting: str) -> Iterator[None]:
    """Hold ``lock`` while writing, so two builds into one folder take turns (POSIX only)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows has no flock; builds there do not wait
        yield
        return
    try:
        handle = lock.open("a")
    except OSError as error:
        raise BuildError(f"{lock}: cannot lock: {error.strerror or error}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"{waiting}…", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _commit(
    work: Plan, settings: Settings, created: bool, progress: TextIO | None, started: float
) -> BuildResult:
    """Render, stage and rename ``work`` into place, then tidy; the caller holds the lock."""
    out = settings.out
    try:
        staging = Path(tempfile.mkdtemp(prefix=".iconkit-tmp-", dir=out))
    except OSError as error:
        reason = error.strerror or str(error)
        raise BuildError(f"{out}: cannot create the output folder: {reason}") from None
    try:
        jobs = work.missing_pngs()
        _render_all(jobs, staging, _jobs(settings), progress)
        for name, data in work.files.items():
            write_atomic(staging / name, data)
        # Commit: hashed files first, the manifest (the switch to the new build) last.
        order = [job.path for job in jobs] + [p for p in work.files if p != MANIFEST] + [MANIFEST]
        for path in order:
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / path, out / path)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            shutil.rmtree(out, ignore_errors=True)
        if isinstance(error, OSError):
            where = error.filename or out
            raise BuildError(f"{where}: cannot write: {error.strerror or error}") from None
        raise
    shutil.rmtree(staging, ignore_errors=True)
    removed = work.stale()
    try:
        for path in removed:
            (out / path).unlink(missing_ok=True)
        _write_cache(out, work.cache)
    except OSError as error:  # the new build is in place; say what could not be tidied
        where = error.filename or out
        raise BuildError(f"{where}: built, but cannot tidy up: {error.strerror or error}") from None
    return BuildResult(
        out=out,
        icons=len(work.symbols),
        rendered=[job.path for job in jobs],
        reused=len(work.pngs) - len(jobs),
        removed=removed,
        seconds=time.perf_counter() - started,
    )


def _write_cache(out: Path, symbols: dict[str, str]) -> None:
    data = {"iconkit": __version__, "symbols": dict(sorted(symbols.items()))}
    write_atomic(out / CACHE / "symbols.json", json.dumps(data).encode())


def _render_batch(batch: list[Render], staging: str) -> str | None:
    """Render one icon's PNGs into ``staging``; the problem as text, or ``None``."""
    from iconkit.png import render_png

    for job in batch:
        try:
            data = render_png(job.symbol, job.pixels, job.colour)
        except Exception as error:  # cairosvg raises many kinds; report, do not crash the pool
            return f"{job.source}: cannot render {job.path}: {error}"
        target = Path(staging) / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    return None


def _render_all(jobs: list[Render], staging: Path, workers: int, stream: TextIO | None) -> None:
    batches: dict[str, list[Render]] = {}
    for job in jobs:
        batches.setdefault(job.source, []).append(job)
    bar = _Progress(len(jobs), stream)
    if workers <= 1 or len(batches) <= 1:
        for batch in batches.values():
            _raise(_render_batch(batch, str(staging)))
            bar.advance(len(batch))
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=min(workers, len(batches))) as pool:
            futures = {
                pool.submit(_render_batch, batch, str(staging)): len(batch)
                for batch in batches.values()
            }
            for future in as_completed(futures):
                problem = future.result()
                if problem is not None:
                    for other in futures:
                        other.cancel()
                    _raise(problem)
                bar.advance(futures[future])
    bar.close()


def _raise(problem: str | None) -> None:
    if problem is not None:
        raise BuildError(problem)


class _Progress:
    """A one-line progress bar on a terminal stream; nothing without one."""

    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total, self.stream, self.done, self.drawn = total, stream, 0, 0.0

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if self.stream is not None and (now - self.drawn > 0.1 or self.done == self.total):
            self.drawn = now
            filled = 30 * self.done // max(self.total, 1)
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\rrendering PNGs [{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.stream is not None and self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def terminal(stream: TextIO = sys.stderr) -> TextIO | None:
    """``stream`` if it is a terminal, else ``None``."""
    return stream if stream.isatty() else None
