"""descriptions: name: description lines from YAML or CSV, with the line of every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from iconkit.descriptions import read_descriptions
from iconkit.errors import AddError


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "words.yaml",
            "# written by a person\nbell: A bell with a clapper.\ncloud: >\n  A rain\n  cloud.\n",
        ),
        ("words.csv", 'name,description\nbell,A bell with a clapper.\ncloud,"A rain\n cloud."\n\n'),
        ("words.csv", "bell,A bell with a clapper.\ncloud,A rain cloud.\n"),
    ],
    ids=["yaml", "csv-with-header", "csv"],
)
def test_descriptions_are_read_with_whitespace_collapsed(
    name: str, text: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert read_descriptions(path) == {
        "bell": "A bell with a clapper.",
        "cloud": "A rain cloud.",
    }


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "words.yaml",
            "bell: A bell.\ncloud: 42\nsun: [a]\n",
            "words.yaml:2: 'cloud': the description must be text",
        ),
        (
            "words.yaml",
            "bell: [unclosed\n",
            "words.yaml:1: invalid YAML: while parsing",
        ),
        ("words.yaml", "- just a list\n", "expected `name: description` lines"),
        ("words.csv", "bell,A bell.,extra\n", "words.csv:1: expected two columns"),
        ("missing.yaml", None, "missing.yaml: cannot read"),
    ],
)
def test_mistakes_name_the_file_and_line(
    name: str, text: str | None, message: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(AddError) as caught:
        read_descriptions(path)
    assert message in str(caught.value)
    if name == "words.yaml" and "42" in (text or ""):
        assert "words.yaml:3: 'sun'" in str(caught.value)  # every mistake, not the first
