"""``iconkit.django`` in a project: system checks, the template scan, the staticfiles finder
(``collectstatic`` under ``ManifestStaticFilesStorage``) and ``manage.py iconkit``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from iconkit.builder import build
from iconkit.catalog import load_catalog
from iconkit.settings import load_settings

from .django_project import setup
from .templating import parse_page

setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.checks import run_checks  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.base import SystemCheckError  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.test import override_settings  # noqa: E402

from iconkit.django.scan import scan_django_templates  # noqa: E402

CATALOG = "bell:\n  title: Notifications\n  description: A bell.\n"
DJANGO_PAGE = """{% load iconkit %}<p>{% icon "bell" %}</p>
{% comment %}{% icon "not-checked" %}{% endcomment %}
{% verbatim %}{% icon "not-checked-either" %}{% endverbatim %}
<p>{% icon "bel" "Alerts" %}</p>
"""
JINJA_PAGE = "<p>{{ icon('bell') }}</p>\n<p>{{ icon('bells') }}</p>\n"


def engines(folder: Path) -> list[dict[str, object]]:
    return [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [folder / "templates"],
            "OPTIONS": {"builtins": ["iconkit.django.templatetags.iconkit"]},
        },
        {"BACKEND": "django.template.backends.jinja2.Jinja2", "DIRS": [folder / "jinja2"]},
    ]


@pytest.fixture
def project(tmp_path: Path, write_catalog: Callable[[str], Path]) -> Iterator[Path]:
    """A project with its own catalogue (``bell``) and a page in each template language."""
    write_catalog(CATALOG)
    (tmp_path / "pyproject.toml").write_text("[tool.iconkit]\npng = false\n", encoding="utf-8")
    for folder, page in (("templates", DJANGO_PAGE), ("jinja2", JINJA_PAGE)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.html").write_text(page, encoding="utf-8")
    with override_settings(BASE_DIR=tmp_path, TEMPLATES=engines(tmp_path)):
        yield tmp_path


def ids(**kwargs: object) -> list[str]:
    return sorted(message.id for message in run_checks(tags=["iconkit"], **kwargs))


def messages(check_id: str) -> list[str]:
    return [str(m) for m in run_checks(tags=["iconkit"]) if m.id == check_id]


def test_no_build_and_unknown_names_in_both_languages(project: Path) -> None:
    assert ids() == ["iconkit.E002", "iconkit.E002", "iconkit.I001"]
    django_error, jinja_error = messages("iconkit.E002")
    assert "templates/page.html:4: (iconkit.E002) unknown icon 'bel' in" in django_error
    assert "did you mean 'bell'?" in django_error
    assert "HINT: use a name of `python manage.py iconkit list`" in django_error
    assert "jinja2/page.html:2: (iconkit.E002) unknown icon 'bells'" in jinja_error
    (info,) = messages("iconkit.I001")
    assert "no build yet" in info and "python manage.py iconkit build" in info


def test_a_stale_build_and_a_build_that_lacks_icons(
    project: Path, write_catalog: Callable[[str], Path]
) -> None:
    build(load_settings(project))
    assert "iconkit.I001" not in ids() and "iconkit.W001" not in ids()
    (project / "svg" / "bell.svg").write_text(
        (project / "svg" / "bell.svg").read_text().replace("M4.5 12", "M5 12"), encoding="utf-8"
    )
    (stale,) = messages("iconkit.W001")
    assert "stale build: the catalogue or its artwork changed since" in stale
    assert "iconkit-build/sprite." in stale
    assert "HINT: run `python manage.py iconkit build`" in stale
    write_catalog(CATALOG + "tick:\n  title: Done\n  description: A tick.\n")
    (unusable,) = messages("iconkit.E003")
    assert "1 icon(s) of" in unusable and "missing (tick)" in unusable


def test_bad_settings(project: Path) -> None:
    with override_settings(ICONKIT={"CATALOGUE": "x"}):
        (error,) = messages("iconkit.E001")
    assert "settings.ICONKIT: unknown key(s) CATALOGUE" in error
    (project / "catalog.yaml").write_text("bell: [", encoding="utf-8")
    assert ids() == ["iconkit.E001"]


def test_files_that_staticfiles_cannot_find(project: Path) -> None:
    with override_settings(STATICFILES_FINDERS=[]):
        (warning,) = messages("iconkit.W003")
    assert "'icons/iconkit.css' is not among the static files" in warning
    assert "IconkitFinder" in warning


def test_manage_py_check_fails_on_unknown_names(project: Path) -> None:
    with pytest.raises(SystemCheckError, match=r"iconkit\.E002"):
        call_command("check")


def test_the_django_scan_reads_tags_as_django_does(project: Path) -> None:
    (project / "templates" / "more.txt").write_text(
        '{% icon name %}\n{% icon_img name="bell" %}\n{% icon_button "bell" as b %}',
        encoding="utf-8",
    )
    report = scan_django_templates([project / "templates"], load_catalog(project / "catalog.yaml"))
    found = [(use.path.name, use.line, use.call, use.name, use.icon) for use in report.uses]
    assert found == [
        ("more.txt", 1, "icon", None, None),
        ("more.txt", 2, "icon_img", "bell", "bell"),
        ("more.txt", 3, "icon_button", "bell", "bell"),
        ("page.html", 1, "icon", "bell", "bell"),
        ("page.html", 4, "icon", "bel", None),
    ]
    assert [str(note) for note in report.notes] == [
        f"{project / 'templates' / 'more.txt'}:1: {{% icon %}} names no constant icon"
    ]


def test_the_finder_offers_the_build(project: Path) -> None:
    assert finders.find("icons/iconkit.css") is not None  # before a build: the shipped one
    build(load_settings(project))
    (project / "iconkit-build" / ".hidden").write_text("secret", encoding="utf-8")
    manifest = (project / "iconkit-build" / "manifest.json").read_text()
    sprite = next(p for p in (project / "iconkit-build").iterdir() if p.name.startswith("sprite"))
    assert finders.find(f"icons/{sprite.name}") == str(sprite)
    assert finders.find(f"icons/{sprite.name}", find_all=True) == [str(sprite)]
    assert finders.find("icons/.hidden") is None
    assert finders.find("icons/../pyproject.toml") is None
    assert finders.find("icons/iconkit.css") is None  # the build's hashed one instead
    assert "sprite" in manifest


def test_collectstatic_under_manifest_static_files_storage(project: Path, tmp_path: Path) -> None:
    build(load_settings(project, png=True))
    root = tmp_path / "collected"
    storages = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
        html = Template('{% icon_sprite %}{% icon "bell" %}{% icon_img "bell" %}').render(Context())
    page = parse_page(f"<html><body>{html}</body></html>")
    urls = [
        next(page.iter("link")).get("href"),
        next(page.iter("use")).get("href").split("#")[0],
        next(page.iter("img")).get("src"),
    ]
    for url in urls:
        name = url.removeprefix("/static/").replace("%40", "@")
        assert name.count(".") == 3, f"{url} is not the name ManifestStaticFilesStorage gave"
        assert (root / name).is_file()
    assert not any(part.startswith(".") for part in os.listdir(root / "icons"))


def test_manage_py_iconkit_runs_the_command_line_on_the_project(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("iconkit", "list")
    assert "bell" in capsys.readouterr().out
    with override_settings(ICONKIT={"OUT": "public/icons"}):
        call_command("iconkit", "build", "--quiet")
    assert (project / "public" / "icons" / "manifest.json").is_file()
    with pytest.raises(SystemExit) as exit_:
        call_command("iconkit", "scan")  # both template languages
    assert exit_.value.code == 1
    out, err = capsys.readouterr()
    assert "page.html:1: icon('bell')" in out
    assert "unknown icon 'bel'" in err and "unknown icon 'bells'" in err
