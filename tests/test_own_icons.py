"""docs/own-icons.md, step by step: a project's own icons from an empty folder, every command
and ``install()`` agreeing on the catalogue with no flag at all."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

import iconkit
from iconkit.manifest import load_manifest

from .conftest import ROOT
from .templating import parse_page

pytestmark = pytest.mark.slow

DOC = (ROOT / "docs" / "own-icons.md").read_text(encoding="utf-8")
HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" '
    'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
    'stroke-linejoin="round">'
)
ARTWORK = {  # drawn for this test, in the style of the open sets' exports
    "bell": '<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z"/><path d="M10 21h4"/>',
    "heart": '<path d="M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z"/>',
    "settings": '<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3"/>',
}
PAGE = (
    "<!doctype html><html lang='en'><head><title>t</title>{{ icon_sprite() }}</head><body>"
    "<p>{{ icon('bell') }} {{ icon('heart', 'Likes') }}</p>"
    "{{ icon_button('settings', 'Open the settings') }}</body></html>"
)


def iconkit_command(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "iconkit", *argv],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_the_doc_walks_exactly_these_steps() -> None:
    commands = re.findall(r"^\$ (iconkit .+)$", DOC, re.MULTILINE)
    steps = [command.split()[1] for command in commands]
    assert steps == ["init", "add", "list", "scan", "lint", "build"]


def test_a_project_of_ones_own_from_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    done = iconkit_command(folder, "init")
    assert done.returncode == 0, done.stderr
    for name, body in ARTWORK.items():
        (folder / f"{name}.svg").write_text(f"{HEAD}{body}</svg>\n", encoding="utf-8")
    added = iconkit_command(
        folder, "add", "bell.svg", "heart.svg", "settings.svg",
        "--description", "A bell with a clapper.",
        "--description", "A heart outline.",
        "--description", "A circle with four short spokes.",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert sorted(p.name for p in (folder / "svg").iterdir()) == [f"{n}.svg" for n in ARTWORK]

    listed = iconkit_command(folder, "list", "--format", "json")
    assert [entry["name"] for entry in __import__("json").loads(listed.stdout)] == list(ARTWORK)

    templates = folder / "templates"
    templates.mkdir()
    (templates / "page.html").write_text(PAGE, encoding="utf-8")
    scanned = iconkit_command(folder, "scan", "templates")
    assert scanned.returncode == 0, scanned.stderr
    assert [line.split(": ", 1)[1] for line in scanned.stdout.splitlines()] == [
        "icon('bell')",
        "icon('heart')",
    ]  # icon_button is not scanned: see the scan docs
    (templates / "typo.html").write_text("{{ icon('hart') }}", encoding="utf-8")
    typo = iconkit_command(folder, "scan", "templates")
    assert typo.returncode == 1 and "unknown icon 'hart' in catalog.yaml" in typo.stderr
    assert "did you mean 'heart'" in typo.stderr
    (templates / "typo.html").unlink()

    linted = iconkit_command(folder, "lint")
    assert linted.returncode == 0, linted.stdout + linted.stderr

    env = Environment(loader=FileSystemLoader(templates), autoescape=True)
    iconkit.install(env, project=folder / "app.py")
    before = parse_page(env.get_template("page.html").render())
    svgs = list(before.iter("svg"))
    assert [svg.get("aria-label") for svg in svgs[:2]] == ["Bell", "Likes"]
    assert all(svg.find("use") is None and svg.get("viewbox") for svg in svgs)  # own shapes

    built = iconkit_command(folder, "build")
    assert built.returncode == 0, built.stderr
    out = folder / "iconkit-build"
    assert load_manifest(out)["icons"].keys() == set(ARTWORK)
    assert (folder / ".iconkit-cache").is_dir() and not (out / ".iconkit-cache").exists()

    iconkit.install(env, project=folder / "app.py")
    after = parse_page(env.get_template("page.html").render())
    uses = [use.get("href") for use in after.iter("use")]
    sprite = load_manifest(out)["sprite"]
    assert uses == [f"/static/icons/{sprite}#{name}" for name in ("bell", "heart", "settings")]
    (link,) = after.iter("link")
    assert link.get("href").startswith("/static/icons/iconkit.")
