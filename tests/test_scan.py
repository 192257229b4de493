"""iconkit scan: icon calls found with Jinja's parser through extends, includes and macros."""

from __future__ import annotations

from pathlib import Path

import pytest

from iconkit import load_catalog
from iconkit._paths import shown
from iconkit.cli import main
from iconkit.manifest import load_manifest
from iconkit.scan import ScanError, scan_templates

from .conftest import FIXTURES

CATALOG = load_catalog()
SITE = FIXTURES / "scan" / "site"
CLEAN = FIXTURES / "scan" / "clean"


def found(folder: Path) -> set[tuple[str, int, str | None, str | None]]:
    report = scan_templates([folder], CATALOG)
    return {(use.path.name, use.line, use.name, use.via) for use in report.uses}


def test_every_call_is_found_with_file_and_line() -> None:
    assert found(SITE) == {
        ("base.html", 4, "home", None),
        ("page.html", 5, "envelope", None),
        ("page.html", 5, "calendar", None),
        ("page.html", 6, "close", "button"),
        ("page.html", 7, "magnifying-glass", "btn"),
        ("page.html", 9, None, None),
        ("page.html", 10, "calender", None),
        ("footer.html", 2, "facebook", None),
    }


def test_aliases_resolve_to_their_icon() -> None:
    report = scan_templates([SITE], CATALOG)
    icons = {use.name: use.icon for use in report.uses if use.name}
    assert icons["envelope"] == "email" and icons["magnifying-glass"] == "search"


def test_unknown_names_are_errors_with_suggestions() -> None:
    report = scan_templates([SITE], CATALOG)
    assert [str(p) for p in report.errors] == [
        f"{shown(SITE / 'page.html')}:10: unknown icon 'calender' in the shipped catalogue; "
        "did you mean 'calendar'?"
    ]
    with pytest.raises(ScanError, match="did you mean 'calendar'"):
        report.raise_for_errors()


def test_non_constant_names_are_warnings() -> None:
    report = scan_templates([SITE], CATALOG)
    warnings = report.warnings()
    assert (
        f"{shown(SITE / 'page.html')}:9: icon() is called with a name that is not a constant"
        in warnings
    )
    # the macro's own icon(name) is followed to its callers, not reported
    assert not any("macros.html" in warning for warning in warnings)


def test_a_template_syntax_error_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text("<p>\n{{ icon('home') \n")
    report = scan_templates([tmp_path], CATALOG)
    assert len(report.errors) == 1 and "broken.html:" in str(report.errors[0])
    assert "template syntax" in str(report.errors[0])


def test_cli_scan_lists_uses_and_fails_on_unknown_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(SITE)]) == 1
    captured = capsys.readouterr()
    assert f"{shown(SITE / 'base.html')}:4: icon('home')" in captured.out
    assert f"{shown(SITE / 'page.html')}:5: icon('envelope') -> email" in captured.out
    assert f"{shown(SITE / 'page.html')}:6: button('close') (via button())" in captured.out
    assert "warning: " in captured.err
    assert f"error: {shown(SITE / 'page.html')}:10: unknown icon 'calender'" in captured.err


def test_cli_scan_passes_on_clean_templates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(CLEAN)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{shown(CLEAN / 'index.html')}:2: icon('comment')",
        f"{shown(CLEAN / 'index.html')}:3: icon('clock')",
    ]


def test_a_missing_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path / "nope")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_build_only_used_ships_just_those_icons(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(["build", "--out", str(out), "--jobs", "1", "--only-used", str(CLEAN)])
    assert code == 0
    assert list(load_manifest(out)["icons"]) == ["clock", "comment"]


def test_build_only_used_refuses_unknown_names(tmp_path: Path) -> None:
    assert main(["build", "--out", str(tmp_path / "o"), "--only-used", str(SITE)]) == 1
    assert not (tmp_path / "o").exists()
