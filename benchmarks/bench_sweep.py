"""Time ``bg.sweep`` against a bare Python loop over the same function, and a Dask cluster against a
process pool.

The function is a pure-Python busy loop calibrated to take about 1 ms per point (``--ms``), evaluated
at 10,000 points (``--points``). Everything runs in this one process, one configuration after the
other, on the same points:

(a) serially: a bare ``[work(x) for x in xs]`` loop against ``bg.sweep(..., executor="serial")``;
    the difference per point is what the sweep's bookkeeping costs (building each point's
    parameters, checking its outputs, assembling the table);
(b) on 2 processes: ``bg.sweep`` on a ``ProcessPoolExecutor(2)`` (started inside the timing, as
    ``bg.sweep``'s default pool is), against the bare serial loop: the speed-up, and the overhead
    against a perfect halving, ``T_pool / (T_loop / 2) - 1`` (target: under 10%, i.e. a speed-up
    above 1.82). Beside it, the bare ``pool.map(work, xs, chunksize=...)`` of the standard library on
    a fresh pool with the same chunks: what this machine allows, so that a busy or small machine is
    told apart from overhead of the sweep's own;
(c) on a Dask LocalCluster of 2 single-threaded worker processes (started outside the timing; its
    start-up time is printed apart), against the process pool of (b).

On Unix the CPU time of every process involved (this one and the pool's workers, once joined) is
printed for (b) too: unlike wall time it does not depend on how busy the machine is, so it shows the
cost of the sweep's own machinery even where the cores are shared.

Each configuration is timed ``--rounds`` times (3 by default; the rounds take every configuration in
turn, so that all see the same load on the machine) and its best time is kept. Run
``python benchmarks/bench_sweep.py`` (``--quick`` for a smoke run of a few hundred points in one
round, ``--skip-dask`` without Dask). ``os.cpu_count()`` is printed: with fewer than two cores no
speed-up is possible and the verdict of (b) says so.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

try:
    import resource  # Unix: CPU time of finished child processes
except ImportError:  # pragma: no cover - Windows
    resource = None

import bargain as bg
from bargain.sweep import CHUNKS_PER_WORKER

# Dask's worker processes start with this sys.path; they import `work` from this file by its name.
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

WORKERS = 2
TARGET_OVERHEAD = 0.10  # (b): at most 10% slower than a perfect split over the workers


def work(x: float, loops: int) -> dict:
    """A pure-Python busy loop of ``loops`` steps: the ~1 ms function of the benchmark."""
    total = 0.0
    for i in range(loops):
        total += (x + i) % 3.0
    return {"y": total}


def calibrate(ms: float) -> tuple[int, float]:
    """The number of loop steps that takes about ``ms`` milliseconds, and the time one call took."""
    loops = 1000
    while True:
        start = time.perf_counter()
        work(0.5, loops)
        elapsed = time.perf_counter() - start
        if elapsed > 0.02 or loops > 10**8:
            break
        loops *= 2
    loops = max(1, round(loops * ms / 1000 / elapsed))
    best = min(_timed(lambda: work(0.5, loops))[0] for _ in range(5))
    return loops, best


def _timed(function):
    start = time.perf_counter()
    out = function()
    return time.perf_counter() - start, out


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished (joined) child processes."""
    children = 0.0
    if resource is not None:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        children = usage.ru_utime + usage.ru_stime
    return time.process_time() + children


def verdict(ok: bool | None) -> str:
    return "N/A" if ok is None else ("PASS" if ok else "MISS")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10_000, help="grid points (default 10000)")
    parser.add_argument("--ms", type=float, default=1.0, help="milliseconds per point (default 1)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the best time of each is kept (default 3)")
    parser.add_argument("--quick", action="store_true", help="400 points of 0.2 ms, one round: a smoke run")
    parser.add_argument("--skip-dask", action="store_true", help="leave out the Dask cluster")
    args = parser.parse_args(argv)
    if args.quick:
        args.points, args.ms, args.rounds = 400, 0.2, 1
    if args.points < 1 or args.ms <= 0 or args.rounds < 1:
        parser.error("--points and --rounds must be >= 1 and --ms > 0")

    loops, one = calibrate(args.ms)
    fn = functools.partial(work, loops=loops)
    xs = bg.grid(0, 1, args.points)
    points = {"x": xs}
    n = args.points
    chunk = max(1, -(-n // (CHUNKS_PER_WORKER * WORKERS)))  # the chunks bg.sweep cuts for WORKERS workers
    print("bargain sweep overhead: bg.sweep against a bare loop, a process pool and a Dask cluster")
    print(f"os.cpu_count() = {os.cpu_count()}; {n} points of a {one * 1e3:.3f} ms function ({loops} loop steps); "
          f"{WORKERS} workers; best of {args.rounds} round{'s' * (args.rounds > 1)}")
    print()

    def pooled():
        with ProcessPoolExecutor(max_workers=WORKERS) as pool:
            return bg.sweep(fn, points, executor=pool, progress=False)

    def mapped():
        with ProcessPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(fn, xs.tolist(), chunksize=chunk))

    # every round times each configuration once in turn, so that all see the same load on the machine;
    # the pools are forked before any Dask thread exists in this process
    runs = {"loop": lambda: [fn(x) for x in xs.tolist()],
            "serial": lambda: bg.sweep(fn, points, executor="serial", progress=False),
            "map": mapped, "pool": pooled}
    best = dict.fromkeys(runs, float("inf"))
    cpu = dict.fromkeys(runs, float("inf"))
    table = None
    for _ in range(args.rounds):
        for name, run in runs.items():
            before = _cpu_seconds()
            elapsed, out = _timed(run)
            best[name] = min(best[name], elapsed)
            cpu[name] = min(cpu[name], _cpu_seconds() - before)
            if name == "loop":
                expected = [row["y"] for row in out]
            elif name == "map":
                assert [row["y"] for row in out] == expected
            else:
                assert out["y"].tolist() == expected
                table = out if table is None else table
                assert out.equals(table)
    t_loop, t_serial, t_map, t_pool = (best[name] for name in runs)

    per_point = (t_serial - t_loop) / n
    print("(a) serial, in this process")
    print(f"    bare loop             {t_loop:8.3f} s")
    print(f"    bg.sweep serial       {t_serial:8.3f} s   ratio {t_serial / t_loop:6.3f}   "
          f"overhead {per_point * 1e6:+.2f} us per point")
    print()

    speedup = t_loop / t_pool
    overhead = t_pool / (t_loop / WORKERS) - 1
    print(f"(b) {WORKERS} processes, pool start-up included")
    print(f"    bare pool.map         {t_map:8.3f} s   speed-up over the bare loop {t_loop / t_map:5.2f}x "
          "(what this machine allows)")
    print(f"    bg.sweep on the pool  {t_pool:8.3f} s   speed-up over the bare loop {speedup:5.2f}x "
          f"(perfect: {WORKERS}x)   overhead against a perfect split {overhead:+.1%}   "
          f"against pool.map {t_pool / t_map - 1:+.1%}")
    if resource is not None:  # CPU seconds do not depend on how busy the machine is
        print(f"    CPU time, all processes: bare loop {cpu['loop']:.3f} s, pool.map {cpu['map']:.3f} s, "
              f"bg.sweep on the pool {cpu['pool']:.3f} s ({cpu['pool'] / cpu['loop'] - 1:+.1%} over the loop)")
    print()

    # (c) Dask LocalCluster against the pool
    t_dask = startup = None
    dask_note = "skipped (--skip-dask)"
    if not args.skip_dask:
        try:
            import distributed
        except ImportError:
            dask_note = 'not installed (pip install "bargain[dask]")'
        else:
            start = time.perf_counter()
            with distributed.LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True,
                                          dashboard_address=None, silence_logs=logging.ERROR) as cluster:
                with distributed.Client(cluster, set_as_default=False) as client:
                    client.wait_for_workers(WORKERS)
                    startup = time.perf_counter() - start
                    t_dask = float("inf")
                    for _ in range(args.rounds):
                        elapsed, dask_table = _timed(lambda: bg.sweep(fn, points, executor="dask",
                                                                      address=cluster.scheduler_address,
                                                                      progress=False))
                        t_dask = min(t_dask, elapsed)
                        assert dask_table.equals(table)
    print(f"(c) bg.sweep on a Dask LocalCluster of {WORKERS} single-threaded worker processes")
    if t_dask is None:
        print(f"    Dask: {dask_note}")
    else:
        print(f"    cluster start-up      {startup:8.3f} s   (not in the timing below)")
        print(f"    Dask cluster          {t_dask:8.3f} s   Dask / process pool {t_dask / t_pool:5.2f}   "
              f"speed-up over the bare loop {t_loop / t_dask:5.2f}x")
    print()

    enough_cores = (os.cpu_count() or 1) >= WORKERS
    print("Summary")
    print(f"  serial sweep overhead per point: {per_point * 1e6:+.2f} us ({t_serial / t_loop - 1:+.1%})   INFO")
    target = f"speed-up >= {WORKERS / (1 + TARGET_OVERHEAD):.2f}x (overhead < {TARGET_OVERHEAD:.0%})"
    note = "" if enough_cores else f" (only {os.cpu_count()} CPU: no speed-up possible)"
    print(f"  {WORKERS} processes vs bare loop: {speedup:.2f}x, overhead {overhead:+.1%}; target {target}   "
          f"{verdict(overhead < TARGET_OVERHEAD if enough_cores else None)}{note}")
    print(f"  bg.sweep on {WORKERS} processes vs the bare pool.map: {t_pool / t_map - 1:+.1%}   INFO")
    if resource is not None:
        print(f"  CPU time of bg.sweep on {WORKERS} processes over the bare loop's: "
              f"{cpu['pool'] / cpu['loop'] - 1:+.1%}   INFO")
    if t_dask is None:
        print(f"  Dask vs process pool: {dask_note}   N/A")
    else:
        print(f"  Dask vs process pool: {t_dask / t_pool:.2f}x the pool's time   INFO")
    if args.quick:
        print("  (--quick: workloads too small for the verdicts to mean anything)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
