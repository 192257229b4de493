"""System checks for ``manage.py check`` (and ``runserver``), tagged ``iconkit``.

| Id | Level | When |
| --- | --- | --- |
| ``iconkit.E001`` | Error | the settings or the catalogue cannot be loaded |
| ``iconkit.E002`` | Error | a template names an icon the catalogue does not have |
| ``iconkit.E003`` | Error | a build that pages cannot use (icons missing, manifest unreadable) |
| ``iconkit.W001`` | Warning | the build is stale: the catalogue or artwork changed since |
| ``iconkit.W002`` | Warning | a template that cannot be read |
| ``iconkit.W003`` | Warning | the build's files are not among the static files |
| ``iconkit.I001`` | Info | no build yet: each icon carries its own shapes (pages work, larger) |
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.staticfiles import finders
from django.core import checks

from iconkit._paths import shown
from iconkit._renderers import usable_manifest
from iconkit._served import SHIPPED_CSS
from iconkit.builder import check
from iconkit.catalog import Catalog, load_catalog
from iconkit.django.conf import Options, options
from iconkit.django.scan import scan_project
from iconkit.errors import IconkitError, ManifestError
from iconkit.manifest import MANIFEST

__all__ = ["check_build", "check_templates", "register"]

BUILD = "run `python manage.py iconkit build`"
FINDER = "iconkit.django.finders.IconkitFinder"


def register() -> None:
    """Register the checks with Django (``IconkitConfig.ready`` calls this)."""
    checks.register(check_build, "iconkit", checks.Tags.staticfiles)
    checks.register(check_templates, "iconkit", checks.Tags.templates)


def _loaded() -> tuple[Options, Catalog]:
    found = options()
    return found, load_catalog(found.settings.catalog_path)


def check_build(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """E001, E003, W001, W003, I001: the settings, the catalogue and the build."""
    try:
        found, catalog = _loaded()
    except IconkitError as error:
        first, *rest = str(error).splitlines()
        more = f" (and {len(rest)} more problem(s))" if rest else ""
        hint = "fix the settings or catalogue; `python manage.py iconkit lint` lists everything"
        return [checks.Error(first + more, hint=hint, id="iconkit.E001")]
    out = found.settings.out
    messages: list[checks.CheckMessage] = []
    css = SHIPPED_CSS
    if not (out / MANIFEST).exists():
        messages.append(
            checks.Info(
                "no build yet: each icon carries its own shapes, so pages are larger",
                hint=f"{BUILD} for one cached sprite, and PNGs for {{% icon_img %}}",
                obj=shown(out),
                id="iconkit.I001",
            )
        )
    else:
        try:
            css = usable_manifest(catalog, out, "python manage.py iconkit build").get("css") or css
            problems = check(found.settings)
        except ManifestError as error:
            return [
                checks.Error(_without_path(error), hint=BUILD, obj=shown(out), id="iconkit.E003")
            ]
        except IconkitError as error:
            return [checks.Error(str(error), hint=BUILD, obj=shown(out), id="iconkit.E001")]
        if problems:
            listed = "; ".join(_shown_problem(problem) for problem in problems[:3])
            more = f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
            messages.append(
                checks.Warning(
                    f"stale build: the catalogue or its artwork changed since ({listed}{more})",
                    hint=BUILD,
                    obj=shown(out),
                    id="iconkit.W001",
                )
            )
    messages += _static_files(found, css)
    return messages


def _without_path(error: ManifestError) -> str:
    """``/abs/out/manifest.json: stale build, …`` as ``manifest.json: stale build, …``."""
    path, _, what = str(error).partition(": ")
    return f"{Path(path).name}: {what}" if what else str(error)


def _shown_problem(problem: str) -> str:
    """``/abs/out/manifest.json: stale`` as ``out/manifest.json: stale``."""
    path, _, what = problem.partition(": ")
    return f"{shown(path)}: {what}"


def _static_files(found: Options, css: str) -> list[checks.CheckMessage]:
    path = found.static_path(css)
    if not apps.is_installed("django.contrib.staticfiles"):
        hint = "add 'django.contrib.staticfiles' to INSTALLED_APPS"
    elif finders.find(path) is None:
        hint = f"add {FINDER!r} to STATICFILES_FINDERS"
    else:
        return []
    return [
        checks.Warning(
            f"{path!r} is not among the static files: pages will miss the icons' stylesheet "
            "and sprite",
            hint=hint,
            id="iconkit.W003",
        )
    ]


def check_templates(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """E002 and W002: every icon the project's templates name, in both languages."""
    try:
        found, catalog = _loaded()
    except IconkitError:
        return []  # check_build says why
    report = scan_project(found.project, catalog)
    unknown = {(use.path, use.line) for use in report.uses if use.name and not use.icon}
    messages: list[checks.CheckMessage] = []
    for problem in report.errors:
        where = f"{shown(problem.path)}:{problem.line}" if problem.line else shown(problem.path)
        if (problem.path, problem.line) in unknown:
            messages.append(
                checks.Error(
                    problem.message,
                    hint="use a name of `python manage.py iconkit list`, or add the icon",
                    obj=where,
                    id="iconkit.E002",
                )
            )
        else:
            messages.append(checks.Warning(problem.message, obj=where, id="iconkit.W002"))
    return messages
