"""Pool workers exit when the process that started them is killed outright."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from bargain.sweep import PARENT_POLL, process_pool

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

CHILD = textwrap.dedent("""
    import sys, time
    from bargain.sweep import process_pool

    def slow(x):
        time.sleep(0.05)
        return x

    if __name__ == "__main__":
        pool = process_pool(2)
        list(pool.map(slow, range(4)))                       # the workers are up
        print(" ".join(str(pid) for pid in pool._processes), flush=True)
        list(pool.map(slow, range(100000), chunksize=1))      # busy until killed
""")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped by init) counts as gone
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except OSError:
        return True


def test_workers_exit_when_the_parent_is_killed(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in child.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        deadline = time.monotonic() + 10 * PARENT_POLL + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        if child.poll() is None:
            child.kill()


@pytest.mark.parametrize("method", [m for m in ("fork", "forkserver", "spawn")
                                    if m in multiprocessing.get_all_start_methods()])
def test_the_pool_runs_tasks_under_every_start_method(method):
    # the workers must survive their start: under forkserver their parent is the fork server
    with process_pool(2, mp_context=multiprocessing.get_context(method)) as pool:
        assert list(pool.map(pow, [2, 3, 4], [3, 2, 1])) == [8, 9, 4]
        pids = set(pool.map(_pid, range(8)))
    assert pids and os.getpid() not in pids


def _pid(_):
    return os.getpid()
