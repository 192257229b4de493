"""gallery.html: one standalone, searchable page; structure parsed, not string-compared."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree, html

from iconkit import install, load_catalog
from iconkit.builder import build, plan
from iconkit.gallery import render_gallery
from iconkit.manifest import load_manifest
from iconkit.settings import Settings

CATALOG = load_catalog()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, html.HtmlElement]:
    out = tmp_path_factory.mktemp("gallery") / "out"
    build(Settings(out=out, sizes=(24,), scales=(1, 2), jobs=2))
    return out, html.fromstring((out / "gallery.html").read_bytes())


@pytest.mark.parametrize(
    "png, colours",
    [
        (False, {"dark": "#000", "light": "#fff"}),
        (True, {"ink": "#123", "paper": "#eee", "red": "#c00"}),
    ],
)
def test_a_build_writes_the_page_its_manifest_and_sprite_make(
    tmp_path: Path, png: bool, colours: dict[str, str]
) -> None:
    # The build renders the page from the manifest it writes: the manifest as read back
    # must give the same page, down to which PNG colour is shown on which background.
    work = plan(Settings(out=tmp_path, png=png, colours=colours, sizes=(16, 24), scales=(1, 2)))
    manifest = json.loads(work.files["manifest.json"])
    page = work.files["gallery.html"]
    files = render_gallery(manifest, work.files[manifest["sprite"]])
    assert all(work.files[name] == data for name, data in files.items())
    assert (b'src="png/' in page) is png


def test_page_has_language_title_heading_landmarks(page: tuple[Path, html.HtmlElement]) -> None:
    _, root = page
    assert root.get("lang") == "en"
    assert root.findtext(".//title") == "Icon gallery"
    assert [h.text_content() for h in root.iter("h1")] == ["Icon gallery"]
    assert len(root.findall(".//main")) == 1
    assert root.findall(".//header") and root.findall(".//footer")


def test_search_box_is_labelled_and_has_a_live_count(page: tuple[Path, html.HtmlElement]) -> None:
    out, root = page
    field = root.get_element_by_id("gallery-search")
    assert field.get("type") == "search"
    labels = [label for label in root.iter("label") if label.get("for") == "gallery-search"]
    assert [label.text_content() for label in labels] == ["Search icons"]
    count = root.get_element_by_id(field.get("aria-describedby"))
    assert count.get("role") == "status" and count.text_content() == f"{len(CATALOG)} icons"
    (script,) = root.iter("script")
    assert not script.text_content().strip()  # a file: a strict CSP runs no inline script
    assert 'addEventListener("input"' in (out / script.get("src")).read_text()


def test_ids_are_unique(page: tuple[Path, html.HtmlElement]) -> None:
    _, root = page
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))


def test_each_icon_is_drawn_from_the_inline_sprite_with_its_words(
    page: tuple[Path, html.HtmlElement],
) -> None:
    out, root = page
    manifest = load_manifest(out)
    symbols = {s.get("id") for s in root.iter("{http://www.w3.org/2000/svg}symbol", "symbol")}
    items = root.find_class("gallery-item")
    assert len(items) == len(CATALOG)
    for icon, item in zip(CATALOG, items, strict=True):
        assert item.find(".//h2").text_content() == icon.name
        informative = [svg for svg in item.iter("svg") if svg.get("role") == "img"]
        assert len(informative) == 1 and informative[0].get("aria-label") == icon.title
        assert all(
            svg.get("aria-hidden") == "true" for svg in item.iter("svg") if svg.get("role") != "img"
        )
        for use in item.iter("use"):
            assert use.get("href") == f"#{icon.name}" and icon.name in symbols
        text = item.text_content()
        assert icon.description in text and all(alias in text for alias in icon.aliases)
        assert all(tag in text for tag in icon.tags)
        assert [c.text_content() for c in item.iter("code")] == [f"{{{{ icon('{icon.name}') }}}}"]
        images = list(item.iter("img"))
        assert len(images) == 2 and all(img.get("alt") == "" for img in images)
        assert {img.get("src") for img in images} <= set(
            manifest["icons"][icon.name]["png"].values()
        )
        assert all((out / img.get("src")).is_file() for img in images)


def test_sprite_in_the_page_holds_no_words(page: tuple[Path, html.HtmlElement]) -> None:
    _, root = page
    sprite = root.find_class("gallery-sprite")[0]
    assert sprite.get("aria-hidden") == "true"
    assert sprite.text_content().strip() == ""


def test_words_from_the_catalogue_are_escaped(write_catalog: object, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.yaml"
    (tmp_path / "svg").mkdir()
    (tmp_path / "svg" / "x.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1h9"/></svg>'
    )
    catalog.write_text(
        'x:\n  title: "<b>Bold</b> & co"\n  description: "A \\"quoted\\" <script>."\n'
    )
    build(Settings(catalog=catalog, out=tmp_path / "out", sizes=(16,), scales=(1,), jobs=1))
    root = html.fromstring((tmp_path / "out" / "gallery.html").read_bytes())
    assert not list(root.iter("b")) and len(list(root.iter("script"))) == 1
    svg = next(svg for svg in root.iter("svg") if svg.get("role") == "img")
    assert svg.get("aria-label") == "<b>Bold</b> & co"
    assert etree.tostring(root).count(b"<script") == 1


_WORDS = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
        | st.sampled_from("<>&\"'${}"),
        min_size=1,
        max_size=30,
    )
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    title=_WORDS,
    description=_WORDS,
    tags=st.lists(_WORDS, max_size=3),
    aliases=st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), max_size=2),
)
def test_any_catalogue_words_reach_the_page_as_text_only(
    title: str, description: str, tags: list[str], aliases: list[str]
) -> None:
    """Placeholders, braces, quotes and markup in the words stay words."""
    entry = {"title": title, "description": description, "aliases": aliases, "tags": tags,
             "png": {}, "animated": False, "fixed_colours": False}  # fmt: skip
    manifest = {"sprite": "sprite.0.svg", "css": "iconkit.0.css", "icons": {"x": entry}}
    root = html.fromstring(render_gallery(manifest, b"<svg/>")["gallery.html"])
    (item,) = root.find_class("gallery-item")
    assert [element.tag for element in item.iter()] == [
        "li", "h2", "div", "div", "svg", "use", "div", "svg", "use", "dl", "dt", "dd", "dt",
        "dd", "dt", "dd", "dt", "dd", "dt", "dd", "code",
    ]  # fmt: skip
    assert [dd.text_content() for dd in item.iter("dd")] == [
        title, description, ", ".join(aliases) or "none", ", ".join(tags) or "none",
        "{{ icon('x') }}",
    ]  # fmt: skip
    (named,) = (svg for svg in item.iter("svg") if svg.get("role") == "img")
    assert named.get("aria-label") == title
    words = " ".join(["x", title, description, *aliases, *tags]).lower()
    assert item.get("data-search") == words
    assert len(list(root.iter("script"))) == 1


def test_a_build_never_imports_jinja_and_the_page_is_no_jinja_template() -> None:
    code = "import sys, iconkit.cli, iconkit.builder; print('jinja2' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    env = jinja2.Environment()
    install(env, catalog=CATALOG, inline=True)
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("gallery.html")


def test_the_page_needs_nothing_a_strict_csp_blocks(page: tuple[Path, html.HtmlElement]) -> None:
    out, root = page
    assert not list(root.iter("style")) and all(e.get("style") is None for e in root.iter())
    assert not [key for e in root.iter() for key in e.attrib if key.startswith("on")]
    links = [link.get("href") for link in root.iter("link")]
    assert links[0] == load_manifest(out)["css"] and links[1].startswith("gallery.")
    assert all((out / href).is_file() and ":" not in href for href in links)
