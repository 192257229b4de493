"""SVG trees in lxml: the namespaces and small tree helpers.

Every module that walks an icon's tree (the sanitiser, the normaliser, the
sprite, PNGs, lint, the inline sprite) takes its namespaces and helpers from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
HREFS = ("href", f"{{{XLINK_NS}}}href")  # the attributes that link to an id

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


def source_line(element: etree._Element) -> int | None:
    """The line ``element`` starts on in its file, where lxml knows it."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None


def elements(root: etree._Element) -> Iterator[etree._Element]:
    """The elements in ``root`` (itself included), without comments or instructions."""
    return (element for element in root.iter() if isinstance(element.tag, str))


def local_name(element: etree._Element) -> str:
    """``element``'s tag without its namespace."""
    return etree.QName(element).localname


def inside(element: etree._Element, tags: frozenset[str]) -> bool:
    """True when ``element`` or one of its ancestors is one of ``tags`` (local names)."""
    chain = (element, *element.iterancestors())
    return any(local_name(node) in tags for node in chain)


def text_of(element: etree._Element) -> str:
    """All the text inside ``element``, as ``str``."""
    return "".join(str(part) for part in element.itertext())


def remove_node(node: etree._Element) -> None:
    """Remove ``node`` from its parent, keeping the text that followed it."""
    parent = node.getparent()
    if parent is None:  # a sibling of the root: move it inside the root, then drop it
        root = next((n for n in node.itersiblings() if isinstance(n.tag, str)), None)
        root = (
            root
            if root is not None
            else next(
                (n for n in node.itersiblings(preceding=True) if isinstance(n.tag, str)), None
            )
        )
        if root is not None:
            root.insert(0, node)
            root.remove(node)
        return
    tail = node.tail
    previous = node.getprevious()
    if tail and tail.strip() == "" and previous is not None:
        previous.tail = (previous.tail or "") if previous.tail else tail
    elif tail and tail.strip() == "":
        parent.text = parent.text or tail
    parent.remove(node)
