"""The renderer: every form of icon() and icon_img(), parsed and checked attribute by attribute."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from iconkit._html import clean_text
from iconkit.catalog import Catalog
from iconkit.errors import ConfigError, IconArgumentError, ManifestError, UnknownIconError
from iconkit.manifest import load_manifest
from iconkit.markup import DESC_ID_PREFIX, Renderer, Urls

from .templating import build_dir_fixture, parse, shipped_fixture  # noqa: F401

SPRITE = "/static/icons/sprite.0123abcd.svg#"
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(params=["external", "inline"])
def renderer(request: pytest.FixtureRequest, shipped: Catalog, build_dir: Path) -> Renderer:
    sprite = SPRITE if request.param == "external" else "#iconkit-"
    return Renderer(shipped, Urls(sprite=sprite), manifest=load_manifest(build_dir))


def href(renderer: Renderer, name: str) -> str:
    return renderer.urls.sprite + name


def test_informative_by_default_named_by_the_catalogue_title(renderer: Renderer) -> None:
    svg = parse(renderer.icon("comment"))
    assert svg.tag == "svg"
    assert svg.get("class") == "icon icon-comment"
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Comment"
    assert svg.get("focusable") == "false"
    assert svg.get("aria-hidden") is None
    assert svg.get("width") == svg.get("height") == "1em"  # sized without a stylesheet
    (use,) = svg
    assert use.tag == "use"
    assert use.get("href") == href(renderer, "comment")
    assert not "".join(svg.itertext()), "no words inside the icon"


def test_label_overrides_the_title(renderer: Renderer) -> None:
    svg = parse(renderer.icon("comment", "3 comments"))
    assert svg.get("aria-label") == "3 comments"
    assert svg.get("role") == "img"


def test_label_is_escaped_and_markup_labels_count_as_text(renderer: Renderer) -> None:
    svg = parse(renderer.icon("comment", '"><script>alert(1)</script>'))
    assert svg.get("aria-label") == '"><script>alert(1)</script>'
    assert [child.tag for child in svg] == ["use"]
    assert parse(renderer.icon("comment", Markup("Tom &amp; <b>Jerry</b>"))).get("aria-label") == (
        "Tom & Jerry"
    )
    assert parse(renderer.icon("comment", "Tom &amp; Jerry")).get("aria-label") == "Tom &amp; Jerry"


def test_decorative_is_hidden_and_has_no_name(renderer: Renderer) -> None:
    svg = parse(renderer.icon("comment", decorative=True))
    assert svg.get("aria-hidden") == "true"
    assert svg.get("focusable") == "false"
    for name in ("role", "aria-label", "aria-labelledby", "aria-describedby", "title"):
        assert svg.get(name) is None
    assert [child.tag for child in svg] == ["use"]


def test_decorative_refuses_label_and_desc(renderer: Renderer) -> None:
    with pytest.raises(IconArgumentError, match="decorative"):
        renderer.icon("comment", "Comments", decorative=True)
    with pytest.raises(IconArgumentError, match="decorative"):
        renderer.icon("comment", decorative=True, desc=True)


@pytest.mark.parametrize("label", ["", "   ", "\n\t"])
def test_an_empty_label_is_refused(renderer: Renderer, label: str) -> None:
    with pytest.raises(IconArgumentError, match="decorative=True"):
        renderer.icon("comment", label)


def test_desc_adds_the_catalogue_description_with_a_unique_id(
    renderer: Renderer, shipped: Catalog
) -> None:
    first = parse(renderer.icon("success-tick", desc=True))
    second = parse(renderer.icon("success-tick", desc=True))
    for svg in (first, second):
        desc = svg[0]
        assert desc.tag == "desc"
        assert desc.text == shipped.resolve("success-tick").description
        assert svg.get("aria-describedby") == desc.get("id")
        assert desc.get("id").startswith(DESC_ID_PREFIX)
        assert svg.get("aria-label") == "Success"
        assert svg[1].tag == "use"
    assert first[0].get("id") != second[0].get("id")


def test_size_sets_width_and_height(renderer: Renderer) -> None:
    for size, text in ((32, "32"), (24.0, "24"), (1.5, "1.5"), ("2em", "2em")):
        svg = parse(renderer.icon("comment", size=size))
        assert (svg.get("width"), svg.get("height")) == (text, text)


@pytest.mark.parametrize("size", [0, -3, True, float("nan"), "big", "12px;color:red", [24]])
def test_bad_sizes_are_refused(renderer: Renderer, size: object) -> None:
    with pytest.raises(IconArgumentError, match="size"):
        renderer.icon("comment", size=size)  # type: ignore[arg-type]


def test_classes_merge_with_the_icon_classes(renderer: Renderer) -> None:
    svg = parse(renderer.icon("comment", class_="big icon muted"))
    assert svg.get("class").split() == ["icon", "icon-comment", "big", "muted"]
    assert parse(renderer.icon("comment", class_='x" onclick="y')).get("onclick") is None


def test_animated_and_fixed_colour_icons_get_their_classes(renderer: Renderer) -> None:
    assert "icon-spin" in parse(renderer.icon("loading-spinner")).get("class").split()
    assert "icon-fixed" in parse(renderer.icon("success-tick")).get("class").split()
    assert "icon-fixed" not in parse(renderer.icon("comment")).get("class").split()


def test_aliases_render_the_canonical_icon(renderer: Renderer, shipped: Catalog) -> None:
    icon = next(icon for icon in shipped if icon.aliases)
    svg = parse(renderer.icon(icon.aliases[0]))
    classes = svg.get("class").split()
    assert classes[:2] == ["icon", f"icon-{icon.name}"]
    assert ("icon-fixed" in classes, "icon-spin" in classes, "icon-mirror" in classes) == (
        icon.fixed_colours,
        icon.animated,
        bool(icon.mirror),
    )
    assert svg[0].get("href") == href(renderer, icon.name)


@pytest.mark.parametrize("name", ["next", "arrow-start", "chevron-end"])
def test_icons_that_mirror_say_so_and_others_do_not(renderer: Renderer, name: str) -> None:
    assert "icon-mirror" in parse(renderer.icon(name)).get("class").split()
    assert "icon-mirror" not in parse(renderer.icon("clock")).get("class").split()


def test_attributes_are_named_and_escaped(renderer: Renderer) -> None:
    svg = parse(
        renderer.icon(
            "comment", data_count=3, aria_controls="menu", id="c1", hidden=True, title_=None
        )
    )
    assert svg.get("data-count") == "3"
    assert svg.get("aria-controls") == "menu"
    assert svg.get("id") == "c1"
    assert svg.get("hidden") == ""
    assert svg.get("title") is None
    assert parse(renderer.icon("comment", data_x='a"b<c>&')).get("data-x") == 'a"b<c>&'


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("onclick", "event handler"),
        ("onLoad", "lower-case"),
        ("on_mouse_over", "event handler"),
        ("aria_label", "label="),
        ("aria_hidden", "decorative=True"),
        ("role", "role"),
        ("width", "size="),
        ("href", "symbol"),
        ("data__x", "lower-case"),
        ("x y", "lower-case"),
        ("", "lower-case"),
    ],
)
def test_dangerous_or_conflicting_attributes_are_refused(
    renderer: Renderer, name: str, message: str
) -> None:
    with pytest.raises(IconArgumentError, match=message):
        renderer.icon("comment", **{name: "x"})


def test_attribute_values_of_other_types_are_refused(renderer: Renderer) -> None:
    with pytest.raises(IconArgumentError, match="data-x|data_x"):
        renderer.icon("comment", data_x=["a"])  # type: ignore[arg-type]


def test_unknown_names_raise_with_suggestions(renderer: Renderer) -> None:
    with pytest.raises(UnknownIconError) as raised:
        renderer.icon("coment")
    assert "comment" in raised.value.suggestions
    assert isinstance(raised.value, LookupError)


def test_not_strict_logs_and_renders_nothing(
    shipped: Catalog, build_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    renderer = Renderer(
        shipped, Urls(sprite=SPRITE), manifest=load_manifest(build_dir), strict=False
    )
    with caplog.at_level(logging.WARNING, logger="iconkit"):
        assert renderer.icon("coment") == Markup("")
        assert renderer.icon_img("coment") == Markup("")
    assert [r.levelname for r in caplog.records] == ["WARNING", "WARNING"]
    assert "unknown icon 'coment'" in caplog.records[0].getMessage()
    assert "comment" in caplog.records[0].getMessage()
    assert renderer.icon("comment") != Markup("")


def test_repeated_calls_are_a_cache_hit(renderer: Renderer) -> None:
    assert renderer.icon("comment", "Hi", size=16) is renderer.icon("comment", "Hi", size=16)
    assert renderer.icon("comment", size=1) != renderer.icon("comment", size=2)
    with pytest.raises(IconArgumentError):
        renderer.icon("comment", size=True)  # True == 1 must not hit size=1's entry


def test_a_thousand_descriptions_never_repeat_an_id(renderer: Renderer) -> None:
    ids = [parse(renderer.icon("comment", desc=True))[0].get("id") for _ in range(1000)]
    assert len(set(ids)) == 1000


# -- icon_img() -----------------------------------------------------------------------


def test_img_has_src_srcset_size_and_alt(renderer: Renderer, build_dir: Path) -> None:
    pngs = load_manifest(build_dir)["icons"]["comment"]["png"]
    img = parse(renderer.icon_img("comment"))
    assert img.tag == "img"
    assert img.get("src") == "/static/icons/" + pngs["24@1x-dark"]
    assert img.get("srcset") == "/static/icons/" + pngs["24@2x-dark"] + " 2x"
    assert (img.get("width"), img.get("height")) == ("24", "24")
    assert img.get("alt") == "Comment"
    big = parse(renderer.icon_img("comment", "Reply", size=48, colour="light"))
    assert big.get("src") == "/static/icons/" + pngs["48@1x-light"]
    assert big.get("alt") == "Reply"
    assert (big.get("width"), big.get("height")) == ("48", "48")


def test_decorative_img_has_empty_alt(renderer: Renderer) -> None:
    img = parse(renderer.icon_img("comment", decorative=True))
    assert img.get("alt") == ""
    with pytest.raises(IconArgumentError):
        renderer.icon_img("comment", "x", decorative=True)


def test_img_sizes_and_colours_must_exist_in_the_build(renderer: Renderer) -> None:
    with pytest.raises(IconArgumentError, match=r"sizes \[16, 24, 32, 48\]"):
        renderer.icon_img("comment", size=20)
    with pytest.raises(IconArgumentError, match="colours"):
        renderer.icon_img("comment", colour="purple")


def test_absolute_img_urls_need_an_absolute_base(shipped: Catalog, build_dir: Path) -> None:
    manifest = load_manifest(build_dir)
    plain = Renderer(shipped, Urls(sprite=SPRITE), manifest=manifest)
    with pytest.raises(ConfigError, match="absolute_base_url"):
        plain.icon_img("comment", absolute=True)
    mail = Renderer(
        shipped,
        Urls(sprite=SPRITE, absolute_base="https://cdn.example.com/icons/"),
        manifest=manifest,
    )
    img = parse(mail.icon_img("comment", absolute=True))
    assert img.get("src").startswith("https://cdn.example.com/icons/png/comment-24@1x-dark.")
    assert img.get("srcset").startswith("https://cdn.example.com/icons/png/comment-24@2x-dark.")
    assert parse(mail.icon_img("comment")).get("src").startswith("/static/icons/png/")


def test_img_without_a_build_says_to_build(shipped: Catalog) -> None:
    renderer = Renderer(shipped, Urls(sprite="#iconkit-"))
    with pytest.raises(ManifestError, match="iconkit build"):
        renderer.icon_img("comment")


# -- properties -----------------------------------------------------------------------


@PROPERTY
@given(label=st.text())
def test_any_label_round_trips_and_never_injects(shipped: Catalog, label: str) -> None:
    renderer = Renderer(shipped, Urls(sprite=SPRITE))
    expected = clean_text(label)
    if not expected:
        with pytest.raises(IconArgumentError):
            renderer.icon("comment", label)
        return
    svg = parse(renderer.icon("comment", label))
    assert svg.get("aria-label") == expected
    assert [child.tag for child in svg] == ["use"]
    assert set(svg.attrib) == {"class", "role", "aria-label", "focusable", "width", "height"}


@PROPERTY
@given(label=st.text().filter(lambda s: clean_text(s)))
def test_any_label_round_trips_as_alt(shipped: Catalog, build_dir: Path, label: str) -> None:
    renderer = Renderer(shipped, Urls(sprite=SPRITE), manifest=load_manifest(build_dir))
    img = parse(renderer.icon_img("comment", label))
    assert img.get("alt") == clean_text(label)
    assert set(img.attrib) == {"src", "srcset", "width", "height", "alt"}


@PROPERTY
@given(
    name=st.text(min_size=0, max_size=20),
    value=st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none()),
)
@example(name="a", value="\x0c")  # form feed: HTML whitespace, but not allowed in XML
@example(name="data_x", value="\x1f\x85")
def test_any_attribute_renders_safely_or_is_refused(
    shipped: Catalog, name: str, value: object
) -> None:
    renderer = Renderer(shipped, Urls(sprite=SPRITE))
    try:
        markup = renderer.icon("comment", **{name: value})  # type: ignore[arg-type]
    except IconArgumentError:
        return
    svg = parse(markup)
    extra = set(svg.attrib) - {"class", "role", "aria-label", "focusable", "width", "height"}
    assert len(extra) <= 1
    assert all(not key.startswith("on") for key in svg.attrib)
    assert [child.tag for child in svg] == ["use"]
    if extra:
        (key,) = extra
        assert key == name.rstrip("_").replace("_", "-")
        if isinstance(value, str):
            assert (
                svg.get(key) == clean_text(value)
                or svg.get(key) == value
                or (value and not value.isprintable())
            )


@PROPERTY
@given(name=st.one_of(st.text(max_size=30), st.sampled_from(["comment", "email", "envelope"])))
def test_any_name_resolves_or_raises_unknown(shipped: Catalog, name: str) -> None:
    renderer = Renderer(shipped, Urls(sprite=SPRITE))
    try:
        svg = parse(renderer.icon(name))
    except UnknownIconError as error:
        assert name not in shipped
        assert error.name == name
        return
    icon = shipped.resolve(name)
    assert svg.get("aria-label") == icon.title
    assert svg[0].get("href") == SPRITE + icon.name


# -- the name as visually hidden text, and icon-only controls ---------------------------------


def test_text_names_the_icon_with_visually_hidden_text(renderer: Renderer) -> None:
    fragment = parse(f"<p>{renderer.icon('search', 'Search the site', text=True)}</p>")
    svg, span = fragment
    assert svg.get("aria-hidden") == "true" and svg.get("role") is None
    assert svg.get("aria-label") is None
    assert span.tag == "span" and span.get("class") == "iconkit-visually-hidden"
    assert span.text == "Search the site"
    assert parse(f"<p>{renderer.icon('search', text=True)}</p>")[1].text == "Search"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"decorative": True, "text": True}, "a decorative icon has no name"),
        ({"desc": True, "text": True}, "put the description in the text"),
        ({"text": "yes"}, "text must be True or False"),
    ],
)
def test_text_refuses_what_it_cannot_say(
    renderer: Renderer, options: dict[str, object], message: str
) -> None:
    with pytest.raises(IconArgumentError, match=message):
        renderer.icon("search", **options)  # type: ignore[arg-type]


def test_icon_button_names_the_button_not_the_icon(renderer: Renderer) -> None:
    button = parse(renderer.icon_button("close", "Close dialog", data_dialog="d1"))
    assert button.tag == "button" and button.get("type") == "button"
    assert button.get("aria-label") == "Close dialog" and button.get("data-dialog") == "d1"
    (svg,) = button
    assert svg.get("aria-hidden") == "true" and svg.get("aria-label") is None
    assert svg.find("use").get("href") == href(renderer, "close")
    button = parse(renderer.icon_button("close", text=True, type="submit", class_="plain"))
    assert button.get("aria-label") is None and button.get("type") == "submit"
    assert button.get("class") == "plain"
    assert button.find("span").text == "Close"  # the catalogue title, as hidden text


def test_icon_link_carries_its_href_and_its_name(renderer: Renderer) -> None:
    link = parse(renderer.icon_link("home", "Home page", href="/?a=1&b=2", size=32))
    assert link.tag == "a" and link.get("href") == "/?a=1&b=2"
    assert link.get("aria-label") == "Home page"
    assert link.find("svg").get("width") == "32"


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:x", "data:text/html,x"]
)
def test_icon_link_refuses_links_that_run_code(renderer: Renderer, href: str) -> None:
    with pytest.raises(IconArgumentError, match="runs code"):
        renderer.icon_link("home", "Home", href=href)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: r.icon_button("close", "Close", type="menu"), "type must be button"),
        (lambda r: r.icon_button("close", "Close", onclick="x()"), "event handlers"),
        (lambda r: r.icon_button("close", "Close", aria_label="x"), "use label="),
        (lambda r: r.icon_button("close", ""), "empty label"),
        (lambda r: r.icon_link("home", "Home", href=""), "href must be text"),
        (lambda r: r.icon_button("nope", "Nope"), "unknown icon 'nope'"),
    ],
)
def test_controls_refuse_bad_arguments(renderer: Renderer, call: object, message: str) -> None:
    with pytest.raises((IconArgumentError, UnknownIconError), match=message):
        call(renderer)  # type: ignore[operator]


@PROPERTY
@given(label=st.text().filter(lambda s: clean_text(s)))
def test_any_control_label_round_trips_as_text_and_as_aria_label(
    shipped: Catalog, label: str
) -> None:
    renderer = Renderer(shipped, Urls(sprite=SPRITE))
    assert parse(renderer.icon_button("close", label)).get("aria-label") == clean_text(label)
    hidden = parse(renderer.icon_link("home", label, href="/", text=True)).find("span")
    assert (hidden.text or "") == clean_text(label)


# -- translated titles and descriptions -------------------------------------------------------

FRENCH = {"Comment": "Commentaire", "A speech bubble.": "Une bulle de dialogue."}


def test_titles_and_descriptions_follow_the_active_translation(shipped: Catalog) -> None:
    language: list[dict[str, str]] = [FRENCH]

    def current() -> object:
        words = language[0]
        return (lambda text: words.get(text, text)) if words else None

    renderer = Renderer(shipped, Urls(sprite=SPRITE), translations=current)  # type: ignore[arg-type]
    comment = shipped.resolve("comment")
    FRENCH[comment.description] = "Une bulle de dialogue."
    assert parse(renderer.icon("comment")).get("aria-label") == "Commentaire"
    described = parse(renderer.icon("comment", desc=True))
    assert described.find("desc").text == "Une bulle de dialogue."
    assert parse(renderer.icon("comment", "3 commentaires")).get("aria-label") == "3 commentaires"
    assert parse(renderer.icon_button("comment")).get("aria-label") == "Commentaire"
    language[0] = {}  # another request, in English: the kept French markup is not reused
    assert parse(renderer.icon("comment")).get("aria-label") == "Comment"
    assert parse(renderer.icon("comment", desc=True)).find("desc").text == comment.description
    assert parse(renderer.icon_button("comment")).get("aria-label") == "Comment"
