"""Real applications: a Flask app through its test client, and Django's Jinja2 backend."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
from flask import Flask, render_template

import iconkit
from iconkit.catalog import Catalog
from iconkit.errors import UnknownIconError

from .conftest import ROOT
from .templating import (  # noqa: F401
    build_dir_fixture,
    parse_page,
    shipped_fixture,
    write_build,
)

LAYOUT = """<!doctype html>
<html lang="en"><head><title>{{ title }}</title></head>
<body>{{ icon_sprite() }}
{% import "iconkit/macros.html" as ik %}
<a href="/comments">{{ icon('comment', decorative=True) }} Comments</a>
<button type="button" aria-label="Search">{{ ik.icon('search', decorative=True) }}</button>
<p>{{ icon('comment', count ~ ' comments') }} {{ icon('success-tick', 'Saved', desc=True) }}</p>
<p>{{ icon_img('email', 'Email', size=16) }}</p>
</body></html>
"""


def check_page(html: str, sprite_href: str) -> None:
    root = parse_page(html)
    link_icon, button_icon, count, saved = (
        svg for svg in root.iter("svg") if "icon" in (svg.get("class") or "").split()
    )
    assert link_icon.get("aria-hidden") == "true" and link_icon.get("role") is None
    assert button_icon.getparent().get("aria-label") == "Search"
    assert button_icon.get("aria-hidden") == "true"
    assert count.get("aria-label") == "7 comments"
    assert count.get("role") == "img"
    (use,) = count.iter("use")
    assert use.get("href") == sprite_href + "comment"
    desc = saved.find("desc")
    assert saved.get("aria-describedby") == desc.get("id")
    (img,) = root.iter("img")
    assert img.get("alt") == "Email" and img.get("width") == "16"


@pytest.fixture
def flask_app(tmp_path: Path, build_dir: Path) -> Flask:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text(LAYOUT, encoding="utf-8")
    app = Flask("iconkit_test_app", root_path=str(tmp_path))
    app.config["TESTING"] = True
    iconkit.install(app.jinja_env, build_dir=build_dir)

    @app.get("/")
    def home() -> str:
        return render_template("page.html", title="Home", count=7)

    @app.get("/broken")
    def broken() -> str:
        return app.jinja_env.from_string("{{ icon('coment') }}").render()

    return app


def test_flask_renders_a_page(flask_app: Flask) -> None:
    response = flask_app.test_client().get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    check_page(response.get_data(as_text=True), "/static/icons/sprite.0123abcd.svg#")
    (link,) = parse_page(response.get_data(as_text=True)).iter("link")
    assert link.get("href") == "/static/icons/iconkit.4567cdef.css"


def test_flask_inline_mode(flask_app: Flask, build_dir: Path) -> None:
    iconkit.install(flask_app.jinja_env, inline=True, build_dir=build_dir)
    html = flask_app.test_client().get("/").get_data(as_text=True)
    check_page(html, "#iconkit-")
    link, sprite = parse_page(html).find("body")[:2]
    assert link.get("href") == "/static/icons/iconkit.4567cdef.css"  # a file: no data: URL
    assert sprite.tag == "svg" and sprite.get("aria-hidden") == "true"
    assert sprite.get("class") == "iconkit-sprite" and sprite.get("style") is None


def test_flask_unknown_icon_fails_the_request(flask_app: Flask) -> None:
    with pytest.raises(UnknownIconError, match="did you mean 'comment'"):
        flask_app.test_client().get("/broken")


def _docs_django_blocks() -> tuple[str, str]:
    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    django = text.split("## Django")[1]
    environment, settings = re.findall(r"```python\n(.*?)```", django, re.DOTALL)[:2]
    return environment, settings


def test_django_jinja2_backend_renders_a_page(
    tmp_path: Path, shipped: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Configure Django exactly as docs/templates.md says, and render through its loader."""
    from .django_project import setup

    setup()
    from django.template import engines, loader
    from django.test import override_settings

    environment_code, settings_code = _docs_django_blocks()
    package = types.ModuleType("myproject")
    package.__path__ = []
    module = types.ModuleType("myproject.jinja2")
    exec(compile(environment_code, "docs/templates.md", "exec"), module.__dict__)
    monkeypatch.setitem(sys.modules, "myproject", package)
    monkeypatch.setitem(sys.modules, "myproject.jinja2", module)

    write_build(tmp_path / "iconkit-build", shipped)
    (tmp_path / "jinja2").mkdir()
    (tmp_path / "jinja2" / "page.html").write_text(LAYOUT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"BASE_DIR": tmp_path}
    exec(compile(settings_code, "docs/templates.md", "exec"), namespace)
    with override_settings(TEMPLATES=namespace["TEMPLATES"], BASE_DIR=tmp_path):
        html = loader.get_template("page.html").render({"title": "Home", "count": 7})
        check_page(html, "/static/icons/sprite.0123abcd.svg#")
        env = engines["jinja2"].env  # type: ignore[attr-defined]
        assert env.autoescape is True
        assert env.iconkit.catalog.path == shipped.path
