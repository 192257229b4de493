"""catalog.py: loading, validation with line numbers, look-up and search."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from iconkit import CatalogError, IconkitError, UnknownIconError, load_catalog
from iconkit._paths import shown
from iconkit.catalog import NAME_PATTERN, read_icons

from .conftest import FIXTURES, TICK_SVG

CATALOGS = FIXTURES / "catalogs"
INVALID = sorted(p for p in CATALOGS.glob("*.yaml") if p.name != "valid.yaml")


def expected_problems(path: Path) -> list[tuple[int, str]]:
    """The ``# expect: LINE: text`` comments a fixture carries about itself."""
    found = re.findall(r"^# expect: (\d+): (.+)$", path.read_text(), re.MULTILINE)
    return [(int(line), text) for line, text in found]


def test_valid_catalogue_loads_in_file_order() -> None:
    catalog = load_catalog(CATALOGS / "valid.yaml")
    assert [icon.name for icon in catalog] == ["tick", "close", "cross"]
    assert len(catalog) == 3
    close = catalog.resolve("close")
    assert close.title == "Close"
    assert close.aliases == ("dismiss", "close-icon")
    assert close.path == (CATALOGS / "svg" / "close.svg").resolve()
    assert catalog.resolve("cross").path == close.path
    assert catalog.resolve("tick").tags == ("check",)
    assert catalog.resolve("tick").monochrome


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_every_problem_is_reported_with_its_line(path: Path) -> None:
    expected = expected_problems(path)
    assert expected, f"{path.name} declares no '# expect:' lines"
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    problems = caught.value.problems
    assert len(problems) == len(expected), str(caught.value)
    for problem, (line, text) in zip(problems, expected, strict=True):
        assert problem.path == path
        assert problem.line == line
        assert text in problem.message
    for printed in str(caught.value).splitlines():
        assert re.match(rf"{re.escape(shown(path))}:\d+: \S", printed)


def test_missing_catalogue_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"nowhere\.yaml: no such file"):
        load_catalog(tmp_path / "nowhere.yaml")


def test_undecodable_catalogue_is_a_catalog_error(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_bytes(b"tick:\n  title: \xff\xfe\n")
    with pytest.raises(CatalogError, match="cannot read"):
        load_catalog(path)


def test_empty_catalogue_is_valid_and_empty(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("# nothing yet\n")
    assert len(load_catalog(path)) == 0


def test_words_are_trimmed_and_whitespace_folded(write_catalog) -> None:
    path = write_catalog("tick:\n  title: '  Done  '\n  description: |\n    A tick\n    mark.\n")
    icon = load_catalog(path).resolve("tick")
    assert icon.title == "Done"
    assert icon.description == "A tick mark."


def test_resolve_by_alias_returns_the_same_icon() -> None:
    catalog = load_catalog(CATALOGS / "valid.yaml")
    assert catalog.resolve("close-icon") is catalog.resolve("close")
    assert "dismiss" in catalog
    assert "nothing" not in catalog


def test_unknown_name_suggests_names_and_aliases() -> None:
    catalog = load_catalog(CATALOGS / "valid.yaml")
    with pytest.raises(UnknownIconError) as caught:
        catalog.resolve("clse")
    error = caught.value
    assert isinstance(error, LookupError)
    assert isinstance(error, IconkitError)
    assert error.name == "clse"
    assert error.suggestions[0] == "close"
    assert "did you mean 'close'" in str(error)


def test_suggestion_for_a_title_typed_as_a_name() -> None:
    catalog = load_catalog(CATALOGS / "valid.yaml")
    with pytest.raises(UnknownIconError) as caught:
        catalog.resolve("Close Icon")
    assert caught.value.suggestions[0] == "close-icon"


def test_unknown_name_without_anything_close_has_no_suggestion() -> None:
    catalog = load_catalog(CATALOGS / "valid.yaml")
    with pytest.raises(UnknownIconError) as caught:
        catalog.resolve("zzzzzzzz")
    assert caught.value.suggestions == ()
    assert "did you mean" not in str(caught.value)


def test_search_matches_every_field_and_needs_every_word() -> None:
    catalog = load_catalog(CATALOGS / "valid.yaml")
    assert [i.name for i in catalog.search("check")] == ["tick"]  # a tag
    assert [i.name for i in catalog.search("DISMISS")] == ["close"]  # an alias, any case
    assert [i.name for i in catalog.search("x shape")] == ["close", "cross"]
    assert [i.name for i in catalog.search("x shape own")] == ["cross"]
    assert catalog.search("nothing like this") == []


def test_search_puts_exact_names_first() -> None:
    catalog = load_catalog(CATALOGS / "valid.yaml")
    assert [i.name for i in catalog.search("cross")][0] == "cross"


# -- property tests: any user text validates or becomes a CatalogError ------------------------

text = st.text(max_size=30)
yaml_writer = YAML(typ="rt")


def dump(data: object, path: Path) -> None:
    with path.open("w", encoding="utf-8") as stream:
        yaml_writer.dump(data, stream)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=text, alias=text, title=text, description=text)
def test_any_entry_loads_or_raises_catalog_error(
    tmp_path: Path, name: str, alias: str, title: str, description: str
) -> None:
    (tmp_path / "art.svg").write_text(TICK_SVG)
    path = tmp_path / "catalog.yaml"
    entry = {"title": title, "description": description, "aliases": [alias], "file": "art.svg"}
    dump({name: entry}, path)
    try:
        catalog = load_catalog(path)
    except CatalogError as error:
        assert error.problems
        assert all(p.path == path and p.line for p in error.problems)
        return
    assert NAME_PATTERN.fullmatch(name) and NAME_PATTERN.fullmatch(alias)
    assert alias != name
    icon = catalog.resolve(alias)
    assert icon is catalog.resolve(name)
    assert icon.title == " ".join(title.split())
    assert icon.title and icon.description


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_file_text_loads_or_raises_catalog_error(tmp_path: Path, body: str) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(body, encoding="utf-8")
    try:
        load_catalog(path)
    except CatalogError as error:
        assert all(str(p).startswith(str(path)) for p in error.problems)


@settings(max_examples=200)
@given(st.text(max_size=20))
def test_any_name_resolves_or_raises_unknown_icon(name: str) -> None:
    catalog = load_catalog(CATALOGS / "valid.yaml")
    try:
        icon = catalog.resolve(name)
    except UnknownIconError as error:
        assert error.name == name
        assert all(s in catalog for s in error.suggestions)
    else:
        assert name in {icon.name, *icon.aliases}


# -- the YAML reader: types, anchors, merges and lines ------------------------------------------


def test_every_icon_knows_the_lines_of_its_name_and_words() -> None:
    catalog = load_catalog(CATALOGS / "valid.yaml")
    assert [icon.line for icon in catalog] == [2, 6, 10]
    assert [icon.title_line for icon in catalog] == [3, 7, 11]
    assert [icon.description_line for icon in catalog] == [4, 8, 12]


def test_words_written_on_the_next_line_or_merged_have_their_own_lines(write_catalog) -> None:
    path = write_catalog(
        "tick: &base\n  title:\n    Done\n  description: A tick mark.\n"
        "close:\n  <<: *base\n  title: Close\n"
    )
    tick, close = load_catalog(path)
    assert (tick.title_line, tick.description_line) == (3, 4)
    assert (close.title_line, close.description_line) == (7, 4)  # the merged one is tick's


def test_aliases_reuse_anchored_words_and_entries(write_catalog) -> None:
    path = write_catalog(
        "tick: &entry\n"
        "  title: &done Done\n"
        "  description: A tick mark.\n"
        "  tags: &tags [check, yes]\n"
        "close:\n"
        "  title: *done\n"
        "  description: An X shape.\n"
        "  tags: *tags\n"
        "cross: *entry\n",
        artwork=("tick", "close", "cross"),
    )
    catalog = load_catalog(path)
    assert [icon.title for icon in catalog] == ["Done", "Done", "Done"]
    assert catalog.resolve("close").tags == ("check", "yes")
    assert catalog.resolve("cross").line == 9


def test_merge_keys_fill_in_what_an_entry_does_not_say(write_catalog) -> None:
    path = write_catalog(
        "tick: &base\n"
        "  title: Done\n"
        "  description: A tick mark.\n"
        "  animated: true\n"
        "close:\n"
        "  <<: *base\n"
        "  title: Close\n"
    )
    close = load_catalog(path).resolve("close")
    assert (close.title, close.description, close.animated) == ("Close", "A tick mark.", True)


def test_a_merge_of_something_else_than_mappings_is_refused(write_catalog) -> None:
    path = write_catalog("tick:\n  <<: [a]\n  title: Done\n  description: A tick mark.\n")
    with pytest.raises(CatalogError, match=r"catalog\.yaml:2: invalid YAML: << merges only"):
        load_catalog(path)


def test_an_alias_bomb_is_not_expanded(write_catalog) -> None:
    levels = ["  tags: &l0 [x, x, x, x, x, x, x, x, x, x]\n"]  # 10**9 items if copied
    levels += [f"  t{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 10)]
    path = write_catalog("tick:\n  title: Done\n  description: A tick mark.\n" + "".join(levels))
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert [p.message for p in caught.value.problems] == [
        f"icon 'tick': unknown key 't{i}'" for i in range(1, 10)
    ]


def test_any_quoted_or_tagged_word_is_text(write_catalog) -> None:
    path = write_catalog(
        "tick:\n  title: 'true'\n  description: !!str 42\n  aliases: [\"null\", !!str 1]\n"
    )
    icon = load_catalog(path).resolve("tick")
    assert (icon.title, icon.description, icon.aliases) == ("true", "42", ("null", "1"))


@pytest.mark.parametrize(
    "line",
    ["title: !!set {a}", "title: !!binary aGk=", "title: !!map x", "tags: !!omap [a: 1]"],
)
def test_tags_a_catalogue_has_no_use_for_are_refused_with_their_line(
    write_catalog, line: str
) -> None:
    path = write_catalog(f"tick:\n  description: A tick mark.\n  {line}\n")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert problem.message.startswith("invalid YAML: unsupported tag") or (
        problem.message == "icon 'tick': title must be text"  # !!binary reads as bytes
    )


def test_line_and_paragraph_separators_are_text_not_line_breaks(write_catalog) -> None:
    path = write_catalog(
        "tick:\n  title: Done\u2028now\n  description: A\x85tick.\n  colour: red\n"
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (4, "icon 'tick': unknown key 'colour'")
    ]


def test_a_character_yaml_refuses_is_reported_with_its_line(write_catalog) -> None:
    path = write_catalog("tick:\n  title: Done\n  description: A \x07 tick.\n")
    with pytest.raises(CatalogError, match=r"catalog\.yaml:3: invalid YAML: unacceptable"):
        load_catalog(path)


# -- artwork paths ------------------------------------------------------------------------------


def test_artwork_paths_are_absolute_and_normal_from_a_relative_catalogue(
    write_catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalog(
        "tick:\n  title: Done\n  description: A tick mark.\n  file: ./svg/../svg/tick.svg\n"
        "close:\n  title: Close\n  description: An X shape.\n"
    )
    monkeypatch.chdir(tmp_path.parent)
    catalog = load_catalog(Path(tmp_path.name) / "catalog.yaml")
    assert [icon.path for icon in catalog] == [
        tmp_path / "svg" / "tick.svg",
        tmp_path / "svg" / "close.svg",
    ]


def test_only_files_are_artwork(write_catalog, tmp_path: Path) -> None:
    (tmp_path / "svg" / "folder.svg").mkdir(parents=True)
    (tmp_path / "elsewhere.svg").write_text(TICK_SVG)
    (tmp_path / "svg" / "linked.svg").symlink_to(tmp_path / "elsewhere.svg")
    path = write_catalog(
        "tick:\n  title: Done\n  description: A tick mark.\n  file: svg/folder.svg\n"
        "linked:\n  title: Linked\n  description: A link to a tick.\n",
        artwork=(),
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert [p.message for p in caught.value.problems] == [
        "icon 'tick': artwork svg/folder.svg not found"
    ]


# -- property: any title survives being written in any YAML style ------------------------------

SEPARATORS = "\x85\u2028\u2029"  # ruamel writes them raw and reads them as breaks: tested above
QUOTED = (str, SingleQuotedScalarString, DoubleQuotedScalarString)  # str: plain where it can be
BLOCK = (LiteralScalarString, FoldedScalarString)  # ruamel's emitter fails on odd characters
written_titles = st.one_of(
    st.tuples(
        st.text(st.characters(codec="utf-8", exclude_characters=SEPARATORS), max_size=40),
        st.sampled_from(QUOTED),
    ),
    st.tuples(
        st.text(st.sampled_from(string.ascii_letters + string.digits + " .,:#-'\"\n"), max_size=40),
        st.sampled_from(BLOCK),
    ),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(written=written_titles)
def test_any_title_round_trips_in_any_style(tmp_path: Path, written: tuple[str, type]) -> None:
    title, style = written
    (tmp_path / "art.svg").write_text(TICK_SVG)
    path = tmp_path / "catalog.yaml"
    with path.open("w", encoding="utf-8") as stream:
        entry = {"title": style(title), "description": "d", "file": "art.svg"}
        YAML(typ="rt").dump({"tick": entry}, stream)
    if style in QUOTED:
        assert YAML(typ="safe", pure=True).load(path.read_text("utf-8"))["tick"]["title"] == title
    try:
        icon = load_catalog(path).resolve("tick")
    except CatalogError as error:
        assert [(p.line, p.message) for p in error.problems] == [(2, "icon 'tick': title is empty")]
        assert not title.strip()
    else:
        assert icon.title == " ".join(title.split()) != ""


def test_importing_the_catalogue_leaves_difflib_until_a_name_is_missed() -> None:
    code = "import sys, iconkit.catalog; print('difflib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False"], result.stderr


def test_icons_are_given_as_they_are_read_and_problems_come_at_the_end(write_catalog) -> None:
    path = write_catalog(
        "one:\n  title: One\n  description: The first.\n"
        "two:\n  title: Two\n  description: The second.\n"
        "three:\n  title: 3\n  description: The third.\n"
        "four:\n  title: Four\n"
    )
    icons = read_icons(path)
    assert [next(icons).name, next(icons).name] == ["one", "two"]  # before the bad entries
    with pytest.raises(CatalogError) as raised:
        next(icons)
    with pytest.raises(CatalogError) as loaded:
        load_catalog(path)
    assert str(raised.value) == str(loaded.value)
    assert [p.line for p in raised.value.problems] == [8, 10]  # "title: 3", entry "four"


@pytest.mark.parametrize(
    ("line", "expected"), [("  mirror: true\n", True), ("  mirror: false\n", False), ("", None)]
)
def test_mirror_is_true_false_or_not_decided(
    write_catalog: Callable[..., Path], line: str, expected: bool | None
) -> None:
    path = write_catalog(f"next:\n  title: Next\n  description: An arrow.\n{line}")
    assert load_catalog(path).resolve("next").mirror is expected


def test_mirror_must_be_true_or_false(write_catalog: Callable[..., Path]) -> None:
    path = write_catalog("next:\n  title: Next\n  description: An arrow.\n  mirror: yes\n")
    with pytest.raises(CatalogError, match=r"catalog\.yaml:4: icon 'next': mirror must be true"):
        load_catalog(path)


def test_source_license_and_author_credit_an_icon(write_catalog) -> None:
    path = write_catalog(
        "bell:\n  title: Bell\n  description: A bell.\n  source: lucide-static 1.62.0\n"
        "  license: ISC\n  author:  Lucide   Icons\n\nown:\n  title: Own\n  description: Mine.\n"
    )
    bell, own = load_catalog(path)
    assert (bell.source, bell.license, bell.author) == (
        "lucide-static 1.62.0",
        "ISC",
        "Lucide Icons",
    )
    assert bell.credit == {
        "source": "lucide-static 1.62.0",
        "license": "ISC",
        "author": "Lucide Icons",
    }
    assert own.credit == {} and own.license is None


def test_a_credit_must_be_text(write_catalog) -> None:
    path = write_catalog(
        "bell:\n  title: Bell\n  description: A bell.\n  license: [MIT]\n  author: ''\n"
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (4, "icon 'bell': license must be text"),
        (5, "icon 'bell': author must be text"),
    ]
