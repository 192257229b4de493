"""SVG trees in lxml: the namespaces, small tree helpers, and references to ids.

Every module that walks an icon's tree (the sanitiser, the normaliser, the
sprite, PNGs, lint, the inline sprite) takes its namespaces and helpers from
here. References (``href="#id"`` and ``url(#id)`` in attributes and CSS) are
found and renamed by ``references`` and ``rename_references``, and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
HREFS = ("href", f"{{{XLINK_NS}}}href")  # the attributes that link to an id

# ``url(#id)`` as CSS writes it: the name in any case, spaces inside the brackets, and
# the target bare or quoted (a quoted id may hold spaces). A bare target stops at a space,
# quote or bracket, where CSS's own url token ends or goes bad. Escapes are not decoded:
# the sanitiser refuses a reference that this pattern reads differently from CSS.
_BARE = r"""[^\s"'()]*"""
_LOCAL_URL = re.compile(
    rf"""url\(\s*(?:"#(?P<double>[^"]*)"|'#(?P<single>[^']*)'|#(?P<bare>{_BARE}))\s*\)""",
    re.IGNORECASE,
)
_WRITTEN_BARE = re.compile(_BARE)


def _target(match: re.Match[str]) -> str:
    return next(group for group in match.groups() if group is not None)


def references(value: str, attribute: str = "") -> list[str]:
    """The ids inside the document that ``value`` refers to, in order.

    ``url(#id)`` anywhere in ``value`` (an attribute or ``<style>`` text); with an
    ``attribute`` of ``HREFS``, the ``#id`` the link points to.
    """
    if attribute in HREFS:
        target = value.strip()
        return [target[1:]] if target.startswith("#") else []
    if "(" not in value:  # nearly every value: no function at all
        return []
    return [_target(match) for match in _LOCAL_URL.finditer(value)]


def rename_references(value: str, renamed: Callable[[str], str | None], attribute: str = "") -> str:
    """``value`` with each reference to an id pointing to ``renamed(id)`` instead.

    Where ``renamed`` returns ``None`` the reference is left as written. A renamed
    ``url()`` is written ``url(#new)``, quoted only when the new id needs quotes.
    """
    if attribute in HREFS:
        target = value.strip()
        new = renamed(target[1:]) if target.startswith("#") else None
        return value if new is None else f"#{new}"

    def rename(match: re.Match[str]) -> str:
        new = renamed(_target(match))
        if new is None:
            return match.group(0)
        if _WRITTEN_BARE.fullmatch(new):
            return f"url(#{new})"
        quote = "'" if match.group("single") is not None else '"'
        return f"url({quote}#{new}{quote})"

    return _LOCAL_URL.sub(rename, value) if "(" in value else value


def prefix_ids(root: etree._Element, prefix: str) -> None:
    """Rename every ``id`` inside ``root`` to ``<prefix>-<id>`` and rewrite its references.

    Covers ``url(#id)`` in attributes and ``<style>`` text, and ``href``/``xlink:href``
    that start with ``#``. References to ids that do not exist are left alone.
    """
    ids = {str(el.get("id")) for el in elements(root) if el.get("id")}
    if not ids:
        return

    def renamed(old: str) -> str | None:
        return f"{prefix}-{old}" if old in ids else None

    for element in elements(root):
        for key, raw in element.attrib.items():
            attribute, value = str(key), str(raw)
            if attribute == "id":
                element.set(attribute, f"{prefix}-{value}")
            else:
                new = rename_references(value, renamed, attribute)
                if new != value:
                    element.set(attribute, new)
        if local_name(element) == "style" and element.text:
            element.text = rename_references(element.text, renamed)


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
