"""What an exported SVG says about itself: its title, its description and its licence.

Read from the parsed file before the normaliser takes words and comments out:

- the root's own ``<title>`` and ``<desc>``, as Figma, Illustrator, Sketch and many
  icon sets write them, unless they are an editor's boilerplate ("Created with
  Sketch.", "Frame 12");
- licence comments: ``<!-- @license lucide-static v1.62.0 - ISC -->``,
  ``SPDX-License-Identifier: MIT``, ``License: …``, ``Copyright 2024 Jane Doe``, and
  Font Awesome's banner (``… License - https://… (Icons: CC BY 4.0, …) Copyright …``);
- Creative Commons metadata (Inkscape's Document Properties): ``cc:license``,
  ``dc:creator``, ``dc:source``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from iconkit._svgtree import SVG_NS, text_of
from iconkit.words import description_from_text, title_from_text

__all__ = ["Credit", "ExportInfo", "copyright_holder", "read_export_info", "spdx"]

_CC = "http://creativecommons.org/ns#"
_DC = "http://purl.org/dc/elements/1.1/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_BOILERPLATE = re.compile(
    r"(?:created|made|generated|exported) (?:with|by|in) .*|generator:.*|"
    r"(?:artboard|frame|layer|group|page|slice|rectangle|canvas|untitled|vector|shape|"
    r"combined shape|path|svg|image|icon|symbol|logo|drawing)(?:[ _-]*\d+)?(?: copy(?: \d+)?)?",
    re.IGNORECASE,
)
_AT_LICENSE = re.compile(r"@licen[cs]e\s+(?P<source>.+?)\s+-\s+(?P<license>[^\s-][^\s]*)\s*$")
_SPDX = re.compile(r"SPDX-License-Identifier:\s*(?P<license>\S+)", re.IGNORECASE)
_SETS_LICENSE = re.compile(r"\(Icons:\s*(?P<license>[^,)]+)")  # Font Awesome's banner
_LICENSE = re.compile(r"\blicen[cs]e\b\s*[:=]\s*(?P<license>[^\n]+?)\s*$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"\bcopyright\b\s*(?:\(c\)|©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(?:by\s+)?"
    r"(?P<author>[^\n]+?)(?:(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bCorp)\.)?\s*$",
    re.IGNORECASE,
)
_CC_URL = re.compile(
    r"creativecommons\.org/(?:licenses/(?P<kind>[a-z-]+)|publicdomain/(?P<pd>zero|mark))/"
    r"(?P<version>\d\.\d)"
)
_SPDX_SPELLINGS = (
    (re.compile(r"cc[ -]?by((?:[ -](?:sa|nc|nd))*)[ -]v?(\d\.\d)", re.I), None),
    (re.compile(r"cc0(?:[ -]v?1\.0)?", re.I), "CC0-1.0"),
    (re.compile(r"apache(?: license)?,?(?: version)?[ -]v?2(?:\.0)?", re.I), "Apache-2.0"),
    (re.compile(r"(?:the )?mit(?: license)?", re.I), "MIT"),
    (re.compile(r"isc(?: license)?", re.I), "ISC"),
)


@dataclass(frozen=True)
class Credit:
    """Where artwork comes from: ``source`` (a set, a package, a URL), its ``license``
    (an SPDX identifier where one is known), and its ``author``."""

    source: str | None = None
    license: str | None = None
    author: str | None = None

    def __bool__(self) -> bool:
        return any((self.source, self.license, self.author))

    def over(self, other: Credit) -> Credit:
        """This credit, with what it lacks taken from ``other``."""
        return Credit(
            self.source or other.source,
            self.license or other.license,
            self.author or other.author,
        )


@dataclass(frozen=True)
class ExportInfo:
    """What a file says about itself; ``None`` where it says nothing usable."""

    title: str | None = None
    description: str | None = None
    credit: Credit = Credit()


def read_export_info(root: etree._Element) -> ExportInfo:
    """The title, description and credit that the parsed SVG ``root`` carries."""
    title = description = None
    for child in root:
        tag = child.tag
        if tag == f"{{{SVG_NS}}}title" and title is None:
            title = title_from_text(_words(child))
        elif tag == f"{{{SVG_NS}}}desc" and description is None:
            description = description_from_text(_words(child))
    return ExportInfo(title, description, _comment_credit(root).over(_metadata_credit(root)))


def spdx(text: str) -> str:
    """``text`` as its SPDX identifier where the spelling is a common one ("CC BY 4.0"
    -> ``CC-BY-4.0``, "Apache 2.0" -> ``Apache-2.0``); else ``text`` as written."""
    text = " ".join(text.split()).rstrip(".")
    for pattern, identifier in _SPDX_SPELLINGS:
        match = pattern.fullmatch(text)
        if match and identifier is None:
            kinds = "".join("-" + k.upper() for k in re.findall(r"[a-z]+", match.group(1), re.I))
            return f"CC-BY{kinds}-{match.group(2)}"
        if match and identifier is not None:
            return identifier
    return text


def copyright_holder(text: str) -> str | None:
    """Who a ``Copyright (c) 2024 Jane Doe`` line in ``text`` names, if there is one."""
    for line in text.splitlines():
        match = _COPYRIGHT.search(line.strip())
        if match:
            return match.group("author")
    return None


def _words(element: etree._Element) -> str | None:
    """The text of a ``<title>``/``<desc>`` that holds only text and is not boilerplate."""
    if any(isinstance(child.tag, str) for child in element):
        return None  # markup inside the words: the sanitiser judges it, nobody proposes it
    text = " ".join(text_of(element).split())
    return None if not text or _BOILERPLATE.fullmatch(text) else text


def _comments(root: etree._Element) -> list[str]:
    nodes = [*reversed(list(root.itersiblings(preceding=True))), *root.iter()]
    return [str(n.text or "") for n in nodes if isinstance(n, etree._Comment)]


def _comment_credit(root: etree._Element) -> Credit:
    source = license_ = author = None
    for comment in _comments(root):
        text = " ".join(comment.lstrip("!").split())
        if match := _AT_LICENSE.search(text):
            source, license_ = match.group("source"), match.group("license")
            continue
        found = _SPDX.search(text) or _SETS_LICENSE.search(text) or _LICENSE.search(text)
        if found and license_ is None:
            license_ = found.group("license")
            if found.re is _SETS_LICENSE and " License - " in text:
                source = text.split(" License - ")[0]
        copyright_ = _COPYRIGHT.search(text)
        if copyright_ and author is None:
            author = copyright_.group("author")
    return Credit(source, spdx(license_) if license_ else None, author)


def _metadata_credit(root: etree._Element) -> Credit:
    license_ = author = source = None
    for element in root.iter(f"{{{_CC}}}license"):
        url = str(element.get(f"{{{_RDF}}}resource", "")) or text_of(element)
        license_ = license_ or _cc_license(url.strip())
    for element in root.iter(f"{{{_DC}}}creator"):
        author = author or " ".join(text_of(element).split()) or None
    for element in root.iter(f"{{{_DC}}}source"):
        source = source or " ".join(text_of(element).split()) or None
    return Credit(source, license_, author)


def _cc_license(url: str) -> str | None:
    match = _CC_URL.search(url)
    if match is None:
        return url or None
    if match.group("pd") == "zero":
        return "CC0-1.0"
    if match.group("pd"):
        return "Public domain (PDM 1.0)"
    return f"CC-{match.group('kind').upper()}-{match.group('version')}"
