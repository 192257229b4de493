"""Work shared over forked processes: the cheapest parallelism for a short build.

A forked child inherits the catalogue and settings as they are, so nothing is sent
to it and nothing is imported again; it sends its results back once, marshalled,
through a pipe. Where ``fork`` is missing or unsafe (other threads running), the
work runs here, in one process.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["shared_out"]

T = TypeVar("T")


def shared_out(
    work: Callable[[Sequence[T]], list[Any]], items: Sequence[T], processes: int
) -> list[Any]:
    """``work(items)``, with ``items`` split over ``processes`` processes, this one included.

    ``work`` returns one marshallable result per item. A child that fails for any
    reason has its share done again here, so errors are raised here, as they would
    be in one process.
    """
    processes = min(processes, len(items))
    if processes <= 1 or not hasattr(os, "fork") or threading.active_count() > 1:
        return work(items)
    size, larger = divmod(len(items), processes)  # the first ``larger`` shares hold one more
    ends = [(index + 1) * size + min(index + 1, larger) for index in range(processes)]
    shares = [items[end - size - (index < larger) : end] for index, end in enumerate(ends)]
    children: list[tuple[int, int]] = []
    try:
        for share in shares[1:]:
            children.append(_fork(work, share, [read for _, read in children]))
        results = work(shares[0])
        for share, (pid, read) in zip(shares[1:], children, strict=True):
            with os.fdopen(read, "rb", closefd=False) as stream:
                data = stream.read()
            _, status = os.waitpid(pid, 0)
            results += marshal.loads(data) if status == 0 else work(share)
    finally:
        for pid, read in children:  # after an error here, the children stop at a closed pipe
            os.close(read)
            _reap(pid)
    return results


def _fork(
    work: Callable[[Sequence[T]], list[Any]], share: Sequence[T], others: list[int]
) -> tuple[int, int]:
    """Start a child doing ``work(share)``; its pid and the pipe its results come through."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    status = 1
    try:  # the child: never returns, never runs the parent's exit handlers
        os.close(read)
        for fd in others:
            os.close(fd)
        data = marshal.dumps(work(share))
        with os.fdopen(write, "wb") as stream:
            stream.write(data)
        status = 0
    finally:
        os._exit(status)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):  # already reaped
        os.waitpid(pid, 0)
