"""``icon_img()``: the PNG fallback of an icon as an ``<img>``, for places without SVG.

Part of the renderer (``markup.Renderer`` makes one ``Pictures`` and hands it its way
of resolving names and translating titles): the same escaping and keeping of results,
with the build's manifest for the PNG files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup

from iconkit._calls import Translate, keep
from iconkit._html import AttrValue, clean_text, quote, render_attrs
from iconkit._urls import Urls
from iconkit.catalog import Icon
from iconkit.errors import IconArgumentError, ManifestError


class Pictures:
    """``icon_img`` for one renderer, with the results it has computed."""

    def __init__(
        self,
        resolve: Callable[[object], Icon | None],
        title: Callable[[object, Translate], str | None],
        urls: Urls,
        manifest: Mapping[str, Any] | None,
    ) -> None:
        self._resolve, self._title, self._urls, self._manifest = resolve, title, urls, manifest
        self._cache: dict[tuple[Any, ...], Markup] = {}
        general = self._img

        def icon_img(
            name: str,
            label: str | None = None,
            *,
            decorative: bool = False,
            size: int = 24,
            colour: str | None = None,
            absolute: bool = False,
            dir: str | None = None,  # noqa: A002 - the HTML attribute's name
            **attrs: AttrValue,
        ) -> Markup:
            """An ``<img>`` of the PNG fallback, with its 2x file in ``srcset``; ``dir="rtl"``
            gives icons that mirror their flipped files."""
            return general(name, label, decorative, size, colour, absolute, dir, attrs, None)

        self.icon_img = icon_img

    def translating(
        self, current: Callable[[], Translate | None], direction: str | None = None
    ) -> Callable[..., Markup]:
        """``icon_img`` whose default ``alt`` is the title in the language ``current()`` gives,
        and whose default ``dir`` is ``direction`` (the page's, where an integration knows it)."""
        general = self._img
        page = direction

        def icon_img(
            name: str,
            label: str | None = None,
            *,
            decorative: bool = False,
            size: int = 24,
            colour: str | None = None,
            absolute: bool = False,
            dir: str | None = None,  # noqa: A002 - the HTML attribute's name
            **attrs: AttrValue,
        ) -> Markup:
            """An ``<img>`` of the PNG fallback, named in the page's language."""
            translate = current() if label is None and not decorative else None
            way = dir or page
            return general(name, label, decorative, size, colour, absolute, way, attrs, translate)

        return icon_img

    def _img(
        self,
        name: object,
        label: object,
        decorative: object,
        size: object,
        colour: object,
        absolute: object,
        direction: object,
        attrs: Mapping[str, object],
        translate: Translate | None,
    ) -> Markup:
        title = self._title(name, translate) if translate and label is None else None
        key = (
            name,
            label,
            label.__class__,
            decorative,
            size,
            size.__class__,
            colour,
            absolute,
            direction,
            tuple((k, v, v.__class__) for k, v in attrs.items()) if attrs else (),
            title,
        )
        try:
            return self._cache[key]
        except (KeyError, TypeError):
            made = self._icon_img(
                name, label, decorative, size, colour, absolute, direction, attrs, title
            )
            if made is None:
                return Markup("")
            keep(self._cache, key, made)
            return made

    def _png(self, icon: Icon, size: object, colour: object, scale: int, flipped: bool) -> str:
        manifest = self._manifest
        if manifest is None:
            raise ManifestError(
                "icon_img() needs the PNG files of a build: run `iconkit build` and pass "
                "install(env, build_dir=...)"
            )
        entry = manifest["icons"][icon.name]
        pngs: Mapping[str, str] = entry.get("png_rtl" if flipped else "png", {})
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
        direction: object,
        attrs: Mapping[str, object],
        title: str | None,
    ) -> Markup | None:
        icon = self._resolve(name)
        if icon is None:
            return None
        if isinstance(size, bool) or not isinstance(size, int):
            raise IconArgumentError(f"icon_img({icon.name!r}): size must be whole pixels")
        if direction not in (None, "ltr", "rtl", "auto"):
            raise IconArgumentError(f"icon_img({icon.name!r}): dir must be 'ltr' or 'rtl'")
        flipped = direction == "rtl" and bool(icon.mirror)
        files = [self._png(icon, size, colour, scale, flipped) for scale in (1, 2)]
        one, two = (quote(self._urls.file(f, absolute=bool(absolute))) for f in files)
        if decorative:
            if label is not None:
                raise IconArgumentError(f"icon_img({icon.name!r}): a decorative image has no label")
            alt = ""
        else:
            words = label if label is not None else title if title is not None else icon.title
            alt = clean_text(words)
            if not alt:
                raise IconArgumentError(
                    f"icon_img({icon.name!r}): empty label; pass decorative=True instead"
                )
        return Markup(
            f'<img src="{one}" srcset="{two} 2x" width="{size}" height="{size}" '
            f'alt="{quote(alt)}"{render_attrs(attrs)}/>'
        )
