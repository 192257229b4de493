"""Work shared over forked processes: the cheapest parallelism for a short build.

The items are cut into chunks as they come, possibly from a generator still reading
them. Once there are enough, children are forked: each inherits the chunks made so
far as they are, and reads later ones from a file this process appends them to. The
chunks' numbers wait in a pipe; every process takes the next number as it becomes
free (this one once it has no more items to read), so one slowed down by a busy
machine simply does fewer. Each child sends what it made back once, marshalled,
through a pipe of its own. Where ``fork`` is missing or unsafe (other threads
running), the work runs here, in one process.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

__all__ = ["shared_out"]

T = TypeVar("T")
Work = Callable[[Sequence[T]], list[Any]]
_NUMBER = 4  # bytes per chunk number in the pipe: reads and writes this small are atomic


def shared_out(
    work: Work[T], items: Iterable[T], processes: int, chunk: int = 64, fork_at: int = 0
) -> list[Any]:
    """``work`` over ``items`` a ``chunk`` at a time, by up to ``processes`` processes.

    The children are forked once ``fork_at`` items (and a whole chunk) have come, and
    start on them while the rest are still coming from ``items``. ``work`` returns one
    marshallable result per item, and items that come after the fork must be
    marshallable too. The results come back in the order of ``items``. Chunks that
    failed, here or in a child, are done again here as the results are put together
    in order, so the error raised is the one a single process would raise: that of
    the first bad item.
    """
    chunk = max(chunk, 1)
    chunks: list[Sequence[T]] = []
    crew: _Crew | None = None
    try:
        for part in _chunked(items, chunk):
            chunks.append(part)
            if crew is not None:
                crew.offer(len(chunks) - 1)
            elif (
                processes > 1
                and len(part) == chunk  # more may come (a last, short chunk needs no help)
                and len(chunks) * chunk >= fork_at
                and _can_fork()
            ):
                try:
                    crew = _Crew(work, chunks, processes - 1)
                except OSError:  # no temporary file, pipe or process to be had: all here
                    processes = 1
        if crew is None:
            return [result for part in chunks for result in work(part)]
        done = crew.finish()
        results: list[Any] = []
        for number, share in enumerate(chunks):
            if number not in done:  # one that failed, here or in a child, or was left after
                done[number] = work(share)
            results += done[number]
        return results
    finally:
        if crew is not None:
            crew.close()


def _chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    part: list[T] = []
    for item in items:
        part.append(item)
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class _Crew:
    """Forked children working on ``chunks`` with this process, and what they made."""

    def __init__(self, work: Work[T], chunks: list[Sequence[T]], children: int) -> None:
        self.work, self.chunks = work, chunks
        # Chunks made after the fork, for the children to read; closed by close().
        self.store = tempfile.TemporaryFile()  # noqa: SIM115
        self.claims, self.numbers = os.pipe()  # chunk numbers, free to take
        os.set_blocking(self.numbers, False)  # when the pipe is full, this process helps
        self.done: dict[int, list[Any]] = {}
        self.failed = False
        self.children: list[tuple[int, int]] = []  # pid, the pipe its results come through
        for number in range(len(chunks)):
            self.offer(number, store=False)  # inherited: nothing to store
        try:
            for _ in range(children):
                self.children.append(self.fork())
        except OSError:  # no more processes or pipes: stop those started, then say so
            self.close()
            raise

    def offer(self, number: int, *, store: bool = True) -> None:
        """Make chunk ``number`` free to take (stored first for the children to read)."""
        if store:
            data = marshal.dumps(list(self.chunks[number]))
            self.store.write(len(data).to_bytes(_NUMBER, "little") + data)
            self.store.flush()
        while True:
            try:
                os.write(self.numbers, number.to_bytes(_NUMBER, "little"))
                return
            except BlockingIOError:  # the children are far behind: take one here
                self.take(next(_taken(self.claims)))

    def take(self, number: int) -> None:
        """Do chunk ``number`` here; a failure is left for the ordered pass to raise."""
        if self.failed:
            return
        try:
            self.done[number] = self.work(self.chunks[number])
        except Exception:
            self.failed = True

    def finish(self) -> dict[int, list[Any]]:
        """Take the chunks left until none are, then gather what the children made."""
        os.close(self.numbers)
        self.numbers = -1
        for number in _taken(self.claims):
            self.take(number)
            if self.failed:  # leave the children nothing more to start
                while os.read(self.claims, 65536):
                    pass
        for pid, read in self.children:
            with os.fdopen(read, "rb", closefd=False) as stream:
                data = stream.read()
            _, status = os.waitpid(pid, 0)
            if status == 0:
                self.done.update(marshal.loads(data))
        return self.done

    def close(self) -> None:
        """Stop and reap the children, even after an error here."""
        if self.numbers != -1:
            os.close(self.numbers)
            while os.read(self.claims, 65536):  # what is left need not be done
                pass
        os.close(self.claims)
        self.store.close()
        for pid, read in self.children:  # a child still writing stops at the closed pipe
            os.close(read)
            with contextlib.suppress(ChildProcessError):  # already reaped
                os.waitpid(pid, 0)

    def fork(self) -> tuple[int, int]:
        """Start a child doing the chunks it takes; its pid and the pipe of its results."""
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if pid:
            os.close(write)
            return pid, read
        status = 1
        try:  # the child: never returns, never runs the parent's exit handlers
            os.close(read)
            os.close(self.numbers)  # or the pipe of numbers would never end
            for _, other in self.children:
                os.close(other)
            stored = _Stored(self.store.fileno(), self.chunks)
            done = {number: self.work(stored[number]) for number in _taken(self.claims)}
            with os.fdopen(write, "wb") as stream:
                stream.write(marshal.dumps(done))
            status = 0
        finally:
            os._exit(status)


class _Stored:
    """In a child: the chunks it inherited, then those read from the parent's store."""

    def __init__(self, store: int, chunks: list[Sequence[Any]]) -> None:
        self.store, self.chunks, self.offset = store, chunks, 0

    def __getitem__(self, number: int) -> Sequence[Any]:
        while len(self.chunks) <= number:  # stored before its number was offered
            size = int.from_bytes(os.pread(self.store, _NUMBER, self.offset), "little")
            data = os.pread(self.store, size, self.offset + _NUMBER)
            self.chunks.append(marshal.loads(data))
            self.offset += _NUMBER + size
        return self.chunks[number]


def _taken(claims: int) -> Iterator[int]:
    """The numbers of the chunks this process takes, until none are left."""
    while number := os.read(claims, _NUMBER):  # whole numbers: the pipe holds only those
        yield int.from_bytes(number, "little")
