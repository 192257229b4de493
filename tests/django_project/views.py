"""The test project's one view, and the strict Content-Security-Policy on every response."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

POLICY = "default-src 'self'; style-src 'self'; img-src 'self'"


def content_security_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response["Content-Security-Policy"] = POLICY
        return response

    return middleware


def page(request: HttpRequest, name: str) -> HttpResponse:
    return render(request, f"{name}.html", {"count": 3})
