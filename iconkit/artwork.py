"""The artwork rules that ``iconkit lint`` and ``iconkit add`` share.

Errors that keep artwork out of the catalogue (no viewBox, nothing to draw, stray
colours on a monochrome icon) and the stroke widths lint compares with the set's.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from iconkit._paint import near_black
from iconkit._svgrules import SHAPES
from iconkit._svgtree import SVG_NS
from iconkit.normalise import clean_svg, colours, nothing_to_draw, viewbox

__all__ = ["artwork_errors", "box_text", "check_new_artwork", "number_text", "stroke_widths"]


def artwork_errors(
    drawn: etree._Element, original: etree._Element, monochrome: bool, *, adding: bool = False
) -> list[tuple[str, str]]:
    """(rule, message) for artwork that must not ship: no viewBox, nothing to draw, stray
    colours.

    ``drawn`` is the artwork with its CSS resolved and its colours as drawn;
    ``original`` is the file as read (for the viewBox it declares itself). With
    ``adding`` the fixes are named as ``iconkit add`` spells them.
    """
    errors = []
    if original.get("viewBox") is None:
        errors.append(("viewbox-missing", "no viewBox: the icon cannot scale"))
    box = viewbox(original)
    empty = nothing_to_draw(drawn)
    if empty is None and box is not None and min(box[2], box[3]) <= 0:
        fix = "--fix" if adding else "`iconkit lint --fix`"
        empty = f"viewBox {box_text(box)} has no area, so nothing shows: {fix} takes one from "
        empty += "the width and height"
    if empty is not None:
        errors.append(("nothing-to-draw", empty))
    found, current = colours(drawn)
    if monochrome and found:
        listed = ", ".join(sorted(found)) + (" beside currentColor" if current else "")
        if near_black(found):
            fix = "--fix" if adding else "`iconkit lint --fix`"
            message = (
                f"near-black greys on a monochrome icon ({listed}): one colour in intent; "
                f"{fix} folds them into currentColor"
            )
        else:
            keep = "add it with --fixed-colours" if adding else "set fixed_colours: true"
            message = (
                f"hard-coded colours on a monochrome icon ({listed}): draw in currentColor, "
                f"or, where the colours carry meaning, {keep}"
            )
        errors.append(("fixed-colours", message))
    return errors


def stroke_widths(root: etree._Element) -> list[float]:
    """The stroke widths of the elements that actually draw a stroke."""
    widths = []
    for element in root.iter(*(f"{{{SVG_NS}}}{t}" for t in _STROKED)):
        chain = [element, *element.iterancestors()]
        stroke = next((str(n.get("stroke")) for n in chain if n.get("stroke") is not None), None)
        if stroke in (None, "none"):
            continue
        raw = next((str(n.get("stroke-width")) for n in chain if n.get("stroke-width")), "1")
        try:
            widths.append(float(raw.removesuffix("px")))
        except ValueError:
            continue
    return widths


_STROKED = SHAPES | {"use"}


def check_new_artwork(icon: Any, svg: bytes) -> list[str]:
    """For ``iconkit add``: the errors that would make the cleaned artwork fail lint."""
    root = etree.fromstring(svg)
    drawn = etree.fromstring(clean_svg(svg, icon.source, fixed_colours=True).svg)
    errors = artwork_errors(drawn, root, not icon.fixed_colours, adding=True)
    return [message for _, message in errors]


def box_text(box: tuple[float, float, float, float]) -> str:
    """A viewBox's numbers as a person writes them: ``0 0 24 24``."""
    return " ".join(number_text(n) for n in box)


def number_text(value: float) -> str:
    """``24.0`` -> ``24``; ``1.5`` stays."""
    return str(int(value)) if float(value).is_integer() else str(value)
