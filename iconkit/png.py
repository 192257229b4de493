"""PNG fallbacks: one symbol rendered by cairosvg at a size, scale and colour.

Also what a build needs of them: each file named by everything that changes its
pixels (``renders``), and the function its process pool runs (``render_batch``).
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from iconkit._atomic import write_atomic
from iconkit._svgtree import SVG_NS
from iconkit._version import __version__
from iconkit.settings import Settings

__all__ = ["Render", "render_batch", "render_png", "renderer_version", "renders", "standalone_svg"]

_CURRENT = "currentcolor"
# Properties that only pass down to the shapes, so they mean the same on the root <svg>.
_INHERITED = frozenset(
    {"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
     "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
     "stroke-opacity", "clip-rule"}
)  # fmt: skip


def standalone_svg(symbol: bytes, colour: str, *, mirrored: bool = False) -> etree._Element:
    """A standalone ``<svg>`` drawing the sprite ``symbol``, with ``currentColor`` = ``colour``
    (and, ``mirrored``, flipped left to right, as right-to-left pages show it).

    ``currentColor`` is substituted in every attribute (and the root ``color`` set) so the
    renderer's own default never shows; fixed colours are left as they are.
    """
    source = etree.fromstring(symbol)
    root = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS})  # type: ignore[dict-item]
    root.set("viewBox", source.get("viewBox", "0 0 24 24"))
    ratio = source.get("preserveAspectRatio")
    if ratio:
        root.set("preserveAspectRatio", ratio)
    root.set("color", colour)
    children = list(source)
    if len(children) == 1 and children[0].tag == "g" and set(children[0].attrib) <= _INHERITED:
        # The symbol's paint group: its properties only inherit, so they go on the root and
        # the renderer draws one group fewer (about a tenth of its time on a small icon).
        for key, value in children[0].attrib.items():
            root.set(key, value)
        children = list(children[0])
    parent = root
    if mirrored:  # about the viewBox's middle: x becomes (min-x + width) - (x - min-x)
        left, _, width, _ = (float(n) for n in root.get("viewBox", "").replace(",", " ").split())
        parent = etree.SubElement(root, f"{{{SVG_NS}}}g")
        parent.set("transform", f"matrix(-1 0 0 1 {2 * left + width:g} 0)")
    for child in children:
        parent.append(_namespaced(child))
    for element in root.iter():
        for key, value in element.attrib.items():
            if _CURRENT in value.lower():
                element.set(key, _substitute(str(value), colour))
    return root


def _namespaced(element: etree._Element) -> etree._Element:
    copy = etree.Element(
        f"{{{SVG_NS}}}{element.tag}", {str(k): str(v) for k, v in element.attrib.items()}
    )
    for child in element:
        copy.append(_namespaced(child))
    return copy


def _substitute(value: str, colour: str) -> str:
    lowered = value.lower()
    parts: list[str] = []
    start = 0
    while (found := lowered.find(_CURRENT, start)) >= 0:
        parts.extend((value[start:found], colour))
        start = found + len(_CURRENT)
    parts.append(value[start:])
    return "".join(parts)


@functools.lru_cache(maxsize=256)
def _document(symbol: bytes, colour: str, mirrored: bool) -> bytes:
    """The standalone document, made once for every size and scale of one icon and colour."""
    return etree.tostring(standalone_svg(symbol, colour, mirrored=mirrored))


def render_png(symbol: bytes, pixels: int, colour: str, *, mirrored: bool = False) -> bytes:
    """PNG bytes of the sprite ``symbol``, ``pixels`` square, drawn in ``colour``, and
    flipped left to right where ``mirrored``."""
    import cairosvg  # imported here: a sprite-only build never loads cairo

    document = _document(symbol, colour, mirrored)
    png: bytes = cairosvg.svg2png(
        bytestring=document, output_width=pixels, output_height=pixels, unsafe=False
    )
    return png


@dataclass(frozen=True, slots=True)
class Render:
    """One PNG to render: ``symbol`` at ``pixels`` square in ``colour`` into ``path``.

    ``source`` is the artwork the symbol came from, for messages; ``path`` is relative
    to the output folder."""

    source: str
    path: str
    symbol: bytes
    pixels: int
    colour: str
    mirrored: bool = False  # flipped, for right-to-left pages


def renderer_version() -> str:
    """cairosvg's version, part of every PNG's name: a new renderer may draw differently."""
    from importlib import metadata  # here: a build without PNGs never needs it

    try:
        return metadata.version("cairosvg")
    except metadata.PackageNotFoundError:  # pragma: no cover - cairosvg is a dependency
        return "unknown"


def renders(
    name: str,
    source: str,
    symbol: bytes,
    digest: str,
    settings: Settings,
    renderer: str,
    *,
    mirrored: bool = False,
) -> dict[str, Render]:
    """Icon ``name``'s PNGs by manifest label (``24@2x-dark``), its ``symbol`` hashing to
    ``digest``; ``mirrored``, flipped for right-to-left pages (``NAME-…-rtl.HASH.png``).
    Each file is named by what changes its pixels: the symbol, the size, the colour, the
    flip, iconkit's version and the ``renderer``'s."""
    found: dict[str, Render] = {}
    if not settings.png:
        return found
    for size in settings.sizes:
        for scale in settings.scales:
            for colour_name, colour in settings.colours.items():
                pixels = size * scale
                label = f"{size}@{scale}x-{colour_name}"
                named = f"{digest}\0{pixels}\0{colour}\0{__version__}\0{renderer}\0"
                named += "rtl\0" if mirrored else ""
                key = hashlib.sha256(named.encode()).hexdigest()[:8]
                path = f"png/{name}-{label}{'-rtl' if mirrored else ''}.{key}.png"
                found[label] = Render(source, path, symbol, pixels, colour, mirrored)
    return found


def render_batch(batch: Sequence[Render], folder: Path) -> str | None:
    """Render ``batch`` into ``folder``; the problem as text, or ``None``. A build's process
    pool runs this: a problem comes back as text, whatever cairosvg raised."""
    for job in batch:
        try:
            data = render_png(job.symbol, job.pixels, job.colour, mirrored=job.mirrored)
        except Exception as error:  # cairosvg raises many kinds; report, do not crash the pool
            return f"{job.source}: cannot render {job.path}: {error}"
        target = folder / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    return None


def worker_start(build: int) -> None:
    """In a build's PNG worker: leave as soon as the build (process ``build``) is gone.

    A build killed with SIGKILL cannot stop its pool, and a worker waiting for work
    would wait for ever: a thread watches the worker's parent and ends the worker when
    it is no longer the build (at once, if the build died while the worker started).
    """

    def watch() -> None:
        while os.getppid() == build:
            time.sleep(0.2)
        os._exit(1)  # nothing to flush or free: the build it worked for is gone

    threading.Thread(target=watch, name="iconkit-parent-watch", daemon=True).start()
