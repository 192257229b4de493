"""The words rules of ``iconkit lint``: titles and descriptions that serve a screen-reader user.

Each rule looks at one text and returns ``Issue``s; an issue with ``fixed`` set
has a safe automatic fix (the whole corrected text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TITLE_WORDS = 4
_MEDIUM = re.compile(r"\s*\b(?:icon|image|graphic)s?\b\s*", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9']+")
_ARTICLES = frozenset(("a", "an", "the"))
_FILLER = _ARTICLES | {"of", "picture", "symbol", "showing"}  # "An icon of a calendar."
_DETERMINERS = _ARTICLES | {"this", "that", "these", "those", "my", "your", "its", "our"}
_VOWEL_LETTERS = frozenset("aefhilmnorsx")  # letters whose names start with a vowel sound
# Words that start with a vowel letter but a consonant sound, and the reverse.
_A_BEFORE = re.compile(r"^(?:uni|use|usu|uti|ura|ure|euro?|eu|one|once|ubiq|u-)", re.IGNORECASE)
_AN_BEFORE = re.compile(r"^(?:hour|honest|honou?r|heir|herb)", re.IGNORECASE)


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
        elif first.lower() in _DETERMINERS and second.lower() in _ARTICLES:
            message = f"{what} {text!r}: two determiners in a row, {first + ' ' + second!r}"
            issues.append(Issue("doubled-word", "error", message))
    return issues


def _pairs(text: str) -> list[tuple[str, str]]:
    words = list(re.finditer(r"[A-Za-z']+", text))
    return [
        (a.group(), b.group())
        for a, b in zip(words, words[1:], strict=False)
        if text[a.end() : b.start()].strip() == ""
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


def _correct(match: re.Match[str]) -> str:
    article, word = match.group(1), match.group(2)
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
