"""Build settings: [tool.iconkit] in ./pyproject.toml, flags over it, defaults under both."""

from __future__ import annotations

from pathlib import Path

import pytest

from iconkit.errors import ConfigError
from iconkit.settings import DEFAULT_COLOURS, Settings, find_settings_file, load_settings


def write(folder: Path, text: str) -> None:
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")


def test_defaults_without_pyproject(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings == Settings(out=tmp_path / "iconkit-build", cache=tmp_path / ".iconkit-cache")
    assert settings.catalog is None and settings.source is None
    assert settings.sizes == (16, 24, 32, 48) and settings.scales == (1, 2)
    assert (
        dict(settings.colours) == dict(DEFAULT_COLOURS) == {"dark": "#1f2328", "light": "#f6f8fa"}
    )
    assert settings.url_prefix == "/static/icons/" and settings.jobs is None


def test_defaults_with_a_pyproject_that_has_no_iconkit_table(tmp_path: Path) -> None:
    write(tmp_path, '[project]\nname = "site"\n')
    expected = Settings(out=tmp_path / "iconkit-build", cache=tmp_path / ".iconkit-cache")
    assert load_settings(tmp_path) == expected


def test_settings_are_read_and_paths_are_relative_to_the_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path,
        "[tool.iconkit]\n"
        'catalog = "icons/catalog.yaml"\nout = "static/icons"\nurl-prefix = "/icons/"\n'
        "sizes = [32, 16, 16]\nscales = [1]\njobs = 3\npng = false\n"
        'colours = {brand = "#C0306A"}\n',
    )
    settings = load_settings(tmp_path)
    assert settings.catalog == tmp_path / "icons" / "catalog.yaml"
    assert settings.out == tmp_path / "static" / "icons"
    assert settings.url_prefix == "/icons/"
    assert settings.sizes == (16, 32) and settings.scales == (1,) and settings.jobs == 3
    assert dict(settings.colours) == {"brand": "#c0306a"} and settings.png is False


def test_flags_override_the_pyproject(tmp_path: Path) -> None:
    write(tmp_path, '[tool.iconkit]\nout = "a"\njobs = 3\n')
    settings = load_settings(tmp_path, out="b", jobs=1, catalog=None)
    assert settings.out == Path("b").absolute() and settings.jobs == 1
    assert settings.catalog is None


def test_the_current_folder_is_the_default_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "[tool.iconkit]\nsizes = [20]\n")
    monkeypatch.chdir(tmp_path)
    assert load_settings().sizes == (20,)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("outdir = 'x'", r"unknown key 'outdir'"),
        ("sizes = 16", r"sizes: expected a list of whole numbers from 1 to 1024, not 16"),
        ("sizes = [0]", r"sizes: expected a list"),
        ("sizes = [true]", r"sizes: expected a list"),
        ("scales = [8]", r"scales: expected a list of whole numbers from 1 to 4"),
        ("colours = {dark = 'black'}", r"colours: dark = 'black' is not a #rgb or #rrggbb colour"),
        ("colours = {Dark = '#000'}", r"colours: bad colour name 'Dark'"),
        ("colours = []", r"colours: expected a table"),
        ("out = ''", r"out: expected a non-empty string"),
        ("jobs = 0", r"jobs: expected a whole number from 1"),
        ("png = 'no'", r"png: expected true or false, not 'no'"),
    ],
)
def test_bad_settings_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, f"[tool.iconkit]\n{text}\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: \[tool\.iconkit\] " + message):
        load_settings(tmp_path)


def test_unreadable_toml_names_the_file(tmp_path: Path) -> None:
    write(tmp_path, "[tool.iconkit\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: cannot read"):
        load_settings(tmp_path)


def test_bad_jobs_flag(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--jobs"):
        load_settings(tmp_path, jobs=0)


def test_svg_limits_are_read_over_the_defaults(tmp_path: Path) -> None:
    write(tmp_path, "[tool.iconkit]\nmax-depth = 8\nmax-elements = 500\n")
    limits = load_settings(tmp_path).limits
    assert (limits.max_depth, limits.max_elements) == (8, 500)
    assert limits.max_bytes == Settings().limits.max_bytes


@pytest.mark.parametrize("value", ["0", "-1", '"big"', "1.5", "true"])
def test_a_bad_limit_names_the_key(tmp_path: Path, value: str) -> None:
    write(tmp_path, f"[tool.iconkit]\nmax-bytes = {value}\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: \[tool\.iconkit\] max-bytes: "):
        load_settings(tmp_path)


def test_lint_add_and_build_read_the_configured_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from iconkit.cli import main

    deep = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
        'stroke="currentColor" stroke-width="2">'
        + "<g>" * 5
        + '<path d="M4 12h16"/>'
        + "</g>" * 5
        + "</svg>"
    )
    (tmp_path / "svg").mkdir()
    (tmp_path / "svg" / "line.svg").write_text(deep, encoding="utf-8")
    (tmp_path / "catalog.yaml").write_text(
        "line:\n  title: Divider\n  description: A horizontal line.\n", encoding="utf-8"
    )
    (tmp_path / "new.svg").write_text(deep, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["lint"]) == 0
    assert main(["build", "--catalog", "catalog.yaml", "--no-png"]) == 0  # fills the symbol cache
    built = (tmp_path / "iconkit-build" / "manifest.json").read_bytes()
    write(tmp_path, "[tool.iconkit]\nmax-depth = 4\n")
    assert main(["lint"]) == 1
    assert "nested deeper than 4" in capsys.readouterr().out
    assert (
        main(["build", "--catalog", "catalog.yaml", "--no-png"]) == 1
    )  # not let through by the cache
    assert "line.svg:1: nested deeper than 4" in capsys.readouterr().err
    assert (tmp_path / "iconkit-build" / "manifest.json").read_bytes() == built
    before = (tmp_path / "catalog.yaml").read_bytes()
    assert main(["add", "new.svg", "--description", "A horizontal line, again."]) == 1
    assert "nested deeper than 4" in capsys.readouterr().err
    assert (tmp_path / "catalog.yaml").read_bytes() == before


# --- where the settings come from ---------------------------------------------------------


def catalogue(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "catalog.yaml"
    path.write_text("", encoding="utf-8")
    return path


def test_the_nearest_pyproject_with_a_table_wins_from_any_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, '[tool.iconkit]\ncatalog = "icons/catalog.yaml"\nout = "static/icons"\n')
    nested = tmp_path / "app" / "templates"
    nested.mkdir(parents=True)
    write(tmp_path / "app", '[project]\nname = "app"\n')  # no table: passed over
    catalogue(nested)  # a catalog.yaml below the project does not win over its settings
    monkeypatch.chdir(nested)
    for settings in (load_settings(), load_settings(nested), load_settings(nested / "x.html")):
        assert settings.catalog == tmp_path / "icons" / "catalog.yaml"
        assert settings.out == tmp_path / "static" / "icons"
        assert settings.cache == tmp_path / ".iconkit-cache"
        assert settings.source == tmp_path / "pyproject.toml"


def test_a_table_without_catalog_uses_the_catalogue_beside_it_else_the_shipped_one(
    tmp_path: Path,
) -> None:
    write(tmp_path, '[tool.iconkit]\nout = "static/icons"\n')
    assert load_settings(tmp_path).catalog is None
    assert load_settings(tmp_path).out == tmp_path / "static" / "icons"
    beside = catalogue(tmp_path)
    assert load_settings(tmp_path).catalog == beside


def test_a_catalogue_in_the_folder_is_used_without_a_pyproject(tmp_path: Path) -> None:
    path = catalogue(tmp_path)
    settings = load_settings(tmp_path)
    assert settings.catalog == path and settings.source == path
    assert settings.out == tmp_path / "iconkit-build"
    assert settings.cache == tmp_path / ".iconkit-cache"
    assert load_settings(tmp_path / "sub").catalog is None  # only the folder itself counts


def test_without_a_project_the_shipped_set_builds_into_the_folder(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.catalog is None
    assert settings.catalog_path.name == "catalog.yaml" and settings.catalog_path.is_file()


def test_find_settings_file_says_which_file_decides(tmp_path: Path) -> None:
    assert find_settings_file(tmp_path) is None
    path = catalogue(tmp_path)
    assert find_settings_file(tmp_path) == path
    write(tmp_path, "[tool.iconkit]\n")
    assert find_settings_file(tmp_path) == tmp_path / "pyproject.toml"


@pytest.mark.parametrize("key", ["catalog", "out"])
def test_an_empty_path_flag_is_refused(tmp_path: Path, key: str) -> None:
    with pytest.raises(ConfigError, match=f"--{key} must name a file or folder"):
        load_settings(tmp_path, **{key: ""})
