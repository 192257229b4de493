"""Wiring only: put iconkit's one renderer on a Jinja ``Environment``.

``install(env)`` stores the renderer on the environment itself (``env.iconkit``), so
two environments with two catalogues work side by side; it registers the globals
``icon``, ``icon_img`` and ``icon_sprite`` and makes ``{% import "iconkit/macros.html"
as ik %}`` work. ``IconkitExtension`` does the same for ``extensions=[...]`` users.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context
from markupsafe import Markup

from iconkit._calls import Translate
from iconkit._renderers import project_renderer
from iconkit.catalog import Catalog, load_catalog
from iconkit.markup import Renderer
from iconkit.settings import load_settings

_MACROS = PackageLoader("iconkit", "templates")


def install(
    env: Environment,
    *,
    project: str | Path | None = None,
    catalog: Catalog | str | Path | None = None,
    inline: bool = False,
    base_url: str | None = None,
    build_dir: str | Path | None = None,
    strict: bool = True,
    absolute_base_url: str | None = None,
    css_url: str | None = None,
) -> Renderer:
    """Give ``env`` the iconkit globals and macros; return the renderer it now uses.

    The catalogue and the build folder come from the project's settings, found as every
    ``iconkit`` command finds them, from ``project`` (a folder or a file in it, such as
    ``__file__``; default: the working folder); ``catalog`` and ``build_dir`` override
    them. With a build there, icons use its external sprite (``base_url`` defaults to
    its ``url-prefix``); without one, each icon carries its own shapes, and a note on the
    ``iconkit`` logger says a build would make pages smaller. ``inline=True`` writes the
    sprite into the page with ``icon_sprite()`` instead. A ``build_dir`` given here must
    hold a build (``ManifestError`` otherwise), as must one whose icons do not match.
    ``icon_sprite()`` links the build's stylesheet, or ``css_url`` where there is no build
    (the Flask and Django integrations serve the shipped one).
    """
    settings = load_settings(project, out=build_dir)
    renderer = project_renderer(
        settings,
        catalog=catalog
        if isinstance(catalog, Catalog) or catalog is None
        else load_catalog(catalog),
        inline=inline,
        base_url=base_url,
        absolute_base_url=absolute_base_url,
        css_url=css_url,
        strict=strict,
        translations=_translations(env),
        build_required=build_dir is not None,
    )
    if getattr(env, "iconkit", None) is not None and env.cache is not None:
        env.cache.clear()  # imported macro modules hold the previous renderer's functions
    env.iconkit = renderer  # type: ignore[attr-defined]
    _register(env, renderer, once_per_page(renderer.icon_sprite))
    return renderer


_I18N = "jinja2.ext.InternationalizationExtension"


def _wrapped_gettext(gettext: Any) -> Translate | None:
    """The plain gettext inside Jinja's new-style wrapper, where it can be seen.

    The wrapper (``jinja2.ext._make_new_gettext``) costs a context call, a ``Markup`` and
    a ``%`` on every use, three times the rest of ``icon()`` (docs/performance.md); titles
    need none of them. A Jinja whose wrapper holds something else gets the wrapper itself.
    """
    cells = getattr(gettext, "__closure__", None) or ()
    names = getattr(getattr(gettext, "__code__", None), "co_freevars", ())
    found = dict(zip(names, (cell.cell_contents for cell in cells), strict=False))
    wrapped = found.get("func")
    return wrapped if callable(wrapped) and len(found) == 1 else None


def _translations(env: Environment) -> Callable[[], Translate | None] | None:
    """The gettext that ``env``'s i18n extension has installed at each call, as a function of
    one string; ``None`` when ``env`` has no i18n extension (nothing is translated)."""
    if _I18N not in env.extensions:
        return None
    found: list[Any] = [None, None]  # the last gettext seen, and its one-argument form

    def current() -> Translate | None:
        gettext: Any = env.globals.get("gettext")
        if gettext is None or gettext is found[0]:
            return found[1] if gettext is not None else None
        if getattr(gettext, "jinja_pass_arg", None) is None:
            found[:] = [gettext, gettext]
        else:  # new-style: the plain gettext it wraps, or the wrapper with a context of its own
            plain = _wrapped_gettext(gettext)
            context = env.context_class(env, {}, None, {})
            found[:] = [gettext, plain or functools.partial(gettext, context)]
        translate: Translate = found[1]
        return translate

    return current


def once_per_page(sprite: Callable[[], Markup]) -> Callable[..., Markup]:
    """``icon_sprite`` for templates: a second call while the same page renders writes nothing.

    "The same page" is Jinja's render context, which a layout and the templates that
    extend it share; an ``{% include %}`` or an imported macro gets its own.
    """
    written: weakref.WeakSet[Context] = weakref.WeakSet()

    @pass_context
    def icon_sprite(context: Context) -> Markup:
        if context in written:
            return Markup("")
        written.add(context)
        return sprite()

    return icon_sprite


class _Helpers(Protocol):
    def icon(self, *args: Any, **kwargs: Any) -> Markup: ...
    def icon_img(self, *args: Any, **kwargs: Any) -> Markup: ...
    def icon_button(self, *args: Any, **kwargs: Any) -> Markup: ...
    def icon_link(self, *args: Any, **kwargs: Any) -> Markup: ...


def _register(env: Environment, helpers: _Helpers, icon_sprite: Callable[..., Markup]) -> None:
    """The globals templates call, and the ones ``iconkit/macros.html`` calls."""
    functions = {
        "icon": helpers.icon,
        "icon_img": helpers.icon_img,
        "icon_button": helpers.icon_button,
        "icon_link": helpers.icon_link,
        "icon_sprite": icon_sprite,
    }
    env.globals.update(functions)
    env.globals.update({f"_iconkit_{name}": function for name, function in functions.items()})
    _add_macros(env)


def renderer_for(env: Environment) -> Renderer:
    """The renderer installed on ``env``; installs the defaults on first use."""
    found = getattr(env, "iconkit", None)
    return found if isinstance(found, Renderer) else install(env)


class _Deferred:
    """What the extension registers before ``install``: installs the defaults on first use."""

    def __init__(self, env: Environment) -> None:
        self._env = env

    def icon(self, *args: Any, **kwargs: Any) -> Markup:
        return renderer_for(self._env).icon(*args, **kwargs)

    def icon_img(self, *args: Any, **kwargs: Any) -> Markup:
        return renderer_for(self._env).icon_img(*args, **kwargs)

    def icon_button(self, *args: Any, **kwargs: Any) -> Markup:
        return renderer_for(self._env).icon_button(*args, **kwargs)

    def icon_link(self, *args: Any, **kwargs: Any) -> Markup:
        return renderer_for(self._env).icon_link(*args, **kwargs)

    def icon_sprite(self) -> Markup:
        return renderer_for(self._env).icon_sprite()


class IconkitExtension(Extension):
    """``Environment(extensions=["iconkit.jinja.IconkitExtension"])``.

    Configure with ``env.install_iconkit(inline=True, ...)`` (the arguments of
    ``install``); without that call the defaults are installed on first use.
    """

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.extend(install_iconkit=functools.partial(install, environment))
        if not isinstance(getattr(environment, "iconkit", None), Renderer):
            deferred = _Deferred(environment)
            _register(environment, deferred, deferred.icon_sprite)


def _add_macros(env: Environment) -> None:
    loader: BaseLoader | None = env.loader
    if loader is None:
        env.loader = _MACROS
    elif loader is not _MACROS and not (
        isinstance(loader, ChoiceLoader) and _MACROS in loader.loaders
    ):
        env.loader = ChoiceLoader([loader, _MACROS])
