"""Sweeps on a Dask cluster: the same table, byte for byte, as serially and in a process pool.

One local cluster of two worker processes (one thread each) serves the whole module; it is shut
down at the end and its worker processes must be gone. Skipped when dask.distributed is not
installed (it is in the ``test`` extra).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import math
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")
psutil = pytest.importorskip("psutil")

import dask  # noqa: E402 - only once distributed is known to be installed

from bargain import models  # noqa: E402
from bargain.cli import main  # noqa: E402
from bargain.errors import ArgumentTypeError  # noqa: E402
from bargain.sweep import CHUNKS_PER_WORKER, SweepPointError, grid, sweep  # noqa: E402

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE / "models"):  # the worker processes start with this sys.path and import from it
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
import sweep_helpers as helpers  # noqa: E402
import toy_model  # noqa: E402

SEED = 20240917
WORKERS = 2


@pytest.fixture(scope="module")
def cluster():
    """A two-process LocalCluster and a client; after the module, no worker process may be left."""
    with distributed.LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as local:
        with distributed.Client(local, set_as_default=False) as client:
            client.wait_for_workers(WORKERS)
            workers = client.run(os.getpid)
            yield local, client
    alive = {child.pid for child in psutil.Process().children(recursive=True)}
    assert not alive & set(workers.values()), "Dask worker processes outlived their cluster"


@pytest.fixture(scope="module")
def pool():
    """Two worker processes, started fresh rather than forked from this process and its Dask threads."""
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as executor:
        yield executor


def csv_text(df: pd.DataFrame) -> str:
    return df.to_csv(index=False, lineterminator="\n")


def test_cluster_has_two_single_threaded_worker_processes(cluster):
    local, client = cluster
    assert sorted(client.nthreads().values()) == [1] * WORKERS
    assert os.getpid() not in client.run(os.getpid).values()


@pytest.mark.parametrize("fn, points, seed", [
    (helpers.powers, {"x": grid(0, 2, 9), "y": grid(-1, 1, 3)}, None),
    (helpers.draw, {"x": grid(0, 1, 23)}, SEED),
])
def test_dask_pool_and_serial_give_identical_tables(cluster, pool, fn, points, seed):
    local, client = cluster
    serial = sweep(fn, points, seed=seed, executor="serial", progress=False)
    in_pool = sweep(fn, points, seed=seed, executor=pool, chunksize=4, progress=False)
    on_dask = sweep(fn, points, seed=seed, executor=client.get_executor(), chunksize=3, progress=False)
    by_address = sweep(fn, points, seed=seed, executor="dask", address=local.scheduler_address, progress=False)
    for table in (in_pool, on_dask, by_address):
        pd.testing.assert_frame_equal(table, serial, check_exact=True)
        assert csv_text(table) == csv_text(serial)


def test_points_run_on_the_workers(cluster):
    local, _ = cluster
    df = sweep(helpers.pid, {"x": range(40)}, executor="dask", address=local.scheduler_address, chunksize=5,
               progress=False)
    assert os.getpid() not in set(df["pid"])


def test_default_chunk_size_counts_the_clusters_threads(cluster, tmp_path):
    local, _ = cluster
    n = 50
    sweep(helpers.powers, {"x": grid(0, 1, n)}, executor="dask", address=local.scheduler_address,
          checkpoint=tmp_path, progress=False)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["chunksize"] == math.ceil(n / (CHUNKS_PER_WORKER * WORKERS))


def test_a_raising_point_on_a_worker_is_named(cluster):
    local, _ = cluster
    with pytest.raises(SweepPointError, match=r"ZeroDivisionError at grid point 2 \(x=0.0\)") as info:
        sweep(helpers.reciprocal, {"x": [2.0, 1.0, 0.0, 4.0]}, executor="dask", address=local.scheduler_address,
              chunksize=1, progress=False)
    assert isinstance(info.value.__cause__, ZeroDivisionError)


def test_recorded_errors_agree_with_serial(cluster):
    _, client = cluster
    points = {"x": [2.0, 0.0, -1.0, 4.0]}
    serial = sweep(helpers.reciprocal, points, errors="record", executor="serial", progress=False)
    on_dask = sweep(helpers.reciprocal, points, errors="record", executor=client.get_executor(), chunksize=1,
                    progress=False)
    pd.testing.assert_frame_equal(on_dask, serial, check_exact=True)


def test_no_scheduler_at_the_address_is_a_connection_error():
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(ConnectionError, match=r"cannot connect to the Dask scheduler at 'tcp://127.0.0.1:1'"):
            sweep(helpers.powers, {"x": [1.0]}, executor="dask", address="tcp://127.0.0.1:1", progress=False)


def test_a_function_the_workers_cannot_import_is_refused_not_waited_for(cluster):
    # loaded by file path under a name no worker can import: Dask alone would drop the task and wait for ever
    name = "bargain_tests_hidden_helpers"
    spec = importlib.util.spec_from_file_location(name, HERE / "sweep_helpers.py")
    hidden = importlib.util.module_from_spec(spec)
    sys.modules[name] = hidden
    try:
        spec.loader.exec_module(hidden)
        local, _ = cluster
        with pytest.raises(ArgumentTypeError, match=rf"{name}:powers cannot be loaded on the Dask workers "
                                                    rf"\(2 of them; .*No module named '{name}'"):
            sweep(hidden.powers, {"x": [1.0, 2.0]}, executor="dask", address=local.scheduler_address,
                  progress=False)
        with pytest.raises(ArgumentTypeError, match=rf"{name}:powers cannot be loaded"):
            sweep(functools.partial(hidden.powers, y=1.0), {"x": [1.0]}, executor="dask",
                  address=local.scheduler_address, progress=False)
    finally:
        del sys.modules[name]


# ----------------------------------------------------------------------------- bargain sweep --dask
@pytest.fixture
def toy():
    """The toy model registered as 'toy', imported as ``toy_model`` (tests/models is on the workers' path)."""
    models.register("toy", toy_model)
    try:
        yield toy_model
    finally:
        models.unregister("toy")


def test_command_on_dask_writes_the_same_bytes_as_serial(cluster, toy, tmp_path, capsys):
    # (--jobs 2 against --jobs 1 is in test_cli_sweep.py: a pool is not forked here, next to Dask's threads)
    local, _ = cluster
    outputs = {}
    for label, where in (("serial", ["--jobs", "1"]), ("dask", ["--dask", local.scheduler_address])):
        outputs[label] = tmp_path / f"{label}.csv"
        status = main(["sweep", "toy", "--grid", "soft_power=0:1:21", *where, "--out", str(outputs[label])])
        assert status == 0, capsys.readouterr().err
    assert outputs["dask"].read_bytes() == outputs["serial"].read_bytes()
    table = pd.read_csv(outputs["dask"])
    # toy_model's docstring: unique (Command, Comply) below s = 1/2, the bureau commands w.p. 1/(2s) above
    above = table[table["soft_power"] > 0.5]
    assert (table.loc[table["soft_power"] < 0.5, "regime"] == "command").all()
    assert (above["command"] - 1 / (2 * above["soft_power"])).abs().max() <= 1e-6


def test_command_with_no_scheduler_is_one_line(toy, tmp_path, capsys):
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        status = main(["sweep", "toy", "--grid", "soft_power=0:1:3", "--dask", "tcp://127.0.0.1:1",
                       "--out", str(tmp_path / "t.csv")])
    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    assert captured.err.count("\n") == 1 and "cannot connect to the Dask scheduler" in captured.err
    assert list(tmp_path.iterdir()) == []
