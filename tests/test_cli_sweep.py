"""The bargain sweep command: a model's cell over a grid, one table written atomically, and every bad
input refused before any work with one line and exit status 2."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import json
import re
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from bargain import models
from bargain.cli import main
from bargain.errors import InvalidArgumentError
from bargain.game import Game
from bargain.models import param, validate

TOL = 1e-6  # the table is written at 6 decimals


def _load_toy():
    name = "bargain_tests_toy_model"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "models" / "toy_model.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# A second test model with three parameters (one integer) and a cross-parameter rule: cost < benefit.
@dataclasses.dataclass(frozen=True)
class PairModel:
    cost: float = param(1.0, lo=0, hi=10, meaning="cost of acting", source="invented for tests")
    benefit: float = param(4.0, lo=0, hi=10, meaning="benefit of acting", source="invented for tests")
    rounds: int = param(2, lo=1, hi=5, meaning="rounds of play", source="invented for tests")

    def __post_init__(self):
        validate(self)
        if not self.cost < self.benefit:
            raise InvalidArgumentError(f"cost must be < benefit; got cost={self.cost!r}, benefit={self.benefit!r}")

    def stage_game(self) -> Game:
        return Game.bimatrix([[self.benefit - self.cost, 0], [0, 1]], [[1, 0], [0, 1]])


def pair_cell(**params) -> dict:
    model = PairModel(**params)
    if model.rounds == 5:
        raise ValueError("five rounds are not modelled")
    return {"net": model.benefit - model.cost, "per_round": (model.benefit - model.cost) / model.rounds}


def pair_module(**extra) -> types.ModuleType:
    module = types.ModuleType("pair_model")
    module.__dict__.update(dict(DESCRIPTION="Pair model for tests.", SEED="000_pair.txt", Model=PairModel,
                                cell=pair_cell) | extra)
    return module


@pytest.fixture
def toy():
    module = _load_toy()
    models.register("toy", module)
    try:
        yield module
    finally:
        models.unregister("toy")


@pytest.fixture
def pair():
    models.register("pair", pair_module())
    try:
        yield
    finally:
        models.unregister("pair")


def run(capsys, *argv):
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def sweep_ok(capsys, *argv) -> str:
    status, out, err = run(capsys, "sweep", *argv)
    assert status == 0, err
    assert err == ""
    return out


def refused(capsys, tmp_path, *argv) -> str:
    """Run ``bargain sweep argv`` (writing into tmp_path); it must fail in one line and write nothing."""
    before = sorted(tmp_path.rglob("*"))
    status, out, err = run(capsys, "sweep", *argv)
    assert status == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("bargain: error: ")
    assert sorted(tmp_path.rglob("*")) == before
    return lines[0].removeprefix("bargain: error: ")


# ----------------------------------------------------------------------------- tables written
def test_toy_sweep_matches_the_hand_computed_equilibria(capsys, toy, tmp_path):
    out = tmp_path / "toy.csv"
    printed = sweep_ok(capsys, "toy", "--grid", "soft_power=0:1:11", "--out", out)
    assert printed == f"wrote {out}: 11 rows, 7 columns (and toy.json)\n"
    table = pd.read_csv(out)
    assert list(table.columns) == ["soft_power", "regime", "n_equilibria", "command", "comply", "bureau_payoff",
                                   "office_payoff"]
    assert table["soft_power"].tolist() == [i / 10 for i in range(11)]
    # toy_model's docstring: (Command, Comply) with payoffs (2, 0) below s = 1/2; above it the bureau
    # commands w.p. 1/(2s), the office complies w.p. 2/3, payoffs 1 and 1 - 1/(2s); degenerate at 1/2
    low, high = table[table["soft_power"] < 0.5], table[table["soft_power"] > 0.5]
    assert (low["regime"] == "command").all() and (low["n_equilibria"] == 1).all()
    assert (low[["command", "comply", "bureau_payoff", "office_payoff"]].to_numpy() == [1, 1, 2, 0]).all()
    assert (high["regime"] == "mixed").all()
    s = high["soft_power"]
    assert (high["command"] - 1 / (2 * s)).abs().max() <= TOL
    assert (high["comply"] - 2 / 3).abs().max() <= TOL
    assert (high["office_payoff"] - (1 - 1 / (2 * s))).abs().max() <= TOL
    middle = table[table["soft_power"] == 0.5].iloc[0]
    assert middle["regime"] == "degenerate" and middle["n_equilibria"] == 2


def test_floats_are_written_at_fixed_precision(capsys, toy, tmp_path):
    sweep_ok(capsys, "toy", "--grid", "soft_power=0.75:1:2", "--out", tmp_path / "a.csv")
    lines = (tmp_path / "a.csv").read_text().splitlines()
    assert lines[1] == "0.750000,mixed,1,0.666667,0.666667,1.000000,0.333333"
    sweep_ok(capsys, "toy", "--grid", "soft_power=0.75:1:2", "--precision", "2", "--out", tmp_path / "b.csv")
    assert (tmp_path / "b.csv").read_text().splitlines()[1] == "0.75,mixed,1,0.67,0.67,1.00,0.33"


def test_grid_order_fixed_parameters_and_integer_grids(capsys, pair, tmp_path):
    out = tmp_path / "pair.csv"
    sweep_ok(capsys, "pair", "--grid", "cost=0:2:3", "--grid", "rounds=1:4:4", "--set", "benefit=5", "--out", out)
    text = out.read_text()
    table = pd.read_csv(io.StringIO(text))
    assert list(table.columns) == ["cost", "rounds", "benefit", "net", "per_round"]
    # row-major: the last --grid varies fastest; --set parameters are constant columns
    assert table["cost"].tolist() == [0.0] * 4 + [1.0] * 4 + [2.0] * 4
    assert table["rounds"].tolist() == [1, 2, 3, 4] * 3
    assert (table["benefit"] == 5).all()
    assert table["net"].tolist() == [5 - c for c in table["cost"]]
    assert (table["per_round"] - table["net"] / table["rounds"]).abs().max() <= TOL
    assert text.splitlines()[1] == "0.000000,1,5.000000,5.000000,5.000000"  # integers stay integers


@pytest.mark.parametrize("suffix, first_line", [
    (".md", "| soft_power | regime     |"),
    (".tex", "\\begin{tabular}{rlrrrrr}"),
])
def test_markdown_and_latex_outputs(capsys, toy, tmp_path, suffix, first_line):
    out = tmp_path / f"toy{suffix}"
    sweep_ok(capsys, "toy", "--grid", "soft_power=0:1:3", "--out", out)
    assert out.read_text().splitlines()[0].startswith(first_line)


def test_process_pool_gives_the_same_bytes(capsys, toy, tmp_path):
    sweep_ok(capsys, "toy", "--grid", "soft_power=0:1:41", "--jobs", "1", "--out", tmp_path / "serial.csv")
    sweep_ok(capsys, "toy", "--grid", "soft_power=0:1:41", "--jobs", "2", "--out", tmp_path / "pool.csv")
    assert (tmp_path / "pool.csv").read_bytes() == (tmp_path / "serial.csv").read_bytes()


def test_checkpoint_resumes_and_a_checkpoint_of_another_grid_is_refused(capsys, toy, tmp_path):
    checkpoint, out = tmp_path / "ckpt", tmp_path / "out"
    out.mkdir()
    sweep_ok(capsys, "toy", "--grid", "soft_power=0:1:5", "--checkpoint", checkpoint, "--out", out / "first.csv")
    assert (checkpoint / "manifest.json").is_file()
    sweep_ok(capsys, "toy", "--grid", "soft_power=0:1:5", "--checkpoint", checkpoint, "--out", out / "again.csv")
    assert (out / "again.csv").read_bytes() == (out / "first.csv").read_bytes()
    line = refused(capsys, tmp_path, "toy", "--grid", "soft_power=0:1:6", "--checkpoint", checkpoint,
                   "--out", out / "other.csv")
    assert "belongs to a different sweep (n_points, values differ)" in line


def test_an_existing_output_is_replaced(capsys, toy, tmp_path):
    out = tmp_path / "t.csv"
    out.write_text("old\n")
    sweep_ok(capsys, "toy", "--grid", "soft_power=0:1:2", "--out", out)
    assert out.read_text().startswith("soft_power,regime")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "t.json"]


def test_the_sidecar_records_model_grid_fixed_values_and_columns(capsys, pair, tmp_path):
    out = tmp_path / "pair.csv"
    sweep_ok(capsys, "pair", "--grid", "cost=0:2:3", "--grid", "rounds=1:4:4", "--set", "benefit=5", "--out", out)
    sidecar = json.loads((tmp_path / "pair.json").read_text())
    meta = sidecar["metadata"]
    assert meta["model"] == "pair" and meta["seed"] is None and meta["precision"] == 6
    assert meta["grid"] == {"cost": [0.0, 1.0, 2.0], "rounds": [1, 2, 3, 4]}
    assert meta["fixed"] == {"benefit": 5.0}
    assert [c["name"] for c in sidecar["columns"]] == ["cost", "rounds", "benefit", "net", "per_round"]
    assert meta["defaults"] == {}  # every parameter is on the grid or set
    sweep_ok(capsys, "pair", "--grid", "cost=0:2:3", "--out", out)  # its own sidecar is replaced
    assert json.loads((tmp_path / "pair.json").read_text())["metadata"]["defaults"] == {"benefit": 4.0, "rounds": 2}


@pytest.mark.parametrize("existing", ["file", "directory"])
def test_a_json_file_the_sweep_did_not_write_is_not_replaced(capsys, toy, tmp_path, existing):
    sidecar = tmp_path / "t.json"
    if existing == "file":
        sidecar.write_text('{"payoffs": [[1, 0], [0, 1]]}')
    else:
        sidecar.mkdir()
    line = refused(capsys, tmp_path, "toy", "--grid", "soft_power=0:1:2", "--out", tmp_path / "t.csv")
    assert "its JSON sidecar" in line and "was not written by bargain sweep" in line
    assert not (tmp_path / "t.csv").exists()
    if existing == "file":
        assert sidecar.read_text() == '{"payoffs": [[1, 0], [0, 1]]}'


def test_a_whole_float_is_accepted_for_an_integer_parameter(capsys, pair, tmp_path):
    out = tmp_path / "p.csv"
    sweep_ok(capsys, "pair", "--grid", "cost=0:1:2", "--set", "rounds=3.0", "--out", out)
    assert pd.read_csv(out)["rounds"].tolist() == [3, 3]


def test_help_lists_sweep_and_reproduce(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("sweep", "reproduce"):
        assert re.search(rf"^    {command}\b", out, flags=re.MULTILINE), command


# ----------------------------------------------------------------------------- refused, one line, nothing written
@pytest.mark.parametrize("argv, message", [
    (["toy", "--grid", "softpower=0:1:3"], "model 'toy' has no parameter 'softpower'; did you mean 'soft_power'?"),
    (["toy", "--grid", "soft_power=0:1.5:3"], "soft_power must be in [0, 1]; got 1.5"),
    (["toy", "--grid", "soft_power=-0.5:1:3"], "soft_power must be in [0, 1]; got -0.5"),
    (["toy", "--grid", "soft_power=0:1"], "--grid must be NAME=LO:HI:N; got 'soft_power=0:1'"),
    (["toy", "--grid", "soft_power"], "--grid must be NAME=LO:HI:N; got 'soft_power'"),
    (["toy", "--grid", "soft_power=0::3"], "--grid must be NAME=LO:HI:N; got 'soft_power=0::3'"),
    (["toy", "--grid", "soft_power=low:1:3"], "--grid soft_power: LO and HI must be numbers; got 'soft_power=low:1:3'"),
    (["toy", "--grid", "soft_power=0:1:x"], "--grid soft_power: N must be a whole number of points; got 'x'"),
    (["toy", "--grid", "soft_power=0:1:2.5"], "--grid soft_power: N must be a whole number of points; got '2.5'"),
    (["toy", "--grid", "soft_power=0:1:0"], "--grid soft_power=0:1:0: n must be >= 1; got 0"),
    (["toy", "--grid", "soft_power=0:1:1000000000000"],
     "--grid soft_power: N must be at most 10,000,000 points; got 1,000,000,000,000 (split the sweep, or call "
     "bargain.sweep from Python)"),
    (["toy", "--grid", "soft_power=0:1:-3"], "--grid soft_power=0:1:-3: n must be >= 1; got -3"),
    (["toy", "--grid", "soft_power=0:1:1"], "--grid soft_power=0:1:1: n == 1 needs lo == hi; got lo=0.0, hi=1.0"),
    (["toy", "--grid", "soft_power=1:0:3"], "--grid soft_power=1:0:3: lo must be < hi when n > 1; got lo=1.0, hi=0.0"),
    (["toy", "--grid", "soft_power=0:nan:3"], "--grid soft_power=0:nan:3: hi must be finite; got nan"),
    (["toy", "--grid", "soft_power=0:1:3", "--grid", "soft_power=0:1:2"],
     "--grid must name each parameter once; got 'soft_power' twice"),
    (["toy", "--grid", "soft_power=0:1:3", "--set", "soft_power=0.5"],
     "soft_power is given both by --grid and by --set; choose one"),
    (["toy"], "sweep needs at least one --grid NAME=LO:HI:N"),
    (["toy", "--grid", "soft_power=0:1:3", "--seed", "7"],
     "model 'toy' is deterministic (its cell() takes no seed); a seed applies only to stochastic models"),
    (["toy", "--grid", "soft_power=0:1:3", "--jobs", "0"], "--jobs must be >= 1; got 0"),
    (["toy", "--grid", "soft_power=0:1:3", "--precision", "18"], "--precision must be between 0 and 17; got 18"),
    (["toy", "--grid", "soft_power=0:1:3", "--jobs", "2", "--dask", "tcp://127.0.0.1:8786"],
     "argument --dask: not allowed with argument --jobs"),
    (["toy", "--grid", "soft_power=0:1:3", "--jobs", "two"], "argument --jobs: invalid int value: 'two'"),
    (["tyo", "--grid", "soft_power=0:1:3"], "model must be one of"),
    (["pair", "--grid", "cost=0:1:3", "--set", "benefit=11"], "benefit must be in [0, 10]; got 11.0"),
    (["pair", "--grid", "cost=0:1:3", "--set", "bnefit=3"],
     "model 'pair' has no parameter 'bnefit'; did you mean 'benefit'?"),
    (["pair", "--grid", "cost=0:1:3", "--set", "benefit=much"], "benefit must be a number; got 'much'"),
    (["pair", "--grid", "rounds=1:2:3"], "--grid rounds=1:2:3: rounds takes whole numbers; this grid has 1.5"),
    (["pair", "--grid", "rounds=2.5:2.5:1"], "--grid rounds=2.5:2.5:1: rounds takes whole numbers; this grid has 2.5"),
    (["pair", "--grid", "rounds=0:4:5"], "rounds must be in [1, 5]; got 0"),
    (["pair", "--grid", "cost=0:6:4", "--set", "benefit=5"],
     "at the grid point cost=6.0, benefit=5.0: cost must be < benefit; got cost=6.0, benefit=5.0"),
    (["pair", "--grid", "rounds=1:5:5"],
     "fn raised ValueError at grid point 4 (rounds=5): five rounds are not modelled"),
])
def test_bad_input_is_refused_in_one_line(capsys, toy, pair, tmp_path, argv, message):
    line = refused(capsys, tmp_path, *argv, "--out", tmp_path / "t.csv")
    if message.endswith("one of"):
        assert line.startswith(message) and "did you mean 'toy'?" in line
    else:
        assert line == message


@pytest.mark.parametrize("out, message", [
    ("missing/t.csv", "--out '{tmp}/missing/t.csv': the directory '{tmp}/missing' does not exist"),
    ("t.txt", "--out must end in .csv, .md, .tex; got '{tmp}/t.txt'"),
    ("t", "--out must end in .csv, .md, .tex; got '{tmp}/t'"),
    ("folder.csv", "--out '{tmp}/folder.csv' is a directory; give a file name"),
])
def test_bad_output_path_is_refused(capsys, toy, tmp_path, out, message):
    (tmp_path / "folder.csv").mkdir()
    line = refused(capsys, tmp_path, "toy", "--grid", "soft_power=0:1:3", "--out", tmp_path / out)
    assert line == message.format(tmp=tmp_path)


def test_out_is_required(capsys, toy, tmp_path):
    line = refused(capsys, tmp_path, "toy", "--grid", "soft_power=0:1:3")
    assert line == "the following arguments are required: --out"


def test_a_model_without_cell_cannot_be_swept(capsys, tmp_path):
    module = pair_module()
    del module.cell
    models.register("nocell", module)
    try:
        line = refused(capsys, tmp_path, "nocell", "--grid", "cost=0:1:3", "--out", tmp_path / "t.csv")
    finally:
        models.unregister("nocell")
    assert line == "model 'nocell' cannot be swept: it has no module-level cell(**params) function"


def test_dask_not_installed_is_one_line(capsys, toy, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask were not installed
    line = refused(capsys, tmp_path, "toy", "--grid", "soft_power=0:1:3", "--dask", "tcp://127.0.0.1:8786",
                   "--out", tmp_path / "t.csv")
    assert line == '--dask needs dask.distributed; install it with pip install "bargain[dask]"'


def test_a_malformed_dask_address_is_one_line(capsys, toy, tmp_path):
    pytest.importorskip("distributed")
    line = refused(capsys, tmp_path, "toy", "--grid", "soft_power=0:1:3", "--dask", "nonsense://x",
                   "--out", tmp_path / "t.csv")
    assert line.startswith("address must be a Dask scheduler address such as 'tcp://10.0.0.5:8786'; got 'nonsense://x'")
