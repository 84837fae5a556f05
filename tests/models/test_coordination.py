"""The coordination model (seed 000): closed forms, the case's propositions computed at the
calibrated defaults and where they stop holding, the core-periphery score, bad inputs and the CLI."""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain import models
from bargain.cli import main as cli
from bargain.errors import ArgumentTypeError, InvalidArgumentError
from bargain.models import coordination
from bargain.models.coordination import TYPES, Model, allocate_attention, core_periphery

ATOL = 1e-9  # closed forms against the solvers' output
FIT_ATOL = 1e-8  # coreness recovered from an exact rank-one pattern

WEAK_CONTROL = ("WC-SD", "WC-WD")
STRONG_CONTROL = ("SC-SD", "SC-WD")


@pytest.fixture(scope="module")
def model() -> Model:
    return Model()


@pytest.fixture(scope="module")
def county(model):
    return model.coordinate()


# ------------------------------------------------------------------------------------ protocol
def test_protocol():
    assert isinstance(coordination.DESCRIPTION, str) and "\n" not in coordination.DESCRIPTION
    assert coordination.SEED.startswith("000_")
    game = Model().stage_game()
    assert game.players == ("SC-WD", "WC-SD")
    assert game.strategies == (("Cooperate", "Shirk"), ("Cooperate", "Shirk"))
    for parameter in models.parameters(Model):
        assert parameter.source.strip() and parameter.meaning.strip()
        assert parameter.contains(parameter.default)


def test_cell_gives_scalars_and_sweeps():
    table = bg.sweep(coordination.cell, {"departments": [4, 8]}, executor="serial", progress=False)
    assert table["pairs"].tolist() == [6, 28]
    assert (table["soft_pairs"] + table["hard_needed"] <= table["pairs"]).all()
    assert (table["surplus"] <= table["possible_surplus"] + ATOL).all()


# ------------------------------------------------------------------------------------ closed forms
@pytest.mark.parametrize("first,second", list(itertools.product(TYPES, TYPES)))
def test_critical_delta_is_friedman_threshold(model, first, second):
    # In the joint-task prisoner's dilemma T - R = kappa r_i and T - P = benefit d_i r_j, so Nash
    # reversion sustains cooperation iff delta >= kappa r_i / (benefit d_i r_j) (Friedman 1971),
    # provided R >= P, i.e. benefit d_i r_j >= kappa r_i; otherwise no delta < 1 works.
    (ri, di), (rj, dj) = model.type_point(first), model.type_point(second)
    relation = model.type_relation(first, second)
    for own_r, own_d, other_r, got in ((ri, di, rj, relation.critical_per_side[0]),
                                       (rj, dj, ri, relation.critical_per_side[1])):
        gain, loss = model.commitment_cost * own_r, model.benefit * own_d * other_r
        expected = gain / loss if gain <= loss else math.inf
        assert got == pytest.approx(expected, abs=ATOL) if math.isfinite(expected) else got == math.inf


@pytest.mark.parametrize("first,second", list(itertools.product(TYPES, TYPES)))
def test_split_is_proportional_to_emerson_power(model, first, second):
    # On a transferable-utility frontier the asymmetric Nash solution gives each side a share of the
    # surplus proportional to its weight (Kalai 1977); the weights are w_i = d_j r_i (Emerson 1962).
    (ri, di), (rj, dj) = model.type_point(first), model.type_point(second)
    relation = model.type_relation(first, second)
    wi, wj = dj * ri, di * rj
    assert relation.shares[0] == pytest.approx(wi / (wi + wj), abs=ATOL)
    assert relation.shares.sum() == pytest.approx(1.0, abs=ATOL)
    expected = model.benefit * (di * rj + dj * ri) - model.commitment_cost * (ri + rj)
    assert relation.surplus == pytest.approx(expected, abs=ATOL)


def test_penalty_closes_the_patience_gap(model):
    # With a penalty p on i's shirking, T - R = kappa r_i - p while T - P is unchanged, so the
    # smallest penalty that sustains cooperation at delta is p = kappa r_i - delta benefit d_i r_j.
    for delta in (0.5, 0.8):
        m = dataclasses.replace(model, delta=delta)
        (ri, di), (rj, _) = m.type_point("SC-WD"), m.type_point("WC-SD")
        relation = m.type_relation("SC-WD", "WC-SD")
        expected = m.commitment_cost * ri - delta * m.benefit * di * rj
        assert relation.penalty[0] == pytest.approx(expected, abs=ATOL)
        assert relation.penalty[1] == 0.0
        assert relation.attention == pytest.approx(m.attention_cost * expected, abs=ATOL)
        penalised = m.pair_game(relation.names, relation.control, relation.dependence, tuple(relation.penalty))
        assert bg.repeated.critical_delta(penalised, ("Cooperate", "Cooperate")).delta <= delta + 1e-9


def test_attention_allocation_is_the_knapsack_optimum():
    # compared with exhaustive search over every subset of the relations that need hard coordination
    m = Model(departments=8, seed=3)
    relations = m.relations()
    needing = [k for k, r in enumerate(relations) if r.needs_hard]
    assert 4 <= len(needing) <= 12
    for budget in (0.0, 0.7, 1.9, 4.0, 100.0):
        chosen = allocate_attention(relations, budget)
        value = sum(r.surplus for r, c in zip(relations, chosen) if c)
        assert sum(r.attention for r, c in zip(relations, chosen) if c) <= budget + 1e-9
        assert not any(c for r, c in zip(relations, chosen) if not r.needs_hard)
        best = 0.0
        for size in range(len(needing) + 1):
            for subset in itertools.combinations(needing, size):
                if sum(relations[k].attention for k in subset) <= budget:
                    best = max(best, sum(relations[k].surplus for k in subset))
        assert value == pytest.approx(best, abs=1e-9)


# ------------------------------------------------------------------------------------ core-periphery
def test_core_periphery_finds_a_perfect_core():
    # nodes 0-3 tied to everyone, 4-9 only to the core: Borgatti and Everett's ideal structure
    a = np.zeros((10, 10))
    a[:4, :] = a[:, :4] = 1.0
    result = core_periphery(a, names=[f"n{k}" for k in range(10)])
    assert result.core == ("n0", "n1", "n2", "n3")
    assert result.correlation == pytest.approx(1.0, abs=ATOL)
    assert np.all(result.coreness[:4] > result.coreness[4:].max())


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0.05, 1.0), min_size=5, max_size=9))
def test_continuous_coreness_recovers_a_rank_one_pattern(values):
    # a_ij = c_i c_j off the diagonal is fitted exactly by c (up to scale)
    c = np.array(values)
    a = np.outer(c, c)
    result = core_periphery(a)
    assert np.allclose(result.coreness, c / c.max(), atol=FIT_ATOL)
    if np.ptp(c) > 1e-6:
        assert result.coreness_fit == pytest.approx(1.0, abs=1e-9)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_core_periphery_does_not_depend_on_node_order(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 9))
    upper = np.triu(rng.random((n, n)), 1)
    a = upper + upper.T
    names = [f"n{k}" for k in range(n)]
    order = rng.permutation(n)
    base = core_periphery(a, names=names)
    permuted = core_periphery(a[np.ix_(order, order)], names=[names[k] for k in order])
    assert permuted.correlation == pytest.approx(base.correlation, abs=1e-9)
    assert permuted.coreness_fit == pytest.approx(base.coreness_fit, abs=1e-7)
    coreness = dict(zip(names, base.coreness))
    assert np.allclose(permuted.coreness, [coreness[names[k]] for k in order], atol=1e-7)


# ------------------------------------------------------------------------------------ P1: soft fails where
def _hard_pairs(m: Model) -> set[tuple[str, str]]:
    return {(a, b) for a in TYPES for b in TYPES if m.type_relation(a, b).needs_hard}


def test_p1_soft_coordination_fails_only_for_strong_control_weak_dependence_with_weak_control(model):
    expected = {(a, b) for a, b in itertools.product(TYPES, TYPES)
                if {a, b} in ({"SC-WD", "WC-SD"}, {"SC-WD", "WC-WD"})}
    assert _hard_pairs(model) == expected
    failing = model.type_relation("SC-WD", "WC-SD")
    assert failing.critical_delta == pytest.approx(0.9, abs=ATOL)  # above the calibrated 0.8
    assert failing.critical_per_side[1] < 0.05  # it is the strong department whose incentive fails


def test_p1_stops_holding_with_less_or_more_patience(model):
    # below 0.5625 the strong-control/strong-dependence departments also stop serving weak ones
    low = _hard_pairs(dataclasses.replace(model, delta=0.5))
    assert {("SC-SD", "WC-SD"), ("SC-SD", "WC-WD"), ("SC-WD", "WC-SD")} <= low
    # from 0.9 on reciprocity sustains every type pair: no hard coordination is needed
    assert _hard_pairs(dataclasses.replace(model, delta=0.95)) == set()


# ------------------------------------------------------------------------------------ P2: who dominates
def test_p2_strong_control_takes_the_larger_share(model):
    for strong, weak in itertools.product(STRONG_CONTROL, WEAK_CONTROL):
        relation = model.type_relation(strong, weak)
        assert relation.dominant == strong
    for other in ("SC-SD", "WC-SD", "WC-WD"):
        assert model.type_relation("SC-WD", other).dominant == "SC-WD"


def test_p2_stops_holding_when_dependence_spreads_more_than_control():
    # Emerson: i dominates j iff r_i / d_i > r_j / d_j; with d_weak = 0.08 the WC-WD ratio
    # 0.1 / 0.08 exceeds SC-SD's 0.9 / 0.8
    m = Model(dependence_weak=0.08)
    assert m.type_relation("SC-SD", "WC-WD").dominant == "WC-WD"
    assert m.type_relation("SC-WD", "WC-WD").dominant == "SC-WD"


# ------------------------------------------------------------------------------------ P3: the network
def test_p3_strong_control_departments_form_the_core(county):
    assert set(county.structure.core) == set(county.county.strong_control)
    assert county.structure.correlation > 0.9


def test_p3_dominance_runs_from_control(county):
    net = county.net_dominance()
    types = county.county.types
    assert all(net[k] > 0 for k, kind in enumerate(types) if kind in STRONG_CONTROL)
    assert all(net[k] < 0 for k, kind in enumerate(types) if kind == "WC-SD")
    captured = np.zeros(len(types))
    index = {name: k for k, name in enumerate(county.county.names)}
    for relation, hard in zip(county.relations, county.hard):
        if relation.soft or hard:
            for side in (0, 1):
                captured[index[relation.names[side]]] += relation.shares[side] * relation.surplus
    strong = [captured[k] for k, kind in enumerate(types) if kind in STRONG_CONTROL]
    weak = [captured[k] for k, kind in enumerate(types) if kind in WEAK_CONTROL]
    assert min(strong) > 3 * max(weak)


@pytest.mark.parametrize("seed", range(6))
def test_p3_no_weak_control_department_enters_the_core(seed):
    # across counties drawn with other seeds: the core never holds a weak-control department, and
    # with attention for every failing relation it is exactly the strong-control departments
    assert Model(seed=seed).coordinate().structure.core
    out = coordination.cell(seed=seed)
    assert out["core_weak_control"] == 0
    assert coordination.cell(seed=seed, attention_budget=100.0)["strong_core"]


def test_p3_core_shrinks_when_strong_departments_depend_little():
    # with dependence_weak = 0.2 the SC-WD departments' relations with weak-control ones need more
    # attention than the budget buys; the core keeps only the SC-SD departments
    result = Model(dependence_weak=0.2).coordinate()
    core = set(result.structure.core)
    assert core == {name for name, kind in zip(result.county.names, result.county.types) if kind == "SC-SD"}


def test_p3_stops_holding_when_control_is_less_concentrated_than_dependence():
    m = Model(control_strong=0.6, control_weak=0.4, dependence_strong=0.9, dependence_weak=0.2)
    result = m.coordinate()
    kinds = {result.county.types[result.county.names.index(name)] for name in result.structure.core}
    assert kinds == {"SC-SD", "WC-SD"}  # the strong-dependence departments are now the core


# ------------------------------------------------------------------------------------ P4: attention
def test_p4_surplus_rises_with_attention_up_to_full_cooperation(model):
    relations = model.relations()
    needed = sum(r.attention for r in relations if r.needs_hard)
    surpluses = [dataclasses.replace(model, attention_budget=b).coordinate(relations).surplus
                 for b in (0.0, 0.5, 2.0, needed / 2, needed)]
    assert all(b >= a - ATOL for a, b in zip(surpluses, surpluses[1:]))
    full = dataclasses.replace(model, attention_budget=needed).coordinate(relations)
    assert surpluses[0] == pytest.approx(full.soft_surplus, abs=ATOL)
    assert surpluses[-1] == pytest.approx(full.possible_surplus, abs=1e-9)


def test_p4_patience_substitutes_for_attention(model):
    needed = [sum(r.attention for r in dataclasses.replace(model, delta=d).relations() if r.needs_hard)
              for d in (0.5, 0.7, 0.8, 0.9)]
    assert all(b < a for a, b in zip(needed, needed[1:]))


# ------------------------------------------------------------------------------------ bad inputs
@pytest.mark.parametrize("kwargs,match", [
    ({"delta": 1.0}, r"delta must be in \(0, 1\); got 1.0"),
    ({"departments": 3}, r"departments must be in \[4, 16\]; got 3"),
    ({"control_weak": 0.95}, r"control_weak must be < control_strong"),
    ({"dependence_weak": 0.8}, r"dependence_weak must be < dependence_strong"),
    ({"jitter": 0.15}, r"jitter must be < control_weak"),
    ({"control_strong": 0.99}, r"jitter must be <= 1 - control_strong"),
    ({"control_strong": 0.3, "control_weak": 0.27}, r"types do not overlap"),
    ({"attention_budget": -1.0}, r"attention_budget must be in \[0, inf\)"),
    ({"benefit": 0.0}, r"benefit must be in \(0, inf\)"),
])
def test_bad_parameters(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=match):
        Model(**kwargs)


def test_bad_parameter_types():
    with pytest.raises(ArgumentTypeError, match="delta must be a real number"):
        Model(delta="0.8")
    with pytest.raises(ArgumentTypeError, match="departments must be an integer; got 6.5"):
        Model(departments=6.5)


def test_bad_method_arguments(model):
    with pytest.raises(InvalidArgumentError, match="type must be one of"):
        model.type_relation("SC-XX", "WC-SD")
    with pytest.raises(InvalidArgumentError, match="penalty must be finite and >= 0"):
        model.pair_game(("A", "B"), (0.5, 0.5), (0.5, 0.5), penalty=(-1.0, 0.0))
    with pytest.raises(ArgumentTypeError, match="control must be a pair"):
        model.pair_game(("A", "B"), 0.5, (0.5, 0.5))
    with pytest.raises(InvalidArgumentError, match="budget must be a finite number >= 0"):
        allocate_attention(model.relations()[:2], -1.0)
    with pytest.raises(ArgumentTypeError, match="relations must be Relation records"):
        allocate_attention([1, 2], 1.0)


@pytest.mark.parametrize("weights,match", [
    (np.ones((3, 3)), "between 4 and 16 nodes"),
    (np.ones((4, 5)), r"square \(n, n\) array"),
    (np.triu(np.ones((5, 5)), 1), "symmetric"),
    (-np.ones((5, 5)), ">= 0"),
    (np.full((5, 5), np.nan), "finite"),
])
def test_bad_core_periphery_weights(weights, match):
    with pytest.raises(InvalidArgumentError, match=match):
        core_periphery(weights)


# ------------------------------------------------------------------------------------ command line
@pytest.fixture
def registered():
    models.register("coordination", coordination, replace=True)
    try:
        yield
    finally:
        models.unregister("coordination")


def test_cli_solve(registered, capsys):
    assert cli(["solve", "coordination", "--set", "delta=0.9"]) == 0
    out = capsys.readouterr().out
    assert "Cooperate" in out and "Shirk" in out
    assert "SC-WD: Shirk, WC-SD: Shirk" in out  # the stage game's only equilibrium


def test_cli_bad_parameter_is_one_line(registered, capsys):
    assert cli(["solve", "coordination", "--set", "delta=1.5"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "delta must be in (0, 1); got 1.5" in err
    assert cli(["solve", "coordination", "--set", "detla=0.5"]) == 2
    assert "did you mean 'delta'" in capsys.readouterr().err
