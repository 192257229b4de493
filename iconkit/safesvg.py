"""Hardened SVG reading: untrusted bytes in, a clean lxml tree (or an error) out.

Every SVG that enters iconkit (``add``, ``lint``, ``build``) goes through
``parse_svg``: no entities, no DTD loading, no network, and bounded size,
depth and element count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from iconkit.errors import UnsafeSVGError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


@dataclass(frozen=True)
class Limits:
    """Bounds on one SVG file; anything larger is refused before or while parsing."""

    max_bytes: int = 1_000_000
    max_depth: int = 64
    max_elements: int = 10_000


DEFAULT_LIMITS = Limits()


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=False,
        remove_comments=False,
    )


def read_svg(path: Path, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Read and parse the SVG file at ``path`` within ``limits``."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise UnsafeSVGError(path, f"{size} bytes, over the {limits.max_bytes} limit")
        data = path.read_bytes()
    except OSError as error:
        raise UnsafeSVGError(path, f"cannot read: {error.strerror or error}") from None
    return parse_svg(data, path, limits)


def parse_svg(data: bytes, source: Path | str, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Parse SVG bytes safely; raise ``UnsafeSVGError`` naming ``source`` on any problem."""
    if len(data) > limits.max_bytes:
        raise UnsafeSVGError(source, f"{len(data)} bytes, over the {limits.max_bytes} limit")
    if not data.strip():
        raise UnsafeSVGError(source, "file is empty")
    if re.search(rb"<!ENTITY", data, re.IGNORECASE):
        raise UnsafeSVGError(source, "DOCTYPE declares entities, which are refused")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        message = error.msg or "not well-formed XML"
        raise UnsafeSVGError(source, f"not well-formed XML: {message}", line) from None
    except ValueError as error:
        raise UnsafeSVGError(source, f"cannot parse: {error}") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        found = etree.QName(root).localname
        raise UnsafeSVGError(source, f"root element is <{found}>, not an SVG <svg>")
    _check_bounds(root, source, limits)
    return root


def _check_bounds(root: etree._Element, source: Path | str, limits: Limits) -> None:
    count = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if count > limits.max_elements:
            raise UnsafeSVGError(source, f"more than {limits.max_elements} elements")
        if depth > limits.max_depth:
            raise UnsafeSVGError(source, f"nested deeper than {limits.max_depth} elements")
        stack.extend((child, depth + 1) for child in element)


_ID_REFERENCE = re.compile(r"url\(\s*(['\"]?)#([^)'\"\s]+)\1\s*\)")


def prefix_ids(root: etree._Element, prefix: str) -> None:
    """Rename every ``id`` inside ``root`` to ``<prefix>-<id>`` and rewrite its references.

    Covers ``url(#id)`` in attributes and ``<style>`` text, and ``href``/``xlink:href``
    that start with ``#``. References to ids that do not exist are left alone.
    """
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    if not ids:
        return

    def rename(match: re.Match[str]) -> str:
        old = match.group(2)
        return f"url(#{prefix}-{old})" if old in ids else match.group(0)

    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, raw in element.attrib.items():
            value = str(raw)
            if attribute == "id":
                element.set(attribute, f"{prefix}-{value}")
            elif attribute in ("href", f"{{{XLINK_NS}}}href") and value.startswith("#"):
                if value[1:] in ids:
                    element.set(attribute, f"#{prefix}-{value[1:]}")
            elif "url(" in value:
                element.set(attribute, _ID_REFERENCE.sub(rename, value))
        if etree.QName(element).localname == "style" and element.text:
            element.text = _ID_REFERENCE.sub(rename, element.text)


def sanitize(root: etree._Element, source: Path | str, *, fix: bool = False) -> list[str]:
    """Refuse (or with ``fix``, remove and report) anything active in ``root``.

    Placeholder until the allow-list lands: refuses ``<script>`` and ``on*`` handlers.
    """
    removed: list[str] = []
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname == "script":
            if not fix:
                raise UnsafeSVGError(source, "<script> is refused", source_line(element))
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            removed.append("<script>")
            continue
        for attribute in map(str, list(element.attrib)):
            if etree.QName(attribute).localname.lower().startswith("on"):
                if not fix:
                    message = f"event handler {attribute!r} is refused"
                    raise UnsafeSVGError(source, message, source_line(element))
                del element.attrib[attribute]
                removed.append(attribute)
    return removed


def source_line(element: etree._Element) -> int | None:
    """The line ``element`` starts on in its file, where lxml knows it."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None
