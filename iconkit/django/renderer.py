"""The one renderer (``iconkit.markup.Renderer``) for a Django project, made on first use.

Its URLs come from ``django.templatetags.static.static()``, so they follow ``STATIC_URL``
and the storage: under ``ManifestStaticFilesStorage`` the sprite, the stylesheet and each
PNG get the names ``collectstatic`` gave them. With a build, icons use its sprite;
without one, each icon carries its own shapes and the shipped stylesheet is linked.
The renderer is made again when a setting it depends on changes (tests with
``override_settings``) and, with ``DEBUG``, on the first request after a new build
or a change of the catalogue or the settings file.
"""

from __future__ import annotations

import functools
from gettext import NullTranslations, translation
from pathlib import Path

from django.core.signals import request_started, setting_changed
from django.templatetags.static import static

from iconkit._calls import Translate
from iconkit._renderers import project_renderer
from iconkit._served import SHIPPED_CSS, stamp
from iconkit.django.conf import Options, options
from iconkit.errors import ConfigError
from iconkit.markup import Renderer

__all__ = ["connect", "get_renderer", "page_translation", "reset"]

SETTINGS = frozenset(
    {"BASE_DIR", "DEBUG", "ICONKIT", "STATIC_URL", "STATICFILES_STORAGE", "STORAGES"}
    | {"USE_I18N", "LANGUAGE_CODE", "LANGUAGES", "LOCALE_PATHS", "INSTALLED_APPS"}
)
"""Django settings the renderer depends on."""

_made: list[tuple[Renderer, tuple[object, ...]]] = []  # the renderer, its files' stamp


def get_renderer() -> Renderer:
    """The project's renderer, made on first use."""
    if not _made:
        found = options()
        _made.append((make_renderer(found), stamp(found.settings)))
    return _made[0][0]


def reset() -> None:
    """Forget the options and the renderer; the next use makes them again."""
    options.cache_clear()
    _translator.cache_clear()
    _made.clear()


def make_renderer(found: Options) -> Renderer:
    """A renderer for ``found``: the build's sprite, inline sprite, or each icon's own shapes."""
    base = static(found.static_path(""))

    def rename(path: str) -> str:  # the storage's name: hashed under ManifestStaticFilesStorage
        url = static(found.static_path(path))
        if not url.startswith(base):
            raise ConfigError(
                f"the static URL of {found.static_path(path)!r} ({url}) is not inside the "
                f"static URL of its folder ({base}): iconkit cannot name it"
            )
        return url[len(base) :]

    return project_renderer(
        found.settings,
        inline=found.inline,
        base_url=base,
        rename=rename,
        absolute_base_url=found.absolute_base_url,
        css_url=lambda: static(found.static_path(SHIPPED_CSS)),
        strict=found.strict,
        build_command="python manage.py iconkit build",
    )


def page_translation() -> tuple[Translate, str | None] | None:
    """The words of the active language and its direction (``"rtl"`` or ``None``), or
    ``None`` without ``USE_I18N``: the project's catalogues first, then iconkit's shipped
    translations, then Django's own (see ``_translator``).

    Asked once per page: Django's ``get_language()`` costs twice a whole ``{% icon %}``.
    """
    from django.conf import settings

    if not settings.USE_I18N:
        return None
    from django.utils.translation import get_language, get_language_bidi

    return _translator(get_language() or ""), "rtl" if get_language_bidi() else None


@functools.cache
def _translator(language: str) -> Translate:
    """Catalogue words in ``language``: the project's translation (``_project_words``), else
    iconkit's, else Django's. Django's own catalogues come last: they translate some
    titles for other uses (German "Duration" is "Zeitspanne", a kind of model field)."""
    from django.utils.translation import gettext

    from iconkit.i18n import translations

    own = _project_words(language) if language else NullTranslations()
    shipped = translations(language) if language else NullTranslations()
    known: dict[str, str] = {}  # catalogues load once: each answer is kept

    def translate(text: str) -> str:
        try:
            return known[text]
        except KeyError:
            found = own.gettext(text)
            if found == text:
                found = shipped.gettext(text)
            if found == text:
                found = gettext(text)
            known[text] = found
            return found

    return translate


def _project_words(language: str) -> NullTranslations:
    """The project's own ``django`` catalogues in ``language``, in the order Django merges
    them: ``LOCALE_PATHS``, then the ``locale`` folders of the installed apps that are not
    Django's own (``django.contrib``), in ``INSTALLED_APPS`` order."""
    from django.apps import apps
    from django.conf import settings
    from django.utils.translation import to_locale

    folders = [Path(folder) for folder in settings.LOCALE_PATHS]
    folders += [
        Path(app.path) / "locale"
        for app in apps.get_app_configs()
        if not app.name.startswith("django.")
    ]
    found = NullTranslations()
    for folder in folders:  # each one a fallback of those before it
        found.add_fallback(translation("django", folder, [to_locale(language)], fallback=True))
    return found


def _setting_changed(*, setting: str, **kwargs: object) -> None:
    if setting in SETTINGS:
        reset()


def _request_started(**kwargs: object) -> None:
    from django.conf import settings

    if settings.DEBUG and _made and stamp(options.__wrapped__().settings) != _made[0][1]:
        reset()  # a new build, or another catalogue or settings file


def connect() -> None:
    """Renew the renderer when its settings change, and after a new build with ``DEBUG``."""
    setting_changed.connect(_setting_changed, dispatch_uid="iconkit.django")
    request_started.connect(_request_started, dispatch_uid="iconkit.django")
