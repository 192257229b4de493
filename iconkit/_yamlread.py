"""Read one YAML document into plain dicts, lists and scalars, keeping every key's line.

Built from the events of ruamel's C parser: ruamel's own constructor and
resolver cost ten times the parse on a big catalogue. Plain scalars are typed by
ruamel's rules for the document's YAML version (1.2 unless it says ``%YAML 1.1``);
a scalar that is neither text, null nor a boolean is kept as a ``Scalar`` holding
its text, which is all validation needs. Aliases share the anchored object.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import implicit_resolvers

from iconkit.errors import CatalogError, Problem

try:  # ruamel's C parser, found as ruamel.yaml.main finds it
    from _ruamel_yaml import CParser
except ImportError:
    CParser = None

MAX_DEPTH = 100
_Y = "tag:yaml.org,2002:"


class KeyedMapping(dict[Any, Any]):
    """A mapping that knows the line (from 1) of each of its keys."""

    __slots__ = ("lines",)

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}


class Scalar:
    """A number, date or other non-text scalar, kept as written (not a dataclass: import time)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scalar) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


_MERGE = Scalar("<<")
_BOOLS = {"true": True, "yes": True, "y": True, "on": True}
_BOOLS |= {"false": False, "no": False, "n": False, "off": False}
_SCALARS: dict[str | None, Callable[[str], Any]] = {
    None: str,
    "!": str,
    _Y + "str": str,
    _Y + "null": lambda text: None,
    _Y + "bool": lambda text: _BOOLS.get(text.lower(), Scalar(text)),
    _Y + "merge": lambda text: _MERGE,
    **{_Y + kind: Scalar for kind in ("int", "float", "timestamp", "binary", "value")},
}
Table = dict[str, list[tuple[str, re.Pattern[str]]]]


@functools.cache  # compiled on first use, not at import
def _table(version: tuple[int, int]) -> Table:
    """ruamel's rules for typing plain scalars in YAML ``version``, by first character."""
    table: Table = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if version in versions:
            for char in first:  # ruamel's patterns compile lazily, behind a slow proxy
                table.setdefault(char, []).append((tag, re.compile(regexp.pattern, regexp.flags)))
    return table


_NOT_BREAKS = "\x85\u2028\u2029"  # line breaks to libyaml (YAML 1.1), text in YAML 1.2


def read_yaml(text: str, path: Path) -> Any:
    """The one document of ``text``, ``None`` if there is none; ``CatalogError`` if not YAML."""
    text = _tidied(text)
    with _errors(text, path):
        return _returned(_document(_parse(text), path, stream=False))


def read_entries(text: str, path: Path, not_a_mapping: str) -> Iterator[tuple[Any, Any, int]]:
    """Key, value and key line of each entry of the document's top-level mapping, each
    given as soon as it is read, so that work on the first can start while the rest
    are parsed. Nothing for an empty document; ``CatalogError`` with ``not_a_mapping``
    (line 1) for any other kind of document, and as ``read_yaml`` for YAML errors,
    which may come after entries were given: only reading to the end vouches for them.
    """
    text = _tidied(text)
    with _errors(text, path):
        document = yield from _document(_parse(text), path, stream=True)
    if document is not None and not isinstance(document, KeyedMapping):
        raise CatalogError([Problem(path, 1, not_a_mapping)])


def _tidied(text: str) -> str:
    if not text.isascii() and any(char in text for char in _NOT_BREAKS):
        return text.translate(str.maketrans(_NOT_BREAKS, " " * len(_NOT_BREAKS)))
    return text


@contextlib.contextmanager
def _errors(text: str, path: Path) -> Iterator[None]:
    """The parser's errors as ``CatalogError``: ``path:line: invalid YAML: problem``."""
    try:
        yield
        return
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = error.problem or error.context or "invalid YAML"
    except ReaderError as error:  # a character YAML refuses
        line = text.count("\n", 0, error.position) + 1
        message = str(error).splitlines()[0]
    except YAMLError as error:
        line, message = None, str(error)
    raise CatalogError([Problem(path, line, f"invalid YAML: {message}")])


def _returned(generator: Generator[Any, None, Any]) -> Any:
    """What ``generator`` returns, once run to its end."""
    while True:
        try:
            next(generator)
        except StopIteration as end:
            return end.value


def _parse(text: str) -> Iterator[Any]:
    """The parse events of ``text``, from ruamel's C parser where it has one."""
    if CParser is None:  # no C extension (PyPy): ruamel's Python parser gives the same events
        return YAML(typ="safe", pure=True).parse(text)  # type: ignore[no-any-return]
    return iter(CParser(text).get_event, None)


def _document(
    events: Iterator[Any], path: Path, *, stream: bool
) -> Generator[tuple[Any, Any, int], None, Any]:
    """Build the stream's one document from its events (closures: this is the hot loop)
    and return it; with ``stream``, also yield each entry of a top-level mapping."""
    anchors: dict[str, Any] = {}

    def invalid(event: Any, message: str) -> CatalogError:
        return CatalogError([Problem(path, event.start_mark.line + 1, message)])

    def start(event: Any, depth: int) -> Any:
        """The empty list or mapping that ``event`` starts, under its anchor."""
        kind = event.__class__
        if depth >= MAX_DEPTH:
            raise invalid(event, f"invalid YAML: nested more than {MAX_DEPTH} deep")
        if event.tag not in (None, "!", _Y + ("seq" if kind is SequenceStartEvent else "map")):
            raise invalid(event, f"invalid YAML: unsupported tag {event.tag!r}")
        value = [] if kind is SequenceStartEvent else KeyedMapping()
        if event.anchor is not None:
            anchors[event.anchor] = value  # before the items: they may refer to it
        return value

    def node(event: Any, depth: int) -> Any:
        kind = event.__class__
        value: Any
        if kind is ScalarEvent:
            value = text = event.value
            tag = event.tag
            if event.implicit[0]:  # plain and untagged: typed by the version's rules
                for tag, regexp in table.get(text[:1], ()):  # noqa: B007
                    if regexp.match(text):
                        break
                else:
                    tag = None
            if tag is not None:
                if tag not in _SCALARS:
                    raise invalid(event, f"invalid YAML: unsupported tag {tag!r}")
                value = _SCALARS[tag](text)
            if event.anchor is not None:
                anchors[event.anchor] = value
            return value
        if kind is AliasEvent:
            if event.anchor not in anchors:
                raise invalid(event, f"invalid YAML: found undefined alias {event.anchor!r}")
            return anchors[event.anchor]
        value = start(event, depth)
        if kind is SequenceStartEvent:
            while (item := next(events)).__class__ is not SequenceEndEvent:
                value.append(node(item, depth + 1))
            return value
        for _ in entries(value, depth):
            pass
        return value

    def entries(value: KeyedMapping, depth: int) -> Iterator[tuple[Any, Any, int]]:
        """Fill ``value`` with the mapping's entries, giving each as it is added."""
        merged: list[KeyedMapping] = []
        while (event := next(events)).__class__ is not MappingEndEvent:
            key = node(event, depth + 1)
            item = node(next(events), depth + 1)
            if key.__class__ in (list, KeyedMapping):
                raise invalid(event, "invalid YAML: a key must be a scalar")
            if key is _MERGE:
                merged += item if isinstance(item, list) else [item]
                if not all(isinstance(source, KeyedMapping) for source in merged):
                    raise invalid(event, "invalid YAML: << merges only mappings")
            elif key in value:
                raise invalid(event, f"{str(key)!r} appears twice in one mapping")
            else:
                value[key] = item
                value.lines[key] = line = event.start_mark.line + 1
                yield key, item, line
        for source in merged:  # keys written in the mapping win, then earlier merges
            for key, item in list(source.items()):
                if key not in value:
                    value[key] = item
                    value.lines[key] = source.lines[key]
                    yield key, item, source.lines[key]

    next(events)  # the stream starts
    begin = next(events)
    if begin.__class__ is StreamEndEvent:
        return None
    table = _table((1, 1) if begin.version == (1, 1) else (1, 2))
    root = next(events)
    if stream and root.__class__ is MappingStartEvent:
        data = start(root, 0)
        yield from entries(data, 0)
    else:
        data = node(root, 0)
    next(events)  # the document ends
    if (event := next(events)).__class__ is not StreamEndEvent:
        raise invalid(event, "invalid YAML: expected one document, found another")
    return data
