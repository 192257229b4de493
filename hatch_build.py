"""Wheel build hook: compile the shipped translations (``iconkit/locale/*/LC_MESSAGES/*.po``).

The ``.po`` files are the source, kept in git; the wheel carries the ``.mo`` files
that ``gettext`` and Django read, compiled here with Babel (a build requirement).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileTranslations(BuildHookInterface):  # type: ignore[type-arg]
    """Adds a compiled ``.mo`` beside every ``.po`` of ``iconkit/locale`` to the wheel."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":  # imported from the source tree: i18n.py compiles there
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        self._folder = tempfile.TemporaryDirectory(prefix="iconkit-mo-")
        for source in sorted((root / "iconkit" / "locale").glob("*/LC_MESSAGES/*.po")):
            relative = source.relative_to(root).with_suffix(".mo")
            target = Path(self._folder.name) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as stream:
                catalog = read_po(stream)
            with target.open("wb") as stream:
                write_mo(stream, catalog)
            build_data["force_include"][str(target)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact: str) -> None:
        if version != "editable":
            self._folder.cleanup()
