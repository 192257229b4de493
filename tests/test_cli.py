"""cli.py: every browsing command end to end, exit codes and messages."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iconkit import load_catalog
from iconkit._paths import shown
from iconkit.cli import build_parser, main

from .conftest import FIXTURES, ROOT, TICK_SVG

VALID = FIXTURES / "catalogs" / "valid.yaml"
SHIPPED = load_catalog()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_every_icon_in_catalogue_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list")
    assert code == 0 and err == ""
    names = [line.split()[0] for line in out.splitlines()]
    assert names == [icon.name for icon in SHIPPED]
    comment = next(line for line in out.splitlines() if line.startswith("comment "))
    assert "Comment" in comment and "speech-bubble-icon" in comment


def test_list_json_carries_the_words_and_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--format", "json", "--catalog", str(VALID))
    assert code == 0
    records = json.loads(out)
    assert [r["name"] for r in records] == ["tick", "close", "cross"]
    close = records[1]
    assert close["aliases"] == ["dismiss", "close-icon"]
    assert close["file"] == "svg/close.svg"
    assert set(close) >= {"title", "description", "tags", "fixed_colours", "animated"}


def test_show_resolves_an_alias_and_gives_the_template_call(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "show", "speech-bubble-icon")
    assert code == 0
    comment = SHIPPED.resolve("comment")
    assert out.splitlines()[0] == f"comment: {comment.title}"
    assert comment.description in out
    assert "{{ icon('comment') }}" in out
    assert "svg/comment.svg" in out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "loading-spinner", "--format", "json")
    assert code == 0
    assert json.loads(out)["animated"] is True


def test_show_unknown_name_is_one_line_with_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "show", "coment")
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(
        "error: unknown icon 'coment' in the shipped catalogue; did you mean 'comment'"
    )


def test_search_finds_by_alias_and_description(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "magnifying")
    assert code == 0
    assert out.split()[0] == "search"
    code, out, _ = run(capsys, "search", "envelope")
    assert code == 0 and out.split()[0] == "email"


def test_search_with_no_match_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "zebra", "crossing")
    assert code == 1 and out == ""
    assert err.strip() == "no icon matches 'zebra crossing'"


def test_a_broken_catalogue_is_reported_by_line_without_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = FIXTURES / "catalogs" / "unknown-key.yaml"
    code, out, err = run(capsys, "list", "--catalog", str(bad))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines and all(line.startswith(f"error: {shown(bad)}:") for line in lines)
    assert "Traceback" not in err


def test_a_missing_catalogue_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.yaml"
    code, _, err = run(capsys, "list", "--catalog", str(missing))
    assert code == 1
    assert err.strip() == f"error: {missing}: no such file"


@pytest.mark.parametrize(
    "argv",
    [[], ["frobnicate"], ["show"], ["list", "--format", "xml"], ["search"]],
    ids=["no-command", "unknown-command", "missing-name", "bad-choice", "missing-text"],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert "usage: iconkit" in err


def commands() -> list[str]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return sorted(subparsers.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert out.startswith(f"usage: iconkit {command}")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30).filter(lambda s: not s.startswith("-")))
def test_show_any_name_resolves_or_fails_in_one_line(name: str) -> None:
    code, out, err = show_in_process(name)
    if name in SHIPPED:
        assert code == 0 and out.startswith(f"{SHIPPED.resolve(name).name}: ")
    else:
        assert code == 1 and out == ""
        assert len(err.splitlines()) == 1 and err.startswith("error: unknown icon ")


def show_in_process(name: str) -> tuple[int, str, str]:
    """Run ``iconkit show NAME`` in-process, capturing output without pytest fixtures."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["show", "--", name])
    return code, out.getvalue(), err.getvalue()


def test_python_dash_m_runs_the_cli_from_an_empty_folder(tmp_path: Path) -> None:
    def iconkit(*argv: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "iconkit", *argv]
        return subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )

    done = iconkit("show", "tick")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("tick: ")
    failed = iconkit("show", "tik")
    assert failed.returncode == 1
    assert (
        failed.stderr.strip()
        == "error: unknown icon 'tik' in the shipped catalogue; did you mean 'tick'?"
    )


def test_files_show_relative_to_a_catalogue_reached_through_a_link(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "svg").mkdir()
    (tmp_path / "real" / "svg" / "tick.svg").write_text(TICK_SVG)
    (tmp_path / "real" / "catalog.yaml").write_text("tick:\n  title: Done\n  description: A.\n")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    for catalogue in ("link/catalog.yaml", str(tmp_path / "link" / "catalog.yaml")):
        code, out, _ = run(capsys, "list", "--format", "json", "--catalog", catalogue)
        assert code == 0
        assert json.loads(out)[0]["file"] == os.path.join("svg", "tick.svg")


@pytest.mark.parametrize(
    "argv, code", [(["list"], 0), (["show", "no-such-icon"], 1), (["list", "--no-such-flag"], 2)]
)
def test_the_installed_command_flushes_everything_and_exits_with_the_code(
    argv: list[str], code: int
) -> None:
    # run() leaves with os._exit: whatever is still buffered would be lost.
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    command = [sys.executable, "-m", "iconkit", *argv]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=buffered)
    assert done.returncode == code
    if code == 0:
        names = [line.split()[0] for line in done.stdout.splitlines()]
        assert names == [icon.name for icon in SHIPPED]
    else:
        assert done.stderr.strip() and not done.stdout
