"""``iconkit.manifest``: the manifest's bytes, its reader, and what reading it loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from iconkit import load_catalog
from iconkit.errors import ManifestError
from iconkit.manifest import SCHEMA, icon_entry, load_manifest, manifest_bytes, new_manifest


def test_the_bytes_hold_one_icon_a_line_and_read_back_the_same(tmp_path: Path) -> None:
    icons = list(load_catalog())[:3]
    entries = {icon.name: icon_entry(icon, "0" * 64, {"24@1x-dark": "png/x.png"}) for icon in icons}
    manifest = new_manifest("sprite.1.svg", "iconkit.2.css", "/static/icons/", entries)
    data = manifest_bytes(manifest)
    lines = data.decode().splitlines()
    assert [line.split(":", 1)[0] for line in lines[1:4]] == [f'"{icon.name}"' for icon in icons]
    (tmp_path / "manifest.json").write_bytes(data)
    assert load_manifest(tmp_path) == json.loads(data) == manifest
    assert manifest["schema"] == SCHEMA


def test_load_manifest_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"manifest\.json: no manifest; run `iconkit build`"):
        load_manifest(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"schema": 99}))
    with pytest.raises(ManifestError, match="schema 99, expected 1; run `iconkit build`"):
        load_manifest(tmp_path)
    (tmp_path / "manifest.json").write_text("{")
    with pytest.raises(ManifestError, match="unreadable"):
        load_manifest(tmp_path)


def test_a_web_app_reads_the_manifest_without_loading_the_build() -> None:
    code = (
        "import sys, iconkit.jinja\n"
        "from iconkit.manifest import load_manifest\n"
        "heavy = ('iconkit.builder', 'iconkit.png', 'iconkit.gallery', 'iconkit.sanitize',\n"
        "         'tinycss2', 'cairosvg', 'concurrent.futures')\n"
        "print([name for name in heavy if name in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
