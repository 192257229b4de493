"""Benchmark what designers run on real sets: ``iconkit add`` and ``iconkit import``.

    python bench/bench_designers.py                 # installs the npm packages in a temp dir
    python bench/bench_designers.py --npm-dir DIR   # reuse (or create) an install in DIR
    python bench/bench_designers.py --against OLD/bin/iconkit  # before/after, interleaved

Corpus: ``lucide-static`` (its ``icons`` folder, 2,176 SVG files) and the Iconify JSON
set ``@iconify-json/mdi``, installed with npm (never committed). Every command runs
as its own process into a fresh catalogue, timed from start to exit with its peak
resident memory; the commands of one table run interleaved ``--repeat`` times and
their medians are compared, so a ratio is of medians taken over the same stretch.

1. ``iconkit add`` of every lucide-static icon, titles derived from the file names,
   descriptions from a ``--descriptions`` file. With ``--against``, the other
   command adds the icons it accepts (an older iconkit refuses 15 of its own derived
   titles), passing ``--description`` once per file, and so does this one.
2. ``iconkit import`` of 100 icons of mdi (one ``icons.json`` of 7,638 icons), against
   ``iconkit add`` of the same 100 icons written out as SVG files.
"""

from __future__ import annotations

import argparse
import compileall
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_build import ICONKIT_COMMAND, ROOT, install, run_measured

PACKAGES = ["lucide-static@1.62.0", "@iconify-json/mdi@1.2.3"]


def fresh_catalog(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / "catalog.yaml"
    path.write_text("# a new project\n", encoding="utf-8")
    return path


def descriptions(names: list[str], path: Path) -> Path:
    path.write_text("".join(f"{n}: Drawing number {i}.\n" for i, n in enumerate(names)))
    return path


def timed(
    cases: dict[str, Callable[[Path], list[str]]], work: Path, repeat: int
) -> dict[str, tuple[float, float]]:
    """Median seconds and the largest peak RSS (MiB) of each case, interleaved ``repeat``
    times, each run into a fresh catalogue."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    peaks: dict[str, float] = dict.fromkeys(cases, 0.0)
    for attempt in range(repeat):
        for name, command in cases.items():
            catalog = fresh_catalog(work / f"{name}-{attempt}".replace(" ", "-"))
            seconds, peak, _ = run_measured(command(catalog), cwd=catalog.parent)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
            print(f"  {name}: {seconds:.2f} s", file=sys.stderr)
    return {name: (statistics.median(times[name]), peaks[name]) for name in cases}


def table(title: str, results: dict[str, tuple[float, float]], icons: dict[str, int]) -> str:
    first = next(iter(results.values()))[0]
    lines = [f"### {title}", "", "| Command | Icons | Median | Per icon | Ratio | Peak RSS |"]
    lines.append("|---|---:|---:|---:|---:|---:|")
    for name, (seconds, peak) in results.items():
        per = seconds / icons[name] * 1000
        lines.append(
            f"| {name} | {icons[name]:,} | {seconds:.2f} s | {per:.2f} ms | "
            f"{seconds / first:.2f}× | {peak:.0f} MiB |"
        )
    return "\n".join(lines) + "\n"


def adding(command: list[str], files: list[Path], extra: list[str]) -> Callable[[Path], list[str]]:
    """The ``iconkit add`` command line of ``files`` into a given catalogue."""

    def line(catalog: Path) -> list[str]:
        return [*command, "add", *map(str, files), "--catalog", str(catalog), *extra]

    return line


def refused_by(command: list[str], files: list[Path], work: Path) -> set[str]:
    """The files ``command`` (an older iconkit) would refuse, from its dry run."""
    catalog = fresh_catalog(work / "dry-run")
    argv = [*command, "add", *map(str, files), "--catalog", str(catalog), "--dry-run"]
    for index in range(len(files)):
        argv += ["--description", f"Drawing number {index}."]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return set(re.findall(r"^error: (\S+\.svg)", done.stderr, re.MULTILINE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npm-dir", type=Path, help="where npm installs the corpus")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--against", metavar="COMMAND", help="an older iconkit to compare with")
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="iconkit-bench-designers-"))
    compileall.compile_dir(ROOT / "iconkit", quiet=1)
    modules = install(args.npm_dir or temp / "npm", PACKAGES)
    iconkit = ICONKIT_COMMAND
    out = []

    lucide = sorted((modules / "lucide-static" / "icons").glob("*.svg"))
    described = ["--descriptions", str(descriptions([f.stem for f in lucide], temp / "a.yaml"))]
    add_all = {"iconkit add (all, --descriptions)": adding(iconkit, lucide, described)}
    counts = dict.fromkeys(add_all, len(lucide))
    if args.against:
        older = args.against.split()
        refused = refused_by(older, lucide, temp)
        subset = [f for f in lucide if str(f) not in refused]
        per_file = [x for i in range(len(subset)) for x in ("--description", f"Drawing {i}.")]
        for name, command in (("this iconkit", iconkit), ("the other iconkit", older)):
            label = f"{name} add (accepted subset, --description)"
            add_all[label] = adding(command, subset, per_file)
            counts[label] = len(subset)
    print("adding lucide-static …", file=sys.stderr)
    results = timed(add_all, temp / "add", args.repeat)
    out.append(table("iconkit add: lucide-static", results, counts))

    sys.path.insert(0, str(ROOT))
    from iconkit.iconsets import open_set

    mdi = modules / "@iconify-json" / "mdi"
    iconset = open_set(mdi)
    names = iconset.names()[:: len(iconset.names()) // 100][:100]
    svgs = temp / "mdi-svg"
    svgs.mkdir()
    for name in names:
        artwork = iconset.artwork(name)
        assert isinstance(artwork, bytes)
        (svgs / f"{name}.svg").write_bytes(artwork)
    words = ["--descriptions", str(descriptions(names, temp / "mdi.yaml"))]
    files = [svgs / f"{name}.svg" for name in names]

    def importing(catalog: Path) -> list[str]:
        return [*iconkit, "import", str(mdi), *names, "--catalog", str(catalog), *words]

    import_cases = {
        "iconkit import (icons.json)": importing,
        "iconkit add (the same 100 as files)": adding(iconkit, files, words),
    }
    print("importing from mdi …", file=sys.stderr)
    results = timed(import_cases, temp / "import", args.repeat)
    counts = dict.fromkeys(import_cases, len(names))
    out.append(table("iconkit import: 100 icons of @iconify-json/mdi", results, counts))
    print("\n".join(out))


if __name__ == "__main__":
    main()
