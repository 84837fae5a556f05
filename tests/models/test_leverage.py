"""The borrowed-power model (seed 003): payoffs by hand, the escalation game's closed form against the
solver, mediation, the dispatch game, the propositions of docs/models/leverage.md and bad inputs."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

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
    (lambda m: m.dispatch_game("Mayor"), InvalidArgumentError, "rung must be one of"),
    (lambda m: m.dispatch_game("TopLeader", with_centre=1), ArgumentTypeError, "with_centre must be True or False"),
    (lambda m: m.dispatch(mediated="yes"), ArgumentTypeError, "mediated must be True or False"),
    (lambda m: m.rung("Boss"), InvalidArgumentError, "rung must be one of"),
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
