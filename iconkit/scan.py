"""``iconkit scan``: the icons that Jinja templates use, read with Jinja's own parser.

Every template under the given folders is parsed into Jinja's AST and walked
for ``nodes.Call``: calls of ``icon``/``icon_img`` (also as ``m.icon`` after
``{% import %}``), and calls of the template's own macros that pass a parameter
on to ``icon()``, so a ``{% macro button(name) %}{{ icon(name) }}{% endmacro %}``
is followed to every ``button('close')``. Included and extended templates are
scanned as files of the folders; a name that is not there is reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from iconkit._paths import shown
from iconkit.catalog import Catalog
from iconkit.errors import Problem, ScanError, UnknownIconError

__all__ = ["ICON_FUNCTIONS", "ScanError", "ScanReport", "Use", "scan_templates"]

ICON_FUNCTIONS = frozenset({"icon", "icon_img"})
TEMPLATE_SUFFIXES = frozenset({".html", ".htm", ".jinja", ".jinja2", ".j2", ".xml", ".txt"})
_ENVIRONMENT = Environment(
    extensions=["jinja2.ext.i18n", "jinja2.ext.loopcontrols", "jinja2.ext.do"]
)


@dataclass(frozen=True)
class Use:
    """One icon call in a template; ``name`` is ``None`` when not a constant."""

    path: Path
    line: int
    call: str
    name: str | None
    icon: str | None = None  # the catalogue name it resolves to
    via: str | None = None  # the macro that passed it on to icon()


@dataclass
class ScanReport:
    """Every icon call found, and the problems with them."""

    uses: list[Use] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        for use in self.uses:
            if use.name is None:
                continue
            target = f" -> {use.icon}" if use.icon and use.icon != use.name else ""
            via = f" (via {use.via}())" if use.via else ""
            yield f"{shown(use.path)}:{use.line}: {use.call}({use.name!r}){target}{via}"

    def warnings(self) -> list[str]:
        return [str(problem) for problem in self.notes]

    def raise_for_errors(self) -> None:
        if self.errors:
            raise ScanError(self.errors)


@dataclass(frozen=True)
class _Wrapper:
    """A macro that passes one of its parameters to ``icon()`` as the name."""

    name: str
    index: int
    parameter: str


def _templates(folders: Sequence[Path]) -> Iterator[tuple[Path, str]]:
    for folder in folders:
        if folder.is_file():
            yield folder, folder.name
            continue
        if not folder.is_dir():
            raise ScanError([Problem(folder, None, "no such folder")])
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in TEMPLATE_SUFFIXES:
                yield path, path.relative_to(folder).as_posix()


def _called(node: nodes.Call) -> str | None:
    """The function name a call uses: ``icon`` for ``icon(...)`` and ``m.icon(...)``."""
    if isinstance(node.node, nodes.Name):
        return node.node.name
    if isinstance(node.node, nodes.Getattr):
        return node.node.attr
    return None


def _argument(node: nodes.Call, index: int, keyword: str) -> nodes.Expr | None:
    if len(node.args) > index:
        return node.args[index]
    for item in node.kwargs:
        if item.key == keyword:
            return item.value
    return None


def _parse(folders: Sequence[Path], report: ScanReport) -> dict[Path, tuple[str, nodes.Template]]:
    parsed: dict[Path, tuple[str, nodes.Template]] = {}
    for path, name in _templates(folders):
        try:
            source = path.read_text(encoding="utf-8")
            parsed[path] = (name, _ENVIRONMENT.parse(source, name, str(path)))
        except TemplateSyntaxError as error:
            report.errors.append(Problem(path, error.lineno, f"template syntax: {error.message}"))
        except (OSError, UnicodeDecodeError) as error:
            report.errors.append(Problem(path, None, f"cannot read: {error}"))
    return parsed


def _wrappers(trees: Sequence[nodes.Template]) -> dict[str, _Wrapper]:
    found: dict[str, _Wrapper] = {}
    for tree in trees:
        for macro in tree.find_all(nodes.Macro):
            parameters = [argument.name for argument in macro.args]
            for call in macro.find_all(nodes.Call):
                value = _argument(call, 0, "name")
                if (
                    _called(call) in ICON_FUNCTIONS
                    and isinstance(value, nodes.Name)
                    and value.name in parameters
                ):
                    index = parameters.index(value.name)
                    found[macro.name] = _Wrapper(macro.name, index, value.name)
        for imported in tree.find_all(nodes.FromImport):
            for item in imported.names:
                original, alias = item if isinstance(item, tuple) else (item, item)
                if original in found and alias != original:
                    found[alias] = found[original]
    return found


def scan_templates(folders: Sequence[Path], catalog: Catalog) -> ScanReport:
    """Find every icon call in the templates under ``folders`` and check it against ``catalog``."""
    report = ScanReport()
    parsed = _parse(folders, report)
    names = {name for name, _ in parsed.values()}
    wrappers = _wrappers([tree for _, tree in parsed.values()])
    for path, (_, tree) in parsed.items():
        _follow_references(path, tree, names, report)
        _scan_tree(path, tree, wrappers, catalog, report)
    return report


def _follow_references(
    path: Path, tree: nodes.Template, names: set[str], report: ScanReport
) -> None:
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = getattr(node, "template", None)
        if (
            isinstance(target, nodes.Const)
            and isinstance(target.value, str)
            and target.value not in names
            and not target.value.startswith("iconkit/")
        ):
            what = type(node).__name__.lower()
            message = f"{what} {target.value!r} is not in the scanned folders; not followed"
            report.notes.append(Problem(path, node.lineno, message))


def _scan_tree(
    path: Path,
    tree: nodes.Template,
    wrappers: dict[str, _Wrapper],
    catalog: Catalog,
    report: ScanReport,
) -> None:
    inside_wrapper: dict[int, set[str]] = {}
    for macro in tree.find_all(nodes.Macro):
        if macro.name in wrappers:
            for call in macro.find_all(nodes.Call):
                inside_wrapper.setdefault(id(call), set()).add(wrappers[macro.name].parameter)
    for call in tree.find_all(nodes.Call):
        function = _called(call)
        if function in ICON_FUNCTIONS:
            value = _argument(call, 0, "name")
            passed_on = isinstance(value, nodes.Name) and value.name in inside_wrapper.get(
                id(call), set()
            )
            if not passed_on:
                _record(path, call, function, value, None, catalog, report)
        elif function in wrappers:
            wrapper = wrappers[function]
            value = _argument(call, wrapper.index, wrapper.parameter)
            _record(path, call, "icon", value, function, catalog, report)


def _record(
    path: Path,
    call: nodes.Call,
    function: str,
    value: nodes.Expr | None,
    via: str | None,
    catalog: Catalog,
    report: ScanReport,
) -> None:
    line = call.lineno
    shown = via or function
    if not (isinstance(value, nodes.Const) and isinstance(value.value, str)):
        report.uses.append(Use(path, line, shown, None, via=via))
        report.notes.append(
            Problem(path, line, f"{shown}() is called with a name that is not a constant")
        )
        return
    name = value.value
    if name in catalog:
        report.uses.append(Use(path, line, shown, name, catalog.resolve(name).name, via))
        return
    report.uses.append(Use(path, line, shown, name, None, via))
    unknown = UnknownIconError(name, catalog.suggest(name), catalog.label)
    report.errors.append(Problem(path, line, str(unknown)))
