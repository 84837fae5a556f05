"""Sweeps: grids, row order, seeds, executors, checkpoint and resume after a killed process, errors."""

from __future__ import annotations

import importlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargain.errors import ArgumentTypeError, BargainError, InvalidArgumentError
from bargain.sweep import CheckpointError, SweepOutputError, SweepPointError, grid, sweep

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the helpers are imported by this name here, in pools and in a child
    sys.path.insert(0, str(HERE))
import sweep_helpers as helpers  # noqa: E402

SEED = 20240917


@pytest.fixture(scope="module")
def pool():
    """One small process pool shared by the tests of this module (2 workers)."""
    with ProcessPoolExecutor(max_workers=2) as executor:
        yield executor


@pytest.fixture(autouse=True)
def no_calls():
    helpers.CALLS.clear()
    yield
    helpers.CALLS.clear()


def csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n").encode()


# --- grid -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lo, hi, n, step", [("0.05", "0.95", 91, "0.01"), ("0", "1", 101, "0.01"),
                                             ("-1", "1", 21, "0.1"), ("0.3", "0.7", 5, "0.1")])
def test_grid_holds_the_decimals(lo, hi, n, step):
    values = grid(float(lo), float(hi), n)
    expected = [float(Decimal(lo) + i * Decimal(step)) for i in range(n)]  # the nearest doubles
    assert values.tolist() == expected
    assert values.dtype == np.float64 and values.shape == (n,)
    assert not np.signbit(values[values == 0]).any()


def test_grid_is_read_only_and_a_single_point_needs_equal_ends():
    values = grid(0, 1, 3)
    with pytest.raises(ValueError):
        values[0] = 5
    assert grid(2.5, 2.5, 1).tolist() == [2.5]


@pytest.mark.parametrize("args, error, match", [
    ((0, 1, 0), InvalidArgumentError, r"n must be >= 1; got 0"),
    ((0, 1, 1), InvalidArgumentError, r"n == 1 needs lo == hi"),
    ((1, 0, 5), InvalidArgumentError, r"lo must be < hi"),
    ((1, 1, 2), InvalidArgumentError, r"lo must be < hi"),
    ((0, 1, 2.5), ArgumentTypeError, r"n must be an integer; got 2.5"),
    ((0, 1, True), ArgumentTypeError, r"n must be an integer"),
    (("0", 1, 3), ArgumentTypeError, r"lo must be a real number"),
    ((0, float("inf"), 3), InvalidArgumentError, r"hi must be finite"),
])
def test_grid_refuses_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        grid(*args)


# --- the table ----------------------------------------------------------------------------------------


def label(a, b):
    return {"label": f"{a}{b}", "double": 2 * a}


def test_rows_are_row_major_with_parameter_columns_first():
    df = sweep(label, {"a": [1, 2], "b": ["x", "y", "z"]}, progress=False)
    assert list(df.columns) == ["a", "b", "label", "double"]
    assert df["label"].tolist() == ["1x", "1y", "1z", "2x", "2y", "2z"]
    assert df["a"].tolist() == [1, 1, 1, 2, 2, 2]
    assert df["double"].tolist() == [2, 2, 2, 4, 4, 4]
    assert df.index.equals(pd.RangeIndex(6))


def test_outputs_keep_the_first_results_order_and_values():
    df = sweep(helpers.powers, {"y": [10.0], "x": grid(-1, 1, 5)}, executor="serial", progress=False)
    assert list(df.columns) == ["y", "x", "square", "cube"]
    assert df["square"].tolist() == [11.0, 10.25, 10.0, 10.25, 11.0]
    assert df["cube"].tolist() == [9.0, 9.875, 10.0, 10.125, 11.0]
    assert helpers.CALLS == [{"x": x, "y": 10.0} for x in (-1.0, -0.5, 0.0, 0.5, 1.0)]


def test_dataclass_and_namedtuple_records_become_columns():
    df = sweep(helpers.split, {"total": [10.0], "share": [0.25, 0.5]}, progress=False)
    assert list(df.columns) == ["total", "share", "first", "second"]
    assert df[["first", "second"]].values.tolist() == [[2.5, 7.5], [5.0, 5.0]]
    df = sweep(helpers.minmax, {"a": [3, 1], "b": [2]}, progress=False)
    assert df[["low", "high"]].values.tolist() == [[2, 3], [1, 2]]


def test_seeds_come_from_the_grid_index_only():
    points = {"x": grid(0, 1, 6), "y": [0.0, 1.0]}
    n = 12
    expected = [int(child.generate_state(1)[0]) for child in np.random.SeedSequence(SEED).spawn(n)]
    fn = lambda x, y, seed: helpers.draw(x, seed)  # noqa: E731 - serial runs need no pickling
    a = sweep(fn, points, seed=SEED, chunksize=1, executor="serial", progress=False)
    b = sweep(fn, points, seed=SEED, chunksize=5, executor="serial", progress=False)
    assert a["point_seed"].tolist() == expected
    assert a.equals(b)
    assert a["u"].nunique() == n
    c = sweep(fn, points, seed=SEED + 1, executor="serial", progress=False)
    assert not set(c["point_seed"]) & set(expected)


def test_serial_and_process_pool_give_identical_tables(pool):
    points = {"x": grid(0, 2, 9), "y": grid(-1, 1, 3)}
    serial = sweep(helpers.powers, points, executor="serial", progress=False)
    parallel = sweep(helpers.powers, points, executor=pool, chunksize=4, progress=False)
    assert serial.equals(parallel) and csv_bytes(serial) == csv_bytes(parallel)
    seeded = {"x": grid(0, 1, 23)}
    serial = sweep(helpers.draw, seeded, seed=SEED, executor="serial", chunksize=23, progress=False)
    parallel = sweep(helpers.draw, seeded, seed=SEED, executor=pool, chunksize=3, progress=False)
    assert serial.equals(parallel) and csv_bytes(serial) == csv_bytes(parallel)


def test_default_executor_is_serial_for_small_work_and_a_pool_for_large():
    small = sweep(helpers.pid, {"x": range(10)}, progress=False)
    assert set(small["pid"]) == {os.getpid()}
    large = sweep(helpers.pid, {"x": range(80)}, chunksize=10, progress=False)
    assert os.getpid() not in set(large["pid"])


def test_a_process_pool_needs_a_picklable_function(pool):
    with pytest.raises(ArgumentTypeError, match=r"picklable.*module level"):
        sweep(lambda x: {"y": x}, {"x": [1, 2]}, executor=pool, progress=False)
    with pytest.raises(ArgumentTypeError, match=r"picklable"):
        sweep(lambda x: {"y": x}, {"x": range(100)}, chunksize=10, progress=False)


def test_progress_bar_only_on_a_terminal(capsys, monkeypatch):
    sweep(label, {"a": [1], "b": ["x"]})
    assert capsys.readouterr().err == ""
    # bargain.sweep is also the name of the re-exported function, so patch the module object itself
    monkeypatch.setattr(importlib.import_module("bargain.sweep"), "_stderr_is_terminal", lambda: True)
    sweep(label, {"a": [1], "b": ["x"]})
    assert "sweep" in capsys.readouterr().err
    sweep(label, {"a": [1], "b": ["x"]}, progress=False)
    assert capsys.readouterr().err == ""


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(1, 4), min_size=1, max_size=4), chunksize=st.integers(1, 7))
def test_rows_follow_the_cartesian_product_for_any_chunking(sizes, chunksize):
    points = {f"p{j}": [10 * j + k for k in range(size)] for j, size in enumerate(sizes)}
    df = sweep(echo, points, chunksize=chunksize, executor="serial", progress=False)
    expected = list(itertools.product(*points.values()))  # the first parameter varies slowest
    assert [tuple(row) for row in df[list(points)].itertuples(index=False)] == expected
    assert df["total"].tolist() == [sum(point) for point in expected]


def echo(**params):
    return {"total": sum(params.values())}


def test_dask_executor_needs_dask_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask were not installed
    with pytest.raises(ImportError, match=r'executor="dask" needs dask.distributed; install it with pip install '
                                          r'"bargain\[dask\]"'):
        sweep(label, {"a": [1], "b": [1]}, executor="dask", address="tcp://127.0.0.1:8786", progress=False)


# --- errors at a point ------------------------------------------------------------------------------------


def test_a_raising_point_stops_the_sweep_and_names_it(tmp_path):
    with pytest.raises(SweepPointError, match=r"ValueError at grid point 5 \(x=-1.0\): x must be >= 0") as info:
        sweep(helpers.reciprocal, {"x": [1.0, 2.0, 4.0, 5.0, 8.0, -1.0, 3.0]}, chunksize=2,
              checkpoint=tmp_path, progress=False)
    err = info.value
    assert isinstance(err, BargainError) and isinstance(err, RuntimeError)
    assert isinstance(err.__cause__, ValueError)
    assert err.index == 5 and err.params == {"x": -1.0}
    assert sorted(p.name for p in tmp_path.glob("chunk-*.pkl")) == ["chunk-0.pkl", "chunk-1.pkl"]


def test_a_raising_point_in_a_worker_is_named_too(pool):
    with pytest.raises(SweepPointError, match=r"ZeroDivisionError at grid point 2 \(x=0.0\)") as info:
        sweep(helpers.reciprocal, {"x": [2.0, 1.0, 0.0, 4.0]}, executor=pool, chunksize=1, progress=False)
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    assert "reciprocal" in "".join(getattr(info.value.__cause__, "__notes__", []))


def test_recorded_errors_fill_an_error_column(pool):
    points = {"x": [2.0, 0.0, -1.0, 4.0]}
    df = sweep(helpers.reciprocal, points, errors="record", progress=False)
    assert list(df.columns) == ["x", "inverse", "error"]
    assert df["error"].tolist() == [None, "ZeroDivisionError: float division by zero",
                                    "ValueError: x must be >= 0, got -1.0", None]
    assert df["inverse"].iloc[[0, 3]].tolist() == [0.5, 0.25]
    assert df["inverse"].iloc[[1, 2]].isna().all()
    parallel = sweep(helpers.reciprocal, points, errors="record", executor=pool, chunksize=1, progress=False)
    assert df.equals(parallel) and csv_bytes(df) == csv_bytes(parallel)


@pytest.mark.parametrize("fn, match", [
    (helpers.keys_vary, r"same outputs.*grid point 2 \(x=2\)"),
    (helpers.not_a_mapping, r"mapping, a dataclass instance or a NamedTuple; got list at grid point 0"),
    (helpers.not_a_scalar, r"output 'v' must be a scalar; got list"),
    (helpers.clashes, r"differ from the parameter names; got \['x'\]"),
])
def test_outputs_that_do_not_form_a_table_are_refused(fn, match):
    with pytest.raises(SweepOutputError, match=match):
        sweep(fn, {"x": [0, 1, 2, 3]}, progress=False)


# --- bad arguments ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fn, points, kwargs, error, match", [
    (label, {}, {}, InvalidArgumentError, r"at least one parameter"),
    (label, [("a", [1])], {}, ArgumentTypeError, r"grid must be a mapping"),
    (label, {"a": [], "b": [1]}, {}, InvalidArgumentError, r"grid\['a'\] must have at least one value"),
    (label, {"a": "xyz", "b": [1]}, {}, ArgumentTypeError, r"grid\['a'\] must be a 1-D sequence"),
    (label, {"a": np.zeros((2, 2)), "b": [1]}, {}, InvalidArgumentError, r"must be 1-D; got an array"),
    (label, {"a": [[1, 2]], "b": [1]}, {}, InvalidArgumentError, r"must be 1-D; got the value"),
    ("label", {"a": [1]}, {}, ArgumentTypeError, r"fn must be callable"),
    (label, {"a": [1], "b": [1]}, {"chunksize": 0}, InvalidArgumentError, r"chunksize must be >= 1; got 0"),
    (label, {"a": [1], "b": [1]}, {"chunksize": 2.5}, ArgumentTypeError, r"chunksize must be an integer"),
    (label, {"a": [1], "b": [1]}, {"errors": "ignore"}, InvalidArgumentError,
     r"errors must be one of 'raise', 'record'; got 'ignore'"),
    (label, {"a": [1], "b": [1]}, {"executor": "threads"}, InvalidArgumentError, r"executor must be None"),
    (label, {"a": [1], "b": [1]}, {"seed": -1}, InvalidArgumentError, r"seed must be a non-negative"),
    (label, {"a": [1], "seed": [1]}, {"seed": 1}, InvalidArgumentError, r"parameter named 'seed'"),
    (label, {"a": [1], "error": [1]}, {"errors": "record"}, InvalidArgumentError, r"parameter named 'error'"),
    (label, {"a": [1], "b": [1]}, {"executor": "dask"}, InvalidArgumentError,
     r"executor='dask' needs address=, the Dask scheduler's address"),
    (label, {"a": [1], "b": [1]}, {"address": "tcp://127.0.0.1:8786"}, InvalidArgumentError,
     r"address applies only to executor='dask'; got address='tcp://127.0.0.1:8786' with executor=None"),
])
def test_bad_arguments_are_refused(fn, points, kwargs, error, match):
    with pytest.raises(error, match=match):
        sweep(fn, points, progress=False, **kwargs)


# --- checkpoint and resume --------------------------------------------------------------------------------------

POINTS = {"x": [float(i) for i in range(30)], "y": [0.5]}
CHUNKSIZE = 4
DIE_AT_X = 13.0  # inside chunk 3 (points 12-15): chunks 0-2 finished, chunk 3 lost


def run_killed_child(checkpoint: Path) -> subprocess.CompletedProcess:
    code = textwrap.dedent(f"""
        import sys
        import sweep_helpers
        from bargain.sweep import sweep
        sweep(sweep_helpers.powers, {POINTS!r}, executor="serial", chunksize={CHUNKSIZE},
              checkpoint=sys.argv[1], progress=False)
        """)
    env = {**os.environ, helpers.DIE_AT: str(DIE_AT_X),
           "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", code, str(checkpoint)], env=env, capture_output=True,
                          text=True, timeout=120)


def test_resume_after_a_killed_process_computes_only_the_missing_chunks(tmp_path, pool):
    killed = tmp_path / "killed"
    child = run_killed_child(killed)
    assert child.returncode == 3, child.stderr
    assert sorted(p.name for p in killed.glob("chunk-*.pkl")) == ["chunk-0.pkl", "chunk-1.pkl", "chunk-2.pkl"]
    copy = tmp_path / "copy"
    shutil.copytree(killed, copy)

    resumed = sweep(helpers.powers, POINTS, executor="serial", chunksize=CHUNKSIZE, checkpoint=killed,
                    progress=False)
    assert [call["x"] for call in helpers.CALLS] == POINTS["x"][12:]  # chunks 3 to 7 only
    helpers.CALLS.clear()
    whole = sweep(helpers.powers, POINTS, executor="serial", chunksize=CHUNKSIZE, progress=False)
    assert resumed.equals(whole) and csv_bytes(resumed) == csv_bytes(whole)
    assert resumed["square"].tolist() == [x * x + 0.5 for x in POINTS["x"]]

    in_pool = sweep(helpers.powers, POINTS, executor=pool, chunksize=CHUNKSIZE, checkpoint=copy, progress=False)
    assert in_pool.equals(whole)

    helpers.CALLS.clear()
    again = sweep(helpers.powers, POINTS, executor="serial", checkpoint=killed, progress=False)  # chunksize read back
    assert helpers.CALLS == [] and again.equals(whole)


@pytest.mark.parametrize("change, field", [
    ({"points": {"x": [0.0, 1.0, 2.0], "y": [0.5]}}, "values"),
    ({"points": {"y": [0.5], "x": [0.0, 1.0]}}, "parameters"),
    ({"chunksize": 2}, "chunksize"),
    ({"seed": 7}, "seed"),
    ({"errors": "record"}, "errors"),
    ({"fn": helpers.reciprocal}, "fn"),
])
def test_a_checkpoint_from_another_sweep_is_refused(tmp_path, change, field):
    base = {"fn": helpers.powers, "points": {"x": [0.0, 1.0], "y": [0.5]}, "chunksize": 1, "seed": None,
            "errors": "raise"}
    sweep(base["fn"], base["points"], chunksize=1, checkpoint=tmp_path, progress=False)
    before = sorted(p.name for p in tmp_path.iterdir())
    args = {**base, **change}
    with pytest.raises(CheckpointError, match=rf"belongs to a different sweep \(.*{field}.*\)"):
        sweep(args["fn"], args["points"], chunksize=args["chunksize"], seed=args["seed"], errors=args["errors"],
              checkpoint=tmp_path, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_chunks_without_a_manifest_are_refused(tmp_path):
    (tmp_path / "chunk-0.pkl").write_bytes(b"")
    with pytest.raises(CheckpointError, match=r"no manifest.json"):
        sweep(helpers.powers, {"x": [1.0]}, checkpoint=tmp_path, progress=False)


def test_a_damaged_chunk_is_refused(tmp_path):
    sweep(helpers.powers, {"x": [1.0, 2.0]}, chunksize=1, checkpoint=tmp_path, progress=False)
    (tmp_path / "chunk-1.pkl").write_bytes(b"not a pickle")
    with pytest.raises(CheckpointError, match=r"chunk-1.pkl' is unreadable"):
        sweep(helpers.powers, {"x": [1.0, 2.0]}, chunksize=1, checkpoint=tmp_path, progress=False)


@pytest.mark.parametrize("executor", ["serial", "pool"])
def test_the_failure_reported_is_the_first_in_grid_order_whatever_the_executor(executor):
    # x = 10 fails slowly and x = 90 at once: a pool sees 90 first, but the sweep must report 10,
    # as a serial run does.
    if executor == "pool":
        with ProcessPoolExecutor(2) as pool:
            with pytest.raises(SweepPointError, match=r"grid point 10 \(x=10\): ten"):
                sweep(helpers.fails_twice, {"x": list(range(100))}, executor=pool, chunksize=10, progress=False)
    else:
        with pytest.raises(SweepPointError, match=r"grid point 10 \(x=10\): ten"):
            sweep(helpers.fails_twice, {"x": list(range(100))}, executor="serial", chunksize=10, progress=False)


def test_a_checkpoint_written_by_other_code_is_refused(tmp_path):
    # The manifest records bargain's version and a hash of the file defining fn; resuming after
    # either changed would mix rows computed by two versions of the code.
    sweep(helpers.powers, {"x": [0.0, 1.0]}, chunksize=1, checkpoint=tmp_path, progress=False)
    manifest = tmp_path / "manifest.json"
    document = json.loads(manifest.read_text())
    assert len(document["code"]["source_sha256"]) == 64
    document["code"]["source_sha256"] = "0" * 64
    manifest.write_text(json.dumps(document))
    with pytest.raises(CheckpointError, match=r"belongs to a different sweep \(code differ\)"):
        sweep(helpers.powers, {"x": [0.0, 1.0]}, chunksize=1, checkpoint=tmp_path, progress=False)
