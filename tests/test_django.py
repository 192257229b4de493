"""``iconkit.django``: the template tags against their Jinja twins, and the renderer's URLs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from jinja2 import Environment
from lxml import etree

import iconkit
from iconkit.builder import build
from iconkit.errors import IconArgumentError, UnknownIconError
from iconkit.settings import load_settings

from .django_project import setup
from .templating import parse_page

setup()

from django.template import Context, Template, TemplateSyntaxError  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402

from iconkit.django.renderer import get_renderer  # noqa: E402

PYPROJECT = '[tool.iconkit]\nsizes = [24]\ncolours = {dark = "#1f2328"}\n'

# Each Django tag and the Jinja call that must write the same markup.
TWINS = [
    ('{% icon "comment" %}', "{{ icon('comment') }}"),
    ('{% icon "speech-bubble-icon" %}', "{{ icon('speech-bubble-icon') }}"),
    ('{% icon "comment" "3 comments" %}', "{{ icon('comment', '3 comments') }}"),
    ('{% icon "comment" label="3 comments" %}', "{{ icon('comment', label='3 comments') }}"),
    ('{% icon "comment" count|stringformat:"d" %}', "{{ icon('comment', count|string) }}"),
    ('{% icon "close" decorative=True %}', "{{ icon('close', decorative=True) }}"),
    (
        '{% icon "menu" "Menu" size=32 class="nav-icon" data_state="closed" aria_controls="nav" %}',
        "{{ icon('menu', 'Menu', size=32, class_='nav-icon', data_state='closed', "
        "aria_controls='nav') }}",
    ),
    ('{% icon "menu" size="1.5em" class_="a" %}', "{{ icon('menu', size='1.5em', class_='a') }}"),
    ('{% icon "tick" "Saved" desc=True %}', "{{ icon('tick', 'Saved', desc=True) }}"),
    ('{% icon "search" "Search" text=True %}', "{{ icon('search', 'Search', text=True) }}"),
    ('{% icon "comment" "Fish & chips" %}', "{{ icon('comment', 'Fish & chips') }}"),
    ('{% icon "comment" hostile %}', "{{ icon('comment', hostile) }}"),
    ('{% icon "loading-spinner" "Loading" %}', "{{ icon('loading-spinner', 'Loading') }}"),
    ('{% icon_img "tick" %}', "{{ icon_img('tick') }}"),
    (
        '{% icon_img "email" "Email" size=24 decorative=False %}',
        "{{ icon_img('email', 'Email', size=24, decorative=False) }}",
    ),
    ('{% icon_img "tick" decorative=True %}', "{{ icon_img('tick', decorative=True) }}"),
    (
        '{% icon_button "close" "Close dialog" data_dialog="settings" %}',
        "{{ icon_button('close', 'Close dialog', data_dialog='settings') }}",
    ),
    ('{% icon_link "home" "Home" href="/" %}', "{{ icon_link('home', 'Home', href='/') }}"),
    ("{% icon_sprite %}", "{{ icon_sprite() }}"),
]
CONTEXT = {"count": 3, "hostile": '3 comments & <b>"new"</b> <script>alert(1)</script>'}


def dtl(source: str, **context: Any) -> str:
    return Template(source).render(Context({**CONTEXT, **context}))


def shape(markup: str) -> list[Any]:
    """The elements of ``markup`` as nested lists, description ids made alike, and URLs
    unquoted (``static()`` writes ``@`` as ``%40``, which names the same file)."""

    def walk(element: etree._Element) -> list[Any]:
        attrs = {k: unquote(re.sub(r"iconkit_d\d+", "ID", v)) for k, v in element.attrib.items()}
        children = [walk(child) for child in element]
        return [element.tag, sorted(attrs.items()), element.text, children, element.tail]

    body = parse_page(f"<html><body>{markup}</body></html>").find("body")
    return [walk(child) for child in body]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("django-built")
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    build(load_settings(folder))
    return folder


@pytest.fixture
def project(built: Path) -> Iterator[Path]:
    with override_settings(BASE_DIR=built):
        yield built


@pytest.fixture
def jinja(built: Path) -> Environment:
    env = Environment(autoescape=True)
    iconkit.install(env, project=built)
    return env


@pytest.mark.parametrize(("django_source", "jinja_source"), TWINS)
def test_each_tag_writes_the_markup_of_its_jinja_twin(
    project: Path, jinja: Environment, django_source: str, jinja_source: str
) -> None:
    ours = dtl(django_source)
    assert ours.strip()
    assert shape(ours) == shape(jinja.from_string(jinja_source).render(CONTEXT))


@pytest.mark.parametrize(
    ("django_source", "jinja_source"),
    [
        ('{% icon "coment" %}', "{{ icon('coment') }}"),
        ('{% icon_img "tik" %}', "{{ icon_img('tik') }}"),
        ('{% icon "comment" "" %}', "{{ icon('comment', '') }}"),
        ('{% icon "comment" "x" decorative=True %}', "{{ icon('comment', 'x', decorative=True) }}"),
        ('{% icon "comment" onclick="x" %}', "{{ icon('comment', onclick='x') }}"),
        ('{% icon "comment" size=-1 %}', "{{ icon('comment', size=-1) }}"),
    ],
)
def test_errors_are_the_jinja_twins_errors(
    project: Path, jinja: Environment, django_source: str, jinja_source: str
) -> None:
    with pytest.raises((UnknownIconError, IconArgumentError)) as ours:
        dtl(django_source)
    with pytest.raises((UnknownIconError, IconArgumentError)) as theirs:
        jinja.from_string(jinja_source).render()
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value) == str(theirs.value)


def test_an_unknown_name_suggests_the_close_one(project: Path) -> None:
    with pytest.raises(UnknownIconError, match="did you mean 'comment'"):
        dtl('{% icon "coment" %}')


def test_a_tag_without_a_name_is_a_template_syntax_error(project: Path) -> None:
    with pytest.raises(TemplateSyntaxError):
        dtl("{% icon %}")


def test_load_iconkit_works_without_builtins(project: Path) -> None:
    engine = {"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": []}
    with override_settings(TEMPLATES=[engine]):
        from django.template import engines

        html = engines["django"].from_string('{% load iconkit %}{% icon "home" %}').render()
    assert 'aria-label="Home"' in html


def test_the_sprite_is_written_once_per_page(project: Path) -> None:
    html = dtl("{% icon_sprite %}{% icon_sprite %}{% include 'sprite.html' %}")
    assert html.count("<link") == 1


def test_a_lazy_label_is_translated_when_the_page_renders(project: Path) -> None:
    label = gettext_lazy("Enter a valid URL.")  # made at import time in a real project
    names = {}
    for language in ("fr", "de", "en"):
        with translation.override(language):
            (svg,) = parse_page(dtl("{% icon 'search' label %}", label=label)).iter("svg")
            names[language] = (svg.get("aria-label"), str(label))
    assert names["fr"][0] == "Saisissez une URL valide."
    assert all(found == expected for found, expected in names.values())
    assert len({found for found, _ in names.values()}) == 3


@pytest.mark.parametrize(
    ("language", "close", "description"),
    [
        ("fr", "Fermer", None),
        ("de-ch", "Schließen", None),
        ("ar", "إغلاق", None),
        ("en", "Close", "An X shape."),
        ("ja", "Close", "An X shape."),  # no translation: the catalogue's words
    ],
)
def test_titles_are_announced_in_the_page_language(
    project: Path, language: str, close: str, description: str | None
) -> None:
    from iconkit.i18n import translations

    with translation.override(language):
        page = parse_page(dtl('{% icon "close" desc=True %}{% icon_button "close" %}'))
    svg, button = next(page.iter("svg")), next(page.iter("button"))
    assert svg.get("aria-label") == close == button.get("aria-label")
    expected = description or translations(language).gettext("An X shape.")
    assert svg.find("desc").text == expected


def test_a_project_translation_wins_over_the_shipped_one(project: Path, tmp_path: Path) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="fr")
    catalog.add("Close", "Fermer la fenêtre")
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / "fr" / "LC_MESSAGES" / "django.mo").open("wb") as stream:
        write_mo(stream, catalog)
    with override_settings(LOCALE_PATHS=[tmp_path]), translation.override("fr"):
        page = parse_page(dtl('{% icon "close" %}{% icon "search" %}'))
    close, search = page.iter("svg")
    assert close.get("aria-label") == "Fermer la fenêtre"  # the project's words
    assert search.get("aria-label") == "Rechercher"  # iconkit's, where the project has none


@pytest.mark.parametrize("language", ["de", "ar"])
def test_django_s_own_words_do_not_replace_the_shipped_ones(project: Path, language: str) -> None:
    """Django translates "Duration" as a kind of model field (German "Zeitspanne"); an icon's
    title is iconkit's word unless the project translates it."""
    from iconkit.i18n import translations

    shipped = translations(language).gettext("Duration")
    with translation.override(language):
        assert translation.gettext("Duration") not in {"Duration", shipped}  # Django's own
        page = parse_page(dtl('{% icon "duration" %}{% icon_button "duration" %}'))
    assert next(page.iter("svg")).get("aria-label") == shipped
    assert next(page.iter("button")).get("aria-label") == shipped


def test_urls_follow_static_url(project: Path) -> None:
    with override_settings(STATIC_URL="/assets/"):
        html = dtl('{% icon_sprite %}{% icon "home" %}{% icon_img "home" %}')
    page = parse_page(html)
    assert next(page.iter("link")).get("href").startswith("/assets/icons/iconkit.")
    assert next(page.iter("use")).get("href").startswith("/assets/icons/sprite.")
    assert next(page.iter("img")).get("src").startswith("/assets/icons/png/home-24%401x-dark.")


def test_absolute_pictures_for_e_mail(project: Path) -> None:
    with override_settings(ICONKIT={"ABSOLUTE_BASE_URL": "https://example.com/static/icons"}):
        html = dtl('{% icon_img "home" absolute=True %}')
    (img,) = parse_page(html).iter("img")
    assert img.get("src").startswith("https://example.com/static/icons/png/home-24%401x-dark.")


def test_zero_setup_before_a_build(tmp_path: Path) -> None:
    with override_settings(BASE_DIR=tmp_path):
        html = dtl('{% icon_sprite %}{% icon "home" %}')
        assert get_renderer().manifest is None
    page = parse_page(html)
    assert next(page.iter("link")).get("href") == "/static/icons/iconkit.css"
    assert next(page.iter("svg")).get("viewbox") == "0 0 24 24"


def test_inline_mode(project: Path) -> None:
    with override_settings(ICONKIT={"INLINE": True}):
        html = dtl('<body>{% icon_sprite %}{% icon "home" %}</body>')
    page = parse_page(html)
    sprite, icon = (svg for svg in page.iter("svg") if svg.getparent().tag == "body")
    assert sprite.get("class") == "iconkit-sprite"
    assert next(icon.iter("use")).get("href") == "#iconkit-home"


def test_a_new_build_is_picked_up_by_the_next_request_in_debug_mode(tmp_path: Path) -> None:
    from django.test import Client

    (tmp_path / "pyproject.toml").write_text(PYPROJECT + "png = false\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "home.html").write_text('{% icon "home" %}', encoding="utf-8")
    engine = {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [tmp_path / "templates"],
        "OPTIONS": {"builtins": ["iconkit.django.templatetags.iconkit"]},
    }
    with override_settings(BASE_DIR=tmp_path, DEBUG=True, TEMPLATES=[engine]):
        assert "<use" not in Client().get("/home.html").content.decode()
        build(load_settings(tmp_path))
        assert "<use" in Client().get("/home.html").content.decode()


def test_a_new_catalogue_is_picked_up_in_debug_mode(
    tmp_path: Path, write_catalog: Callable[[str], Path]
) -> None:
    from django.test import Client

    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "bell.html").write_text('{% icon "bell" %}', encoding="utf-8")
    engine = {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [tmp_path / "templates"],
        "OPTIONS": {"builtins": ["iconkit.django.templatetags.iconkit"]},
    }
    with override_settings(BASE_DIR=tmp_path, DEBUG=True, TEMPLATES=[engine]):
        with pytest.raises(UnknownIconError, match="in the shipped catalogue"):
            Client().get("/bell.html")
        write_catalog("bell:\n  title: Notifications\n  description: A bell.\n")
        assert 'aria-label="Notifications"' in Client().get("/bell.html").content.decode()
