"""The icons that a Django project's templates use, in both template languages.

Django templates are read with Django's own lexer (``django.template.base.Lexer``, which
knows ``{% verbatim %}``), and each ``{% icon %}``-family tag's first argument is read
as Django reads it (``Variable``): a quoted constant is a name to check, anything else is
noted. ``{% comment %}`` blocks are skipped. Jinja templates go through
``iconkit.scan.scan_templates``. The folders are every ``TEMPLATES`` engine's, inside the
project (third-party apps' templates are theirs to check).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from django.template import TemplateSyntaxError, engines
from django.template.backends.django import DjangoTemplates
from django.template.backends.jinja2 import Jinja2
from django.template.base import Lexer, TokenType, Variable

from iconkit.catalog import Catalog
from iconkit.errors import Problem, UnknownIconError
from iconkit.scan import TEMPLATE_SUFFIXES, ScanReport, Use, scan_templates

__all__ = ["TAGS", "scan_django_templates", "scan_project", "template_folders"]

TAGS = frozenset({"icon", "icon_img", "icon_button", "icon_link"})


def template_folders(project: Path) -> dict[str, list[Path]]:
    """The template folders inside ``project`` of each language, ``django`` and ``jinja2``."""
    found: dict[str, list[Path]] = {"django": [], "jinja2": []}
    for engine in engines.all():
        language = (
            "django"
            if isinstance(engine, DjangoTemplates)
            else "jinja2"
            if isinstance(engine, Jinja2)
            else None
        )
        if language is None:
            continue
        for folder in map(Path, engine.template_dirs):
            folder = folder.absolute()
            if folder.is_dir() and folder.is_relative_to(project) and folder not in found[language]:
                found[language].append(folder)
    return found


def scan_project(project: Path, catalog: Catalog) -> ScanReport:
    """Every icon use in the project's templates, Django's and Jinja's, in one report."""
    folders = template_folders(project)
    report = scan_django_templates(folders["django"], catalog)
    if folders["jinja2"]:
        jinja = scan_templates(folders["jinja2"], catalog)
        report.uses += jinja.uses
        report.errors += jinja.errors
        report.notes += jinja.notes
    return report


def _files(folders: Sequence[Path]) -> Iterator[Path]:
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in TEMPLATE_SUFFIXES:
                yield path


def scan_django_templates(folders: Sequence[Path], catalog: Catalog) -> ScanReport:
    """Find every ``{% icon %}``-family tag under ``folders`` and check it against ``catalog``."""
    report = ScanReport()
    for path in _files(folders):
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            report.errors.append(Problem(path, None, f"cannot read: {error}"))
            continue
        in_comment = False
        for token in Lexer(source).tokenize():
            if token.token_type is not TokenType.BLOCK:
                continue
            bits = token.split_contents()
            if bits[0] in {"comment", "endcomment"}:
                in_comment = bits[0] == "comment"
            elif bits[0] in TAGS and not in_comment:
                _record(path, token.lineno or 1, bits, catalog, report)
    return report


def _record(path: Path, line: int, bits: list[str], catalog: Catalog, report: ScanReport) -> None:
    tag = bits[0]
    argument = next((bit for bit in bits[1:] if "=" not in bit or bit.startswith("name=")), None)
    name = None
    if argument is not None:
        try:
            literal = Variable(argument.removeprefix("name=")).literal
        except TemplateSyntaxError:
            literal = None
        name = literal[:] if isinstance(literal, str) else None
    if name is None:
        report.uses.append(Use(path, line, tag, None))
        report.notes.append(Problem(path, line, f"{{% {tag} %}} names no constant icon"))
    elif name in catalog:
        report.uses.append(Use(path, line, tag, name, catalog.resolve(name).name))
    else:
        report.uses.append(Use(path, line, tag, name))
        unknown = UnknownIconError(name, catalog.suggest(name), catalog.label)
        report.errors.append(Problem(path, line, str(unknown)))
