"""``iconkit._atomic.write_atomic``: whole files, the mode any new file gets, no leftovers."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from iconkit._atomic import write_atomic


@pytest.fixture
def umask() -> Iterator[None]:
    """Run the test under umask 022, then put back the one the session had."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_file_gets_the_mode_the_umask_gives_any_new_file(tmp_path: Path, umask: None) -> None:
    write_atomic(tmp_path / "sprite.svg", b"<svg/>")
    (tmp_path / "plain.svg").write_bytes(b"<svg/>")  # as open() makes any file
    assert mode(tmp_path / "sprite.svg") == mode(tmp_path / "plain.svg") == 0o644
    assert (tmp_path / "sprite.svg").read_bytes() == b"<svg/>"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask: None) -> None:
    target = tmp_path / "catalog.yaml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and mode(target) == 0o640


def test_nothing_is_left_beside_the_file(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.json", b"{}")
    write_atomic(tmp_path / "a.json", b"[]")
    assert [path.name for path in tmp_path.iterdir()] == ["a.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "manifest.json"
    target.write_bytes(b"old")

    def refuse(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["manifest.json"]


def test_a_missing_folder_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "a.json", b"{}")
    assert list(tmp_path.iterdir()) == []
