"""The bargain command's models, params, solve and convert commands, and their one-line errors."""

import importlib.util
import io
import sys
from pathlib import Path

import pandas as pd
import pytest

from bargain import catalog, models
from bargain.cli import main
from bargain.gamefile import read_game, write_game

TOL = 1e-9


def _load_toy():
    name = "bargain_tests_toy_model"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "models" / "toy_model.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def toy():
    module = _load_toy()
    models.register("toy", module)
    try:
        yield module
    finally:
        models.unregister("toy")


def run(capsys, *argv):
    """Exit status, standard output and standard error of ``bargain argv``."""
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_line_error(capsys, *argv) -> str:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("bargain: error: ")
    return lines[0]


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("demo", "models", "params", "solve", "convert"):
        assert f"\n    {command} " in out


@pytest.fixture
def no_builtin_models(monkeypatch):
    """The registry as it is before any case model is shipped."""
    monkeypatch.setattr(models, "_BUILTIN", {})


def test_models_when_none_registered(capsys, no_builtin_models):
    assert run(capsys, "models") == (0, "no models registered yet\n", "")


def test_models_lists_one_line_per_model(capsys, toy):
    status, out, _ = run(capsys, "models")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == len(models.names())
    width = max(len(name) for name in models.names())
    assert f"{'toy'.ljust(width)}  Toy command-or-compromise game for tests. (seed 000_toy.txt)" in lines
    for name, line in zip(models.names(), lines):  # sorted by name
        assert line.startswith(f"{name.ljust(width)}  {models.get(name).DESCRIPTION} (seed ")


def test_params_shows_default_range_meaning_and_source(capsys, toy):
    status, out, _ = run(capsys, "params", "toy")
    assert status == 0
    lines = out.splitlines()
    assert lines[1].split() == ["parameter", "type", "default", "range", "meaning", "source"]
    assert lines[2].split()[:4] == ["soft_power", "real", "0.25", "[0,"]
    assert "the office's leverage over the bureau" in lines[2] and "invented for tests" in lines[2]


def test_solve_model_with_set_prints_hand_computed_mixed_equilibrium(capsys, toy):
    # toy_model's docstring: at s = 3/4 the bureau commands w.p. 1/(2s) = 2/3, the office complies w.p. 2/3
    status, out, _ = run(capsys, "solve", "toy", "--set", "soft_power=0.75", "--format", "csv")
    assert status == 0
    table = pd.read_csv(io.StringIO(out))
    assert len(table) == 1
    row = table.iloc[0]
    assert row["Bureau:Command"] == pytest.approx(2 / 3, abs=TOL)
    assert row["Office:Comply"] == pytest.approx(2 / 3, abs=TOL)
    assert row["payoff:Bureau"] == pytest.approx(1, abs=TOL)
    assert row["payoff:Office"] == pytest.approx(1 / 3, abs=TOL)


def test_solve_model_text_shows_the_game_and_its_equilibria(capsys, toy):
    status, out, _ = run(capsys, "solve", "toy")
    assert status == 0
    assert out.startswith("== toy: Model(soft_power=0.25)\nGame: Bureau (rows) vs Office (columns)")
    # toy_model's docstring: for s < 1/2 the unique equilibrium is (Command, Comply), payoffs (2, 0)
    assert "Equilibria(1 found" in out
    assert "Equilibrium(Bureau: Command, Office: Comply; payoffs (2, 0))" in out


def test_solve_game_file_json_and_nfg(capsys, tmp_path):
    game = catalog.get("battle-of-the-sexes")
    for suffix in (".json", ".nfg"):
        write_game(game, tmp_path / f"bos{suffix}")
        status, out, _ = run(capsys, "solve", "--game", str(tmp_path / f"bos{suffix}"), "--format", "csv")
        assert status == 0
        table = pd.read_csv(io.StringIO(out))
        # Luce and Raiffa's battle of the sexes: two pure equilibria and the mixed one (3/5, 2/5), (2/5, 3/5)
        mixed = table[(table["Row:Opera"] > TOL) & (table["Row:Opera"] < 1 - TOL)]
        assert len(table) == 3 and len(mixed) == 1
        assert mixed.iloc[0]["Row:Opera"] == pytest.approx(0.6, abs=TOL)
        assert mixed.iloc[0]["Column:Opera"] == pytest.approx(0.4, abs=TOL)


def test_solve_three_player_file_gives_pure_equilibria(capsys, tmp_path):
    import numpy as np
    from bargain.game import Game

    # everyone gets 1 when all three choose the same action, else 0: exactly two pure equilibria
    same = np.zeros((2, 2, 2))
    same[0, 0, 0] = same[1, 1, 1] = 1
    write_game(Game(np.stack([same] * 3)), tmp_path / "g.nfg")
    status, out, _ = run(capsys, "solve", "--game", str(tmp_path / "g.nfg"))
    assert status == 0
    assert "Equilibria(2 found by 'pure'" in out


def test_convert_between_json_and_nfg(capsys, tmp_path):
    game = catalog.get("rock-paper-scissors")
    write_game(game, tmp_path / "a.json")
    assert run(capsys, "convert", str(tmp_path / "a.json"), str(tmp_path / "b.nfg")) == (0, "", "")
    assert run(capsys, "convert", str(tmp_path / "b.nfg"), str(tmp_path / "c.json")) == (0, "", "")
    assert read_game(tmp_path / "b.nfg") == game
    assert (tmp_path / "c.json").read_bytes() == (tmp_path / "a.json").read_bytes()


# ----------------------------------------------------------------------------- one-line errors
def test_unknown_command(capsys):
    assert "invalid choice: 'slove'" in one_line_error(capsys, "slove")


def test_unknown_model(capsys, toy):
    assert "did you mean 'toy'?" in one_line_error(capsys, "solve", "tyo")
    assert "did you mean 'toy'?" in one_line_error(capsys, "params", "tyo")


def test_unknown_model_when_none_registered(capsys, no_builtin_models):
    assert "no models registered yet" in one_line_error(capsys, "params", "oblique")


def test_misspelled_parameter_gets_a_suggestion(capsys, toy):
    line = one_line_error(capsys, "solve", "toy", "--set", "softpower=0.5")
    assert line == "bargain: error: model 'toy' has no parameter 'softpower'; did you mean 'soft_power'?"


def test_value_outside_range(capsys, toy):
    line = one_line_error(capsys, "solve", "toy", "--set", "soft_power=1.3")
    assert line == "bargain: error: soft_power must be in [0, 1]; got 1.3"


@pytest.mark.parametrize("item, reason", [
    ("soft_power", "--set must be NAME=VALUE; got 'soft_power'"),
    ("=0.5", "--set must be NAME=VALUE; got '=0.5'"),
    ("soft_power=", "--set must be NAME=VALUE; got 'soft_power='"),
    ("soft_power=high", "soft_power must be a number; got 'high'"),
])
def test_malformed_set(capsys, toy, item, reason):
    assert one_line_error(capsys, "solve", "toy", "--set", item) == f"bargain: error: {reason}"


def test_set_twice_and_model_with_game_are_refused(capsys, toy, tmp_path):
    assert "once" in one_line_error(capsys, "solve", "toy", "--set", "soft_power=0.1", "--set", "soft_power=0.2")
    assert "either a MODEL or --game" in one_line_error(capsys, "solve")
    assert "either a MODEL or --game" in one_line_error(capsys, "solve", "toy", "--game", "x.nfg")


def test_missing_file(capsys, tmp_path):
    line = one_line_error(capsys, "solve", "--game", str(tmp_path / "none.nfg"))
    assert "none.nfg" in line and "No such file" in line
    assert "none.json" in one_line_error(capsys, "convert", str(tmp_path / "none.json"), str(tmp_path / "o.nfg"))
    assert not (tmp_path / "o.nfg").exists()


def test_malformed_file(capsys, tmp_path):
    path = tmp_path / "bad.nfg"
    path.write_text('NFG 1 R "x" { "a" "b" }\n{ 2 2 }\n1 2 3 x\n')
    line = one_line_error(capsys, "solve", "--game", str(path))
    assert "bad.nfg: line 3, column 7: expected payoff 4 of 8 (a number); got 'x'" in line


def test_bad_option_values(capsys, tmp_path):
    write_game(catalog.get("chicken"), tmp_path / "c.json")
    assert "invalid float value: 'x'" in one_line_error(capsys, "solve", "--game", str(tmp_path / "c.json"),
                                                        "--tol", "x")
    assert "tol must be > 0" in one_line_error(capsys, "solve", "--game", str(tmp_path / "c.json"), "--tol", "-1")
    assert "invalid choice: 'simplex'" in one_line_error(capsys, "solve", "--method", "simplex")
    assert "path must end in .json or .nfg" in one_line_error(capsys, "convert", str(tmp_path / "c.json"),
                                                              str(tmp_path / "c.txt"))
