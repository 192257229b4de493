"""``iconkit._fork.shared_out``: the same results as one process, from several processes.

Each case runs in a fresh interpreter: a test session may have threads running (the
browser suite's server), and with threads ``shared_out`` rightly declines to fork.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

PRELUDE = """
import json, os, sys, threading
from iconkit._fork import shared_out

def no_children_left():
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False
"""


def run(body: str) -> dict:
    code = PRELUDE + textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.text(max_size=5), max_size=40), st.integers(1, 4))
def test_results_come_back_in_order_from_every_process(items: list[str], processes: int) -> None:
    got = run(f"""
        items = {items!r}
        def work(share):
            return [(item[::-1], os.getpid()) for item in share]
        results = shared_out(work, items, {processes})
        print(json.dumps({{"results": [r[0] for r in results], "pids": [r[1] for r in results],
                           "me": os.getpid(), "clean": no_children_left()}}))
    """)
    assert got["results"] == [item[::-1] for item in items]
    assert got["clean"]
    expected = min(processes, len(items)) or 1
    assert len(set(got["pids"])) == (expected if items else 0)
    if items:
        assert got["pids"][0] == got["me"]  # the first share is done here


def test_a_failing_child_has_its_share_redone_here_so_the_error_is_raised_here() -> None:
    got = run("""
        parent = os.getpid()
        def work(share):
            if os.getpid() != parent and 7 in share:
                os._exit(3)  # the child dies outright: no results through the pipe
            if 9 in share:
                where = "here" if os.getpid() == parent else "a child"
                raise ValueError(f"bad item in a share done by {where}")
            return [item * 2 for item in share]
        redone = shared_out(work, list(range(8)), 2)
        try:
            shared_out(work, list(range(10)), 2)
            error = None
        except ValueError as raised:
            error = str(raised)
        print(json.dumps({"redone": redone, "error": error, "clean": no_children_left()}))
    """)
    assert got["redone"] == [item * 2 for item in range(8)]
    assert got["error"] == "bad item in a share done by here"
    assert got["clean"]


def test_an_error_in_this_process_leaves_no_child_behind() -> None:
    got = run("""
        parent = os.getpid()
        def work(share):
            if os.getpid() == parent:
                raise KeyError("here")
            return [0] * len(share) * 100_000  # more than a pipe holds: the child waits to write
        try:
            shared_out(work, list(range(4)), 2)
        except KeyError:
            pass
        print(json.dumps({"clean": no_children_left()}))
    """)
    assert got["clean"]


def test_with_other_threads_running_everything_stays_in_this_process() -> None:
    got = run("""
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        pids = shared_out(lambda share: [os.getpid() for _ in share], list(range(10)), 4)
        stop.set()
        thread.join()
        print(json.dumps({"pids": sorted(set(pids)), "me": os.getpid()}))
    """)
    assert got["pids"] == [got["me"]]
