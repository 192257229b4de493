"""The functions templates call most: ``icon`` as a plain function over the renderer's caches.

Jinja calls a plain function faster than a bound method, and a call seen before
is one dictionary look-up here; everything else goes to ``Renderer``'s general path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from iconkit._html import AttrValue

Translate = Callable[[str], str]
"""A gettext function: catalogue words in, the page language's words out."""
_PLAIN = frozenset((str, type(None)))

CACHE_LIMIT = 4096
"""Distinct (name, options) entries kept; a cache starts afresh when it is full."""


def keep(cache: dict[tuple[Any, ...], Any], key: tuple[Any, ...], made: object) -> None:
    """Keep ``made`` under ``key``, unless the key cannot be kept (an unhashable argument)."""
    try:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        cache[key] = made
    except TypeError:
        pass


def icon_function(
    plain: dict[tuple[Any, ...], Markup],
    miss: Callable[[object, object, object], Markup],
    general: Callable[..., Markup],
) -> Callable[..., Markup]:
    """The hot path as a plain function (Jinja calls one faster than a bound method).

    A call with only a name, a label and ``decorative`` that was seen before costs one
    dictionary look-up; anything else goes to the renderer's general path.
    """

    def icon(
        name: str,
        label: str | None = None,
        *,
        decorative: bool = False,
        size: int | float | str | None = None,
        class_: str | None = None,
        desc: bool = False,
        text: bool = False,
        **attrs: AttrValue,
    ) -> Markup:
        """An ``<svg>`` that shows icon ``name``; see docs/templates.md."""
        if (
            size is None
            and class_ is None
            and not desc
            and not text
            and not attrs
            and label.__class__ in _PLAIN
        ):
            try:
                return plain[name, label, decorative]
            except (KeyError, TypeError):
                return miss(name, label, decorative)
        return general(name, label, decorative, size, class_, desc, text, attrs, None)

    return icon


def translating_icon_function(
    plain: dict[tuple[Any, ...], Markup],
    miss: Callable[[object, object, object], Markup],
    translated: Callable[[Translate, object], Markup],
    general: Callable[..., Markup],
    current: Callable[[], Translate | None],
) -> Callable[..., Markup]:
    """``icon`` for environments that translate: ``current()`` gives the active gettext.

    A call named by the catalogue title costs a translation and a look-up keyed by its
    result; a call with a label of its own, or decorative, costs what the plain one does.
    """

    def icon(
        name: str,
        label: str | None = None,
        *,
        decorative: bool = False,
        size: int | float | str | None = None,
        class_: str | None = None,
        desc: bool = False,
        text: bool = False,
        **attrs: AttrValue,
    ) -> Markup:
        """An ``<svg>`` that shows icon ``name``, named in the page's language."""
        if (
            size is None
            and class_ is None
            and not desc
            and not text
            and not attrs
            and label.__class__ in _PLAIN
        ):
            if label is None and not decorative:
                translate = current()
                if translate is not None:
                    return translated(translate, name)
            try:
                return plain[name, label, decorative]
            except (KeyError, TypeError):
                return miss(name, label, decorative)
        named_by_title = (label is None and not decorative) or desc
        translate = current() if named_by_title else None
        return general(name, label, decorative, size, class_, desc, text, attrs, translate)

    return icon
