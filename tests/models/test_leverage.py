"""The borrowed-power model (seed 003): payoffs by hand, the escalation game's closed form against the
solver, mediation, the dispatch game, the propositions of docs/models/leverage.md and bad inputs."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import bargain as bg
from bargain import cli, models
from bargain.errors import ArgumentTypeError, InvalidArgumentError
from bargain.models import leverage
from bargain.models.leverage import DEPARTMENT_ACTIONS, RUNGS, Model

#: Exact arithmetic up to rounding.
ATOL = 1e-9
#: Probabilities from the solvers against closed forms (outcomes are rounded to 1e-10).
PROB_TOL = 1e-8
#: Linear-programme optimum against a Nash payoff.
LP_TOL = 1e-6

M = Model()
LADDERS = [ladder for size in range(4) for ladder in itertools.combinations(RUNGS, size)]


# ---------------------------------------------------------------------------------------- parameters
def test_every_parameter_is_documented_and_quotes_the_case():
    params = models.parameters(Model)
    assert len(params) == 16
    for p in params:
        assert p.meaning.strip() and p.source.startswith("seed 003"), p.name


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(detection=1.5), InvalidArgumentError, r"detection must be in \[0, 1\]; got 1.5"),
    (dict(rungs=4), InvalidArgumentError, r"rungs must be in \[0, 3\]; got 4"),
    (dict(rungs=1.5), ArgumentTypeError, "rungs must be an integer; got 1.5"),
    (dict(top_leader_attention=0), InvalidArgumentError, r"top_leader_attention must be in \(0, inf\); got 0"),
    (dict(case_value=-1), InvalidArgumentError, r"case_value must be in \(0, inf\); got -1"),
    (dict(passon_cost=1.0), InvalidArgumentError,
     r"passon_cost must be < handling_cost \(passing a case on is cheaper than handling it\); "
     r"got passon_cost=1.0, handling_cost=1.0"),
    (dict(leaders_power=None), ArgumentTypeError, "leaders_power must be a real number; got None"),
])
def test_bad_parameters_are_refused_with_one_clear_message(kwargs, error, match):
    with pytest.raises(error, match=match):
        Model(**kwargs)


@pytest.mark.parametrize("call, error, match", [
    (lambda m: m.escalation_game(["TopLeaders"]), InvalidArgumentError, "did you mean 'TopLeader'"),
    (lambda m: m.escalation_game("TopLeader"), ArgumentTypeError, "ladder must be a sequence of rung names"),
    (lambda m: m.escalation_game(["TopLeader", "TopLeader"]), InvalidArgumentError, "must not repeat a rung"),
    (lambda m: m.minimum_attention(1.5), InvalidArgumentError, r"target must be in \[0, 1\]; got 1.5"),
    (lambda m: m.best_ladder(-1), InvalidArgumentError, "budget must be >= 0; got -1"),
    (lambda m: m.escalation_equilibrium(budget=-0.5), InvalidArgumentError, "budget must be >= 0; got -0.5"),
    (lambda m: m.budget_game(budget="a lot"), ArgumentTypeError, "budget must be a real number"),
    (lambda m: m.minimum_budget(-0.1), InvalidArgumentError, r"target must be in \[0, 1\]; got -0.1"),
    (lambda m: m.dispatch_game("Mayor"), InvalidArgumentError, "rung must be one of"),
    (lambda m: m.dispatch_game("TopLeader", with_centre=1), ArgumentTypeError, "with_centre must be True or False"),
    (lambda m: m.dispatch(mediated="yes"), ArgumentTypeError, "mediated must be True or False"),
    (lambda m: m.dispatch(handover=1), ArgumentTypeError, "handover must be True or False; got 1"),
    (lambda m: m.dispatch_game("TopLeader", handover=None), ArgumentTypeError, "handover must be True or False"),
    (lambda m: m.rung("Boss"), InvalidArgumentError, "rung must be one of"),
    (lambda m: m.closed_form("Boss"), InvalidArgumentError, "rung must be one of"),
    (lambda m: m.closed_form("TopLeader", "Handle"), InvalidArgumentError, "evasion must be one of"),
    (lambda m: m.closed_form("TopLeader", "shirk"), InvalidArgumentError, "did you mean 'Shirk'"),
    (lambda m: m.escalation_equilibrium(budget=float("nan")), InvalidArgumentError, "budget must be finite; got nan"),
    (lambda m: m.escalation_equilibrium(budget=float("inf")), InvalidArgumentError, "budget must be finite; got inf"),
    (lambda m: m.escalation_equilibrium(budget=True), ArgumentTypeError, "budget must be a real number; got True"),
    (lambda m: m.best_ladder(float("inf")), InvalidArgumentError, "budget must be finite"),
    (lambda m: m.minimum_budget(float("nan")), InvalidArgumentError, "target must be finite"),
    (lambda m: m.detection_threshold("Boss"), InvalidArgumentError, "rung must be one of"),
    (lambda m: m.detection_threshold(None), InvalidArgumentError, "rung must be one of"),
    (lambda m: m.detection_threshold("TopLeader", "median"), InvalidArgumentError, "equilibrium must be one of"),
    (lambda m: m.dispatch(mediated=False, equilibrium="worst"), InvalidArgumentError,
     "equilibrium must be one of 'symmetric', 'best'; got 'worst'"),
    (lambda m: m.dispatch(mediated=True, equilibrium="worst"), InvalidArgumentError, "equilibrium must be one of"),
])
def test_bad_arguments_are_refused(call, error, match):
    with pytest.raises(error, match=match):
        call(M)


# ---------------------------------------------------------------------------------------- payoffs
def test_escalation_game_payoffs_by_hand():
    game = M.escalation_game()
    assert game.players == ("Department", "Centre")
    assert game.strategies == (("Handle", "PassOn", "Shirk"), ("Record", *RUNGS))
    A, B = game.payoffs
    q, rho, W = 0.8, 0.6, 5.0
    # Handle: the department pays h; the centre gets W minus the referral's attention
    np.testing.assert_allclose(A[0], -1.0, atol=ATOL)
    np.testing.assert_allclose(B[0], [5.0, 4.8, 4.4, 3.5], atol=ATOL)
    # Record sanctions nothing: the centre has no authority of its own
    assert (A[1, 0], A[2, 0], B[1, 0], B[2, 0]) == pytest.approx((-0.1, 0.0, 0.0, 0.0))
    # PassOn against the leaders' attention: attributed with q rho, overruled with 0.8
    assert A[1, 2] == pytest.approx(-0.1 - q * rho * 0.8 * (1.5 + 1))
    assert B[1, 2] == pytest.approx(q * rho * 0.8 * W - 0.6)
    # Shirk against the higher office
    assert A[2, 1] == pytest.approx(-q * 0.5 * (0.5 + 1))
    assert B[2, 1] == pytest.approx(q * 0.5 * W - 0.2)
    assert M.escalation_game(["TopLeader", "HigherOffice"]).strategies[1] == ("Record", "HigherOffice", "TopLeader")
    assert Model(rungs=1).stage_game().strategies[1] == ("Record", "HigherOffice")


def test_dispatch_game_payoffs_by_hand():
    game = M.dispatch_game("TopLeader")
    assert game.players == ("DeptA", "DeptB", "Centre") and game.shape == (3, 3, 1)
    A, B, C = (game.payoffs[i][..., 0] for i in range(3))
    overrule_passon, overrule_shirk = 0.8 * 0.6, 0.8
    assert A[1, 2] == pytest.approx(-0.1 - overrule_passon * 4.0)
    assert A[2, 0] == 0.0 and A[0, 2] == -1.0
    np.testing.assert_allclose(B, A.T, atol=ATOL)
    assert C[0, 1] == 5.0
    assert C[1, 2] == pytest.approx(5.0 * (1 - (1 - overrule_passon) * (1 - overrule_shirk)) - 1.5)
    bimatrix = M.dispatch_game("TopLeader", with_centre=False)
    np.testing.assert_array_equal(bimatrix.payoffs, game.payoffs[:2, ..., 0])
    assert M.dispatch_game(None).payoffs[2][2, 2, 0] == 0.0          # no rung: nothing happens


# ---------------------------------------------------------------------------------------- closed form
def _single_rung(q, h, eps, rho, W, power, sanction, attention):
    return Model(detection=q, handling_cost=h, passon_cost=eps, responsibility_clarity=rho, case_value=W,
                 top_leader_power=power, top_leader_sanction=sanction, top_leader_attention=attention)


@settings(max_examples=80, deadline=None)
@given(
    evasion=st.sampled_from(["PassOn", "Shirk"]), q=st.floats(0.2, 1), h=st.floats(0.2, 3),
    eps_share=st.floats(0, 0.9), rho=st.floats(0.1, 1), W=st.floats(0.5, 10), power=st.floats(0.2, 1),
    refer=st.floats(0.02, 0.98), evade=st.floats(0.02, 0.98),
)
def test_escalation_equilibrium_matches_the_inspection_game_closed_form(evasion, q, h, eps_share, rho, W, power,
                                                                        refer, evade):
    # choose the sanction and the attention that put the closed form's referral and evasion rates at
    # (refer, evade); then the game must have exactly that equilibrium if the other evasion is worse
    eps = eps_share * h
    d, c, other_d, other_c = (rho, eps, 1.0, 0.0) if evasion == "PassOn" else (1.0, 0.0, rho, eps)
    overrule = q * d * power
    sanction = (h - c) / (overrule * refer) - h
    attention = evade * overrule * W
    assume(sanction >= 0 and attention > 1e-3)
    other_payoff = -other_c - refer * q * other_d * power * (sanction + h)
    assume(other_payoff < -h - 1e-3)
    m = _single_rung(q, h, eps, rho, W, power, sanction, attention)
    found = bg.equilibria(m.escalation_game(["TopLeader"]))
    assert len(found) == 1
    dept, centre = found[0].profile
    assert dept[("Handle", "PassOn", "Shirk").index(evasion)] == pytest.approx(evade, abs=PROB_TOL)
    assert dept[0] == pytest.approx(1 - evade, abs=PROB_TOL)
    assert centre[1] == pytest.approx(refer, abs=PROB_TOL)
    assert found[0].payoffs[1] == pytest.approx(W - attention / overrule, abs=1e-7)
    assert found[0].payoffs[0] == pytest.approx(-h, abs=1e-7)
    out = m.escalation_equilibrium(["TopLeader"])
    assert out.compliance == pytest.approx(1 - evade, abs=PROB_TOL)
    assert out.attention == pytest.approx(refer * attention, abs=PROB_TOL)


# ---------------------------------------------------------------------------------------- Model.closed_form
@settings(max_examples=150, deadline=None)
@given(
    q=st.floats(0.05, 1), h=st.floats(0.2, 3), eps_share=st.floats(0, 0.95), rho=st.floats(0.05, 1),
    W=st.floats(0.5, 10), power=st.floats(0.05, 1), sanction=st.floats(0, 8), attention=st.floats(0.01, 4),
    evasion=st.sampled_from([None, "PassOn", "Shirk"]),
)
def test_closed_form_is_the_solvers_unique_equilibrium_wherever_it_applies(q, h, eps_share, rho, W, power,
                                                                            sanction, attention, evasion):
    m = _single_rung(q, h, eps_share * h, rho, W, power, sanction, attention)
    game = m.escalation_game(["TopLeader"])
    found = bg.equilibria(game)
    cf = m.closed_form("TopLeader", evasion)
    assume(not found.degenerate)         # the tie rho h = h - eps is tested on its own below
    A, B = game.payoffs
    x = DEPARTMENT_ACTIONS.index(cf.evasion)
    y = 3 - x
    if cf.applies:
        assert cf.failed == ()
        assert len(found) == 1
        dept, centre = found[0].profile
        assert dept[x] == pytest.approx(cf.evasion_rate, abs=PROB_TOL)
        assert dept[0] == pytest.approx(cf.compliance, abs=PROB_TOL) and dept[y] == pytest.approx(0, abs=PROB_TOL)
        assert centre[1] == pytest.approx(cf.referral, abs=PROB_TOL)
        assert found[0].payoffs == pytest.approx((cf.department_payoff, cf.centre_payoff), abs=1e-7)
        return
    # every failed condition is read off the game's payoffs, not off the closed form's formulas
    assert cf.failed and cf.compliance is None and cf.referral is None
    if "deters" in cf.failed:            # a sure referral leaves X at least as good as handling
        assert A[x, 1] >= A[0, 1] - ATOL
    if "pays" in cf.failed:              # referring a sure X-evader does not beat recording it
        assert B[x, 1] <= B[x, 0] + ATOL
    if "better_evasion" in cf.failed:    # at the referral rate that deters X, Y is still no worse than handling
        refer = (A[x, 0] - A[0, 0]) / (A[x, 0] - A[x, 1])
        assert (1 - refer) * A[y, 0] + refer * A[y, 1] >= A[0, 0] - ATOL
    # and when it fails for the better evasion, (generically) nobody handles the case in any equilibrium
    assume(not m.closed_form("TopLeader").applies)
    assert all(e.profile[0][0] == pytest.approx(0, abs=PROB_TOL) for e in found)


@settings(max_examples=60, deadline=None)
@given(
    q=st.floats(0.05, 1), rho=st.floats(0.05, 1), W=st.floats(0.5, 10), power=st.floats(0.05, 1),
    sanction=st.floats(0, 8), attention=st.floats(0.01, 6),
)
def test_closed_form_applies_for_at_most_one_evasion(q, rho, W, power, sanction, attention):
    m = _single_rung(q, 1.0, 0.1, rho, W, power, sanction, attention)
    forms = [m.closed_form("TopLeader", evasion) for evasion in ("PassOn", "Shirk")]
    assert sum(f.applies for f in forms) <= 1
    if any(f.applies for f in forms):
        assert m.closed_form("TopLeader").applies


def test_closed_form_by_hand_at_the_calibration():
    # top leader, q = 0.8: against a pass-on a referral costs 0.8 * 0.6 * 1 * (3 + 1) = 1.92 and brings
    # 0.8 * 0.6 * 5 = 2.4; against a shirk 3.2. Deterring a pass-on needs 0.9 / 1.92 = 0.46875 referrals,
    # a shirk 1 / 3.2 = 0.3125: the pass-on is the better evasion.
    cf = M.closed_form("TopLeader")
    assert cf.evasion == "PassOn" and cf.applies
    assert cf.deterrence == pytest.approx(1.92) and cf.referral_gain == pytest.approx(2.4)
    assert cf.referral == pytest.approx(0.46875)
    assert cf.evasion_rate == pytest.approx(0.625) and cf.compliance == pytest.approx(0.375)
    assert cf.centre_payoff == pytest.approx(5 - 1.5 / 0.48) and cf.department_payoff == -1.0
    # against a shirk it would need Pr[Shirk] = 1.5 / 4 but at 0.3125 referrals the pass-on pays -0.7 > -1
    assert M.closed_form("TopLeader", "Shirk").failed == ("better_evasion",)
    # higher office: 0.8 * 0.6 * 0.5 * 1.5 = 0.36 < 0.9, never deters a pass-on
    assert M.closed_form("HigherOffice").failed == ("deters",)
    # top leader at q = 0.45: deters (1.08 > 0.9) but 0.45 * 0.6 * 5 = 1.35 < 1.5 does not pay
    assert dataclasses.replace(M, detection=0.45).closed_form("TopLeader").failed == ("pays",)
    # q = 0: nothing is attributed, nothing deters or pays, and the free shirk is the better evasion
    blind = Model(detection=0).closed_form("LeadersAttention")
    assert blind.evasion == "Shirk" and blind.failed == ("deters", "pays")
    text = repr(M.closed_form("HigherOffice"))
    assert text == "ClosedForm(HigherOffice against PassOn; does not apply: deters fails)"

def _compliances(game):
    """(lowest, highest) compliance over the solver's (extreme) equilibria."""
    found = bg.equilibria(game)
    values = [float(e.profile[0][0]) for e in found]
    return min(values), max(values)


@pytest.mark.parametrize("kwargs", [
    dict(responsibility_clarity=0.9),                          # (h - eps) / h at the calibration
    dict(passon_cost=0.0, responsibility_clarity=1.0),         # the legal corner: PassOn duplicates Shirk
    dict(passon_cost=0.3, responsibility_clarity=0.7),
])
@pytest.mark.parametrize("rung", RUNGS)
def test_closed_form_on_the_tie_against_the_solver(kwargs, rung):
    m = Model(**kwargs)
    cf = m.closed_form(rung)
    assert cf.tie and not cf.applies and "no_tie" in cf.failed and cf.compliance is None
    low, high = _compliances(m.escalation_game([rung]))
    power, sanction, attention = m.rung(rung)
    q, rho, W = m.detection, m.responsibility_clarity, m.case_value
    if cf.compliance_range is None:
        # the rung does not deter a shirk or a referral does not pay against one: nobody handles
        assert q * power * (sanction + 1) <= 1 or q * power * W <= attention
        assert high == pytest.approx(0, abs=PROB_TOL)
        return
    assert cf.compliance_range == pytest.approx((low, high), abs=PROB_TOL)
    # the segment's ends by hand: all evasion by pass-on, all by shirk
    assert high == pytest.approx(1 - attention / (q * power * W), abs=PROB_TOL)
    assert low == pytest.approx(max(0.0, 1 - attention / (q * rho * power * W)), abs=PROB_TOL)
    for e in bg.equilibria(m.escalation_game([rung])):
        assert e.profile[1][1] == pytest.approx(cf.referral, abs=PROB_TOL)
    # the reported equilibrium is the least compliant; max_compliance the most
    out = m.escalation_equilibrium([rung])
    assert (out.compliance, out.max_compliance) == pytest.approx((low, high), abs=PROB_TOL)


def test_closed_form_on_the_tie_by_hand():
    # rho = 0.9 = (1 - 0.1) / 1, top leader at q = 0.8: both evasions are deterred by 1 / 3.2 = 0.3125 referrals;
    # the centre is indifferent when 0.9 Pr[PassOn] + Pr[Shirk] = 1.5 / 4, so compliance runs from
    # 1 - 0.375 / 0.9 = 0.5833 (only pass-ons) to 1 - 0.375 = 0.625 (only shirks)
    cf = Model(responsibility_clarity=0.9).closed_form("TopLeader")
    assert cf.referral == pytest.approx(0.3125) and cf.department_payoff == -1.0
    assert cf.compliance_range == pytest.approx((1 - 0.375 / 0.9, 0.625))
    assert _compliances(Model(responsibility_clarity=0.9).escalation_game(["TopLeader"])) == pytest.approx(
        (1 - 0.375 / 0.9, 0.625), abs=PROB_TOL)
    # eps = 0, rho = 1: the two evasions are the same action; compliance 0.625 in every equilibrium
    corner = Model(passon_cost=0.0, responsibility_clarity=1.0)
    assert corner.closed_form("TopLeader").compliance_range == pytest.approx((0.625, 0.625))
    assert _compliances(corner.escalation_game(["TopLeader"])) == pytest.approx((0.625, 0.625), abs=PROB_TOL)
    # thresholds on the tie: 1.5 / (0.9 * 5) for the least compliant equilibrium, 1.5 / 5 for the most
    tie = Model(responsibility_clarity=0.9)
    assert tie.detection_threshold("TopLeader") == pytest.approx(1 / 3)
    assert tie.detection_threshold("TopLeader", "best") == pytest.approx(0.3)
    # the tie is found with a tolerance relative to h, not by comparing rounded referral rates
    assert Model(handling_cost=3.0, passon_cost=0.3, responsibility_clarity=2.7 / 3).closed_form("TopLeader").tie
    assert not Model(responsibility_clarity=0.9 + 1e-6).closed_form("TopLeader").tie


@settings(max_examples=40, deadline=None)
@given(
    q=st.floats(0.05, 1), h=st.floats(0.2, 3), eps_share=st.floats(0, 0.95), W=st.floats(0.5, 10),
    power=st.floats(0.05, 1), sanction=st.floats(0, 8), attention=st.floats(0.01, 4),
)
def test_closed_form_on_the_tie_is_the_solvers_segment(q, h, eps_share, W, power, sanction, attention):
    eps = eps_share * h
    m = _single_rung(q, h, eps, (h - eps) / h, W, power, sanction, attention)
    cf = m.closed_form("TopLeader")
    assert cf.tie
    low, high = _compliances(m.escalation_game(["TopLeader"]))
    deters, pays = q * power * (sanction + h) - h, q * power * W - attention
    assume(min(abs(deters), abs(pays)) > 1e-6 * h)      # not on a second knife edge
    if cf.compliance_range is None:
        assert high == pytest.approx(0, abs=PROB_TOL)
    else:
        assert cf.compliance_range == pytest.approx((low, high), abs=PROB_TOL)


@pytest.mark.parametrize("rung", ["LeadersAttention", "TopLeader"])
def test_detection_threshold_on_the_tie_against_the_solver(rung):
    # on the tie at rho = 0.9: the least compliant equilibrium handles some cases exactly above the threshold,
    # the most compliant one above the "best" threshold; both read off the solver on a grid of q
    tie = Model(responsibility_clarity=0.9)
    for equilibrium, pick in (("worst", 0), ("best", 1)):
        threshold = tie.detection_threshold(rung, equilibrium)
        for q in np.linspace(0.05, 1, 20):
            value = _compliances(dataclasses.replace(tie, detection=float(q)).escalation_game([rung]))[pick]
            if q < threshold - 1e-6:
                assert value == pytest.approx(0, abs=PROB_TOL), (equilibrium, q)
            elif q > threshold + 1e-6:
                assert value > PROB_TOL, (equilibrium, q)


@settings(max_examples=60, deadline=None)
@given(
    h=st.floats(0.2, 3), eps_share=st.floats(0, 0.95), rho=st.floats(0.05, 1), W=st.floats(0.5, 10),
    power=st.floats(0.05, 1), sanction=st.floats(0, 8), attention=st.floats(0.01, 4),
)
def test_detection_threshold_separates_no_compliance_from_some(h, eps_share, rho, W, power, sanction, attention):
    m = _single_rung(1.0, h, eps_share * h, rho, W, power, sanction, attention)
    threshold = m.detection_threshold("TopLeader")

    def compliance(q):
        game = dataclasses.replace(m, detection=q).escalation_game(["TopLeader"])
        found = bg.equilibria(game)
        assume(not found.degenerate)
        return min(float(e.profile[0][0]) for e in found)

    if threshold < 0.98:
        assert compliance(0.98 * threshold) == pytest.approx(0, abs=PROB_TOL)
        assert compliance(min(1.0, 1.02 * threshold)) > PROB_TOL
    elif threshold > 1.02:
        assert compliance(1.0) == pytest.approx(0, abs=PROB_TOL)


def test_detection_thresholds_at_the_calibration_by_hand():
    # top leader: deters a pass-on from 0.9 / (0.6 * 1 * 4) = 0.375, pays from 1.5 / (0.6 * 5) = 0.5;
    # leaders' attention: deters from 0.9 / (0.6 * 0.8 * 2.5) = 0.75, pays from 0.6 / 2.4 = 0.25;
    # higher office: deters only from 0.9 / (0.6 * 0.5 * 1.5) = 2 > 1
    assert [M.detection_threshold(r) for r in RUNGS] == pytest.approx([2.0, 0.75, 0.5])
    assert Model(responsibility_clarity=0).detection_threshold("TopLeader") == float("inf")

def test_the_calibrated_top_leader_alone_by_hand():
    # q = 0.8: the department passes on (the better evasion); Pr[PassOn] = A / (q rho pi W) = 0.625
    out = M.escalation_equilibrium(["TopLeader"])
    assert out.compliance == pytest.approx(1 - 1.5 / (0.8 * 0.6 * 5))
    assert out.referral["TopLeader"] == pytest.approx(0.9 / (0.8 * 0.6 * 4))
    assert out.shirk == 0.0


def test_the_calibrated_full_ladder_mixes_two_rungs():
    # the department mixes Handle/PassOn so the centre is indifferent between two rungs:
    # sigma q rho (pi_LA - pi_HO) W = A_LA - A_HO; the centre's mix keeps the department indifferent
    out = M.escalation_equilibrium()
    q_rho = 0.8 * 0.6
    evade = (0.6 - 0.2) / (q_rho * (0.8 - 0.5) * 5)
    assert out.passon == pytest.approx(evade) and out.compliance == pytest.approx(1 - evade)
    deterrence = {r: q_rho * M.rung(r)[0] * (M.rung(r)[1] + 1) for r in RUNGS}
    x = (0.9 - deterrence["HigherOffice"]) / (deterrence["LeadersAttention"] - deterrence["HigherOffice"])
    assert out.referral == pytest.approx({"HigherOffice": 1 - x, "LeadersAttention": x, "TopLeader": 0.0})


# ---------------------------------------------------------------------------------------- the attention budget
def _random_model(draw_q, rho, W, powers, sanctions, attentions):
    kwargs = dict(detection=draw_q, responsibility_clarity=rho, case_value=W)
    for prefix, p, s, a in zip(("higher_office", "leaders", "top_leader"), powers, sanctions, attentions):
        kwargs.update({f"{prefix}_power": p, f"{prefix}_sanction": s, f"{prefix}_attention": a})
    return Model(**kwargs)


_models = st.builds(
    _random_model, st.floats(0.3, 1), st.floats(0.1, 1), st.floats(0.5, 10),
    st.tuples(*[st.floats(0.1, 1)] * 3), st.tuples(*[st.floats(0, 6)] * 3), st.tuples(*[st.floats(0.02, 2.5)] * 3),
)


def _centre_mix(out):
    refer = [out.referral[r] for r in out.ladder]
    return np.array([1 - sum(refer), *refer])


@settings(max_examples=60, deadline=None)
@given(m=_models, budget=st.floats(0, 3))
def test_budget_constrained_play_respects_the_budget_and_no_one_gains_by_deviating(m, budget):
    out = m.escalation_equilibrium(budget=budget)
    game = m.escalation_game()
    dept_payoffs, centre_payoffs = game.payoffs
    sigma = _centre_mix(out)
    costs = np.array([0.0, *(m.rung(r)[2] for r in m.ladder)])
    s = np.array([out.compliance, out.passon, out.shirk])
    assert sigma.min() >= -PROB_TOL and sigma.sum() == pytest.approx(1.0)
    assert sigma @ costs <= budget + PROB_TOL and out.attention == pytest.approx(sigma @ costs, abs=PROB_TOL)
    # the department: no pure action beats its equilibrium payoff against the centre's mix
    assert (dept_payoffs @ sigma).max() <= out.department_payoff + LP_TOL
    assert s @ dept_payoffs @ sigma == pytest.approx(out.department_payoff, abs=LP_TOL)
    # the centre: no mixed strategy within the budget does better (a linear programme over the polytope)
    best = linprog(-(s @ centre_payoffs), A_ub=[costs], b_ub=[budget], A_eq=[np.ones_like(costs)], b_eq=[1.0],
                   bounds=[(0, 1)] * len(costs))
    assert best.status == 0
    assert -best.fun <= out.centre_payoff + LP_TOL
    assert s @ centre_payoffs @ sigma == pytest.approx(out.centre_payoff, abs=LP_TOL)


@settings(max_examples=40, deadline=None)
@given(m=_models)
def test_a_budget_that_affords_every_rung_leaves_play_unconstrained(m):
    free = m.escalation_equilibrium()
    rich = m.escalation_equilibrium(budget=max(m.rung(r)[2] for r in RUNGS))    # the polytope is the simplex
    assert not rich.binds and rich.budget is not None
    assert rich.compliance == pytest.approx(free.compliance, abs=PROB_TOL)
    assert rich.referral == pytest.approx(free.referral, abs=PROB_TOL)
    assert (rich.centre_payoff, rich.department_payoff) == pytest.approx(
        (free.centre_payoff, free.department_payoff), abs=PROB_TOL)


#: Models in which some ladder usually deters (most draws of ``_models`` do not).
_deterring_models = st.builds(
    _random_model, st.floats(0.7, 1), st.floats(0.4, 1), st.floats(3, 10),
    st.tuples(*[st.floats(0.3, 1)] * 3), st.tuples(*[st.floats(0.5, 6)] * 3), st.tuples(*[st.floats(0.02, 1.5)] * 3),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(m=_deterring_models, share=st.floats(0, 2))
def test_the_budget_is_all_or_nothing(m, share):
    # below the attention the unconstrained equilibrium spends nobody handles the case (proved in the card, P4);
    # above it the unconstrained equilibrium is played
    # for generic parameters: the unconstrained game has one equilibrium, and it is not degenerate
    found = bg.equilibria(m.escalation_game())
    assume(len(found) == 1 and not found.degenerate)
    free = m.escalation_equilibrium()
    assume(free.compliance > 0 and abs(share - 1) > 1e-3)
    out = m.escalation_equilibrium(budget=share * free.attention)
    if share < 1:
        assert out.compliance == 0.0 and out.binds
        assert out.attention == pytest.approx(share * free.attention, abs=PROB_TOL)     # it spends it all
    else:
        assert out.compliance == pytest.approx(free.compliance, abs=PROB_TOL) and not out.binds


#: A counterexample to "all or nothing" (degenerate: the unconstrained game has three equilibria).
SEVERAL = dict(
    detection=0.964109091362938, passon_cost=0.3692778106860414, responsibility_clarity=0.9331961166291243,
    case_value=8.679327656238417, higher_office_power=0.9142520773332614, higher_office_sanction=0.43241035731980415,
    higher_office_attention=1.5560169573468337, leaders_power=0.4230830053070693, leaders_sanction=5.194094428370059,
    leaders_attention=0.07879916961813441, top_leader_power=0.617681121585314, top_leader_sanction=0.4175846806985133,
    top_leader_attention=0.6033688887976192,
)


def test_with_several_equilibria_a_budget_binds_by_selecting_a_cheaper_one():
    m = Model(**SEVERAL)
    costs = np.array([0.0, *(m.rung(r)[2] for r in RUNGS)])
    found = bg.equilibria(m.escalation_game())
    spends = sorted((float(e.profile[1] @ costs), float(e.profile[0][0])) for e in found)
    assert len(found) == 3
    free = m.escalation_equilibrium()
    # the reported, least compliant equilibrium is the dearest
    assert free.compliance == pytest.approx(min(c for _, c in spends), abs=PROB_TOL)
    assert free.attention == pytest.approx(spends[-1][0], abs=PROB_TOL) and free.attention > 0.9
    assert free.max_compliance == pytest.approx(max(c for _, c in spends), abs=PROB_TOL)
    # a budget between the cheapest equilibrium's spend and the others' rules them out: play changes, so it binds
    assert spends[0][0] < 0.287 < spends[1][0]
    tight = m.escalation_equilibrium(budget=0.287)
    assert tight.compliance == pytest.approx(spends[0][1], abs=PROB_TOL) and tight.compliance > free.compliance + 0.3
    assert tight.binds
    # a budget every equilibrium fits changes nothing
    assert not m.escalation_equilibrium(budget=spends[-1][0] + 0.01).binds
    # the least budget for compliance 0.9 is the cheapest equilibrium's spend (minimum_attention reads only
    # the reported equilibria and misses it)
    least = m.minimum_budget(0.9)
    assert least["budget"] <= spends[0][0] + PROB_TOL and least["compliance"] >= 0.9
    assert m.minimum_attention(0.9)["attention"] >= least["budget"]


def test_ties_on_the_detection_grid_are_reported_with_both_ends():
    # q = 0.75: the leaders' attention deters a pass-on exactly at a sure referral (0.75 * 0.6 * 0.8 * 2.5 = 0.9);
    # besides (PassOn, refer) there is an equilibrium with compliance 1 - 0.6 / (0.75 * 0.6 * 0.8 * 5) = 2/3
    m = dataclasses.replace(M, detection=0.75)
    out = m.escalation_equilibrium(["LeadersAttention"])
    assert _compliances(m.escalation_game(["LeadersAttention"])) == pytest.approx((0, 2 / 3), abs=PROB_TOL)
    assert (out.compliance, out.max_compliance) == pytest.approx((0, 2 / 3), abs=PROB_TOL)
    assert "(up to 0.6667 in another equilibrium)" in repr(out)
    assert M.escalation_equilibrium().max_compliance == M.escalation_equilibrium().compliance


def test_a_binding_budget_by_hand_one_rung():
    # top leader alone, q = 0.8: the closed form refers 0.46875 of cases, spending 0.703125. With a budget of
    # 0.5 the centre refers at most 0.5 / 1.5 = 1/3; then a pass-on costs 0.1 + 1.92 / 3 = 0.74 < 1 = h and
    # beats a shirk (3.2 / 3 = 1.0667), so the department passes every case on; referring a sure pass-on
    # pays 2.4 - 1.5 = 0.9 > 0, so the centre spends the whole budget: payoff 0.9 / 3 = 0.3.
    out = M.escalation_equilibrium(["TopLeader"], budget=0.5)
    assert out.binds and out.budget == 0.5
    assert (out.compliance, out.passon, out.shirk) == pytest.approx((0.0, 1.0, 0.0), abs=PROB_TOL)
    assert out.referral["TopLeader"] == pytest.approx(1 / 3) and out.attention == pytest.approx(0.5)
    assert out.centre_payoff == pytest.approx(0.3) and out.department_payoff == pytest.approx(-0.74)
    # from 0.703125 on the budget does not bind and the closed form is played
    enough = M.escalation_equilibrium(["TopLeader"], budget=0.71)
    assert not enough.binds and enough.compliance == pytest.approx(0.375)
    assert M.escalation_equilibrium(["TopLeader"], budget=0).referral["TopLeader"] == 0.0


def test_a_binding_budget_by_hand_full_ladder():
    # full ladder, budget 0.5 (< 0.56 spent unconstrained). Against a sure pass-on a referral gains
    # 0.48 pi_r W - A_r = 1.0, 1.32, 0.9 (HO, LA, TL) for 0.2, 0.6, 1.5 attention: the centre refers every
    # case to the higher office (1.0 for 0.2) and moves 0.75 of them up to the leaders (0.32 more for 0.4
    # more), exhausting 0.5: payoff 1.24. Deterrence against a pass-on is then 0.25 * 0.36 + 0.75 * 0.96 = 0.81
    # < 0.9, so passing on (-0.91) beats handling (-1) and shirking (-0.81 / 0.6 = -1.35).
    out = M.escalation_equilibrium(budget=0.5)
    assert out.binds and out.passon == pytest.approx(1.0)
    assert out.referral == pytest.approx({"HigherOffice": 0.25, "LeadersAttention": 0.75, "TopLeader": 0.0})
    assert out.centre_payoff == pytest.approx(1.24) and out.department_payoff == pytest.approx(-0.91)
    assert repr(out).startswith("EscalationOutcome(Nash within budget 0.5 (binds); ladder HigherOffice")


def test_budget_game_vertices_by_hand():
    game = M.budget_game(["HigherOffice", "LeadersAttention", "TopLeader"], 0.6)
    # HigherOffice (0.2) and LeadersAttention (0.6) are affordable; the budget line cuts the edges to TopLeader
    assert game.strategies[1] == ("Record", "HigherOffice", "LeadersAttention", "TopLeader@0.4",
                                  "HigherOffice@0.6923+TopLeader@0.3077")
    free = M.escalation_game()
    np.testing.assert_allclose(game.payoffs[:, :, 3], 0.6 * free.payoffs[:, :, 0] + 0.4 * free.payoffs[:, :, 3])
    assert M.budget_game(budget=0).strategies[1] == ("Record",)
    assert M.budget_game().strategies == game.strategies                 # the calibrated budget is 0.6

# ---------------------------------------------------------------------------------------- P1-P3 (e23)
def test_p1_without_borrowed_power_nobody_handles():
    for q in np.linspace(0, 1, 11):
        assert dataclasses.replace(M, detection=float(q), rungs=0).escalation_equilibrium().compliance == 0.0


@pytest.mark.parametrize("ladder", LADDERS)
def test_p2_compliance_never_falls_as_detection_improves(ladder):
    values = [dataclasses.replace(M, detection=float(q)).escalation_equilibrium(ladder).compliance
              for q in np.linspace(0, 1, 41)]
    assert all(b >= a - ATOL for a, b in zip(values, values[1:]))


def test_p2_stronger_rungs_need_less_information():
    def compliance(q, ladder):
        return dataclasses.replace(M, detection=q).escalation_equilibrium(ladder).compliance

    # thresholds from the closed form: top leader q > 0.5 (a referral pays against a pass-on,
    # q rho pi W > A; it already deters from q > 0.375), leaders' attention q > 0.75 (deterrence
    # q rho pi (S + h) > h - eps; a referral pays from q > 0.25)
    assert compliance(0.49, ["TopLeader"]) == 0.0 < compliance(0.51, ["TopLeader"])
    between = dataclasses.replace(M, detection=0.45).escalation_equilibrium(["TopLeader"])
    assert 0.45 * 0.6 * 1.0 * (3 + 1) > 1 - 0.1          # deters ...
    # ... but a referral against a pass-on does not pay (0.45 * 0.6 * 5 < 1.5): the centre refers only
    # enough to keep the department between passing on and shirking, and nobody handles
    assert 0.45 * 0.6 * 1.0 * 5 < 1.5
    assert between.compliance == 0.0 and between.passon > 0 and between.shirk > 0
    assert compliance(0.74, ["LeadersAttention"]) == 0.0 < compliance(0.76, ["LeadersAttention"])
    assert all(compliance(q, ["HigherOffice"]) == 0.0 for q in (0.5, 0.8, 1.0))


def test_p3_cheap_rungs_crowd_out_strong_ones_without_commitment():
    at = {q: dataclasses.replace(M, detection=q) for q in (0.7, 0.8)}
    assert at[0.7].escalation_equilibrium().compliance == 0.0
    assert at[0.7].escalation_equilibrium(["TopLeader"]).compliance == pytest.approx(1 - 1.5 / (0.7 * 0.6 * 5))
    assert at[0.8].escalation_equilibrium().compliance == pytest.approx(4 / 9)
    assert at[0.8].escalation_equilibrium(["LeadersAttention", "TopLeader"]).compliance == pytest.approx(0.6875)
    for q in (0.7, 0.8):
        assert at[q].escalation_equilibrium(["LeadersAttention", "TopLeader"]).referral["TopLeader"] == 0.0


# ---------------------------------------------------------------------------------------- P4 (e24)
def test_p4_the_least_attention_for_a_target_falls_with_detection():
    needed = [dataclasses.replace(M, detection=q).minimum_attention(0.25)["attention"] for q in (0.7, 0.8, 0.9, 1.0)]
    assert all(b < a for a, b in zip(needed, needed[1:]))
    assert needed[0] == pytest.approx(1.5 * 0.9 / (0.7 * 0.6 * 4))       # top leader alone at q = 0.7
    assert dataclasses.replace(M, detection=0.65).minimum_attention(0.25)["attention"] == float("inf")
    assert M.minimum_attention(0.0) == {"attention": 0.0, "ladder": "", "compliance": 0.0}


@pytest.mark.parametrize("q, target", [(0.7, 0.25), (0.8, 0.25), (0.8, 0.5), (1.0, 0.5), (1.0, 0.75)])
def test_p4_below_the_least_budget_no_ladder_reaches_the_target(q, target):
    m = dataclasses.replace(M, detection=q)
    least = m.minimum_budget(target)
    # the budget binds: on a grid below it every ladder's budget-constrained equilibrium falls short
    for budget in np.linspace(0, least["budget"], 9)[:-1]:
        assert m.best_ladder(float(budget)).compliance < target - ATOL, budget
    assert m.best_ladder(least["budget"] + 1e-6).compliance >= target - leverage.TARGET_TOL
    # all or nothing: the least budget is the attention the cheapest sufficient ladder spends unconstrained
    assert least["budget"] == pytest.approx(m.minimum_attention(target)["attention"], abs=ATOL)


def test_p4_least_budget_by_hand():
    # q = 0.7: only the top leader deters; it refers 0.9 / (0.7 * 0.6 * 4) of cases at 1.5 each
    least = dataclasses.replace(M, detection=0.7).minimum_budget(0.25)
    assert least["ladder"] == "TopLeader" and least["budget"] == pytest.approx(1.5 * 0.9 / (0.7 * 0.6 * 4))
    assert dataclasses.replace(M, detection=0.65).minimum_budget(0.25)["budget"] == float("inf")
    assert M.minimum_budget(0.0) == {"budget": 0.0, "ladder": "", "compliance": 0.0}

def test_p4_best_ladder_within_the_budget():
    best = M.best_ladder()
    assert best.ladder == ("LeadersAttention",)
    assert best.compliance == pytest.approx(0.6875) and best.attention <= M.attention_budget
    assert M.best_ladder(0).ladder == () and M.best_ladder(0).compliance == 0.0


# ---------------------------------------------------------------------------------------- P5, P6 (e25)
@settings(max_examples=40, deadline=None)
@given(
    q=st.floats(0.05, 1), rho=st.floats(0.05, 1), W=st.floats(0.5, 10), power=st.floats(0.05, 1),
    sanction=st.floats(0, 6), attention=st.floats(0.01, 5),
)
def test_p5_with_one_rung_mediation_cannot_improve_on_the_equilibrium(q, rho, W, power, sanction, attention):
    m = _single_rung(q, 1.0, 0.1, rho, W, power, sanction, attention)
    game = m.escalation_game(["TopLeader"])
    A, B = game.payoffs
    # strategically zero-sum: B + lam A is a row term plus a column term (Moulin and Vial 1978)
    lam = W / (sanction + 1.0)
    S = B + lam * A
    np.testing.assert_allclose(S - S[:, :1] - S[:1, :] + S[0, 0], 0.0, atol=1e-9)
    found = bg.equilibria(game)
    assume(len(found) == 1 and not found.degenerate)
    assert m.mediated_escalation(["TopLeader"]).centre_payoff == pytest.approx(found[0].payoffs[1], abs=LP_TOL)


def test_p5_mediation_adds_nothing_to_policing_one_department_at_the_calibration():
    for ladder in LADDERS:
        assert M.mediated_escalation(ladder).centre_payoff == pytest.approx(
            M.escalation_equilibrium(ladder).centre_payoff, abs=LP_TOL)


def test_p6_the_unmediated_shared_case_by_hand():
    # top leader, q = 0.8: Handle/PassOn symmetric mix, -1 = -0.1 - 1.92 (1 - x)
    out = M.dispatch(["TopLeader"], mediated=False)
    assert out.rung == "TopLeader"
    evade = 0.9 / (0.8 * 0.6 * 4)
    both = evade ** 2
    forced = 1 - (1 - 0.48) ** 2
    assert out.voluntary == pytest.approx(1 - both)
    assert out.resolved == pytest.approx(1 - both + both * forced)
    assert out.attention == pytest.approx(both * 1.5)
    assert out.centre_value == pytest.approx(5 * (1 - both + both * forced) - both * 1.5)
    assert M.dispatch(mediated=False).rung == "TopLeader"


def test_p6_dispatch_resolves_every_case_without_attention():
    out = M.dispatch(mediated=True)
    assert (out.resolved, out.voluntary, out.attention, out.centre_value) == (1.0, 1.0, 0.0, 5.0)
    # one department is told to handle, the other to stand aside; never both, never neither
    assert set(out.distribution) <= {("Handle", "PassOn"), ("Handle", "Shirk"), ("PassOn", "Handle"),
                                     ("Shirk", "Handle")}
    # without the two strong rungs dispatch is not obeyed and mediation is worth nothing
    weak = M.dispatch(["HigherOffice"], mediated=True)
    assert weak.voluntary == 0.0
    assert weak.centre_value == pytest.approx(M.dispatch(["HigherOffice"], mediated=False).centre_value)


def test_p6_the_mediated_dispatch_is_a_pure_nash_equilibrium_so_correlation_adds_nothing():
    # the gain over the departments left alone is equilibrium selection (a jurisdiction rule), not correlation
    mediated = M.dispatch(mediated=True)
    best = M.dispatch(mediated=False, equilibrium="best")
    assert best.centre_value == mediated.centre_value == 5.0
    assert M.dispatch(mediated=False).centre_value < best.centre_value - 0.5
    game = M.dispatch_game(mediated.rung, with_centre=False)
    for a, b in mediated.distribution:
        assert bg.is_equilibrium(game, (DEPARTMENT_ACTIONS.index(a), DEPARTMENT_ACTIONS.index(b))), (a, b)


@settings(max_examples=25, deadline=None)
@given(q=st.floats(0, 1), rho=st.floats(0, 1), W=st.floats(0.5, 10), sanction=st.floats(0, 6),
       attention=st.floats(0.01, 5))
def test_p6_handling_is_recommended_only_where_a_named_department_would_handle(q, rho, W, sanction, attention):
    # a department's payoff depends on the other only through whether it evades; handling is best against
    # some belief iff it is best against a sure evader, so otherwise no correlated equilibrium recommends it
    m = _single_rung(q, 1.0, 0.1, rho, W, 1.0, sanction, attention)
    game = m.dispatch_game("TopLeader", with_centre=False)
    A = game.payoffs[0]
    handle_when_other_shirks = A[0, 2] >= A[1:, 2].max() + 1e-6
    p = np.asarray(bg.correlated_equilibrium(m.dispatch_game("TopLeader"), objective="Centre").distribution)[..., 0]
    if A[0, 2] < A[1:, 2].max() - 1e-6:
        assert p[0, :].sum() + p[:, 0].sum() == pytest.approx(0.0, abs=LP_TOL)
    if handle_when_other_shirks:
        assert bg.is_equilibrium(game, (0, 2))


@settings(max_examples=25, deadline=None)
@given(q=st.floats(0, 1), rho=st.floats(0, 1), W=st.floats(0.5, 10), sanction=st.floats(0, 6),
       attention=st.floats(0.01, 5))
def test_p6_mediation_never_does_worse_than_the_departments_alone(q, rho, W, sanction, attention):
    # every Nash equilibrium is a correlated equilibrium, and the rule picks the best rung in both regimes
    m = _single_rung(q, 1.0, 0.1, rho, W, 1.0, sanction, attention)
    assert m.dispatch(mediated=True).centre_value >= m.dispatch(mediated=False).centre_value - LP_TOL
    assert m.dispatch(mediated=True).centre_value >= m.dispatch(mediated=False, equilibrium="best").centre_value - LP_TOL


# ---------------------------------------------------------------------------------------- a real hand-over
def test_handover_payoffs_by_hand():
    plain = M.dispatch_game("TopLeader")
    game = M.dispatch_game("TopLeader", handover=True)
    A, B, C = (game.payoffs[i][..., 0] for i in range(3))
    # DeptA passes the case to DeptB, who shirks. DeptB's shirk is attributed with q = 0.8 and overruled by the
    # top leader (pi = 1): -0.8 * 4 = -3.2. DeptA is cleared when the hand-over is on record (0.8) and is otherwise
    # attributed as a pass-on (0.8 * 0.6): -0.1 - 0.2 * 0.48 * 4 = -0.484
    assert (A[1, 2], B[1, 2]) == pytest.approx((-0.484, -3.2))
    assert (A[2, 1], B[2, 1]) == pytest.approx((-3.2, -0.484))
    forced = 1 - (1 - 0.8) * (1 - 0.2 * 0.48)
    assert C[1, 2] == pytest.approx(5.0 * forced - 1.5)
    # every other profile is as without the hand-over (both passing on is a bounce, attributed as before)
    changed = np.zeros((3, 3), bool)
    changed[1, 2] = changed[2, 1] = True
    np.testing.assert_array_equal(game.payoffs[:, ~changed], plain.payoffs[:, ~changed])
    np.testing.assert_allclose(B, A.T, atol=ATOL)
    # without a rung nothing is overruled and the hand-over changes nothing
    np.testing.assert_array_equal(M.dispatch_game(None, handover=True).payoffs, M.dispatch_game(None).payoffs)


@pytest.mark.parametrize("rung", RUNGS)
def test_handover_creates_no_power_without_information(rung):
    # q = 0: nothing is attributed, so the hand-over changes no payoff and no value
    blind = Model(detection=0.0)
    np.testing.assert_array_equal(blind.dispatch_game(rung, handover=True).payoffs, blind.dispatch_game(rung).payoffs)
    assert blind.dispatch([rung], mediated=True, handover=True).centre_value == 0.0
    assert blind.dispatch([rung], mediated=False, equilibrium="best", handover=True).centre_value == 0.0


@settings(max_examples=40, deadline=None)
@given(q=st.floats(0, 1), rho=st.floats(0, 1), eps=st.floats(0.01, 0.9), W=st.floats(0.5, 10),
       sanction=st.floats(0, 6), attention=st.floats(0.01, 5), power=st.floats(0, 1))
def test_handover_a_named_department_handles_only_if_shedding_the_case_costs_as_much(q, rho, eps, W, sanction,
                                                                                       attention, power):
    # (Handle, Shirk) is an equilibrium iff the handler would pay at least h by passing the case to the shirker,
    # eps + (1 - q) q rho pi (S + h), and by shirking too, q pi (S + h); (Handle, Handle) and (Handle, PassOn)
    # never are, since the other department does better shirking (0 > -eps > -h)
    m = _single_rung(q, 1.0, eps, rho, W, power, sanction, attention)
    game = m.dispatch_game("TopLeader", with_centre=False, handover=True)
    shed = eps + (1 - q) * q * rho * power * (sanction + 1.0)
    shirk = q * power * (sanction + 1.0)
    assume(min(abs(shed - 1.0), abs(shirk - 1.0)) > 1e-6)
    assert bg.is_equilibrium(game, (0, 2)) == (shed > 1.0 and shirk > 1.0)
    assert bg.is_equilibrium(game, (2, 0)) == (shed > 1.0 and shirk > 1.0)
    for other in (0, 1):
        assert not bg.is_equilibrium(game, (0, other)) and not bg.is_equilibrium(game, (other, 0))
    assert m.dispatch(mediated=True, handover=True).centre_value >= m.dispatch(
        mediated=False, equilibrium="best", handover=True).centre_value - LP_TOL


def test_handover_a_harsh_rung_keeps_a_named_handler():
    # rho = 1, S = 6, q = 0.5: shedding the case costs 0.1 + 0.25 * 7 = 1.85 > 1, shirking 3.5 > 1
    m = _single_rung(0.5, 1.0, 0.1, 1.0, 5.0, 1.0, 6.0, 1.0)
    assert bg.is_equilibrium(m.dispatch_game("TopLeader", with_centre=False, handover=True), (0, 2))
    assert m.dispatch(["TopLeader"], mediated=False, equilibrium="best", handover=True).centre_value == 5.0


@pytest.mark.parametrize("rung", RUNGS)
def test_handover_at_the_calibration_no_pure_equilibrium_has_a_handler(rung):
    # eps + q (1 - q) rho pi (S + h) <= 0.1 + 0.6 * 4 / 4 = 0.7 < 1 for every q and rung
    for q in np.linspace(0, 1, 11):
        game = dataclasses.replace(M, detection=float(q)).dispatch_game(rung, with_centre=False, handover=True)
        for other in range(3):
            assert not bg.is_equilibrium(game, (0, other)), (q, other)


def test_handover_makes_correlation_pay_at_the_calibration():
    # the named department can shed the case onto the other, so no jurisdiction rule settles it;
    # the symmetric equilibrium mixes Handle and PassOn only and is unchanged at the calibration
    best = M.dispatch(mediated=False, equilibrium="best", handover=True)
    mediated = M.dispatch(mediated=True, handover=True)
    assert best.centre_value < 5.0 - 0.05 and mediated.centre_value > best.centre_value + 0.05
    alone = M.dispatch(mediated=False)
    assert M.dispatch(mediated=False, handover=True).centre_value == alone.centre_value
    assert set(alone.distribution) <= {(a, b) for a in ("Handle", "PassOn") for b in ("Handle", "PassOn")}
    assert repr(mediated).startswith("DispatchOutcome(mediated, with hand-over;") and mediated.handover

# ---------------------------------------------------------------------------------------- records, cell, CLI
def test_outcome_records_read_well():
    text = repr(M.escalation_equilibrium(["TopLeader"]))
    assert text.startswith("EscalationOutcome(Nash; ladder TopLeader; compliance 0.375")
    assert "payoffs centre" in text
    assert repr(Model(rungs=0).escalation_equilibrium()).startswith("EscalationOutcome(Nash; ladder no rungs;")
    with pytest.raises(dataclasses.FrozenInstanceError):
        M.dispatch().resolved = 0


def test_cell_is_a_flat_dict_of_scalars():
    out = leverage.cell()
    assert out["compliance"] == pytest.approx(4 / 9) and out["within_budget"] is True
    assert out["budget_compliance"] == pytest.approx(4 / 9) and out["budget_binds"] is False
    tight = leverage.cell(attention_budget=0.5)
    assert tight["budget_compliance"] == 0.0 and tight["budget_binds"] is True and tight["best_compliance"] == 0.0
    assert out["best_ladder"] == "LeadersAttention" and out["mediated_gain"] == 0.0
    assert out["dispatch_mediated"] == 5.0
    assert all(isinstance(v, float | str | bool) for v in out.values())


def test_cli_solves_the_escalation_game(capsys):
    assert cli.main(["solve", "leverage", "--set", "rungs=1", "--set", "detection=0.8"]) == 0
    out = capsys.readouterr().out
    assert "Department (rows) vs Centre (columns)" in out and "HigherOffice" in out
    assert cli.main(["solve", "leverage", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == ("eq,Department:Handle,Department:PassOn,Department:Shirk,Centre:Record,"
                        "Centre:HigherOffice,Centre:LeadersAttention,Centre:TopLeader,payoff:Department,payoff:Centre")
    assert len(lines) == 2


def test_cli_refuses_a_bad_parameter_in_one_line(capsys):
    assert cli.main(["solve", "leverage", "--set", "detection=2"]) == 2
    assert capsys.readouterr().err.strip() == "bargain: error: detection must be in [0, 1]; got 2.0"
    assert cli.main(["solve", "leverage", "--set", "rungs=2.5"]) == 2
    assert "rungs must be an integer" in capsys.readouterr().err
