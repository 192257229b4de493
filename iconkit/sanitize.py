"""The allow-list sweep: refuse, or remove and report, anything an icon may not contain.

``sanitize`` walks a tree that ``safesvg`` has read against the allow-lists of
``_svgrules``; CSS is judged by ``_css`` (tinycss2). It also refuses references to
ids the icon does not define or that ``_svgtree.references`` would read otherwise
than CSS does (so every later renaming sees each reference), and ``<use>`` that
loops or multiplies the icon past the element limit (a use bomb). ``forbidden``
lists every finding without changing the tree. ``resolve_switches`` replaces each
``<switch>`` by the branch a browser draws (``sanitize`` does so itself with ``fix``).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

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
from iconkit._svgtree import (
    HREFS,
    SVG_NS,
    XLINK_NS,
    XML_NS,
    elements,
    local_name,
    references,
    remove_node,
    source_line,
    text_of,
)
from iconkit.errors import Problem, UnsafeSVGError
from iconkit.safesvg import DEFAULT_LIMITS

__all__ = ["forbidden", "resolve_switches", "sanitize"]

_SWITCH = f"{{{SVG_NS}}}switch"
_UNSUPPORTED = "requiredExtensions"  # what no browser draws from an icon: editors' private data
_CONDITIONS = frozenset((_UNSUPPORTED, "requiredFeatures", "systemLanguage"))


def sanitize(root: etree._Element, source: Path | str, *, fix: bool = False) -> list[str]:
    """Refuse (or with ``fix``, remove and report) anything not on the allow-list.

    Without ``fix`` the first forbidden thing raises ``UnsafeSVGError`` naming
    ``source`` and its line. With ``fix`` every forbidden thing is removed and
    described, one string each; what survives references only ids inside the
    icon, and sanitising the result again finds nothing. With ``fix`` a ``<switch>``
    keeps the branch a browser draws (``resolve_switches``) rather than going whole.
    """
    resolved = resolve_switches(root) if fix else []
    return [*resolved, *_sweep(root, source, fix).removed]


def resolve_switches(root: etree._Element) -> list[str]:
    """Replace each ``<switch>`` by the branch a browser draws; say what was kept and dropped.

    A browser draws the first child whose conditions hold. A ``<foreignObject>``, a
    child with ``requiredExtensions`` (how Illustrator hides its private data) and an
    element outside SVG never qualify; other conditions count as met. The kept branch
    goes into a ``<g>`` that takes the switch's attributes, without the conditions.
    """
    notes = []
    for switch in reversed(list(root.iter(_SWITCH))):  # the innermost first
        parent = switch.getparent()
        if parent is None:
            continue
        branches = [child for child in switch if isinstance(child.tag, str)]
        kept = next((child for child in branches if _drawn_branch(child)), None)
        group = etree.Element(f"{{{SVG_NS}}}g", _unconditional(switch))
        group.tail = switch.tail
        if kept is not None:
            for attribute in _CONDITIONS & set(map(str, kept.attrib)):
                del kept.attrib[attribute]
            group.append(kept)
        parent.replace(switch, group)
        dropped = ", ".join(_described(child) for child in branches if child is not kept)
        what = (
            f"kept {_described(kept)}, the branch a browser draws"
            if kept is not None
            else ("no branch a browser would draw")
        )
        where = f"line {source_line(switch) or '?'}"
        notes.append(f"{where}: <switch>: {what}" + (f"; dropped {dropped}" if dropped else ""))
    return notes


def _drawn_branch(element: etree._Element) -> bool:
    name = etree.QName(element)
    return (
        name.namespace == SVG_NS
        and name.localname != "foreignObject"
        and element.get(_UNSUPPORTED) is None
    )


def _unconditional(element: etree._Element) -> dict[str, str]:
    return {str(k): str(v) for k, v in element.attrib.items() if str(k) not in _CONDITIONS}


def _described(element: etree._Element) -> str:
    where = source_line(element)
    condition = " requiredExtensions" if element.get(_UNSUPPORTED) is not None else ""
    return f"<{etree.QName(element).localname}{condition}>" + (f" (line {where})" if where else "")


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
            if attribute in HREFS or "url(" in value.lower():  # (an inert value has no "(")
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
                if attribute in HREFS:
                    wanted = {value.strip()[1:]}
                elif "url(" in value.lower():
                    wanted = local_references(value)
                else:
                    continue
                missing = sorted(wanted - ids)
                unread = sorted(wanted - set(references(value, attribute)))
                if missing:
                    message = f"reference to #{missing[0]}, which is not in the icon"
                elif unread:
                    message = _unread(unread[0])
                else:
                    continue
                self.found(element, f"{_attribute_name(attribute)}: {message}", attribute=attribute)
            if etree.QName(element).localname == "style":
                text = text_of(element)
                missing = sorted(local_references(text) - ids)
                unread = sorted(local_references(text) - set(references(text)))
                if missing:
                    message = f"<style> referencing #{missing[0]}, which is not in the icon"
                    self.found(element, message, drop=True)
                elif unread:
                    self.found(element, f"<style>: {_unread(unread[0])}", drop=True)

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


_SVG = f"{{{SVG_NS}}}"
_UNRULED = ELEMENTS - set(REFUSED_ELEMENTS) - ANIMATIONS - {"style"}
# Attributes ``_attribute_problem`` lets through whenever their value is ``inert``:
# allowed, without a namespace, not an event handler, not a link, not a style sheet.
_PLAIN = frozenset(
    name for name in ATTRIBUTES if not name.lower().startswith("on") and name not in HREFS
) - {"style"}


def _unread(target: str) -> str:
    """Why a ``url()`` that CSS reads as ``#target`` is refused: the renamers cannot read it."""
    return (
        f"url() naming #{target} with a CSS escape or without its closing bracket, "
        f"which iconkit cannot rename: write url(#{target})"
    )


def _attribute_name(attribute: str) -> str:
    name = etree.QName(attribute)
    prefix = {XLINK_NS: "xlink:", XML_NS: "xml:"}.get(name.namespace or "", "")
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
        XML_NS: XML_ATTRIBUTES,
    }.get(name.namespace)
    if allowed is None:
        return f"attribute {shown} on {tag} in a non-SVG namespace is refused"
    if name.localname not in allowed:
        return f"attribute {shown} on {tag} is not allowed"
    if attribute in HREFS:
        target = value.strip()
        if not target.startswith("#") or len(target) < 2:
            kind = scheme_problem(target) or "a link outside the icon is refused"
            return f"{shown}={target[:60]!r} on {tag}: {kind}"
        return None
    problem = declarations_problem(value) if attribute == "style" else attribute_problem(value)
    if problem:
        return f"{shown} on {tag}: {problem}"
    return None
