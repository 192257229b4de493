"""Real servers for the browser suite: Flask's development server and Django's runserver
server, on free loopback ports, each sending a strict Content-Security-Policy on every
response, for four projects: the shipped set and a project's own icons, each with a
build and before any build (zero-setup).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from iconkit.builder import build
from iconkit.settings import load_settings

from ..conftest import ROOT, TICK_SVG
from .harness import Site

POLICY = "default-src 'self'; style-src 'self'; img-src 'self'"
TEXT = (0x1F, 0x23, 0x28)
PAGE_CSS = (
    "body{margin:0;padding:16px;font:16px/1.5 sans-serif;color:#1f2328;background:#fff}"
    ".big{font-size:48px;line-height:1.25}"
    "ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px 24px}"
)
OWN_CATALOG = """\
house:
  title: Home page
  description: A house.
  file: svg/house.svg
letter:
  title: Write to us
  description: An envelope.
  file: svg/letter.svg
done:
  title: Finished
  description: A tick.
"""
VARIANTS = ("shipped-built", "shipped-zero", "own-built", "own-zero", "shipped-inline")
"""The icons (shipped or the project's own) and how pages get them: a build's sprite
file, each icon's own shapes before a build, or a build's sprite inlined in the page."""


def built(variant: str) -> bool:
    return variant.endswith(("built", "inline"))


def inline(folder: Path) -> bool:
    return folder.name.endswith("inline")


PAGES = Path(__file__).resolve().parent / "framework_pages"
"""``page.jinja.html`` and ``page.django.html``: every form of every icon of a project."""


def make_project(folder: Path, variant: str, language: str) -> Path:
    """A project folder: settings, the page, its stylesheet, its own icons, maybe a build."""
    folder.mkdir(parents=True)
    (folder / "pyproject.toml").write_text(
        '[tool.iconkit]\nsizes = [24]\ncolours = {dark = "#1f2328"}\n', encoding="utf-8"
    )
    if variant.startswith("own"):
        (folder / "catalog.yaml").write_text(OWN_CATALOG, encoding="utf-8")
        (folder / "svg").mkdir()
        shutil.copy(ROOT / "svg" / "home.svg", folder / "svg" / "house.svg")
        shutil.copy(ROOT / "svg" / "email.svg", folder / "svg" / "letter.svg")
        (folder / "svg" / "done.svg").write_text(TICK_SVG, encoding="utf-8")
    (folder / "templates").mkdir()
    shutil.copy(PAGES / f"page.{language}.html", folder / "templates" / "page.html")
    (folder / "static").mkdir()
    (folder / "static" / "page.css").write_text(PAGE_CSS, encoding="utf-8")
    if built(variant):
        build(load_settings(folder))
    return folder


@contextmanager
def serving(app: Callable[..., Any], server_class: Any = None) -> Iterator[str]:
    """``app`` served on a free port of 127.0.0.1 in a thread; yields the origin."""
    if server_class is None:
        from werkzeug.serving import make_server

        server = make_server("127.0.0.1", 0, app, threaded=True)
    else:
        from django.core.servers.basehttp import WSGIRequestHandler

        server = server_class(("127.0.0.1", 0), WSGIRequestHandler)
        server.set_app(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def flask_app(folder: Path) -> Any:
    """The Flask app of a project, made as docs/flask.md says, sending the policy."""
    from flask import Flask, render_template

    from iconkit.flask import Iconkit

    app = Flask(f"iconkit_{folder.name}", root_path=str(folder))
    Iconkit(app, inline=inline(folder))

    @app.get("/page.html")
    def page() -> str:
        renderer = app.extensions["iconkit"].renderer
        return render_template(
            "page.html", icons=list(renderer.catalog), pictures=renderer.manifest is not None
        )

    @app.after_request
    def policy(response: Any) -> Any:
        response.headers["Content-Security-Policy"] = POLICY
        return response

    return app


def with_policy(app: Callable[..., Any]) -> Callable[..., Any]:
    """A WSGI app that adds the policy to every response of ``app`` (static files too)."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        def start(status: str, headers: list[tuple[str, str]], *info: Any) -> Any:
            return start_response(status, [*headers, ("Content-Security-Policy", POLICY)], *info)

        return app(environ, start)

    return wrapped


def django_settings(folder: Path) -> dict[str, Any]:
    """What ``override_settings`` changes to make ``folder`` the served Django project."""
    engine = {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [folder / "templates"],
        "OPTIONS": {"builtins": ["iconkit.django.templatetags.iconkit"]},
    }
    options = {"INLINE": True} if inline(folder) else {}
    return {
        "BASE_DIR": folder,
        "TEMPLATES": [engine],
        "STATICFILES_DIRS": [folder / "static"],
        "ICONKIT": options,
    }


@contextmanager
def django_serving() -> Iterator[str]:
    """The test Django project (static files included) on a free port, sending the policy;
    ``override_settings(**django_settings(folder))`` chooses the project it serves."""
    from ..django_project import setup

    setup()
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer

    with serving(with_policy(StaticFilesHandler(WSGIHandler())), ThreadedWSGIServer) as origin:
        yield origin


def sites(origin: str, folders: dict[str, Path]) -> dict[str, Site]:
    return {variant: Site(root=folder, origin=origin) for variant, folder in folders.items()}
