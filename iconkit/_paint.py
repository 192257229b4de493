"""Paint in an icon: which colours it hard-codes, and turning one colour into ``currentColor``."""

from __future__ import annotations

from lxml import etree
from tinycss2.color3 import parse_color

from iconkit._svgrules import SHAPES
from iconkit._svgtree import elements, inside, local_name

_PAINT = ("fill", "stroke", "stop-color", "color", "flood-color", "lighting-color")
_HIDDEN_PAINT = frozenset(("clipPath", "mask"))  # they shape, they do not paint


def colours(root: etree._Element) -> tuple[set[str], bool]:
    """The hard-coded paint colours of an icon (as hex) and whether it uses ``currentColor``.

    Shapes that rely on the default black fill count as black. Clip paths and
    masks do not paint, so their colours do not count.
    """
    found: set[str] = set()
    current = False
    for element in elements(root):
        if inside(element, _HIDDEN_PAINT) or not _paints(element):
            continue
        for attribute in _PAINT:
            value = element.get(attribute)
            if value is None:
                continue
            colour = parse_color(str(value))
            if colour == "currentColor":
                current = True
            elif colour is not None and colour.alpha > 0:
                found.add(_hex(colour))
        if (
            local_name(element) in SHAPES
            and local_name(element) != "line"
            and _fill_of(element) is None
        ):
            found.add("#000000")
    return found, current


def _paints(element: etree._Element) -> bool:
    """True when ``element`` draws something or passes paint on to something that does."""
    drawing = SHAPES | {"use", "stop", "feFlood", "feDropShadow"}
    return any(local_name(node) in drawing for node in elements(element))


def _hex(colour: tuple[float, float, float, float]) -> str:
    red, green, blue, alpha = colour
    text = "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))
    return text if alpha == 1 else text + f"{round(alpha * 255):02x}"


def _fill_of(element: etree._Element) -> str | None:
    for node in (element, *element.iterancestors()):
        value = node.get("fill")
        if value is not None:
            return str(value)
    return None


def follow_text_colour(root: etree._Element) -> list[str]:
    found, current = colours(root)
    if not found:
        return []
    if len(found) > 1 or current or len(next(iter(found))) > 7:
        listed = ", ".join(sorted(found))
        return [
            f"hard-coded colours on a monochrome icon ({listed}"
            f"{' beside currentColor' if current else ''}): draw in currentColor, "
            "or mark the icon fixed_colours"
        ]
    implicit = any(
        local_name(el) in SHAPES and local_name(el) != "line" and _fill_of(el) is None
        for el in elements(root)
        if not inside(el, _HIDDEN_PAINT)
    )
    for element in elements(root):
        if inside(element, _HIDDEN_PAINT):
            continue
        for attribute in _PAINT:
            value = element.get(attribute)
            colour = parse_color(str(value)) if value is not None else None
            if colour is not None and colour != "currentColor":
                element.set(attribute, "currentColor")
    if implicit:
        root.set("fill", "currentColor")
    return []
