"""A build killed with SIGKILL at any moment: the output stays whole, no process stays behind,
and the next build tidies up and finishes. Real builds, killed as ``kill -9`` would."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from iconkit.manifest import load_manifest

from .conftest import ROOT

pytestmark = pytest.mark.slow

SETTINGS = """[tool.iconkit]
catalog = "catalog.yaml"
out = "static/icons"
sizes = [16, 24, 32, 48]
scales = [1, 2]
jobs = 2
colours = {{ dark = "{dark}", light = "#f6f8fa" }}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The shipped set as a project of its own, built once in dark grey."""
    shutil.copy(ROOT / "catalog.yaml", tmp_path / "catalog.yaml")
    shutil.copytree(ROOT / "svg", tmp_path / "svg")
    (tmp_path / "pyproject.toml").write_text(SETTINGS.format(dark="#1f2328"))
    assert finished(tmp_path).returncode == 0
    # The next build renders every PNG again: the dark colour changes.
    (tmp_path / "pyproject.toml").write_text(SETTINGS.format(dark="#000000"))
    return tmp_path


COMMAND = [sys.executable, "-m", "iconkit", "build", "--quiet"]


def build(project: Path) -> subprocess.Popen[bytes]:
    """``iconkit build`` in its own process group, so that what it leaves behind can be found."""
    return subprocess.Popen(
        COMMAND, cwd=project, start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def finished(project: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *flags], cwd=project, capture_output=True, text=True, timeout=300, check=False
    )


def running_in_group(group: int) -> list[str]:
    """The processes of process group ``group`` that still run (not zombies: a container's
    first process may never reap the orphans it inherits), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, rest = stat.read_text().split(" (", 1)
        except OSError:  # gone meanwhile
            continue
        fields = rest.rsplit(") ", 1)[1].split()
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(f"{pid} {(stat.parent / 'cmdline').read_bytes()!r}")
    return found


def staged_pngs(out: Path) -> int:
    count = 0
    for folder in out.glob(".iconkit-tmp-*"):
        with contextlib.suppress(OSError):  # not made yet, or gone with its build
            count += len(os.listdir(folder / "png"))
    return count


def symbols(out: Path, seen: list[int]) -> bool:
    return time.sleep(0.15) is None  # the plan: reading and checking the artwork


def pngs(out: Path, seen: list[int]) -> bool:
    return staged_pngs(out) >= 20


def commit(out: Path, seen: list[int]) -> bool:
    """Every PNG is rendered (44 icons, 16 each) and the files are being renamed into place."""
    count = staged_pngs(out)
    seen.append(count)
    return count >= 704 or count < max(seen)


@pytest.mark.parametrize("moment", [symbols, pngs, commit], ids=lambda f: f.__name__)
def test_a_build_killed_at_any_moment_leaves_everything_whole(
    project: Path, moment: Callable[[Path, list[int]], bool]
) -> None:
    out = project / "static" / "icons"
    before = load_manifest(out)
    running = build(project)
    seen: list[int] = []
    deadline = time.monotonic() + 120
    while not moment(out, seen):
        assert running.poll() is None, "the build ended before the moment to kill it"
        assert time.monotonic() < deadline
        time.sleep(0.001)
    os.kill(running.pid, signal.SIGKILL)
    running.wait()

    for _ in range(100):  # the fork server and the PNG workers follow their build out
        if not running_in_group(running.pid):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"processes of the killed build still run: {running_in_group(running.pid)}")

    manifest = load_manifest(out)  # still whole: the old build's, or (at the very end) the new
    assert manifest["icons"].keys() == before["icons"].keys()
    referenced = [manifest["sprite"], manifest["css"]]
    referenced += [path for entry in manifest["icons"].values() for path in entry["png"].values()]
    assert all((out / path).is_file() for path in referenced)
    assert (out / "gallery.html").is_file()

    after = finished(project)  # takes the lock at once: the killed build's lock died with it
    assert after.returncode == 0, after.stderr
    assert "waiting for another" not in after.stderr
    assert not list(out.glob(".iconkit-tmp-*")), "the next build left the killed one's staging"
    assert finished(project, "--check").returncode == 0
    assert not list(out.glob(".iconkit-cache*")), "the cache is not in the served folder"
