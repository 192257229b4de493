"""safesvg: the hardened reader (limits, encodings, entities) and its hostile corpus."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from iconkit._paths import shown
from iconkit._svgtree import SVG_NS
from iconkit.errors import UnsafeSVGError
from iconkit.safesvg import CHUNK, Limits, parse_svg, parse_svg_chunks, read_svg

from .conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
PAYLOAD = b"PWNED"  # every hostile fixture carries it in its payload, and only there
SVG_OPEN = f'<svg xmlns="{SVG_NS}" viewBox="0 0 24 24">'.encode()

ENTITIES = "DOCTYPE declares entities"
# Refused while reading: the file never becomes a tree.
REFUSED_ON_READ = {
    "billion-laughs.svg": ENTITIES,
    "external-entity-file.svg": ENTITIES,
    "external-entity-network.svg": ENTITIES,
    "parameter-entity.svg": ENTITIES,
    "attlist-default-handler.svg": ENTITIES,
    "not-xml.svg": "not XML: it does not start with a tag",
    "html-document.svg": "root element is <html>, not an SVG <svg>",
    "no-namespace.svg": "<svg> lacks the SVG namespace",
    "empty.svg": "file is empty",
    "truncated.svg": "not well-formed XML",
    "utf16-without-bom.svg": "UTF-16 or UTF-32 without a byte-order mark",
    "latin1-declared-utf8.svg": "not valid UTF-8 (byte 0xe9)",
}


@pytest.mark.parametrize("name", sorted(REFUSED_ON_READ))
def test_hostile_file_is_refused_on_read(name: str) -> None:
    path = HOSTILE / name
    with pytest.raises(UnsafeSVGError) as caught:
        read_svg(path)
    assert REFUSED_ON_READ[name] in caught.value.problem.message
    assert str(caught.value).startswith(shown(path))
    assert "\n" not in str(caught.value)


# --- limits, measured structurally: how much input is consumed before the refusal ----------


class Counted:
    """An endless (or long) chunk stream that records how many chunks were pulled."""

    def __init__(self, first: bytes, repeated: bytes) -> None:
        self.first, self.repeated, self.pulled = first, repeated, 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in itertools.chain([self.first], itertools.repeat(self.repeated)):
            self.pulled += 1
            yield chunk


def test_endless_nesting_is_refused_after_one_chunk() -> None:
    stream = Counted(SVG_OPEN, b"<g>" * (CHUNK // 3))
    with pytest.raises(UnsafeSVGError, match="nested deeper than 64 elements"):
        parse_svg_chunks(stream, "deep.svg")
    assert stream.pulled == 2


def test_endless_siblings_are_refused_after_the_element_limit() -> None:
    stream = Counted(SVG_OPEN, b"<path/>" * (CHUNK // 7))
    with pytest.raises(UnsafeSVGError, match="more than 10000 elements"):
        parse_svg_chunks(stream, "wide.svg")
    assert stream.pulled <= 1 + 10_000 * 7 // (CHUNK // 7 * 7) + 1


def test_endless_bytes_are_refused_at_the_byte_limit() -> None:
    stream = Counted(SVG_OPEN, b" " * CHUNK)
    with pytest.raises(UnsafeSVGError, match="more than 1000000 bytes"):
        parse_svg_chunks(stream, "big.svg")
    assert stream.pulled == 1 + 1_000_000 // CHUNK + 1


def test_entity_bomb_followed_by_endless_references_is_refused_before_the_root() -> None:
    bomb = (HOSTILE / "billion-laughs.svg").read_bytes().split(b"<svg")[0]
    stream = Counted(bomb + SVG_OPEN, b"&lol9;" * 1000)
    with pytest.raises(UnsafeSVGError, match=ENTITIES):
        parse_svg_chunks(stream, "bomb.svg")
    assert stream.pulled == 1


def test_a_100000_deep_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.svg"
    path.write_bytes(SVG_OPEN + b"<g>" * 100_000 + b"</g>" * 100_000 + b"</svg>")
    with pytest.raises(UnsafeSVGError, match="nested deeper than 64 elements"):
        read_svg(path, Limits(max_bytes=2_000_000))


def test_a_50_megabyte_file_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "large.svg"
    with path.open("wb") as stream:
        stream.write(SVG_OPEN)
        stream.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("opened a file over the limit"))
    with pytest.raises(UnsafeSVGError, match="52428800 bytes, over the 1000000-byte limit"):
        read_svg(path)


def test_limits_are_configurable() -> None:
    nested = SVG_OPEN + b"<g><g><g><path/></g></g></g></svg>"
    parse_svg(nested, "ok.svg")
    with pytest.raises(UnsafeSVGError, match="nested deeper than 3"):
        parse_svg(nested, "x.svg", Limits(max_depth=3))
    with pytest.raises(UnsafeSVGError, match="more than 4 elements"):
        parse_svg(nested, "x.svg", Limits(max_elements=4))
    with pytest.raises(UnsafeSVGError, match="over the 50-byte limit"):
        parse_svg(nested, "x.svg", Limits(max_bytes=50))


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + SVG_OPEN + b"<path/></svg>",
        '<?xml version="1.0" encoding="UTF-16"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'.encode(
            "utf-16"
        ),
        b'<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg">'
        b"<title>Caf\xe9</title></svg>",
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' + SVG_OPEN + b"</svg>",
    ],
    ids=["utf8-bom", "utf16-bom", "latin1-declared", "plain-doctype"],
)
def test_honest_encodings_and_a_plain_doctype_are_read(data: bytes) -> None:
    assert etree.QName(parse_svg(data, "fine.svg")).localname == "svg"


_LEAVES = ['<path d="M0 0h1"/>', "text", "&amp;", "&x;", "<!-- n -->", "<?pi x?>", "é", "<", ""]
_BODY = st.recursive(
    st.sampled_from(_LEAVES),
    lambda inner: st.lists(inner, max_size=3).map(lambda kids: "<g>" + "".join(kids) + "</g>"),
    max_leaves=12,
)
_DOCUMENTS = st.tuples(
    st.sampled_from(
        ["", '<?xml version="1.0"?>', '<?xml version="1.0" encoding="latin-1"?>',
         "<!DOCTYPE svg>", "<!DOCTYPE svg [<!ENTITY a 'b'>]>", "<!-- c -->", "\ufeff", " ", "\x00"]
    ),
    st.sampled_from(
        [(SVG_OPEN.decode(), "</svg>"), ("<svg>", "</svg>"), ("<html>", "</html>"),
         (f'<s:svg xmlns:s="{SVG_NS}">', "</s:svg>"), ("", "")]
    ),
    st.lists(_BODY, max_size=4),
    st.sampled_from(["", "<", "</g>", "<!-- tail -->", "\x00"]),
).map(lambda d: d[0] + d[1][0] + "".join(d[2]) + d[1][1] + d[3])  # fmt: skip


@given(
    _DOCUMENTS,
    st.sampled_from(["utf-8", "latin-1", "utf-16"]),
    st.integers(1, 6),
    st.integers(1, 10),
)
def test_one_shot_parse_decides_exactly_as_the_streaming_reader(
    document: str, encoding: str, depth: int, elements: int
) -> None:
    """Small files skip the per-element events; every outcome must stay the same."""
    data = document.encode(encoding, "replace")
    limits = Limits(max_depth=depth, max_elements=elements)

    def outcome(parse: object) -> str:
        try:
            root = parse()  # type: ignore[operator]
        except UnsafeSVGError as error:
            return f"error: {error}"
        return etree.tostring(root.getroottree()).decode()

    one_shot = outcome(lambda: parse_svg(data, "x.svg", limits))
    streamed = outcome(lambda: parse_svg_chunks((data,), "x.svg", limits))
    assert one_shot == streamed


def test_one_shot_parse_keeps_the_depth_and_element_limits() -> None:
    deep = SVG_OPEN + b"<g>" * 70 + b"</g>" * 70 + b"</svg>"
    with pytest.raises(UnsafeSVGError, match="nested deeper than 64 elements") as caught:
        parse_svg(deep, "deep.svg")
    assert str(caught.value) == str(_streamed_error(deep))
    wide = SVG_OPEN + b"<path/>" * 30 + b"</svg>"
    with pytest.raises(UnsafeSVGError, match="more than 20 elements"):
        parse_svg(wide, "wide.svg", Limits(max_elements=20))


def _streamed_error(data: bytes) -> UnsafeSVGError:
    with pytest.raises(UnsafeSVGError) as caught:
        parse_svg_chunks((data,), "deep.svg")
    return caught.value
