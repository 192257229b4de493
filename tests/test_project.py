"""project.py: `iconkit init` makes a project every command then finds, and overwrites nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from iconkit import load_catalog
from iconkit.cli import main
from iconkit.errors import ConfigError
from iconkit.project import CATALOG_HEADER, init_project
from iconkit.settings import load_settings


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def test_an_empty_folder_becomes_a_project_every_command_finds(tmp_path: Path) -> None:
    done = init_project(tmp_path)
    names = {p.name for p in done.created}
    assert names == {"catalog.yaml", "svg", "pyproject.toml", ".gitignore"} and not done.changed
    assert (tmp_path / "svg").is_dir()
    assert (tmp_path / "catalog.yaml").read_text(encoding="utf-8") == CATALOG_HEADER
    assert len(load_catalog(tmp_path / "catalog.yaml")) == 0  # the header is only comments
    table = tomllib.loads((tmp_path / "pyproject.toml").read_text())["tool"]["iconkit"]
    assert table == {"catalog": "catalog.yaml", "out": "iconkit-build"}
    assert ".iconkit-cache/" in (tmp_path / ".gitignore").read_text().splitlines()
    nested = tmp_path / "templates" / "partials"
    nested.mkdir(parents=True)
    settings = load_settings(nested)
    assert settings.catalog == tmp_path / "catalog.yaml"
    assert settings.out == tmp_path / "iconkit-build"


def test_files_are_made_with_the_mode_of_any_new_file(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        init_project(tmp_path)
    finally:
        os.umask(umask)
    for name in ("catalog.yaml", "pyproject.toml", ".gitignore"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644


def test_an_existing_pyproject_keeps_every_byte(tmp_path: Path) -> None:
    original = (
        "# The site.\n[project]\nname = 'site'  # its name\nversion = \"1.0\"\n\n"
        "[tool.ruff]\nline-length = 100\n\n[tool.ruff.lint]\nselect = ['E']\n"
    )
    (tmp_path / "pyproject.toml").write_text(original)
    (tmp_path / ".gitignore").write_text("*.pyc")  # no final newline
    done = init_project(tmp_path, out="static/icons")
    assert {p.name for p in done.changed} == {"pyproject.toml", ".gitignore"}
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(original)
    data = tomllib.loads(text)
    assert data["tool"]["iconkit"]["out"] == "static/icons"
    del data["tool"]["iconkit"]
    assert data == tomllib.loads(original)
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\n.iconkit-cache/\n"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ({"catalog.yaml": "bell:\n  title: Bell\n"}, r"catalog\.yaml: already exists"),
        ({"pyproject.toml": "[tool.iconkit]\nout = 'x'\n"}, r"already has a \[tool\.iconkit\]"),
        ({"pyproject.toml": "[tool\n"}, r"pyproject\.toml: cannot read"),
    ],
)
def test_init_refuses_and_changes_nothing(
    tmp_path: Path, setup: dict[str, str], message: str
) -> None:
    for name, text in setup.items():
        (tmp_path / name).write_text(text)
    before = snapshot(tmp_path)
    with pytest.raises(ConfigError, match=message):
        init_project(tmp_path)
    assert snapshot(tmp_path) == before


TOML_KEYS = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
TOML_VALUES = st.one_of(
    st.text(max_size=20), st.integers(-(2**40), 2**40), st.booleans(), st.lists(st.integers())
)


@settings(max_examples=60, deadline=None)
@given(
    project=st.dictionaries(TOML_KEYS, TOML_VALUES, max_size=5),
    tools=st.dictionaries(
        TOML_KEYS.filter(lambda k: k != "iconkit"),
        st.dictionaries(TOML_KEYS, TOML_VALUES, max_size=3),
        max_size=3,
    ),
    comment=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
)
def test_any_pyproject_keeps_its_content_and_comments(
    tmp_path_factory: pytest.TempPathFactory,
    project: dict[str, object],
    tools: dict[str, dict[str, object]],
    comment: str,
) -> None:
    folder = tmp_path_factory.mktemp("project")
    document = tomlkit.document()
    document.add(tomlkit.comment(comment))
    document.add("project", project)
    if tools:
        document.add("tool", tools)
    original = tomlkit.dumps(document)
    (folder / "pyproject.toml").write_text(original, encoding="utf-8")
    init_project(folder)
    text = (folder / "pyproject.toml").read_text(encoding="utf-8")
    kept = iter(text.splitlines())
    assert all(line in kept for line in original.splitlines())  # every line, in order
    data = tomllib.loads(text)
    assert data["tool"].pop("iconkit") == {"catalog": "catalog.yaml", "out": "iconkit-build"}
    if not data["tool"]:
        del data["tool"]
    assert data == tomllib.loads(original)


def test_cli_init_prints_what_it_made_and_the_next_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert "created catalog.yaml" in out and "created svg/" in out
    commands = out.split("next:")[1].split()
    assert commands.count("iconkit") == 3
    assert main(["init"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "already exists" in err[0]
    assert main(["list"]) == 0  # the new, empty catalogue, not the shipped one
    assert capsys.readouterr().out == ""
