"""lint: each rule fires on a fixture made to trigger it and stays quiet on its clean twin."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from iconkit.cli import main
from iconkit.linter import Finding, LintSettings, lint

from .conftest import ROOT

GOOD = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor"'
    ' stroke-width="2" stroke-linecap="round" stroke-linejoin="round">\n'
    '  <path d="{d}"/>\n</svg>\n'
)
BASE = """# A small catalogue for lint tests.
tick:
  title: Done
  description: A tick mark.

close:
  title: Close
  description: An X shape.

"""
BASE_ART = {
    "tick": GOOD.format(d="M4.5 12l5 5 10-10"),
    "close": GOOD.format(d="M6 6l12 12M18 6L6 18"),
}


def svg(body: str, root: str = 'viewBox="0 0 24 24"') -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" {root}>\n  {body}\n</svg>\n'


STROKE = 'fill="none" stroke="currentColor" stroke-width="2"'
PLAIN = GOOD.format(d="M12 4v16")
ENTRY = "probe:\n  title: Probe\n  description: A vertical line.\n"

# rule: (entry, artwork) that trigger it, then (entry, artwork) that do not.
CASES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "catalog": (("probe:\n  title: Probe\n", PLAIN), (ENTRY, PLAIN)),
    "unreadable-svg": ((ENTRY, "<svg>not closed"), (ENTRY, PLAIN)),
    "forbidden-content": (
        (ENTRY, svg(f'<path d="M12 4v16" {STROKE} onclick="alert(1)"/>')),
        (ENTRY, PLAIN),
    ),
    "viewbox-missing": (
        (ENTRY, svg(f'<path d="M12 4v16" {STROKE}/>', 'width="24" height="24"')),
        (ENTRY, PLAIN),
    ),
    "viewbox-not-square": (
        (ENTRY, svg(f'<path d="M12 4v16" {STROKE}/>', 'viewBox="0 0 24 20"')),
        (ENTRY, PLAIN),
    ),
    "license": (
        (ENTRY + "  source: Example Strokes 1.0\n", PLAIN),
        (ENTRY + "  source: Example Strokes 1.0\n  license: MIT\n", PLAIN),
    ),
    "nothing-to-draw": (
        (ENTRY, svg('<path d="M12 4v16" fill="none"/>')),  # no stroke, no fill: nothing shows
        (ENTRY, PLAIN),
    ),
    "off-grid": (
        (ENTRY, svg(f'<path d="M8 2v12" {STROKE}/>', 'viewBox="0 0 16 16"')),
        (ENTRY, PLAIN),
    ),
    "fixed-colours": (
        (
            ENTRY,
            svg(
                '<path d="M12 4v16" fill="none" stroke="#d1242f" stroke-width="2"/>\n  '
                '<path d="M4 4h16" fill="none" stroke="#1a7f37" stroke-width="2"/>'
            ),
        ),
        (
            ENTRY.replace("line.\n", "line.\n  fixed_colours: true\n"),
            svg(
                '<path d="M12 4v16" fill="none" stroke="#d1242f" stroke-width="2"/>\n  '
                '<path d="M4 4h16" fill="none" stroke="#1a7f37" stroke-width="2"/>'
            ),
        ),
    ),
    "stroke-width": (
        (ENTRY, svg('<path d="M12 4v16" fill="none" stroke="currentColor" stroke-width="1.5"/>')),
        (
            ENTRY,
            svg(
                '<path d="M12 4v16" fill="none" stroke="currentColor" stroke-width="2"/>\n  '
                '<path d="M4 4h4v4z" fill="currentColor" stroke="none" stroke-width="1"/>'
            ),
        ),
    ),
    "size-budget": (
        (ENTRY, svg(f'<path d="M12 4v16{" l0 0" * 500}" {STROKE}/>')),
        (ENTRY, PLAIN),
    ),
    "not-normalised": (
        (ENTRY, svg(f'<!-- made by hand --><path d="M12 4v16" {STROKE}/>')),
        (ENTRY, PLAIN),
    ),
    "style-element": (
        (
            ENTRY,
            svg(f'<style>path:hover {{ opacity: 0.5 }}</style>\n  <path d="M12 4v16" {STROKE}/>'),
        ),
        (ENTRY, PLAIN),
    ),
    "unused-file": ((ENTRY, PLAIN), (ENTRY, PLAIN)),  # the trigger adds svg/stray.svg
    "title-names-the-medium": ((ENTRY.replace("Probe", "Probe icon"), PLAIN), (ENTRY, PLAIN)),
    "title-too-long": (
        (ENTRY.replace("title: Probe", "title: Probe for the long thin line"), PLAIN),
        (ENTRY.replace("title: Probe", "title: Long thin probe"), PLAIN),
    ),
    "title-punctuation": ((ENTRY.replace("title: Probe", "title: Probe."), PLAIN), (ENTRY, PLAIN)),
    "description-repeats-title": (
        (ENTRY.replace("A vertical line.", "A probe."), PLAIN),
        (ENTRY, PLAIN),
    ),
    "description-punctuation": (
        (ENTRY.replace("A vertical line.", "A vertical line"), PLAIN),
        (ENTRY.replace("A vertical line.", "A vertical line!"), PLAIN),
    ),
    "article": (
        (ENTRY.replace("A vertical line.", "A upright line."), PLAIN),
        (ENTRY.replace("A vertical line.", "An upright line."), PLAIN),
    ),
    "doubled-word": (
        (ENTRY.replace("A vertical line.", "A the vertical line."), PLAIN),
        (ENTRY.replace("A vertical line.", "A line, the vertical one."), PLAIN),
    ),
    "duplicate-title": ((ENTRY.replace("title: Probe", "title: Done"), PLAIN), (ENTRY, PLAIN)),
    "mirror-undecided": (
        (ENTRY.replace("title: Probe", "title: Reply"), PLAIN),
        (ENTRY.replace("title: Probe", "title: Reply") + "  mirror: false\n", PLAIN),
    ),
}


@pytest.fixture
def project(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(entry: str, artwork: str) -> Path:
        (tmp_path / "svg").mkdir(exist_ok=True)
        for name, art in BASE_ART.items():
            (tmp_path / "svg" / f"{name}.svg").write_text(art, encoding="utf-8")
        (tmp_path / "svg" / "probe.svg").write_text(artwork, encoding="utf-8")
        path = tmp_path / "catalog.yaml"
        path.write_text(BASE + entry, encoding="utf-8")
        return path

    return write


def rules(findings: list[Finding]) -> set[str]:
    return {finding.rule for finding in findings}


def test_every_rule_has_a_case() -> None:
    assert len(CASES) == 23


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_on_its_trigger(rule: str, project: Callable[[str, str], Path]) -> None:
    (entry, artwork), _ = CASES[rule]
    path = project(entry, artwork)
    if rule == "unused-file":
        (path.parent / "svg" / "stray.svg").write_text(PLAIN, encoding="utf-8")
    findings = lint(path).findings
    assert rule in rules(findings), [str(f) for f in findings]
    for finding in findings:
        assert str(finding).startswith(
            f"{finding.path}:{finding.line}: " if finding.line else finding.path
        )
        assert finding.level in ("error", "warning")


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_is_quiet_on_its_clean_twin(rule: str, project: Callable[[str, str], Path]) -> None:
    _, (entry, artwork) = CASES[rule]
    findings = lint(project(entry, artwork)).findings
    assert findings == [], [str(f) for f in findings]


def test_words_findings_point_at_the_line_of_the_value(project: Callable[[str, str], Path]) -> None:
    path = project(ENTRY.replace("A vertical line.", "A upright line."), PLAIN)
    (finding,) = lint(path).findings
    line = path.read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert line == "  description: A upright line."
    assert finding.level == "error"


def test_fixes_point_at_the_line_of_the_value_they_changed(
    project: Callable[[str, str], Path],
) -> None:
    entry = "probe:\n  title:\n    Probe Icon\n  description: >-\n    A upright\n    line.\n"
    entry += "other:\n  title: Probe Icon\n  description: An upright line.\n"
    path = project(entry, PLAIN)
    (path.parent / "svg" / "other.svg").write_text(PLAIN, encoding="utf-8")
    fixed = lint(path, fix=True).fixed
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [(f.rule, lines[f.line - 1]) for f in fixed if f.line] == [
        ("title-names-the-medium", "    Probe"),
        ("title-names-the-medium", "  title: Probe"),
    ]  # probe's description is a folded block: left to the designer, so not fixed


def test_the_shipped_catalogue_lints_clean() -> None:
    assert lint(ROOT / "catalog.yaml").findings == []


def test_the_shipped_catalogue_lints_clean_from_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["lint"]) == 0
    assert capsys.readouterr().out == ""


def test_errors_exit_1_and_warnings_alone_exit_0(
    project: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project(ENTRY.replace("title: Probe", "title: Probe icon"), PLAIN)
    assert main(["lint", "--catalog", str(path)]) == 1
    out = capsys.readouterr().out
    assert ":11: error: icon 'probe': title 'Probe icon' says icon/image/graphic" in out
    path = project(ENTRY.replace("A vertical line.", "A vertical line"), PLAIN)
    assert main(["lint", "--catalog", str(path)]) == 0
    assert (
        ": warning: icon 'probe': description 'A vertical line' does not end"
        in capsys.readouterr().out
    )


def test_json_has_the_same_fields(
    project: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = project(ENTRY.replace("title: Probe", "title: Probe icon"), PLAIN)
    assert main(["lint", "--catalog", str(path), "--format", "json"]) == 1
    (record,) = json.loads(capsys.readouterr().out)
    assert set(record) == {"path", "line", "level", "message", "rule"}
    assert (record["line"], record["level"], record["rule"]) == (
        11,
        "error",
        "title-names-the-medium",
    )


def test_catalog_errors_become_findings_with_lines(project: Callable[[str, str], Path]) -> None:
    path = project("probe:\n  title: Probe\n  colour: red\n  description: A line.\n", PLAIN)
    (finding,) = lint(path).findings
    assert (finding.rule, finding.line, finding.level) == ("catalog", 12, "error")
    assert "unknown key 'colour'" in finding.message


def test_fix_corrects_words_and_artwork_and_says_what_it_changed(
    project: Callable[[str, str], Path],
) -> None:
    entry = "probe:\n  title: Probe Icon  # the seed's mistake\n  description: A upright line\n"
    artwork = svg(
        f'<!-- x --><path d="M12 4v16" {STROKE} onclick="alert(1)"/>', 'width="24" height="24"'
    )
    path = project(entry, artwork)
    before = path.read_text(encoding="utf-8")
    report = lint(path, fix=True)
    assert report.findings == []
    fixed = {f.rule for f in report.fixed}
    assert {"title-names-the-medium", "article", "description-punctuation", "artwork"} <= fixed
    after = path.read_text(encoding="utf-8")
    assert after.splitlines()[:-2] == before.splitlines()[:-2]
    assert after.splitlines()[-2:] == [
        "  title: Probe  # the seed's mistake",
        "  description: An upright line.",
    ]
    art = (path.parent / "svg" / "probe.svg").read_text(encoding="utf-8")
    assert "onclick" not in art and "<!--" not in art and 'viewBox="0 0 24 24"' in art
    assert lint(path, fix=True).fixed == []


def test_fix_leaves_what_it_cannot_fix_safely(project: Callable[[str, str], Path]) -> None:
    path = project(ENTRY.replace("A vertical line.", "A the vertical line."), PLAIN)
    before = path.read_bytes()
    report = lint(path, fix=True)
    assert report.fixed == [] and path.read_bytes() == before
    assert rules(report.findings) == {"doubled-word"}


def levels(findings: list[Finding]) -> dict[str, str]:
    return {finding.rule: finding.level for finding in findings}


def test_a_wide_icon_is_a_warning_where_the_set_is_square_and_fine_where_it_is_not(
    project: Callable[[str, str], Path],
) -> None:
    wide = svg(f'<path d="M2 8h28" {STROKE}/>', 'viewBox="0 0 32 16"')
    path = project(ENTRY, wide)
    found = lint(path).findings
    assert levels(found) == {"viewbox-not-square": "warning"}
    assert "unlike the set's (0 0 24 24)" in found[0].message
    for name in BASE_ART:  # now most of the set is wide: a set of logos, say
        (path.parent / "svg" / f"{name}.svg").write_text(wide, encoding="utf-8")
    assert lint(path).findings == []
    assert levels(lint(path, LintSettings(grid=24)).findings) == {"viewbox-not-square": "warning"}


def test_near_black_greys_are_folded_by_fix_and_real_colours_name_fixed_colours(
    project: Callable[[str, str], Path],
) -> None:
    greys = svg(
        '<path d="M12 4v16" fill="none" stroke="#222222" stroke-width="2"/>\n  '
        '<path d="M4 4h16" fill="none" stroke="#333333" stroke-width="2"/>'
    )
    path = project(ENTRY, greys)
    (finding,) = [f for f in lint(path).findings if f.level == "error"]
    assert finding.rule == "fixed-colours" and "`iconkit lint --fix` folds them" in finding.message
    report = lint(path, fix=True)
    assert report.findings == []
    assert any("folded the near-black greys" in f.message for f in report.fixed)
    trigger = CASES["fixed-colours"][0]
    (colours,) = [f for f in lint(project(*trigger)).findings if f.level == "error"]
    assert "set fixed_colours: true" in colours.message


def test_fix_resolves_a_switch_to_what_a_browser_draws(project: Callable[[str, str], Path]) -> None:
    switch = svg(
        '<switch><foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/"'
        f' width="1" height="1"/><g><path d="M12 4v16" {STROKE}/></g></switch>'
    )
    path = project(ENTRY, switch)
    assert levels(lint(path).findings)["forbidden-content"] == "error"
    report = lint(path, fix=True)
    assert report.findings == []
    (fixed,) = report.fixed
    assert "<switch>: kept <g>" in fixed.message
    assert "<path" in (path.parent / "svg" / "probe.svg").read_text(encoding="utf-8")


def test_settings_override_what_the_set_does(project: Callable[[str, str], Path]) -> None:
    path = project(ENTRY, PLAIN)
    assert rules(lint(path, LintSettings(size_budget=100)).findings) == {"size-budget"}
    assert rules(lint(path, LintSettings(stroke_width=1.5)).findings) == {"stroke-width"}
    assert rules(lint(path, LintSettings(grid=16)).findings) == {"off-grid"}


def test_the_shipped_set_copied_lints_clean_and_fix_changes_nothing(tmp_path: Path) -> None:
    shutil.copy(ROOT / "catalog.yaml", tmp_path / "catalog.yaml")
    shutil.copytree(ROOT / "svg", tmp_path / "svg")
    report = lint(tmp_path / "catalog.yaml", fix=True)
    assert report.fixed == [] and report.findings == []


def test_every_rule_is_documented_with_an_example() -> None:
    page = (ROOT / "docs" / "designers.md").read_text(encoding="utf-8")
    table = page.split("### Every rule")[1]
    documented = re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", table, re.MULTILINE)
    assert sorted(rule for rule, _ in documented) == sorted(CASES)
    for rule, level in documented:
        assert level in ("error", "warning"), rule
