"""npm packages the tests need, installed once at a pinned version into a folder of the repo.

On a developer's machine a package that cannot be installed skips its tests; under
``CI=true`` it fails them, because ``.ci/run`` provides npm.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest


def unavailable(reason: str) -> NoReturn:
    """Skip on a developer's machine; fail under CI, where .ci/run installs everything."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: these tests must run; .ci/run installs npm)")
    pytest.skip(reason)


def installed_version(folder: Path) -> str | None:
    """The version in ``folder``'s package.json, if there is one."""
    manifest = folder / "package.json"
    if not manifest.is_file():
        return None
    version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    return version if isinstance(version, str) else None


def npm_package(package: str, version: str, deps: Path) -> Path:
    """The folder of ``package`` at ``version`` under ``deps/node_modules``, installed with
    npm if it is missing (``deps`` holds one package: npm prunes what it did not save)."""
    folder = deps / "node_modules" / package
    if installed_version(folder) != version:
        npm = shutil.which("npm")
        if npm is None:
            unavailable(f"npm is not installed, so {package}@{version} cannot be installed")
        deps.mkdir(exist_ok=True)
        command = [npm, "install", "--prefix", str(deps), "--no-audit", "--no-fund"]
        command += ["--no-save", "--loglevel=error", f"{package}@{version}"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or installed_version(folder) != version:
            unavailable(f"npm could not install {package}@{version}: {done.stderr.strip()}")
    return folder
