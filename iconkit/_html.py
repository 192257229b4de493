"""Text and attributes a template passes in, made safe for HTML: cleaned, validated, escaped.

``quote`` is the one escaping function behind every value the renderer writes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping

from markupsafe import Markup, escape

from iconkit.errors import IconArgumentError

_ATTR_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
_SIZE_TEXT = re.compile(r"(?:\d+(?:\.\d+)?|\.\d+)(?:px|em|rem)?\Z")
_RESERVED = {
    "class": "use class_=",
    "role": "icon() sets the role itself",
    "aria-label": "use label=",
    "aria-labelledby": "use label= (the name lives on the icon)",
    "aria-hidden": "use decorative=True",
    "aria-describedby": "use desc=True",
    "focusable": "icon() sets focusable itself",
    "width": "use size=",
    "height": "use size=",
    "href": "icons link to their symbol themselves",
    "xmlns": "icon() sets no namespace",
    "src": "icon_img() sets src itself",
    "srcset": "icon_img() sets srcset itself",
    "alt": "use label= or decorative=True",
}

AttrValue = str | int | float | bool | None


def clean_text(value: object) -> str:
    """Text as an accessible name holds it: whitespace runs collapsed, controls dropped.

    ``Markup`` counts as HTML: its tags are dropped and its entities decoded.
    """
    text = value.striptags() if isinstance(value, Markup) else str(value)
    return " ".join(clean_value(text).split())


def quote(text: str) -> str:
    """``text`` ready for an attribute value or element content: cleaned, then escaped."""
    return str(escape(clean_value(text)))


def _attr_name(key: str) -> str:
    name = key[:-1] if key.endswith("_") else key
    name = name.replace("_", "-")
    if not _ATTR_NAME.match(name):
        raise IconArgumentError(
            f"attribute {key!r}: use lower-case letters, digits and single hyphens or underscores"
        )
    if name.startswith("on"):
        raise IconArgumentError(f"attribute {key!r}: event handlers are not allowed on icons")
    if name in _RESERVED:
        raise IconArgumentError(f"attribute {key!r} is not allowed: {_RESERVED[name]}")
    return name


def _attr_value(key: str, value: object) -> str | None:
    if value is None or value is False:
        return None
    if value is True:
        return ""
    if isinstance(value, Markup):
        return str(value.unescape())
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and math.isfinite(value):
        return str(value)
    raise IconArgumentError(
        f"attribute {key!r}: expected text, a number, True, False or None, "
        f"not {type(value).__name__}"
    )


def render_attrs(attrs: Mapping[str, object]) -> str:
    """`` name="value"`` pairs from a template's ``**attrs``: names validated, values quoted."""
    parts = []
    for key, raw in attrs.items():
        if not isinstance(key, str):
            raise IconArgumentError(f"attribute name {key!r} must be text")
        name = _attr_name(key)
        value = _attr_value(key, raw)
        if value is not None:
            parts.append(f' {name}="{quote(value)}"')
    return "".join(parts)


def clean_value(value: str) -> str:
    """An attribute value without the characters HTML cannot carry (controls, surrogates)."""
    if value.isprintable():
        return value
    return "".join(
        c if c in "\t\n\r" else " " if c.isspace() else c  # form feed, \x1c and kin: a space
        for c in value
        if c.isspace() or unicodedata.category(c)[0] != "C"
    )


def size_attribute(size: object) -> str | None:
    if size is None:
        return None
    if isinstance(size, bool):
        raise IconArgumentError("size must be a number of pixels or a length such as '1.5em'")
    if isinstance(size, int | float):
        if not math.isfinite(size) or size <= 0:
            raise IconArgumentError(f"size must be positive, not {size!r}")
        return str(int(size)) if float(size).is_integer() else repr(float(size))
    if isinstance(size, str) and _SIZE_TEXT.match(size) and float(size.rstrip("pxrem")) > 0:
        return size
    raise IconArgumentError(f"size {size!r}: use a number of pixels or a length such as '1.5em'")


HIDDEN_CLASS = "iconkit-visually-hidden"
"""Text for assistive technology and page translation only; ``iconkit.css`` hides it."""
_ACTIVE_SCHEMES = ("javascript:", "vbscript:", "data:")
_CONTROL_TYPES = frozenset(("button", "submit", "reset"))


def control_markup(
    tag: str,
    fixed: Mapping[str, object],
    classes: str | None,
    attrs: Mapping[str, object],
    icon: str,
    name: str,
    as_text: bool,
) -> Markup:
    """A ``<button>`` or ``<a>`` around a decorative ``icon``, named ``name`` on the control:
    by ``aria-label``, or with ``as_text`` by visually hidden text inside it."""
    parts = [f"<{tag}"]
    for key, value in fixed.items():
        if not isinstance(value, str) or not value.strip():
            raise IconArgumentError(f"{tag}: {key} must be text, not {value!r}")
        if key == "type" and value not in _CONTROL_TYPES:
            raise IconArgumentError(f"button: type must be button, submit or reset, not {value!r}")
        squeezed = "".join(c for c in value if not c.isspace() and c.isprintable()).lower()
        if key == "href" and squeezed.startswith(_ACTIVE_SCHEMES):
            raise IconArgumentError(f"a: href {value[:40]!r} runs code; links go to pages")
        parts.append(f' {key}="{quote(value)}"')
    if classes:
        parts.append(f' class="{quote(classes)}"')
    if not as_text:
        parts.append(f' aria-label="{quote(name)}"')
    parts.append(render_attrs(attrs))
    hidden = f'<span class="{HIDDEN_CLASS}">{quote(name)}</span>' if as_text else ""
    return Markup(f"{''.join(parts)}>{icon}{hidden}</{tag}>")
