"""Docs that cannot drift: the public API, the CLI and the icon table are all documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import iconkit
from iconkit import load_catalog

from .conftest import ROOT
from .test_cli import commands

DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
ALL_DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))

PUBLIC_API = [
    "Catalog",
    "CatalogError",
    "Icon",
    "IconkitError",
    "UnknownIconError",
    "UnsafeSVGError",
    "install",
    "load_catalog",
]


def test_public_api_is_small_sorted_and_pinned() -> None:
    assert iconkit.__all__ == PUBLIC_API
    assert all(hasattr(iconkit, name) for name in iconkit.__all__)


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


@pytest.mark.parametrize("page", ["README.md", "docs/catalog.md", "docs/i18n.md"])
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
