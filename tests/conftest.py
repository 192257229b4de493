"""Shared fixtures: paths into the repository and small catalogues written on the fly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TICK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
    'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
    '<path d="M4.5 12l5 5 10-10"/></svg>'
)


@pytest.fixture
def write_catalog(tmp_path: Path) -> Callable[[str], Path]:
    """Write ``catalog.yaml`` text into a fresh folder whose svg/ holds a file per name.

    Every top-level name in the text gets ``svg/<name>.svg`` (a tick), so tests
    only spell out what they are about.
    """

    def write(text: str, *, artwork: tuple[str, ...] | None = None) -> Path:
        (tmp_path / "svg").mkdir(exist_ok=True)
        names = artwork
        if names is None:
            names = tuple(
                line.split(":", 1)[0]
                for line in text.splitlines()
                if line and not line[0].isspace() and not line.startswith("#") and ":" in line
            )
        for name in names:
            (tmp_path / "svg" / f"{name}.svg").write_text(TICK_SVG, encoding="utf-8")
        path = tmp_path / "catalog.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
