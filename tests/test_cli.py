"""The bargain command: help, version, the demo, and one-line user errors with exit status 2."""

import subprocess
import sys

import pytest

import bargain as bg
from bargain import catalog
from bargain.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"bargain {bg.__version__}"


def test_no_command_prints_help(capsys):
    assert main([]) == 0
    assert "usage: bargain" in capsys.readouterr().out


def test_demo_solves_a_named_game(capsys):
    assert main(["demo", "battle-of-the-sexes"]) == 0
    out = capsys.readouterr().out
    assert "Opera" in out and "Equilibria(3 found" in out
    assert "0.6 Opera + 0.4 Football" in out  # Luce and Raiffa's mixed equilibrium: (3/5, 2/5)


def test_demo_default_solves_every_catalogued_game(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert all(f"== {name}:" in out for name in catalog.names())


def test_user_error_is_one_line_and_exit_2(capsys):
    assert main(["demo", "prisoners-dilema"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "did you mean 'prisoners-dilemma'?" in lines[0]


def test_console_script_runs_without_traceback():
    done = subprocess.run([sys.executable, "-m", "bargain", "demo", "--tol", "-1", "chicken"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == "bargain: error: tol must be > 0; got -1.0"


def test_catalog_names_and_descriptions():
    for name in catalog.names():
        assert isinstance(catalog.get(name), bg.Game)
        assert catalog.describe(name)
    with pytest.raises(bg.errors.InvalidArgumentError, match="did you mean 'chicken'"):
        catalog.get("chiken")
