"""Settings of the test project; tests change them with ``override_settings``."""

from __future__ import annotations

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "iconkit-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
INSTALLED_APPS = ["django.contrib.staticfiles", "iconkit.django"]
ROOT_URLCONF = "tests.django_project.urls"
STATIC_URL = "/static/"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "iconkit.django.finders.IconkitFinder",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"builtins": ["iconkit.django.templatetags.iconkit"]},
    },
]
USE_I18N = True
LANGUAGE_CODE = "en"
USE_TZ = True
MIDDLEWARE: list[str] = []
