"""``iconkit.flask.Iconkit``: templates, the build's files and their cache headers, commands."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask, render_template, url_for

from iconkit._served import IMMUTABLE, REVALIDATE
from iconkit.builder import build
from iconkit.errors import ManifestError, UnknownIconError
from iconkit.flask import COMMANDS, ENDPOINT, Iconkit, State
from iconkit.settings import load_settings

from .templating import parse_page
from .test_cli import commands

PYPROJECT = """\
[tool.iconkit]
sizes = [24]
colours = {dark = "#1f2328"}
"""
PAGE = """<!doctype html><html lang="en"><head><title>Icons</title>{{ icon_sprite() }}</head>
<body><p>{{ icon('comment', '3 comments') }} {{ icon('close', decorative=True) }} Close</p>
{% if pictures %}<p>{{ icon_img('email', 'Email') }}</p>{% endif %}</body></html>
"""


def make_project(folder: Path, pyproject: str = PYPROJECT, page: str = PAGE) -> Path:
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    (folder / "templates" / "page.html").write_text(page, encoding="utf-8")
    (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return folder


def make_app(folder: Path, ext: Iconkit | None = None) -> Flask:
    app = Flask("iconkit_flask_test", root_path=str(folder))
    app.config["TESTING"] = True
    if ext is None:
        Iconkit(app)
    else:
        ext.init_app(app)

    @app.get("/")
    def home() -> str:
        return render_template("page.html", pictures=True)

    @app.get("/no-pictures")
    def no_pictures() -> str:
        return render_template("page.html", pictures=False)

    return app


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a real build of the shipped set (PNGs at 24 px, one colour)."""
    folder = make_project(tmp_path_factory.mktemp("built"))
    build(load_settings(folder))
    return folder


@pytest.fixture
def app(built: Path) -> Flask:
    return make_app(built)


def test_the_page_references_the_build_served_by_the_app(app: Flask, built: Path) -> None:
    client = app.test_client()
    page = parse_page(client.get("/").get_data(as_text=True))
    (link,) = page.iter("link")
    uses = [use.get("href") for use in page.iter("use")]
    (img,) = page.iter("img")
    assert re.fullmatch(r"/static/icons/iconkit\.[0-9a-f]{8}\.css", link.get("href"))
    assert all(re.fullmatch(r"/static/icons/sprite\.[0-9a-f]{8}\.svg#\w+", u) for u in uses)
    assert len(uses) == 2
    for url, kind in (
        (link.get("href"), "text/css"),
        (uses[0].split("#")[0], "image/svg+xml"),
        (img.get("src"), "image/png"),
        (img.get("srcset").split()[0], "image/png"),
    ):
        response = client.get(url, buffered=True)
        assert response.status_code == 200, url
        assert response.mimetype == kind
        assert response.headers["Cache-Control"] == IMMUTABLE
        assert "Expires" not in response.headers
        assert response.data == (built / "iconkit-build" / url.split("/icons/")[1]).read_bytes()


@pytest.mark.parametrize("name", ["manifest.json", "gallery.html"])
def test_files_without_a_hash_are_revalidated(app: Flask, name: str) -> None:
    response = app.test_client().get(f"/static/icons/{name}", buffered=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == REVALIDATE
    assert response.headers["ETag"]
    again = app.test_client().get(
        f"/static/icons/{name}", headers={"If-None-Match": response.headers["ETag"]}, buffered=True
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    "path",
    [".iconkit-cache/symbols.json", ".hidden", "png/.x.png", "../pyproject.toml", "nothing.svg"],
)
def test_hidden_missing_and_outside_files_are_not_served(
    app: Flask, built: Path, path: str
) -> None:
    (built / "iconkit-build" / ".hidden").write_text("secret", encoding="utf-8")
    assert app.test_client().get(f"/static/icons/{path}").status_code == 404


def test_the_apps_own_static_folder_still_works(built: Path) -> None:
    (built / "static").mkdir(exist_ok=True)
    (built / "static" / "site.css").write_text("body{}", encoding="utf-8")
    client = make_app(built).test_client()
    assert client.get("/static/site.css", buffered=True).status_code == 200


def test_state_and_url_for(app: Flask, built: Path) -> None:
    state = app.extensions["iconkit"]
    assert isinstance(state, State)
    assert state.project == built and state.settings.out == built / "iconkit-build"
    assert state.renderer is app.jinja_env.iconkit  # type: ignore[attr-defined]
    with app.test_request_context():
        assert url_for(ENDPOINT, filename="gallery.html") == "/static/icons/gallery.html"


def test_the_factory_pattern(built: Path) -> None:
    ext = Iconkit()
    first, second = make_app(built, ext), make_app(built, ext)
    for app in (first, second):
        assert app.test_client().get("/").status_code == 200
    assert first.extensions["iconkit"] is not second.extensions["iconkit"]


def test_zero_setup_serves_the_shipped_stylesheet(tmp_path: Path) -> None:
    client = make_app(make_project(tmp_path)).test_client()
    page = parse_page(client.get("/no-pictures").get_data(as_text=True))
    (link,) = page.iter("link")
    assert link.get("href") == "/static/icons/iconkit.css"
    assert not list(page.iter("use"))  # each icon carries its own shapes
    assert all(svg.get("viewbox") == "0 0 24 24" for svg in page.iter("svg"))
    css = client.get("/static/icons/iconkit.css", buffered=True)
    assert css.status_code == 200 and css.mimetype == "text/css"
    assert css.headers["Cache-Control"] == REVALIDATE
    assert b".icon{" in css.data
    with pytest.raises(ManifestError, match="iconkit build"):
        client.get("/")  # icon_img() needs the PNGs of a build


def test_a_url_prefix_of_the_project(tmp_path: Path) -> None:
    project = make_project(tmp_path, PYPROJECT + 'url-prefix = "/assets/icons/"\npng = false\n')
    build(load_settings(project))
    client = make_app(project).test_client()
    (use, _) = parse_page(client.get("/no-pictures").get_data(as_text=True)).iter("use")
    assert use.get("href").startswith("/assets/icons/sprite.")
    assert client.get(use.get("href").split("#")[0], buffered=True).status_code == 200
    assert client.get("/static/icons/manifest.json").status_code == 404


def test_the_projects_own_icons(tmp_path: Path, write_catalog: Callable[[str], Path]) -> None:
    write_catalog("bell:\n  title: Notifications\n  description: A bell.\n")
    project = make_project(tmp_path, page="{{ icon('bell') }}")
    html = make_app(project).test_client().get("/").get_data(as_text=True)
    (svg,) = parse_page(html).iter("svg")
    assert svg.get("aria-label") == "Notifications"
    (tmp_path / "templates" / "page.html").write_text("{{ icon('comment') }}", encoding="utf-8")
    with pytest.raises(UnknownIconError, match=r"unknown icon 'comment' in .*catalog\.yaml"):
        make_app(project).test_client().get("/")


def test_debug_mode_picks_up_a_new_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, PYPROJECT + "png = false\n")
    app = make_app(project)
    app.debug = True
    client = app.test_client()
    assert not parse_page(client.get("/no-pictures").get_data(as_text=True)).findall(".//use")
    build(load_settings(project))
    page = parse_page(client.get("/no-pictures").get_data(as_text=True))
    assert len(page.findall(".//use")) == 2


def test_a_stale_build_fails_requests_until_flask_iconkit_build(
    tmp_path: Path, write_catalog: Callable[[str], Path]
) -> None:
    write_catalog("bell:\n  title: Notifications\n  description: A bell.\n")
    project = make_project(tmp_path, PYPROJECT + "png = false\n", page="{{ icon('bell') }}")
    build(load_settings(project))
    write_catalog(
        "bell:\n  title: Notifications\n  description: A bell.\n"
        "tick:\n  title: Done\n  description: A tick.\n"
    )
    app = make_app(project)  # not in debug mode
    with pytest.raises(ManifestError, match=r"stale build, 1 icon\(s\) .* missing \(tick\)"):
        app.test_client().get("/")
    done = app.test_cli_runner().invoke(args=["iconkit", "build", "--quiet"])
    assert done.exit_code == 0, done.output
    assert "<use href=" in app.test_client().get("/").get_data(as_text=True)


def test_flask_iconkit_runs_the_command_line_on_the_apps_project(
    tmp_path: Path, write_catalog: Callable[[str], Path]
) -> None:
    write_catalog("bell:\n  title: Notifications\n  description: A bell.\n")
    project = make_project(tmp_path, page="{{ icon('bell') }} {{ icon('bel') }}")
    runner = make_app(project).test_cli_runner()
    listed = runner.invoke(args=["iconkit", "list"])
    assert listed.exit_code == 0 and "bell" in listed.output and "comment" not in listed.output
    scanned = runner.invoke(args=["iconkit", "scan"])  # the app's template folder
    assert scanned.exit_code == 1
    assert "page.html:1: unknown icon 'bel'" in scanned.output
    assert "did you mean 'bell'?" in scanned.output
    helped = runner.invoke(args=["iconkit", "build", "--help"])
    assert helped.exit_code == 0 and "--no-png" in helped.output
    overview = runner.invoke(args=["iconkit", "--help"])
    assert all(name in overview.output for name in COMMANDS)


def test_flask_iconkit_offers_every_project_command_of_the_command_line() -> None:
    assert sorted(COMMANDS) == [name for name in commands() if name != "init"]


def test_debug_mode_picks_up_a_new_catalogue(
    tmp_path: Path, write_catalog: Callable[[str], Path]
) -> None:
    project = make_project(tmp_path, PYPROJECT + "png = false\n", page="{{ icon('bell') }}")
    app = make_app(project)
    app.debug = True
    with pytest.raises(UnknownIconError, match="in the shipped catalogue"):
        app.test_client().get("/")
    write_catalog("bell:\n  title: Notifications\n  description: A bell.\n")
    html = app.test_client().get("/").get_data(as_text=True)
    assert 'aria-label="Notifications"' in html
