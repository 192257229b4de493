"""Flask: ``Iconkit(app)``, or ``ext = Iconkit()`` and ``ext.init_app(app)`` in a factory.

``init_app`` finds the project's settings from ``app.root_path`` as every ``iconkit``
command finds them, installs iconkit on ``app.jinja_env`` (``iconkit.jinja.install``,
the one renderer), serves the build folder at the ``url-prefix`` setting (hashed files
cached for good, the rest revalidated), and adds ``flask iconkit build`` and the other
commands to ``app.cli``. Its state lives in ``app.extensions["iconkit"]``. Without a
build, icons carry their own shapes and the shipped stylesheet is served; in debug mode
a new build is picked up by the next request. See docs/flask.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
from flask import Flask, Response, abort, current_app, send_from_directory
from flask.cli import AppGroup

from iconkit._served import SHIPPED_CSS, cache_control, publishable, shipped_stylesheet, stamp
from iconkit.cli import PROJECT_COMMANDS
from iconkit.errors import ManifestError
from iconkit.jinja import install
from iconkit.markup import Renderer
from iconkit.settings import Settings, load_settings

__all__ = ["COMMANDS", "ENDPOINT", "Iconkit", "State"]

COMMANDS = PROJECT_COMMANDS
"""The ``iconkit`` commands that ``flask iconkit`` runs on the app's project."""
ENDPOINT = "iconkit.static"
"""``url_for("iconkit.static", filename="gallery.html")`` gives a file of the build."""


@dataclass
class State:
    """What ``init_app`` keeps for one app, in ``app.extensions["iconkit"]``."""

    project: Path
    settings: Settings
    renderer: Renderer | None
    error: ManifestError | None  # a build that cannot be used: each request raises it
    stamp: tuple[tuple[int, int] | None, ...]  # the files that decide pages, when installed

    @property
    def served_at(self) -> str | None:
        """The URL path this app serves the build folder at; ``None`` for an absolute
        ``url-prefix`` (a CDN serves the folder)."""
        return _served_at(self.settings)


class Iconkit:
    """The Flask extension; its options are ``install``'s (docs/templates.md).

    ``project`` is where to look for the settings (default: ``app.root_path``).
    """

    def __init__(
        self,
        app: Flask | None = None,
        *,
        project: str | Path | None = None,
        inline: bool = False,
        strict: bool = True,
    ) -> None:
        self.project = project
        self.inline = inline
        self.strict = strict
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Install iconkit on ``app``: templates, the build's files, the commands."""
        project = Path(self.project if self.project is not None else app.root_path).absolute()
        state = self._install(app, project)
        app.extensions["iconkit"] = state
        if state.served_at is not None:
            app.add_url_rule(f"{state.served_at}<path:filename>", ENDPOINT, _serve)

        @app.before_request
        def pick_up_a_new_build() -> None:
            """Install again after a new build or a change of settings or catalogue, when
            templates reload (debug mode) or the build could not be used; say why it
            cannot while it still cannot."""
            found: State = app.extensions["iconkit"]
            if found.error is not None or app.jinja_env.auto_reload:
                if stamp(load_settings(found.project)) != found.stamp:
                    found = app.extensions["iconkit"] = self._install(app, found.project)
                if found.error is not None:
                    raise found.error

        app.cli.add_command(cli)

    def _install(self, app: Flask, project: Path) -> State:
        settings = load_settings(project)
        served_at = _served_at(settings)
        stamped = stamp(settings)
        try:
            renderer = install(
                app.jinja_env,
                project=project,
                inline=self.inline,
                base_url=settings.url_prefix,
                strict=self.strict,
                css_url=served_at + SHIPPED_CSS if served_at is not None else None,
            )
        except ManifestError as error:  # a stale build: `flask iconkit build` must still run
            return State(project, settings, None, error, stamped)
        return State(project, settings, renderer, None, stamped)


def _served_at(settings: Settings) -> str | None:
    prefix = settings.url_prefix if settings.url_prefix.endswith("/") else settings.url_prefix + "/"
    return prefix if prefix.startswith("/") else None


def _serve(filename: str) -> Response:
    """A file of the build folder (or the shipped stylesheet before any build)."""
    state: State = current_app.extensions["iconkit"]
    if not publishable(filename):
        abort(404)
    folder = state.settings.out
    if filename == SHIPPED_CSS and not (folder / filename).is_file():
        folder = shipped_stylesheet().parent
    response = send_from_directory(folder, filename)
    response.headers["Cache-Control"] = cache_control(filename)
    response.headers.pop("Expires", None)
    return response


cli = AppGroup("iconkit", help="iconkit's commands, run on this app's project.")


def _command(name: str) -> None:
    @cli.command(
        name,
        help=f"`iconkit {name}` on the app's project; --help gives its options.",
        context_settings={"ignore_unknown_options": True, "help_option_names": []},
    )
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    @click.pass_context
    def command(context: click.Context, args: tuple[str, ...]) -> None:
        from iconkit.cli import main

        state: State = current_app.extensions["iconkit"]
        if name == "scan" and not args:  # the app's own template folders
            args = tuple(str(folder) for folder in _template_folders(current_app))
        context.exit(main([name, "--project", str(state.project), *args]))


def _template_folders(app: Flask) -> list[Path]:
    found = []
    for owner in (app, *app.blueprints.values()):
        if owner.template_folder is not None:
            folder = Path(owner.root_path) / owner.template_folder
            if folder.is_dir() and folder not in found:
                found.append(folder)
    return found


for _name in COMMANDS:
    _command(_name)
