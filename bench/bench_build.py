"""Benchmark ``iconkit build`` against svg-sprite and svgstore, measured in the same run.

    python bench/bench_build.py                 # everything, installs npm packages in a temp dir
    python bench/bench_build.py --npm-dir DIR   # reuse (or create) an install in DIR
    python bench/bench_build.py --quick         # smaller samples for fidelity, PNG and --jobs
    python bench/bench_build.py --against OLD/bin/iconkit  # before/after, interleaved too

Corpus: the SVGs of ``lucide-static`` and the outline set of ``@tabler/icons``,
installed with npm into a temporary folder (never committed) and imported into
temporary catalogues. Every tool runs as its own process, timed from start to
exit with its peak resident memory taken from ``os.wait4``; the cold sprite builds
of the three tools run interleaved ``--repeat`` times and their medians are
compared (with ``--against``, another iconkit command runs interleaved with
them: an older install, for before and after). Prints a Markdown table of times,
ratios, gzip -9 sizes, pixel fidelity and memory.
"""

from __future__ import annotations

import argparse
import compileall
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["lucide-static@1.62.0", "@tabler/icons@3.51.0", "svg-sprite@2.0.4", "svgstore@3.0.1"]
SVG_NS = "http://www.w3.org/2000/svg"
TOOLS = ("iconkit", "svg-sprite", "svgstore")

SVGSTORE_SCRIPT = """
const fs = require('fs'); const path = require('path');
const svgstore = require(process.argv[1]);
const out = process.argv[2];
const files = fs.readFileSync(process.argv[3], 'utf8').split('\\n').filter(Boolean);
const store = svgstore();
for (const f of files) store.add(path.basename(f, '.svg'), fs.readFileSync(f, 'utf8'));
fs.writeFileSync(out, store.toString({inline: true}));
"""

ICONKIT_SCRIPT = """
import json, sys
from pathlib import Path
import iconkit.builder
from iconkit.builder import build
from iconkit.catalog import load_catalog
from iconkit.settings import Settings
a = json.loads(sys.argv[1])
if a.get("preload"):  # time the build alone: the catalogue is loaded before the clock starts
    catalog = load_catalog(a["catalog"])
    iconkit.builder.load_catalog = lambda path: catalog
s = Settings(catalog=Path(a["catalog"]), out=Path(a["out"]), png=a["png"], jobs=a["jobs"],
             sizes=tuple(a["sizes"]), scales=tuple(a["scales"]))
r = build(s)
print(json.dumps({"rendered": len(r.rendered), "reused": r.reused, "seconds": r.seconds}))
"""

CATALOG_SCRIPT = """
import sys, time
t = time.perf_counter()
from iconkit.catalog import load_catalog
c = load_catalog(sys.argv[1])
print(len(c), time.perf_counter() - t)
"""


def run_measured(command: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """Like ``run`` but with the child's own peak memory, via ``os.wait4``."""
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            what = " ".join(command[:4])
            raise SystemExit(f"{what}… failed ({process.returncode}):\n{err.read()}")
        return seconds, usage.ru_maxrss / 1024, out.read()


def install(npm_dir: Path, packages: list[str] = PACKAGES) -> Path:
    """``packages`` installed with npm into ``npm_dir`` (kept: its package.json saves
    them), unless they are there already; returns its ``node_modules``."""
    modules = npm_dir / "node_modules"
    if all((modules / name.rsplit("@", 1)[0]).is_dir() for name in packages):
        return modules
    npm_dir.mkdir(parents=True, exist_ok=True)
    if not (npm_dir / "package.json").exists():
        (npm_dir / "package.json").write_text('{"private": true}\n')
    print(f"installing {', '.join(packages)} into {npm_dir} …", file=sys.stderr)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", *packages],
        cwd=npm_dir,
        check=True,
    )
    return modules


def write_catalog(files: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{f.stem}:\n  title: {f.stem.replace('-', ' ').capitalize()}\n"
        f"  description: The {f.stem} artwork.\n  file: {f}\n"
        for f in files
    ]
    path = folder / "catalog.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def gzip_size(path: Path) -> int:
    return len(subprocess.run(["gzip", "-9", "-n", "-c", str(path)], capture_output=True).stdout)


def iconkit_build(
    work: Path, catalog: Path, out: Path, **options: object
) -> tuple[float, float, dict]:
    args = {"catalog": str(catalog), "out": str(out), "png": False, "jobs": 1,
            "sizes": [16, 24, 32, 48], "scales": [1, 2]}  # fmt: skip
    args.update(options)
    seconds, peak, stdout = run_measured(
        [sys.executable, "-c", ICONKIT_SCRIPT, json.dumps(args)], cwd=work
    )
    return seconds, peak, json.loads(stdout)


# The command users type, as svg-sprite runs as its own; ``python -m iconkit`` where
# the environment has no ``iconkit`` script.
_SCRIPT = Path(sys.executable).with_name("iconkit")
ICONKIT_COMMAND = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "iconkit"]


def iconkit_cli(
    work: Path, catalog: Path, out: Path, iconkit: list[str] = ICONKIT_COMMAND
) -> tuple[float, float]:
    jobs = str(os.cpu_count() or 1)
    command = [*iconkit, "build", "--catalog", str(catalog),
               "--out", str(out), "--no-png", "--quiet", "--jobs", jobs]  # fmt: skip
    seconds, peak, _ = run_measured(command, cwd=work)
    return seconds, peak


def svg_sprite(modules: Path, files: list[Path], out: Path) -> tuple[float, float, Path]:
    command = [str(modules / ".bin" / "svg-sprite"), "-D", str(out), "--symbol",
               "--symbol-dest=.", "--symbol-sprite=sprite.svg", *map(str, files)]  # fmt: skip
    seconds, peak, _ = run_measured(command)
    return seconds, peak, out / "sprite.svg"


def svgstore(modules: Path, files: list[Path], out: Path) -> tuple[float, float, Path]:
    listing = out.with_suffix(".txt")
    listing.write_text("\n".join(map(str, files)))
    command = [
        "node",
        "-e",
        SVGSTORE_SCRIPT,
        "--",
        str(modules / "svgstore"),
        str(out),
        str(listing),
    ]
    seconds, peak, _ = run_measured(command)
    return seconds, peak, out


def fidelity(sprite: Path, files: list[Path], size: int = 48) -> tuple[int, int]:
    """(icons drawn through <use> like their source, icons compared)."""
    import cairosvg
    from lxml import etree
    from PIL import Image, ImageChops

    def picture(data: bytes) -> Image.Image:
        root = etree.fromstring(data)
        root.set("color", "#000000")
        png = cairosvg.svg2png(
            bytestring=etree.tostring(root), output_width=size, output_height=size
        )
        return Image.open(io.BytesIO(png)).convert("RGBA")

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    tree = etree.parse(str(sprite), parser).getroot()
    if not tree.nsmap.get(None):  # svgstore's inline output has no xmlns: read it as SVG
        tree.set("xmlns", SVG_NS)
        tree = etree.fromstring(etree.tostring(tree), parser)
    symbols = {s.get("id"): s for s in tree.iter(f"{{{SVG_NS}}}symbol")}
    defs = [d for d in tree if etree.QName(d).localname == "defs"]
    same = 0
    for path in files:
        symbol = symbols.get(path.stem)
        if symbol is None:
            continue
        page = etree.Element(
            f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS}, width=str(size), height=str(size)
        )
        page.set("viewBox", f"0 0 {size} {size}")
        etree.SubElement(
            page, f"{{{SVG_NS}}}use", href=f"#{path.stem}", width=str(size), height=str(size)
        )
        holder = etree.SubElement(page, f"{{{SVG_NS}}}defs")
        for extra in defs:
            holder.extend(etree.fromstring(etree.tostring(extra)))
        holder.append(etree.fromstring(etree.tostring(symbol)))
        try:
            expected, actual = picture(path.read_bytes()), picture(etree.tostring(page))
        except Exception:  # a renderer failure counts as a mismatch
            continue
        data = ImageChops.difference(expected, actual).tobytes()
        changed = sum(1 for i in range(0, len(data), 4) if max(data[i : i + 4]) > 24)
        same += changed <= size * size // 500
    return same, len(files)


def png_per_icon(catalog: Path, sample: int, seed: int = 3) -> tuple[float, float]:
    """Seconds per icon per size: iconkit's render_png vs a bare cairosvg.svg2png loop.

    Each icon is rendered at the default 16, 24, 32 and 48 px at 1x and 2x, as a build
    does; the rounds alternate and the best of five is kept. iconkit's document cache
    is emptied before each round, so every icon pays for its document once per round.
    """
    import cairosvg

    from iconkit.catalog import load_catalog
    from iconkit.png import _document, render_png
    from iconkit.sprite import symbol_for

    icons = random.Random(seed).sample(list(load_catalog(catalog)), sample)
    sources = [icon.path.read_bytes() for icon in icons]
    symbols = [symbol_for(icon).markup for icon in icons]
    pixels = [size * scale for size in (16, 24, 32, 48) for scale in (1, 2)]
    renders = sample * len(pixels)
    best_bare = best_ours = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for data in sources:
            for side in pixels:
                cairosvg.svg2png(bytestring=data, output_width=side, output_height=side)
        best_bare = min(best_bare, (time.perf_counter() - started) / renders)
        _document.cache_clear()
        started = time.perf_counter()
        for markup in symbols:
            for side in pixels:
                render_png(markup, side, "#1f2328")
        best_ours = min(best_ours, (time.perf_counter() - started) / renders)
    return best_ours, best_bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npm-dir", type=Path, help="where npm installs the corpus and tools")
    parser.add_argument("--quick", action="store_true", help="smaller samples")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument(
        "--repeat", type=int, default=5, help="cold sprite builds per tool (median reported)"
    )
    parser.add_argument(
        "--part", choices=("all", "sprite", "png"), default="all", help="run only one half"
    )
    parser.add_argument(
        "--against",
        metavar="COMMAND",
        help="another iconkit command (an older install's bin/iconkit) to time in the same runs",
    )
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="iconkit-bench-"))
    # Bytecode for iconkit, as pip writes it when it installs the wheel: an editable install
    # under PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start.
    compileall.compile_dir(ROOT / "iconkit", quiet=1)
    modules = install(args.npm_dir or temp / "npm")
    lucide = sorted((modules / "lucide-static" / "icons").glob("*.svg"))
    tabler = sorted((modules / "@tabler" / "icons" / "icons" / "outline").glob("*.svg"))
    cpus = os.cpu_count() or 1
    rows: list[tuple[str, str]] = []
    numbers: dict[str, object] = {"cpus": cpus, "python": sys.version.split()[0]}

    def row(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"{name}: {value}", file=sys.stderr)

    corpora = (("lucide", lucide), ("tabler outline", tabler))
    for corpus, files in corpora if args.part != "png" else ():
        work = temp / corpus.replace(" ", "-")
        catalog = write_catalog(files, work)
        _, load_peak, stdout = run_measured([sys.executable, "-c", CATALOG_SCRIPT, str(catalog)])
        load_seconds = float(stdout.split()[1])
        # The three cold sprite builds, interleaved and repeated: a shared machine's speed
        # drifts within a minute, so each ratio is of medians taken over the same stretch.
        times: dict[str, list[float]] = {name: [] for name in TOOLS}
        for attempt in range(args.repeat):
            ours, ours_peak = iconkit_cli(work, catalog, work / f"iconkit-{attempt}")
            theirs, theirs_peak, their_sprite = svg_sprite(modules, files, work / "svg-sprite")
            store, store_peak, store_sprite = svgstore(modules, files, work / "svgstore.svg")
            for name, seconds in (("iconkit", ours), ("svg-sprite", theirs), ("svgstore", store)):
                times[name].append(seconds)
            if args.against:
                other = work / f"against-{attempt}"
                before, _ = iconkit_cli(work, catalog, other, args.against.split())
                times.setdefault("against", []).append(before)
        ours, theirs, store = (statistics.median(times[name]) for name in TOOLS)
        spread = {name: f"{min(t):.2f}–{max(t):.2f}" for name, t in times.items()}
        shutil.copytree(work / "iconkit-0", work / "iconkit")
        _, _, alone = iconkit_build(work, catalog, work / "alone", jobs=cpus, preload=True)
        _, _, alone_warm = iconkit_build(work, catalog, work / "alone", jobs=cpus, preload=True)
        warm, _ = iconkit_cli(work, catalog, work / "iconkit")
        manifest = json.loads((work / "iconkit" / "manifest.json").read_text())
        our_sprite = work / "iconkit" / manifest["sprite"]
        label = f"{corpus} ({len(files)} icons)"
        runs = f"median of {args.repeat}, range {{}} s"
        row(
            f"{label}: iconkit build --no-png, cold (CLI, incl. start-up)",
            f"{ours:.2f} s ({runs.format(spread['iconkit'])}), {ours_peak:.0f} MiB",
        )
        row(f"{label}: catalogue load alone (fresh process)", f"{load_seconds:.2f} s")
        row(f"{label}: build() alone, catalogue preloaded, cold", f"{alone['seconds']:.2f} s")
        row(f"{label}: build() alone, catalogue preloaded, warm", f"{alone_warm['seconds']:.2f} s")
        row(f"{label}: iconkit build --no-png, warm symbol cache", f"{warm:.2f} s")
        row(
            f"{label}: svg-sprite --symbol (svgo)",
            f"{theirs:.2f} s ({runs.format(spread['svg-sprite'])}), {theirs_peak:.0f} MiB",
        )
        row(
            f"{label}: svgstore",
            f"{store:.2f} s ({runs.format(spread['svgstore'])}), {store_peak:.0f} MiB",
        )
        row(
            f"{label}: svg-sprite / iconkit time",
            f"{theirs / ours:.2f}x (build() alone: {theirs / alone['seconds']:.2f}x)",
        )
        row(f"{label}: svgstore / iconkit time", f"{store / ours:.2f}x")
        if args.against:
            before = statistics.median(times["against"])
            row(
                f"{label}: --against {args.against} build --no-png, cold",
                f"{before:.2f} s ({runs.format(spread['against'])}); this / that: "
                f"{ours / before:.2f}, svg-sprite / that {theirs / before:.2f}x, "
                f"svgstore / that {store / before:.2f}x",
            )
        sprites = (
            ("iconkit", our_sprite),
            ("svg-sprite", their_sprite),
            ("svgstore", store_sprite),
        )
        sizes = {name: gzip_size(path) for name, path in sprites}
        row(f"{label}: gzip -9 sprite bytes", ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
        sample = random.Random(7).sample(files, min(len(files), 150 if args.quick else 600))
        for name, path in (
            ("iconkit", our_sprite),
            ("svg-sprite", their_sprite),
            ("svgstore", store_sprite),
        ):
            same, compared = fidelity(path, sample)
            row(f"{label}: {name} icons drawn through <use> like the source", f"{same}/{compared}")
        numbers[corpus] = {"iconkit": ours, "catalog": load_seconds, "warm": warm,
                           "alone": alone["seconds"], "alone_warm": alone_warm["seconds"],
                           "svg-sprite": theirs, "svgstore": store, "gzip": sizes,
                           "runs": times}  # fmt: skip

    # PNG: per-render cost against bare cairosvg, --jobs scaling, incremental rebuilds (lucide).
    if args.part != "sprite":
        png_part(args, temp, lucide, cpus, row, numbers)
    print("| measurement | result |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2))
    shutil.rmtree(temp, ignore_errors=True)


def png_part(
    args: argparse.Namespace,
    temp: Path,
    lucide: list[Path],
    cpus: int,
    row: Callable[[str, str], None],
    numbers: dict[str, object],
) -> None:
    work = temp / "png"
    subset = random.Random(11).sample(lucide, 60 if args.quick else 200)
    catalog = write_catalog(subset, work)
    ours_png, bare_png = png_per_icon(catalog, len(subset))
    row("PNG per icon per size: iconkit render_png", f"{ours_png * 1000:.2f} ms")
    row("PNG per icon per size: bare cairosvg.svg2png loop", f"{bare_png * 1000:.2f} ms")
    row("PNG: iconkit / bare cairosvg", f"{ours_png / bare_png:.3f}")
    renders = len(subset) * 16
    timings = {}
    for jobs in sorted({1, 2, cpus}):
        seconds, peak, result = iconkit_build(
            work, catalog, work / f"out-{jobs}", png=True, jobs=jobs
        )
        timings[jobs] = seconds
        row(
            f"full build, {len(subset)} icons x 16 PNGs, --jobs {jobs}",
            f"{seconds:.2f} s, {peak:.0f} MiB, rendered {result['rendered']}/{renders}",
        )
    full = timings[max(timings)]
    out = work / f"out-{max(timings)}"
    seconds, peak, result = iconkit_build(work, catalog, out, png=True, jobs=max(timings))
    row(
        "unchanged rebuild",
        f"{seconds:.2f} s = {100 * seconds / full:.1f} % of the full build, "
        f"{peak:.0f} MiB, rendered {result['rendered']}",
    )
    changed = subset[0]
    copy = work / "changed.svg"
    copy.write_text(changed.read_text().replace('stroke-width="2"', 'stroke-width="1.5"'))
    catalog.write_text(catalog.read_text().replace(f"file: {changed}\n", f"file: {copy}\n"))
    seconds, peak, result = iconkit_build(work, catalog, out, png=True, jobs=max(timings))
    row(
        "one icon changed, rebuild",
        f"{seconds:.2f} s, {peak:.0f} MiB, rendered {result['rendered']} (its 16 PNGs), "
        f"reused {result['reused']}",
    )
    numbers["png"] = {"ours": ours_png, "bare": bare_png, "jobs": timings}


if __name__ == "__main__":
    main()
