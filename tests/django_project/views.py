"""The test project's one view: a template of the served project, with its icons."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from iconkit.django.renderer import get_renderer


def page(request: HttpRequest, name: str) -> HttpResponse:
    renderer = get_renderer()
    context = {"icons": list(renderer.catalog), "pictures": renderer.manifest is not None}
    return render(request, f"{name}.html", context)
