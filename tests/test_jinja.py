"""Jinja wiring: globals, macros and the extension, in both sprite modes, on real templates."""

from __future__ import annotations

import ast
import asyncio
import gettext
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment, Template
from lxml import etree
from lxml import html as lxml_html

import iconkit
from iconkit._html import clean_text
from iconkit.catalog import Catalog, load_catalog
from iconkit.errors import ManifestError, UnknownIconError
from iconkit.jinja import IconkitExtension, install, renderer_for

from .conftest import ROOT
from .templating import (  # noqa: F401
    build_dir_fixture,
    parse,
    parse_page,
    shipped_fixture,
    write_build,
)

FORMS = ("global", "macro", "extension")
MODES = ("external", "inline", "own")  # "own": no build, each icon carries its own shapes
IMPORT = '{% import "iconkit/macros.html" as ik %}'


def make_env(form: str, mode: str, build_dir: Path, **options: object) -> Environment:
    inline = mode == "inline"
    if mode == "own":  # a project folder with no build in it
        options = {"project": build_dir.parent / "no-build", **options}
    else:
        options = {"build_dir": build_dir, **options}
    if form == "extension":
        env = Environment(autoescape=True, extensions=[IconkitExtension])
        env.install_iconkit(inline=inline, **options)  # type: ignore[attr-defined]
    else:
        env = Environment(autoescape=True)
        install(env, inline=inline, **options)  # type: ignore[arg-type]
    return env


Render = Callable[[str], str]


@pytest.fixture(params=[(form, mode) for form in FORMS for mode in MODES], ids="-".join)
def render(request: pytest.FixtureRequest, build_dir: Path) -> Render:
    """Render one call, written as ``icon('comment', ...)``, through the form under test."""
    form, mode = request.param
    env = make_env(form, mode, build_dir)

    def render(call: str) -> str:
        source = IMPORT + "{{ ik." + call + " }}" if form == "macro" else "{{ " + call + " }}"
        return env.from_string(source).render()

    render.mode = mode  # type: ignore[attr-defined]
    return render


def href(render: Render, name: str) -> str:
    if render.mode == "inline":  # type: ignore[attr-defined]
        return f"#iconkit-{name}"
    return f"/static/icons/sprite.0123abcd.svg#{name}"


def assert_drawn(render: Render, svg: etree._Element, name: str) -> None:
    """``svg`` draws icon ``name``: through the sprite, or with its own shapes."""
    shapes = [child for child in svg if child.tag != "desc"]
    if render.mode != "own":  # type: ignore[attr-defined]
        assert [(use.tag, use.get("href")) for use in shapes] == [("use", href(render, name))]
        return
    assert svg.get("viewBox") == "0 0 24 24"
    if svg.get("width") is None or svg.get("width") == "1em":
        assert (svg.get("width"), svg.get("height")) == ("1em", "1em")  # sized without CSS
    assert shapes and all(child.tag != "use" for child in shapes)
    assert not "".join(svg.itertext()).strip() or svg.find("desc") is not None


def test_informative(render: Render) -> None:
    svg = parse(render("icon('comment')"))
    assert (svg.get("role"), svg.get("aria-label"), svg.get("focusable")) == (
        "img",
        "Comment",
        "false",
    )
    assert svg.get("class") == "icon icon-comment"
    assert svg.get("aria-hidden") is None
    assert_drawn(render, svg, "comment")


def test_labelled_and_escaped(render: Render) -> None:
    svg = parse(render("icon('comment', '3 comments & <more>')"))
    assert svg.get("aria-label") == "3 comments & <more>"
    assert svg.get("role") == "img"
    svg = parse(render("icon('comment', label='Reply')"))
    assert svg.get("aria-label") == "Reply"


def test_decorative(render: Render) -> None:
    svg = parse(render("icon('comment', decorative=true)"))
    assert (svg.get("aria-hidden"), svg.get("focusable")) == ("true", "false")
    assert svg.get("role") is None and svg.get("aria-label") is None


def test_desc(render: Render) -> None:
    svg = parse(render("icon('success-tick', desc=true)"))
    desc = svg[0]
    assert desc.tag == "desc" and desc.text == "A white tick on a green circle."
    assert svg.get("aria-describedby") == desc.get("id")
    assert_drawn(render, svg, "success-tick")


def test_size_class_and_attributes(render: Render) -> None:
    svg = parse(
        render("icon('menu', size=32, class_='nav-icon', data_state='open', aria_controls='m')")
    )
    assert (svg.get("width"), svg.get("height")) == ("32", "32")
    assert svg.get("class") == "icon icon-menu nav-icon"
    assert svg.get("data-state") == "open"
    assert svg.get("aria-controls") == "m"


def test_animated_and_fixed_colour_classes(render: Render) -> None:
    assert "icon-spin" in parse(render("icon('loading-spinner')")).get("class").split()
    assert "icon-fixed" in parse(render("icon('success-tick')")).get("class").split()


def test_icon_img(render: Render) -> None:
    if render.mode == "own":  # type: ignore[attr-defined]
        with pytest.raises(ManifestError, match="needs the PNG files of a build"):
            render("icon_img('email')")
        return
    img = parse(render("icon_img('email', 'Mail us', size=16)"))
    assert img.tag == "img"
    assert img.get("alt") == "Mail us"
    assert img.get("src").startswith("/static/icons/png/email-16@1x-dark.")
    assert img.get("srcset").endswith(" 2x")
    assert parse(render("icon_img('email', decorative=true)")).get("alt") == ""


def test_unknown_names_fail_the_render(render: Render) -> None:
    with pytest.raises(UnknownIconError, match="did you mean 'comment'"):
        render("icon('coment')")


def test_event_handlers_fail_the_render(render: Render) -> None:
    with pytest.raises(iconkit.IconkitError, match="event handler"):
        render("icon('comment', onclick='x()')")


# -- sprite modes ------------------------------------------------------------------------


def test_inline_sprite_is_hidden_sized_zero_wordless_and_links_the_css_file(
    build_dir: Path, shipped: Catalog
) -> None:
    env = make_env("global", "inline", build_dir)
    page = env.from_string("{{ icon_sprite() }}{{ icon('comment') }}{{ icon('loading-spinner') }}")
    root = parse_page("<!doctype html><html><body>" + page.render() + "</body></html>")
    link, sprite, comment, spinner = root.find("body")
    assert link.tag == "link" and link.get("rel") == "stylesheet"
    assert link.get("href") == "/static/icons/iconkit.4567cdef.css"  # a file, as CSP allows
    assert sprite.get("aria-hidden") == "true"
    assert (sprite.get("width"), sprite.get("height")) == ("0", "0")
    assert sprite.get("class") == "iconkit-sprite"
    assert all(el.get("style") is None for el in root.iter())  # blocked by style-src 'self'
    assert sprite.find("style") is None
    assert not "".join(sprite.itertext()), "the sprite holds no text at all"
    assert root.find("body").text_content() == "", "nothing for textContent (scrapers)"
    ids = [el.get("id") for el in sprite.iter() if el.get("id")]
    assert all(i.startswith("iconkit-") for i in ids)
    symbols = {el.get("id") for el in sprite.iter("symbol")}
    assert symbols == {f"iconkit-{icon.name}" for icon in shipped}
    for svg in (comment, spinner):
        assert svg.find("use").get("href")[1:] in symbols


def test_inline_mode_needs_no_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    env = Environment(autoescape=True)
    install(env, inline=True)
    assert parse(env.from_string("{{ icon('comment') }}").render()).get("aria-label") == "Comment"
    with pytest.raises(ManifestError, match="iconkit build"):
        env.from_string("{{ icon_img('comment') }}").render()


def test_external_sprite_links_the_stylesheet(build_dir: Path) -> None:
    env = make_env("global", "external", build_dir)
    (link,) = parse_page(env.from_string("{{ icon_sprite() }}").render()).iter("link")
    assert link.get("rel") == "stylesheet"
    assert link.get("href") == "/static/icons/iconkit.4567cdef.css"


def test_base_url_prefixes_every_url(build_dir: Path) -> None:
    env = make_env("global", "external", build_dir, base_url="https://cdn.example.com/i")
    use = parse(env.from_string("{{ icon('comment') }}").render())[0]
    assert use.get("href") == "https://cdn.example.com/i/sprite.0123abcd.svg#comment"
    img = parse(env.from_string("{{ icon_img('comment', absolute=true) }}").render())
    assert img.get("src").startswith("https://cdn.example.com/i/png/comment-24@1x-dark.")


def test_without_a_build_icons_carry_their_own_shapes_and_a_note_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    env = Environment(autoescape=True)
    with caplog.at_level(logging.INFO, logger="iconkit"):
        install(env)
        page = env.from_string(
            "{{ icon_sprite() }}{% for i in range(3) %}{{ icon('comment') }}{% endfor %}"
        ).render()
    notes = [r for r in caplog.records if r.name == "iconkit"]
    assert len(notes) == 1 and "iconkit build" in notes[0].getMessage()
    svgs = list(parse_page(page).iter("svg"))
    assert len(svgs) == 3 and all(svg.get("viewbox") == "0 0 24 24" for svg in svgs)
    assert all(svg.find("use") is None and len(svg) for svg in svgs)
    with pytest.raises(ManifestError, match=r"elsewhere.*iconkit build"):
        install(Environment(), build_dir=tmp_path / "elsewhere")  # asked for: must be there


def test_own_shapes_give_every_use_ids_of_its_own(
    tmp_path: Path, write_catalog: Callable[..., Path]
) -> None:
    shaded = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/>'
        '<stop offset="1" stop-color="#00f"/></linearGradient></defs>'
        '<circle cx="12" cy="12" r="9" fill="url(#g)"/></svg>'
    )
    path = write_catalog(
        "dot:\n  title: Dot\n  description: A shaded dot.\n  fixed_colours: true\n"
    )
    (path.parent / "svg" / "dot.svg").write_text(shaded, encoding="utf-8")
    env = Environment(autoescape=True)
    install(env, catalog=path, project=tmp_path / "no-build")
    page = parse_page(
        env.from_string(
            "{{ icon('dot') }}{{ icon('dot') }}{{ icon('dot', desc=true) }}"
            "{{ icon('dot', size=48) }}"
        ).render()
    )
    svgs = list(page.iter("svg"))
    ids = [el.get("id") for el in page.iter() if el.get("id")]
    assert len(ids) == len(set(ids)) == 5  # four gradients and one description
    for svg in svgs:
        gradient = svg.find(".//lineargradient")
        assert svg.find(".//circle").get("fill") == f"url(#{gradient.get('id')})"


def test_a_build_made_later_is_used_by_the_same_call(tmp_path: Path, shipped: Catalog) -> None:
    project = tmp_path / "site"
    project.mkdir()
    (project / "pyproject.toml").write_text('[tool.iconkit]\nout = "static/icons"\n')
    env = Environment(autoescape=True)
    install(env, project=project)
    assert parse(env.from_string("{{ icon('tick') }}").render()).find("use") is None
    write_build(project / "static" / "icons", shipped)
    install(env, project=project / "pyproject.toml")
    use = parse(env.from_string("{{ icon('tick') }}").render()).find("use")
    assert use.get("href") == "/static/icons/sprite.0123abcd.svg#tick"


def test_a_stale_build_is_refused(tmp_path: Path, write_catalog: Callable[..., Path]) -> None:
    small = load_catalog(write_catalog("tick:\n  title: Done\n  description: A tick.\n"))
    folder = write_build(tmp_path / "out", small)
    bigger = load_catalog(
        write_catalog(
            "tick:\n  title: Done\n  description: A tick.\n"
            "cross:\n  title: Undo\n  description: A cross.\n"
        )
    )
    with pytest.raises(ManifestError, match=r"stale build.*cross.*iconkit build"):
        install(Environment(), catalog=bigger, build_dir=folder)


def test_two_environments_with_two_catalogues(
    tmp_path: Path, build_dir: Path, write_catalog: Callable[..., Path]
) -> None:
    own = load_catalog(write_catalog("tick:\n  title: Checked\n  description: A tick.\n"))
    mine = Environment(autoescape=True)
    install(mine, catalog=own, build_dir=write_build(tmp_path / "own", own))
    theirs = make_env("global", "external", build_dir)
    source = IMPORT + "{{ icon('tick') }}{{ ik.icon('tick') }}"
    mine_svgs = list(parse_page(mine.from_string(source).render()).iter("svg"))
    theirs_svgs = list(parse_page(theirs.from_string(source).render()).iter("svg"))
    assert [svg.get("aria-label") for svg in mine_svgs] == ["Checked", "Checked"]
    assert [svg.get("aria-label") for svg in theirs_svgs] == ["Done", "Done"]
    assert renderer_for(mine).catalog is own
    assert renderer_for(theirs).catalog is not own


def test_install_keeps_the_applications_loader(build_dir: Path) -> None:
    env = Environment(
        autoescape=True, loader=DictLoader({"page.html": IMPORT + "{{ ik.icon('tag') }}"})
    )
    install(env, build_dir=build_dir)
    install(env, build_dir=build_dir)  # twice: the loaders do not nest
    assert parse(env.get_template("page.html").render()).get("aria-label") == "Tag"


def test_extension_installs_the_defaults_on_first_use(
    tmp_path: Path, shipped: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_build(tmp_path / "iconkit-build", shipped)
    monkeypatch.chdir(tmp_path)
    env = Environment(extensions=["iconkit.jinja.IconkitExtension"])
    svg = parse(env.from_string("{{ icon('comment') }}").render())
    assert svg[0].get("href") == "/static/icons/sprite.0123abcd.svg#comment"
    assert env.globals["icon"] == renderer_for(env).icon  # the fast path is now direct


def test_not_strict_renders_nothing_and_warns(
    build_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for form in FORMS:
        env = make_env(form, "external", build_dir, strict=False)
        source = IMPORT + "[{{ icon('nope') }}][{{ ik.icon('nope') }}][{{ icon_img('nope') }}]"
        with caplog.at_level(logging.WARNING, logger="iconkit"):
            assert env.from_string(source).render() == "[][][]"
    assert len(caplog.records) == 9
    assert all("unknown icon 'nope'" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("mode", MODES)
def test_a_thousand_repeats_never_duplicate_an_id(build_dir: Path, mode: str) -> None:
    env = make_env("global", mode, build_dir)
    source = (
        IMPORT
        + "{{ icon_sprite() }}"
        + "{% for i in range(500) %}"
        + "{{ icon('comment', desc=true) }}{{ ik.icon('comment', desc=true) }}"
        + "{{ icon('success-tick') }}{{ ik.icon('menu', decorative=true) }}"
        + "{% endfor %}"
    )
    template = env.from_string(source)
    for _ in range(2):  # and again on the next render of the page
        root = parse_page("<!doctype html><html><body>" + template.render() + "</body></html>")
        ids = [el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")]
        assert len(ids) == len(set(ids))
        described = [el.get("aria-describedby") for el in root.iter("svg")]
        assert len([d for d in described if d]) == 1000
        assert {d for d in described if d} <= set(ids)


def test_output_is_markup_even_without_autoescape(build_dir: Path) -> None:
    env = Environment(autoescape=False)
    install(env, build_dir=build_dir)
    svg = parse(env.from_string("{{ icon('comment', 'a & b') }}").render())
    assert svg.get("aria-label") == "a & b"
    assert etree.tostring(svg)  # well-formed XML


# -- docs/templates.md ---------------------------------------------------------------------

DOC = ROOT / "docs" / "templates.md"
EXAMPLE = re.compile(r"```jinja\n(.*?)```\s*```html\n(.*?)```", re.DOTALL)
OPTIONS = re.compile(r"\A\{# install\(env(?:, (.*?))?\) #\}\n")
HASHED = re.compile(r"\.[0-9a-f]{8}\.(png|svg|css)")
DESC_ID = re.compile(r"iconkit_d\d+")


def doc_examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall(DOC.read_text(encoding="utf-8"))


def _options(source: str) -> dict[str, object]:
    found = OPTIONS.match(source)
    if not found or not found.group(1):
        return {}
    call = ast.parse(f"f({found.group(1)})", mode="eval").body
    assert isinstance(call, ast.Call)
    return {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg}


def _normal(value: str) -> str:
    return DESC_ID.sub("iconkit_dN", HASHED.sub(r".HASH.\1", value))


def _same_value(shown: str, rendered: str) -> bool:
    """Equal after normalising hashes and ids; ``...`` in the docs stands for any text."""
    shown, rendered = _normal(shown), _normal(rendered)
    if "..." not in shown:
        return shown == rendered
    head, *_, tail = shown.split("...")
    return rendered.startswith(head) and rendered.endswith(tail)


def assert_same_tree(shown: etree._Element, rendered: etree._Element, where: str) -> None:
    """Same tag, attributes, text and children; a comment in the docs elides the rest."""
    assert rendered.tag == shown.tag, where
    assert set(rendered.attrib) == set(shown.attrib), where
    for key, value in shown.attrib.items():
        assert _same_value(value, rendered.attrib[key]), (where, key, rendered.attrib[key])
    assert (rendered.text or "").strip() == (shown.text or "").strip(), where
    assert (rendered.tail or "").strip() == (shown.tail or "").strip(), where
    shown_children = list(shown)
    elided = any(isinstance(c, etree._Comment) for c in shown_children)
    shown_children = [c for c in shown_children if not isinstance(c, etree._Comment)]
    rendered_children = list(rendered)
    if elided:
        rendered_children = rendered_children[: len(shown_children)]
    assert len(rendered_children) == len(shown_children), where
    for a, b in zip(shown_children, rendered_children, strict=True):
        assert_same_tree(a, b, where)


def _fragments(markup: str) -> list[etree._Element]:
    return [f for f in lxml_html.fragments_fromstring(markup.strip()) if not isinstance(f, str)]


def test_docs_show_examples() -> None:
    assert len(doc_examples()) >= 12


@pytest.mark.parametrize(
    ("source", "output"), doc_examples(), ids=[f"example-{i}" for i in range(len(doc_examples()))]
)
def test_docs_examples(source: str, output: str, build_dir: Path) -> None:
    env = Environment(autoescape=True)
    install(env, build_dir=build_dir, **_options(source))  # type: ignore[arg-type]
    rendered = env.from_string(source).render()
    shown, got = _fragments(output), _fragments(rendered)
    assert len(got) == len(shown), rendered
    for a, b in zip(shown, got, strict=True):
        assert_same_tree(a, b, source)


def test_docs_python_examples_run(
    tmp_path: Path, shipped: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_build(tmp_path / "iconkit-build", shipped)
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    runnable = [b for b in blocks if "TEMPLATES = [" not in b]
    assert len(runnable) >= 4
    for block in runnable:
        namespace: dict[str, object] = {
            "__name__": "docs_templates",
            "__file__": str(tmp_path / "app.py"),
        }
        exec(compile(block, str(DOC), "exec"), namespace)
        env = namespace.get("env")
        if isinstance(env, Environment):
            svg = parse(env.from_string("{{ icon('comment') }}").render())
            assert svg.get("aria-label") == "Comment"


def test_against_a_real_build(tmp_path: Path) -> None:
    """The sprite, CSS and PNG URLs point at files ``iconkit build`` wrote."""
    from iconkit.builder import build
    from iconkit.settings import Settings

    out = tmp_path / "static" / "icons"
    build(Settings(out=out, sizes=(16,), colours={"dark": "#1f2328"}, jobs=1))
    env = Environment(autoescape=True)
    install(env, build_dir=out)
    page = env.from_string(
        "{{ icon_sprite() }}{{ icon('comment') }}{{ icon_img('email', size=16) }}"
    ).render()
    root = parse_page(page)
    (link,) = root.iter("link")
    (use,) = root.iter("use")
    (img,) = root.iter("img")
    sprite_url, _, symbol = use.get("href").partition("#")
    served = {"/static/icons/" + p.relative_to(out).as_posix() for p in out.rglob("*")}
    assert {link.get("href"), sprite_url, img.get("src")} <= served
    assert img.get("srcset").split()[0] in served
    sprite = etree.parse(str(out / sprite_url.rsplit("/", 1)[1])).getroot()
    assert symbol in {el.get("id") for el in sprite.iter("{http://www.w3.org/2000/svg}symbol")}


def test_installing_again_reaches_the_macros_too(build_dir: Path) -> None:
    env = Environment(
        autoescape=True, loader=DictLoader({"p.html": IMPORT + "{{ ik.icon('tag') }}"})
    )
    install(env, build_dir=build_dir)
    assert parse(env.get_template("p.html").render())[0].get("href").endswith(".svg#tag")
    install(env, inline=True)
    assert parse(env.get_template("p.html").render())[0].get("href") == "#iconkit-tag"


@pytest.fixture(scope="module")
def both_forms(build_dir: Path) -> Template:
    env = make_env("global", "external", build_dir)
    return env.from_string(IMPORT + "{{ icon('comment', label) }}{{ ik.icon('comment', label) }}")


@settings(max_examples=60, deadline=None)
@given(label=st.text().filter(lambda s: clean_text(s)))
def test_any_label_from_the_context_round_trips_through_global_and_macro(
    both_forms: Template, label: str
) -> None:
    rendered = both_forms.render(label=label)
    svgs = list(parse_page("<html><body>" + rendered + "</body></html>").find("body"))
    assert [svg.tag for svg in svgs] == ["svg", "svg"]
    for svg in svgs:
        assert svg.get("aria-label") == clean_text(label)
        assert [child.tag for child in svg] == ["use"]


@pytest.mark.parametrize("mode", MODES)
def test_async_environments_render_globals_and_macros(build_dir: Path, mode: str) -> None:
    env = Environment(autoescape=True, enable_async=True)
    install(env, inline=mode == "inline", build_dir=build_dir)
    template = env.from_string(IMPORT + "{{ icon('comment') }}{{ ik.icon('tag', desc=true) }}")
    # A thread of its own: the browser suite's Playwright keeps an event loop running here.
    with ThreadPoolExecutor(1) as pool:
        page = pool.submit(asyncio.run, template.render_async()).result()
    comment, tag = parse_page(page).iter("svg")
    assert comment.get("aria-label") == "Comment"
    assert tag.get("aria-describedby") == tag.find("desc").get("id")


@pytest.mark.parametrize("mode", MODES)
def test_the_sprite_is_written_once_per_page(build_dir: Path, mode: str) -> None:
    layout = "<body>{{ icon_sprite() }}{% block main %}{% endblock %}</body>"
    page = '{% extends "layout.html" %}{% block main %}{{ icon_sprite() }}{% endblock %}'
    env = Environment(
        autoescape=True, loader=DictLoader({"layout.html": layout, "page.html": page})
    )
    install(env, inline=mode == "inline", build_dir=build_dir)
    template = env.get_template("page.html")
    for _ in range(2):  # every render gets its sprite, once
        body = parse_page(template.render()).find("body")
        assert len(list(body.iter("link"))) == 1
        assert len(list(body.iter("svg"))) == (1 if mode == "inline" else 0)


def test_base_url_defaults_to_the_builds_url_prefix(tmp_path: Path) -> None:
    from iconkit.builder import build
    from iconkit.settings import Settings

    out = tmp_path / "out"
    build(Settings(out=out, png=False, url_prefix="/assets/icons/"))
    href = "{http://www.w3.org/1999/xlink}href"

    def use_href(**options: object) -> str:
        env = Environment(autoescape=True)
        install(env, build_dir=out, **options)  # type: ignore[arg-type]
        (use,) = parse_page(env.from_string("{{ icon('tick') }}").render()).iter("use")
        return str(use.get("href") or use.get(href))

    assert use_href().startswith("/assets/icons/sprite.")
    assert use_href(base_url="https://cdn.example/i").startswith("https://cdn.example/i/sprite.")


# -- translations through Jinja's i18n extension ------------------------------------------------


class Words(gettext.NullTranslations):
    """A translation catalogue from a dict, as a compiled .mo file would give it."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self.words = words

    def gettext(self, message: str) -> str:
        return self.words.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


FRENCH = Words({"Comment": "Commentaire", "Close": "Fermer", "Email": "Courriel"})
TRANSLATED = (
    "{{ icon('comment') }}{{ ik.icon('close') }}{{ icon_button('close') }}"
    "{{ icon('comment', 'Mine') }}{{ icon_img('email') }}"
)


@pytest.mark.parametrize("newstyle", [False, True], ids=["oldstyle", "newstyle"])
def test_titles_go_through_the_installed_translation(build_dir: Path, newstyle: bool) -> None:
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(FRENCH, newstyle=newstyle)  # type: ignore[attr-defined]
    install(env, build_dir=build_dir)
    page = parse_page(env.from_string(IMPORT + TRANSLATED).render())
    names = [el.get("aria-label") for el in page.iter("svg", "button") if el.get("aria-label")]
    assert names == ["Commentaire", "Fermer", "Fermer", "Mine"]  # a label is used as given
    assert next(page.iter("img")).get("alt") == "Courriel"


def test_the_language_can_change_from_one_render_to_the_next(build_dir: Path) -> None:
    active: list[Words] = [FRENCH]
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    install(env, build_dir=build_dir)  # before the translations: looked up at each call
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: active[0].gettext(message),
        lambda singular, plural, n: active[0].ngettext(singular, plural, n),
        newstyle=True,
    )
    template = env.from_string("{{ icon('comment') }}")
    assert parse(template.render()).get("aria-label") == "Commentaire"
    active[0] = Words({"Comment": "Kommentar"})
    assert parse(template.render()).get("aria-label") == "Kommentar"
    active[0] = Words({})
    assert parse(template.render()).get("aria-label") == "Comment"


def test_a_new_style_gettext_that_cannot_be_unwrapped_still_translates(build_dir: Path) -> None:
    from jinja2 import pass_context

    @pass_context
    def gettext(context: object, message: str, **variables: object) -> str:
        return FRENCH.gettext(message) % variables

    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    install(env, build_dir=build_dir)
    env.globals["gettext"] = gettext
    assert parse(env.from_string("{{ icon('close') }}").render()).get("aria-label") == "Fermer"


def test_without_the_i18n_extension_titles_stay_as_written(build_dir: Path) -> None:
    env = Environment(autoescape=True)
    env.globals["gettext"] = FRENCH.gettext  # not Jinja's i18n: not a translation to follow
    install(env, build_dir=build_dir)
    assert parse(env.from_string("{{ icon('close') }}").render()).get("aria-label") == "Close"
