"""The one renderer: catalogue + build manifest in, precomputed ``Markup`` out.

Everything a template passes in is validated here and escaped by ``quote`` (the one
escaping function), once, when a (name, options) pair is first seen; the result is
kept, so a repeated call is a dictionary look-up. Jinja globals, macros and the
extension all call this.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from iconkit._html import AttrValue, clean_text, quote, render_attrs, size_attribute
from iconkit.catalog import Catalog, Icon
from iconkit.errors import ConfigError, IconArgumentError, ManifestError, UnknownIconError

logger = logging.getLogger("iconkit")

SYMBOL_PREFIX = "iconkit-"
"""Inline mode renames symbol ``NAME`` to ``iconkit-NAME`` so it cannot meet a page id."""

DESC_ID_PREFIX = "iconkit_d"
"""Description ids: the underscore keeps them apart from every ``iconkit-…`` symbol id."""

CACHE_LIMIT = 4096
"""Distinct (name, options) entries kept; the cache starts afresh when it is full."""

_ids = itertools.count(1)
"""One counter for the process: ids never repeat, on a page or across cached fragments."""

_PLAIN = frozenset((str, type(None)))


def _classes(icon: Icon, class_: object) -> str:
    classes = ["icon", f"icon-{icon.name}"]
    if icon.animated:
        classes.append("icon-spin")
    if icon.fixed_colours:
        classes.append("icon-fixed")
    if class_ is not None:
        if not isinstance(class_, str):
            raise IconArgumentError(f"class_ must be text, not {type(class_).__name__}")
        extra = str(class_.unescape()) if isinstance(class_, Markup) else class_
        classes.extend(c for c in extra.split() if c not in classes)
    return quote(" ".join(classes))


FRESH = "\ue000"
"""Where a per-use id goes in kept markup (a private-use character no template passes)."""


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


@dataclass(frozen=True)
class Urls:
    """Where the icons and their fallbacks live, as the page sees them."""

    sprite: str
    """Prefix of every ``<use href>``: ``/static/icons/sprite.<hash>.svg#`` or ``#iconkit-``."""
    base: str = "/static/icons/"
    absolute_base: str | None = None
    stylesheet: str | None = None
    """The URL of ``iconkit.css`` where the page can load it (from a build, or a framework)."""


def _icon_function(
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
        **attrs: AttrValue,
    ) -> Markup:
        """An ``<svg>`` that shows icon ``name``; see docs/templates.md."""
        if size is None and class_ is None and not desc and not attrs and label.__class__ in _PLAIN:
            try:
                return plain[name, label, decorative]
            except (KeyError, TypeError):
                return miss(name, label, decorative)
        return general(name, label, decorative, size, class_, desc, attrs)

    return icon


def _img_function(general: Callable[..., Markup]) -> Callable[..., Markup]:
    def icon_img(
        name: str,
        label: str | None = None,
        *,
        decorative: bool = False,
        size: int = 24,
        colour: str | None = None,
        absolute: bool = False,
        **attrs: AttrValue,
    ) -> Markup:
        """An ``<img>`` of the PNG fallback, with its 2x file in ``srcset``."""
        return general(name, label, decorative, size, colour, absolute, attrs)

    return icon_img


class Renderer:
    """Markup for one catalogue and one build; keeps every result it computes."""

    def __init__(
        self,
        catalog: Catalog,
        urls: Urls,
        *,
        manifest: Mapping[str, Any] | None = None,
        sprite_block: Callable[[], str] | None = None,
        shapes: Callable[[Icon], Shapes] | None = None,
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
        self._img_cache: dict[tuple[Any, ...], Markup] = {}  # icon_img() output
        self.icon = _icon_function(self._plain, self._plain_miss, self._general)
        self.icon_img = _img_function(self._img)

    def __repr__(self) -> str:
        return f"<Renderer {self.catalog!r} sprite={self.urls.sprite!r}>"

    # -- icon() -----------------------------------------------------------------

    def _plain_miss(self, name: object, label: object, decorative: object) -> Markup:
        key = (name, label, decorative)
        try:
            return self._plain_fresh[key].render()
        except (KeyError, TypeError):
            made = self._icon(name, label, decorative, None, None, False, {})
        return self._keep(self._plain_fresh if type(made) is _Fresh else self._plain, key, made)

    def _general(
        self,
        name: object,
        label: object,
        decorative: object,
        size: object,
        class_: object,
        desc: object,
        attrs: Mapping[str, object],
    ) -> Markup:
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
            tuple((k, v, v.__class__) for k, v in attrs.items()) if attrs else (),
        )
        try:
            found = self._cache[key]
        except (KeyError, TypeError):
            made = self._icon(name, label, decorative, size, class_, desc, attrs)
            return self._keep(self._cache, key, made)
        return found.render() if type(found) is _Fresh else found  # type: ignore[return-value]

    @staticmethod
    def _keep(
        cache: dict[tuple[Any, ...], Any], key: tuple[Any, ...], made: Markup | _Fresh | None
    ) -> Markup:
        """Keep ``made`` under ``key`` where the key can be kept; return what it renders."""
        if made is None:
            return Markup("")
        try:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = made
        except TypeError:  # an unhashable argument that rendered: nothing to keep
            pass
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
        attrs: Mapping[str, object],
    ) -> Markup | _Fresh | None:
        icon = self._resolve(name)
        if icon is None:
            return None
        for flag, value in (("decorative", decorative), ("desc", desc)):
            if value.__class__ is not bool:
                raise IconArgumentError(f"icon {icon.name!r}: {flag} must be True or False")
        head = f'<svg class="{_classes(icon, class_)}"'
        if decorative:
            if label is not None:
                raise IconArgumentError(
                    f"icon {icon.name!r}: a decorative icon has no label; drop label= "
                    "or decorative=True"
                )
            if desc:
                raise IconArgumentError(f"icon {icon.name!r}: a decorative icon has no desc")
            head += ' aria-hidden="true"'
        else:
            text = clean_text(icon.title if label is None else label)
            if not text:
                raise IconArgumentError(
                    f"icon {icon.name!r}: empty label; pass decorative=True for an icon "
                    "that needs no name"
                )
            head += f' role="img" aria-label="{quote(text)}"'
        pixels = size_attribute(size) or "1em"  # sized by itself, stylesheet or not
        tail = f' focusable="false" width="{pixels}" height="{pixels}"{render_attrs(attrs)}'

        if self._shapes is None:
            body = f'<use href="{quote(self.urls.sprite + icon.name)}"/></svg>'
        else:  # no sprite: the icon carries its own shapes
            drawing = self._shapes(icon)
            tail += f' viewBox="{drawing.view_box}"'
            body = f"{drawing.body}</svg>"
        if desc:
            description = quote(clean_text(icon.description))
            described = f' aria-describedby="{FRESH}"{tail}><desc id="{FRESH}">{description}</desc>'
            return _Fresh(f"{head}{described}{body}")
        return _Fresh(f"{head}{tail}>{body}") if FRESH in body else Markup(f"{head}{tail}>{body}")

    # -- icon_img() ---------------------------------------------------------------

    def _img(
        self,
        name: object,
        label: object,
        decorative: object,
        size: object,
        colour: object,
        absolute: object,
        attrs: Mapping[str, object],
    ) -> Markup:
        key = (
            name,
            label,
            label.__class__,
            decorative,
            size,
            size.__class__,
            colour,
            absolute,
            tuple((k, v, v.__class__) for k, v in attrs.items()) if attrs else (),
        )
        try:
            return self._img_cache[key]
        except (KeyError, TypeError):
            made = self._icon_img(name, label, decorative, size, colour, absolute, attrs)
            return self._keep(self._img_cache, key, made)

    def _png(self, icon: Icon, size: object, colour: object, scale: int) -> str:
        if self.manifest is None:
            raise ManifestError(
                "icon_img() needs the PNG files of a build: run `iconkit build` and pass "
                "install(env, build_dir=...)"
            )
        pngs: Mapping[str, str] = self.manifest["icons"][icon.name].get("png", {})
        if colour is None:  # the first colour of the build's settings
            colour = next((key.split("-", 1)[1] for key in pngs), None)
        key = f"{size}@{scale}x-{colour}"
        if key not in pngs:
            sizes = sorted({int(k.split("@")[0]) for k in pngs})
            colours = sorted({k.split("-", 1)[1] for k in pngs})
            raise IconArgumentError(
                f"icon_img({icon.name!r}): no PNG at size {size!r} in colour {colour!r}; "
                f"the build has sizes {sizes} and colours {colours} (see [tool.iconkit])"
            )
        return pngs[key]

    def _icon_img(
        self,
        name: object,
        label: object,
        decorative: object,
        size: object,
        colour: object,
        absolute: object,
        attrs: Mapping[str, object],
    ) -> Markup | None:
        icon = self._resolve(name)
        if icon is None:
            return None
        if isinstance(size, bool) or not isinstance(size, int):
            raise IconArgumentError(f"icon_img({icon.name!r}): size must be whole pixels")
        base = self.urls.base
        if absolute:
            if not self.urls.absolute_base:
                raise ConfigError(
                    "icon_img(absolute=True) needs an absolute base URL: pass "
                    "install(env, absolute_base_url='https://example.com/static/icons/') "
                    "or an absolute base_url"
                )
            base = self.urls.absolute_base
        one = quote(base + self._png(icon, size, colour, 1))
        two = quote(base + self._png(icon, size, colour, 2))
        if decorative:
            if label is not None:
                raise IconArgumentError(f"icon_img({icon.name!r}): a decorative image has no label")
            alt = ""
        else:
            alt = clean_text(icon.title if label is None else label)
            if not alt:
                raise IconArgumentError(
                    f"icon_img({icon.name!r}): empty label; pass decorative=True instead"
                )
        return Markup(
            f'<img src="{one}" srcset="{two} 2x" width="{size}" height="{size}" '
            f'alt="{quote(alt)}"{render_attrs(attrs)}/>'
        )

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
