"""_yaml.py: YAML text to dicts, lists and scalars, agreeing with ruamel, where each key
and value is written kept; and the one-scalar edit made with it."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
import ruamel.yaml.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from iconkit import load_catalog
from iconkit._yaml import KeyedMapping, Scalar, read_entries, read_yaml, replace_scalar
from iconkit.errors import CatalogError

from .conftest import FIXTURES

HERE = Path("catalog.yaml")


def without_c_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ruamel choose its Python parser, as it does where its C extension is missing."""
    monkeypatch.setattr(ruamel.yaml.main, "CParser", None)


@pytest.fixture(params=["C", "Python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run with ruamel's C parser, then with its Python one (what PyPy gets)."""
    assert ruamel.yaml.main.CParser is not None  # ruamel.yaml.clib is installed
    if request.param == "Python":
        without_c_extension(monkeypatch)
    return str(request.param)


def test_the_c_parser_reads_where_it_is_installed(parser: str) -> None:
    with pytest.raises(CatalogError) as caught:
        read_yaml("a: [x, y\nb: 1\n", HERE)
    wording = {"C": "did not find expected ',' or ']'", "Python": "expected ',' or ']', but got"}
    assert wording[parser] in str(caught.value)


def test_aliases_share_the_anchored_object_instead_of_copying_it() -> None:
    data = read_yaml("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", HERE)
    assert data["c"][0] is data["b"] and data["b"][1] is data["a"]


def test_a_collection_may_hold_itself() -> None:
    data = read_yaml("a: &a [1, *a]\nb: &b {self: *b}\n", HERE)
    assert data["a"][1] is data["a"] and data["b"]["self"] is data["b"]


def test_plain_scalars_are_typed_by_yaml_1_2_unless_the_document_says_1_1(parser: str) -> None:
    text = "- yes\n- no\n- on\n- off\n- true\n- ~\n- ''\n- 1\n- 0o7\n- 07\n- 1:30\n"
    text += "- 2024-01-01\n- .nan\n- <<\n- =\n- ! 1\n- ! '1'\n"
    assert read_yaml(text, HERE) == [
        "yes", "no", "on", "off", True, None, "", Scalar("1"), Scalar("0o7"), Scalar("07"),
        "1:30", Scalar("2024-01-01"), Scalar(".nan"), Scalar("<<"), Scalar("="),
        Scalar("1"), Scalar("1"),  # "!" as ruamel reads it (the YAML spec would make text)
    ]  # fmt: skip
    assert read_yaml("%YAML 1.1\n---\n- yes\n- Off\n- y\n- 1:30\n", HERE) == [
        True, False, True, Scalar("1:30"),
    ]  # fmt: skip


CATALOGS = sorted((FIXTURES / "catalogs").glob("*.yaml"))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.stem)
def test_both_parsers_find_the_same_problems_on_the_same_lines(path: Path) -> None:
    def problems() -> list[tuple[int | None, str]]:
        try:
            load_catalog(path)
        except CatalogError as error:  # the parsers word syntax errors differently
            found = [(p.line, p.message) for p in error.problems]
            return [(line, re.sub("invalid YAML: .*", "invalid YAML", m)) for line, m in found]
        return []

    with_c = problems()
    with pytest.MonkeyPatch.context() as monkeypatch:
        without_c_extension(monkeypatch)
        assert problems() == with_c


def test_the_first_problem_stops_the_read_with_its_line() -> None:
    with pytest.raises(CatalogError) as caught:
        read_yaml("a: 1\nb:\n  c: 2\n  c: 3\n", HERE)
    assert str(caught.value) == "catalog.yaml:4: 'c' appears twice in one mapping"


ENTRIES = "".join(f"{name}:\n  title: {name.title()}\n" for name in ("one", "two"))


@pytest.mark.parametrize(
    ("line", "opened", "gave_up"),
    [
        ("  description: 'An open quote.\n", "a quoted scalar", 11),
        ('  description: "An open quote.\n', "a quoted scalar", 11),
        ("  tags: [open, bracket\n", "a flow sequence", 7),
        ("  tags: {open: brace\n", "a flow mapping", 7),
    ],
)
def test_an_unclosed_quote_or_bracket_is_reported_where_it_opens(
    parser: str, line: str, opened: str, gave_up: int
) -> None:
    text = ENTRIES + "three:\n" + line + ENTRIES.replace("o", "O")
    assert text.splitlines()[5] == line.rstrip("\n")
    with pytest.raises(CatalogError) as caught:
        read_yaml(text, HERE)
    (problem,) = caught.value.problems
    assert problem.line == 6
    assert problem.message.startswith(f"invalid YAML: while scanning {opened} starting here: ") or (
        problem.message.startswith(f"invalid YAML: while parsing {opened} starting here: ")
    )
    assert problem.message.endswith(f" on line {gave_up}")


def test_a_key_without_its_colon_is_reported_where_it_is_written(parser: str) -> None:
    with pytest.raises(CatalogError) as caught:
        read_yaml("one: 1\ntwo\nthree: 3\n", HERE)
    assert str(caught.value).startswith(
        "catalog.yaml:2: invalid YAML: while scanning a simple key starting here: "
    )


def test_a_misplaced_line_is_reported_where_it_is(parser: str) -> None:
    text = "one:\n  title: One\n two: 2\n"  # "while parsing a block mapping" starts on line 1
    with pytest.raises(CatalogError) as caught:
        read_yaml(text, HERE)
    assert [p.line for p in caught.value.problems] == [3]


def test_nesting_is_bounded_while_it_is_read(parser: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000  # ruamel's C composer crashes the interpreter on it
    with pytest.raises(CatalogError, match=r"^catalog\.yaml:2: invalid YAML: nested more than"):
        read_yaml(f"tick:\n  tags: {deep}\n", HERE)


def test_an_anchor_may_be_defined_again_and_the_last_one_counts(parser: str) -> None:
    assert read_yaml("a: &x 1\nb: &x two\nc: *x\n", HERE)["c"] == "two"


def test_every_value_knows_where_it_is_written() -> None:
    text = "a:  &x 'one'  # note\nb:\n  - *x\nc: >\n  folded\nd: {e: f}\n"
    data = read_yaml(text, HERE)
    written = {key: (span.line, text[span.start : span.end]) for key, span in data.spans.items()}
    assert written == {
        "a": (1, "&x 'one'"),
        "b": (3, "- *x\n"),  # a block sequence ends where the next token starts
        "c": (4, ">\n  folded\n"),
        "d": (6, "{e: f}"),
    }
    assert data.lines == {"a": 1, "b": 2, "c": 4, "d": 6}


def test_a_merged_key_keeps_the_line_and_span_where_it_is_written() -> None:
    data = read_yaml("base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n", HERE)
    assert data["more"].lines == {"y": 4, "x": 1}
    assert data["more"].spans["x"] == data["base"].spans["x"]


# -- property: the same data and lines as ruamel's own loaders ----------------------------------

scalars = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none())
keys = st.one_of(st.text(max_size=8), st.integers(), st.none())
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


def plain(data: Any) -> Any:
    """What ruamel's safe loader makes of the same text (numbers as written)."""
    if isinstance(data, KeyedMapping):
        return {plain(key): plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(item) for item in data]
    return int(data.text) if isinstance(data, Scalar) else data


def lines(data: Any, node: Any) -> list[tuple[int, int]]:
    """(ours, ruamel's composer's) line of every key and every value, depth first."""
    found: list[tuple[int, int]] = []
    if isinstance(data, KeyedMapping):
        for key, (key_node, value_node) in zip(data, node.value, strict=True):
            found.append((data.lines[key], key_node.start_mark.line + 1))
            found.append((data.spans[key].line, value_node.start_mark.line + 1))
            found += lines(data[key], value_node)
    elif isinstance(data, list):
        for item, item_node in zip(data, node.value, strict=True):
            found += lines(item, item_node)
    return found


def scalar_spans(data: Any, text: str) -> list[tuple[Any, str]]:
    """(value, the text of its span) for every scalar value of every mapping."""
    found: list[tuple[Any, str]] = []
    if isinstance(data, KeyedMapping):
        for key, value in data.items():
            if isinstance(value, KeyedMapping | list):
                found += scalar_spans(value, text)
            else:
                found.append((value, text[data.spans[key].start : data.spans[key].end]))
    elif isinstance(data, list):
        for item in data:
            found += scalar_spans(item, text)
    return found


def dumped(data: Any, flow: bool | None) -> str:
    writer = YAML(typ="safe")
    writer.default_flow_style = flow
    stream = io.StringIO()
    writer.dump(data, stream)
    return stream.getvalue()


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=documents, flow=st.sampled_from([None, False, True]))
def test_any_dumped_data_reads_as_ruamel_reads_it(
    parser: str, data: Any, flow: bool | None
) -> None:
    text = dumped(data, flow)
    ours = read_yaml(text, HERE)
    assert plain(ours) == YAML(typ="safe", pure=True).load(text) == data
    found = lines(ours, YAML(typ="safe", pure=True).compose(text))
    assert [mine for mine, _ in found] == [theirs for _, theirs in found]
    for value, written in scalar_spans(ours, text):  # a value's span, read alone, is the value
        assert read_yaml(written, HERE) == value


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=documents, flow=st.sampled_from([None, False, True]), merge=st.booleans())
def test_entries_read_one_by_one_are_the_document_s_in_order(
    parser: str, data: Any, flow: bool | None, merge: bool
) -> None:
    text = dumped(data, flow)
    if merge and data and isinstance(data, dict) and not text.startswith("{"):
        # A merge's entries come after the rest; keys the data also has are errors (same).
        text = f"base: &base {{merged: 1, x: 2}}\n{text}<<: *base\n"
    try:
        whole = read_yaml(text, HERE)
    except CatalogError as error:
        with pytest.raises(CatalogError) as raised:
            list(read_entries(text, HERE, "not a mapping"))
        assert str(raised.value) == str(error)
        return
    if whole is None or isinstance(whole, KeyedMapping):
        entries = list(read_entries(text, HERE, "not a mapping"))
        assert [(key, value) for key, value, _ in entries] == list((whole or {}).items())
        assert [line for _, _, line in entries] == [whole.lines[key] for key in whole or {}]
    else:
        with pytest.raises(CatalogError, match=r"^catalog\.yaml:1: not a mapping$"):
            list(read_entries(text, HERE, "not a mapping"))


# -- the one-scalar edit ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "value", "expected"),
    [
        ("  title: Pause Icon\n", "Pause", "  title: Pause\n"),
        ("  title: 'It''s on'  # kept\n", "On: now", "  title: 'On: now'  # kept\n"),
        ('  title: "Say \\"hi\\""\n', "Hi", "  title: Hi\n"),
        ("  title: Pause\n", "true", "  title: 'true'\n"),
        ("  {title: Déjà vu, x: 1}\n", "Vu", "  {title: Vu, x: 1}\n"),
    ],
)
def test_replace_scalar_changes_only_that_scalar(line: str, value: str, expected: str) -> None:
    text = "# top\nicon:\n" + line + "  description: Words.\n"
    if line.lstrip().startswith("{"):
        text = "# top\nicon:\n" + line
        expected = "# top\nicon:\n" + expected
    else:
        expected = "# top\nicon:\n" + expected + "  description: Words.\n"
    assert replace_scalar(text, "icon", "title", value) == expected


@pytest.mark.parametrize(
    "entry",
    [
        "icon:\n  title: >\n    Pause\n  description: Words.\n",  # a block scalar
        "icon:\n  title: 'Two\n    lines'\n",  # more than one line
        "base: &t Pause\nicon:\n  title: *t\n",  # an alias
        "icon:\n  title: &t Pause\nother: *t\n",  # an anchor others use
        "icon:\n  title: !!str Pause\n",  # a tag
        "base: &b {title: Pause}\nicon:\n  <<: *b\n",  # merged from another entry
        "icon: [title]\n",  # not a mapping
        "icon: {title: [Pause]\n",  # not YAML
    ],
)
def test_replace_scalar_leaves_what_it_cannot_edit_alone(entry: str) -> None:
    assert replace_scalar(entry, "icon", "title", "Stop") is None


@settings(max_examples=150)
@given(
    old=st.sampled_from(["Pause", "'Pause'", '"Pause"', "Pause  # note", "'a''b' # c"]),
    new=st.text(max_size=20),
)
def test_replace_scalar_changes_that_scalar_or_nothing(old: str, new: str) -> None:
    text = f"# top\nicon:\n  title: {old}\n  description: Words.\nnext: {{title: x}}\n"
    updated = replace_scalar(text, "icon", "title", new)
    if updated is None:
        return
    before, after = text.split(old.split(" #")[0].rstrip(), 1)
    assert updated.startswith(before) and updated.endswith(after)
    data = read_yaml(updated, HERE)
    raw_breaks_read_as_spaces = new.translate(str.maketrans("\x85\u2028\u2029", "   "))
    assert data["icon"]["title"] in (new, raw_breaks_read_as_spaces)
    assert data["icon"]["description"] == "Words." and data["next"] == {"title": "x"}
