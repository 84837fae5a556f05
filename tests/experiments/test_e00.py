"""e00 (stag hunt along the payoff of hare): the regenerated table is the committed one byte for byte,
and every row agrees with the closed form worked out by hand in the experiment's docstring."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bargain.reproduce import load_experiment
from bargain.results import read_table

ROOT = Path(__file__).resolve().parents[2]
STEM = "e00_stag_hunt"
COMMITTED = ROOT / "experiments" / "results"
TOL = 1e-6  # the table is written at 6 decimals
STAG = 4.0  # the payoff of hunting stag together


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    target = tmp_path_factory.mktemp("e00")
    load_experiment(ROOT / "experiments" / f"{STEM}.py").main(target)
    return target


@pytest.fixture(scope="module")
def table(out):
    return read_table(out / f"{STEM}.csv")


def test_regenerated_files_match_the_committed_ones(out):
    for suffix in (".csv", ".md", ".tex"):
        assert (out / f"{STEM}{suffix}").read_bytes() == (COMMITTED / f"{STEM}{suffix}").read_bytes(), suffix
    fresh, committed = (json.loads((folder / f"{STEM}.json").read_text()) for folder in (out, COMMITTED))
    fresh.pop("versions"), committed.pop("versions")
    assert fresh == committed
    assert (out / f"{STEM}.png").is_file() and (COMMITTED / f"{STEM}.png").is_file()


def test_the_grid_holds_the_bifurcation_points(table):
    assert table["hare"].tolist() == [-1 + 0.25 * i for i in range(25)]
    assert {0.0, 2.0, 4.0} <= set(table["hare"])


def expected(h: float) -> dict:
    """The closed form of the docstring (Harsanyi and Selten 1988, ch. 3; Skyrms 2004, ch. 1)."""
    if h < 0:
        return dict(n=1, degenerate=False, stag=True, hare=False, p=None, payoff="Stag", risk="Stag")
    if h > STAG:
        return dict(n=1, degenerate=False, stag=False, hare=True, p=None, payoff="Hare", risk="Hare")
    if h in (0.0, STAG):  # the mixed equilibrium has merged with a pure one
        return dict(n=2, degenerate=True, stag=True, hare=True, p=None, payoff="Stag" if h == 0 else "tie",
                    risk="Stag" if h == 0 else "Hare")
    # deviation-loss products (4 - h)^2 for (Stag, Stag) and h^2 for (Hare, Hare)
    risk = "Stag" if h < STAG / 2 else "Hare" if h > STAG / 2 else "tie"
    return dict(n=3, degenerate=False, stag=True, hare=True, p=h / STAG, payoff="Stag", risk=risk)


def test_every_row_follows_the_closed_form(table):
    for row in table.itertuples(index=False):
        want = expected(row.hare)
        assert row.n_equilibria == want["n"], row
        assert bool(row.degenerate) == want["degenerate"], row
        assert (bool(row.stag_stag), bool(row.hare_hare)) == (want["stag"], want["hare"]), row
        assert (row.payoff_dominant, row.risk_dominant) == (want["payoff"], want["risk"]), row
        if want["p"] is None:
            assert math.isnan(row.mixed_stag) and math.isnan(row.mixed_payoff), row
        else:
            assert row.mixed_stag == pytest.approx(want["p"], abs=TOL)
            assert row.mixed_payoff == pytest.approx(row.hare, abs=TOL)  # Hare's sure payoff h


def test_risk_dominance_switches_where_the_mixed_equilibrium_crosses_one_half(table):
    interior = table[(table["hare"] > 0) & (table["hare"] < STAG)]
    stag_side = interior[interior["mixed_stag"] < 0.5 - TOL]
    hare_side = interior[interior["mixed_stag"] > 0.5 + TOL]
    assert (stag_side["risk_dominant"] == "Stag").all() and (hare_side["risk_dominant"] == "Hare").all()
    assert len(stag_side) + len(hare_side) == len(interior) - 1  # and the tie at h = 2
