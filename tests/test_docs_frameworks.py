"""docs/flask.md and docs/django.md, followed word for word in an empty folder.

Each page is a walk: ``<!-- file: PATH -->`` before a block writes it, ``<!-- append:
PATH -->`` adds it to the end of the file, each line of a ``sh`` block is run in the
folder (``<!-- fails: ... -->`` expects it to fail, ``<!-- not run: ... -->`` skips it),
and at the end the page the docs built is loaded through the framework.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT
from .templating import parse_page

STEP = re.compile(r"(?:<!-- (file|append|fails|not run): ?([^>]*?) -->\n)?```(\w+)\n(.*?)```", re.S)


@dataclass
class Ran:
    command: str
    code: int
    output: str


def walk(page: str, folder: Path) -> list[Ran]:
    """Follow ``page`` in ``folder``; every command's exit code and output, in order."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    ran: list[Ran] = []
    for marker, argument, language, body in STEP.findall(text):
        if marker in ("file", "append"):
            target = folder / argument
            target.parent.mkdir(parents=True, exist_ok=True)
            before = target.read_text(encoding="utf-8") + "\n" if marker == "append" else ""
            target.write_text(before + body, encoding="utf-8")
        elif language == "sh" and marker != "not run":
            for command in body.strip().splitlines():
                done = subprocess.run(
                    command, shell=True, cwd=folder, env=env, capture_output=True, text=True
                )
                ran.append(Ran(command, done.returncode, done.stdout + done.stderr))
                failed = done.returncode != 0
                assert failed == (marker == "fails"), f"{page}: `{command}`:\n{ran[-1].output}"
    return ran


def python(folder: Path, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def check_the_page(html: str) -> None:
    page = parse_page(html)
    labels = [svg.get("aria-label") for svg in page.iter("svg")]
    assert labels == [None, "3 new alerts"]
    assert all(u.get("href").startswith("/static/icons/sprite.") for u in page.iter("use"))
    (img,) = page.iter("img")
    assert img.get("alt") == "Notifications"
    assert re.fullmatch(
        r"/static/icons/iconkit\.[0-9a-f]{8}\.css", next(page.iter("link")).get("href")
    )


@pytest.mark.slow
def test_the_flask_walk(tmp_path: Path) -> None:
    ran = walk("flask.md", tmp_path)
    assert [r.command.split()[4] for r in ran] == ["build", "add", "scan", "build"]
    check = """
from app import app
client = app.test_client()
html = client.get("/").get_data(as_text=True)
sprite = html.split('<use href="')[1].split("#")[0]
found = client.get(sprite, buffered=True)
print(found.status_code, found.headers["Cache-Control"], found.headers["Content-Security-Policy"])
print(html)
"""
    status, html = python(tmp_path, check).split("\n", 1)
    assert status == (
        "200 public, max-age=31536000, immutable "
        "default-src 'self'; style-src 'self'; img-src 'self'"
    )
    check_the_page(html)


@pytest.mark.slow
def test_the_django_walk(tmp_path: Path) -> None:
    ran = walk("django.md", tmp_path)
    checks = [r.output for r in ran if r.command == "python manage.py check"]
    assert len(checks) == 3
    assert "iconkit.I001" in checks[0] and "no build yet" in checks[0]
    assert "iconkit.E003" in checks[1] and "missing (bell)" in checks[1]
    assert "System check identified no issues" in checks[2]
    check = """
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
import django
django.setup()
from django.contrib.staticfiles import finders
from django.test import Client
html = Client(HTTP_HOST="localhost").get("/").content.decode()
sprite = html.split('<use href="/static/')[1].split("#")[0]
print(finders.find(sprite) is not None)
print(html)
"""
    found, html = python(tmp_path, check).split("\n", 1)
    assert found == "True"
    check_the_page(html)
