"""The oblique model (seed 001): payoffs by hand, regimes from equilibria, propositions computed."""

from __future__ import annotations

import math

import numpy as np
import pytest

import bargain as bg
from bargain import models, repeated
from bargain.errors import ArgumentTypeError, InvalidArgumentError
from bargain.models import oblique

TOL = 1e-12
SOFT_POWER = np.linspace(0, 1, 41)
DELTAS = np.linspace(0.05, 0.95, 19)


# ------------------------------------------------------------------------------------------ stage game

def test_stage_payoffs_by_hand_at_the_defaults():
    # s = 0.6, g = c = 2.25, eta = 4, a = 0.6, f = 1 - 0.6 * 1 = 0.4 (see the model card's table).
    game = oblique.Model().stage_game()
    A, B = game.payoffs
    cell = lambda b, o: (A[oblique.BUREAU.index(b), oblique.OFFICE.index(o)],  # noqa: E731
                         B[oblique.BUREAU.index(b), oblique.OFFICE.index(o)])
    assert cell("Command", "Comply") == pytest.approx((2.25, -2.25), abs=TOL)
    assert cell("Command", "Voice") == pytest.approx((0.4 * 2.25 - 0.6 * 1.5, -0.4 * 2.25 - 0.25), abs=TOL)
    assert cell("Command", "Oppose") == pytest.approx((-0.6 * 2.0, -4 * 0.4), abs=TOL)
    assert cell("BorrowAuthority", "Oppose") == pytest.approx((-0.3 - 1.2, -(1.6 + 0.6)), abs=TOL)
    assert cell("BorrowAuthority", "Voice") == pytest.approx((0.9 - 0.3 - 0.9, -0.9 - 0.25 - 0.6), abs=TOL)
    assert cell("CarrotStick", "Comply") == pytest.approx((2.25 - 0.3 - 0.3, -2.25 + 0.3), abs=TOL)
    assert cell("CarrotStick", "Voice") == pytest.approx(
        (0.4 * (2.25 - 0.3) - 0.3 - 0.9, 0.4 * (-1.95) - 0.25 - 1.6), abs=TOL)
    assert cell("Compromise", "Comply") == pytest.approx((2.25 - 0.75 * 2.25 - 0.15, -0.25 * 2.25), abs=TOL)
    assert cell("Compromise", "Voice") == pytest.approx((0.4 * 0.5625 - 0.15, -0.4 * 0.5625 - 0.25), abs=TOL)
    assert cell("Compromise", "Oppose") == pytest.approx((-0.15 - 1.2, 0.0), abs=TOL)
    assert cell("Empathy", "Comply") == pytest.approx((2.25 - 1.3, -0.5 * 2.25), abs=TOL)
    assert game.strategies == (oblique.BUREAU, oblique.OFFICE)


def test_every_stage_equilibrium_has_zero_regret_and_degeneracy_is_flagged_at_ties():
    for s in SOFT_POWER:
        m = oblique.Model(soft_power=float(s))
        for eq in m.equilibria():
            assert bg.is_equilibrium(m.stage_game(), eq.profile)
    # Against Command, Voice - Comply = s d c - v for the office: a tie at s = v / (d c) = 1/9.
    assert oblique.Model(soft_power=1 / 9).equilibria().degenerate


# ------------------------------------------------------------------------------------------ regimes

def test_no_soft_power_means_command_obedience_at_every_delta():
    m = oblique.Model(soft_power=0.0)
    assert {m.regime(float(d)).label for d in DELTAS} == {"command-obedience"}


def test_all_three_regimes_appear_at_the_defaults():
    labels = {oblique.Model(soft_power=float(s)).regime(float(d)).label for s in SOFT_POWER for d in DELTAS}
    assert labels == set(oblique.REGIMES)


@pytest.mark.parametrize("punishment", ["nash", "optimal"])
def test_resistance_negotiation_starts_where_voice_pays_against_a_command(punishment):
    # Closed form: against Command the office prefers Voice to Comply iff s d c > v, i.e.
    # s > v / (d c) = 0.25 / 2.25 = 1/9. Below, (Command, Comply) is a stage equilibrium the bureau
    # prefers to everything; above, it is not individually rational for the office.
    rn = [s for s in SOFT_POWER if any(
        oblique.Model(soft_power=float(s)).regime(float(d), punishment=punishment).label == "resistance-negotiation"
        for d in DELTAS)]
    threshold = min(rn)
    assert threshold == SOFT_POWER[SOFT_POWER > 1 / 9].min()
    below = [s for s in SOFT_POWER if s < threshold]
    assert below and all(
        oblique.Model(soft_power=float(s)).regime(float(d), punishment=punishment).label == "command-obedience"
        for s in below for d in DELTAS)


def test_all_three_regimes_appear_under_optimal_penal_codes_too():
    grid = np.linspace(0, 1, 11)
    labels = {oblique.Model(soft_power=float(s)).regime(float(d), punishment="optimal").label
              for s in grid for d in (0.1, 0.5, 0.9)}
    assert labels == set(oblique.REGIMES)


def test_a_mixed_stage_equilibrium_without_opposition_is_not_called_conflict():
    # Found by a random search: the bureau's best is a stage equilibrium where the office mixes
    # Comply and Voice only.
    m = oblique.Model(soft_power=0.4298, voice_cost=0.4888, voice_damage=2.929, hierarchy=6.206,
                      evaluation_stake=1.235, borrowed_authority=0.5397, delta=0.8268)
    r = m.regime()
    if isinstance(r.equilibrium, bg.Equilibrium):
        office = r.equilibrium.profile[1]
        assert (office[oblique.OFFICE.index("Oppose")] > 0) == (r.label == "competition-conflict")
    assert r.label != "competition-conflict"


def test_competition_conflict_when_soft_power_is_a_peers():
    assert {oblique.Model(soft_power=1.0).regime(float(d)).label for d in DELTAS} == {"competition-conflict"}


@pytest.mark.parametrize("s", [0.0, 0.2, 0.4, 0.6, 0.7, 0.85, 1.0])
@pytest.mark.parametrize("delta", [0.2, 0.5, 0.8, 0.95])
def test_the_regime_is_the_bureaus_best_sustained_outcome_and_its_equilibrium_checks_out(s, delta):
    m = oblique.Model(soft_power=s)
    game = m.stage_game()
    r = m.regime(delta)
    # Independent of sustained_outcomes: the closed-form critical delta of each implementing cell
    # (away from its threshold), and every stage equilibrium.
    candidates = [eq.payoffs[0] for eq in m.equilibria()]
    for b in range(5):
        for o in range(2):
            c = repeated.critical_delta(game, (b, o)).delta
            if c < delta - 1e-9 and not math.isinf(c):
                candidates.append(game.payoffs[0, b, o])
    assert r.payoffs[0] >= max(candidates) - 1e-9
    if isinstance(r.equilibrium, tuple):
        assert repeated.is_subgame_perfect(game, r.equilibrium, delta).ok
        # the office's automaton complies while the bureau keeps to its action, else reverts
        office = r.equilibrium[1]
        assert office.actions[office.initial] == r.outcome[1]
    else:
        assert bg.is_equilibrium(game, r.equilibrium.profile)


def test_optimal_penal_codes_sustain_at_least_what_nash_reversion_sustains():
    # True here because every stage equilibrium of these games is pure or the worst one for each
    # player is no better than its worst pure-action SPE payoff; checked, not assumed, on a grid.
    for s in np.linspace(0, 1, 11):
        m = oblique.Model(soft_power=float(s))
        for d in (0.2, 0.4, 0.6, 0.8, 0.95):
            nash = repeated.sustained_outcomes(m.stage_game(), d)
            best = repeated.sustained_outcomes(m.stage_game(), d, punishment="optimal")
            assert not (nash & ~best).any()
            assert m.regime(d, punishment="optimal").payoffs[0] >= m.regime(d).payoffs[0] - 1e-9


def test_the_calibrated_case_is_resistance_negotiation_by_conditional_compliance_under_compromise():
    r = oblique.Model().regime()
    assert (r.label, r.outcome) == ("resistance-negotiation", ("Compromise", "Comply"))
    assert r.office_share == pytest.approx(0.75, abs=TOL)


def test_negotiated_share_rises_with_soft_power_when_patient():
    shares = [oblique.Model(soft_power=float(s)).regime(0.95).office_share for s in np.linspace(0, 1, 101)]
    assert all(b >= a - 1e-12 for a, b in zip(shares, shares[1:]))
    assert shares[-1] > shares[0]


def test_at_the_default_delta_the_share_rises_except_where_the_bureau_changes_its_outcome():
    # Within one outcome the office's share can only rise with s (its payoff is nondecreasing in s
    # in every cell it implements or opposes in); the drops listed in the model card all come from
    # the bureau switching to another sustained outcome.
    s = np.linspace(0, 1, 101)
    regimes = [oblique.Model(soft_power=float(x)).regime() for x in s]
    shares = np.array([r.office_share for r in regimes])
    assert np.polyfit(s, shares, 1)[0] > 0
    for k in np.flatnonzero(np.diff(shares) < -1e-12):
        assert regimes[k].outcome != regimes[k + 1].outcome


# ---------------------------------------------------------------------------------------- bargaining

def test_concession_is_rubinsteins_share_in_closed_form():
    # Outside option not binding: the responder (office) gets d_o (1 - d_b) / (1 - d_b d_o).
    m = oblique.Model(soft_power=0.3)
    c = m.concession()
    d_o = m.delta
    d_b = m.delta ** (1 + 0.3 * 2.0 / 2.25)
    assert not c.binding
    assert c.kappa == pytest.approx(d_o * (1 - d_b) / (1 - d_b * d_o), abs=1e-12)


def test_concession_tends_to_the_asymmetric_nash_solution():
    m = oblique.Model()
    gaps = [abs(m.concession(period=p).kappa - m.concession().kappa_nash) for p in (1.0, 0.1, 0.01, 0.001)]
    assert all(b < a for a, b in zip(gaps, gaps[1:]))
    assert gaps[-1] < 1e-3
    # The limit: weights 1 / rate; the office's weight is 1 + s E / g times the bureau's.
    ratio = 1 + 0.6 * 2.0 / 2.25
    assert m.concession().kappa_nash == pytest.approx(ratio / (1 + ratio), abs=1e-9)


def test_concession_rises_with_soft_power_and_the_outside_option_binds_near_peer_power():
    kappas = [oblique.Model(soft_power=float(s)).concession().kappa for s in np.linspace(0, 1, 51)]
    assert all(b >= a - 1e-12 for a, b in zip(kappas, kappas[1:]))
    assert oblique.Model(soft_power=0.9).concession().binding


# --------------------------------------------------------------------------------------------- replay

def test_the_replay_follows_the_cases_order_and_ends_in_an_equilibrium():
    replay = oblique.Model().replay()
    moves = replay.moves
    office = [o for _, o in moves]
    bureau = [b for b, _ in moves]
    assert office == ["Voice", "Voice", "Oppose", "Comply"]
    assert bureau == ["Command", "BorrowAuthority", "CarrotStick", "Compromise"]
    assert replay.final_sustained and replay.label == "resistance-negotiation"


def test_the_replay_at_no_soft_power_is_command_obedience_at_once():
    replay = oblique.Model(soft_power=0.0).replay()
    assert replay.moves == (("Command", "Comply"),)
    assert replay.path.settled_at == 0 and replay.label == "command-obedience"


def test_replay_beliefs_move_towards_the_true_soft_power():
    table = oblique.Model().replay().table
    assert table["belief_mean_soft_power"].iloc[-1] > table["belief_mean_soft_power"].iloc[0]


# --------------------------------------------------------------------------------------------- automata

def test_conditional_compliance_and_the_escalation_ladder_as_automata():
    game = oblique.Model().stage_game()
    play = repeated.play(game, (oblique.escalation_ladder(), oblique.conditional_comply()), 7)
    assert [b for b, _ in play.path] == ["Command", "Command", "BorrowAuthority", "CarrotStick", "Compromise",
                                         "Empathy", "Empathy"]
    assert [o for _, o in play.path][-2:] == ["Comply", "Comply"]


# ------------------------------------------------------------------------------------------ bad input

@pytest.mark.parametrize("kwargs, error, match", [
    ({"soft_power": 1.2}, InvalidArgumentError, r"soft_power must be in \[0, 1\]; got 1.2"),
    ({"delta": 1.0}, InvalidArgumentError, r"delta must be in \(0, 1\); got 1.0"),
    ({"hierarchy": -1}, InvalidArgumentError, "hierarchy must be in"),
    ({"soft_power": "high"}, ArgumentTypeError, "soft_power"),
    ({"carrot": 3.0}, InvalidArgumentError, "carrot must be smaller than burden"),
])
def test_bad_parameters(kwargs, error, match):
    with pytest.raises(error, match=match):
        oblique.Model(**kwargs)


def test_unknown_parameter_gets_a_suggestion_and_bad_method_arguments_are_refused():
    with pytest.raises(InvalidArgumentError, match="did you mean 'soft_power'"):
        models.make("oblique", soft_powr=0.5)
    m = oblique.Model()
    with pytest.raises(InvalidArgumentError, match="punishment must be 'nash' or 'optimal'"):
        m.regime(punishment="grim")
    with pytest.raises(InvalidArgumentError, match=r"delta must be in \(0, 1\)"):
        m.regime(1.5)
    with pytest.raises(InvalidArgumentError, match="period must be"):
        m.concession(period=0)
    with pytest.raises(InvalidArgumentError, match=r"types must be an integer in \[2, 1001\]; got 1"):
        m.replay(types=1)
    with pytest.raises(InvalidArgumentError, match="types must be an integer"):
        m.replay(types=10**6)
    with pytest.raises(InvalidArgumentError, match="prior_decay must be a finite number >= 0; got inf"):
        m.replay(prior_decay=math.inf)
    assert m.replay(types=np.int64(11)).final == ("Compromise", "Comply")
    with pytest.raises(InvalidArgumentError, match="did you mean 'soft_power'"):
        oblique.cell(soft_powr=0.5)
    with pytest.raises(InvalidArgumentError, match="got 'Bribe'"):
        oblique.conditional_comply("Bribe")
    with pytest.raises(InvalidArgumentError, match="accommodations must be bureau actions"):
        oblique.conditional_comply(("Bribe",))


def test_cell_is_a_flat_row():
    row = oblique.cell(soft_power=0.6, delta=0.8)
    assert row["regime"] == "resistance-negotiation"
    assert set(row) == {"regime", "bureau", "office", "bureau_payoff", "office_payoff", "office_share",
                        "n_equilibria", "degenerate"}
