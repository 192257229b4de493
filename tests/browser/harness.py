"""What the browser suite asks Chromium: axe-core, the DOM and accessibility trees, pixels.

Everything here reads the page as the browser computed it (CDP for the trees and for media
emulation, screenshots for colours and motion); nothing parses our own markup.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PIL import Image

if TYPE_CHECKING:
    from playwright.sync_api import (
        BrowserContext,
        ConsoleMessage,
        Dialog,
        Request,
        Response,
    )

RGB = tuple[int, int, int]

# axe "needs review" items that are about names or ids fail a test; others (colour contrast
# over a gradient, say) are left to a person.
NAME_OR_ID_WORDS = ("name", "label", "alt", "title", "id", "describedby", "labelledby")


_WATCH_POLICY = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@dataclass(frozen=True)
class Site:
    """The served folder and its origin on 127.0.0.1."""

    root: Path
    origin: str

    def url(self, path: str) -> str:
        return f"{self.origin}/{path.lstrip('/')}"


@dataclass(eq=False)
class DomNode:
    """One node of the DOM as CDP reports it, shadow trees included."""

    backend_id: int
    tag: str
    attrs: dict[str, str]
    value: str
    parent: DomNode | None
    shadow: bool
    children: list[DomNode] = field(default_factory=list)

    def walk(self) -> Iterator[DomNode]:
        yield self
        for child in self.children:
            yield from child.walk()

    def select(self, test: Callable[[DomNode], bool]) -> list[DomNode]:
        return [node for node in self.walk() if test(node)]

    def first(self, tag: str) -> DomNode:
        found = self.select(lambda node: node.tag == tag)
        assert found, f"no <{tag}> inside <{self.tag} {self.attrs}>"
        return found[0]

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


def _dom(raw: dict[str, Any], parent: DomNode | None, shadow: bool) -> DomNode:
    flat = raw.get("attributes", [])
    node = DomNode(
        backend_id=raw["backendNodeId"],
        tag=raw["nodeName"].lower(),
        attrs=dict(zip(flat[::2], flat[1::2], strict=True)),
        value=raw.get("nodeValue", ""),
        parent=parent,
        shadow=shadow,
    )
    for root in raw.get("shadowRoots", []):
        node.children.append(_dom(root, node, True))
    for child in raw.get("children", []):
        node.children.append(_dom(child, node, shadow))
    if "contentDocument" in raw:
        node.children.append(_dom(raw["contentDocument"], node, shadow))
    return node


@dataclass(frozen=True)
class AXNode:
    """One node of Chromium's computed accessibility tree."""

    node_id: str
    role: str
    name: str
    description: str
    ignored: bool
    backend_id: int | None
    child_ids: tuple[str, ...]
    properties: dict[str, Any]

    @property
    def focusable(self) -> bool:
        return bool(self.properties.get("focusable"))


def _value(raw: dict[str, Any], key: str) -> str:
    entry = raw.get(key)
    if not entry:
        return ""
    value = entry.get("value", "")
    return value if isinstance(value, str) else json.dumps(value)


class AXTree:
    """``Accessibility.getFullAXTree``, indexed by node id and by DOM backend id."""

    def __init__(self, raw_nodes: list[dict[str, Any]]) -> None:
        self.nodes: dict[str, AXNode] = {}
        self.by_backend: dict[int, AXNode] = {}
        for raw in raw_nodes:
            node = AXNode(
                node_id=raw["nodeId"],
                role=_value(raw, "role"),
                name=_value(raw, "name"),
                description=_value(raw, "description"),
                ignored=bool(raw.get("ignored")),
                backend_id=raw.get("backendDOMNodeId"),
                child_ids=tuple(raw.get("childIds", [])),
                properties={p["name"]: p["value"].get("value") for p in raw.get("properties", [])},
            )
            self.nodes[node.node_id] = node
            if node.backend_id is not None:
                self.by_backend[node.backend_id] = node

    def of(self, dom: DomNode) -> AXNode | None:
        return self.by_backend.get(dom.backend_id)

    def exposed(self, dom: DomNode) -> AXNode | None:
        """The node for ``dom`` if assistive technology can reach it, else None."""
        node = self.of(dom)
        return None if node is None or node.ignored else node

    def descendants(self, node: AXNode) -> Iterator[AXNode]:
        for child_id in node.child_ids:
            child = self.nodes.get(child_id)
            if child is not None:
                yield child
                yield from self.descendants(child)


@dataclass(frozen=True)
class PageReport:
    """What Chromium made of one page: trees, axe-core's findings, ids, text, images."""

    path: str
    dom: DomNode
    ax: AXTree
    axe: dict[str, Any]
    duplicate_ids: dict[str, int]
    focusable: list[str]
    inner_text: str
    text_content: str
    svg_texts: list[str]
    svg_css: list[str]
    images: list[dict[str, Any]]
    asked: list[str]
    offsite: list[str]
    failed: list[str]
    errors: list[str]


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int


class Probe:
    """A page in its own browser context, with a CDP session and request bookkeeping."""

    def __init__(self, context: BrowserContext, site: Site, axe_script: str) -> None:
        self.site = site
        self.axe_script = axe_script
        self.offsite: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page = context.new_page()
        self.cdp = context.new_cdp_session(self.page)
        self.page.on("request", self._request)
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        self.page.on("dialog", self._dialog)

    def _request(self, request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme not in {"data", "about"} and url.hostname != "127.0.0.1":
            self.offsite.append(request.url)

    def _dialog(self, dialog: Dialog) -> None:
        # A label that became markup would run its <script>alert(1)</script> here.
        self.errors.append(f"the page opened a dialog: {dialog.message!r}")
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        url = str(message.location.get("url", ""))
        # Chromium asks for /favicon.ico by itself; that is the browser's request, not the page's.
        if message.type == "error" and not url.endswith("/favicon.ico"):
            self.errors.append(f"{message.text} ({url})")

    def _request_failed(self, request: Request) -> None:
        if request.url not in self.offsite:
            self.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    # -- navigation and media -------------------------------------------------------------

    def watch_policy(self) -> None:
        """Record the page's Content-Security-Policy violations (read by ``violations``);
        call before ``open``."""
        self.page.add_init_script(_WATCH_POLICY)

    def violations(self) -> list[str]:
        return [str(found) for found in self.page.evaluate("window.__violations")]

    def refuses_inline_styles(self) -> bool:
        """Whether the page's policy refuses a ``style`` attribute, as ``style-src 'self'``
        does (the refusal is reported: read ``violations`` before)."""
        applied: bool = self.page.evaluate(
            """() => {
                const probe = document.createElement('b');
                probe.setAttribute('style', 'color: rgb(1, 2, 3)');
                document.body.append(probe);
                const applied = getComputedStyle(probe).color === 'rgb(1, 2, 3)';
                probe.remove();
                return applied;
            }"""
        )
        return not applied

    def open(self, path: str) -> None:
        self.page.goto(self.site.url(path), wait_until="load")
        self.page.evaluate("document.fonts.ready.then(() => true)")

    def emulate(self, **features: str) -> None:
        """CDP ``Emulation.setEmulatedMedia``: ``forced_colors="active"`` and the like."""
        listed = [
            {"name": name.replace("_", "-"), "value": value} for name, value in features.items()
        ]
        self.cdp.send("Emulation.setEmulatedMedia", {"media": "", "features": listed})

    def matches(self, query: str) -> bool:
        return bool(self.page.evaluate("q => matchMedia(q).matches", query))

    # -- axe-core --------------------------------------------------------------------------

    def axe(self) -> dict[str, list[dict[str, Any]]]:
        """Run axe-core with every rule, best practices and experimental ones included.

        The script is evaluated through the DevTools protocol, so a page's strict policy
        (rightly) refusing a ``<script>`` element does not stop it.
        """
        self.page.evaluate(self.axe_script + "\n;true")
        result: dict[str, list[dict[str, Any]]] = self.page.evaluate(
            """async () => {
                const experimental = axe.getRules(['experimental']).map(rule => rule.ruleId);
                const rules = Object.fromEntries(experimental.map(id => [id, {enabled: true}]));
                const result = await axe.run(document, {
                    rules, resultTypes: ['violations', 'incomplete'],
                });
                const brief = item => ({
                    id: item.id, impact: item.impact, help: item.help,
                    nodes: item.nodes.slice(0, 5).map(node => ({
                        target: node.target.join(' '), html: node.html.slice(0, 300),
                        summary: node.failureSummary || '',
                    })),
                    count: item.nodes.length,
                });
                return {
                    violations: result.violations.map(brief),
                    incomplete: result.incomplete.map(brief),
                    ran: result.violations.length + result.incomplete.length
                        + result.passes.length + result.inapplicable.length,
                };
            }"""
        )
        return result

    # -- trees -----------------------------------------------------------------------------

    def dom(self) -> DomNode:
        raw = self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        return _dom(raw["root"], None, False)

    def ax(self) -> AXTree:
        self.cdp.send("Accessibility.enable")
        raw = self.cdp.send("Accessibility.getFullAXTree")
        return AXTree(raw["nodes"])

    def duplicate_ids(self) -> dict[str, int]:
        counts: dict[str, int] = self.page.evaluate(
            """() => {
                const counts = {};
                for (const el of document.querySelectorAll('[id]')) {
                    counts[el.id] = (counts[el.id] || 0) + 1;
                }
                return counts;
            }"""
        )
        return {key: count for key, count in counts.items() if count > 1}

    def focusable_svgs(self) -> list[str]:
        """Outer HTML of every <svg> (or part of one) that takes focus when asked to."""
        found: list[str] = self.page.evaluate(
            """() => {
                const found = [];
                for (const el of document.querySelectorAll('svg, svg *')) {
                    el.focus();
                    if (document.activeElement === el || el.tabIndex >= 0) {
                        found.push(el.outerHTML.slice(0, 200));
                    }
                }
                document.activeElement && document.activeElement.blur();
                return found;
            }"""
        )
        return found

    def svg_texts(self) -> tuple[list[str], list[str]]:
        """Text inside each outermost <svg> (the inline sprite included): words, and CSS.

        The text of ``<style>`` elements is kept apart: it is no word a screen reader
        reads, but it is in ``document.body.textContent``, which scrapers read.
        """
        words, css = self.page.evaluate(
            """() => {
                const outer = [...document.querySelectorAll('svg')]
                    .filter(svg => !svg.parentElement.closest('svg'));
                const words = outer.map(svg => {
                    const copy = svg.cloneNode(true);
                    copy.querySelectorAll('style').forEach(style => style.remove());
                    return copy.textContent;
                });
                const css = [...document.querySelectorAll('svg style')].map(s => s.textContent);
                return [words, css];
            }"""
        )
        return list(words), list(css)

    def images(self) -> list[dict[str, Any]]:
        """Every <img>: its alt, the file it shows, whether it loaded, what its case expects."""
        found: list[dict[str, Any]] = self.page.evaluate(
            """() => [...document.images].map(img => ({
                alt: img.getAttribute('alt'), src: img.currentSrc, width: img.naturalWidth,
                complete: img.complete,
                expect: (img.closest('[data-case]') || {dataset: {}}).dataset.expect,
            }))"""
        )
        return found

    def asked_descriptions(self) -> list[str]:
        """The descriptions this page asked for (``desc=True``), from its cases."""
        found: list[str] = self.page.evaluate(
            "() => [...document.querySelectorAll('[data-expect-desc]')]"
            ".map(el => el.dataset.expectDesc)"
        )
        return found

    def report(self, path: str) -> PageReport:
        """Open ``path`` and gather every fact the page-level tests assert on."""
        self.open(path)
        dom, ax = self.dom(), self.ax()
        inner, content = self.texts()
        (svg_texts, svg_css), images = self.svg_texts(), self.images()
        asked = self.asked_descriptions()
        duplicates = self.duplicate_ids()
        axe = self.axe()
        focusable = self.focusable_svgs()
        return PageReport(
            path=path,
            dom=dom,
            ax=ax,
            axe=axe,
            duplicate_ids=duplicates,
            focusable=focusable,
            inner_text=inner,
            text_content=content,
            svg_texts=svg_texts,
            svg_css=svg_css,
            images=images,
            asked=asked,
            offsite=list(self.offsite),
            failed=list(self.failed),
            errors=list(self.errors),
        )

    def texts(self) -> tuple[str, str]:
        """``document.body.innerText`` and ``document.body.textContent``."""
        inner, content = self.page.evaluate(
            "() => [document.body.innerText, document.body.textContent]"
        )
        return str(inner), str(content)

    # -- pixels ----------------------------------------------------------------------------

    def screenshot(self) -> Image.Image:
        png = self.page.screenshot(full_page=True, animations="allow", caret="initial")
        return Image.open(io.BytesIO(png)).convert("RGB")

    def boxes(self, selector: str) -> list[tuple[Box, dict[str, str]]]:
        """Page boxes of the matching elements, with their data-* attributes."""
        raw: list[dict[str, Any]] = self.page.evaluate(
            """selector => [...document.querySelectorAll(selector)].map(el => {
                const r = el.getBoundingClientRect();
                return {x: r.left + scrollX, y: r.top + scrollY, width: r.width,
                        height: r.height, data: {...el.dataset}};
            })""",
            selector,
        )
        return [
            (
                Box(round(r["x"]), round(r["y"]), round(r["width"]), round(r["height"])),
                dict(r["data"]),
            )
            for r in raw
        ]

    def colour(self, selector: str, prop: str = "color") -> list[RGB]:
        """The computed colour of each match, as RGB (system colours resolved)."""
        raw: list[str] = self.page.evaluate(
            "([s, p]) => [...document.querySelectorAll(s)].map(el => getComputedStyle(el)[p])",
            [selector, prop],
        )
        return [parse_rgb(value) for value in raw]


def parse_rgb(css: str) -> RGB:
    """``rgb(1, 2, 3)`` or ``rgba(1, 2, 3, 1)`` as a tuple."""
    inside = css[css.index("(") + 1 : css.index(")")].replace(",", " ").split()
    red, green, blue = (round(float(part)) for part in inside[:3])
    return red, green, blue


def crop(image: Image.Image, box: Box) -> Image.Image:
    return image.crop((box.x, box.y, box.x + box.width, box.y + box.height))


def distance(a: RGB, b: RGB) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


def pixels(image: Image.Image) -> list[RGB]:
    raw = image.convert("RGB").tobytes()
    return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]


def ink(image: Image.Image, background: RGB, threshold: float = 24.0) -> list[RGB]:
    """Pixels that differ visibly from the background."""
    return [p for p in pixels(image) if distance(p, background) > threshold]


def off_blend(pixel: RGB, background: RGB, colour: RGB) -> float:
    """How far ``pixel`` is from every blend of ``background`` and ``colour`` (anti-aliasing)."""
    span = [c - b for c, b in zip(colour, background, strict=True)]
    length = sum(s * s for s in span)
    if length == 0:
        return distance(pixel, background)
    t = sum((p - b) * s for p, b, s in zip(pixel, background, span, strict=True)) / length
    t = min(1.0, max(0.0, t))
    nearest = (
        round(background[0] + t * span[0]),
        round(background[1] + t * span[1]),
        round(background[2] + t * span[2]),
    )
    return distance(pixel, nearest)


def strongest(found: list[RGB], background: RGB) -> RGB:
    """The ink pixel farthest from the background: the full colour of a stroke's core."""
    return max(found, key=lambda p: distance(p, background))


def dominant(found: list[RGB]) -> RGB:
    counts: dict[RGB, int] = {}
    for pixel in found:
        counts[pixel] = counts.get(pixel, 0) + 1
    return max(counts, key=lambda p: counts[p])
