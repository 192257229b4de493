"""The suite's own rules: skip with the reason on a developer's machine, fail under CI."""

from __future__ import annotations

import pytest

from ..npm import unavailable
from .conftest import AXE_VERSION, CHROMIUM_ARGS


def test_a_missing_browser_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        unavailable("chromium is not installed")


def test_a_missing_browser_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        unavailable("chromium is not installed")


def test_chromium_stays_off_the_network_and_axe_is_pinned() -> None:
    for flag in ("--disable-background-networking", "--disable-component-update"):
        assert flag in CHROMIUM_ARGS
    assert "--no-first-run" in CHROMIUM_ARGS and "--disable-sync" in CHROMIUM_ARGS
    assert AXE_VERSION.count(".") == 2 and AXE_VERSION.replace(".", "").isdigit()
