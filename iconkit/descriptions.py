"""Descriptions from a file: ``name: description`` lines (YAML) or ``name,description`` rows (CSV).

``iconkit add --descriptions`` and ``iconkit import --descriptions`` read them, so a
bulk addition has every icon's description written down in one place, by a person.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from iconkit._yaml import KeyedMapping, read_yaml
from iconkit.errors import AddError, CatalogError

__all__ = ["read_descriptions"]


def read_descriptions(path: Path) -> dict[str, str]:
    """``name: description`` lines from a YAML file, or ``name,description`` rows from a
    CSV file (``.csv``; a first row ``name,description`` is a header)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise AddError(f"{path}: cannot read: {reason}") from None
    if path.suffix.lower() == ".csv":
        return _csv_descriptions(path, text)
    try:
        data = read_yaml(text, path)
    except CatalogError as error:  # not YAML: path:line: invalid YAML: …
        raise AddError(str(error)) from None
    if data is None:
        return {}
    if not isinstance(data, KeyedMapping):
        raise AddError(f"{path}: expected `name: description` lines")
    problems = [
        f"{path}:{data.lines[key]}: {key!r}: the description must be text"
        for key, value in data.items()
        if not isinstance(value, str)
    ]
    if problems:
        raise AddError("\n".join(problems))
    return {str(key): " ".join(value.split()) for key, value in data.items()}


def _csv_descriptions(path: Path, text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    problems = []
    rows: Iterable[list[str]] = csv.reader(io.StringIO(text))
    for number, row in enumerate(rows, start=1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and [c.strip().lower() for c in row[:2]] == ["name", "description"]:
            continue
        if len(row) != 2:
            problems.append(f"{path}:{number}: expected two columns, name and description")
            continue
        found[row[0].strip()] = " ".join(row[1].split())
    if problems:
        raise AddError("\n".join(problems))
    return found
