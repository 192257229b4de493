"""YAML through ruamel's public API: plain data that knows where each key and value is
written, and the one-scalar edit ``iconkit lint --fix`` makes with it.

The document is built from ``YAML(typ="safe").parse`` events: ruamel's C parser where
its extension is installed, its Python parser elsewhere, with the same events. Plain
scalars are typed by ruamel's resolver for the document's YAML version (1.2 unless it
says ``%YAML 1.1``), as its composer types them; a scalar that is neither text, null nor
a boolean is kept as a ``Scalar`` holding its text, which is all validation needs.
Aliases share the anchored object.

Not ``YAML.compose``: its C composer recurses with no bound (it ignores ``max_depth``)
and crashes the interpreter on a document nested some 100,000 deep, types every
document by YAML 1.2 even under ``%YAML 1.1``, and with its versioned resolver takes
about twice as long as this reader; built from events, the depth is bounded as it is read.
"""

from __future__ import annotations

import contextlib
import functools
import io
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any, NamedTuple

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
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import Resolver, VersionedResolver

from iconkit.errors import CatalogError, Problem

MAX_DEPTH = 100
_Y = "tag:yaml.org,2002:"


class Span(NamedTuple):
    """Where a value is written: the line (from 1) it starts on, and the character
    offsets in the document where its text (anchor and tag included) starts and ends."""

    line: int
    start: int
    end: int


class KeyedMapping(dict[Any, Any]):
    """A mapping that knows the line (from 1) of each key and the span of each value."""

    __slots__ = ("lines", "spans")

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}
        self.spans: dict[Any, Span] = {}


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
_SCALARS: dict[str, Callable[[str], Any]] = {  # a scalar's value, by its tag
    "!": str,
    _Y + "str": str,
    _Y + "null": lambda text: None,
    _Y + "bool": lambda text: _BOOLS.get(text.lower(), Scalar(text)),
    _Y + "merge": lambda text: _MERGE,
    **{_Y + kind: Scalar for kind in ("int", "float", "timestamp", "binary", "value")},
}
_NOT_BREAKS = "\x85\u2028\u2029"  # line breaks to ruamel (YAML 1.1), text in YAML 1.2
_OPENED = ("while scanning a", "while parsing a flow")  # about a quote, key, bracket, anchor...


def read_yaml(text: str, path: Path) -> Any:
    """The one document of ``text``, ``None`` if there is none; ``CatalogError`` if not YAML."""
    text = _tidied(text)
    with _errors(text, path):
        return _returned(_document(YAML(typ="safe").parse(text), path, stream=False))


def read_entries(text: str, path: Path, not_a_mapping: str) -> Iterator[tuple[Any, Any, int]]:
    """Key, value and key line of each entry of the document's top-level mapping, each
    given as soon as it is read, so that work on the first can start while the rest
    are parsed. Nothing for an empty document; ``CatalogError`` with ``not_a_mapping``
    (line 1) for any other kind of document, and as ``read_yaml`` for YAML errors,
    which may come after entries were given: only reading to the end vouches for them.
    """
    text = _tidied(text)
    with _errors(text, path):
        document = yield from _document(YAML(typ="safe").parse(text), path, stream=True)
    if document is not None and not isinstance(document, KeyedMapping):
        raise CatalogError([Problem(path, 1, not_a_mapping)])


def _tidied(text: str) -> str:
    """``text`` with YAML 1.1's extra line breaks as spaces (the same offsets)."""
    if not text.isascii() and any(char in text for char in _NOT_BREAKS):
        return text.translate(str.maketrans(_NOT_BREAKS, " " * len(_NOT_BREAKS)))
    return text


@contextlib.contextmanager
def _errors(text: str, path: Path) -> Iterator[None]:
    """The parser's errors as ``CatalogError``: ``path:line: invalid YAML: problem``.

    An unclosed quote, key or bracket is reported on the line where it opens,
    with the line where the parser gave up.
    """
    try:
        yield
        return
    except MarkedYAMLError as error:
        context, problem = error.context_mark, error.problem_mark
        message = error.problem or error.context or "invalid YAML"
        line = problem.line + 1 if problem else None
        if context and problem and str(error.context).startswith(_OPENED):
            message = f"{error.context} starting here: {message}"
            if context.line != problem.line:
                message += f" on line {problem.line + 1}"
            line = context.line + 1
        elif line is None and context:
            line = context.line + 1
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


def _document(
    events: Iterator[Any], path: Path, *, stream: bool
) -> Generator[tuple[Any, Any, int], None, Any]:
    """Build the stream's one document from its events (closures: this is the hot loop)
    and return it; with ``stream``, also yield each entry of a top-level mapping."""
    anchors: dict[str, Any] = {}
    end = 0  # where the last value read ends, as a character offset

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
        nonlocal end
        kind = event.__class__
        value: Any
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":  # untagged: typed as ruamel's composer types it
                tag = tag_of(event.value, event.implicit)
            if tag not in _SCALARS:
                raise invalid(event, f"invalid YAML: unsupported tag {tag!r}")
            value = _SCALARS[tag](event.value)
            if event.anchor is not None:
                anchors[event.anchor] = value
            end = event.end_mark.index
            return value
        if kind is AliasEvent:
            if event.anchor not in anchors:
                raise invalid(event, f"invalid YAML: found undefined alias {event.anchor!r}")
            end = event.end_mark.index
            return anchors[event.anchor]
        value = start(event, depth)
        if kind is SequenceStartEvent:
            while (item := next(events)).__class__ is not SequenceEndEvent:
                value.append(node(item, depth + 1))
            end = item.end_mark.index
            return value
        for _ in entries(value, depth):
            pass
        return value

    def entries(value: KeyedMapping, depth: int) -> Iterator[tuple[Any, Any, int]]:
        """Fill ``value`` with the mapping's entries, giving each as it is added."""
        nonlocal end
        merged: list[KeyedMapping] = []
        while (event := next(events)).__class__ is not MappingEndEvent:
            key = node(event, depth + 1)
            item_event = next(events)
            item = node(item_event, depth + 1)
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
                mark = item_event.start_mark
                value.spans[key] = Span(mark.line + 1, mark.index, end)
                yield key, item, line
        end = event.end_mark.index
        for source in merged:  # keys written in the mapping win, then earlier merges
            for key, item in list(source.items()):
                if key not in value:
                    value[key] = item
                    value.lines[key] = source.lines[key]
                    value.spans[key] = source.spans[key]
                    yield key, item, source.lines[key]

    next(events)  # the stream starts
    begin = next(events)
    if begin.__class__ is StreamEndEvent:
        return None
    # ruamel's rules for the document's version: ``Resolver`` has YAML 1.2's, and
    # ``VersionedResolver`` (which looks the version up again for every scalar) 1.1's
    resolver = VersionedResolver(version=(1, 1)) if begin.version == (1, 1) else Resolver()

    @functools.cache  # the same keys come back in every entry
    def tag_of(text: str, implicit: tuple[bool, bool]) -> str:
        return str(resolver.resolve(ScalarNode, text, implicit))

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


# --- the one-scalar edit ----------------------------------------------------------------------


def replace_scalar(text: str, name: str, key: str, value: str) -> str | None:
    """``text`` with entry ``name``'s one-line ``key`` scalar set to ``value``, else ``None``.

    Only the characters of that scalar change; the result is read again and must
    hold the same data but for that value, or ``None`` is returned: the edit is
    then left to a person (a multi-line, anchored, aliased or tagged value, say).
    """
    where = Path("<edited>")
    try:
        data = read_yaml(text, where)
        span = data[name].spans[key]
    except (CatalogError, LookupError, TypeError, AttributeError):
        return None
    written = text[span.start : span.end]
    if not written or written[0] in "&*!|>[{" or "\n" in written or "\r" in written:
        return None  # not a one-line plain or quoted scalar of its own
    rendered = _render_scalar(key, value)
    if rendered is None:
        return None
    updated = text[: span.start] + rendered + text[span.end :]
    try:
        check = read_yaml(updated, where)
    except CatalogError:
        return None
    expected = _plain(data)
    expected[name][key] = value
    return updated if _plain(check) == expected else None


def _render_scalar(key: str, value: str) -> str | None:
    """``value`` as ruamel writes it after ``key: `` on one line, else ``None``."""
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
    """A copy of ``node`` that shares nothing, so that one value can change alone."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return node
