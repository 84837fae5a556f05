"""The safety-committee model (seed 002): payoffs by hand, the leader's problem, the inspection game's
closed form, the propositions of docs/models/committee.md and bad inputs."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain import cli, models
from bargain.errors import ArgumentTypeError, InvalidArgumentError
from bargain.models import committee
from bargain.models.committee import ACTIONS, QUADRANTS, Model

#: Exact arithmetic up to rounding.
ATOL = 1e-9
#: Probabilities from the two-player solver against closed forms.
PROB_TOL = 1e-8

SMALL = Model(units_per_type=1)
WORK = {"Active": 1.0, "Perfunctory": 0.3, "Shirk": 0.0}


def _motive(model: Model, quadrant: str, toolkit: str = "targeted") -> float:
    """A unit's own net motive for full work, ``ĝ b - c / k``, from the model card's formulas."""
    g, k = model.quadrant_traits()[quadrant]
    if committee.TOOLKIT_TOOLS[toolkit][2]:
        g = g + model.interaction * (1 - g)
    return g * model.goal_benefit - model.effort_cost / k


def _pure_profiles(game: bg.Game) -> set[tuple[int, ...]]:
    return {tuple(int(np.argmax(p)) for p in eq.profile) for eq in bg.pure_equilibria(game)}


# ---------------------------------------------------------------------------------------- parameters
def test_every_parameter_is_documented_and_quotes_the_case():
    params = models.parameters(Model)
    assert len(params) == 16
    for p in params:
        assert p.meaning.strip() and p.source.startswith("seed 002"), p.name


@pytest.mark.parametrize("kwargs, match", [
    (dict(goal_high=1.2), r"goal_high must be in \[0, 1\]; got 1.2"),
    (dict(capability_low=0), r"capability_low must be in \(0, 1\]; got 0"),
    (dict(perfunctory_share=1.0), r"perfunctory_share must be in \(0, 1\); got 1.0"),
    (dict(units_per_type=4), r"units_per_type must be in \[1, 3\]; got 4"),
    (dict(budget=-1), r"budget must be in \[0, inf\); got -1"),
    (dict(goal_low=0.9), r"goal_low must be <= goal_high; got goal_low=0.9, goal_high=0.8"),
    (dict(capability_high=0.4), r"capability_low must be <= capability_high; got capability_low=0.5, "
                                r"capability_high=0.4"),
])
def test_bad_parameters_are_refused_with_one_clear_message(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=match):
        Model(**kwargs)


@pytest.mark.parametrize("kwargs, match", [
    (dict(units_per_type=1.5), "units_per_type must be an integer; got 1.5"),
    (dict(interaction="high"), "interaction must be a real number; got 'high'"),
])
def test_parameters_of_the_wrong_type_are_refused(kwargs, match):
    with pytest.raises(ArgumentTypeError, match=match):
        Model(**kwargs)


@pytest.mark.parametrize("call, error, match", [
    (lambda m: m.units_game(1.5), InvalidArgumentError, r"inspection must be in \[0, 1\]"),
    (lambda m: m.units_game([0.1, 0.2]), InvalidArgumentError, "one number, four"),
    (lambda m: m.units_game(np.zeros((2, 2))), InvalidArgumentError, r"flat sequence; got an array of shape \(2, 2\)"),
    (lambda m: m.random_inspection("networks"), InvalidArgumentError, "did you mean 'network'"),
    (lambda m: m.inspection_equilibrium("aligned_capable", toolkit="dul"), InvalidArgumentError, "did you mean 'dual'"),
    (lambda m: m.critical_intensities("capable"), InvalidArgumentError, "quadrant must be one of"),
    (lambda m: m.candidate_policies("dual", "best"), InvalidArgumentError, "selection must be one of"),
    (lambda m: m.units_game({"aligned_capabl": 0.1}), InvalidArgumentError, "did you mean 'aligned_capable'"),
    (lambda m: m.units_game({"aligned_capable": 0.1, "aligned_limited_1": 0.2}), InvalidArgumentError,
     "all quadrants or all units; got a mix"),
    (lambda m: m.units_game({"aligned_capable": 0.1, "somewhere": 0.2}), InvalidArgumentError,
     "keys must be quadrants"),
    (lambda m: m.units_game({"aligned_capable": 0.1}), InvalidArgumentError, "missing"),
    (lambda m: m.units_game([0, 0.1, 0, 0], toolkit="hierarchy"), InvalidArgumentError, "inspects every unit alike"),
    (lambda m: m.units_game(0.1, toolkit="bureaucracy"), InvalidArgumentError, "has no inspection"),
    (lambda m: m.units_game(0.1, toolkit="networks"), InvalidArgumentError, "did you mean 'network'"),
    (lambda m: m.office_policy("dual", "pesimistic"), InvalidArgumentError, "did you mean 'pessimistic'"),
    (lambda m: m.office_policy("dual", budget=-0.5), InvalidArgumentError, "budget must be >= 0; got -0.5"),
    (lambda m: m.office_policy("dual", budget="1"), ArgumentTypeError, "budget must be a real number"),
    (lambda m: m.inspection_game("capable"), InvalidArgumentError, "quadrant must be one of"),
    (lambda m: m.quadrant_of("unit_9"), InvalidArgumentError, "unit must be one of"),
    (lambda m: m.units_game("0.5"), ArgumentTypeError, "inspection must be a real number"),
])
def test_bad_arguments_are_refused(call, error, match):
    with pytest.raises(error, match=match):
        call(SMALL)


# ---------------------------------------------------------------------------------------- payoffs
def test_units_game_payoffs_by_hand():
    # targeted toolkit: F = 2, no interaction; aligned limited unit: m = 0.8 * 2 - 1 / 0.5 = -0.4
    game = SMALL.units_game([0, 0.5, 0, 0], toolkit="targeted")
    assert game.players == ("aligned_capable_1", "aligned_limited_1", "misaligned_capable_1", "misaligned_limited_1")
    assert game.strategies == (ACTIONS,) * 4
    a, p, s = 0, 1, 2
    # (A, P, S, S): work 1.3 < threshold 0.5 * 4 = 2; own -0.4 * 0.3, expected penalty 0.5 * 2 * 0.4
    assert game.payoffs[1][a, p, s, s] == pytest.approx(-0.12 - 0.4, abs=ATOL)
    # (A, A, S, S): work 2 reaches the threshold; the unit gets g V = 0.8 on top of -0.4
    assert game.payoffs[1][a, a, s, s] == pytest.approx(0.4, abs=ATOL)
    # the aligned capable unit benefits from the outcome it does not decide, m = 0.6
    assert game.payoffs[0][a, a, s, s] == pytest.approx(0.6 + 0.8, abs=ATOL)
    # a misaligned limited unit shirking uninspected gets nothing
    assert game.payoffs[3][a, a, s, s] == pytest.approx(0.2, abs=ATOL)
    assert game.payoffs[3][s, s, s, s] == pytest.approx(0.0, abs=ATOL)


def test_interaction_raises_alignment_in_the_network_toolkits():
    # dual: ĝ = 0.2 + 0.25 * 0.8 = 0.4 for misaligned units; notice penalty 0.5 under network
    dual = SMALL.units_game(0.0, toolkit="dual")
    assert dual.payoffs[3][2, 2, 2, 0] == pytest.approx(0.4 * 2 - 2, abs=ATOL)
    network = SMALL.units_game([0, 0, 0, 1.0], toolkit="network")
    assert network.payoffs[3][2, 2, 2, 2] == pytest.approx(-0.5, abs=ATOL)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    g=st.tuples(st.floats(0, 1), st.floats(0, 1)),
    k=st.tuples(st.floats(0.2, 1), st.floats(0.2, 1)),
    v=st.floats(0, 3), theta=st.floats(0.05, 1), penalty=st.floats(0, 4),
    p=st.lists(st.floats(0, 1), min_size=4, max_size=4),
)
def test_a_pure_equilibrium_always_exists(g, k, v, theta, penalty, p):
    # a weighted potential game (Monderer and Shapley 1996) has a pure equilibrium
    model = Model(units_per_type=1, goal_high=max(g), goal_low=min(g), capability_high=max(k),
                  capability_low=min(k), safety_value=v, safety_threshold=theta, assessment_penalty=penalty)
    assert len(bg.pure_equilibria(model.units_game(p, toolkit="targeted"))) >= 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    g=st.tuples(st.floats(0, 1), st.floats(0, 1)), v=st.floats(0, 2), penalty=st.floats(0.5, 4),
    quadrant=st.sampled_from(QUADRANTS), others=st.lists(st.floats(0, 1), min_size=4, max_size=4),
    where=st.tuples(st.floats(0.05, 0.95), st.floats(0.05, 0.95)),
)
def test_equilibria_do_not_change_between_critical_intensities(g, v, penalty, quadrant, others, where):
    model = Model(units_per_type=1, goal_high=max(g), goal_low=min(g), safety_value=v, assessment_penalty=penalty)
    cuts = [0.0, *model.critical_intensities(quadrant, toolkit="targeted"), 1.0]
    q = QUADRANTS.index(quadrant)
    for lo, hi in zip(cuts, cuts[1:]):
        assume(hi - lo > 1e-3)
        found = []
        for w in where:
            p = list(others)
            p[q] = lo + w * (hi - lo)
            found.append(_pure_profiles(model.units_game(p, toolkit="targeted")))
        assert found[0] == found[1]


# ---------------------------------------------------------------------------------------- the leader
def _worst_or_best(model: Model, p, toolkit: str, selection: str) -> float:
    pick = min if selection == "pessimistic" else max
    work = np.array([1.0, model.perfunctory_share, 0.0])
    return pick(float(work[list(pr)].sum()) for pr in _pure_profiles(model.units_game(p, toolkit=toolkit)))


@pytest.mark.parametrize("toolkit", ["hierarchy", "targeted"])
@pytest.mark.parametrize("selection", ["pessimistic", "optimistic"])
@pytest.mark.parametrize("budget", [0.5, 1.0, 1.5])
def test_no_sampled_per_unit_policy_beats_the_exact_optimum(toolkit, selection, budget):
    # eight units, each inspected on its own: samples sit at or just above critical intensities (where
    # best responses change), on a random subset of units, scaled into the budget
    model = Model()
    rng = np.random.default_rng(20240124)
    policy = model.office_policy(toolkit, selection, budget=budget)
    quadrant = [model.quadrant_of(u) for u in model.units]
    critical = {q: model.critical_intensities(q, toolkit=toolkit) for q in QUADRANTS}
    for _ in range(60):
        if toolkit == "hierarchy":
            levels = sorted({c for cs in critical.values() for c in cs})
            p = np.full(8, rng.choice(levels) + rng.choice([0.0, 1e-6, 0.01]) if levels else 0.0)
        else:
            p = np.array([rng.choice(critical[q]) + rng.choice([0.0, 1e-6, 0.01])
                          if critical[q] and rng.random() < 0.5 else 0.0 for q in quadrant])
        p = np.minimum(p, 1.0)
        if p.sum() > budget:
            p *= budget / p.sum()
        assert _worst_or_best(model, p, toolkit, selection) <= policy.work + ATOL
    # the reported equilibrium holds at the reported intensities, which fit the budget
    p = [policy.inspection[u] for u in model.units]
    assert sum(p) == pytest.approx(policy.spent) and policy.spent <= budget + ATOL
    assert _worst_or_best(model, p, toolkit, selection) == pytest.approx(policy.work, abs=ATOL)


def test_a_pessimistic_optimum_in_open_intervals_needs_strictly_more_than_its_least_cost():
    # targeted at the calibration: 4.6 units of work need one aligned limited unit above 0.35 and both
    # misaligned capable units above 0.15: least cost 0.65, not attained
    m = Model()
    above = m.office_policy("targeted", budget=0.65 + 1e-6)
    assert above.work == pytest.approx(2 + 2 + 2 * 0.3) and above.min_cost == pytest.approx(0.65)
    assert not above.attained and 0.65 < above.spent <= 0.65 + 1e-6
    at = m.office_policy("targeted", budget=0.65)
    assert at.work < above.work - ATOL
    # exactly at the lower ends the worst equilibrium is worse (the units are indifferent there)
    edge = [0.0, 0.0, 0.35, 0.0, 0.15, 0.15, 0.0, 0.0]
    assert _worst_or_best(m, edge, "targeted", "pessimistic") < above.work - 0.5
    # the optimistic office attains its optimum at critical intensities
    best = m.office_policy("targeted", "optimistic", budget=0.3)
    assert best.attained and best.spent == pytest.approx(best.min_cost) == pytest.approx(0.3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    g=st.tuples(st.floats(0, 1), st.floats(0, 1)), v=st.floats(0, 2), penalty=st.floats(0.5, 4),
    quadrant=st.sampled_from(QUADRANTS), others=st.lists(st.floats(0, 1), min_size=4, max_size=4),
)
def test_equilibria_at_a_critical_intensity_include_those_on_both_sides(g, v, penalty, quadrant, others):
    # the dominance argument behind candidate_policies: best responses are maxima of affine functions
    model = Model(units_per_type=1, goal_high=max(g), goal_low=min(g), safety_value=v, assessment_penalty=penalty)
    q = QUADRANTS.index(quadrant)
    critical = model._critical("targeted")[q]                     # unrounded, unlike critical_intensities
    for c in critical:
        at = list(others)
        at[q] = c
        here = _pure_profiles(model.units_game(at, toolkit="targeted"))
        step = min([1e-7] + [abs(c - other) / 3 for other in critical if other != c])   # stay inside the intervals
        for side in (c - step, c + step):
            if 0 <= side <= 1:
                near = list(others)
                near[q] = side
                assert _pure_profiles(model.units_game(near, toolkit="targeted")) <= here


def test_the_stage_game_is_the_units_game_under_the_optimal_policy():
    policy = SMALL.office_policy("dual", "pessimistic")
    game = SMALL.stage_game()
    assert game.players == SMALL.units
    chosen = tuple(ACTIONS.index(policy.profile[u]) for u in SMALL.units)
    assert chosen in _pure_profiles(game)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    g=st.tuples(st.floats(0, 1), st.floats(0, 1)), v=st.floats(0, 2), penalty=st.floats(0.2, 4),
    threshold=st.floats(0.1, 1), toolkit=st.sampled_from(["hierarchy", "targeted", "network", "dual"]),
    selection=st.sampled_from(["pessimistic", "optimistic"]), budget=st.floats(0, 4),
)
def test_the_office_policy_is_the_best_affordable_candidate(g, v, penalty, threshold, toolkit, selection, budget):
    # office_policy searches the candidates lazily (most promising first, skipping those whose bound on
    # the work cannot beat the best found); here every candidate is solved and the rule applied directly
    model = Model(units_per_type=1, goal_high=max(g), goal_low=min(g), safety_value=v, assessment_penalty=penalty,
                  safety_threshold=threshold)
    work = np.array([1.0, model.perfunctory_share, 0.0])
    affordable = [c for c in model.candidate_policies(toolkit, selection)
                  if (c["min_cost"] < budget - 1e-9 if any(c["open"]) else c["min_cost"] <= budget + 1e-9)]
    most = max(float(work[list(c["profile"])].sum()) for c in affordable)
    cheapest = min(c["min_cost"] for c in affordable if float(work[list(c["profile"])].sum()) >= most - ATOL)
    policy = model.office_policy(toolkit, selection, budget=budget)
    assert policy.work == pytest.approx(most, abs=ATOL)
    assert policy.min_cost == pytest.approx(cheapest, abs=ATOL)


@pytest.mark.parametrize("toolkit, selection", [("targeted", "pessimistic"), ("dual", "optimistic")])
def test_the_office_policy_is_the_best_affordable_candidate_with_eight_units(toolkit, selection):
    # as above at the calibration (N = 8, where pivotal units and the bound θ N + 1 matter), over budgets
    model = Model()
    work = np.array([1.0, model.perfunctory_share, 0.0])
    every = [(c["min_cost"], any(c["open"]), float(work[list(c["profile"])].sum()))
             for c in model.candidate_policies(toolkit, selection)]
    for budget in (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0):
        affordable = [(cost, w) for cost, is_open, w in every
                      if (cost < budget - 1e-9 if is_open else cost <= budget + 1e-9)]
        most = max(w for _, w in affordable)
        policy = model.office_policy(toolkit, selection, budget=budget)
        assert policy.work == pytest.approx(most, abs=ATOL), budget
        assert policy.min_cost == pytest.approx(min(c for c, w in affordable if w >= most - ATOL), abs=ATOL)


def test_pessimistic_never_beats_optimistic_and_more_budget_never_hurts():
    for toolkit in ("hierarchy", "targeted", "network", "dual"):
        previous = {"pessimistic": -1.0, "optimistic": -1.0}
        for budget in (0, 0.5, 1, 2, 4, 8):
            # by construction: the affordable policies only grow with the budget
            worst = SMALL.office_policy(toolkit, "pessimistic", budget=budget)
            best = SMALL.office_policy(toolkit, "optimistic", budget=budget)
            assert worst.work <= best.work + ATOL
            # the feasible policies only grow with the budget
            assert worst.work >= previous["pessimistic"] - ATOL and best.work >= previous["optimistic"] - ATOL
            previous = {"pessimistic": worst.work, "optimistic": best.work}


# ---------------------------------------------------------------------------------------- P1: attitudes
def test_p1_all_four_attitudes_under_targeted_inspection_at_the_calibration():
    m = Model()
    attitudes = m.attitudes("targeted")
    assert set(attitudes["aligned_limited"]) == {"passive"}
    assert set(attitudes["misaligned_capable"]) == {"symbolic"}
    assert set(attitudes["misaligned_limited"]) == {"resistant"}
    policy = m.office_policy("targeted")
    F, s, d = m.assessment_penalty, m.perfunctory_share, m.perfunctory_detection
    # critical intensities from the model card: Perfunctory -> Active for aligned limited units,
    # Shirk -> Perfunctory for misaligned capable ones; one aligned limited unit is inspected above its
    # threshold, the other works uninspected because its work secures the shared outcome
    to_active = (1 - s) * -_motive(m, "aligned_limited") / (d * F)
    to_perfunctory = s * -_motive(m, "misaligned_capable") / (F * (1 - d))
    limited = sorted(policy.inspection[u] for u in m.units if m.quadrant_of(u) == "aligned_limited")
    assert limited[0] == 0.0 and limited[1] > to_active
    assert all(policy.inspection[u] > to_perfunctory for u in m.units if m.quadrant_of(u) == "misaligned_capable")
    assert policy.min_cost == pytest.approx(to_active + 2 * to_perfunctory)
    assert policy.work == pytest.approx(2 + 2 + 2 * s) and policy.spent <= m.budget


def test_p1_aligned_capable_units_are_active_by_construction():
    # m = g b - c / k > 0 makes Active strictly dominant whatever the office does: not a finding
    m = Model()
    assert _motive(m, "aligned_capable") > 0
    for toolkit in committee.TOOLKITS:
        assert m.attitudes(toolkit)["aligned_capable"] == ("active", "active"), toolkit
    # and it fails once the motive is negative
    assert set(Model(goal_benefit=1.0, safety_value=0.0).attitudes("bureaucracy")["aligned_capable"]) == {"resistant"}


def test_p1_misaligned_limited_units_resist_every_toolkit_at_the_calibrated_budget_but_not_at_three():
    m = Model()
    for toolkit in committee.TOOLKITS:
        assert m.attitudes(toolkit)["misaligned_limited"] == ("resistant", "resistant"), toolkit
    assert m.attitudes("targeted", budget=3)["misaligned_limited"] == ("symbolic", "symbolic")


def test_p1_the_network_tools_alone_buy_full_work_from_aligned_limited_units_only_where_pivotal():
    # by construction: with the notice penalty 0.5 full work of a non-pivotal aligned limited unit would
    # need an intensity above 1 ((1 - s)|m| / (d_P F) = 1.05); misaligned capable units are reachable at 0.7
    m = Model()
    s, d = m.perfunctory_share, m.perfunctory_detection
    assert (1 - s) * -_motive(m, "aligned_limited", "network") / (d * m.notice_penalty) > 1
    assert (1 - s) * -_motive(m, "misaligned_capable", "network") / (d * m.notice_penalty) == pytest.approx(0.7)
    policy = m.office_policy("network")
    p = [policy.inspection[v] for v in m.units]
    game = m.units_game(p, toolkit="network")
    profile = tuple(ACTIONS.index(policy.profile[v]) for v in m.units)
    total = sum(WORK[policy.profile[v]] for v in m.units)
    for u in m.units:
        if m.quadrant_of(u) == "aligned_limited" and policy.profile[u] == "Active":
            # its work secures the shared outcome: without it the threshold is missed
            assert total - 1 < m.safety_threshold * m.n_units <= total
            i = m.units.index(u)
            assert game.payoffs[i][profile] > game.payoffs[i][profile[:i] + (2,) + profile[i + 1:]]
    assert "Active" in {policy.profile[u] for u in m.units if m.quadrant_of(u) == "misaligned_capable"}


def test_p1_where_it_stops_holding():
    m = Model()
    assert m.attitudes("targeted", budget=3)["misaligned_capable"] == ("passive", "passive")
    assert "passive" not in set(itertools.chain(*m.attitudes("hierarchy", budget=0.5).values()))
    # under optimistic selection the aligned units secure the threshold unprompted
    assert m.attitudes("bureaucracy", "optimistic")["aligned_limited"] == ("active", "active")


# ---------------------------------------------------------------------------------------- P2: symbolic work
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    share=st.floats(0.05, 0.95), excess=st.floats(0, 1), penalty=st.floats(0.1, 5),
    p=st.lists(st.floats(0, 1), min_size=4, max_size=4),
)
def test_no_perfunctory_work_when_it_is_not_under_detected(share, excess, penalty, p):
    # a property of the payoff specification (holds by construction): with d_P >= 1 - s, u(P) lies on or
    # below the chord between u(A) and u(S) (no pivot: V = 0), so Perfunctory is a best response only
    # when Active or Shirk is one too
    detection = min(1.0, 1 - share + excess * share)
    model = Model(units_per_type=1, perfunctory_share=share, perfunctory_detection=detection,
                  assessment_penalty=penalty, safety_value=0.0)
    game = model.units_game(p, toolkit="targeted")
    for eq in bg.pure_equilibria(game):
        for i, name in enumerate(game.players):
            best = bg.best_responses(game, eq.profile, i, tol=1e-9)
            if "Perfunctory" in best:
                assert "Active" in best or "Shirk" in best, (name, best)


def test_symbolic_work_appears_when_perfunctory_work_is_under_detected():
    # the converse case: with d_P < 1 - s a non-pivotal unit strictly prefers Perfunctory at some intensity
    m = Model(units_per_type=1, safety_value=0.0)
    game = m.units_game([0, 0, 0.3, 0], toolkit="targeted")
    assert bg.best_responses(game, (0, 2, 1, 2), 2) == ("Perfunctory",)


# ---------------------------------------------------------------------------------------- P3: loose coupling
@pytest.mark.parametrize("toolkit", ["hierarchy", "targeted", "dual"])
def test_p3_the_share_not_active_falls_with_budget_but_not_below_a_quarter(toolkit):
    m = Model()
    shares = [m.office_policy(toolkit, budget=b).share_not_active for b in (0, 0.5, 1, 2, 3, 4, 5, 8)]
    assert all(b <= a + ATOL for a, b in zip(shares, shares[1:]))
    assert shares[0] == 0.75 and shares[-1] == 0.25


def test_p3_the_floor_is_where_full_work_of_misaligned_limited_units_becomes_reachable():
    m = Model()
    s, d = m.perfunctory_share, m.perfunctory_detection
    # without interaction: full work reachable at p <= 1 iff (1 - s)(c/k - g b) <= d_P F
    threshold = (1 - s) * -_motive(m, "misaligned_limited") / d          # 2.8
    below = dataclasses.replace(SMALL, assessment_penalty=threshold - 0.01)
    above = dataclasses.replace(SMALL, assessment_penalty=threshold + 0.01)
    assert below.office_policy("targeted", budget=8).share_not_active == 0.25
    assert above.office_policy("targeted", budget=8).share_not_active == 0.0


# ---------------------------------------------------------------------------------------- P4: targeting
@pytest.mark.parametrize("selection", ["pessimistic", "optimistic"])
def test_p4_targeted_inspection_never_does_worse_than_uniform(selection):
    m = Model()
    for budget in np.linspace(0, 5, 21):
        targeted = m.office_policy("targeted", selection, budget=budget)
        uniform = m.office_policy("hierarchy", selection, budget=budget)
        assert targeted.work >= uniform.work - ATOL


def test_p4_targeted_inspection_does_strictly_better_at_the_calibrated_budget_and_not_at_the_ends():
    m = Model()
    s = m.perfunctory_share
    # targeted: aligned capable and aligned limited units Active, misaligned capable Perfunctory;
    # uniform: only the aligned limited units pushed to Perfunctory
    assert m.office_policy("targeted").work == pytest.approx(4 + 2 * s)
    assert m.office_policy("hierarchy").work == pytest.approx(2 + 2 * s)
    for budget in (0, 4.25, 5):
        assert m.office_policy("targeted", budget=budget).work == pytest.approx(
            m.office_policy("hierarchy", budget=budget).work)


# ---------------------------------------------------------------------------------------- P5: random inspection
def _closed_form(m: Model, quadrant: str, toolkit: str):
    """The equilibrium of the bilateral inspection game from the model card's table (every regime)."""
    motive = _motive(m, quadrant, toolkit)
    F = m._penalty(toolkit)
    s, d, cost = m.perfunctory_share, m.perfunctory_detection, m.inspection_cost
    if motive > 0:
        return 0.0, (1.0, 0.0, 0.0)
    if cost >= 1:
        return 0.0, (0.0, 0.0, 1.0)                               # inspecting never pays: Skip, Shirk
    if d >= 1 - s:                                                # perfunctory work not under-detected
        p = -motive / F
        return (p, (1 - cost, 0.0, cost)) if p <= 1 else (1.0, (0.0, 0.0, 1.0))
    p1 = s * -motive / (F * (1 - d))
    p2 = (1 - s) * -motive / (F * d)
    if p1 > 1:
        return 1.0, (0.0, 0.0, 1.0)                               # even sure inspection leaves Shirk best
    if cost < (1 - s) * d:
        if p2 <= 1:
            lazy = cost / ((1 - s) * d)
            return p2, (1 - lazy, lazy, 0.0)
        return 1.0, (0.0, 1.0, 0.0)
    shirk = (cost - (1 - s) * d) / (1 - (1 - s) * d)
    return p1, (0.0, 1 - shirk, shirk)


@settings(max_examples=80, deadline=None)
@given(
    goal=st.floats(0, 1), capability=st.floats(0.2, 1), share=st.floats(0.05, 0.9), detection=st.floats(0.05, 1),
    penalty=st.floats(0.5, 6), cost=st.floats(0.01, 1.5),
)
def test_inspection_game_matches_its_closed_form(goal, capability, share, detection, penalty, cost):
    m = Model(goal_high=goal, goal_low=goal, capability_high=capability, capability_low=capability,
              perfunctory_share=share, perfunctory_detection=detection, assessment_penalty=penalty,
              inspection_cost=cost)
    motive = _motive(m, "aligned_capable", "targeted")
    p1 = share * -motive / (penalty * (1 - detection)) if detection < 1 else np.inf
    p2 = (1 - share) * -motive / (penalty * detection)
    # boundaries between regimes (ties) are degenerate and left out; every regime is covered
    for edge in (motive, cost - (1 - share) * detection, cost - 1, detection - (1 - share), p1 - 1, p2 - 1,
                 -motive / penalty - 1):
        assume(abs(edge) > 1e-3)
    expected = _closed_form(m, "aligned_capable", "targeted")
    found = bg.equilibria(m.inspection_game("aligned_capable", toolkit="targeted"))
    assert len(found) == 1
    office, unit = found[0].profile
    assert office[0] == pytest.approx(expected[0], abs=PROB_TOL)
    np.testing.assert_allclose(unit, expected[1], atol=PROB_TOL)


def test_p5_random_inspection_work_does_not_depend_on_the_penalty():
    # Tsebelis (1989): the unit's mix is pinned by the office's indifference, the penalty only by the unit's
    rates = []
    for penalty in (1.5, 2.0, 4.0):
        e = dataclasses.replace(Model(), assessment_penalty=penalty).inspection_equilibrium("aligned_limited",
                                                                                             toolkit="targeted")
        rates.append(e["active"])
        assert e["inspect"] == pytest.approx(0.7 * 0.4 / (0.4 * penalty))
    assert rates == pytest.approx([1 - 0.25 / (0.7 * 0.4)] * 3)


def test_p5_random_inspection_by_hand_and_against_commitment():
    m = Model()
    out = m.random_inspection("targeted")
    lazy = 0.25 / (0.7 * 0.4)
    assert out["spent"] == pytest.approx(2 * (0 + 0.35 + 0.525 + 1.0))
    assert out["work"] == pytest.approx(2 * 1 + 4 * ((1 - lazy) + 0.3 * lazy) + 2 * 0.3)
    # the chance of the threshold by brute force over the 3^8 profiles of independent mixes
    mixes = [np.array([1.0, 0, 0])] * 2 + [np.array([1 - lazy, lazy, 0])] * 4 + [np.array([0, 1.0, 0])] * 2
    total = 0.0
    for profile in itertools.product(range(3), repeat=8):
        prob = np.prod([mix[a] for mix, a in zip(mixes, profile)])
        if sum((1.0, 0.3, 0.0)[a] for a in profile) >= 4 - 1e-9:
            total += prob
    assert out["p_safe"] == pytest.approx(total)
    # committed targeted inspection at that spend reaches the loose-coupling floor (P3): every unit but the
    # misaligned limited ones Active, and those perfunctory
    assert m.office_policy("targeted", budget=out["spent"]).work == pytest.approx(6 * 1 + 2 * 0.3)


# ---------------------------------------------------------------------------------------- records, cell, CLI
def test_office_policy_record_reads_well():
    policy = Model().office_policy("targeted")
    text = repr(policy)
    # the inspected aligned limited unit sits above its lower end 0.35 by the smaller of half its interval
    # (0.35, 1) and an equal share of half the unspent budget (three open intervals: 1 - 0.65 over 6)
    inside = 0.35 + min((1 - 0.35) / 2, (1 - 0.65) / 6)
    assert text.startswith(f"OfficePolicy(targeted, pessimistic; inspection aligned_limited_2 {inside:.4g},")
    assert "(least 0.65, not attained)" in text
    assert "attitudes: active 2, passive 2, symbolic 2, resistant 2" in text
    assert set(policy.profile) == set(Model().units)
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.work = 0


def test_cell_is_a_flat_dict_of_scalars():
    out = committee.cell(units_per_type=1)
    assert set(out) == {
        "hierarchy_work", "hierarchy_share_not_active", "hierarchy_spent",
        "dual_work", "dual_share_not_active", "dual_spent", *(f"attitude_{q}" for q in QUADRANTS),
    }
    assert all(isinstance(v, float | str) for v in out.values())


def test_cli_solves_the_committee(capsys):
    assert cli.main(["solve", "committee", "--set", "units_per_type=1", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("eq,aligned_capable_1:Active")
    assert len(lines) == 2                               # one pure equilibrium under the office's policy
    assert cli.main(["params", "committee"]) == 0
    assert "assessment_penalty" in capsys.readouterr().out


def test_cli_refuses_a_bad_parameter_in_one_line(capsys):
    assert cli.main(["solve", "committee", "--set", "goal_low=0.9"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "bargain: error: goal_low must be <= goal_high; got goal_low=0.9, goal_high=0.8"
    assert cli.main(["solve", "committee", "--set", "budjet=1"]) == 2
    assert "did you mean 'budget'" in capsys.readouterr().err


def test_critical_intensities_buy_their_response_at_a_double_knife_edge():
    # d_P = 1 - s makes a quadrant's critical intensities coincide (at 1/12, not a short decimal) and
    # safety_value = 0 leaves payoff differences of the order of rounding: the optimistic office, which
    # may pick any pessimistic policy, must do at least as well as the pessimistic one
    m = Model(units_per_type=1, goal_high=0.6, goal_low=0.5, capability_low=0.75, perfunctory_share=0.8,
              perfunctory_detection=0.2, safety_value=0.0, safety_threshold=0.75, assessment_penalty=1.0,
              interaction=0.25)
    for budget in (0.5, 1.0, 2.0):
        optimistic = m.office_policy("dual", selection="optimistic", budget=budget)
        pessimistic = m.office_policy("dual", selection="pessimistic", budget=budget)
        assert optimistic.work >= pessimistic.work - 1e-9
