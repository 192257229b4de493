"""catalog.py: loading, validation with line numbers, look-up and search."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from iconkit import CatalogError, IconkitError, UnknownIconError, load_catalog
from iconkit.catalog import NAME_PATTERN

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
        assert re.match(rf"{re.escape(str(path))}:\d+: \S", printed)


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
