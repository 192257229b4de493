"""sanitize: the allow-list sweep over the hostile corpus, safe features, and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from iconkit._paths import shown
from iconkit._svgrules import REFUSED_ELEMENTS
from iconkit._svgtree import SVG_NS, XLINK_NS
from iconkit.errors import UnsafeSVGError
from iconkit.safesvg import parse_svg, read_svg
from iconkit.sanitize import resolve_switches, sanitize

from .conftest import ROOT
from .test_safesvg import HOSTILE, PAYLOAD, REFUSED_ON_READ, SVG_OPEN

# Read, then refused by the sanitiser (or with fix=True, removed).
REFUSED_ON_SANITIZE = {
    "script.svg": "<script> is refused",
    "script-prefixed-cdata.svg": "<script> is refused",
    "html-inside-title.svg": "<script> is refused",
    "onload-root.svg": "event handler onload on <svg>",
    "handler-mixed-case.svg": "event handler OnMouseOver on <path>",
    "handler-foreign-namespace.svg": "event handler {http://www.w3.org/2001/xml-events}onclick",
    "javascript-href.svg": "javascript: URL is refused",
    "javascript-href-obfuscated.svg": "javascript: URL is refused",
    "vbscript-href.svg": "vbscript: URL is refused",
    "data-uri-use.svg": "data: URL is refused",
    "external-use.svg": "a link outside the icon is refused",
    "fill-external-url.svg": "fill on <path>: url(https://evil.example/PWNED.svg#g) points outside",
    "mask-data-url.svg": "mask on <path>: url(data:image/svg+xml,PWNED) points outside",
    "style-attribute-url.svg": "style on <path>: url(https://evil.example/PWNED) points outside",
    "style-attribute-escaped-url.svg": "style on <path>: url(https://evil.example/PWNED)",
    "style-import.svg": "<style>: @import is refused",
    "style-external-url.svg": "<style>: url(https://evil.example/PWNED.svg#g) points outside",
    "style-font-face.svg": "<style>: @font-face is refused",
    "style-expression.svg": "<style>: CSS expression() is refused",
    "style-behavior.svg": "<style>: CSS property behavior is refused",
    "style-moz-binding.svg": "CSS property -moz-binding is refused",
    "xml-stylesheet-pi.svg": "processing instruction <?xml-stylesheet?> is refused",
    "foreign-object.svg": "<foreignObject> is refused",
    "iframe.svg": "<iframe> is refused",
    "embed.svg": "<embed> is refused",
    "object.svg": "<object> is refused",
    "animate-href.svg": "<animate> targeting 'href' is refused",
    "set-handler.svg": "<set> targeting 'onmouseover' is refused",
    "set-xlink-href.svg": "<set> targeting 'xlink:href' is refused",
    "animate-values-url.svg": "values on <animate>: url(https://evil.example/PWNED#g)",
    "image-embedded-raster.svg": "embedded raster image <image> is refused",
    "image-external.svg": "embedded raster image <image> is refused",
    "fe-image.svg": "<feImage> is refused",
    "link.svg": "<a> is refused",
    "dangling-reference.svg": "clip-path: reference to #PWNED, which is not in the icon",
    "comment-mutation.svg": "comment holding < or > (HTML could read it as markup)",
    "use-bomb.svg": "<use> that expands the icon past 10000 elements (a use bomb)",
    "use-cycle.svg": "<use> that contains itself (an endless loop)",
}


def test_every_hostile_fixture_has_an_asserted_outcome() -> None:
    on_disk = {path.name for path in HOSTILE.glob("*.svg")}
    assert on_disk == set(REFUSED_ON_READ) | set(REFUSED_ON_SANITIZE)
    assert len(on_disk) >= 30
    for path in HOSTILE.glob("*.svg"):
        if path.name != "empty.svg":
            assert PAYLOAD in path.read_bytes().replace(b"\x00", b""), path.name


@pytest.mark.parametrize("name", sorted(REFUSED_ON_SANITIZE))
def test_hostile_file_is_refused_by_the_sanitiser_with_its_line(name: str) -> None:
    path = HOSTILE / name
    with pytest.raises(UnsafeSVGError) as caught:
        sanitize(read_svg(path), path)
    assert REFUSED_ON_SANITIZE[name] in caught.value.problem.message
    assert caught.value.problem.line is not None
    assert str(caught.value).startswith(f"{shown(path)}:{caught.value.problem.line}: ")


@pytest.mark.parametrize("name", sorted(REFUSED_ON_SANITIZE))
def test_hostile_file_fixed_loses_its_payload_and_stays_fixed(name: str) -> None:
    path = HOSTILE / name
    root = read_svg(path)
    removed = sanitize(root, path, fix=True)
    assert removed, "fix=True must say what it removed"
    assert any(REFUSED_ON_SANITIZE[name] in line for line in removed)
    out = etree.tostring(root.getroottree())
    assert PAYLOAD not in out
    again = parse_svg(out, path)
    assert sanitize(again, path) == []  # nothing left to refuse
    assert etree.tostring(again) == etree.tostring(root)
    assert again.find(f"{{{SVG_NS}}}path") is not None or again.find(".//{*}path") is not None


def test_a_long_chain_of_uses_is_refused_without_deep_recursion() -> None:
    chain = "".join(f'<g id="c{i}"><use href="#c{i + 1}"/></g>' for i in range(3000))
    data = SVG_OPEN + f'<defs>{chain}<g id="c3000"/></defs></svg>'.encode()
    with pytest.raises(UnsafeSVGError, match="a use bomb"):
        sanitize(parse_svg(data, "chain.svg"), "chain.svg")


def test_the_shipped_artwork_is_clean() -> None:
    for path in sorted((ROOT / "svg").glob("*.svg")):
        root = read_svg(path)
        before = etree.tostring(root)
        assert sanitize(root, path, fix=True) == [], path.name
        assert etree.tostring(root) == before


@pytest.mark.parametrize(
    "markup",
    [
        '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>'
        '<path d="M0 0" fill="url(#g)" style="stroke: url(&quot;#g&quot;)"/>',
        "<style>@media (prefers-reduced-motion: reduce) { .a { opacity: 1 } }"
        " @keyframes k { from { opacity: 0 } to { opacity: 1 } }</style>",
        '<path id="p" d="M0 0"/><use href="#p" xmlns:x="http://www.w3.org/1999/xlink"/>',
        '<g transform="rotate(45 12 12)"><animateTransform attributeName="transform" '
        'type="rotate" from="0 12 12" to="360 12 12" dur="1s" repeatCount="indefinite"/></g>',
        '<circle cx="12" cy="12" r="4"><animate attributeName="r" values="4;6;4" dur="1s"/>'
        "</circle>",
        '<clipPath id="c"><rect width="24" height="24"/></clipPath><g clip-path="url(#c)"/>',
    ],
    ids=["gradient", "media-keyframes", "local-use", "animate-transform", "animate-r", "clip"],
)
def test_safe_features_survive(markup: str) -> None:
    root = parse_svg(SVG_OPEN + markup.encode() + b"</svg>", "fine.svg")
    assert sanitize(root, "fine.svg") == []


# --- properties -----------------------------------------------------------------------------

_CASES = st.sampled_from(["on", "ON", "On", "oN"])
_HANDLERS = st.builds(lambda on, rest: on + rest, _CASES, st.sampled_from(["load", "Click", "x"]))
_SPACE = st.sampled_from(["", " ", "\t", "\n", "\r"])


@st.composite
def _scheme_url(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["javascript", "vbscript", "data", "https", "//evil"]))
    spaced = draw(_SPACE).join(scheme) if draw(st.booleans()) else scheme
    case = draw(st.sampled_from([str.lower, str.upper, str.title]))
    return draw(_SPACE) + case(spaced) + ":alert('PWNED')"


@st.composite
def _injection(draw: st.DrawFn) -> tuple[str, str | None, str | None]:
    """(kind, attribute or element name, value) of one hostile thing."""
    kinds = ["handler", "href", "xlink", "element", "paint", "style", "set", "sheet", "comment"]
    kind = draw(st.sampled_from(kinds))
    if kind == "sheet":
        rule = draw(
            st.sampled_from(
                [
                    "@import 'PWNED.css';",
                    "path { fill: url(//e/PWNED) }",
                    "@font-face { src: url(PWNED.woff) }",
                    "g { -moz-binding: url(#PWNED) }",
                    "@media all { path { stroke: url(http://e/PWNED) } }",
                ]
            )
        )
        return kind, "style", rule
    if kind == "comment":
        return kind, None, draw(st.sampled_from(["><img onerror=PWNED>", "<script>PWNED</script>"]))
    if kind == "handler":
        return kind, draw(_HANDLERS), "alert('PWNED')"
    if kind in ("href", "xlink"):
        return kind, None, draw(_scheme_url())
    if kind == "element":
        name = draw(st.sampled_from(["script", "foreignObject", "iframe", "image", "a", "feImage"]))
        return kind, name, None
    if kind == "paint":
        return kind, draw(st.sampled_from(["fill", "stroke", "mask", "filter"])), "url(x/PWNED)"
    if kind == "style":
        value = draw(
            st.sampled_from(
                [
                    "fill:url(https://e/PWNED)",
                    "behavior:url(PWNED.htc)",
                    "-moz-binding:url(PWNED)",
                    "width:expression(PWNED)",
                    "fill:\\75rl(PWNED)",
                ]
            )
        )
        return kind, "style", value
    return kind, draw(st.sampled_from(["href", "xlink:href", "onclick", "ONCLICK"])), "PWNED"


_SAFE_TAGS = st.sampled_from(["g", "path", "circle", "rect", "defs", "line"])


@st.composite
def hostile_trees(draw: st.DrawFn) -> bytes:
    root = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS, "xlink": XLINK_NS})
    parents = [root]
    for _ in range(draw(st.integers(1, 12))):
        parent = draw(st.sampled_from(parents))
        child = etree.SubElement(parent, f"{{{SVG_NS}}}{draw(_SAFE_TAGS)}")
        child.set("fill", draw(st.sampled_from(["none", "currentColor", "#000"])))
        parents.append(child)
    for _ in range(draw(st.integers(1, 6))):
        kind, name, value = draw(_injection())
        target = draw(st.sampled_from(parents))
        if kind == "handler" or kind in ("paint", "style"):
            assert name is not None and value is not None
            target.set(name, value)
        elif kind == "href":
            etree.SubElement(target, f"{{{SVG_NS}}}use").set("href", str(value))
        elif kind == "xlink":
            etree.SubElement(target, f"{{{SVG_NS}}}use").set(f"{{{XLINK_NS}}}href", str(value))
        elif kind == "element":
            etree.SubElement(target, f"{{{SVG_NS}}}{name}").text = "PWNED"
        elif kind == "sheet":
            etree.SubElement(target, f"{{{SVG_NS}}}style").text = str(value)
        elif kind == "comment":
            target.append(etree.Comment(str(value)))
        else:
            animation = etree.SubElement(target, f"{{{SVG_NS}}}set")
            animation.set("attributeName", str(name))
            animation.set("to", "javascript:PWNED")
    return etree.tostring(root)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_trees())
def test_injected_payloads_never_survive_and_sanitising_twice_changes_nothing(data: bytes) -> None:
    root = parse_svg(data, "generated.svg")
    with pytest.raises(UnsafeSVGError):
        sanitize(parse_svg(data, "generated.svg"), "generated.svg")
    assert sanitize(root, "generated.svg", fix=True)
    once = etree.tostring(root)
    assert PAYLOAD not in once
    for element in root.iter():
        assert all(not str(a).split("}")[-1].lower().startswith("on") for a in element.attrib)
    assert sanitize(root, "generated.svg", fix=True) == []
    assert etree.tostring(root) == once


def test_the_security_page_examples_run_and_every_refused_element_is_listed() -> None:
    page = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    for block in re.findall(r"```python\n(.*?)```", page, re.DOTALL):
        exec(compile(block, "docs/security.md", "exec"), {})
    for element in REFUSED_ELEMENTS:
        assert f"<{element}>" in page, element


@pytest.mark.parametrize(
    "markup",
    [
        '<path d="M0 0" fill="url(#g\\30)"/>',  # CSS reads #g0
        '<path d="M0 0" fill="url(\'#g\\30\')"/>',
        '<path d="M0 0" fill="url(#g0"/>',  # CSS closes the bracket at the end; iconkit would not
        "<style>path { fill: url(#g\\30) }</style>",
    ],
)
def test_a_reference_the_renamers_would_misread_is_refused(markup: str) -> None:
    gradient = '<linearGradient id="g0"><stop offset="0"/></linearGradient>'
    data = SVG_OPEN + (gradient + markup).encode() + b"</svg>"
    with pytest.raises(UnsafeSVGError, match=r"url\(\) naming #g0 .* write url\(#g0\)"):
        sanitize(parse_svg(data, "x.svg"), "x.svg")
    root = parse_svg(data, "x.svg")
    assert sanitize(root, "x.svg", fix=True)
    assert sanitize(root, "x.svg") == []


AI = "http://ns.adobe.com/AdobeIllustrator/10.0/"
LINE = '<path d="M4 12h16" stroke="currentColor"/>'


def switch_tags(markup: str) -> tuple[list[str], list[str]]:
    root = parse_svg(SVG_OPEN + markup.encode() + b"</svg>", "x.svg")
    notes = resolve_switches(root)
    return [etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)], notes


@pytest.mark.parametrize(
    ("markup", "tags"),
    [
        # Illustrator: its private data first, then the drawing.
        (f'<switch><foreignObject requiredExtensions="{AI}"/><g>{LINE}</g></switch>',
         ["svg", "g", "g", "path"]),
        # A plain foreignObject is never kept, whatever a browser would do with it.
        (f"<switch><foreignObject/>{LINE}</switch>", ["svg", "g", "path"]),
        # Any branch that requires an extension is passed over; other conditions count as met.
        (f'<switch><g requiredExtensions="x"/><g systemLanguage="en">{LINE}</g></switch>',
         ["svg", "g", "g", "path"]),
        # Nested switches resolve from the inside out.
        (f"<switch><switch><foreignObject/>{LINE}</switch></switch>",
         ["svg", "g", "g", "path"]),
        # Nothing a browser would draw: an empty group stays for "nothing to draw" to see.
        (f'<switch><foreignObject requiredExtensions="{AI}"/></switch>', ["svg", "g"]),
    ],
    ids=["illustrator", "foreign-object", "conditions", "nested", "nothing"],
)  # fmt: skip
def test_a_switch_keeps_the_branch_a_browser_draws(markup: str, tags: list[str]) -> None:
    found, notes = switch_tags(markup)
    assert found == tags
    assert notes and all("<switch>" in note for note in notes)


def test_a_switch_keeps_its_attributes_but_not_the_conditions() -> None:
    data = (
        SVG_OPEN
        + (
            f'<switch transform="translate(1 1)"><g requiredFeatures="x" systemLanguage="en" '
            f'fill="red">{LINE}</g></switch>'
        ).encode()
        + b"</svg>"
    )
    root = parse_svg(data, "x.svg")
    resolve_switches(root)
    group = root[0]
    assert group.get("transform") == "translate(1 1)"
    assert dict(group[0].attrib) == {"fill": "red"}
    assert sanitize(root, "x.svg") == []


def test_a_switch_is_refused_without_fix_and_resolved_with_it() -> None:
    data = SVG_OPEN + f'<switch><foreignObject requiredExtensions="{AI}"/>{LINE}</switch>'.encode()
    data += b"</svg>"
    with pytest.raises(UnsafeSVGError, match="<switch> is refused"):
        sanitize(parse_svg(data, "x.svg"), "x.svg")
    root = parse_svg(data, "x.svg")
    (note,) = sanitize(root, "x.svg", fix=True)
    assert "kept <path>" in note and "dropped <foreignObject requiredExtensions>" in note
    assert root.find(f".//{{{SVG_NS}}}path") is not None  # the drawing survives (issue 17)
