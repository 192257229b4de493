"""One-scalar edits of YAML text: change a value and nothing else, or do nothing.

``iconkit lint --fix`` corrects titles and descriptions in ``catalog.yaml``; a
round-trip dump would reformat the rest of the file, so the edit replaces the
characters of one scalar and checks the result by loading it again.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML


def load(text: str) -> Any:
    """YAML text as ruamel's round-trip tree, which knows each value's line and column."""
    return YAML(typ="rt").load(text)


def replace_scalar(text: str, name: str, key: str, value: str) -> str | None:
    """``text`` with entry ``name``'s one-line ``key`` scalar set to ``value``, else ``None``.

    Only the characters of that scalar change; the result is checked by loading
    it again, and ``None`` is returned where the edit cannot be made safely.
    """
    data = load(text)
    try:
        line, column = data[name].lc.value(key)
    except (AttributeError, KeyError, TypeError):
        return None
    lines = text.splitlines(keepends=True)
    source = lines[line]
    end = _scalar_end(source, column)
    if end is None:
        return None
    rendered = _render_scalar(key, value)
    if rendered is None:
        return None
    lines[line] = source[:column] + rendered + source[end:]
    updated = "".join(lines)
    try:
        check = load(updated)
    except Exception:
        return None
    expected = _plain(data)
    expected[name][key] = value
    return updated if _plain(check) == expected else None


def _scalar_end(line: str, start: int) -> int | None:
    body = line[start:].rstrip("\r\n")
    if not body or body[0] in "|>[{&*!":
        return None
    if body[0] in "'\"":
        quote, index = body[0], 1
        while index < len(body):
            if body[index] == "\\" and quote == '"':
                index += 2
                continue
            if body[index] == quote:
                if quote == "'" and body[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                return start + index + 1
            index += 1
        return None
    comment = body.find(" #")
    return start + len((body[:comment] if comment >= 0 else body).rstrip())


def _render_scalar(key: str, value: str) -> str | None:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump({key: value}, stream)
    rendered = stream.getvalue()
    prefix = f"{key}: "
    if not rendered.startswith(prefix) or rendered.count("\n") != 1:
        return None
    return rendered[len(prefix) :].rstrip("\n")


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return node
