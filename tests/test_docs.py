"""Docs that cannot drift: the public API, the CLI and the icon table are all documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import iconkit
from iconkit import load_catalog

from .conftest import ROOT
from .test_cli import commands

DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
ALL_DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))

PUBLIC_API = sorted(
    [
        *("AddError", "BuildError", "CatalogError", "ConfigError", "IconArgumentError"),
        *("IconkitError", "ManifestError", "Problem", "ScanError", "UnknownIconError"),
        *("UnsafeSVGError", "UsageError"),
        *("Catalog", "Icon", "load_catalog", "Settings", "load_settings", "install", "Renderer"),
        *("build", "check", "BuildResult", "load_manifest", "init_project", "import_icons"),
        "open_set",
        *("add_icons", "NewIcon", "Added", "lint", "LintSettings", "LintReport", "Finding"),
        *("Limits", "parse_svg", "clean_svg", "Cleaned", "scan_templates", "ScanReport"),
    ]
)


def test_public_api_is_sorted_and_pinned() -> None:
    assert iconkit.__all__ == PUBLIC_API
    assert all(hasattr(iconkit, name) for name in iconkit.__all__)


def test_every_exception_class_is_public() -> None:
    import inspect

    import iconkit.errors
    import iconkit.scan  # noqa: F401 - a module that raises errors of its own kind

    found = {
        name
        for name, value in inspect.getmembers(iconkit.errors, inspect.isclass)
        if issubclass(value, Exception) and value.__module__ == "iconkit.errors"
    }
    assert found <= set(iconkit.__all__)


def test_public_names_are_the_objects_not_modules_of_the_same_name() -> None:
    import iconkit.builder  # noqa: F401 - the command line imports these modules
    import iconkit.linter  # noqa: F401

    assert callable(iconkit.build) and iconkit.build.__module__ == "iconkit.builder"
    assert callable(iconkit.lint) and iconkit.lint.__module__ == "iconkit.linter"


def test_importing_iconkit_loads_nothing_heavy() -> None:
    code = (
        "import sys, iconkit\n"
        "print(sorted(m for m in ('lxml', 'jinja2', 'ruamel', 'cairosvg', 'tinycss2') "
        "if any(k == m or k.startswith(m + '.') for k in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", PUBLIC_API)
def test_every_public_name_is_documented(name: str) -> None:
    assert re.search(rf"`(iconkit\.)?{name}\b", ALL_DOCS), f"{name} is not in docs/ or README"


@pytest.mark.parametrize("command", commands())
def test_every_command_is_in_the_readme_and_docs(command: str) -> None:
    assert f"iconkit {command}" in README
    docs = "".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    assert f"iconkit {command}" in docs


def test_icon_table_matches_the_catalogue() -> None:
    text = (DOCS / "catalog.md").read_text(encoding="utf-8").split("## The shipped set")[1]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \| (.+?) \| (.*?) \|$", text, re.MULTILINE)
    documented = [
        (name, title, description, tuple(re.findall(r"`([^`]+)`", aliases)))
        for name, title, description, aliases in rows
    ]
    shipped = [(i.name, i.title, i.description, i.aliases) for i in load_catalog()]
    assert documented == shipped


@pytest.mark.parametrize("page", ["README.md", "docs/api.md", "docs/catalog.md", "docs/i18n.md"])
def test_python_examples_run(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks, f"{page} has no Python example"
    monkeypatch.chdir(tmp_path)  # an application's folder: no build, no catalogue of its own
    for block in blocks:
        exec(compile(block, page, "exec"), {"__file__": str(tmp_path / "app.py")})


def test_ci_runs_the_readme_quick_start_commands_exactly() -> None:
    quick_start = README.split("## Quick start")[1].split("\n## ")[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start)
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert command in ci
