"""An icon's CSS moved onto presentation attributes: ``style=""`` and ``<style>`` sheets.

Attributes stay with the icon; a ``<style>`` inlined into a page applies to the
whole page. Sheets are read with tinycss2 and matched with cssselect2 (both
already cairosvg's dependencies), so selectors and specificity are CSS's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import cssselect2
import tinycss2
from lxml import etree

from iconkit._svgrules import PRESENTATION
from iconkit._svgtree import elements, local_name, remove_node, text_of

__all__ = ["inline_style_attributes", "inline_stylesheets"]


def _declarations(css: str | Iterable[Any]) -> list[tuple[str, str]]:
    found = []
    for node in tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True):
        if node.type == "declaration":
            found.append((node.lower_name, tinycss2.serialize(node.value).strip()))
    return found


def inline_style_attributes(root: etree._Element) -> None:
    """Replace each ``style=""`` with the presentation attributes it sets; drop the rest."""
    for element in elements(root):
        style = element.get("style")
        if style is None:
            continue
        for name, value in _declarations(str(style)):
            if name in PRESENTATION and value:
                element.set(name, value)
        del element.attrib["style"]


def inline_stylesheets(root: etree._Element) -> list[str]:
    """Apply ``<style>`` rules as presentation attributes, matched by cssselect2; warn about
    a sheet with any rule that attributes cannot express (see ``_static_rules``)."""
    warnings = []
    for style in [el for el in elements(root) if local_name(el) == "style"]:
        sheet = _static_rules(text_of(style))
        if sheet is None:
            warnings.append(
                f"line {style.sourceline}: <style> kept: some of its rules cannot become "
                "attributes (an @-rule, a pseudo-element, or a state such as :hover), and "
                "they would apply to the whole page the icon is inlined into; use "
                "presentation attributes"
            )
            continue
        matcher, classes = sheet
        tree = cssselect2.ElementWrapper.from_xml_root(root)
        matched = [(node.etree_element, matcher.match(node)) for node in tree.iter_subtree()]
        for element, matches in matched:  # in order of specificity, then of the sheet
            for *_, declarations in matches:
                for name, value in declarations:
                    if name in PRESENTATION and value:
                        element.set(name, value)
        for element in elements(root):
            kept = [c for c in str(element.get("class", "")).split() if c not in classes]
            if kept:
                element.set("class", " ".join(kept))
            elif element.get("class") is not None:
                del element.attrib["class"]
        remove_node(style)
    return warnings


# Pseudo-classes that depend on the icon's own tree only, so matching them once gives what
# a browser draws. Any other (:hover, :focus, :target...) depends on the reader.
_STATIC_PSEUDO_CLASSES = frozenset(
    ("root", "empty", "first-child", "last-child", "only-child", "first-of-type",
     "last-of-type", "only-of-type", "nth-child", "nth-last-child", "nth-of-type",
     "nth-last-of-type", "not", "is", "where", "has")
)  # fmt: skip


def _static_rules(text: str) -> tuple[cssselect2.Matcher, set[str]] | None:
    """The rules of a sheet in a matcher, and the classes its selectors name; ``None`` when
    a rule cannot become attributes: an @-rule (``@media``, ``@keyframes``), a selector
    cssselect2 cannot read, a pseudo-element, or a pseudo-class that is not static."""
    matcher, classes = cssselect2.Matcher(), set()
    for node in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if node.type != "qualified-rule":
            return None
        parts = list(_selector_parts(node.prelude))
        if any(kind == ":" and name not in _STATIC_PSEUDO_CLASSES for kind, name in parts):
            return None
        try:
            selectors = cssselect2.compile_selector_list(node.prelude)
        except cssselect2.SelectorError:
            return None
        declarations = _declarations(node.content)
        for selector in selectors:
            matcher.add_selector(selector, declarations)
        classes |= {name for kind, name in parts if kind == "."}
    return matcher, classes


def _selector_parts(tokens: Iterable[Any]) -> Iterator[tuple[str, str]]:
    """``(".", class)`` and ``(":", pseudo-class)`` in selector tokens, arguments included;
    a pseudo-element (``::``) yields ``(":", "")``."""
    previous = None
    for token in tokens:
        if previous is not None and previous.type == "literal" and previous.value in (".", ":"):
            if token.type == "ident":
                name = token.lower_value if previous.value == ":" else token.value
            else:
                name = token.lower_name if token.type == "function" else ""
            yield previous.value, name
        if token.type == "function":
            yield from _selector_parts(token.arguments)
        previous = token
