"""The built wheel: installed into a fresh virtual environment, used from an empty folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from iconkit import load_catalog

from .conftest import ROOT

pytestmark = pytest.mark.slow


def sh(*argv: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{argv} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    sh(sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT, cwd=ROOT)
    (built,) = out.glob("iconkit-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel (and its dependencies) in it."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    sh(env_dir / "bin" / "python", "-m", "pip", "install", "-q", wheel, cwd=env_dir)
    return env_dir / "bin"


def test_wheel_carries_the_catalogue_and_every_svg(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "iconkit/data/catalog.yaml" in names
    assert "iconkit/py.typed" in names
    for icon in load_catalog():
        assert f"iconkit/data/svg/{icon.path.name}" in names


def test_installed_wheel_loads_the_shipped_set_from_an_empty_folder(
    installed: Path, tmp_path: Path
) -> None:
    script = (
        "import iconkit, sys\n"
        "c = iconkit.load_catalog()\n"
        "print(len(c), c.path, c.resolve('speech-bubble-icon').path.is_file())\n"
    )
    count, path, exists = sh(installed / "python", "-c", script, cwd=tmp_path).split()
    assert int(count) == len(load_catalog())
    assert "site-packages" in path and not path.startswith(str(ROOT))
    assert exists == "True"
    shown = sh(installed / "iconkit", "show", "tick", cwd=tmp_path)
    assert shown.startswith("tick: ")


def test_installed_wheel_renders_icons_with_its_macros(installed: Path, tmp_path: Path) -> None:
    script = (
        "import jinja2, iconkit\n"
        "env = jinja2.Environment(autoescape=True)\n"
        "iconkit.install(env, inline=True)\n"
        't = env.from_string(\'{% import "iconkit/macros.html" as ik %}'
        '{{ icon_sprite() }}{{ ik.icon("comment", "3 comments") }}\')\n'
        "print(t.render())\n"
    )
    html = sh(installed / "python", "-c", script, cwd=tmp_path)
    assert 'aria-label="3 comments"' in html
    assert '<symbol id="iconkit-comment"' in html
    assert "data:" not in html and "style=" not in html  # nothing a strict CSP blocks


def test_installed_wheel_builds_with_its_stylesheet_and_gallery_pages(
    installed: Path, tmp_path: Path
) -> None:
    sh(installed / "iconkit", "build", "--no-png", "--out", "out", cwd=tmp_path)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    css = (tmp_path / "out" / manifest["css"]).read_text(encoding="utf-8")
    assert css == (ROOT / "iconkit" / "static" / "iconkit.css").read_text(encoding="utf-8")
    page = (tmp_path / "out" / "gallery.html").read_text(encoding="utf-8")
    assert page.count('<li class="gallery-item"') == len(load_catalog())


def test_installed_wheel_reads_its_compiled_translations_without_babel(
    installed: Path, tmp_path: Path
) -> None:
    script = (
        "import sys, iconkit.i18n as i\n"
        "t = i.translations('fr')\n"
        "print(type(t).__name__, t.gettext('Close'), 'babel' in sys.modules)\n"
    )
    kind, word, babel = sh(installed / "python", "-c", script, cwd=tmp_path).split()
    assert (kind, babel) == ("GNUTranslations", "False")  # the .mo of the wheel, not the .po
    assert word == "Fermer"
