"""Whole real icon sets through ``add``: lucide-static's folder goes in with derived titles.

lucide-static is found through ``ICONKIT_LUCIDE_ICONS`` (its ``icons`` folder), or
installed with npm at the pinned version into ``.test-deps`` (as the browser suite
installs axe-core), so the test runs in CI too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iconkit.add import NewIcon, add_icons
from iconkit.catalog import load_catalog
from iconkit.sprite import build_sprite
from iconkit.words import title_issues

from .conftest import ROOT
from .npm import npm_package, unavailable

pytestmark = pytest.mark.slow
LUCIDE_VERSION = "1.62.0"


@pytest.fixture(scope="session")
def lucide_icons() -> Path:
    given = os.environ.get("ICONKIT_LUCIDE_ICONS")
    if given:
        folder = Path(given)
        if not folder.is_dir():
            unavailable(f"ICONKIT_LUCIDE_ICONS={given} is not a folder")
        return folder
    return npm_package("lucide-static", LUCIDE_VERSION, ROOT / ".test-deps") / "icons"


def test_lucide_static_goes_in_whole_with_derived_titles(
    lucide_icons: Path, tmp_path: Path
) -> None:
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text("# lucide-static, every icon\n", encoding="utf-8")
    files = sorted(lucide_icons.glob("*.svg"))
    assert len(files) > 2000
    icons = [NewIcon.from_file(f, f"Line drawing number {n}.") for n, f in enumerate(files)]
    added = add_icons(catalog, icons)  # raises on any refusal
    assert added.refused == {} and len(added.icons) == len(files)
    loaded = load_catalog(catalog)
    assert all(not [i for i in title_issues(icon.title) if i.level == "error"] for icon in loaded)
    titles = {icon.name: icon.title for icon in loaded}
    assert (titles["a-arrow-down"], titles["check-check"], titles["image"]) == (
        "Letter A arrow down",
        "Double check",
        "Photo",
    )
    assert {icon.credit.license for icon in added.icons} == {"ISC"}
    assert build_sprite(loaded).count(b"<symbol") == len(files)
