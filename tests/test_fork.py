"""``iconkit._fork.shared_out``: the results and errors of one process, from several.

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
@given(st.lists(st.text(max_size=5), max_size=40), st.integers(1, 4), st.integers(1, 6))
def test_results_come_back_in_order_whoever_made_them(
    items: list[str], processes: int, chunk: int
) -> None:
    got = run(f"""
        items = {items!r}
        def work(share):
            return [(item[::-1], os.getpid()) for item in share]
        results = shared_out(work, items, {processes}, chunk={chunk})
        print(json.dumps({{"results": [r[0] for r in results], "pids": [r[1] for r in results],
                           "clean": no_children_left()}}))
    """)
    assert got["results"] == [item[::-1] for item in items]
    assert got["clean"]
    chunks = -(-len(items) // chunk)
    assert len(set(got["pids"])) <= min(processes, chunks)


def test_a_slow_process_takes_fewer_chunks() -> None:
    got = run("""
        import time
        parent = os.getpid()
        def work(share):
            time.sleep(0.05 if os.getpid() == parent else 0.002)
            return [os.getpid() for _ in share]
        pids = shared_out(work, list(range(40)), 2, chunk=1)
        print(json.dumps({"here": pids.count(parent), "child": len(pids) - pids.count(parent),
                          "children": len(set(pids) - {parent})}))
    """)
    assert got["children"] == 1
    assert got["child"] > got["here"]


def test_a_chunk_a_child_could_not_finish_is_done_here() -> None:
    got = run("""
        import time
        parent = os.getpid()
        def work(share):
            if os.getpid() == parent:
                time.sleep(0.3)  # the child takes the other chunks meanwhile
            elif 7 in share:
                os._exit(3)  # the child dies outright: no results through the pipe
            return [(item * 2, os.getpid() == parent) for item in share]
        results = shared_out(work, list(range(10)), 2, chunk=1)
        print(json.dumps({"results": results, "clean": no_children_left()}))
    """)
    assert [value for value, _ in got["results"]] == [item * 2 for item in range(10)]
    assert got["results"][7][1]  # redone here
    assert got["clean"]


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 4))
def test_the_error_raised_is_the_first_bad_item_s_as_in_one_process(
    seed: int, processes: int
) -> None:
    got = run(f"""
        import random, time
        def work(share):
            random.seed({seed} + os.getpid())  # each process its own pace
            time.sleep(random.random() / 100)
            for item in share:
                if item in (4, 20):
                    raise ValueError(f"bad item {{item}}")
            return [item for item in share]
        try:
            shared_out(work, list(range(30)), {processes}, chunk=1)
            error = None
        except ValueError as raised:
            error = str(raised)
        print(json.dumps({{"error": error, "clean": no_children_left()}}))
    """)
    assert got["error"] == "bad item 4"
    assert got["clean"]


def test_an_error_in_this_process_leaves_no_child_behind() -> None:
    got = run("""
        parent = os.getpid()
        def work(share):
            if os.getpid() == parent:
                raise KeyError("here")
            return [0] * len(share) * 100_000  # more than a pipe holds: the child waits to write
        try:
            shared_out(work, list(range(4)), 2, chunk=1)
            raised = False
        except KeyError:
            raised = True
        print(json.dumps({"raised": raised, "clean": no_children_left()}))
    """)
    assert got["raised"] and got["clean"]


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


def test_children_start_while_items_are_still_coming() -> None:
    got = run("""
        import time
        parent = os.getpid()
        produced = []
        def slowly():
            for item in range(60):
                time.sleep(0.005)
                yield item
            produced.append(time.monotonic())
        def work(share):
            return [(item, os.getpid(), time.monotonic()) for item in share]
        results = shared_out(work, slowly(), 2, chunk=5, fork_at=10)
        early = [r for r in results if r[1] != parent and r[2] < produced[0]]
        print(json.dumps({"items": [r[0] for r in results], "early": len(early),
                          "clean": no_children_left()}))
    """)
    assert got["items"] == list(range(60))
    assert got["early"] >= 10  # the child worked on chunks before the last item came
    assert got["clean"]


def test_with_the_children_far_behind_this_process_helps_as_items_come() -> None:
    got = run("""
        import time
        parent = os.getpid()
        state = {"producing": True}
        def many():
            yield from range(20_000)  # more chunk numbers than the pipe holds
            state["producing"] = False
        def work(share):
            if os.getpid() != parent and share[0] == 0:
                time.sleep(0.5)  # the child is busy while every number is offered
            return [(item, os.getpid() == parent and state["producing"]) for item in share]
        results = shared_out(work, many(), 2, chunk=1)
        print(json.dumps({"items": [r[0] for r in results] == list(range(20_000)),
                          "helped": sum(r[1] for r in results), "clean": no_children_left()}))
    """)
    assert got["items"]
    assert got["helped"] > 0
    assert got["clean"]


def test_an_error_from_the_items_stops_the_children_and_is_raised() -> None:
    got = run("""
        def broken():
            yield from range(100)
            raise LookupError("the catalogue is bad")
        try:
            shared_out(lambda share: list(share), broken(), 3, chunk=10)
            error = None
        except LookupError as raised:
            error = str(raised)
        print(json.dumps({"error": error, "clean": no_children_left()}))
    """)
    assert got["error"] == "the catalogue is bad"
    assert got["clean"]


def test_without_a_temporary_file_everything_stays_in_this_process() -> None:
    got = run("""
        import tempfile
        tempfile.tempdir = "/nonexistent/iconkit-test"  # later chunks cannot be stored
        pids = shared_out(lambda share: [os.getpid() for _ in share], list(range(300)), 2)
        print(json.dumps({"pids": sorted(set(pids)), "me": os.getpid(), "count": len(pids),
                          "clean": no_children_left()}))
    """)
    assert got["pids"] == [got["me"]] and got["count"] == 300 and got["clean"]
