"""The one renderer: catalogue + build manifest in, precomputed ``Markup`` out.

Everything a template passes in is validated here and escaped by ``quote`` (the one
escaping function), once, when a (name, options) pair is first seen; the result is
kept, so a repeated call is a dictionary look-up. The Jinja globals, macros and
extension and the Django tags all call this.

Titles and descriptions go through the page's translation where one is active
(``translate``, a gettext function): the translated words are part of each kept
result's key, so one renderer serves every language. Labels a template passes are
its own to translate and are used as given.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from iconkit._calls import Translate, icon_function, keep, translating_icon_function
from iconkit._html import (
    HIDDEN_CLASS,
    AttrValue,
    clean_text,
    control_markup,
    quote,
    render_attrs,
    size_attribute,
)
from iconkit._pictures import Pictures
from iconkit._urls import Urls
from iconkit.catalog import Catalog, Icon
from iconkit.errors import IconArgumentError, UnknownIconError

logger = logging.getLogger("iconkit")

SYMBOL_PREFIX = "iconkit-"
"""Inline mode renames symbol ``NAME`` to ``iconkit-NAME`` so it cannot meet a page id."""

DESC_ID_PREFIX = "iconkit_d"
"""Description ids: the underscore keeps them apart from every ``iconkit-…`` symbol id."""

FRESH = "\ue000"
"""Where a per-use id goes in kept markup (a private-use character no template passes)."""


_ids = itertools.count(1)
"""One counter for the process: ids never repeat, on a page or across cached fragments."""


def _classes(icon: Icon, class_: object) -> str:
    classes = ["icon", f"icon-{icon.name}"]
    if icon.animated:
        classes.append("icon-spin")
    if icon.fixed_colours:
        classes.append("icon-fixed")
    if icon.mirror:
        classes.append("icon-mirror")
    if class_ is not None:
        classes.extend(c for c in _class_text(class_).split() if c not in classes)
    return quote(" ".join(classes))


def _class_text(class_: object) -> str:
    if not isinstance(class_, str):
        raise IconArgumentError(f"class_ must be text, not {type(class_).__name__}")
    return str(class_.unescape()) if isinstance(class_, Markup) else class_


@dataclass(frozen=True, slots=True)
class _Fresh:
    """Kept markup whose ids must differ on every use: ``FRESH`` becomes a new id each time."""

    template: str

    def render(self) -> Markup:
        return Markup(self.template.replace(FRESH, f"{DESC_ID_PREFIX}{next(_ids)}"))


@dataclass(frozen=True, slots=True)
class Shapes:
    """An icon's own drawing, for pages without a sprite: its viewBox and what goes inside.

    ``body`` holds ``FRESH`` where ids must be unique to each use (gradients, masks).
    """

    view_box: str
    body: str


class Renderer:
    """Markup for one catalogue and one build; keeps every result it computes.

    ``icon``, ``icon_img``, ``icon_button`` and ``icon_link`` are what templates call;
    ``translations``, where given, returns the active gettext function at each call
    (or ``None``), and the catalogue's words go through it.
    """

    def __init__(
        self,
        catalog: Catalog,
        urls: Urls,
        *,
        manifest: Mapping[str, Any] | None = None,
        sprite_block: Callable[[], str] | None = None,
        shapes: Callable[[Icon], Shapes] | None = None,
        translations: Callable[[], Translate | None] | None = None,
        strict: bool = True,
    ) -> None:
        self.catalog = catalog
        self.urls = urls
        self.manifest = manifest
        self.strict = strict
        self._sprite_block = sprite_block
        self._shapes = shapes
        self._sprite_markup: Markup | None = None
        self._cache: dict[tuple[Any, ...], Markup | _Fresh] = {}
        self._plain: dict[tuple[Any, ...], Markup] = {}
        self._plain_fresh: dict[tuple[Any, ...], _Fresh] = {}  # plain calls with per-use ids
        self._translated: dict[tuple[Any, ...], Markup | _Fresh] = {}
        self._titles = {key: icon.title for icon in catalog for key in (icon.name, *icon.aliases)}
        self.icon = icon_function(self._plain, self._plain_miss, self._general)
        self._pictures = Pictures(self._resolve, self._title, urls, manifest)
        self.icon_img = self._pictures.icon_img
        if translations is not None:
            self.icon = translating_icon_function(
                self._plain, self._plain_miss, self._translated_icon, self._general, translations
            )
            self.icon_img = self._pictures.translating(translations)
        self._current = translations or (lambda: None)
        self._languages: dict[tuple[Translate, str | None], Localised] = {}

    def __repr__(self) -> str:
        return f"<Renderer {self.catalog!r} sprite={self.urls.sprite!r}>"

    def in_language(self, translate: Translate, direction: str | None = None) -> Localised:
        """``icon``, ``icon_img``, ``icon_button`` and ``icon_link`` naming icons through
        ``translate``, for integrations that know a page's language once per page;
        ``direction`` (``"rtl"``) is the page's, for ``icon_img``'s flipped files."""
        try:
            return self._languages[translate, direction]
        except KeyError:
            found = self._languages[translate, direction] = Localised(self, translate, direction)
            return found

    def render(
        self,
        name: object,
        label: object = None,
        *,
        decorative: object = False,
        size: object = None,
        class_: object = None,
        desc: object = False,
        text: object = False,
        gettext: Translate | None = None,
        **attrs: object,
    ) -> Markup:
        """``icon()`` with every option spelled out, and the translation to name it with."""
        return self._general(name, label, decorative, size, class_, desc, text, attrs, gettext)

    # -- icon() -----------------------------------------------------------------

    def _plain_miss(self, name: object, label: object, decorative: object) -> Markup:
        key = (name, label, decorative)
        try:
            return self._plain_fresh[key].render()
        except (KeyError, TypeError):
            made = self._icon(name, label, decorative, None, None, False, False, {}, None, None)
        return self._keep(self._plain_fresh if type(made) is _Fresh else self._plain, key, made)

    def _translated_icon(self, translate: Translate, name: object) -> Markup:
        try:
            title = translate(self._titles[name])  # type: ignore[index]
        except (KeyError, TypeError):  # not a name: the plain path says so
            return self._plain_miss(name, None, False)
        key = (name, title)
        try:
            found = self._translated[key]
        except KeyError:
            made = self._icon(name, None, False, None, None, False, False, {}, str(title), None)
            return self._keep(self._translated, key, made)
        return found.render() if type(found) is _Fresh else found  # type: ignore[return-value]

    def _general(
        self,
        name: object,
        label: object,
        decorative: object,
        size: object,
        class_: object,
        desc: object,
        text: object,
        attrs: Mapping[str, object],
        translate: Translate | None,
    ) -> Markup:
        title, description = self._words(name, label, desc, translate)
        key = (
            name,
            label,
            label.__class__,  # Markup("&amp;") == "&amp;" but renders differently
            decorative,
            size,
            size.__class__,  # True == 1 but is refused
            class_,
            class_.__class__,
            desc,
            text,
            tuple((k, v, v.__class__) for k, v in attrs.items()) if attrs else (),
            title,
            description,
        )
        try:
            found = self._cache[key]
        except (KeyError, TypeError):
            made = self._icon(
                name, label, decorative, size, class_, desc, text, attrs, title, description
            )
            return self._keep(self._cache, key, made)
        return found.render() if type(found) is _Fresh else found  # type: ignore[return-value]

    def _words(
        self, name: object, label: object, desc: object, translate: Translate | None
    ) -> tuple[str | None, str | None]:
        """The translated title (when no label names the icon) and description (with desc)."""
        if translate is None or (label is not None and not desc):
            return None, None
        try:
            icon = self.catalog.resolve(name)  # type: ignore[arg-type]
        except UnknownIconError:
            return None, None  # reported, with its suggestions, by _icon
        title = str(translate(icon.title)) if label is None else None
        return title, str(translate(icon.description)) if desc else None

    def _title(self, name: object, translate: Translate) -> str | None:
        """The title of icon ``name`` in ``translate``'s language; ``None`` for no such icon."""
        return self._words(name, None, False, translate)[0]

    @staticmethod
    def _keep(
        cache: dict[tuple[Any, ...], Any], key: tuple[Any, ...], made: Markup | _Fresh | None
    ) -> Markup:
        """Keep ``made`` under ``key`` where the key can be kept; return what it renders."""
        if made is None:
            return Markup("")
        keep(cache, key, made)
        return made.render() if type(made) is _Fresh else made  # type: ignore[return-value]

    def _resolve(self, name: object) -> Icon | None:
        try:
            return self.catalog.resolve(name)  # type: ignore[arg-type]
        except UnknownIconError as error:
            if self.strict:
                raise
            logger.warning("%s; rendering nothing (strict=False)", error)
            return None

    def _icon(
        self,
        name: object,
        label: object,
        decorative: object,
        size: object,
        class_: object,
        desc: object,
        text: object,
        attrs: Mapping[str, object],
        title: str | None,
        description: str | None,
    ) -> Markup | _Fresh | None:
        icon = self._resolve(name)
        if icon is None:
            return None
        for flag, value in (("decorative", decorative), ("desc", desc), ("text", text)):
            if value.__class__ is not bool:
                raise IconArgumentError(f"icon {icon.name!r}: {flag} must be True or False")
        head = f'<svg class="{_classes(icon, class_)}"'
        after = ""
        if decorative:
            if label is not None or desc or text:
                raise IconArgumentError(
                    f"icon {icon.name!r}: a decorative icon has no name: drop "
                    "label=, desc= and text=, or decorative=True"
                )
            head += ' aria-hidden="true"'
        else:
            name_text = self.accessible_name(icon, label, title)
            if text:  # the name as visually hidden text, which page translation reads
                if desc:
                    raise IconArgumentError(
                        f"icon {icon.name!r}: desc=True describes an icon named by "
                        "aria-label; with text=True, put the description in the text"
                    )
                head += ' aria-hidden="true"'
                after = f'<span class="{HIDDEN_CLASS}">{quote(name_text)}</span>'
            else:
                head += f' role="img" aria-label="{quote(name_text)}"'
        pixels = size_attribute(size) or "1em"  # sized by itself, stylesheet or not
        tail = f' focusable="false" width="{pixels}" height="{pixels}"{render_attrs(attrs)}'
        if self._shapes is None:
            body = f'<use href="{quote(self.urls.sprite + icon.name)}"/></svg>{after}'
        else:  # no sprite: the icon carries its own shapes
            drawing = self._shapes(icon)
            tail += f' viewBox="{drawing.view_box}"'
            body = f"{drawing.body}</svg>{after}"
        if desc:
            words = quote(clean_text(icon.description if description is None else description))
            described = f' aria-describedby="{FRESH}"{tail}><desc id="{FRESH}">{words}</desc>'
            return _Fresh(f"{head}{described}{body}")
        return _Fresh(f"{head}{tail}>{body}") if FRESH in body else Markup(f"{head}{tail}>{body}")

    @staticmethod
    def accessible_name(icon: Icon, label: object, title: str | None = None) -> str:
        """The name ``icon`` is announced by: ``label``, else its (translated) title."""
        name = clean_text(label if label is not None else title or icon.title)
        if not name:
            raise IconArgumentError(
                f"icon {icon.name!r}: empty label; pass decorative=True for an icon "
                "that needs no name"
            )
        return name

    # -- icon_button() and icon_link() ----------------------------------------------

    def icon_button(
        self,
        name: str,
        label: str | None = None,
        *,
        text: bool = False,
        size: int | float | str | None = None,
        class_: str | None = None,
        type: str = "button",  # noqa: A002 - the HTML attribute's name
        gettext: Translate | None = None,
        **attrs: AttrValue,
    ) -> Markup:
        """A ``<button>`` holding only icon ``name``, named on the button, not the icon.

        ``gettext`` translates the title (default: the renderer's active translation).
        """
        words = gettext or self._current()
        fixed: dict[str, object] = {"type": type}
        return self._control("button", name, label, text, size, class_, fixed, attrs, words)

    def icon_link(
        self,
        name: str,
        label: str | None = None,
        *,
        href: str,
        text: bool = False,
        size: int | float | str | None = None,
        class_: str | None = None,
        gettext: Translate | None = None,
        **attrs: AttrValue,
    ) -> Markup:
        """An ``<a href>`` holding only icon ``name``, named on the link, not the icon."""
        words = gettext or self._current()
        return self._control("a", name, label, text, size, class_, {"href": href}, attrs, words)

    def _control(
        self,
        tag: str,
        name: str,
        label: object,
        text: object,
        size: object,
        class_: object,
        fixed: dict[str, object],
        attrs: Mapping[str, object],
        translate: Translate | None,
    ) -> Markup:
        title, _ = self._words(name, label, False, translate)
        key = (tag, name, label, label.__class__, text, size, class_, title, *fixed.values())
        key += tuple((k, v, v.__class__) for k, v in attrs.items())
        try:
            return self._cache[key]  # type: ignore[return-value]
        except (KeyError, TypeError):
            pass
        icon = self._resolve(name)
        if icon is None:
            return Markup("")
        if text.__class__ is not bool:
            raise IconArgumentError(f"{tag} of icon {icon.name!r}: text must be True or False")
        inner = self._general(name, None, True, size, None, False, False, {}, None)
        spoken = self.accessible_name(icon, label, title)
        classes = _class_text(class_) if class_ is not None else None
        made = control_markup(tag, fixed, classes, attrs, inner, spoken, bool(text))
        return self._keep(self._cache, key, made)

    # -- icon_sprite() ------------------------------------------------------------

    def icon_sprite(self) -> Markup:
        """What a page needs once: the stylesheet link where there is one, then, in inline
        mode, the sprite itself. Every form displays without it (icons are 1em squares by
        their own attributes); the stylesheet adds alignment, motion and forced colours."""
        if self._sprite_markup is None:
            link = ""
            if self.urls.stylesheet:
                link = f'<link rel="stylesheet" href="{quote(self.urls.stylesheet)}">'
            block = self._sprite_block() if self._sprite_block is not None else ""
            self._sprite_markup = Markup(link + block)
        return self._sprite_markup


class Localised:
    """A renderer's template functions, naming icons in the language of one ``gettext``."""

    def __init__(self, renderer: Renderer, gettext: Translate, direction: str | None) -> None:
        def current() -> Translate:
            return gettext

        self.icon = translating_icon_function(
            renderer._plain,
            renderer._plain_miss,
            renderer._translated_icon,
            renderer._general,
            current,
        )
        self.icon_img = renderer._pictures.translating(current, direction)
        self.icon_button = functools.partial(renderer.icon_button, gettext=gettext)
        self.icon_link = functools.partial(renderer.icon_link, gettext=gettext)
