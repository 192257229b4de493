"""Paint in an icon: which colours it hard-codes, turning them into ``currentColor``, and
whether anything is painted at all."""

from __future__ import annotations

import functools

from lxml import etree
from tinycss2.color3 import parse_color

from iconkit._svgrules import NEVER_RENDERED, SHAPES
from iconkit._svgtree import SVG_NS, elements, inside, local_name

_PAINT = ("fill", "stroke", "stop-color", "color", "flood-color", "lighting-color")
_HIDDEN_PAINT = frozenset(("clipPath", "mask"))  # they shape, they do not paint
# Near-black greys, as Sketch and Figma exports mix them (#000000 with #222222 or #333333):
# no channel above 0x50 and channels within 0x10 of each other. Opaque only.
NEAR_BLACK_MAX, NEAR_BLACK_SPREAD = 0x50, 0x10
_SVG = f"{{{SVG_NS}}}"
_SIZES = {"rect": ("width", "height"), "circle": ("r",), "ellipse": ("rx", "ry")}


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


def near_black(colours: set[str]) -> bool:
    """True when every one of ``colours`` (as ``colours`` gives them) is a near-black grey."""
    for colour in colours:
        if len(colour) != 7:
            return False  # translucent
        channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        if max(channels) > NEAR_BLACK_MAX or max(channels) - min(channels) > NEAR_BLACK_SPREAD:
            return False
    return bool(colours)


def follow_text_colour(root: etree._Element, *, fold_greys: bool = False) -> list[str]:
    """Turn the icon's one hard-coded colour into ``currentColor``; return what to report.

    With ``fold_greys``, several colours that are all near-black greys are one colour in
    intent, and are folded together (and that is reported). Otherwise an icon with more
    than one colour is left alone, with a warning.
    """
    found, current = colours(root)
    if not found:
        return []
    single = len(found) == 1 and not current and len(next(iter(found))) == 7
    folded = not single and fold_greys and near_black(found)
    if not single and not folded:
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
    if folded:
        return [f"folded the near-black greys {', '.join(sorted(found))} into currentColor"]
    return []


def draws_something(root: etree._Element) -> bool:
    """True when a shape outside definitions has geometry and a fill or stroke that shows.

    One walk down the tree that carries the inherited fill and stroke, and stops at
    the first shape that shows: the build asks this of every icon.
    """
    return _shows_inside(root, str(root.get("fill", "black")), str(root.get("stroke", "none")))


def _shows_inside(element: etree._Element, fill: str, stroke: str) -> bool:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(_SVG):
            continue
        local = tag[len(_SVG) :]
        if local in NEVER_RENDERED or str(child.get("opacity", "")).strip() in ("0", "0.0"):
            continue
        if local == "use":
            return True
        own_fill, own_stroke = child.get("fill"), child.get("stroke")
        inner_fill = fill if own_fill is None else str(own_fill)
        inner_stroke = stroke if own_stroke is None else str(own_stroke)
        if local in SHAPES:
            if not _empty(child, local) and (
                (local != "line" and _shows(inner_fill)) or _shows(inner_stroke)
            ):
                return True
        elif _shows_inside(child, inner_fill, inner_stroke):
            return True
    return False


def _empty(element: etree._Element, tag: str) -> bool:
    if tag == "path":
        return not str(element.get("d", "")).strip()
    if tag in ("polyline", "polygon"):
        return not str(element.get("points", "")).strip()
    for attribute in _SIZES.get(tag, ()):
        try:
            if float(str(element.get(attribute, "0")).removesuffix("px")) <= 0:
                return True
        except ValueError:
            continue  # a percentage or a unit: assume it has a size
    return False


@functools.lru_cache(maxsize=1024)  # icons repeat a handful of paints
def _shows(paint: str) -> bool:
    if paint.strip() in ("", "none", "transparent"):
        return False
    colour = parse_color(paint)  # None for url(#…) and other paint servers: they show
    return colour is None or colour == "currentColor" or colour.alpha > 0
