"""words: the title and description rules, each with text that breaks it and text that keeps it."""

from __future__ import annotations

import pytest

from iconkit.words import description_issues, text_issues, title_issues

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
