"""The test project's views: a template of the served project, with its icons, in the
project's language or in one the address names (as ``LocaleMiddleware`` would choose)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from iconkit.django.renderer import get_renderer


def page(request: HttpRequest, name: str) -> HttpResponse:
    renderer = get_renderer()
    context = {"icons": list(renderer.catalog), "pictures": renderer.manifest is not None}
    return render(request, f"{name}.html", context)


def page_in(request: HttpRequest, language: str, name: str) -> HttpResponse:
    """``/fr/NAME.html``: the page rendered under ``translation.override(language)``."""
    with translation.override(language):
        return page(request, name)
