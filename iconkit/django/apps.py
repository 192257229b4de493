"""The app's configuration: connects the system checks and the signals that renew settings."""

from __future__ import annotations

from django.apps import AppConfig


class IconkitConfig(AppConfig):
    """``INSTALLED_APPS = [..., "iconkit.django"]``."""

    name = "iconkit.django"
    label = "iconkit"
    verbose_name = "iconkit"

    def ready(self) -> None:
        from iconkit.django import checks, renderer

        checks.register()
        renderer.connect()
