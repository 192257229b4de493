"""Make messy exports consistent: editor cruft out, a viewBox in, colours that follow the text.

``normalise`` works on a tree that ``sanitize`` has passed; ``clean_svg``
is the whole way from untrusted bytes to the file ``iconkit add`` writes.
Both are idempotent: a second run changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from lxml import etree

from iconkit._paint import colours, draws_something, follow_text_colour
from iconkit._styles import inline_style_attributes, inline_stylesheets
from iconkit._svgrules import NEVER_RENDERED, WORDS
from iconkit._svgtree import (
    SVG_NS,
    XLINK_NS,
    elements,
    inside,
    local_name,
    references,
    remove_node,
    rename_references,
)
from iconkit.safesvg import DEFAULT_LIMITS, Limits, parse_svg
from iconkit.sanitize import resolve_switches, sanitize

__all__ = [
    "EDITOR_NAMESPACES",
    "Cleaned",
    "clean_svg",
    "colours",
    "normalise",
    "nothing_to_draw",
    "serialise",
    "strip_cruft",
    "viewbox",
]

EDITOR_NAMESPACES = frozenset(
    (
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Flows/1.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/ImageReplacement/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://ns.adobe.com/Variables/1.0/",
        "http://ns.adobe.com/xap/1.0/",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.figma.com/figma/ns",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://web.resource.org/cc/",
    )
)
_LEGACY = frozenset(("enable-background",))  # inert attributes old exporters write
_ROOT_SIZES = ("width", "height", "x", "y")
_ROOT_CRUFT = (
    "version",
    "baseProfile",
    "id",
    "{http://www.w3.org/XML/1998/namespace}space",
    "class",  # the markup decides classes, roles and names where the icon is used
    "role",
    "aria-hidden",
    "aria-label",
    "focusable",
)
_DEFAULTS = {
    "fill-opacity": "1",
    "stroke-opacity": "1",
    "opacity": "1",
    "stroke-dasharray": "none",
    "stroke-dashoffset": "0",
    "stroke-miterlimit": "4",
    "fill-rule": "nonzero",
    "clip-rule": "nonzero",
    "display": "inline",
    "visibility": "visible",
}
_DEFINITIONS = frozenset(
    ("clipPath", "mask", "linearGradient", "radialGradient", "pattern", "marker", "filter")
)
_SIZE = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


class Cleaned(NamedTuple):
    """What ``clean_svg`` returns: the bytes to write and what the designer should know."""

    svg: bytes
    findings: list[str]


def clean_svg(
    data: bytes,
    source: Path | str,
    *,
    fixed_colours: bool = False,
    fix: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    name: str | None = None,
    grid: float = 24,
) -> Cleaned:
    """Read, sanitise and normalise SVG bytes; return the file to write and the findings.

    Without ``fix`` forbidden content raises ``UnsafeSVGError``; with it, it is
    removed and each removal is a finding. A ``<switch>`` keeps the branch a browser
    draws (a finding says which). Warnings from ``normalise`` follow; with ``fix``,
    near-black greys are folded into ``currentColor``.
    """
    root = parse_svg(data, source, limits)
    strip_cruft(root)
    resolved = resolve_switches(root)
    removed = sanitize(root, source, fix=fix)
    warnings = normalise(root, fixed_colours=fixed_colours, name=name, grid=grid, fold_greys=fix)
    return Cleaned(serialise(root), [*resolved, *removed, *warnings])


def serialise(root: etree._Element) -> bytes:
    """The canonical bytes of a normalised icon: two-space indent, no declaration.

    SVG is the default namespace (no ``svg:`` prefixes); ``xlink`` is declared
    only where an ``xlink:href`` needs it.
    """
    root = _canonical(root)
    for element in root.iter():
        keep = isinstance(element.tag, str) and etree.QName(element).localname == "style"
        if not keep and element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="utf-8") + b"\n"


def _canonical(root: etree._Element) -> etree._Element:
    uses_xlink = any(f"{{{XLINK_NS}}}href" in el.attrib for el in elements(root))
    nsmap: Any = {None: SVG_NS, "xlink": XLINK_NS} if uses_xlink else {None: SVG_NS}
    if root.nsmap == nsmap and all(el.prefix is None for el in elements(root)):
        return root

    def copy(element: etree._Element, parent: etree._Element | None) -> etree._Element:
        attributes = {str(k): str(v) for k, v in element.attrib.items()}
        if parent is None:
            new = etree.Element(element.tag, attributes, nsmap=nsmap)
        else:
            new = etree.SubElement(parent, element.tag, attributes)
        new.text, new.tail = element.text, element.tail
        for child in element:
            if isinstance(child.tag, str):
                copy(child, new)
        return new

    return copy(root, None)


def normalise(
    root: etree._Element,
    *,
    fixed_colours: bool,
    name: str | None = None,
    grid: float = 24,
    fold_greys: bool = False,
) -> list[str]:
    """Normalise a sanitised icon in place; return warnings for what it cannot fix.

    Removes editor namespaces, metadata, words, comments and hidden layers,
    moves CSS onto presentation attributes, derives a ``viewBox`` and drops fixed
    sizes, turns a single hard-coded colour (or, with ``fold_greys``, near-black
    greys) into ``currentColor`` unless ``fixed_colours``, drops unused ids and
    prefixes the rest with ``name``.
    """
    warnings: list[str] = []
    strip_cruft(root)
    warnings += inline_stylesheets(root)
    inline_style_attributes(root)
    _drop_hidden(root)
    warnings += _fix_root(root, grid)
    _drop_empty_groups(root)
    if not fixed_colours:
        warnings += follow_text_colour(root, fold_greys=fold_greys)
    while True:  # dropping one reference can orphan a definition, and so on
        before = etree.tostring(root)
        _tidy_ids(root, name)
        _drop_defaults(root)
        _drop_empty_groups(root)
        if etree.tostring(root) == before:
            break
    etree.cleanup_namespaces(root)
    return warnings


def strip_cruft(root: etree._Element) -> None:
    """Remove comments, editor namespaces, metadata and words (``title``/``desc``)."""
    for node in list(root.iter()):
        if isinstance(node, etree._Comment):
            if _inert_comment(node):
                remove_node(node)
        elif isinstance(node.tag, str) and node is not root:
            qname = etree.QName(node)
            cruft = qname.namespace in EDITOR_NAMESPACES
            if (cruft or qname.namespace == SVG_NS and qname.localname in WORDS) and _inert(node):
                remove_node(node)
    for node in [*root.itersiblings(preceding=True), *root.itersiblings()]:
        if isinstance(node, etree._Comment) and _inert_comment(node):
            remove_node(node)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in map(str, list(element.attrib)):
            qname = etree.QName(attribute)
            if qname.namespace in EDITOR_NAMESPACES or (
                qname.namespace is None
                and (qname.localname.startswith("data-") or qname.localname in _LEGACY)
            ):
                del element.attrib[attribute]
    etree.cleanup_namespaces(root)


def _inert_comment(comment: etree._Element) -> bool:
    """A comment the sanitiser would pass; others stay for it to refuse."""
    return not re.search(r"[<>]", str(comment.text or ""))


def _inert(element: etree._Element) -> bool:
    """True when everything inside ``element`` is editor data: nothing the sanitiser judges.

    Words or metadata holding anything else (an XHTML ``<script>``, say) stay, so
    the sanitiser refuses them rather than the clean-up hiding them.
    """
    return all(
        etree.QName(child).namespace in EDITOR_NAMESPACES
        for child in element.iterdescendants()
        if isinstance(child.tag, str)
    )


def _hidden(element: etree._Element) -> bool:
    if str(element.get("display", "")).strip() == "none":
        return True
    if str(element.get("visibility", "")).strip() in ("hidden", "collapse"):
        return not any(str(d.get("visibility", "")).strip() == "visible" for d in elements(element))
    return False


def _drop_hidden(root: etree._Element) -> None:
    for element in list(elements(root)):
        if element is root or inside(element, NEVER_RENDERED) or element.getparent() is None:
            continue
        if _hidden(element) and not _is_referenced(root, element):
            remove_node(element)


def _is_referenced(root: etree._Element, element: etree._Element) -> bool:
    ident = element.get("id")
    return ident is not None and str(ident) in _references(root)


def _references(root: etree._Element) -> set[str]:
    return {
        target
        for element in elements(root)
        for attribute, value in element.attrib.items()
        for target in references(str(value), str(attribute))
    }


def _fix_root(root: etree._Element, grid: float) -> list[str]:
    warnings = []
    empty = _area(root) == 0
    if root.get("viewBox") is None or empty:
        wide = _SIZE.match(str(root.get("width", "")))
        high = _SIZE.match(str(root.get("height", "")))
        if wide and high and float(wide.group(1)) > 0 and float(high.group(1)) > 0:
            old = root.get("viewBox")
            root.set("viewBox", f"0 0 {_number(wide.group(1))} {_number(high.group(1))}")
            if empty:
                warnings.append(
                    f"viewBox {old!r} has no area: replaced by {root.get('viewBox')!r}, "
                    "from the width and height"
                )
        elif empty:
            return warnings  # refused by nothing_to_draw, with the reason
        else:
            warnings.append("no viewBox, and no width and height in pixels to derive one from")
            return warnings
    for attribute in (*_ROOT_SIZES, *_ROOT_CRUFT):
        if attribute in root.attrib:
            del root.attrib[attribute]
    box = viewbox(root)
    if box is None:
        warnings.append(f"viewBox {root.get('viewBox')!r} is not four numbers")
        return warnings
    x, y, width, height = box
    if width == height and (x, y, width) != (0, 0, grid):
        warnings.append(f"viewBox {_box(box)} is off the {_number(str(grid))}-unit grid")
    return warnings


def _area(root: etree._Element) -> float | None:
    box = viewbox(root)
    return None if box is None else max(box[2], 0) * max(box[3], 0)


def nothing_to_draw(root: etree._Element) -> str | None:
    """Why the normalised icon ``root`` would show nothing, or ``None`` when it draws."""
    if _area(root) == 0:
        return (
            f"viewBox {root.get('viewBox')!r} has no area, and there is no width and height "
            "to take one from: nothing would show; give the artboard's size, as in "
            'viewBox="0 0 24 24"'
        )
    if not draws_something(root):
        return "nothing to draw: no shape with a fill or a stroke is left"
    return None


def viewbox(root: etree._Element) -> tuple[float, float, float, float] | None:
    """The four numbers of ``root``'s viewBox, or ``None`` when it has none or a bad one."""
    parts = re.split(r"[\s,]+", str(root.get("viewBox", "")).strip())
    try:
        x, y, width, height = (float(p) for p in parts)
    except ValueError:
        return None
    return x, y, width, height


def _box(box: tuple[float, float, float, float]) -> str:
    return " ".join(_number(str(n)) for n in box)


def _number(text: str) -> str:
    value = float(text)
    return str(int(value)) if value.is_integer() else str(value)


def _tidy_ids(root: etree._Element, name: str | None) -> None:
    used = _references(root)
    for element in elements(root):
        ident = element.get("id")
        if ident is not None and str(ident) not in used:
            del element.attrib["id"]
    if name is None:
        return
    renames = {}
    taken: set[str] = set()
    for element in elements(root):
        ident = element.get("id")
        if ident is None or str(ident).startswith(f"{name}-"):
            continue
        slug = "-".join(re.findall(r"[A-Za-z0-9_]+", str(ident))) or "id"
        new = f"{name}-{slug}"
        while new in taken or root.find(f".//*[@id='{new}']") is not None:
            new += "-x"
        taken.add(new)
        renames[str(ident)] = new
    if not renames:
        return
    for element in elements(root):
        for attribute, raw in element.attrib.items():
            value = str(raw)
            if attribute == "id":
                new = renames.get(value, value)
            else:
                new = rename_references(value, renames.get, str(attribute))
            if new != value:
                element.set(attribute, new)
        if local_name(element) == "style" and element.text:
            element.text = rename_references(element.text, renames.get)


def _drop_defaults(root: etree._Element) -> None:
    """Drop attributes that restate the initial value and override nothing inherited."""
    for element in elements(root):
        for attribute, default in _DEFAULTS.items():
            if str(element.get(attribute, "")).strip() != default:
                continue
            inherited = attribute not in ("display", "opacity")
            if not inherited or all(a.get(attribute) is None for a in element.iterancestors()):
                del element.attrib[attribute]


def _drop_empty_groups(root: etree._Element) -> None:
    """Drop empty groups and unreferenced definitions; unwrap groups with no attributes."""
    changed = True
    while changed:
        changed = False
        for element in list(elements(root)):
            tag = local_name(element)
            if element is root or element.getparent() is None:
                continue
            unused = tag in _DEFINITIONS and element.get("id") is None
            empty = tag in ("g", "defs") and len(element) == 0 and element.get("id") is None
            if unused or empty:
                remove_node(element)
                changed = True
            elif tag == "g" and not element.attrib:
                _unwrap(element)
                changed = True


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    remove_node(element)
