"""Work shared over forked processes: the cheapest parallelism for a short build.

A forked child inherits the catalogue and settings as they are, so nothing is sent
to it and nothing is imported again. The work is cut into chunks whose numbers wait
in a pipe; every process, this one included, takes the next number as it becomes
free, so one slowed down by a busy machine simply does fewer. Each child sends what
it made back once, marshalled, through a pipe of its own. Where ``fork`` is missing
or unsafe (other threads running), the work runs here, in one process.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

__all__ = ["shared_out"]

T = TypeVar("T")
_NUMBER = 4  # bytes per chunk number in the pipe
_MOST_CHUNKS = 4096  # their numbers fit in a pipe's buffer: written before anyone reads


def shared_out(
    work: Callable[[Sequence[T]], list[Any]],
    items: Sequence[T],
    processes: int,
    chunk: int = 64,
) -> list[Any]:
    """``work`` over ``items`` a ``chunk`` at a time, by up to ``processes`` processes.

    ``work`` returns one marshallable result per item; the results come back in the
    order of ``items``. Chunks that failed, here or in a child, are done again here as
    the results are put together in order, so the error raised is the one a single
    process would raise: that of the first bad item.
    """
    chunk = max(chunk, -(-len(items) // _MOST_CHUNKS), 1)
    chunks = [items[start : start + chunk] for start in range(0, len(items), chunk)]
    processes = min(processes, len(chunks))
    if processes <= 1 or not hasattr(os, "fork") or threading.active_count() > 1:
        return [result for part in chunks for result in work(part)]
    tasks, numbers = os.pipe()
    os.write(numbers, b"".join(n.to_bytes(_NUMBER, "little") for n in range(len(chunks))))
    os.close(numbers)  # once the numbers run out, every process reads the end of the pipe
    children: list[tuple[int, int]] = []
    try:
        for _ in range(processes - 1):
            children.append(_fork(work, chunks, tasks, [read for _, read in children]))
        done: dict[int, list[Any]] = {}
        for number in _taken(tasks):
            try:
                done[number] = work(chunks[number])
            except Exception:  # raised again below, in order, where the chunk is redone
                while os.read(tasks, 65536):  # leave the children nothing more to start
                    pass
                break
        for pid, read in children:
            with os.fdopen(read, "rb", closefd=False) as stream:
                data = stream.read()
            _, status = os.waitpid(pid, 0)
            if status == 0:
                done.update(marshal.loads(data))
        results: list[Any] = []
        for number, part in enumerate(chunks):
            if number not in done:  # one that failed, here or in a child, or was left after
                done[number] = work(part)
            results += done[number]
        return results
    finally:
        os.close(tasks)
        for pid, read in children:  # after an error here, the children stop at a closed pipe
            os.close(read)
            _reap(pid)


def _taken(tasks: int) -> Iterator[int]:
    """The numbers of the chunks this process takes, until none are left."""
    while number := os.read(tasks, _NUMBER):  # whole numbers: the pipe holds only those
        yield int.from_bytes(number, "little")


def _fork(
    work: Callable[[Sequence[T]], list[Any]],
    chunks: list[Sequence[T]],
    tasks: int,
    others: list[int],
) -> tuple[int, int]:
    """Start a child doing the chunks it takes; its pid and the pipe its results come through."""
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
        data = marshal.dumps({number: work(chunks[number]) for number in _taken(tasks)})
        with os.fdopen(write, "wb") as stream:
            stream.write(data)
        status = 0
    finally:
        os._exit(status)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):  # already reaped
        os.waitpid(pid, 0)
