"""The one way iconkit writes a file: whole or not at all, readable as any new file is.

``write_atomic`` writes to a temporary file in the target's own folder, flushes it to
disk and renames it over the target, so a reader sees the old bytes or the new, never
a mixture, and a crash leaves no half-written file. The file gets the mode any newly
created file gets under the umask (0644 under 022, so a web server running as another
user can read it); a file it replaces keeps its own mode. On any failure the temporary
file is removed. ``staging_folder`` holds files that are renamed into place later.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["staging_folder", "write_atomic"]

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; its folder must exist."""
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None  # a new file: the mode the umask gives
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:  # 0o666 as open() asks for: the umask takes off what it takes off any file
            descriptor = os.open(temporary, _NEW_FILE, 0o666)
            break
        except FileExistsError:  # another writer's temporary file: pick another name
            continue
    try:
        with open(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def staging_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A new private folder inside ``parent``, removed with whatever is left in it on leaving."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
