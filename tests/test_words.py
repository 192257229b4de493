"""words: the title and description rules, each with text that breaks it and text that keeps it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iconkit.words import (
    description_from_text,
    description_issues,
    text_issues,
    title_from_name,
    title_from_text,
    title_issues,
)

from .test_shipped import ICONS


@pytest.mark.parametrize(
    ("title", "rule", "fixed"),
    [
        ("Pause Icon", "title-names-the-medium", "Pause"),
        ("Search icon", "title-names-the-medium", "Search"),
        ("Image of a cat", "title-names-the-medium", "Of a cat"),
        ("Hamburger Menu Icon", "title-names-the-medium", "Hamburger Menu"),
        ("Sad graphic face", "title-names-the-medium", None),
        ("Open the settings for this page", "title-too-long", None),
        ("Close.", "title-punctuation", "Close"),
    ],
)
def test_title_rules_fire(title: str, rule: str, fixed: str | None) -> None:
    issue = next(i for i in title_issues(title) if i.rule == rule)
    assert issue.fixed == fixed


@pytest.mark.parametrize(
    "title", ["Pause", "Success, timed out", "Not public", "LinkedIn", "Iconic tower", "Log out"]
)
def test_good_titles_pass(title: str) -> None:
    assert title_issues(title) == []


@pytest.mark.parametrize(
    ("title", "description", "rule", "fixed"),
    [
        ("Calendar", "Calendar", "description-repeats-title", None),
        ("Calendar", "A calendar.", "description-repeats-title", None),
        ("Calendar", "An icon of a calendar.", "description-repeats-title", None),
        ("Calendar", "A desk calendar", "description-punctuation", "A desk calendar."),
        ("Calendar", "A desk calendar .", "description-punctuation", "A desk calendar."),
        ("Calendar", "A desk calendar!!", "description-punctuation", "A desk calendar."),
    ],
)
def test_description_rules_fire(title: str, description: str, rule: str, fixed: str | None) -> None:
    issue = next(i for i in description_issues(title, description) if i.rule == rule)
    assert issue.fixed == fixed


@pytest.mark.parametrize(
    ("text", "rule", "fixed"),
    [
        ("A icon of a tick.", "article", "An icon of a tick."),
        ("An explanation mark and a exclamation.", "article", None),
        ("An tick mark.", "article", "A tick mark."),
        ("A X shape.", "article", "An X shape."),
        ("an user avatar", "article", "a user avatar"),
        ("A hour glass.", "article", "An hour glass."),
        ("A SVG badge.", "article", "An SVG badge."),
        ("The the end.", "doubled-word", "The end."),
        ("A tick tick mark.", "doubled-word", "A tick mark."),
        ("Open the an envelope.", "doubled-word", None),
    ],
)
def test_text_rules_fire(text: str, rule: str, fixed: str | None) -> None:
    issue = next(i for i in text_issues(text, "description") if i.rule == rule)
    if fixed is not None:
        assert issue.fixed == fixed
    assert issue.level == "error"


@pytest.mark.parametrize(
    "text",
    [
        "An X shape.",
        "A unicorn on a European road.",
        "An hour and an honest heir.",
        "A one-way sign, a user and an umbrella.",
        "An HTML page beside a USB plug.",
        "That is, is it?",
        "A tick mark.",
    ],
)
def test_good_text_passes(text: str) -> None:
    assert text_issues(text, "description") == []


@pytest.mark.parametrize("icon", ICONS, ids=lambda i: i.name)
def test_the_shipped_words_pass(icon: object) -> None:
    assert title_issues(icon.title) == []  # type: ignore[attr-defined]
    assert description_issues(icon.title, icon.description) == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    ["Letter A up", "Arrow from A to Z.", "The letter a in a box.", "A capital A on a tile."],
)
def test_a_letter_is_not_an_article(text: str) -> None:
    assert text_issues(text, "title") == []


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("video-camera", "Video camera"),
        ("a-arrow-down", "Letter A arrow down"),  # lucide: not "A arrow down"
        ("arrow-down-a-z", "Arrow down A Z"),
        ("x", "X"),
        ("check-check", "Double check"),  # lucide: not "Check check"
        ("map-pin-pin", "Map double pin"),
        ("image", "Photo"),  # lucide: not "Image"
        ("book-image", "Book photo"),
        ("icons", "Symbols"),
        ("chart-graphic", "Chart drawing"),
    ],
)
def test_titles_derived_from_names_pass_the_title_rules(name: str, title: str) -> None:
    assert title_from_name(name) == title
    assert [i for i in title_issues(title) if i.level == "error"] == []


@given(st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), min_size=1, max_size=6))
def test_no_derived_title_breaks_an_error_rule(words: list[str]) -> None:
    title = title_from_name("-".join(words))
    assert [i.rule for i in title_issues(title) if i.level == "error"] == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Notifications", "Notifications"),
        ("Search icon", "Search"),  # the safe fix
        ("Bell.", "Bell"),
        ("icon/close", "Close"),  # Sketch's layer path
        ("ic_arrow_back_24px", "Arrow back"),  # Android's file name
        ("ArrowLeft", "Arrow left"),
        ("A very long title that says far too much", None),
        ("Sad graphic face", None),  # "graphic" in the middle: no safe fix
        ("", None),
    ],
)
def test_titles_proposed_by_the_artwork(text: str, title: str | None) -> None:
    assert title_from_text(text) == title


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("A paper plane flying up", "A paper plane flying up."),
        ("A icon of a tick", "An icon of a tick."),
        ("Open the an envelope.", None),  # an error with no safe fix
        ("   ", None),
    ],
)
def test_descriptions_proposed_by_the_artwork(text: str, description: str | None) -> None:
    assert description_from_text(text) == description
