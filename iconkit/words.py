"""The words rules of ``iconkit lint``: titles and descriptions that serve a screen-reader user.

Each rule looks at one text and returns ``Issue``s; an issue with ``fixed`` set
has a safe automatic fix (the whole corrected text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_TITLE_WORDS = 4
_MEDIUM = re.compile(r"\s*\b(?:icon|image|graphic)s?\b\s*", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9']+")
_ARTICLES = frozenset(("a", "an", "the"))
_FILLER = _ARTICLES | {"of", "photo", "symbol", "showing"}  # "An icon of a calendar."
_DETERMINERS = _ARTICLES | {"this", "that", "these", "those", "my", "your", "its", "our"}
_VOWEL_LETTERS = frozenset("aefhilmnorsx")  # letters whose names start with a vowel sound
# Words that start with a vowel letter but a consonant sound, and the reverse.
_A_BEFORE = re.compile(r"^(?:uni|use|usu|uti|ura|ure|euro?|eu|one|once|ubiq|u-)", re.IGNORECASE)
_AN_BEFORE = re.compile(r"^(?:hour|honest|honou?r|heir|herb)", re.IGNORECASE)
# Words after which "a" is the letter, not the article: "the letter a", "a capital A".
_LETTER_AFTER = frozenset(
    ("letter", "letters", "capital", "lowercase", "lower-case", "uppercase", "upper-case", "small")
)
_SENTENCE_OPENERS = frozenset(".!?:;(\"'\u201c\u2018")  # what may stand before "A" the article
# What a name's words become in a derived title: the medium is named otherwise.
_MEDIUM_WORDS = {
    "icon": "symbol",
    "icons": "symbols",
    "image": "photo",
    "images": "photos",
    "graphic": "drawing",
    "graphics": "drawings",
}


@dataclass(frozen=True)
class Issue:
    """One thing wrong with a text; ``fixed`` is the corrected text where a safe fix exists."""

    rule: str
    level: str
    message: str
    fixed: str | None = None


def title_issues(title: str) -> list[Issue]:
    """Problems with an icon's title: its default accessible name."""
    issues = []
    if _MEDIUM.search(title):
        words = title.split()
        at_edge = len(words) > 1 and (_MEDIUM.fullmatch(words[-1]) or _MEDIUM.fullmatch(words[0]))
        stripped = " ".join(_MEDIUM.sub(" ", title).split())
        fixed = stripped[:1].upper() + stripped[1:] if at_edge else None
        issues.append(
            Issue(
                "title-names-the-medium",
                "error",
                f"title {title!r} says icon/image/graphic: screen readers already announce "
                "an image, so name what it means",
                fixed,
            )
        )
    count = len(_WORD.findall(title))
    if count > MAX_TITLE_WORDS:
        issues.append(
            Issue(
                "title-too-long",
                "warning",
                f"title {title!r} has {count} words: keep it to {MAX_TITLE_WORDS} or fewer "
                "and put the rest in the description",
            )
        )
    if title.rstrip().endswith("."):
        issues.append(
            Issue(
                "title-punctuation",
                "warning",
                f"title {title!r} ends with a full stop: a title is a name, not a sentence",
                title.rstrip().rstrip("."),
            )
        )
    return issues + text_issues(title, "title")


def description_issues(title: str, description: str) -> list[Issue]:
    """Problems with an icon's description, given its title."""
    issues = []
    if _bare(description) == _bare(title):
        issues.append(
            Issue(
                "description-repeats-title",
                "error",
                f"description {description!r} only repeats the title: say what the artwork shows",
            )
        )
    stripped = description.rstrip()
    if not stripped.endswith((".", "!", "?")):
        issues.append(
            Issue(
                "description-punctuation",
                "warning",
                f"description {description!r} does not end with a full stop",
                stripped + ".",
            )
        )
    elif re.search(r"(\s+[.!?]|[.!?]{2,})$", stripped) and not stripped.endswith("..."):
        fixed = re.sub(r"\s*[.!?]+$", ".", stripped)
        issues.append(
            Issue(
                "description-punctuation",
                "warning",
                f"description {description!r} ends with stray punctuation",
                fixed,
            )
        )
    return issues + text_issues(description, "description")


def _bare(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return [w for w in words if w not in _FILLER and not _MEDIUM.fullmatch(w)]


def text_issues(text: str, what: str) -> list[Issue]:
    """Article and doubled-word mistakes in any text."""
    issues = []
    fixed = _fix_articles(text)
    if fixed != text:
        wrong = _first_article_error(text)
        issues.append(
            Issue("article", "error", f"{what} {text!r}: {wrong!r} has the wrong article", fixed)
        )
    for first, second in _pairs(text):
        if first.lower() == second.lower():
            fixed = re.sub(rf"\b({re.escape(first)})\s+{re.escape(second)}\b", r"\1", text, count=1)
            message = f"{what} {text!r}: doubled word {first + ' ' + second!r}"
            issues.append(Issue("doubled-word", "error", message, fixed))
        elif first.lower() in _DETERMINERS and second.lower() in _ARTICLES and second != "A":
            message = f"{what} {text!r}: two determiners in a row, {first + ' ' + second!r}"
            issues.append(Issue("doubled-word", "error", message))
    return issues


def _pairs(text: str) -> list[tuple[str, str]]:
    """Neighbouring words with only space between them; words with digits ("2x") skipped."""
    words = list(re.finditer(r"[A-Za-z0-9']+", text))
    return [
        (a.group(), b.group())
        for a, b in zip(words, words[1:], strict=False)
        if text[a.end() : b.start()].strip() == ""
        and not any(c.isdigit() for c in a.group() + b.group())
    ]


_ARTICLE = re.compile(r"\b(a|an|A|An|AN)\s+([A-Za-z][\w-]*)")


def _wants_an(word: str) -> bool:
    if len(word) == 1 or word.isupper() and len(word) <= 4:  # a letter or an acronym: its name
        return word[0].lower() in _VOWEL_LETTERS
    if _A_BEFORE.match(word):
        return False
    if _AN_BEFORE.match(word):
        return True
    return word[0].lower() in "aeiou"


def _is_letter(match: re.Match[str]) -> bool:
    """True when the "a"/"A" of ``match`` is the letter: "Letter A up", "arrow from A to Z".

    A capital "A" inside a sentence is the letter (an article there is written "a"),
    and so is an "a" after "letter", "capital" and their kin.
    """
    article, before = match.group(1), match.string[: match.start()].rstrip()
    if article[0].isupper() and before and before[-1] not in _SENTENCE_OPENERS:
        return True
    previous = before.split()[-1:]
    return article.lower() == "a" and bool(previous) and previous[0].lower() in _LETTER_AFTER


def _correct(match: re.Match[str]) -> str:
    article, word = match.group(1), match.group(2)
    if _is_letter(match):
        return match.group(0)
    wanted = "an" if _wants_an(word) else "a"
    if article.lower() == wanted:
        return match.group(0)
    shown = wanted.capitalize() if article[0].isupper() else wanted
    return f"{shown} {word}"


def _fix_articles(text: str) -> str:
    return _ARTICLE.sub(_correct, text)


def _first_article_error(text: str) -> str:
    for match in _ARTICLE.finditer(text):
        if _correct(match) != match.group(0):
            return match.group(0)
    return ""


_DIRECTIONAL = re.compile(
    r"\b(left|right|next|previous|prev|back|backward|forward|reply|undo|redo|log[ -]?out)\b",
    re.IGNORECASE,
)


def direction_issues(
    name: str, title: str, aliases: tuple[str, ...], mirror: bool | None
) -> list[Issue]:
    """An icon whose name, aliases or title speak of a direction, with no ``mirror`` decision."""
    if mirror is not None:
        return []
    words = " ".join((name.replace("-", " "), title, *(a.replace("-", " ") for a in aliases)))
    found = _DIRECTIONAL.search(words)
    if found is None:
        return []
    return [
        Issue(
            "mirror-undecided",
            "warning",
            f"{found.group(0).lower()!r} speaks of a direction: set mirror: true if the artwork "
            "should point the other way in right-to-left text (next, reply, log out), "
            "mirror: false if it must not flip",
        )
    ]


def title_from_name(name: str) -> str:
    """A title derived from an icon name that passes the title rules.

    ``video-camera`` -> ``Video camera``. Single letters are capitals, with "Letter"
    before one that starts the name (``a-arrow-down`` -> ``Letter A arrow down``); a
    word that names the medium is replaced (``image-plus`` -> ``Photo plus``); a
    doubled word is said once, as "double" (``check-check`` -> ``Double check``).
    What the rules can still fix safely is fixed.
    """
    words: list[str] = []
    previous = ""
    for word in name.split("-"):
        if not word:
            continue
        if word == previous:
            words[-1] = f"double {words[-1]}"
            continue
        previous = word
        if len(word) == 1 and word.isalpha():
            words.append(word.upper())
        else:
            words.append(_MEDIUM_WORDS.get(word, word))
    if len(words) > 1 and len(words[0]) == 1 and words[0].isalpha():
        words.insert(0, "letter")
    title = " ".join(words)
    return _fixed(title[:1].upper() + title[1:], title_issues)


_SIZE_WORD = re.compile(r"\d+(?:px|dp|pt)?")
_SLUG_EDGE = frozenset(("ic", "icon", "icons", "svg"))


def title_from_text(text: str | None) -> str | None:
    """A title proposed by words found with the artwork (its ``<title>``), or ``None``.

    A slug or a layer path (``icon/close``, ``ic_arrow_back_24px``, ``ArrowLeft``)
    is read as a name; prose keeps its words, with the safe fixes applied. Text that
    would still break a title rule, or runs past the word limit, proposes nothing.
    """
    text = " ".join((text or "").split())
    if not text:
        return None
    if " " not in text:
        last = re.split(r"[/\\]", text)[-1].removesuffix(".svg")
        spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", last).lower()
        words = re.findall(r"[a-z0-9]+", spaced)
        while len(words) > 1 and (words[0] in _SLUG_EDGE or words[-1] in _SLUG_EDGE):
            words = words[1:] if words[0] in _SLUG_EDGE else words[:-1]
        if len(words) > 1 and _SIZE_WORD.fullmatch(words[-1]):
            words = words[:-1]
        return title_from_name("-".join(words)) if words else None
    title = _fixed(text, title_issues)
    problems = [i for i in title_issues(title) if i.level == "error" or i.rule == "title-too-long"]
    return None if problems or not title else title


def description_from_text(text: str | None) -> str | None:
    """A description proposed by the artwork's ``<desc>``, with the safe fixes applied,
    or ``None`` where it would still break a rule."""
    text = " ".join((text or "").split())
    if not text:
        return None
    described = _fixed(text, lambda value: description_issues("", value))
    errors = [i for i in description_issues("", described) if i.level == "error"]
    return None if errors else described


def _fixed(text: str, issues: Callable[[str], list[Issue]]) -> str:
    """``text`` with the safe fixes of ``issues`` applied, one after another."""
    for _ in range(8):
        issue = next((i for i in issues(text) if i.fixed is not None and i.fixed != text), None)
        if issue is None or issue.fixed is None:
            break
        text = issue.fixed
    return text
