"""Hardened SVG reading and cleaning: untrusted bytes in, a clean lxml tree (or an error) out.

Every SVG that enters iconkit (``add``, ``lint``, ``build``) goes through
``parse_svg``: no entities, no DTD loading, no network, and bounded size,
depth and element count, enforced while the bytes stream in, so a hostile file
is refused after reading at most a chunk past the limit. ``sanitize`` then
refuses (or removes) anything that is not on the allow-list of ``_svgrules``.
"""

from __future__ import annotations

import codecs
import copy
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from lxml import etree

from iconkit._css import (
    attribute_problem,
    declarations_problem,
    inert,
    local_references,
    scheme_problem,
    stylesheet_problem,
)
from iconkit._svgrules import (
    ANIMATABLE,
    ANIMATIONS,
    ATTRIBUTES,
    ELEMENTS,
    REFUSED_ELEMENTS,
    XLINK_ATTRIBUTES,
    XML_ATTRIBUTES,
)
from iconkit.errors import Problem, UnsafeSVGError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
CHUNK = 16 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on one SVG file; anything larger is refused while it is read.

    ``max_bytes``: the file size; ``max_depth``: elements nested inside each
    other (the root is depth 1); ``max_elements``: elements in the whole file.
    """

    max_bytes: int = 1_000_000
    max_depth: int = 64
    max_elements: int = 10_000


DEFAULT_LIMITS = Limits()
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_DTD_DECLARATION = re.compile(rb"<!(?:ENTITY|ATTLIST|ELEMENT|NOTATION)\b")


_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "remove_pis": False,
    "remove_comments": False,
}


# One parser for every one-shot parse: lxml resets it for each document, and building
# a parser per icon cost a fifth of the parse (lxml: sharing is safe, even over threads).
_WHOLE_PARSER = etree.XMLParser(**_PARSER_OPTIONS)


def _parser() -> etree.XMLPullParser:
    return etree.XMLPullParser(events=("start", "end"), **_PARSER_OPTIONS)


def read_svg(path: Path, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Read and parse the SVG file at ``path`` within ``limits``."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise UnsafeSVGError(path, f"{size} bytes, over the {limits.max_bytes}-byte limit")
        if size <= CHUNK:
            return parse_svg(path.read_bytes(), path, limits)
        with path.open("rb") as stream:
            return parse_svg_chunks(iter(lambda: stream.read(CHUNK), b""), path, limits)
    except OSError as error:
        raise UnsafeSVGError(path, f"cannot read: {error.strerror or error}") from None


def parse_svg(data: bytes, source: Path | str, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Parse SVG bytes safely; raise ``UnsafeSVGError`` naming ``source`` on any problem."""
    if len(data) > limits.max_bytes:
        raise UnsafeSVGError(source, f"{len(data)} bytes, over the {limits.max_bytes}-byte limit")
    if len(data) <= CHUNK:  # nearly every icon: one parse, no per-element events
        return _Reader(source, limits).whole(data)
    chunks = (data[i : i + CHUNK] for i in range(0, len(data), CHUNK))
    return parse_svg_chunks(chunks, source, limits)


def parse_svg_chunks(
    chunks: Iterable[bytes], source: Path | str, limits: Limits = DEFAULT_LIMITS
) -> etree._Element:
    """Parse SVG arriving in ``chunks``, refusing as soon as a limit is passed.

    Reads at most one chunk past ``limits.max_bytes``, and holds at most one
    chunk's worth of elements past ``max_depth`` or ``max_elements``, so an
    endless or hostile stream is refused in bounded time and memory.
    """
    reader = _Reader(source, limits)
    for chunk in chunks:
        reader.feed(chunk)
    return reader.close()


class _Reader:
    """Feeds a pull parser and checks every element as it starts."""

    def __init__(self, source: Path | str, limits: Limits) -> None:
        self.source, self.limits = source, limits
        self.size = self.depth = self.elements = 0
        self.lines = 1
        self.utf8: codecs.IncrementalDecoder | None = None
        self.started = self.text_seen = False

    @functools.cached_property
    def parser(self) -> etree.XMLPullParser:
        return _parser()

    def refuse(self, message: str, line: int | None = None) -> UnsafeSVGError:
        return UnsafeSVGError(self.source, message, line)

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limits.max_bytes:
            raise self.refuse(f"more than {self.limits.max_bytes} bytes, over the limit")
        if not self.text_seen and chunk.strip():
            self.text_seen = True
            self.utf8 = self.check_start(chunk)
        self.check_utf8(chunk)
        if not self.started and _DTD_DECLARATION.search(chunk):
            raise self.refuse(_ENTITIES)
        try:
            self.parser.feed(chunk)
        except etree.XMLSyntaxError as error:
            self.drain()
            raise self.syntax(error) from None
        self.drain()

    def whole(self, data: bytes) -> etree._Element:
        """Parse all of ``data`` at once, then check what ``drain`` would have, in its order.

        Anything the one-shot parser rejects is parsed again chunk by chunk, so every
        error is reported exactly as the streaming path reports it.
        """
        self.size = len(data)
        if data.strip():
            self.text_seen = True
            self.utf8 = self.check_start(data)
        self.check_utf8(data)
        if _DTD_DECLARATION.search(data):
            raise self.refuse(_ENTITIES)
        if not self.text_seen:
            raise self.refuse("file is empty")
        try:
            root = etree.fromstring(data, _WHOLE_PARSER)
        except etree.XMLSyntaxError:
            return parse_svg_chunks((data,), self.source, self.limits)
        self.started = True
        self.check_root(root)
        elements = sum(1 for _ in root.iter(etree.Element))
        if elements > min(self.limits.max_depth, self.limits.max_elements):  # depth <= count
            self.check(etree.iterwalk(root, events=("start", "end")))
        return root

    def close(self) -> etree._Element:
        if not self.text_seen:
            raise self.refuse("file is empty")
        try:
            root = self.parser.close()
        except etree.XMLSyntaxError as error:
            self.drain()
            raise self.syntax(error) from None
        self.drain()
        return root

    def check_start(self, chunk: bytes) -> codecs.IncrementalDecoder | None:
        """Refuse what is plainly not SVG text; return a UTF-8 checker where UTF-8 is meant."""
        if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None
        if b"\x00" in chunk[:512]:
            raise self.refuse(
                "holds NUL bytes: UTF-16 or UTF-32 without a byte-order mark, or not text; "
                "save the file as UTF-8"
            )
        declared = _DECLARED.match(chunk.removeprefix(codecs.BOM_UTF8))
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            return None
        return codecs.getincrementaldecoder("utf-8")("strict")

    def check_utf8(self, chunk: bytes) -> None:
        if self.utf8 is None:
            return
        try:
            self.utf8.decode(chunk)
        except UnicodeDecodeError as error:
            line = self.lines + chunk[: error.start].count(b"\n")
            byte = chunk[error.start] if error.start < len(chunk) else 0
            raise self.refuse(
                f"not valid UTF-8 (byte 0x{byte:02x}): save the file as UTF-8, "
                "or declare its real encoding in <?xml ... encoding=...?>",
                line,
            ) from None
        self.lines += chunk.count(b"\n")

    def drain(self) -> None:
        self.check(self.parser.read_events())

    def check(self, events: Iterable[tuple[str, Any]]) -> None:
        """Count depth and elements over parse ``events``; the first element checks the root."""
        for event, item in events:
            element = cast(etree._Element, item)
            if event == "end":
                self.depth -= 1
                continue
            self.depth += 1
            self.elements += 1
            line = source_line(element)
            if not self.started:
                self.started = True
                self.check_root(element)
            if self.depth > self.limits.max_depth:
                raise self.refuse(f"nested deeper than {self.limits.max_depth} elements", line)
            if self.elements > self.limits.max_elements:
                raise self.refuse(f"more than {self.limits.max_elements} elements", line)

    def check_root(self, root: etree._Element) -> None:
        dtd = root.getroottree().docinfo.internalDTD
        declared: Any = dtd  # lxml-stubs lack DTD.iterentities/iterelements
        if dtd is not None and any(
            True for _ in (*declared.iterentities(), *declared.iterelements())
        ):
            raise self.refuse(_ENTITIES)
        if root.tag == f"{{{SVG_NS}}}svg":
            return
        name = etree.QName(root)
        if name.localname == "svg" and name.namespace is None:
            raise self.refuse(f'<svg> lacks the SVG namespace: add xmlns="{SVG_NS}"', 1)
        raise self.refuse(f"root element is <{name.localname}>, not an SVG <svg>")

    def syntax(self, error: etree.XMLSyntaxError) -> UnsafeSVGError:
        message = str(error.msg or "").strip().split(", line ")[0]
        line = error.lineno or None
        for known, plain in _SYNTAX_MESSAGES:
            if known in message:
                return self.refuse(plain, line)
        return self.refuse(f"not well-formed XML: {message or 'parse error'}", line)


_ENTITIES = (
    "DOCTYPE declares entities or other markup: refused, because entity expansion "
    "is how billion-laughs and external-file attacks work"
)
_SYNTAX_MESSAGES = (
    ("Start tag expected", "not XML: it does not start with a tag (is this an SVG file?)"),
    ("Document is empty", "not XML: no element found"),
    ("Excessive depth", "nested deeper than the parser allows"),
    ("amplification", _ENTITIES),
    ("Invalid bytes in character encoding", "bytes that are not valid in the declared encoding"),
)


def source_line(element: etree._Element) -> int | None:
    """The line ``element`` starts on in its file, where lxml knows it."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None


_ID_REFERENCE = re.compile(r"url\(\s*(['\"]?)#([^)'\"\s]+)\1\s*\)")


def prefix_ids(root: etree._Element, prefix: str) -> None:
    """Rename every ``id`` inside ``root`` to ``<prefix>-<id>`` and rewrite its references.

    Covers ``url(#id)`` in attributes and ``<style>`` text, and ``href``/``xlink:href``
    that start with ``#``. References to ids that do not exist are left alone.
    """
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    if not ids:
        return

    def rename(match: re.Match[str]) -> str:
        old = match.group(2)
        return f"url(#{prefix}-{old})" if old in ids else match.group(0)

    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, raw in element.attrib.items():
            value = str(raw)
            if attribute == "id":
                element.set(attribute, f"{prefix}-{value}")
            elif attribute in ("href", f"{{{XLINK_NS}}}href") and value.startswith("#"):
                if value[1:] in ids:
                    element.set(attribute, f"#{prefix}-{value[1:]}")
            elif "url(" in value:
                element.set(attribute, _ID_REFERENCE.sub(rename, value))
        if etree.QName(element).localname == "style" and element.text:
            element.text = _ID_REFERENCE.sub(rename, element.text)


def sanitize(root: etree._Element, source: Path | str, *, fix: bool = False) -> list[str]:
    """Refuse (or with ``fix``, remove and report) anything not on the allow-list.

    Without ``fix`` the first forbidden thing raises ``UnsafeSVGError`` naming
    ``source`` and its line. With ``fix`` every forbidden thing is removed and
    described, one string each; what survives references only ids inside the
    icon, and sanitising the result again finds nothing.
    """
    return _sweep(root, source, fix).removed


def forbidden(root: etree._Element, source: Path | str) -> list[Problem]:
    """Every forbidden thing in ``root`` (left unchanged), each with its line."""
    return _sweep(copy.deepcopy(root.getroottree()).getroot(), source, True).problems


def _sweep(root: etree._Element, source: Path | str, fix: bool) -> _Sweep:
    sweep = _Sweep(source, fix)
    for node in [*root.itersiblings(preceding=True), *root.itersiblings()]:
        if isinstance(node, etree._ProcessingInstruction):
            sweep.found(node, f"processing instruction <?{node.target!s}?> is refused", drop=True)
        elif isinstance(node, etree._Comment):
            sweep.comment(node)
    if fix:
        for element in list(root.iter()):
            if element is root or element.getparent() is not None and _attached(element, root):
                sweep.element(element)
    else:  # the first finding raises, so nothing is removed and every element stays attached
        for element in root.iter():
            sweep.element(element)
    for element in root.iter():
        if isinstance(element.tag, str):
            sweep.attributes(element)
    if sweep.refers:  # no href, url() or <style>: no reference can be missing
        sweep.references(root)
    sweep.expansion(root)
    return sweep


def _attached(element: etree._Element, root: etree._Element) -> bool:
    """False once an ancestor of ``element`` has been removed from ``root``'s tree."""
    return any(ancestor is root for ancestor in element.iterancestors())


class _Sweep:
    """One pass of ``sanitize``: raise on the first finding, or remove and record each."""

    def __init__(self, source: Path | str, fix: bool) -> None:
        self.source, self.fix = source, fix
        self.removed: list[str] = []
        self.problems: list[Problem] = []
        self.refers = False  # whether anything seen so far could refer to an id

    def found(
        self, node: etree._Element, message: str, *, drop: bool = False, attribute: str = ""
    ) -> None:
        if not self.fix:
            raise UnsafeSVGError(self.source, message, source_line(node))
        if attribute:
            del node.attrib[attribute]
        elif drop:
            remove_node(node)
        self.removed.append(f"line {source_line(node) or '?'}: {message} (removed)")
        self.problems.append(Problem(self.source, source_line(node), message))

    def element(self, element: etree._Element) -> None:
        tag = element.tag
        if isinstance(tag, str) and tag.startswith(_SVG) and tag[len(_SVG) :] in _UNRULED:
            return  # the common case: an allowed element with no rule of its own
        if isinstance(element, etree._ProcessingInstruction):
            self.found(
                element, f"processing instruction <?{element.target!s}?> is refused", drop=True
            )
            return
        if isinstance(element, etree._Entity):
            self.found(element, f"entity reference &{element.name}; is refused", drop=True)
            return
        if isinstance(element, etree._Comment):
            self.comment(element)
            return
        if not isinstance(element.tag, str):
            return
        name = etree.QName(element)
        if name.namespace != SVG_NS:
            where = name.namespace or "no namespace"
            message = f"<{name.localname}> in a non-SVG namespace ({where}) is refused"
            self.found(element, REFUSED_ELEMENTS.get(name.localname, message), drop=True)
        elif name.localname in REFUSED_ELEMENTS:
            self.found(element, REFUSED_ELEMENTS[name.localname], drop=True)
        elif name.localname not in ELEMENTS:
            self.found(element, f"<{name.localname}> is not an element icons may use", drop=True)
        elif name.localname in ANIMATIONS:
            self.animation(element, name.localname)
        elif name.localname == "style":
            self.refers = True
            problem = stylesheet_problem(text_of(element))
            if problem:
                self.found(element, f"<style>: {problem}", drop=True)

    def comment(self, comment: etree._Element) -> None:
        """Comments are inert in XML, but one holding ``<`` or ``>`` can end early in HTML
        (``<!-->``) and turn its text into elements once the icon is inlined."""
        if re.search(r"[<>]", str(comment.text or "")):
            self.found(comment, "comment holding < or > (HTML could read it as markup)", drop=True)

    def animation(self, element: etree._Element, tag: str) -> None:
        target = str(element.get("attributeName", "")).strip()
        local = target.rsplit(":", 1)[-1]
        if tag in ("animate", "set") and (not target or local not in ANIMATABLE):
            what = repr(target) if target else "no attribute"
            self.found(element, f"<{tag}> targeting {what} is refused", drop=True)

    def attributes(self, element: etree._Element) -> None:
        for key, raw in element.attrib.items():  # a list: removing an attribute is safe
            attribute, value = str(key), str(raw)
            if attribute in _PLAIN and inert(value):
                continue  # the common case, decided as _attribute_problem would decide it
            if attribute in _HREFS or "url(" in value.lower():  # (an inert value has no "(")
                self.refers = True
            problem = _attribute_problem(element, attribute, value)
            if problem:
                self.found(element, problem, attribute=attribute)

    def references(self, root: etree._Element) -> None:
        ids = {str(el.get("id")) for el in root.iter() if el.get("id") is not None}
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for attribute in map(str, list(element.attrib)):
                value = str(element.get(attribute))
                if attribute in _HREFS:
                    wanted = {value.strip()[1:]}
                elif "url(" in value.lower():
                    wanted = local_references(value)
                else:
                    continue
                missing = sorted(wanted - ids)
                if missing:
                    message = f"reference to #{missing[0]}, which is not in the icon"
                    self.found(
                        element, f"{_attribute_name(attribute)}: {message}", attribute=attribute
                    )
            if etree.QName(element).localname == "style":
                missing = sorted(local_references(text_of(element)) - ids)
                if missing:
                    message = f"<style> referencing #{missing[0]}, which is not in the icon"
                    self.found(element, message, drop=True)

    def expansion(self, root: etree._Element) -> None:
        """Refuse ``<use>`` that loops or multiplies past the element limit (a use bomb).

        With ``fix``: loops go first, then uses of things that themselves hold a
        ``<use>``, then, if the icon still expands too far, every ``<use>``.
        """
        if next(root.iter(f"{{{SVG_NS}}}use"), None) is None:
            return  # the common case, checked in C
        limit = DEFAULT_LIMITS.max_elements
        count = _Expansion(root)
        for use in count.cyclic:
            self.found(use, "<use> that contains itself (an endless loop)", drop=True)
        if self.fix and count.cyclic:
            count = _Expansion(root)
        if count.total <= limit:
            return
        nested = [u for u in count.uses if count.nests(u)]
        for stage in (nested, list(count.uses)):
            for use in stage:
                if use.getparent() is not None:
                    message = f"<use> that expands the icon past {limit} elements (a use bomb)"
                    self.found(use, message, drop=True)
            if _Expansion(root).total <= limit:
                return


_MAX_CHAIN = 200  # elements and uses followed at once; keeps the count's recursion shallow


class _Expansion:
    """How many elements ``root`` draws once every ``<use>`` is expanded."""

    def __init__(self, root: etree._Element) -> None:
        self.ids = {str(e.get("id")): e for e in elements(root) if e.get("id") is not None}
        self.uses = [e for e in elements(root) if local_name(e) == "use"]
        self.cyclic: list[etree._Element] = []
        self.sizes: dict[etree._Element, int] = {}
        self.open: set[etree._Element] = set()
        self.total = self.size(root)

    def target(self, use: etree._Element) -> etree._Element | None:
        href = use.get("href", use.get(f"{{{XLINK_NS}}}href"))
        return self.ids.get(str(href).strip()[1:]) if href is not None else None

    def nests(self, use: etree._Element) -> bool:
        target = self.target(use)
        return target is not None and any(local_name(e) == "use" for e in elements(target))

    def size(self, element: etree._Element) -> int:
        if element in self.sizes:
            return self.sizes[element]
        if element in self.open:
            return 0
        if len(self.open) > _MAX_CHAIN:  # a chain of uses this long is an attack: stop here
            return DEFAULT_LIMITS.max_elements + 1
        self.open.add(element)
        total = 1 + sum(self.size(child) for child in element if isinstance(child.tag, str))
        if local_name(element) == "use":
            target = self.target(element)
            if target is not None and (target in self.open or target is element):
                self.cyclic.append(element)
            elif target is not None:
                total += self.size(target)
        self.open.discard(element)
        self.sizes[element] = total
        return total


_HREFS = ("href", f"{{{XLINK_NS}}}href")
_SVG = f"{{{SVG_NS}}}"
_UNRULED = ELEMENTS - set(REFUSED_ELEMENTS) - ANIMATIONS - {"style"}
# Attributes ``_attribute_problem`` lets through whenever their value is ``inert``:
# allowed, without a namespace, not an event handler, not a link, not a style sheet.
_PLAIN = frozenset(
    name for name in ATTRIBUTES if not name.lower().startswith("on") and name not in _HREFS
) - {"style"}
_XML_NS = "http://www.w3.org/XML/1998/namespace"


def _attribute_name(attribute: str) -> str:
    name = etree.QName(attribute)
    prefix = {XLINK_NS: "xlink:", _XML_NS: "xml:"}.get(name.namespace or "", "")
    if name.namespace and not prefix:
        return f"{{{name.namespace}}}{name.localname}"
    return prefix + name.localname


def _attribute_problem(element: etree._Element, attribute: str, value: str) -> str | None:
    name = etree.QName(attribute)
    shown = _attribute_name(attribute)
    tag = f"<{etree.QName(element).localname}>"
    if name.localname.lower().startswith("on"):
        return f"event handler {shown} on {tag} is refused"
    allowed = {
        None: ATTRIBUTES,
        XLINK_NS: XLINK_ATTRIBUTES,
        _XML_NS: XML_ATTRIBUTES,
    }.get(name.namespace)
    if allowed is None:
        return f"attribute {shown} on {tag} in a non-SVG namespace is refused"
    if name.localname not in allowed:
        return f"attribute {shown} on {tag} is not allowed"
    if attribute in _HREFS:
        target = value.strip()
        if not target.startswith("#") or len(target) < 2:
            kind = scheme_problem(target) or "a link outside the icon is refused"
            return f"{shown}={target[:60]!r} on {tag}: {kind}"
        return None
    problem = declarations_problem(value) if attribute == "style" else attribute_problem(value)
    if problem:
        return f"{shown} on {tag}: {problem}"
    return None


def elements(root: etree._Element) -> Iterator[etree._Element]:
    """The elements in ``root`` (itself included), without comments or instructions."""
    return (element for element in root.iter() if isinstance(element.tag, str))


def local_name(element: etree._Element) -> str:
    """``element``'s tag without its namespace."""
    return etree.QName(element).localname


def inside(element: etree._Element, tags: frozenset[str]) -> bool:
    """True when ``element`` or one of its ancestors is one of ``tags`` (local names)."""
    chain = (element, *element.iterancestors())
    return any(local_name(node) in tags for node in chain)


def text_of(element: etree._Element) -> str:
    """All the text inside ``element``, as ``str``."""
    return "".join(str(part) for part in element.itertext())


def remove_node(node: etree._Element) -> None:
    """Remove ``node`` from its parent, keeping the text that followed it."""
    parent = node.getparent()
    if parent is None:  # a sibling of the root: move it inside the root, then drop it
        root = next((n for n in node.itersiblings() if isinstance(n.tag, str)), None)
        root = (
            root
            if root is not None
            else next(
                (n for n in node.itersiblings(preceding=True) if isinstance(n.tag, str)), None
            )
        )
        if root is not None:
            root.insert(0, node)
            root.remove(node)
        return
    tail = node.tail
    previous = node.getprevious()
    if tail and tail.strip() == "" and previous is not None:
        previous.tail = (previous.tail or "") if previous.tail else tail
    elif tail and tail.strip() == "":
        parent.text = parent.text or tail
    parent.remove(node)
