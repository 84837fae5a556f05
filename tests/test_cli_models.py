"""The command line on the built-in case models: solve, params, and one-line errors."""

from __future__ import annotations

import pytest

from bargain import models
from bargain.cli import main


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("name", models.names())
def test_every_built_in_model_lists_its_parameters_and_solves(capsys, name):
    status, out, _ = _run(capsys, "params", name)
    assert status == 0
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[2:]}
    for p in models.parameters(models.get(name).Model):
        assert rows[p.name] == ("int" if isinstance(p.default, int) else "real")
    status, out, _ = _run(capsys, "solve", name)
    assert status == 0 and "Equilibri" in out


def test_solve_oblique_names_the_cases_strategies(capsys):
    status, out, _ = _run(capsys, "solve", "oblique", "--set", "soft_power=0.3")
    assert status == 0
    for name in ("Command", "BorrowAuthority", "CarrotStick", "Compromise", "Empathy", "Comply", "Voice", "Oppose"):
        assert name in out
    assert "Bureau: Command, Office: Voice" in out  # the unique stage equilibrium at s = 0.3


@pytest.mark.parametrize("argv, message", [
    (("solve", "oblique", "--set", "soft_power=2"), "soft_power must be in [0, 1]; got 2.0"),
    (("solve", "oblique", "--set", "soft_powr=0.5"), "did you mean 'soft_power'?"),
    (("solve", "oblique", "--set", "carrot=5"), "carrot must be smaller than burden"),
    (("solve", "oblque"), "did you mean 'oblique'"),
])
def test_bad_model_input_is_one_line_and_exit_2(capsys, argv, message):
    status, out, err = _run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
