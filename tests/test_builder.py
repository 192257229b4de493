"""``iconkit build``: outputs, manifest, reproducibility, incremental, atomic, --check, CLI."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from iconkit import __version__, load_catalog
from iconkit._shipped import stylesheet
from iconkit.builder import build, check, lock_file
from iconkit.cli import main
from iconkit.errors import BuildError, UnsafeSVGError
from iconkit.manifest import load_manifest
from iconkit.safesvg import Limits
from iconkit.settings import Settings, load_settings

from .conftest import FIXTURES, ROOT

SMALL = ("comment", "loading-spinner", "success-tick")  # catalogue order


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the symbol cache aside), by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".iconkit-cache" not in path.parts
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of three shipped icons as a catalogue of its own, in ``tmp_path/project``."""
    folder = tmp_path / "project"
    (folder / "svg").mkdir(parents=True)
    text = (ROOT / "catalog.yaml").read_text(encoding="utf-8")
    blocks = [block for block in text.split("\n\n") if block.split(":", 1)[0] in SMALL]
    (folder / "catalog.yaml").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    for name in SMALL:
        shutil.copy(ROOT / "svg" / f"{name}.svg", folder / "svg")
    return folder


def settings_for(project: Path, **changes: object) -> Settings:
    values: dict[str, object] = {
        "catalog": project / "catalog.yaml",
        "out": project / "out",
        "cache": project / ".iconkit-cache",
        "sizes": (16, 24),
        "scales": (1, 2),
        "jobs": 1,
    }
    values.update(changes)
    return Settings(**values)  # type: ignore[arg-type]


def test_build_writes_sprite_css_pngs_gallery_and_manifest(project: Path) -> None:
    settings = settings_for(project)
    result = build(settings)
    out = settings.out
    manifest = load_manifest(out)
    assert manifest["schema"] == 1 and manifest["iconkit"] == __version__
    assert list(manifest["icons"]) == list(SMALL)
    sprite = (out / manifest["sprite"]).read_bytes()
    assert manifest["sprite"] == f"sprite.{hashlib.sha256(sprite).hexdigest()[:8]}.svg"
    assert (out / manifest["css"]).read_bytes() == stylesheet()
    assert (out / "gallery.html").is_file()
    entry = manifest["icons"]["success-tick"]
    assert entry["title"] == load_catalog(project / "catalog.yaml").resolve("success-tick").title
    assert entry["symbol"] == "success-tick" and entry["fixed_colours"] is True
    assert manifest["icons"]["loading-spinner"]["animated"] is True
    assert len(entry["hash"]) == 64
    assert sorted(entry["png"]) == sorted(
        f"{size}@{scale}x-{colour}"
        for size in (16, 24)
        for scale in (1, 2)
        for colour in ("dark", "light")
    )
    for key, path in entry["png"].items():
        size, scale = int(key.split("@")[0]), int(key.split("@")[1][0])
        with Image.open(out / path) as image:
            assert image.size == (size * scale, size * scale)
    assert len(result.rendered) == 3 * 2 * 2 * 2 and result.reused == 0
    assert not list(out.glob(".iconkit-tmp-*"))


def test_two_builds_give_the_same_bytes(project: Path, tmp_path: Path) -> None:
    build(settings_for(project, out=tmp_path / "one"))
    build(settings_for(project, out=tmp_path / "two", jobs=2))
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_an_unchanged_rebuild_renders_nothing(project: Path) -> None:
    settings = settings_for(project)
    build(settings)
    before = snapshot(settings.out)
    again = build(settings)
    assert again.rendered == [] and again.removed == [] and again.reused == 24
    assert snapshot(settings.out) == before


def test_one_changed_icon_re_renders_only_its_pngs(project: Path) -> None:
    settings = settings_for(project)
    build(settings)
    old = load_manifest(settings.out)
    artwork = project / "svg" / "comment.svg"
    artwork.write_text(artwork.read_text().replace('stroke-width="2"', 'stroke-width="1.5"'))
    result = build(settings)
    new = load_manifest(settings.out)
    assert sorted(result.rendered) == sorted(new["icons"]["comment"]["png"].values())
    assert all(path.startswith("png/comment-") for path in result.rendered)
    assert new["icons"]["success-tick"] == old["icons"]["success-tick"]
    assert new["sprite"] != old["sprite"]
    stale = {old["sprite"], *old["icons"]["comment"]["png"].values()}
    assert set(result.removed) == stale
    assert not any((settings.out / path).exists() for path in stale)


def test_a_bad_icon_stops_the_build_and_leaves_the_previous_output(project: Path) -> None:
    settings = settings_for(project)
    build(settings)
    before = snapshot(settings.out)
    shutil.copy(FIXTURES / "sprite" / "has-script.svg", project / "svg" / "bad.svg")
    with (project / "catalog.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\nbad:\n  title: Bad\n  description: A file with a script.\n")
    with pytest.raises(UnsafeSVGError, match=r"bad\.svg:3: "):
        build(settings)
    assert snapshot(settings.out) == before


def test_a_render_failure_midway_leaves_the_previous_output(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(project)
    build(settings, ["comment"])
    before = snapshot(settings.out)
    import iconkit.png

    calls = []
    real = iconkit.png.render_png

    def flaky(symbol: bytes, pixels: int, colour: str, *, mirrored: bool = False) -> bytes:
        calls.append(pixels)
        if len(calls) == 10:  # after nine PNGs were rendered and written to staging
            raise ValueError("the renderer gave up")
        return real(symbol, pixels, colour, mirrored=mirrored)

    monkeypatch.setattr(iconkit.png, "render_png", flaky)
    with pytest.raises(BuildError, match=r"success-tick\.svg: cannot render .*gave up"):
        build(settings)
    assert snapshot(settings.out) == before
    assert not list(settings.out.glob(".iconkit-tmp-*"))


def test_artwork_over_max_bytes_is_refused_at_one_byte_over(project: Path) -> None:
    artwork = project / "svg" / "comment.svg"
    padded = artwork.read_bytes().rstrip() + b" " * 4000 + b"\n"  # valid XML, just longer
    artwork.write_bytes(padded)
    fits = settings_for(project, png=False, limits=Limits(max_bytes=len(padded)))
    build(fits)
    over = settings_for(project, png=False, limits=Limits(max_bytes=len(padded) - 1))
    with pytest.raises(UnsafeSVGError) as refused:
        build(over)
    assert str(refused.value) == f"{artwork}: more than {len(padded) - 1} bytes, over the limit"


def test_a_failed_first_build_leaves_no_folder(project: Path) -> None:
    (project / "svg" / "comment.svg").write_text("<svg")
    with pytest.raises(UnsafeSVGError):
        build(settings_for(project))
    assert not (project / "out").exists()


def test_check_lists_missing_and_stale_files_and_writes_nothing(project: Path) -> None:
    settings = settings_for(project)
    problems = check(settings)
    assert not settings.out.exists()
    assert any(p.endswith("manifest.json: missing") for p in problems)
    assert sum(p.endswith(".png: missing") for p in problems) == 24
    build(settings)
    assert check(settings) == []
    artwork = project / "svg" / "comment.svg"
    artwork.write_text(artwork.read_text().replace('stroke-width="2"', 'stroke-width="3"'))
    before = snapshot(settings.out)
    problems = check(settings)
    assert snapshot(settings.out) == before
    assert any(p.endswith("manifest.json: stale") for p in problems)
    assert sum("png/comment-" in p and p.endswith("missing") for p in problems) == 8
    assert sum("png/comment-" in p and "earlier build" in p for p in problems) == 8


def test_progress_bar_only_when_given_a_stream(project: Path) -> None:
    stream = io.StringIO()
    build(settings_for(project), progress=stream)
    assert "rendering PNGs [" in stream.getvalue() and "24/24" in stream.getvalue()


def test_only_some_icons(project: Path) -> None:
    settings = settings_for(project)
    build(settings, ["success-tick"])
    assert list(load_manifest(settings.out)["icons"]) == ["success-tick"]


def cli(project: Path, *extra: str) -> int:
    return main(["build", "--catalog", str(project / "catalog.yaml"), "--jobs", "1", *extra])


def test_cli_build_then_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(project / "out")
    assert cli(project, "--out", out, "--check") == 1
    captured = capsys.readouterr()
    assert "manifest.json: missing" in captured.out
    assert "files missing or stale; run `iconkit build`" in captured.err
    assert cli(project, "--out", out) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""  # not a terminal: quiet
    assert cli(project, "--out", out, "--check") == 0
    assert capsys.readouterr().out == ""


def test_cli_bad_icon_is_one_line_and_exit_1(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "out"
    assert cli(project, "--out", str(out), "--quiet") == 0
    before = snapshot(out)
    (project / "svg" / "comment.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">')
    assert cli(project, "--out", str(out)) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "comment.svg" in error
    assert snapshot(out) == before


def test_cli_rejects_a_bad_jobs_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--jobs", "0"]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_python_m_iconkit_build_reads_pyproject_settings(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.iconkit]\ncatalog = "catalog.yaml"\nout = "site/icons"\nsizes = [16]\nscales = [1]\n'
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "iconkit", "build", "--jobs", "1"]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    manifest = load_manifest(project / "site" / "icons")
    assert sorted(manifest["icons"]["comment"]["png"]) == ["16@1x-dark", "16@1x-light"]
    checked = subprocess.run(
        [*command, "--check"], cwd=project, capture_output=True, text=True, env=env
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_no_png_writes_sprite_css_gallery_and_manifest_only(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "out"
    assert cli(project, "--out", str(out), "--no-png") == 0
    manifest = load_manifest(out)
    assert all(entry["png"] == {} for entry in manifest["icons"].values())
    assert not (out / "png").exists()
    written = sorted(name for name in snapshot(out) if not name.startswith("gallery."))
    assert written == sorted(["manifest.json", manifest["sprite"], manifest["css"]])
    gallery = sorted(name for name in snapshot(out) if name.startswith("gallery."))
    assert sorted(name.rsplit(".", 1)[1] for name in gallery) == ["css", "html", "js"]


def test_symbols_are_the_same_whatever_jobs_and_errors_name_the_first_bad_icon(
    tmp_path: Path,
) -> None:
    """Over several chunks of artwork read before their symbols are made, ``--jobs`` does
    not change a byte, and the first bad icon in catalogue order is the one reported."""
    from iconkit.builder import CHUNK

    source = (ROOT / "svg" / "comment.svg").read_bytes()
    (tmp_path / "svg").mkdir()
    names = [f"icon-{number:03}" for number in range(2 * CHUNK + 10)]
    for number, name in enumerate(names):  # each its own bytes, so no two symbols match
        (tmp_path / "svg" / f"{name}.svg").write_bytes(
            source.replace(b"<svg", f"<svg opacity='{1 - number / 1000}'".encode(), 1)
        )
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(
        "".join(
            f"{name}:\n  title: Icon {name}\n  description: The {name} artwork.\n" for name in names
        )
    )

    def built(jobs: str, out: str) -> subprocess.CompletedProcess[str]:
        command = [
            sys.executable,
            "-m",
            "iconkit",
            "build",
            "--catalog",
            str(catalog),
            "--no-png",
            "--jobs",
            jobs,
            "--out",
            str(tmp_path / out),
        ]
        return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)

    assert built("1", "serial").returncode == 0
    assert built("2", "parallel").returncode == 0
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")
    for bad in (names[100], names[-1]):  # in two different chunks
        shutil.copy(FIXTURES / "sprite" / "has-script.svg", tmp_path / "svg" / f"{bad}.svg")
    failed = built("2", "bad")
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"error: svg/{names[100]}.svg:3: ")  # run in tmp_path
    assert failed.stderr.count("\n") == 1 and not (tmp_path / "bad").exists()
    assert built("1", "bad").stderr == failed.stderr


# -- docs/build.md ------------------------------------------------------------------------

DOC = (ROOT / "docs" / "build.md").read_text(encoding="utf-8")


def blocks(kind: str) -> list[str]:
    import re

    return re.findall(rf"```{kind}\n(.*?)```", DOC, re.DOTALL)


def test_docs_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert blocks("python")
    for block in blocks("python"):
        exec(compile(block, "docs/build.md", "exec"), {})


def test_docs_toml_example_is_read_by_the_settings_loader(tmp_path: Path) -> None:
    from iconkit.settings import load_settings

    (tmp_path / "pyproject.toml").write_text(blocks("toml")[0])
    settings = load_settings(tmp_path)
    assert settings.out == tmp_path / "static" / "icons" and settings.jobs == 4


def test_docs_settings_table_matches_the_code() -> None:
    import re

    from iconkit.settings import _KEYS

    table = DOC.split("## Settings")[1].split("\n## ")[0]
    rows = re.findall(r"^\| `([a-z-]+)` \|([^|]*)\|([^|]*)\|", table, re.MULTILINE)
    assert [key for key, _, _ in rows] == list(_KEYS)
    defaults = {key: default.strip() for key, _, default in rows}
    settings = Settings()
    assert defaults["out"] == f"`{settings.out}`"
    assert defaults["url-prefix"] == f"`{settings.url_prefix}`"
    assert defaults["sizes"] == f"`{list(settings.sizes)}`"
    assert defaults["scales"] == f"`{list(settings.scales)}`"
    colours = ", ".join(f'{k} = "{v}"' for k, v in settings.colours.items())
    assert defaults["colours"] == f"`{{ {colours} }}`"
    assert defaults["png"] == f"`{str(settings.png).lower()}`"


def test_docs_name_every_build_option() -> None:
    from iconkit.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    for command in ("build", "scan"):
        assert f"iconkit {command}" in DOC
    sub = commands.choices["build"]  # type: ignore[index]
    for action in sub._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in DOC, f"{option} is not in docs/build.md"


def test_docs_manifest_example_has_the_keys_a_build_writes(project: Path) -> None:
    documented = json.loads(blocks("json")[0])
    build(settings_for(project, sizes=(16,), scales=(1,)))
    real = load_manifest(project / "out")
    assert set(documented) == set(real)
    assert set(documented["icons"]["comment"]) == set(real["icons"]["comment"])


def test_cli_on_a_terminal_shows_progress_and_a_summary(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import iconkit.builder

    screen = io.StringIO()
    monkeypatch.setattr(iconkit.builder, "terminal", lambda stream=None: screen)
    assert cli(project, "--out", str(project / "out")) == 0
    text = screen.getvalue()
    assert "rendering PNGs [" in text
    assert text.rstrip().splitlines()[-1].startswith("built 3 icons into ")
    screen.truncate(0)
    assert cli(project, "--out", str(project / "out"), "--quiet") == 0
    assert screen.getvalue() == ""


@pytest.mark.slow
def test_the_wheel_ships_the_css_and_the_gallery_template(tmp_path: Path) -> None:
    import zipfile

    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)]
    subprocess.run(command, check=True, capture_output=True)
    (wheel,) = tmp_path.glob("iconkit-*.whl")
    archive = zipfile.ZipFile(wheel)
    assert archive.read("iconkit/static/iconkit.css") == stylesheet()
    assert "iconkit/pages/gallery.html" in archive.namelist()


def test_an_output_path_that_is_a_file_is_one_line_and_exit_1(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "out").write_text("not a folder")
    assert cli(project, "--out", str(project / "out")) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "cannot create the output folder" in error
    assert (project / "out").read_text() == "not a folder"


def test_a_second_build_into_the_same_folder_waits_for_the_first(tmp_path: Path) -> None:
    """Builds into one folder take turns: the waiting one says so and then succeeds."""
    import fcntl

    out = tmp_path / "out"
    lock = lock_file(load_settings(tmp_path, out=out))
    lock.parent.mkdir(parents=True)
    command = [sys.executable, "-m", "iconkit", "build", "--out", str(out), "--no-png", "--quiet"]
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        waiting = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
        assert waiting.stderr is not None
        line = waiting.stderr.readline()  # blocks until the build reaches the lock
        assert line.startswith("waiting for another iconkit build into out")
        assert waiting.poll() is None and not (out / "manifest.json").exists()
    _, rest = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, rest
    assert load_manifest(out)["icons"].keys() == {icon.name for icon in load_catalog()}


def test_an_output_folder_that_cannot_be_locked_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock_file(load_settings(tmp_path, out=tmp_path / "out")).mkdir(parents=True)  # not a file
    assert main(["build", "--project", str(tmp_path), "--out", str(tmp_path / "out"),
                 "--no-png", "--quiet"]) == 1  # fmt: skip
    error = capsys.readouterr().err
    assert error.startswith("error: ") and ".lock: cannot lock: Is a directory" in error
    assert len(error.splitlines()) == 1


def test_icons_that_mirror_get_flipped_pngs_that_icon_img_uses_for_rtl(tmp_path: Path) -> None:
    from jinja2 import Environment

    import iconkit

    out = tmp_path / "out"
    settings = Settings(out=out, cache=tmp_path / "cache", sizes=(24,), colours={"dark": "#000"})
    build(settings)
    icons = load_manifest(out)["icons"]
    assert icons["next"]["mirror"] is True and "mirror" not in icons["clock"]
    flipped = icons["next"]["png_rtl"]
    assert set(flipped) == set(icons["next"]["png"])
    assert all("-rtl." in path and (out / path).is_file() for path in flipped.values())
    env = Environment(autoescape=True)
    iconkit.install(env, build_dir=out)
    page = env.from_string(
        "{{ icon_img('next', dir='rtl') }}{{ icon_img('next') }}{{ icon_img('clock', dir='rtl') }}"
    ).render()
    rtl, ltr, clock = re.findall(r'src="/static/icons/([^"]+)"', page)
    assert rtl == flipped["24@1x-dark"] and ltr == icons["next"]["png"]["24@1x-dark"]
    assert clock == icons["clock"]["png"]["24@1x-dark"]  # never flips


def credit(project: Path) -> None:
    """Credit the project's comment icon to a source, as `iconkit import` would."""
    catalog = project / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8").replace(
        "comment:\n", "comment:\n  source: Example Strokes 1.0\n  license: MIT\n  author: Jo\n", 1
    )
    catalog.write_text(text, encoding="utf-8")


def test_credited_icons_get_notices_and_manifest_fields(project: Path) -> None:
    settings = settings_for(project, png=False)
    build(settings)
    assert not (settings.out / "NOTICES.txt").exists()  # nothing to credit: nothing written
    assert "notices" not in load_manifest(settings.out)
    credit(project)
    build(settings)
    manifest = load_manifest(settings.out)
    assert manifest["notices"] == "NOTICES.txt" and manifest["schema"] == 1
    entry = manifest["icons"]["comment"]
    assert (entry["source"], entry["license"], entry["author"]) == (
        "Example Strokes 1.0",
        "MIT",
        "Jo",
    )
    assert "license" not in manifest["icons"]["success-tick"]
    notices = (settings.out / "NOTICES.txt").read_bytes()
    assert b"Example Strokes 1.0\n  Licence: MIT\n  Author:  Jo\n  Icons (1): comment\n" in notices
    assert check(settings) == []
    shutil.rmtree(settings.out)
    build(settings)
    assert (settings.out / "NOTICES.txt").read_bytes() == notices  # same input, same bytes


def test_notices_go_when_the_credits_go(project: Path) -> None:
    settings = settings_for(project, png=False)
    credit(project)
    build(settings)
    shutil.copy(ROOT / "catalog.yaml", project / "catalog.yaml")  # no credits, other icons
    text = (ROOT / "catalog.yaml").read_text(encoding="utf-8")
    blocks = [block for block in text.split("\n\n") if block.split(":", 1)[0] in SMALL]
    (project / "catalog.yaml").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    assert any(p.endswith("NOTICES.txt: stale, from an earlier build") for p in check(settings))
    assert "NOTICES.txt" in build(settings).removed
    assert not (settings.out / "NOTICES.txt").exists()
