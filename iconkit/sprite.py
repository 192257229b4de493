"""The SVG symbol sprite: one ``<symbol id="NAME">`` per icon, shapes only.

Each icon is parsed with the hardened parser, checked by ``sanitize``
and copied element by element into a fresh tree that keeps only SVG shapes and
their attributes: no comments, no text, no ``<title>``/``<desc>``/``<metadata>``,
no editor namespaces. Ids are namespaced ``NAME--ID`` and every reference to
them rewritten, so two icons that both define ``id="a"`` never collide.
Presentation attributes on the icon's root ``<svg>`` move onto a ``<g>`` inside
the symbol, so an icon drawn through ``<use>`` looks exactly like its file.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from iconkit._paint import draws_something
from iconkit._svgrules import NEVER_RENDERED, SHAPES, SPRITE_REFUSED_ELEMENTS, WORDS
from iconkit._svgtree import HREFS, SVG_NS, XLINK_NS, references, rename_references, source_line
from iconkit.catalog import Icon
from iconkit.errors import UnsafeSVGError
from iconkit.safesvg import DEFAULT_LIMITS, Limits, parse_svg
from iconkit.sanitize import sanitize

__all__ = ["Symbol", "assemble", "build_sprite", "make_symbol", "symbol_for"]

ID_SEPARATOR = "--"
_SVG = f"{{{SVG_NS}}}"
_XLINK_HREF = f"{{{XLINK_NS}}}href"
_SPRITE_OPEN = (
    f'<svg xmlns="{SVG_NS}" aria-hidden="true" focusable="false" width="0" height="0">'.encode()
)

# Root attributes that describe the canvas, not how shapes are painted.
_ROOT_ONLY = frozenset(
    {"viewBox", "width", "height", "x", "y", "id", "class", "version", "baseProfile",
     "preserveAspectRatio", "role", "focusable", "enable-background", "space"}
)  # fmt: skip
_COORDINATES = frozenset(
    {"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height",
     "stroke-width"}
)  # fmt: skip
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_PATH_TOKEN = re.compile(
    r"([MmLlHhVvCcSsQqTtAaZz])|([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|[\s,]+|(.)", re.S
)
_PATH_COMMANDS = frozenset("MmLlHhVvCcSsQqTtAaZz")
_PATH_GRAMMAR = re.compile(
    r"(?:[MmLlHhVvCcSsQqTtAaZz]|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[\s,]+)*"
)
_AROUND_COMMANDS = re.compile(r"[\s,]*([MmLlHhVvCcSsQqTtAaZz])[\s,]*")
_BEFORE_MINUS = re.compile(r"[\s,]+(?=-)")
_BETWEEN_FRACTIONS = re.compile(r"(\.\d+)[\s,]+(?=\.)")
_SEPARATORS = re.compile(r"[\s,]+")
_ARC_FLAGS = (3, 4)


@dataclass(frozen=True, slots=True)
class Symbol:
    """One icon's ``<symbol>`` as serialised bytes, with the hash of those bytes."""

    name: str
    markup: bytes

    @property
    def hash(self) -> str:
        return hashlib.sha256(self.markup).hexdigest()


def build_sprite(catalog: Iterable[Icon]) -> bytes:
    """The sprite of every icon in ``catalog``, in catalogue order; the same input, same bytes.

    Raises ``UnsafeSVGError`` (``path:line: problem``) for the first icon that cannot go in.
    """
    return assemble(symbol_for(icon) for icon in catalog)


def assemble(symbols: Iterable[Symbol]) -> bytes:
    """Join serialised symbols under the sprite's root ``<svg aria-hidden="true">``."""
    return b"".join((_SPRITE_OPEN, *(symbol.markup for symbol in symbols), b"</svg>\n"))


def symbol_for(icon: Icon, limits: Limits = DEFAULT_LIMITS) -> Symbol:
    """Read ``icon``'s artwork within ``limits`` and turn it into its symbol."""
    try:
        data = icon.path.read_bytes()
    except OSError as error:
        raise UnsafeSVGError(icon.path, f"cannot read: {error.strerror or error}") from None
    return make_symbol(icon.name, data, icon.path, limits)


def make_symbol(
    name: str, data: bytes, source: Path | str, limits: Limits = DEFAULT_LIMITS
) -> Symbol:
    """Turn the SVG bytes of icon ``name`` (read from ``source``) into its symbol."""
    root = parse_svg(data, source, limits)
    sanitize(root, source)
    if not draws_something(root):
        message = "draws nothing: no shape with a fill or a stroke outside definitions"
        raise UnsafeSVGError(source, message, source_line(root))
    return Symbol(name, _Converter(name, root, source).symbol().encode())


class _Converter:
    """Writes one icon's tree as a namespace-free ``<symbol>``, cleaning as it goes.

    The markup is written directly, as lxml would serialise it: names come from the
    sanitiser's allow-list and every attribute value goes through ``_quoted``.
    """

    def __init__(self, name: str, root: etree._Element, source: Path | str) -> None:
        self.name, self.root, self.source = name, root, source
        self.view_box = _view_box(root, source)
        self.decimals = _decimals(self.view_box)

    def fail(self, element: etree._Element, message: str) -> UnsafeSVGError:
        return UnsafeSVGError(self.source, message, source_line(element))

    @functools.cached_property
    def ids(self) -> frozenset[str]:
        """Ids that something in the icon refers to; refuses references that go elsewhere.

        Worked out at the first ``id`` met: most icons have none.
        """
        defined: dict[str, etree._Element] = {}
        wanted: list[tuple[str, etree._Element]] = []
        for element in self.root.iter(etree.Element):
            for key, raw in element.attrib.items():
                attribute, value = str(key), str(raw)
                if attribute == "id":
                    value = " ".join(value.split())  # as ``attributes`` writes it
                    if value in defined:
                        raise self.fail(element, f"id {value!r} is defined twice")
                    defined[value] = element
                elif attribute in HREFS:
                    targets = references(value, attribute)
                    if not targets:
                        raise self.fail(element, f"{value!r} refers outside the file")
                    wanted.append((targets[0], element))
                elif "(" in value:  # url(#id), spaces collapsed as ``attributes`` writes it
                    targets = references(" ".join(value.split()))
                    wanted.extend((target, element) for target in targets)
        for target, element in wanted:
            if target not in defined:
                raise self.fail(element, f"refers to #{target}, which the file does not define")
        return frozenset(target for target, _ in wanted)

    def symbol(self) -> str:
        root = self.root
        opening = f'<symbol id="{_quoted(self.name)}" viewBox="{self.view_box}"'
        ratio = root.get("preserveAspectRatio")
        if ratio:
            opening += f' preserveAspectRatio="{_quoted(" ".join(ratio.split()))}"'
        children: list[str] = []
        for child in root:
            self.copy(child, children, inside_paint_server=False)
        body = "".join(children)
        paint = self.attributes(root, root=True)
        if paint:
            group = f"<g{_serialised(paint)}"
            body = f"{group}>{body}</g>" if body else f"{group}/>"
        return f"{opening}>{body}</symbol>" if body else f"{opening}/>"

    def copy(self, element: etree._Element, out: list[str], *, inside_paint_server: bool) -> None:
        tag = element.tag
        if not isinstance(tag, str) or not tag.startswith(_SVG):
            return  # comments, processing instructions, editor namespaces
        local = tag[len(_SVG) :]
        if local in WORDS:
            return
        if local in SPRITE_REFUSED_ELEMENTS:
            raise self.fail(element, SPRITE_REFUSED_ELEMENTS[local])
        attributes = self.attributes(element, shape=local in SHAPES)
        if not inside_paint_server and local in SHAPES and _invisible(attributes):
            return  # an invisible bounding box some editors add
        keeps = inside_paint_server or local in NEVER_RENDERED
        if local == "g" and not attributes:  # a bare group only adds bytes
            for child in element:
                self.copy(child, out, inside_paint_server=keeps)
            return
        start = len(out)
        out.append(f"<{local}{_serialised(attributes)}")
        for child in element:
            self.copy(child, out, inside_paint_server=keeps)
        if len(out) > start + 1:
            out[start] += ">"
            out.append(f"</{local}>")
        elif local in ("g", "defs"):
            del out[start:]  # emptied by the cleaning: nothing to draw
        else:
            out[start] += "/>"

    def attributes(
        self, element: etree._Element, *, shape: bool = False, root: bool = False
    ) -> list[tuple[str, str]]:
        """The attributes to keep, cleaned; on the ``root``, only those that paint."""
        kept: list[tuple[str, str]] = []
        for key, raw in element.attrib.items():
            attribute, value = str(key), str(raw)
            if attribute == _XLINK_HREF:
                attribute = "href"
            elif attribute.startswith("{"):
                continue  # sodipodi:, inkscape:, xml:space and friends
            if root and (attribute in _ROOT_ONLY or attribute.startswith(("aria-", "data-"))):
                continue
            if attribute == "id":
                value = " ".join(value.split())
                if value not in self.ids:
                    continue
                value = self.rename(value)
            elif attribute == "href":
                value = rename_references(value, self.rename, attribute)
            elif "(" in value and "url(" in value.lower():
                value = rename_references(" ".join(value.split()), self.rename)
            elif attribute == "d":
                value = _compact_path(value, self.decimals, self.source)
            else:
                value = _plain_value(attribute, value, self.decimals if shape else 6)
            kept.append((attribute, value))
        return kept

    def rename(self, old: str) -> str:
        return f"{self.name}{ID_SEPARATOR}{old}"


def _invisible(attributes: list[tuple[str, str]]) -> bool:
    found = dict(attributes)
    return found.get("fill") == "none" and found.get("stroke") == "none" and "id" not in found


# What lxml writes for these characters in an attribute value.
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
     "\t": "&#9;"}
)  # fmt: skip


_NEEDS_ESCAPING = re.compile(r'[&<>"\n\r\t]')


def _quoted(value: str) -> str:
    # Searched first: translate() looks up every character, and most values need nothing.
    return value.translate(_ATTRIBUTE_ESCAPES) if _NEEDS_ESCAPING.search(value) else value


def _serialised(attributes: list[tuple[str, str]]) -> str:
    return "".join(f' {key}="{_quoted(value)}"' for key, value in attributes)


def _view_box(root: etree._Element, source: Path | str) -> str:
    box = root.get("viewBox")
    if box:
        tidy = _tidy_view_box(box)
        if tidy and min(float(part) for part in tidy.split()[2:]) <= 0:
            message = f"viewBox {box!r} has no area, so nothing shows"
            raise UnsafeSVGError(source, message, source_line(root))
        if tidy:
            return tidy
        raise UnsafeSVGError(source, f"viewBox {box!r} is not four numbers", source_line(root))
    width, height = (root.get(key, "").removesuffix("px") for key in ("width", "height"))
    if _NUMBER.fullmatch(width) and _NUMBER.fullmatch(height):
        return f"0 0 {_format(float(width), 6)} {_format(float(height), 6)}"
    raise UnsafeSVGError(source, "has no viewBox (and no width and height)", source_line(root))


@functools.lru_cache(maxsize=256)
def _tidy_view_box(box: str) -> str | None:
    """``box`` with its four numbers compacted; None if it is not four numbers."""
    parts = box.replace(",", " ").split()
    if len(parts) == 4 and all(_NUMBER.fullmatch(part) for part in parts):
        return " ".join(_format(float(part), 6) for part in parts)
    return None


@functools.lru_cache(maxsize=256)
def _decimals(view_box: str) -> int:
    """Decimal places that keep coordinates within 1/10,000 of the icon's size."""
    width, height = (abs(float(part)) for part in view_box.split()[2:])
    extent = max(width, height) or 1.0
    return max(0, math.ceil(-math.log10(extent / 10_000)))


def _format(number: float, decimals: int) -> str:
    text = f"{round(number, decimals):.{decimals}f}" if decimals else str(round(number))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text.startswith("0.") or text.startswith("-0."):
        text = text.replace("0.", ".", 1)
    return "0" if text in ("-0", "", "-") else text


@functools.cache
def _minimal(decimals: int) -> re.Pattern[str]:
    """Numbers already written as ``_format`` would write them."""
    if not decimals:
        return re.compile(r"-?[1-9]\d*|0")
    fraction = rf"\.\d{{0,{decimals - 1}}}[1-9]"
    return re.compile(rf"-?[1-9]\d*(?:{fraction})?|-?{fraction}|0")


def _number(token: str, decimals: int) -> str:
    return token if _minimal(decimals).fullmatch(token) else _format(float(token), decimals)


@functools.lru_cache(maxsize=65536)
def _plain_value(attribute: str, value: str, decimals: int) -> str:
    """An attribute value with whitespace collapsed and numbers compacted; memoised, since
    icons repeat the same ``fill``, ``stroke-width`` and coordinates over and over."""
    value = " ".join(value.split())
    if attribute == "class":
        return value
    if attribute == "points" or attribute in _COORDINATES:
        return _compact_numbers(value, decimals)
    return _compact_numbers(value, 6)  # bounding-box units and the like: no real rounding


def _compact_numbers(value: str, decimals: int) -> str:
    if not _NUMBER.fullmatch(value.strip().split(" ")[0] if value else "x"):
        return value  # percentages, units, keywords: left as written
    tokens = value.replace(",", " ").split()
    if not all(_NUMBER.fullmatch(token) for token in tokens):
        return value
    return " ".join(_number(token, decimals) for token in tokens)


@functools.cache
def _untidy(decimals: int) -> re.Pattern[str]:
    """Finds any number that ``_format`` would rewrite."""
    too_long = rf"\.\d{{{decimals + 1},}}"
    return re.compile(
        rf"[+eE]|(?<![\d.])0(?=[\d.])|(?<![\d.])-0(?![\d.])|\.\d*0(?!\d)|\d\.(?!\d)|{too_long}"
    )


@functools.cache
def _canonical(decimals: int) -> re.Pattern[str]:
    """Path data exactly as ``compact_path`` writes it: commands, numbers as ``_format``
    writes them, and a space only where one is needed (not before ``-``, not between
    ``.5`` and ``.5``)."""
    whole = r"[1-9]\d*"
    if decimals:
        fraction = rf"\.\d{{0,{decimals - 1}}}[1-9]"
        dotted = rf"(?:{whole})?{fraction}(?:{fraction})*(?! \.)"
        positive, negative = rf"(?:{dotted}|{whole}|0)", rf"-(?:{dotted}|{whole})"
    else:
        positive, negative = rf"(?:{whole}|0)", rf"-{whole}"
    arguments = rf"(?:{negative}|{positive})(?:{negative}| {positive})*"
    return re.compile(rf"(?:[MmLlHhVvCcSsQqTtAaZz](?:{arguments})?)*")


def _compact_path(d: str, decimals: int, source: Path | str) -> str:
    """``compact_path``, memoised: icons of one set share many paths (a third of lucide's)."""
    try:
        return _compact_known(d, decimals)
    except UnsafeSVGError:
        return compact_path(d, decimals, source)  # raises again, naming ``source``


@functools.lru_cache(maxsize=16384)
def _compact_known(d: str, decimals: int) -> str:
    return compact_path(d, decimals)


def compact_path(d: str, decimals: int, source: Path | str = "<path>") -> str:
    """Path data with numbers rounded to ``decimals`` and the fewest separators.

    When every number is already as short as it can be, only separators are
    removed, with regular expressions over the (validated) path grammar; else
    the path is tokenised and rewritten by ``rewrite_path``.
    """
    if _canonical(decimals).fullmatch(d):
        return d  # most paths: already as short as they can be
    if _PATH_GRAMMAR.fullmatch(d) and not _untidy(decimals).search(d):
        squeezed = _AROUND_COMMANDS.sub(r"\1", d)
        squeezed = _BEFORE_MINUS.sub("", squeezed)
        squeezed = _BETWEEN_FRACTIONS.sub(r"\1", squeezed)
        squeezed = _SEPARATORS.sub(" ", squeezed).strip()
        if squeezed[:1] in _PATH_COMMANDS or not squeezed:
            return squeezed
    return rewrite_path(d, decimals, source)


def rewrite_path(d: str, decimals: int, source: Path | str = "<path>") -> str:
    """``compact_path`` by tokenising: numbers rounded, the fewest separators.

    Arc flags are read one character at a time, as the grammar says, and a
    separator is kept after them so that every renderer reads them back.
    """
    out: list[str] = []
    command = ""
    argument = 0
    previous = ""  # the last number written, or "" after a command letter or flag
    for match in _PATH_TOKEN.finditer(d):
        letter, token, bad = match.groups()
        if letter:
            command, argument, previous = letter, 0, ""
            out.append(letter)
            continue
        if bad:
            near = d[match.start() :][:12]
            raise UnsafeSVGError(source, f"path data is not valid near {near!r}")
        if token is None:
            continue  # separators
        if not command:
            raise UnsafeSVGError(source, f"path data {d[:20]!r}… does not start with a command")
        while token:
            flag = command in "Aa" and argument % 7 in _ARC_FLAGS
            if flag:
                if token[0] not in "01":
                    near = d[match.start() :][:12]
                    raise UnsafeSVGError(source, f"path data has a bad arc flag near {near!r}")
                written, token = token[0], token[1:]
            else:
                written, token = _number(token, decimals), ""
            if out[-1] not in _PATH_COMMANDS and not (
                written.startswith("-") or (written.startswith(".") and "." in previous)
            ):
                out.append(" ")
            out.append(written)
            previous = "" if flag else written
            argument += 1
    return "".join(out)
