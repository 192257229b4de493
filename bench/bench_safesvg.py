"""Hostile SVG against the hardened reader: time and peak memory, each in a fresh process.

Run: ``.venv/bin/python bench/bench_safesvg.py``. Every case runs in its own
interpreter so peak RSS is its own; the baseline (reading one shipped icon) is
measured in the same run, and each case is printed as a ratio to it. The
"whole tree" column parses the same bytes the naive way (``etree.fromstring``
with ``huge_tree=True``, then walks the tree), for comparison.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPEN = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        b'<!ENTITY a%d "%s">' % (i, (b"&a%s;" % (b"" if i == 1 else b"%d" % (i - 1))) * 10)
        for i in range(1, 10)
    )
    + b"]>"
)

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from lxml import etree
from iconkit.safesvg import Limits, read_svg
from iconkit.errors import UnsafeSVGError
path, mode, max_bytes = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
start = time.perf_counter()
outcome = "accepted"
try:
    if mode == "iconkit":
        read_svg(path, Limits(max_bytes=max_bytes))
    else:
        parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
        root = etree.fromstring(path.read_bytes(), parser)
        sum(1 for _ in root.iter())
except (UnsafeSVGError, etree.XMLSyntaxError) as error:
    outcome = str(error).split(": ", 1)[-1][:60]
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_kib": peak, "outcome": outcome}))
"""


def measure(path: Path, mode: str, max_bytes: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), mode, str(max_bytes)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def cases(folder: Path) -> list[tuple[str, Path, int]]:
    def write(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    depth = 100_000
    return [
        ("shipped icon (baseline)", ROOT / "svg" / "search.svg", 1_000_000),
        (
            "100,000-deep nesting",
            write("deep.svg", OPEN + b"<g>" * depth + b"</g>" * depth + b"</svg>"),
            10**9,
        ),
        ("billion laughs", write("bomb.svg", BOMB + OPEN + b"<g>&a9;</g></svg>"), 10**9),
        (
            "50 MB of shapes",
            write("big.svg", OPEN + b'<path d="M0 0h1"/>' * 2_750_000 + b"</svg>"),
            10**9,
        ),
        ("50 MB file, default limits", folder / "big.svg", 1_000_000),
    ]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for label, path, max_bytes in cases(Path(folder)):
            ours = measure(path, "iconkit", max_bytes)
            naive = measure(path, "whole-tree", max_bytes)
            rows.append((label, path.stat().st_size, ours, naive))
    base = rows[0][2]
    print(
        f"{'case':30} {'bytes':>10} {'iconkit s':>10} {'x base':>7} {'peak MiB':>9} "
        f"{'x base':>7} | {'whole-tree s':>12} {'peak MiB':>9}  outcome"
    )
    for label, size, ours, naive in rows:
        print(
            f"{label:30} {size:>10} {ours['seconds']:>10.4f} "
            f"{ours['seconds'] / base['seconds']:>7.1f} {ours['peak_kib'] / 1024:>9.1f} "
            f"{ours['peak_kib'] / base['peak_kib']:>7.2f} | {naive['seconds']:>12.4f} "
            f"{naive['peak_kib'] / 1024:>9.1f}  {ours['outcome']}"
        )


if __name__ == "__main__":
    main()
