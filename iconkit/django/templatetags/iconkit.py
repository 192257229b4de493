"""``{% load iconkit %}``: ``{% icon %}``, ``{% icon_img %}``, ``{% icon_button %}``,
``{% icon_link %}`` and ``{% icon_sprite %}``, the Jinja globals of the same names.

Each tag calls the project's one renderer with the template's arguments: the same
markup and the same errors as in Jinja, with catalogue titles in the page's language
(asked once per page). Django passes ``class="…"`` as a keyword,
which becomes ``class_``. Lazy translations (``gettext_lazy``) are resolved when the
page renders, in its language. Template text that Django marks safe (string literals,
``mark_safe``) counts as HTML, as a ``Markup`` does in Jinja.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString
from markupsafe import Markup

from iconkit.django.renderer import get_renderer, page_translation
from iconkit.markup import Localised, Renderer

register = template.Library()

_WRITTEN = "iconkit.sprite"  # set in a page's render context once icon_sprite has written
_HELPERS = "iconkit.helpers"  # the page's template functions, in its language


_PLAIN = frozenset((str, bool, int, float, type(None)))
_literals: dict[str, str] = {}  # safe template text, as the renderer takes it


def _text(value: Any) -> Any:
    """A template's value as the renderer takes it: lazy text resolved, safe text as HTML."""
    cls = value.__class__
    if cls is SafeString:  # string literals in templates: the same object at each render
        try:
            return _literals[value]
        except KeyError:
            if len(_literals) >= 4096:
                _literals.clear()
            # Only "&" and "<" read differently as HTML: other safe text is plain text,
            # for which the renderer has its fastest path.
            found = _literals[value] = Markup(value) if "&" in value or "<" in value else value[:]
            return found
    if cls in _PLAIN:
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, SafeData) and isinstance(value, str):
        return Markup(value)
    return value


def _options(given: dict[str, Any]) -> dict[str, Any]:
    found = {key: _text(value) for key, value in given.items()}
    if "class" in found:
        found["class_"] = found.pop("class")
    return found


def _helpers(context: Context) -> Renderer | Localised:
    """The renderer's template functions in the page's language, found once per page."""
    page: Any = context.render_context.dicts[0]  # one dict for the whole page
    try:
        return page[_HELPERS]  # type: ignore[no-any-return]
    except KeyError:
        renderer = get_renderer()
        language = page_translation()
        found = page[_HELPERS] = renderer if language is None else renderer.in_language(*language)
        return found


@register.simple_tag(takes_context=True)
def icon(
    context: Context, name: str, label: Any = None, *, decorative: Any = False, **options: Any
) -> Markup:
    """``{% icon "comment" %}``, ``{% icon "comment" "3 comments" %}``, ``decorative=True``,
    ``size=``, ``class=``, ``desc=True``, ``text=True``, ``data_x=…``: see ``icon()``."""
    if label.__class__ is not str and label is not None:
        label = _text(label)
    if options:
        return _helpers(context).icon(name, label, decorative=decorative, **_options(options))
    return _helpers(context).icon(name, label, decorative=decorative)


@register.simple_tag(takes_context=True)
def icon_img(
    context: Context, name: str, label: Any = None, *, decorative: Any = False, **options: Any
) -> Markup:
    """``{% icon_img "tick" %}``: the PNG fallback as an ``<img>``; see ``icon_img()``."""
    if label.__class__ is not str and label is not None:
        label = _text(label)
    if options:
        return _helpers(context).icon_img(name, label, decorative=decorative, **_options(options))
    return _helpers(context).icon_img(name, label, decorative=decorative)


@register.simple_tag(takes_context=True)
def icon_button(context: Context, name: str, label: Any = None, **options: Any) -> Markup:
    """``{% icon_button "close" "Close dialog" %}``: a button named on the button."""
    return _helpers(context).icon_button(name, _text(label), **_options(options))


@register.simple_tag(takes_context=True)
def icon_link(context: Context, name: str, label: Any = None, **options: Any) -> Markup:
    """``{% icon_link "home" "Home" href="/" %}``: a link named on the link."""
    return _helpers(context).icon_link(name, _text(label), **_options(options))


@register.simple_tag(takes_context=True)
def icon_sprite(context: Context) -> Markup:
    """The stylesheet link (and in inline mode the sprite), once per page."""
    written = context.render_context.dicts[0]  # one dict for the whole page
    if written.get(_WRITTEN):
        return Markup("")
    written[_WRITTEN] = "yes"
    return get_renderer().icon_sprite()
