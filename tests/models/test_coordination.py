"""The coordination model (seed 000): closed forms, the case's propositions computed at the
calibrated defaults together with parameters where their negation is computed, the core-periphery
score, bad inputs and the command line."""

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

ATOL = 1e-9  # closed forms against the solvers' output (Brent's method runs to 1e-15)

WEAK_CONTROL = ("WC-SD", "WC-WD")
STRONG_CONTROL = ("SC-SD", "SC-WD")
STRONG_WEAK = list(itertools.product(STRONG_CONTROL, WEAK_CONTROL))

#: Control less concentrated than dependence (the swap the model card discusses).
SWAPPED = {"control_strong": 0.6, "control_weak": 0.4, "dependence_strong": 0.9, "dependence_weak": 0.2}


@pytest.fixture(scope="module")
def model() -> Model:
    return Model()


@pytest.fixture(scope="module")
def county(model):
    return model.coordinate()


def _stage(relation, game):
    """(T, R, P) of each side of a pair game: temptation, reward and the mutual-shirking payoff."""
    A, B = game.payoffs
    return ((A[1, 0], A[0, 0], A[1, 1]), (B[0, 1], B[0, 0], B[1, 1]))


# ------------------------------------------------------------------------------------ protocol
def test_protocol():
    assert isinstance(coordination.DESCRIPTION, str) and "\n" not in coordination.DESCRIPTION
    assert coordination.SEED.startswith("000_")
    game = Model().stage_game()
    assert game.players == ("SC-WD", "WC-SD")
    assert game.strategies == (coordination.RECIPROCITY, coordination.RECIPROCITY)
    for parameter in models.parameters(Model):
        assert parameter.source.strip() and parameter.meaning.strip()
        assert parameter.contains(parameter.default)


def test_cell_gives_scalars_and_sweeps():
    table = bg.sweep(coordination.cell, {"departments": [4, 8]}, executor="serial", progress=False)
    assert table["pairs"].tolist() == [6, 28]
    # P1 by counting, with no favours: the failing pairs are those of an SC-WD department with a
    # weak-control one, (N/4) * (N/2) of them: 1 * 2 and 2 * 4
    table = bg.sweep(coordination.cell, {"departments": [4, 8], "favour_capacity": [0.0]},
                     executor="serial", progress=False)
    assert table["hard_needed"].tolist() == [2, 8]


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
    expected = model.benefit * (di * rj + dj * ri) - model.commitment_cost * (ri + rj)
    assert relation.surplus == pytest.approx(expected, abs=ATOL)


def _favour_bounds(m: Model, relation):
    """By hand: the self-enforcing favours [tau_lo, tau_hi] of the penalised game, and the affordable ones."""
    game = m.pair_game(relation.names, relation.control, relation.dependence, tuple(relation.penalty))
    (Ti, Ri, Pi), (Tj, Rj, Pj) = _stage(relation, game)
    d = m.delta
    return ((1 - d) * Ti + d * Pi - Ri, Rj - (1 - d) * Tj - d * Pj,
            -m.favour_capacity * relation.control[0], m.favour_capacity * relation.control[1], (Ri, Rj, Pi, Pj))


@pytest.mark.parametrize("changes", [{}, {"delta": 0.55}, {"power_exponent": 1.0}, {"favour_capacity": 0.3},
                                     {"favour_capacity": 0.0}])
@pytest.mark.parametrize("first,second", list(itertools.combinations_with_replacement(TYPES, 2)))
def test_split_is_the_nash_solution_on_the_affordable_self_enforcing_favours(first, second, changes):
    # One-shot deviation with favours tau paid while both cooperate: side i stays iff
    # R_i + tau >= (1 - delta) T_i + delta P_i, side j iff R_j - tau >= (1 - delta) T_j + delta P_j;
    # favours must also be affordable: -phi r_i <= tau <= phi r_j. On the transferable-utility line
    # from the disagreement point d the asymmetric Nash solution gives u_i - d_i = w_i / (w_i + w_j)
    # (R_i + R_j - d_i - d_j) (Kalai 1977); restricted to an interval of that line the log-concave
    # Nash product peaks at the nearest end (clip).
    m = Model(**changes)
    relation = m.type_relation(first, second)
    lo, hi, cap_lo, cap_hi, (Ri, Rj, Pi, Pj) = _favour_bounds(m, relation)
    assert relation.favour_range.tolist() == pytest.approx([lo, hi], abs=ATOL)
    assert relation.capacity.tolist() == pytest.approx([cap_lo, cap_hi], abs=ATOL)
    assert relation.disagreement.tolist() == pytest.approx([Pi, Pj], abs=ATOL)
    wi, wj = relation.weights
    power = Pi + wi / (wi + wj) * (Ri + Rj - Pi - Pj) - Ri
    assert relation.power_favour == pytest.approx(power, abs=ATOL)
    low, high = max(lo, cap_lo), min(hi, cap_hi)
    assert low <= high + ATOL
    assert relation.favour == pytest.approx(min(max(power, low), high), abs=ATOL)
    assert relation.shares.sum() == pytest.approx(1.0, abs=ATOL)


@pytest.mark.parametrize("first,second", [("SC-SD", "WC-SD"), ("SC-WD", "WC-WD"), ("SC-SD", "SC-WD")])
def test_the_agreement_is_self_enforcing_and_more_favours_are_not(model, first, second):
    relation = model.type_relation(first, second)
    game = model.pair_game(relation.names, relation.control, relation.dependence, tuple(relation.penalty),
                           relation.favour)
    assert bg.repeated.critical_delta(game, ("Cooperate", "Cooperate")).delta <= model.delta + 1e-9
    for end, step in zip(relation.favour_range, (-1e-6, 1e-6)):
        beyond = model.pair_game(relation.names, relation.control, relation.dependence, tuple(relation.penalty),
                                 float(end + step))
        assert bg.repeated.critical_delta(beyond, ("Cooperate", "Cooperate")).delta > model.delta


@pytest.mark.parametrize("delta,phi", [(0.5, 0.025), (0.8, 0.025), (0.8, 0.0), (0.3, 0.01)])
def test_penalty_is_the_least_that_leaves_affordable_self_enforcing_favours(delta, phi):
    # SC-WD (i) with WC-SD (j) at the corners: i cooperates for favours of at least
    # tau_lo = kappa r_i - delta benefit d_i r_j (the Friedman condition with favours), and j can afford
    # phi r_j, so the authority must make up the difference with a penalty on i's shirking; a
    # penalty p shifts tau_lo down by p one for one (it lowers T_i and P_i alike).
    m = Model(delta=delta, favour_capacity=phi)
    (ri, di), (rj, _) = m.type_point("SC-WD"), m.type_point("WC-SD")
    relation = m.type_relation("SC-WD", "WC-SD")
    expected = m.commitment_cost * ri - delta * m.benefit * di * rj - phi * rj
    assert expected > 0
    assert relation.penalty.tolist() == pytest.approx([expected, 0.0], abs=ATOL)
    assert relation.attention == pytest.approx(m.attention_cost * expected, abs=ATOL)
    assert relation.disagreement[0] == pytest.approx(-expected, abs=ATOL)  # the penalty moves its threat point
    # the solver's own check: with the penalty and the favours agreed cooperation is self-enforcing;
    # with 1% less penalty no affordable favour makes it so
    agreed = m.pair_game(relation.names, relation.control, relation.dependence, tuple(relation.penalty),
                         relation.favour)
    assert bg.repeated.critical_delta(agreed, ("Cooperate", "Cooperate")).delta <= delta + 1e-9
    assert relation.favour <= phi * rj + ATOL
    short = m.pair_game(relation.names, relation.control, relation.dependence, (0.99 * expected, 0.0), phi * rj)
    assert bg.repeated.critical_delta(short, ("Cooperate", "Cooperate")).per_player[0] > delta


@settings(max_examples=30, deadline=None)
@given(st.floats(0.05, 0.99), st.floats(0.05, 1.0), st.floats(0.05, 1.0), st.floats(0.05, 1.0),
       st.floats(0.05, 1.0))
def test_mutual_reciprocity_is_an_equilibrium_iff_reciprocity_sustains_cooperation(delta, ri, rj, di, dj):
    # Against grim trigger the best deviation is to shirk at once, so (Reciprocate, Reciprocate) is
    # a Nash equilibrium of the reduced game exactly when the critical discount factor is <= delta.
    m = Model(delta=delta)
    names = ("A", "B")
    critical = bg.repeated.critical_delta(m.pair_game(names, (ri, rj), (di, dj)), ("Cooperate", "Cooperate")).delta
    if abs(critical - delta) < 1e-6:
        return  # a tie: the answer rests on rounding
    game = m.reciprocity_game(names, (ri, rj), (di, dj))
    assert bg.is_equilibrium(game, ("Reciprocate", "Reciprocate")) == (critical <= delta)


def test_two_sided_penalty_when_the_pooled_constraint_fails():
    # A pair whose incentive constraints cannot hold together at delta = 0.125 even with unlimited
    # favours: tau_lo = kappa r_i - delta T_i > tau_hi = delta T_j - kappa r_j. The least total
    # penalty is the gap tau_lo - tau_hi (each unit of penalty closes one unit of it), split so that
    # each side's stays below its commitment cost (mutual shirking stays the stage equilibrium).
    m = Model(delta=0.125, favour_capacity=0.5)
    names, control, dependence = ("A", "B"), (0.125, 0.125), (0.125, 0.25)
    relation = m.relation(names, control, dependence)
    k, b, d = m.commitment_cost, m.benefit, m.delta
    Ti, Tj = b * dependence[0] * control[1], b * dependence[1] * control[0]
    gap = (k * control[0] - d * Ti) - (d * Tj - k * control[1])
    assert gap > 0 and relation.needs_hard
    assert relation.penalty.sum() == pytest.approx(gap, abs=ATOL)
    assert (relation.penalty > 0).all() and (relation.penalty < k * np.asarray(control)).all()
    # the solver's check: with the penalties and the favours agreed cooperation is self-enforcing,
    # and with 1% less penalty on both sides no favour in a fine grid makes it so
    agreed = m.pair_game(names, control, dependence, tuple(relation.penalty), relation.favour)
    assert bg.repeated.critical_delta(agreed, ("Cooperate", "Cooperate")).delta <= d + 1e-9
    short = tuple(0.99 * relation.penalty)
    for tau in np.linspace(-0.0625, 0.0625, 401):
        game = m.pair_game(names, control, dependence, short, float(tau))
        assert bg.repeated.critical_delta(game, ("Cooperate", "Cooperate")).delta > d


def test_an_incentive_constraint_can_hold_the_split():
    # Emerson's weights with favours that never run out: SC-SD would take 0.9 of S = 0.75 from WC-SD,
    # favours 0.9 * 0.75 - 0.035 = 0.64, more than WC-SD's incentive allows, tau_hi = 0.8 * 0.72 - 0.005
    relation = Model(favour_capacity=10.0, power_exponent=1.0).type_relation("SC-SD", "WC-SD")
    assert relation.power_favour == pytest.approx(0.9 * 0.75 - 0.035, abs=ATOL)
    assert relation.binding == "WC-SD" and relation.binding_constraint == "incentive"
    assert relation.favour == pytest.approx(0.8 * 0.72 - 0.005, abs=ATOL)


@pytest.mark.parametrize("changes", [
    {"dependence_weak": 0.001, "jitter": 0.0, "delta": 0.01}, {"control_weak": 0.001, "jitter": 0.0},
    {"dependence_weak": 0.001, "control_weak": 0.001, "jitter": 0.0, "delta": 0.999}, {"delta": 0.999},
    {"commitment_cost": 0.0}, {"favour_capacity": 1e6, "delta": 0.05},
])
def test_extreme_parameters_solve_without_error(changes):
    m = Model(departments=8, **changes)
    result = m.coordinate()
    for relation in result.relations:
        assert relation.attention >= 0 and np.isfinite(relation.attention)
        if relation.gains:
            assert relation.shares.sum() == pytest.approx(1.0, abs=1e-6)
            # the solver's check of the agreement: self-enforcing with its penalty, and affordable
            agreed = m.pair_game(relation.names, relation.control, relation.dependence, tuple(relation.penalty),
                                 relation.favour)
            assert bg.repeated.critical_delta(agreed, ("Cooperate", "Cooperate")).delta <= m.delta + 1e-9
            scale = max(1.0, relation.surplus) * 1e-9
            assert relation.capacity[0] - scale <= relation.favour <= relation.capacity[1] + scale


@settings(max_examples=40, deadline=None)
@given(st.floats(0.05, 0.99), st.floats(0.05, 1.0), st.floats(0.05, 1.0), st.floats(0.05, 1.0),
       st.floats(0.05, 1.0), st.floats(0.0, 0.5))
def test_soft_iff_some_affordable_favour_sustains_cooperation(delta, ri, rj, di, dj, phi):
    # checked by a grid over the affordable favours with the solver, not by the interval algebra
    m = Model(delta=delta, favour_capacity=phi)
    names = ("A", "B")
    relation = m.relation(names, (ri, rj), (di, dj))
    if not relation.gains:
        assert not relation.soft and not relation.needs_hard
        return
    grid = np.linspace(-phi * ri, phi * rj, 201)
    thresholds = [bg.repeated.critical_delta(m.pair_game(names, (ri, rj), (di, dj), favour=float(t)),
                                             ("Cooperate", "Cooperate")).delta for t in grid]
    best = min(thresholds)
    if abs(best - delta) < 1e-3:
        return  # within the grid's resolution of a tie
    if best < delta:
        assert relation.soft
    elif relation.soft:  # soft though no grid point works: only a sliver of favours between grid points
        width = min(relation.favour_range[1], phi * rj) - max(relation.favour_range[0], -phi * ri)
        assert width < (phi * (ri + rj)) / 200 + 1e-12
    assert relation.reciprocal == (relation.critical_delta <= delta)
    assert not relation.reciprocal or relation.soft


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


def test_dominance_pattern_finds_the_dominant_set():
    # 0-2 dominate 3-7 by 1 and no one else dominates anyone: a perfect fit
    a = np.zeros((8, 8))
    a[:3, 3:] = 1.0
    result = core_periphery(a, pattern="dominance")
    assert result.core == ("0", "1", "2")
    assert result.correlation == pytest.approx(1.0, abs=ATOL)
    # by hand: all 20 ordered pairs are scored (6 core-to-periphery 1s, 14 zeros, among them
    # d[2, 3] = 0.1): sums a 6.1, a^2 6.01, pattern 6, a * pattern 6, so Pearson's r =
    # (20 * 6 - 6.1 * 6) / sqrt((20 * 6.01 - 6.1**2) (20 * 6 - 6**2))
    d = np.zeros((5, 5))
    d[:2, 2:] = 1.0
    d[2, 3] = 0.1
    expected = (20 * 6 - 6.1 * 6) / math.sqrt((20 * 6.01 - 6.1**2) * (20 * 6 - 6**2))
    assert core_periphery(d, pattern="dominance").correlation == pytest.approx(expected, abs=1e-12)


def test_dominance_pattern_keeps_a_dominated_middle_tier_out_of_the_core():
    # 0 and 1 dominate everyone; 2 dominates the periphery 3-5 a little but is dominated by 0 and 1
    # strongly. Core-core pairs are scored (core members are equals), so 2 belongs to the periphery:
    # with 2 in the core the two large arcs into it would sit in the core-core block
    a = np.zeros((6, 6))
    a[:2, 2:] = 1.0
    a[0, 2] = a[1, 2] = 2.0
    a[2, 3:] = 0.3
    assert core_periphery(a, pattern="dominance").core == ("0", "1")


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(coordination.PATTERNS))
def test_core_periphery_does_not_depend_on_node_order(seed, pattern):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 9))
    a = rng.random((n, n))
    if pattern == "undirected":
        a = np.triu(a, 1) + np.triu(a, 1).T
    names = [f"n{k}" for k in range(n)]
    order = rng.permutation(n)
    base = core_periphery(a, names=names, pattern=pattern)
    permuted = core_periphery(a[np.ix_(order, order)], names=[names[k] for k in order], pattern=pattern)
    assert permuted.correlation == pytest.approx(base.correlation, abs=1e-9)
    assert set(permuted.core) == set(base.core)


# ------------------------------------------------------------------------------------ P1: soft fails where
def _hard_pairs(m: Model) -> set[tuple[str, str]]:
    return {(a, b) for a in TYPES for b in TYPES if m.type_relation(a, b).needs_hard}


SC_WD_WITH_WEAK = {(a, b) for a, b in itertools.product(TYPES, TYPES)
                   if {a, b} in ({"SC-WD", "WC-SD"}, {"SC-WD", "WC-WD"})}


@pytest.mark.parametrize("changes,holds", [
    ({}, True), ({"delta": 0.7}, True), ({"delta": 0.55}, True), ({"favour_capacity": 0.0}, True),
    ({"delta": 0.91}, False), ({"favour_capacity": 0.06}, False),
])
def test_p1_hard_coordination_only_where_a_strong_department_serves_a_weak_one_it_needs_little(changes, holds):
    # At the corners the SC-WD department needs favours kappa r_i - delta benefit d_i r_j =
    # 0.045 - 0.05 delta from a weak-control partner that can afford phi * 0.1; the SC-SD department
    # needs 0.045 - 0.08 delta, at most 0.001 for delta >= 0.55. So the authority is needed exactly in
    # the SC-WD pairs with weak-control departments while 0.045 - 0.05 delta > 0.1 phi, and in no pair
    # once delta >= 0.9 (0.045 - 0.05 delta <= 0) or phi > 0.05 at delta = 0.8.
    m = Model(**changes)
    hard = _hard_pairs(m)
    assert (hard == SC_WD_WITH_WEAK) == holds
    if not holds:
        assert hard == set()
    failing = m.type_relation("SC-WD", "WC-SD")
    assert failing.critical_delta == pytest.approx(0.9, abs=ATOL)
    assert failing.critical_per_side[1] < 0.05  # it is the strong department whose incentive fails
    # reciprocity alone fails wherever delta < 0.9, favours or not
    assert failing.reciprocal == (m.delta >= 0.9)


def test_p1_without_favours_reciprocity_decides():
    # with phi = 0 a relation is soft exactly when reciprocity alone sustains it
    for delta in (0.5, 0.8):
        m = Model(delta=delta, favour_capacity=0.0, departments=8)
        assert all(r.soft == r.reciprocal for r in m.relations())


# ------------------------------------------------------------------------------------ P2: who depends on whom
@pytest.mark.parametrize("changes", [{}, {"delta": 0.55}, {"delta": 0.95}, {"power_exponent": 1.0},
                                     {"power_exponent": -1.0}, {"favour_capacity": 0.0}])
def test_p2_the_weak_control_department_depends_on_the_strong_one(changes):
    # equal-weight bargaining would split the surplus evenly, which needs favours from the weak-control
    # department of (R_j - R_i) / 2, far more than phi r_j: its capacity binds, the strong department's
    # stake is R_i + phi r_j and the weak one's R_j - phi r_j (closed form, then the finding: the
    # strong department captures under a tenth and dominates)
    m = Model(**changes)
    for strong, weak in STRONG_WEAK:
        relation = m.type_relation(strong, weak)
        (ri, di), (rj, _) = m.type_point(strong), m.type_point(weak)
        Ri = m.benefit * di * rj - m.commitment_cost * ri
        expected = (Ri + m.favour_capacity * rj) / relation.surplus
        assert relation.shares[0] == pytest.approx(expected, abs=ATOL)
        assert relation.binding == weak and relation.binding_constraint == "capacity"
        assert relation.shares[0] < 0.1
        assert relation.dominant == strong


def test_p2_stops_holding_when_the_weak_can_pay():
    # with favours the weak-control department can afford (phi r_j >= (R_j - R_i) / 2 in every pair:
    # at most 0.355 at the corners, so phi = 4) equal weights give equal stakes and no one dominates
    m = Model(favour_capacity=4.0)
    for first, second in itertools.combinations_with_replacement(TYPES, 2):
        relation = m.type_relation(first, second)
        assert relation.shares.tolist() == pytest.approx([0.5, 0.5], abs=ATOL)
        assert relation.dominant is None and relation.binding is None
    # Emerson's weights then decide: the strong-control department captures more, so the weak one
    # has less at stake and dominates
    emerson = Model(favour_capacity=4.0, power_exponent=1.0).type_relation("SC-SD", "WC-SD")
    assert emerson.shares[0] > 0.5 and emerson.dominant == "WC-SD"


# ------------------------------------------------------------------------------------ P3: the network
def test_p3_dominance_runs_from_control(county):
    net = county.net_dominance()
    types = county.county.types
    assert all(net[k] > 0 for k, kind in enumerate(types) if kind in STRONG_CONTROL)
    assert all(net[k] < 0 for k, kind in enumerate(types) if kind in WEAK_CONTROL)
    # stakes: in every realised relation of a strong-control with a weak-control department the weak
    # one has more at stake
    strong = [k for k, kind in enumerate(types) if kind in STRONG_CONTROL]
    weak = [k for k, kind in enumerate(types) if kind in WEAK_CONTROL]
    pairs = [(i, j) for i in strong for j in weak if county.weights[i, j] > 0]
    assert len(pairs) >= 30
    assert all(county.captured[j, i] > county.captured[i, j] for i, j in pairs)
    # the dominance network is antisymmetric in support and built from realised relations only, and
    # i dominates j exactly when j captures more in their relation
    assert not np.any((county.dominance > 0) & (county.dominance.T > 0))
    assert np.all((county.dominance > 0) <= (county.weights > 0))
    arcs = np.argwhere(county.dominance > 0)
    assert all(county.captured[j, i] > county.captured[i, j] for i, j in arcs)


@pytest.mark.parametrize("changes,strong_core", [
    ({}, True),
    ({"attention_budget": 100.0}, True),
    ({"power_exponent": 1.0}, True),   # the weights barely move a split while favours are scarce
    ({"power_exponent": -1.0}, True),
    ({"favour_capacity": 0.0}, True),
    ({"favour_capacity": 1.0}, True),
    ({"dependence_weak": 0.65}, True),
    ({"favour_capacity": 3.0}, False),   # the weak can pay: the structure dissolves
    ({"delta": 0.5}, False),             # the budget leaves SC-WD relations unrealised ...
    ({"delta": 0.5, "attention_budget": 100.0}, True),  # ... with attention for all, the core returns
    ({"dependence_weak": 0.2}, False),
    ({"dependence_weak": 0.2, "attention_budget": 100.0}, True),
    (SWAPPED, False),                    # the least dependent dominate, whatever they control
])
def test_p3_strong_control_core_and_where_it_stops(changes, strong_core):
    out = coordination.cell(**changes)
    assert out["strong_core"] == strong_core


@pytest.mark.parametrize("changes", [{}, {"favour_capacity": 0.3}, {"delta": 0.6}])
def test_p3_dominance_network_is_the_closed_form_of_stakes(changes):
    # With attention for every relation and no penalty binding the split, each stake is R + tau with
    # tau the equal split's favour (R_j - R_i) / 2 clipped to the affordable favours [-phi r_i, phi r_j]
    # (the incentive constraints do not bind at these settings); i dominates j by stake_j - stake_i.
    m = Model(attention_budget=1000.0, **changes)
    result = m.coordinate()
    c, k, b, phi = result.county, m.commitment_cost, m.benefit, m.favour_capacity
    n = len(c.names)
    expected = np.zeros((n, n))
    for relation in result.relations:
        if not relation.gains or relation.needs_hard:
            continue  # a hard relation's split is set by its penalty
        i, j = c.names.index(relation.names[0]), c.names.index(relation.names[1])
        Ri = b * c.dependence[i] * c.control[j] - k * c.control[i]
        Rj = b * c.dependence[j] * c.control[i] - k * c.control[j]
        tau = min(max((Rj - Ri) / 2, -phi * c.control[i]), phi * c.control[j])
        margin = (Rj - tau) - (Ri + tau)
        expected[i, j], expected[j, i] = max(margin, 0.0), max(-margin, 0.0)
    soft = np.zeros((n, n), dtype=bool)
    for relation in result.relations:
        if relation.soft:
            i, j = c.names.index(relation.names[0]), c.names.index(relation.names[1])
            soft[i, j] = soft[j, i] = True
    assert np.abs(np.where(soft, result.dominance, 0.0) - expected).max() < 1e-9


def test_p3_without_constraints_there_is_no_dominance():
    # equal weights and favours that never bind: every stake is half the surplus, no arcs, no core
    result = Model(favour_capacity=10.0).coordinate()
    assert not (result.dominance > 0).any()
    assert result.structure.core == () and math.isnan(result.structure.correlation)


def test_p3_budget_decides_whether_sc_wd_departments_are_in_the_core():
    # at delta 0.5 the default budget leaves most of the SC-WD departments' relations with the
    # weak-control departments unrealised (16 of 18), and the core shrinks to the SC-SD departments
    result = Model(delta=0.5).coordinate()
    assert set(result.structure.core) == {n for n in result.county.names if n.startswith("SC-SD")}
    unrealised = {frozenset(r.names) for r, h in zip(result.relations, result.hard) if r.needs_hard and not h}
    sc_wd_weak = {frozenset((a, b)) for a in result.county.names for b in result.county.names
                  if a.startswith("SC-WD") and b.startswith("WC")}
    assert len(unrealised & sc_wd_weak) >= 16


def test_p3_swapped_concentration_puts_the_least_dependent_at_the_core():
    result = Model(**SWAPPED).coordinate()
    assert set(result.structure.core) == {n for n in result.county.names if "-WD-" in n}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_p3_holds_in_counties_drawn_with_other_seeds(seed):
    assert coordination.cell(seed=seed)["strong_core"]


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


def test_p4_closed_form_attention_for_every_failing_relation(model):
    # Closed-form check of the solver (restates the penalty formula): the attention that coordinates
    # every failing relation is attention_cost times the sum over pairs with gains of the shortfall
    # max(0, tau_lo - min(tau_hi, phi r_j)) + max(0, -phi r_i - tau_hi), plus any gap tau_lo - tau_hi
    county = model.county()
    for delta in (0.5, 0.8, 0.95):
        for phi in (0.0, 0.025):
            m = dataclasses.replace(model, delta=delta, favour_capacity=phi)
            by_hand = 0.0
            for i, j in itertools.combinations(range(m.departments), 2):
                ri, rj, di, dj = county.control[i], county.control[j], county.dependence[i], county.dependence[j]
                if m.benefit * (di * rj + dj * ri) <= m.commitment_cost * (ri + rj):
                    continue
                lo = m.commitment_cost * ri - delta * m.benefit * di * rj
                hi = delta * m.benefit * dj * ri - m.commitment_cost * rj
                pi, pj = max(0.0, lo - phi * rj), max(0.0, -phi * ri - hi)
                by_hand += pi + pj + max(0.0, (lo - pi) - (hi + pj))
            needed = sum(r.attention for r in m.relations() if r.needs_hard)
            assert needed == pytest.approx(m.attention_cost * by_hand, abs=1e-6)


def test_p4_favours_and_patience_substitute_for_attention():
    # the attention that coordinates every failing relation falls with patience and with favours
    def needed(**changes):
        return sum(r.attention for r in Model(**changes).relations() if r.needs_hard)
    by_delta = [needed(delta=d) for d in (0.5, 0.7, 0.8, 0.9, 0.95)]
    by_phi = [needed(favour_capacity=p) for p in (0.0, 0.0125, 0.025, 0.04)]
    assert all(b < a for a, b in zip(by_delta, by_delta[1:]))
    assert all(b < a for a, b in zip(by_phi, by_phi[1:]))


# ------------------------------------------------------------------------------------ bad inputs
@pytest.mark.parametrize("kwargs,match", [
    ({"delta": 1.0}, r"delta must be in \(0, 0.999\]; got 1.0"),
    ({"control_weak": 0.0005, "jitter": 0.0}, r"control_weak must be in \[0.001, 1\]; got 0.0005"),
    ({"departments": 3}, r"departments must be in \[4, 16\]; got 3"),
    ({"control_weak": 0.95}, r"control_weak must be < control_strong"),
    ({"dependence_weak": 0.8}, r"dependence_weak must be < dependence_strong"),
    ({"jitter": 0.15}, r"jitter must be <= control_weak - 0.001"),
    ({"favour_capacity": -0.1}, r"favour_capacity must be in \[0, inf\); got -0.1"),
    ({"favour_capacity": math.inf}, r"favour_capacity must be finite"),
    ({"favour_capacity": math.nan}, r"favour_capacity must be finite"),
    ({"power_exponent": 2.0}, r"power_exponent must be in \[-1, 1\]; got 2.0"),
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
    with pytest.raises(ArgumentTypeError, match="favour_capacity must be a real number"):
        Model(favour_capacity="0.1")
    with pytest.raises(ArgumentTypeError, match="favour_capacity must be a real number"):
        Model(favour_capacity=True)


@pytest.mark.parametrize("args,error,match", [
    ((("A", "B"), (-0.1, 0.5), (0.5, 0.5)), InvalidArgumentError, r"control must be a pair of numbers in \[0.001, 1\]"),
    ((("A", "B"), (0.0, 0.5), (0.5, 0.5)), InvalidArgumentError,
     r"control must be a pair of numbers in \[0.001, 1\]; got \(0.0, 0.5\)"),
    ((("A", "B"), (0.9, 1e-12), (0.5, 0.8)), InvalidArgumentError, r"control must be a pair of numbers in \[0.001, 1\]"),
    ((("A", "B"), (0.5, 0.5), (0.5, 1.5)), InvalidArgumentError, r"dependence must be a pair of numbers in \[0.001, 1\]"),
    ((("A", "B"), 0.5, (0.5, 0.5)), ArgumentTypeError, "control must be a pair of real numbers; got 0.5"),
    ((("A", "B"), (0.5, 0.5, 0.5), (0.5, 0.5)), ArgumentTypeError, "control must be a pair of real numbers"),
    ((("A", "B"), ("x", 0.5), (0.5, 0.5)), ArgumentTypeError, "control must be a pair of real numbers"),
    ((("A", "A"), (0.5, 0.5), (0.5, 0.5)), InvalidArgumentError, "names must be two different departments"),
    (("AB", (0.5, 0.5), (0.5, 0.5)), ArgumentTypeError, "names must be a pair of strings"),
])
def test_bad_relation_arguments(model, args, error, match):
    with pytest.raises(error, match=match):
        model.relation(*args)


def test_a_pair_given_as_an_iterator_is_read_once(model):
    expected = model.relation(("A", "B"), (0.9, 0.1), (0.5, 0.8))
    got = model.relation(("A", "B"), iter([0.9, 0.1]), (v for v in (0.5, 0.8)))
    assert got.control.tolist() == [0.9, 0.1] and got.dependence.tolist() == [0.5, 0.8]
    assert got.shares.tolist() == expected.shares.tolist()


def test_bad_method_arguments(model):
    with pytest.raises(InvalidArgumentError, match="type must be one of"):
        model.type_relation("SC-XX", "WC-SD")
    with pytest.raises(InvalidArgumentError, match=r"penalty must be a pair of numbers in \[0, inf\)"):
        model.pair_game(("A", "B"), (0.5, 0.5), (0.5, 0.5), penalty=(-1.0, 0.0))
    with pytest.raises(ArgumentTypeError, match="favour must be a finite real number"):
        model.pair_game(("A", "B"), (0.5, 0.5), (0.5, 0.5), favour=math.nan)
    with pytest.raises(InvalidArgumentError, match="budget must be a finite number >= 0"):
        allocate_attention(model.relations()[:2], -1.0)
    with pytest.raises(ArgumentTypeError, match="relations must be Relation records"):
        allocate_attention([1, 2], 1.0)


def test_coordinate_refuses_relations_of_another_model():
    small = Model(departments=8)
    relations = small.relations()
    # reuse across budgets is what the argument is for
    assert Model(departments=8, attention_budget=5.0).coordinate(relations).surplus >= small.coordinate().surplus
    with pytest.raises(InvalidArgumentError, match="relations must hold the 45 pairs of this county of 10"):
        Model(departments=10).coordinate(relations)
    with pytest.raises(InvalidArgumentError, match="relations must come from this model's relations"):
        Model(departments=8, seed=1).coordinate(relations)  # other departments
    with pytest.raises(InvalidArgumentError, match="relations must come from this model's relations"):
        Model(departments=8, delta=0.9).coordinate(relations)  # solved at another delta
    for changes in ({"favour_capacity": 0.1}, {"power_exponent": 1.0}, {"attention_cost": 50.0},
                    {"commitment_cost": 0.04}):
        with pytest.raises(InvalidArgumentError, match="relations must come from this model's relations"):
            Model(departments=8, **changes).coordinate(relations)
    with pytest.raises(ArgumentTypeError, match="relations must be Relation records"):
        small.coordinate([None] * 28)


@pytest.mark.parametrize("weights,kwargs,error,match", [
    (np.ones((3, 3)), {}, InvalidArgumentError, "between 4 and 16 nodes"),
    (np.ones((4, 5)), {}, InvalidArgumentError, r"square \(n, n\) array"),
    (np.triu(np.ones((5, 5)), 1), {}, InvalidArgumentError, "symmetric for pattern 'undirected'"),
    (-np.ones((5, 5)), {}, InvalidArgumentError, ">= 0"),
    (np.full((5, 5), np.nan), {}, InvalidArgumentError, "finite"),
    (np.ones((4, 4)), {"pattern": "directed"}, InvalidArgumentError,
     "pattern must be one of 'undirected', 'dominance'"),
    (np.ones((4, 4)), {"names": ["a", "b", "a", "c"]}, InvalidArgumentError, "names must be distinct; got 'a'"),
    (np.ones((4, 4)), {"names": ["a", "b"]}, InvalidArgumentError, "names must have 4 entries; got 2"),
    (np.ones((4, 4)), {"names": [1, 2, 3, 4]}, ArgumentTypeError, "names must be strings"),
    ([["a"] * 4] * 4, {}, ArgumentTypeError, "weights must be a square array of real numbers"),
])
def test_bad_core_periphery_arguments(weights, kwargs, error, match):
    with pytest.raises(error, match=match):
        core_periphery(weights, **kwargs)


# ------------------------------------------------------------------------------------ command line
def test_cli_solve_shows_whether_reciprocity_holds(capsys):
    assert "coordination" in models.names()
    assert cli(["solve", "coordination"]) == 0
    out = capsys.readouterr().out
    assert "Reciprocate" in out and "SC-WD: Shirk, WC-SD: Shirk" in out
    assert "SC-WD: Reciprocate, WC-SD: Reciprocate" not in out  # critical delta 0.9 > 0.8
    assert cli(["solve", "coordination", "--set", "delta=0.95"]) == 0
    assert "SC-WD: Reciprocate, WC-SD: Reciprocate" in capsys.readouterr().out


def test_cli_bad_parameter_is_one_line(capsys):
    assert cli(["solve", "coordination", "--set", "delta=1.5"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "delta must be in (0, 0.999]; got 1.5" in err
    assert cli(["solve", "coordination", "--set", "detla=0.5"]) == 2
    assert "did you mean 'delta'" in capsys.readouterr().err
