"""CSS inside SVG, read with tinycss2: what loads or runs is found by structure, not regex."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import tinycss2
from tinycss2 import ast

from iconkit._svgrules import (
    ALLOWED_AT_RULES,
    REFUSED_FUNCTIONS,
    REFUSED_PROPERTIES,
    REFUSED_SCHEMES,
)

_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")


def scheme_problem(value: str) -> str | None:
    """Name an active URL scheme hidden anywhere in ``value``, whitespace and case aside."""
    squeezed = _INVISIBLE.sub("", value).lower()
    for scheme in REFUSED_SCHEMES:
        if scheme in squeezed:
            return f"{scheme} URL is refused"
    return None


def _urls(nodes: Iterable[ast.Node]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, ast.URLToken):
            yield node.value
        elif isinstance(node, ast.FunctionBlock) and node.lower_name in ("url", "src"):
            strings = [a.value for a in node.arguments if isinstance(a, ast.StringToken)]
            yield strings[0] if strings else tinycss2.serialize(node.arguments).strip()
        if isinstance(node, ast.FunctionBlock):
            yield from _urls(node.arguments)
        elif isinstance(
            node, (ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.CurlyBracketsBlock)
        ):
            yield from _urls(node.content)


def _functions(nodes: Iterable[ast.Node]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, ast.FunctionBlock):
            yield node.lower_name
            yield from _functions(node.arguments)
        elif isinstance(
            node, (ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.CurlyBracketsBlock)
        ):
            yield from _functions(node.content)


def value_problem(nodes: list[ast.Node]) -> str | None:
    """The first active or external thing in a CSS component value list, if any."""
    for name in _functions(nodes):
        if name in REFUSED_FUNCTIONS:
            return f"CSS {name}() is refused"
    for url in _urls(nodes):
        if not url.strip().startswith("#"):
            return f"url({url.strip()}) points outside the icon"
    return scheme_problem(tinycss2.serialize(nodes))


_INERT = re.compile(r"[^(:\\]*")  # no function, url() or scheme can be written without these


def inert(value: str) -> bool:
    """True when ``value`` holds no function, ``url()`` or scheme: nothing CSS could run."""
    return _INERT.fullmatch(value) is not None


def attribute_problem(value: str) -> str | None:
    """The first active or external thing in a presentation attribute's value, if any."""
    if inert(value):  # path data, numbers, colours: skip the CSS tokenizer
        return None
    return value_problem(tinycss2.parse_component_value_list(value))


def declarations_problem(text: str) -> str | None:
    """The first active or external thing in a ``style`` attribute, if any."""
    return _declarations(tinycss2.parse_blocks_contents(text))


def _declarations(nodes: Iterable[ast.Node]) -> str | None:
    for node in nodes:
        if isinstance(node, (ast.WhitespaceToken, ast.Comment)) or node.type == "literal":
            continue
        if isinstance(node, ast.Declaration):
            if node.lower_name in REFUSED_PROPERTIES:
                return f"CSS property {node.lower_name} is refused: it binds code"
            problem = value_problem(node.value)
            if problem:
                return problem
        elif isinstance(node, ast.AtRule):
            return f"@{node.lower_at_keyword} is refused here"
        elif isinstance(node, ast.ParseError):
            return f"CSS that cannot be parsed ({node.message})"
        elif isinstance(node, ast.QualifiedRule):
            problem = _declarations(tinycss2.parse_blocks_contents(node.content))
            if problem:
                return problem
    return None


def stylesheet_problem(text: str) -> str | None:
    """The first active or external thing in a ``<style>`` sheet, if any."""
    return _rules(tinycss2.parse_stylesheet(text))


def _rules(nodes: Iterable[ast.Node]) -> str | None:
    for node in nodes:
        if isinstance(node, (ast.WhitespaceToken, ast.Comment)):
            continue
        if isinstance(node, ast.ParseError):
            return f"CSS that cannot be parsed ({node.message})"
        if isinstance(node, ast.AtRule):
            if node.lower_at_keyword not in ALLOWED_AT_RULES:
                return f"@{node.lower_at_keyword} is refused in <style>"
            problem = value_problem(node.prelude) or _rules(
                tinycss2.parse_blocks_contents(tinycss2.serialize(node.content or []))
            )
        elif isinstance(node, ast.QualifiedRule):
            problem = value_problem(node.prelude) or _declarations(
                tinycss2.parse_blocks_contents(node.content)
            )
        else:
            problem = _declarations([node])
        if problem:
            return problem
    return None


def local_references(text: str) -> set[str]:
    """The ids that ``url(#id)`` references in ``text`` point to."""
    return {url.strip()[1:] for url in _urls(_all_tokens(text)) if url.strip().startswith("#")}


def _all_tokens(text: str) -> list[ast.Node]:
    return list(tinycss2.parse_component_value_list(text))
