"""The rules about SVG elements and attributes, each stated once.

Mostly the allow-lists behind ``sanitize``: what an icon may contain. Anything
not listed is refused (or removed with ``fix``). The lists are drawn from SVG
1.1/2 shape, paint, gradient, clipping, masking, filter and animation features
that cannot run code or load anything. Then the element families that the
normaliser, the sprite and lint share, and what the sprite refuses on top.
"""

from __future__ import annotations

SHAPES = frozenset(("path", "rect", "circle", "ellipse", "line", "polyline", "polygon"))
CONTAINERS = frozenset(
    ("svg", "g", "defs", "symbol", "use", "clipPath", "mask", "marker", "pattern")
)
PAINT_SERVERS = frozenset(("linearGradient", "radialGradient", "stop"))
DESCRIPTIVE = frozenset(("title", "desc"))
FILTERS = frozenset(
    (
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
    )
)
ANIMATIONS = frozenset(("animate", "animateTransform", "animateMotion", "set", "mpath"))
STYLE = "style"
ELEMENTS = SHAPES | CONTAINERS | PAINT_SERVERS | DESCRIPTIVE | FILTERS | ANIMATIONS | {STYLE}

# Named refusals, so the message says why rather than only "not allowed".
REFUSED_ELEMENTS = {
    "script": "<script> is refused: an icon may not run code",
    "foreignObject": "<foreignObject> is refused: it embeds HTML",
    "iframe": "<iframe> is refused: it loads a page",
    "embed": "<embed> is refused: it loads a plug-in or page",
    "object": "<object> is refused: it loads a plug-in or page",
    "image": "embedded raster image <image> is refused: draw the icon in vector shapes",
    "feImage": "<feImage> is refused: it loads an image",
    "a": "<a> is refused: an icon may not carry a link",
    "text": "<text> is refused: convert text to paths in your editor",
    "tspan": "<tspan> is refused: convert text to paths in your editor",
    "textPath": "<textPath> is refused: convert text to paths in your editor",
    "switch": "<switch> is refused: it selects content by features, often foreignObject "
    "(`iconkit add` and `iconkit lint --fix` keep the branch a browser draws)",
    "handler": "<handler> is refused: an icon may not run code",
    "listener": "<listener> is refused: an icon may not run code",
}
# What the sprite refuses: what the sanitiser refuses, and a <style> sheet, which may stand
# in an icon's file (normalise moves simple rules onto the shapes) but would restyle the
# whole page from a sprite. Refused rather than dropped: dropping it changes the drawing.
SPRITE_REFUSED_ELEMENTS = {
    **REFUSED_ELEMENTS,
    "style": "<style> is refused in the sprite: its rules would apply to the whole page; "
    "use presentation attributes instead",
}
# Words and editor metadata: never copied into the output (names live in the catalogue).
WORDS = DESCRIPTIVE | {"metadata"}
# Containers whose content is drawn only through a reference, if at all: a hidden or
# unpainted shape inside one still counts (a clip path ignores paint).
NEVER_RENDERED = frozenset(("clipPath", "mask", "defs", "symbol", "pattern", "marker"))

PRESENTATION = frozenset(
    (
        "clip-path",
        "clip-rule",
        "color",
        "color-interpolation",
        "color-interpolation-filters",
        "display",
        "fill",
        "fill-opacity",
        "fill-rule",
        "filter",
        "flood-color",
        "flood-opacity",
        "lighting-color",
        "marker-end",
        "marker-mid",
        "marker-start",
        "mask",
        "opacity",
        "overflow",
        "paint-order",
        "shape-rendering",
        "stop-color",
        "stop-opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
        "transform",
        "transform-origin",
        "vector-effect",
        "visibility",
    )
)
GEOMETRY = frozenset(
    (
        "cx", "cy", "d", "fr", "fx", "fy", "height", "pathLength", "points", "r", "rx", "ry",
        "width", "x", "x1", "x2", "y", "y1", "y2",
    )
)  # fmt: skip
STRUCTURE = frozenset(
    (
        "id",
        "class",
        "style",
        "viewBox",
        "preserveAspectRatio",
        "version",
        "baseProfile",
        "href",
        "role",
        "aria-hidden",
        "aria-label",
        "focusable",
        "type",  # <style type="text/css">, feColorMatrix, feFuncX, animateTransform
        "media",
    )
)
REFERENCING = frozenset(
    (
        "clipPathUnits",
        "gradientTransform",
        "gradientUnits",
        "markerHeight",
        "markerUnits",
        "markerWidth",
        "maskContentUnits",
        "maskUnits",
        "offset",
        "orient",
        "patternContentUnits",
        "patternTransform",
        "patternUnits",
        "refX",
        "refY",
        "spreadMethod",
        "filterUnits",
        "primitiveUnits",
    )
)
FILTER_ATTRIBUTES = frozenset(
    (
        "in", "in2", "result", "stdDeviation", "dx", "dy", "mode", "operator", "k1", "k2",
        "k3", "k4", "values", "radius", "tableValues", "slope", "intercept", "amplitude",
        "exponent", "edgeMode",
    )
)  # fmt: skip
ANIMATION_ATTRIBUTES = frozenset(
    (
        "attributeName", "attributeType", "from", "to", "by", "values", "dur", "begin", "end",
        "repeatCount", "repeatDur", "fill", "calcMode", "keyTimes", "keySplines", "keyPoints",
        "additive", "accumulate", "type", "rotate", "path", "min", "max", "restart",
    )
)  # fmt: skip
ATTRIBUTES = PRESENTATION | GEOMETRY | STRUCTURE | REFERENCING | FILTER_ATTRIBUTES
ATTRIBUTES |= ANIMATION_ATTRIBUTES
XML_ATTRIBUTES = frozenset(("space", "lang"))  # xml:space, xml:lang
XLINK_ATTRIBUTES = frozenset(("href", "title"))

# What <animate>/<set> may change: paint and geometry, never links, handlers or styles.
ANIMATABLE = (PRESENTATION | GEOMETRY | {"offset", "points", "gradientTransform"}) - {"style"}

# CSS properties that may appear in style="" and <style>; others are dropped by the
# normaliser, and those in REFUSED_PROPERTIES are refused as active content.
REFUSED_PROPERTIES = frozenset(("behavior", "-moz-binding", "binding", "-ms-behavior"))
REFUSED_FUNCTIONS = frozenset(
    ("expression", "image", "image-set", "-webkit-image-set", "cross-fade", "element", "paint")
)
REFUSED_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
ALLOWED_AT_RULES = frozenset(("media", "supports", "keyframes"))
