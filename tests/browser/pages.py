"""The pages under test, rendered through iconkit's public Jinja API into the served folder."""

from __future__ import annotations

import gettext
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

from iconkit import Icon, load_catalog

TEMPLATES = Path(__file__).resolve().parent / "templates"
MODES = ("external", "inline", "own")  # "own": no build, each icon carries its own shapes
SPRITE_MODES = ("external", "inline")  # with the stylesheet of a build
BASE_URL = "/iconkit-build/"
# Informative pages render each icon with a label of its own; one of them is hostile.
HOSTILE_LABEL = '3 comments & <b>"new"</b> <script>alert(1)</script>'
REPEATS = 100
# Pages that render every icon of the shipped set in one mode each.
PER_MODE = ("forms", "desc", "repeat", "spinner", "colours")


@dataclass(frozen=True)
class Pages:
    """Where each page was written, relative to the served folder."""

    icons: tuple[Icon, ...]
    build_dir: Path
    gallery: str

    @staticmethod
    def path(kind: str, mode: str) -> str:
        return f"{kind}-{mode}.html"

    @property
    def all(self) -> list[str]:
        return [self.path(kind, mode) for kind in PER_MODE for mode in MODES] + [self.gallery]


def labels(icons: tuple[Icon, ...]) -> dict[str, str]:
    named = {icon.name: f"Label {icon.name}" for icon in icons}
    named["comment"] = HOSTILE_LABEL
    return named


def environment(
    mode: str,
    build_dir: Path,
    *,
    translations: gettext.NullTranslations | None = None,
    css_url: str | None = None,
    templates: Path = TEMPLATES,
) -> jinja2.Environment:
    """An environment for ``mode``; with ``translations``, Jinja's i18n extension installs
    them (new-style gettext) before iconkit is; ``css_url`` is linked in "own" mode."""
    import iconkit

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"] if translations is not None else [],
    )
    if translations is not None:
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    if mode == "own":  # a project with no build: nothing but the page itself
        iconkit.install(env, project=build_dir.parent / "no-build", css_url=css_url)
    else:
        iconkit.install(env, inline=mode == "inline", base_url=BASE_URL, build_dir=build_dir)
    return env


def render_pages(root: Path, build_dir: Path) -> Pages:
    """Render every page in both sprite modes into ``root``; the build is in ``build_dir``."""
    icons = tuple(load_catalog())
    manifest = json.loads((build_dir / "manifest.json").read_text(encoding="utf-8"))
    pages = Pages(
        icons=icons,
        build_dir=build_dir,
        gallery=f"{build_dir.relative_to(root).as_posix()}/gallery.html",
    )
    for mode in MODES:
        env = environment(mode, build_dir)
        context = {
            "mode": mode,
            "icons": icons,
            "labels": labels(icons),
            "repeats": REPEATS,
            "described": next(icon for icon in icons if icon.name == "comment"),
            # External mode links the build's stylesheet; inline mode must need nothing else.
            "css_url": BASE_URL + manifest["css"] if mode == "external" else "",
        }
        for kind in PER_MODE:
            html = env.get_template(f"{kind}.html").render(context)
            (root / pages.path(kind, mode)).write_text(html, encoding="utf-8")
    return pages
