"""``iconkit build``: sprite, PNG fallbacks, CSS, gallery and manifest, incremental and atomic.

A build first plans everything without writing (symbols, file names, the
manifest), so a bad icon stops it before the output folder is touched. New
files are written into a staging folder inside the output folder and renamed
into place, ``manifest.json`` last; only then are stale hashed files removed.

Builds into one folder take turns on a lock in the cache folder (``settings.cache``,
outside the served folder). The lock dies with the process that took it, and the
PNG workers die with the build: a build killed at any moment leaves the previous
output whole, and the next one removes what it left and finishes.
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
from typing import Any, TextIO

from iconkit._atomic import write_atomic
from iconkit._paths import shown
from iconkit._shipped import stylesheet
from iconkit._version import __version__
from iconkit.catalog import Catalog, Icon, load_catalog
from iconkit.errors import BuildError, UnsafeSVGError
from iconkit.gallery import render_gallery
from iconkit.manifest import MANIFEST, icon_entry, manifest_bytes, new_manifest
from iconkit.notices import NOTICES, notices_text
from iconkit.png import Render, render_batch, renderer_version, renders, worker_start
from iconkit.safesvg import Limits
from iconkit.settings import Settings
from iconkit.sprite import Symbol, assemble, make_symbol

__all__ = ["BuildResult", "Plan", "build", "check", "lock_file", "plan", "terminal"]

SYMBOLS = "symbols.json"  # in the cache folder: each icon's symbol, by its inputs
CHUNK = 64  # icons whose files are read before their symbols are made
STAGING = ".iconkit-tmp-"  # the prefix of a build's staging folder in the output folder


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
        rendered = len(self.rendered)
        return (
            f"built {self.icons} icons into {shown(self.out)}/: {rendered} PNGs rendered, "
            f"{self.reused} reused, {len(self.removed)} stale files removed "
            f"in {self.seconds:.2f}s"
        )


@dataclass(frozen=True, slots=True)
class _Made:
    """One icon's symbol, and the key it is cached under."""

    key: str  # the icon's name and bytes, the limits they were read within, the version
    symbol: Symbol


def plan(settings: Settings, icons: Iterable[str] | None = None) -> Plan:
    """Everything a build of ``settings`` would write; ``icons`` limits it to those names."""
    path = settings.catalog_path
    catalog = load_catalog(path)
    chosen = list(catalog) if icons is None else _choose(catalog, icons)
    made = _make(chosen, settings.limits, _read_cache(settings.cache))
    renderer = renderer_version() if settings.png else ""  # only in PNG names
    entries: dict[str, dict[str, Any]] = {}
    pngs: dict[str, Render] = {}
    for icon, one in zip(chosen, made, strict=True):
        markup = one.symbol.markup
        digest = hashlib.sha256(markup).hexdigest()
        source = str(icon.path)
        pictures = renders(icon.name, source, markup, digest, settings, renderer)
        flipped = renders(icon.name, source, markup, digest, settings, renderer, mirrored=True)
        flipped = flipped if icon.mirror else {}
        for found in (pictures, flipped):
            pngs.update((job.path, job) for job in found.values())
        entries[icon.name] = icon_entry(
            icon,
            digest,
            {label: job.path for label, job in pictures.items()},
            {label: job.path for label, job in flipped.items()},
        )
    sprite = assemble(one.symbol for one in made)
    sprite_name = f"sprite.{hashlib.sha256(sprite).hexdigest()[:8]}.svg"
    css = stylesheet()
    css_name = f"iconkit.{hashlib.sha256(css).hexdigest()[:8]}.css"
    notices = notices_text(chosen)
    notices_name = NOTICES if notices is not None else None
    manifest = new_manifest(sprite_name, css_name, settings.url_prefix, entries, notices_name)
    files = {
        sprite_name: sprite,
        css_name: css,
        **render_gallery(manifest, sprite),
        **({NOTICES: notices} if notices is not None else {}),
        MANIFEST: manifest_bytes(manifest),
    }
    symbols = {one.symbol.name: one.symbol for one in made}
    cached = {one.key: one.symbol.markup.decode() for one in made}
    return Plan(settings, catalog, symbols, files, pngs, cached)


def _choose(catalog: Catalog, names: Iterable[str]) -> list[Icon]:
    wanted = {catalog.resolve(name).name for name in names}
    return [icon for icon in catalog if icon.name in wanted]


def _make(icons: Sequence[Icon], limits: Limits, cache: Mapping[str, str]) -> list[_Made]:
    """Every icon's symbol: from the cache when its name and bytes and the limits they
    were read within are unchanged, else read, checked and written anew."""
    context = f"{__version__}\0{limits!r}"
    made: list[_Made] = []
    for start in range(0, len(icons), CHUNK):
        # A chunk's files read, then its symbols made: each loop stays warm in the
        # processor's caches (measured faster than making each symbol as its file is read).
        chunk = icons[start : start + CHUNK]
        for icon, data in [(icon, _read(icon.path, limits.max_bytes)) for icon in chunk]:
            key = _sha(icon.name, data, context)
            cached = cache.get(key)
            if cached is None:
                symbol = make_symbol(icon.name, data, icon.path, limits)
            else:
                symbol = Symbol(icon.name, cached.encode())
            made.append(_Made(key, symbol))
    return made


def _sha(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def _read(path: Path, limit: int) -> bytes:
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


def _read_cache(cache: Path) -> dict[str, str]:
    try:
        data = json.loads((cache / SYMBOLS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("iconkit") != __version__:
        return {}
    symbols = data.get("symbols")
    return symbols if isinstance(symbols, dict) else {}


def _write_cache(cache: Path, symbols: dict[str, str]) -> None:
    data = {"iconkit": __version__, "symbols": dict(sorted(symbols.items()))}
    write_atomic(cache / SYMBOLS, json.dumps(data).encode())


def _hashed_files(out: Path) -> Iterator[str]:
    """Files of earlier builds: ``sprite.*.svg``, ``iconkit.*.css``, ``gallery.*.css`` and
    ``.js``, ``png/*.png``, and the notices (not hashed, but written only while an icon is
    credited)."""
    if not out.is_dir():
        return
    patterns = ("sprite.*.svg", "iconkit.*.css", "gallery.*.css", "gallery.*.js", "png/*.png")
    for pattern in (*patterns, NOTICES):
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
            problems.append(f"{shown(target)}: missing")
        elif target.read_bytes() != data:
            problems.append(f"{shown(target)}: stale")
    problems.extend(f"{shown(out / job.path)}: missing" for job in work.missing_pngs())
    problems.extend(f"{shown(out / path)}: stale, from an earlier build" for path in work.stale())
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
    for folder, what in ((settings.cache, "cache"), (out, "output")):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise BuildError(
                f"{shown(folder)}: cannot create the {what} folder: {reason}"
            ) from None
    with _exclusive(lock_file(settings), f"waiting for another iconkit build into {shown(out)}"):
        _tidy(out)
        return _commit(work, created, progress, started)


def lock_file(settings: Settings) -> Path:
    """The lock that builds into ``settings.out`` take turns on, in the cache folder."""
    return settings.cache / f"build-{_sha(str(settings.out.resolve()))[:12]}.lock"


def _tidy(out: Path) -> None:
    """Remove the staging folders of builds that were killed: with the lock held, no other
    build is writing into ``out``."""
    for leftover in out.glob(f"{STAGING}*"):
        shutil.rmtree(leftover, ignore_errors=True)


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


def _commit(work: Plan, created: bool, progress: TextIO | None, started: float) -> BuildResult:
    """Render, stage and rename ``work`` into place, then tidy; the caller holds the lock."""
    out = work.out
    jobs = work.missing_pngs()
    try:
        staged = tempfile.TemporaryDirectory(prefix=STAGING, dir=out, ignore_cleanup_errors=True)
        with staged as folder:
            staging = Path(folder)
            _render_all(jobs, staging, _jobs(work.settings), progress)
            for name, data in work.files.items():
                write_atomic(staging / name, data)
            # Commit: hashed files first, the manifest (the switch to the new build) last.
            files = [path for path in work.files if path != MANIFEST]
            for path in [job.path for job in jobs] + files + [MANIFEST]:
                (out / path).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / path, out / path)
    except BaseException as error:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        if isinstance(error, OSError):
            where = error.filename or out
            raise BuildError(f"{where}: cannot write: {error.strerror or error}") from None
        raise
    removed = work.stale()
    try:
        for path in removed:
            (out / path).unlink(missing_ok=True)
        _write_cache(work.settings.cache, work.cache)
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


def _jobs(settings: Settings) -> int:
    return settings.jobs or os.cpu_count() or 1


def _render_all(jobs: list[Render], staging: Path, workers: int, stream: TextIO | None) -> None:
    """Render ``jobs`` into ``staging``, one icon's PNGs per task, over ``workers`` processes."""
    batches: dict[str, list[Render]] = {}
    for job in jobs:
        batches.setdefault(job.source, []).append(job)
    bar = _Progress(len(jobs), stream)
    if workers <= 1 or len(batches) <= 1:
        for batch in batches.values():
            _raise(render_batch(batch, staging))
            bar.advance(len(batch))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        # Spawned workers inherit nothing of this process (not the lock's descriptor), and
        # they end when it does, however it ends (png.worker_start). A fork server would
        # not do: its workers hold it alive, and it them.
        context = multiprocessing.get_context("spawn")
        size = min(workers, len(batches))
        watched = (os.getpid(),)
        with ProcessPoolExecutor(size, context, worker_start, watched) as pool:
            futures = {
                pool.submit(render_batch, batch, staging): len(batch) for batch in batches.values()
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
