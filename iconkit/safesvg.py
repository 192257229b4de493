"""Hardened SVG reading: untrusted bytes in, an lxml tree (or an error) out.

Every SVG that enters iconkit (``add``, ``lint``, ``build``) goes through
``parse_svg``: no entities, no DTD loading, no network, and bounded size,
depth and element count (``Limits``), enforced while the bytes stream in, so a
hostile file is refused after reading at most a chunk past the limit. What the
tree may contain is decided afterwards, by ``iconkit.sanitize``.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from lxml import etree

from iconkit._svgtree import SVG_NS, source_line
from iconkit.errors import UnsafeSVGError

__all__ = ["CHUNK", "DEFAULT_LIMITS", "Limits", "parse_svg", "parse_svg_chunks", "read_svg"]

CHUNK = 16 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on one SVG file; anything larger is refused while it is read.

    ``max_bytes``: the file size; ``max_depth``: elements nested inside each
    other (the root is depth 1); ``max_elements``: elements in the whole file.
    """

    max_bytes: int = 1_000_000
    max_depth: int = 64
    max_elements: int = 10_000


DEFAULT_LIMITS = Limits()
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_DTD_DECLARATION = re.compile(rb"<!(?:ENTITY|ATTLIST|ELEMENT|NOTATION)\b")


_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "remove_pis": False,
    "remove_comments": False,
}


# One parser for every one-shot parse: lxml resets it for each document, and building
# a parser per icon cost a fifth of the parse (lxml: sharing is safe, even over threads).
_WHOLE_PARSER = etree.XMLParser(**_PARSER_OPTIONS)


def _parser() -> etree.XMLPullParser:
    return etree.XMLPullParser(events=("start", "end"), **_PARSER_OPTIONS)


def read_svg(path: Path, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Read and parse the SVG file at ``path`` within ``limits``."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise UnsafeSVGError(path, f"{size} bytes, over the {limits.max_bytes}-byte limit")
        if size <= CHUNK:
            return parse_svg(path.read_bytes(), path, limits)
        with path.open("rb") as stream:
            return parse_svg_chunks(iter(lambda: stream.read(CHUNK), b""), path, limits)
    except OSError as error:
        raise UnsafeSVGError(path, f"cannot read: {error.strerror or error}") from None


def parse_svg(data: bytes, source: Path | str, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Parse SVG bytes safely; raise ``UnsafeSVGError`` naming ``source`` on any problem."""
    if len(data) > limits.max_bytes:
        raise UnsafeSVGError(source, f"{len(data)} bytes, over the {limits.max_bytes}-byte limit")
    if len(data) <= CHUNK:  # nearly every icon: one parse, no per-element events
        return _Reader(source, limits).whole(data)
    chunks = (data[i : i + CHUNK] for i in range(0, len(data), CHUNK))
    return parse_svg_chunks(chunks, source, limits)


def parse_svg_chunks(
    chunks: Iterable[bytes], source: Path | str, limits: Limits = DEFAULT_LIMITS
) -> etree._Element:
    """Parse SVG arriving in ``chunks``, refusing as soon as a limit is passed.

    Reads at most one chunk past ``limits.max_bytes``, and holds at most one
    chunk's worth of elements past ``max_depth`` or ``max_elements``, so an
    endless or hostile stream is refused in bounded time and memory.
    """
    reader = _Reader(source, limits)
    for chunk in chunks:
        reader.feed(chunk)
    return reader.close()


class _Reader:
    """Feeds a pull parser and checks every element as it starts."""

    def __init__(self, source: Path | str, limits: Limits) -> None:
        self.source, self.limits = source, limits
        self.size = self.depth = self.elements = 0
        self.lines = 1
        self.utf8: codecs.IncrementalDecoder | None = None
        self.started = self.text_seen = False

    @functools.cached_property
    def parser(self) -> etree.XMLPullParser:
        return _parser()

    def refuse(self, message: str, line: int | None = None) -> UnsafeSVGError:
        return UnsafeSVGError(self.source, message, line)

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limits.max_bytes:
            raise self.refuse(f"more than {self.limits.max_bytes} bytes, over the limit")
        if not self.text_seen and chunk.strip():
            self.text_seen = True
            self.utf8 = self.check_start(chunk)
        self.check_utf8(chunk)
        if not self.started and _DTD_DECLARATION.search(chunk):
            raise self.refuse(_ENTITIES)
        try:
            self.parser.feed(chunk)
        except etree.XMLSyntaxError as error:
            self.drain()
            raise self.syntax(error) from None
        self.drain()

    def whole(self, data: bytes) -> etree._Element:
        """Parse all of ``data`` at once, then check what ``drain`` would have, in its order.

        Anything the one-shot parser rejects is parsed again chunk by chunk, so every
        error is reported exactly as the streaming path reports it.
        """
        self.size = len(data)
        if data.strip():
            self.text_seen = True
            self.utf8 = self.check_start(data)
        self.check_utf8(data)
        if _DTD_DECLARATION.search(data):
            raise self.refuse(_ENTITIES)
        if not self.text_seen:
            raise self.refuse("file is empty")
        try:
            root = etree.fromstring(data, _WHOLE_PARSER)
        except etree.XMLSyntaxError:
            return parse_svg_chunks((data,), self.source, self.limits)
        self.started = True
        self.check_root(root)
        elements = sum(1 for _ in root.iter(etree.Element))
        if elements > min(self.limits.max_depth, self.limits.max_elements):  # depth <= count
            self.check(etree.iterwalk(root, events=("start", "end")))
        return root

    def close(self) -> etree._Element:
        if not self.text_seen:
            raise self.refuse("file is empty")
        try:
            root = self.parser.close()
        except etree.XMLSyntaxError as error:
            self.drain()
            raise self.syntax(error) from None
        self.drain()
        return root

    def check_start(self, chunk: bytes) -> codecs.IncrementalDecoder | None:
        """Refuse what is plainly not SVG text; return a UTF-8 checker where UTF-8 is meant."""
        if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None
        if b"\x00" in chunk[:512]:
            raise self.refuse(
                "holds NUL bytes: UTF-16 or UTF-32 without a byte-order mark, or not text; "
                "save the file as UTF-8"
            )
        declared = _DECLARED.match(chunk.removeprefix(codecs.BOM_UTF8))
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            return None
        return codecs.getincrementaldecoder("utf-8")("strict")

    def check_utf8(self, chunk: bytes) -> None:
        if self.utf8 is None:
            return
        try:
            self.utf8.decode(chunk)
        except UnicodeDecodeError as error:
            line = self.lines + chunk[: error.start].count(b"\n")
            byte = chunk[error.start] if error.start < len(chunk) else 0
            raise self.refuse(
                f"not valid UTF-8 (byte 0x{byte:02x}): save the file as UTF-8, "
                "or declare its real encoding in <?xml ... encoding=...?>",
                line,
            ) from None
        self.lines += chunk.count(b"\n")

    def drain(self) -> None:
        self.check(self.parser.read_events())

    def check(self, events: Iterable[tuple[str, Any]]) -> None:
        """Count depth and elements over parse ``events``; the first element checks the root."""
        for event, item in events:
            element = cast(etree._Element, item)
            if event == "end":
                self.depth -= 1
                continue
            self.depth += 1
            self.elements += 1
            line = source_line(element)
            if not self.started:
                self.started = True
                self.check_root(element)
            if self.depth > self.limits.max_depth:
                raise self.refuse(f"nested deeper than {self.limits.max_depth} elements", line)
            if self.elements > self.limits.max_elements:
                raise self.refuse(f"more than {self.limits.max_elements} elements", line)

    def check_root(self, root: etree._Element) -> None:
        dtd = root.getroottree().docinfo.internalDTD
        declared: Any = dtd  # lxml-stubs lack DTD.iterentities/iterelements
        if dtd is not None and any(
            True for _ in (*declared.iterentities(), *declared.iterelements())
        ):
            raise self.refuse(_ENTITIES)
        if root.tag == f"{{{SVG_NS}}}svg":
            return
        name = etree.QName(root)
        if name.localname == "svg" and name.namespace is None:
            raise self.refuse(f'<svg> lacks the SVG namespace: add xmlns="{SVG_NS}"', 1)
        raise self.refuse(f"root element is <{name.localname}>, not an SVG <svg>")

    def syntax(self, error: etree.XMLSyntaxError) -> UnsafeSVGError:
        message = str(error.msg or "").strip().split(", line ")[0]
        line = error.lineno or None
        for known, plain in _SYNTAX_MESSAGES:
            if known in message:
                return self.refuse(plain, line)
        return self.refuse(f"not well-formed XML: {message or 'parse error'}", line)


_ENTITIES = (
    "DOCTYPE declares entities or other markup: refused, because entity expansion "
    "is how billion-laughs and external-file attacks work"
)
_SYNTAX_MESSAGES = (
    ("Start tag expected", "not XML: it does not start with a tag (is this an SVG file?)"),
    ("Document is empty", "not XML: no element found"),
    ("Excessive depth", "nested deeper than the parser allows"),
    ("amplification", _ENTITIES),
    ("Invalid bytes in character encoding", "bytes that are not valid in the declared encoding"),
)
