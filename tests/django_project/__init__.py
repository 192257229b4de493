"""A small Django project for the tests, set up once per test process."""

from __future__ import annotations

import os

SETTINGS = "tests.django_project.settings"


def setup() -> None:
    """Point Django at this project's settings and load its apps (once per process)."""
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    if os.environ["DJANGO_SETTINGS_MODULE"] != SETTINGS:
        raise RuntimeError(f"DJANGO_SETTINGS_MODULE is {os.environ['DJANGO_SETTINGS_MODULE']}")
    if not apps.ready:
        django.setup()
