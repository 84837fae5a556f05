"""The model protocol's cell(**params): checked at registration and by models.sweep_cell, and the toy
model's cell swept against its hand-computed equilibria."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

from bargain import models
from bargain.errors import ArgumentTypeError, InvalidArgumentError
from bargain.sweep import grid, sweep

TOL = 1e-9


def _load_toy():
    name = "bargain_tests_toy_model"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "models" / "toy_model.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


toy = _load_toy()


def _module(**names):
    module = types.ModuleType("fake")
    module.__dict__.update(dict(DESCRIPTION="One line.", SEED="000.txt", Model=toy.Model, cell=toy.cell) | names)
    return module


@pytest.fixture
def registry():
    """Register modules for one test and remove them afterwards."""
    added = []

    def add(name, module):
        models.register(name, module)
        added.append(name)

    yield add
    for name in added:
        models.unregister(name)


def test_sweep_cell_returns_the_models_cell(registry):
    registry("toy", toy)
    assert models.sweep_cell("toy") is toy.cell


def test_a_seeded_sweep_needs_a_cell_that_names_seed(registry):
    def stochastic(soft_power=0.25, *, seed):
        return {"draw": seed % 2}

    registry("noisy", _module(cell=stochastic))
    registry("toy", toy)
    assert models.sweep_cell("noisy", seed=True) is stochastic
    with pytest.raises(InvalidArgumentError, match=r"model 'toy' is deterministic \(its cell\(\) takes no seed\)"):
        models.sweep_cell("toy", seed=True)  # cell(**params) passes seed on to Model, which has no such field


def test_a_model_whose_seed_is_a_parameter_takes_no_sweep_seed(registry):
    import dataclasses

    from bargain.models import param, validate

    @dataclasses.dataclass(frozen=True)
    class Drawn:
        seed: int = param(0, lo=0, hi=10**9, meaning="seed of the draw", source="s")

        def __post_init__(self):
            validate(self)

        def stage_game(self):
            return None

    def cell(seed=0):
        return {"seed_used": Drawn(seed=seed).seed}

    registry("drawn", _module(Model=Drawn, cell=cell))
    assert models.sweep_cell("drawn") is cell
    with pytest.raises(InvalidArgumentError, match=r"model 'drawn' has a parameter named seed; fix it as a "
                                                   r"parameter \(--set seed=S\)"):
        models.sweep_cell("drawn", seed=True)


def test_a_model_without_cell_registers_but_cannot_be_swept(registry):
    module = _module()
    del module.cell
    registry("plain", module)
    with pytest.raises(InvalidArgumentError, match=r"model 'plain' cannot be swept: it has no module-level cell"):
        models.sweep_cell("plain")


@pytest.mark.parametrize("cell, match", [
    ("not a function", r"must expose cell as a function cell\(\*\*params\); got 'not a function'"),
    (lambda: {"x": 1}, r"cell\(\) must accept every parameter as a keyword; it does not take soft_power"),
    (lambda *, other=1: {"x": other}, r"it does not take soft_power"),
])
def test_a_cell_off_protocol_is_refused_at_registration(cell, match):
    with pytest.raises(ArgumentTypeError, match=match):
        models.register("bad", _module(cell=cell))
    assert "bad" not in models.names()


def test_toy_cell_swept_over_soft_power_follows_the_closed_form():
    # toy_model's docstring: s < 1/2 -> (Command, Comply), payoffs (2, 0);
    # s > 1/2 -> the bureau commands w.p. 1/(2s), the office complies w.p. 2/3, payoffs (1, 1 - 1/(2s))
    df = sweep(toy.cell, {"soft_power": grid(0, 1, 21)}, executor="serial", progress=False)
    for row in df.itertuples(index=False):
        s = row.soft_power
        if s < 0.5:
            assert (row.regime, row.n_equilibria, row.command, row.comply) == ("command", 1, 1.0, 1.0)
            assert (row.bureau_payoff, row.office_payoff) == pytest.approx((2, 0), abs=TOL)
        elif s > 0.5:
            assert (row.regime, row.n_equilibria) == ("mixed", 1)
            assert row.command == pytest.approx(1 / (2 * s), abs=TOL)
            assert row.comply == pytest.approx(2 / 3, abs=TOL)
            assert (row.bureau_payoff, row.office_payoff) == pytest.approx((1, 1 - 1 / (2 * s)), abs=TOL)
        else:  # degenerate: extreme equilibria (Command, Comply) and (Command, 2/3 Comply)
            assert (row.regime, row.n_equilibria) == ("degenerate", 2)
            assert row.bureau_payoff == pytest.approx(2, abs=TOL)
