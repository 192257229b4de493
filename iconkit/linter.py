"""``iconkit lint``: everything ``load_catalog`` checks, plus the artwork and the words.

Each finding is ``path:line: level: message``. Errors make the command fail;
warnings alone do not. ``fix`` applies the safe fixes (normalised artwork, the
forbidden content removed, corrected words) and reports each one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from iconkit._paths import shown as _shown
from iconkit._svgtree import XLINK_NS
from iconkit._yaml import replace_scalar
from iconkit.artwork import (
    artwork_errors,
    box_text,
    number_text,
    stroke_widths,
)
from iconkit.catalog import Catalog, Icon, load_catalog
from iconkit.errors import CatalogError, IconkitError
from iconkit.normalise import clean_svg, viewbox
from iconkit.safesvg import DEFAULT_LIMITS, Limits, parse_svg, read_svg
from iconkit.sanitize import forbidden
from iconkit.words import Issue, description_issues, direction_issues, title_issues

ERROR, WARNING, FIXED = "error", "warning", "fixed"


@dataclass(frozen=True)
class Finding:
    """One lint result: where, how bad, what, and which rule said so."""

    path: str
    line: int | None
    level: str
    message: str
    rule: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: the same fields as the text form, plus the rule."""
        return {
            "path": self.path,
            "line": self.line,
            "level": self.level,
            "message": self.message,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class LintSettings:
    """What the set is held to; ``None`` means "what most icons of the set do"."""

    size_budget: int = 2048
    grid: float | None = None
    stroke_width: float | None = None
    limits: Limits = DEFAULT_LIMITS
    locales: tuple[str, ...] = ()  # report words without a translation into these
    translations: Path | None = None  # a .po/.mo file or a gettext folder; else iconkit's


@dataclass
class LintReport:
    """The findings of one run, and with ``fix`` what was changed first."""

    findings: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any error remains."""
        return any(f.level == ERROR for f in self.findings)


def lint(
    catalog_path: Path, settings: LintSettings = LintSettings(), *, fix: bool = False
) -> LintReport:
    """Lint the catalogue at ``catalog_path``; with ``fix``, fix what is safe first."""
    report = LintReport()
    if fix:
        report.fixed = _apply_fixes(catalog_path, settings)
    report.findings = _findings(catalog_path, settings)
    return report


def _findings(catalog_path: Path, settings: LintSettings) -> list[Finding]:
    try:
        catalog = load_catalog(catalog_path)
    except CatalogError as error:
        return [
            Finding(_shown(p.path), p.line, ERROR, p.message, "catalog") for p in error.problems
        ]
    artwork = _Artwork(catalog, settings)
    findings = artwork.findings()
    findings += _word_findings(catalog, artwork.data)
    findings += _translation_findings(catalog, settings)
    findings += _credit_findings(catalog)
    return findings


def _translation_findings(catalog: Catalog, settings: LintSettings) -> list[Finding]:
    from iconkit.i18n import untranslated  # here: only --locale reads translations

    findings = []
    for language in settings.locales:
        for message in untranslated(catalog.path, language, settings.translations):
            said = f"{message.key} {message.text!r}"
            text = f"icon {message.icon!r}: {said} has no {language} translation"
            findings.append(
                Finding(_shown(catalog.path), message.line, WARNING, text, "untranslated")
            )
    return findings


def _credit_findings(catalog: Catalog) -> list[Finding]:
    """Icons credited to a source or an author but without a licence: the build's
    NOTICES.txt could not say under which terms they are used."""
    findings = []
    for icon in catalog:
        if (icon.source or icon.author) and not icon.license:
            whose = icon.source or icon.author
            message = (
                f"icon {icon.name!r} comes from {whose!r} but has no license: add the set's "
                "licence (an SPDX identifier such as MIT), so NOTICES.txt can say it"
            )
            findings.append(Finding(_shown(catalog.path), icon.line, WARNING, message, "license"))
    return findings


# --- artwork ----------------------------------------------------------------------------------


@dataclass
class _Drawing:
    """One icon's file as read, as drawn (CSS resolved) and in normal form."""

    data: bytes
    root: etree._Element
    drawn: etree._Element
    normal: bytes
    notes: list[str]  # the normaliser's warnings


class _Artwork:
    def __init__(self, catalog: Catalog, settings: LintSettings) -> None:
        self.catalog, self.settings = catalog, settings
        self.results: list[Finding] = []
        self.drawings: dict[str, _Drawing] = {}
        self.data: dict[str, bytes] = {}
        for icon in catalog:
            self.drawings.update(self.read(icon))

    def add(
        self, icon: Icon | Path, level: str, message: str, rule: str, line: int | None = None
    ) -> None:
        path = icon.path if isinstance(icon, Icon) else icon
        self.results.append(Finding(_shown(path), line, level, message, rule))

    def read(self, icon: Icon) -> dict[str, _Drawing]:
        try:
            root = read_svg(icon.path, self.settings.limits)
            data = icon.path.read_bytes()
        except IconkitError as error:
            self.add(icon, ERROR, _message(error), "unreadable-svg", _line(error))
            return {}
        self.data[icon.name] = data
        for problem in forbidden(root, icon.path):
            self.add(icon, ERROR, problem.message, "forbidden-content", problem.line)
        drawn = clean_svg(data, icon.path, fixed_colours=True, fix=True, name=icon.name)
        normal = clean_svg(
            data, icon.path, fixed_colours=icon.fixed_colours, fix=True, name=icon.name
        )
        drawing = _Drawing(data, root, etree.fromstring(drawn.svg), normal.svg, normal.findings)
        return {icon.name: drawing}

    def findings(self) -> list[Finding]:
        boxes = [box for d in self.drawings.values() if (box := viewbox(d.drawn))]
        squares = [box[2] for box in boxes if box[2] == box[3]]
        grid = self.settings.grid or _most_common(squares)
        # The set wants squares when its grid is given, or when most of its icons are square.
        square_grid = grid if self.settings.grid or 2 * len(squares) > len(boxes) else None
        stroke = self.settings.stroke_width or _most_common(
            w for d in self.drawings.values() for w in set(stroke_widths(d.drawn))
        )
        for icon in self.catalog:
            drawing = self.drawings.get(icon.name)
            if drawing is not None:
                self.check(icon, drawing, square_grid, stroke)
        self.unused_files()
        return self.results

    def check(
        self, icon: Icon, drawing: _Drawing, grid: float | None, stroke: float | None
    ) -> None:
        for rule, message in artwork_errors(drawing.drawn, drawing.root, icon.monochrome):
            self.add(icon, ERROR, message, rule, 1 if rule.startswith("viewbox") else None)
        box = viewbox(drawing.drawn)
        square = f"0 0 {number_text(grid or 0)} {number_text(grid or 0)}"
        if box is not None and box[2] == box[3] and grid is not None and box[:3] != (0, 0, grid):
            message = f"viewBox {box_text(box)} is off the set's grid ({square})"
            self.add(icon, WARNING, message, "off-grid", 1)
        elif box is not None and box[2] != box[3] and grid is not None:
            message = (
                f"viewBox {box_text(box)} is not square, unlike the set's ({square}): it is drawn "
                "centred in the icon's square box; redraw it on the grid if it should line up"
            )
            self.add(icon, WARNING, message, "viewbox-not-square", 1)
        widths = sorted(set(stroke_widths(drawing.drawn)) - {stroke}) if stroke else []
        if widths:
            shown = ", ".join(number_text(w) for w in widths)
            message = f"stroke width {shown} differs from the set's {number_text(stroke or 0)}"
            self.add(icon, WARNING, message, "stroke-width")
        if len(drawing.data) > self.settings.size_budget:
            message = (
                f"{len(drawing.data)} bytes, over the {self.settings.size_budget}-byte budget: "
                "simplify the paths"
            )
            self.add(icon, WARNING, message, "size-budget")
        for note in drawing.notes:
            if "<style> kept" in note:
                self.add(icon, WARNING, note.split(": ", 1)[-1], "style-element")
        if drawing.normal != drawing.data:
            message = (
                f"not in normal form ({_differences(drawing.root)}): "
                "`iconkit lint --fix` rewrites it"
            )
            self.add(icon, WARNING, message, "not-normalised")

    def unused_files(self) -> None:
        folder = self.catalog.path.resolve().parent / "svg"
        used = {icon.path.resolve() for icon in self.catalog}
        for path in sorted(folder.glob("*.svg")) if folder.is_dir() else []:
            if path.resolve() not in used:
                self.add(path, WARNING, "no catalogue entry uses this file", "unused-file")


def _differences(root: etree._Element) -> str:
    reasons = []
    if any(isinstance(n, etree._Comment) for n in root.iter()):
        reasons.append("comments")
    if any(etree.QName(a).namespace not in (None, XLINK_NS) for e in _tags(root) for a in e.attrib):
        reasons.append("editor data")
    if root.get("width") is not None or root.get("height") is not None:
        reasons.append("fixed width/height")
    if any(e.get("style") is not None for e in _tags(root)):
        reasons.append("style attributes")
    if any(etree.QName(e).localname in ("title", "desc", "metadata") for e in _tags(root)):
        reasons.append("words or metadata inside the artwork")
    return ", ".join(reasons) or "layout, ids or colours"


def _tags(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _most_common(values: Iterable[float]) -> float | None:
    counts = Counter(values).most_common(1)
    return counts[0][0] if counts else None


def _message(error: IconkitError) -> str:
    problem = getattr(error, "problem", None)
    return str(problem.message) if problem is not None else str(error)


def _line(error: IconkitError) -> int | None:
    problem = getattr(error, "problem", None)
    return problem.line if problem is not None else None


# --- words ------------------------------------------------------------------------------------


def _word_findings(catalog: Catalog, artwork: dict[str, bytes]) -> list[Finding]:
    path = _shown(catalog.path)
    findings = []
    seen: dict[str, Icon] = {}
    for icon in catalog:
        for line, issues in (
            (icon.title_line, title_issues(icon.title)),
            (icon.description_line, description_issues(icon.title, icon.description)),
        ):
            for issue in issues:
                message = f"icon {icon.name!r}: {issue.message}"
                findings.append(Finding(path, line, issue.level, message, issue.rule))
        for issue in direction_issues(icon.name, icon.title, icon.aliases, icon.mirror):
            message = f"icon {icon.name!r}: {issue.message}"
            findings.append(Finding(path, icon.line, issue.level, message, issue.rule))
        twin = seen.get(icon.title.casefold())
        if twin is not None:
            same = artwork.get(twin.name) is not None and _digest(
                artwork.get(twin.name)
            ) == _digest(artwork.get(icon.name))
            hint = (
                f"the artwork is the same: make {icon.name!r} an alias of {twin.name!r}"
                if same
                else "two different icons need two different names"
            )
            message = (
                f"icon {icon.name!r}: title {icon.title!r} is also icon {twin.name!r}'s: {hint}"
            )
            findings.append(Finding(path, icon.title_line, ERROR, message, "duplicate-title"))
        else:
            seen[icon.title.casefold()] = icon
    return findings


def _digest(data: bytes | None) -> str:
    return hashlib.sha256(data or b"").hexdigest()


# --- fixes ------------------------------------------------------------------------------------


def _apply_fixes(catalog_path: Path, settings: LintSettings) -> list[Finding]:
    try:
        catalog = load_catalog(catalog_path)
    except CatalogError:
        return []  # nothing is fixed in a catalogue that does not load
    fixed = _fix_artwork(catalog, settings)
    fixed += _fix_words(catalog)
    return fixed


def _fix_artwork(catalog: Catalog, settings: LintSettings) -> list[Finding]:
    fixed = []
    for icon in catalog:
        try:
            data = icon.path.read_bytes()
            parse_svg(data, icon.path, settings.limits)
        except (IconkitError, OSError):
            continue
        cleaned = clean_svg(
            data, icon.path, fixed_colours=icon.fixed_colours, fix=True, name=icon.name
        )
        if cleaned.svg == data:
            continue
        _write(icon.path, cleaned.svg)
        said = ("(removed)", "<switch>", "folded the near-black", "has no area")
        removed = [f for f in cleaned.findings if any(word in f for word in said)]
        what = "; ".join(removed) if removed else "normalised the artwork"
        fixed.append(Finding(_shown(icon.path), None, FIXED, what, "artwork"))
    return fixed


def _fix_words(catalog: Catalog) -> list[Finding]:
    text = catalog.path.read_text(encoding="utf-8")
    fixed = []
    for icon in catalog:
        for key, value, line in (
            ("title", icon.title, icon.title_line),
            ("description", icon.description, icon.description_line),
        ):
            new, applied = _corrected(icon, key, value)
            if not applied:
                continue
            updated = replace_scalar(text, icon.name, key, new)
            if updated is None:
                continue  # not a one-line scalar: leave it to the designer
            text = updated  # the one scalar changed: every line stays where it was
            for issue in applied:
                message = f"icon {icon.name!r}: {key} {value!r} -> {new!r} ({issue.rule})"
                fixed.append(Finding(_shown(catalog.path), line, FIXED, message, issue.rule))
    if fixed:
        _write(catalog.path, text.encode("utf-8"))
    return fixed


def _corrected(icon: Icon, key: str, value: str) -> tuple[str, list[Issue]]:
    applied: list[Issue] = []
    for _ in range(8):
        issues = title_issues(value) if key == "title" else description_issues(icon.title, value)
        issue = next((i for i in issues if i.fixed is not None and i.fixed != value), None)
        if issue is None or issue.fixed is None:
            break
        applied.append(issue)
        value = issue.fixed
    return value, applied


def _write(path: Path, data: bytes) -> None:
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
    os.chmod(name, path.stat().st_mode & 0o777)
    os.replace(name, path)
