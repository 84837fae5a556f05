"""Resistance–negotiation under soft power: a bureau and a sub-district office (seed 001).

District C's Civil Affairs Bureau (a superior functional department) delegates the approval of
social assistance to the sub-district offices, which gain workload and accountability risk. The
offices resist by persistent voicing, strategic opposition and conditional obedience; the bureau
answers by borrowing the authority of district and city leaders, by carrot and stick, by compromise
and by empathy. The offices' leverage is *soft power*: since the "sub-district whistles, departments
report" reform they evaluate the upper-level departments and speak at district meetings. The case's
finding is that the relation is neither command–obedience nor competition–conflict but
resistance–negotiation. (Yang and Lei 2023, *Journal of Zhejiang University* 53(1) 80–93.)

The model card, ``docs/models/oblique.md``, maps every player, strategy and parameter to the case,
gives every payoff formula and the calibration, and lists the propositions with the experiment that
shows each. In brief:

**Stage game.** The bureau (rows) plays ``Command``, ``BorrowAuthority``, ``CarrotStick``,
``Compromise`` or ``Empathy``; the office (columns) plays ``Comply``, ``Voice`` (comply slowly while
pressing claims) or ``Oppose`` (refuse, threaten to leave the pilot). With soft power ``s``, the
implemented fraction under voice is ``f = 1 - s * voice_delay``, and per bureau action ``b``:

=================  ==========  ============  ==========  ================  ===================
action             fixed cost  transfer      relief      Oppose sanction   Voice penalty
=================  ==========  ============  ==========  ================  ===================
Command            0           0             0           eta (1 - s)       0
BorrowAuthority    k_a         0             0           eta (1 - s) + a   a
CarrotStick        k_p         r             0           eta (1 - s)       eta (1 - s)
Compromise         k_n         kappa c       kappa       0                 0
Empathy            k_e         0             epsilon     0                 0
=================  ==========  ============  ==========  ================  ===================

Bureau: ``Comply`` gives ``g - transfer - fixed``; ``Voice`` gives ``f (g - transfer) - fixed``,
minus the voice damage ``s D`` unless ``b`` accommodates (Compromise, Empathy); ``Oppose`` gives
``-fixed - s E``. Office: ``Comply`` gives ``-(1 - relief) c + carrot``; ``Voice`` gives
``f (-(1 - relief) c + carrot) - v - voice penalty``; ``Oppose`` gives ``-sanction``. The carrot
``r`` is paid on implementation (CarrotStick only).

**Regime** at ``(s, delta)``: the bureau, as agenda setter, takes its most preferred outcome among
the stage equilibria (played for ever) and the pure outcomes sustained as subgame-perfect paths at
``delta`` (Nash reversion, or optimal penal codes). It is ``command-obedience`` if that is the
office complying with a hard action (Command, BorrowAuthority); ``resistance-negotiation`` if it is
any other implementing outcome (voice, a concession, or compliance conditional on accommodation);
``competition-conflict`` if it is a stage equilibrium in which the office opposes with positive
probability (no implementing outcome does better for the bureau).

Examples
--------
>>> from bargain.models import oblique
>>> m = oblique.Model()
>>> m.regime().label
'resistance-negotiation'
>>> m.regime().outcome
('Compromise', 'Comply')
>>> oblique.Model(soft_power=0).regime().label
'command-obedience'
>>> oblique.Model(soft_power=0.95).regime().label
'competition-conflict'
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
import types
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import bargaining, dynamics, repeated
from ..equilibria.nash import equilibria as _equilibria
from ..equilibria.records import Equilibria, Equilibrium
from ..errors import InvalidArgumentError
from ..game import Game
from . import make, param, validate

__all__ = [
    "ACCOMMODATING",
    "BUREAU",
    "HARD",
    "LADDER",
    "OFFICE",
    "REGIMES",
    "Concession",
    "Model",
    "Regime",
    "Replay",
    "cell",
    "conditional_comply",
    "escalation_ladder",
    "regime_cell",
]

DESCRIPTION = "Resistance-negotiation between a superior bureau and a sub-district office under soft power"
SEED = "001_2a8d6c0fdfdd08ae.txt"

PLAYERS = ("Bureau", "Office")
BUREAU = ("Command", "BorrowAuthority", "CarrotStick", "Compromise", "Empathy")
OFFICE = ("Comply", "Voice", "Oppose")
#: The bureau's hard actions: compliance under them with no concession is command–obedience.
HARD = ("Command", "BorrowAuthority")
#: The actions that accommodate the office's claims (voice does not damage the bureau under them).
ACCOMMODATING = ("Compromise", "Empathy")
#: The bureau's escalation ladder, in the order of the case.
LADDER = ("Command", "BorrowAuthority", "CarrotStick", "Compromise", "Empathy")
REGIMES = ("command-obedience", "resistance-negotiation", "competition-conflict")
PUNISHMENTS = ("nash", "optimal")
#: The largest type grid :meth:`Model.replay` accepts (each type costs five critical-delta solves).
MAX_TYPES = 1001

_INF = math.inf
_SEED = "seed 001"


@dataclass(frozen=True)
class Model:
    """The oblique bureau–office game of seed 001 with its parameters.

    Every field is a parameter with a documented range; ``bargain params oblique`` lists them with
    their meaning and the sentence of the case each comes from. Payoffs are in units of a period's
    workload; only their ratios matter.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        A value outside its range, or a carrot at least as large as the burden (the reform would
        then be a gain to the office, which the case rules out).
    bargain.errors.ArgumentTypeError
        A value that is not a number.
    """

    soft_power: float = param(
        0.6, lo=0, hi=1,
        meaning="the office's evaluation and discourse power over the bureau (0: none, 1: a peer's)",
        source=f"{_SEED}: 'sub-district offices whistle, agencies report for duty' endows offices with authority "
               "to evaluate upper-level departments; 'power distribution ... is balanced to some extent'")
    delta: float = param(
        0.8, lo=0, hi=1, lo_open=True, hi_open=True,
        meaning="common discount factor per round of the repeated interaction",
        source=f"{_SEED}: the offices and the bureau deal with each other continually in grass-roots governance")
    hierarchy: float = param(
        4.0, lo=0, hi=_INF,
        meaning="eta: the sanction the bureau's hierarchical position imposes on an opposing office at s = 0; "
                "soft power erodes it as eta (1 - s)",
        source=f"{_SEED}: the traditional 'command-obedience' mode; 'tiao strong, kuai weak'")
    borrowed_authority: float = param(
        0.6, lo=0, hi=_INF,
        meaning="a: the extra sanction on opposing and on slow (voiced) compliance when district and city "
                "leaders back the reform; not eroded by soft power",
        source=f"{_SEED}: 'a reform team was established headed by the main leaders of District C and the "
               "leaders of B City were invited to attend mobilization and deployment meetings'")
    attention_cost: float = param(
        0.3, lo=0, hi=_INF,
        meaning="k_a: the bureau's cost per round of borrowing leaders' attention",
        source=f"{_SEED}: borrowing authority draws on district and city leaders (calibrated)")
    reform_gain: float = param(
        2.25, lo=0, hi=_INF, lo_open=True,
        meaning="g: the bureau's gain per round when the reform is implemented (its reduced responsibility)",
        source=f"{_SEED}: 'the responsibility of the former [the bureau] was reduced'")
    burden: float = param(
        2.25, lo=0, hi=_INF, lo_open=True,
        meaning="c: the workload and accountability risk per round the reform shifts to the office",
        source=f"{_SEED}: 'the risk and workload of the latter [the offices] was increased'")
    evaluation_stake: float = param(
        2.0, lo=0, hi=_INF,
        meaning="E: what a stalled reform and a bad evaluation by the office cost the bureau at s = 1 "
                "(s E at soft power s)",
        source=f"{_SEED}: offices gained authority 'to command, dispatch, and evaluate' upper-level departments")
    voice_delay: float = param(
        1.0, lo=0, hi=1,
        meaning="d: the fraction of a round's implementation that voicing delays at s = 1 (s d at soft power s)",
        source=f"{_SEED}: offices voiced their concerns 'so as to halt or delay the reform'")
    voice_damage: float = param(
        1.5, lo=0, hi=_INF,
        meaning="D: the damage voicing does to the bureau at s = 1 (s D), unless the bureau accommodates",
        source=f"{_SEED}: offices 'made use of various occasions and opportunities to express their concerns'; "
               "their 'discourse power ... is enhanced'")
    voice_cost: float = param(
        0.25, lo=0, hi=_INF,
        meaning="v: the office's own cost of voicing for a round",
        source=f"{_SEED}: persistent 'claiming' takes the offices' time (calibrated)")
    carrot: float = param(
        0.3, lo=0, hi=_INF,
        meaning="r: the informal benefit the deputy director's persuasion offers on implementation",
        source=f"{_SEED}: 'the deputy director held heart-to-heart conversations with them in some informal "
               "situations'")
    persuasion_cost: float = param(
        0.3, lo=0, hi=_INF,
        meaning="k_p: the bureau's cost per round of running carrot and stick",
        source=f"{_SEED}: 'the director ... made pushing demands at formal meetings and exerted administrative "
               "and political pressures' (calibrated)")
    concession_share: float = param(
        0.75, lo=0, hi=1,
        meaning="kappa: the share of the office's burden the bureau takes back when it compromises",
        source=f"{_SEED}: 'the CAB gathered opinions from sub-district offices and adopted some reasonable "
               "suggestions'")
    compromise_cost: float = param(
        0.15, lo=0, hi=_INF,
        meaning="k_n: the bureau's cost per round of consulting and revising the scheme",
        source=f"{_SEED}: compromise (calibrated)")
    empathy_effect: float = param(
        0.5, lo=0, hi=1,
        meaning="epsilon: the share of the burden the office no longer perceives after empathy",
        source=f"{_SEED}: 'the CAB arranged for the major leaders of the sub-district offices on an official "
               "visit to other districts to win over their understanding and recognition'")
    empathy_cost: float = param(
        1.3, lo=0, hi=_INF,
        meaning="k_e: the bureau's cost per round of empathy (study visits for the offices' leaders)",
        source=f"{_SEED}: empathy (calibrated: the costliest accommodation, tried last in the case)")

    def __post_init__(self) -> None:
        validate(self)
        if self.carrot >= self.burden:
            raise InvalidArgumentError(
                f"carrot must be smaller than burden (the reform is a burden to the office in the case); "
                f"got carrot {self.carrot!r} and burden {self.burden!r}"
            )

    # ------------------------------------------------------------------------------------ stage game
    def stage_game(self) -> Game:
        """The stage game: the bureau (rows, :data:`BUREAU`) against the office (columns, :data:`OFFICE`).

        Examples
        --------
        >>> from bargain.models.oblique import Model
        >>> g = Model(soft_power=0).stage_game()
        >>> g.payoffs[:, 0, 0].tolist()          # (Command, Comply): the bureau gains g, the office bears c
        [2.25, -2.25]
        """
        return _stage_game(self)

    def equilibria(self) -> Equilibria:
        """All Nash equilibria of the stage game (the extreme ones, flagged, when it is degenerate)."""
        return _stage_equilibria(self)

    def outcomes(self, *, optimal: bool = True) -> pd.DataFrame:
        """Each pure outcome's payoffs, critical discount factors and sustainability at ``delta``.

        One row per pure outcome (bureau action, office action), in the game's order: the payoffs,
        whether it is a stage equilibrium, its critical discount factor under Nash reversion and
        (with ``optimal=True``, slower) under optimal penal codes, and whether it is sustained at the
        model's ``delta`` under each. A critical discount factor is the smallest ``delta`` from which
        the outcome is sustained at every larger one (``inf`` if there is none); an outcome the office
        accepts only because reversion would be *better* for it can be sustained at low ``delta`` and
        not at high ``delta`` — then ``sustained_*`` is true while the critical value is ``inf``.

        Examples
        --------
        >>> from bargain.models.oblique import Model
        >>> table = Model().outcomes(optimal=False)
        >>> row = table.set_index(["bureau", "office"]).loc[("Compromise", "Comply")]
        >>> round(float(row["critical_delta_nash"]), 4), bool(row["sustained_nash"])
        (0.6934, True)
        """
        game = self.stage_game()
        nash = repeated.sustained_outcomes(game, self.delta, punishment="nash")
        best = repeated.sustained_outcomes(game, self.delta, punishment="optimal") if optimal else None
        stage = {tuple(int(np.argmax(x)) for x in eq.profile) for eq in self.equilibria()
                 if all(np.count_nonzero(x > 0) == 1 for x in eq.profile)}
        rows = []
        for b, bureau in enumerate(BUREAU):
            for o, office in enumerate(OFFICE):
                row = {"bureau": bureau, "office": office,
                       "bureau_payoff": float(game.payoffs[0, b, o]), "office_payoff": float(game.payoffs[1, b, o]),
                       "stage_equilibrium": (b, o) in stage,
                       "critical_delta_nash": repeated.critical_delta(game, (b, o)).delta,
                       "sustained_nash": bool(nash[b, o])}
                if optimal:
                    row["critical_delta_optimal"] = repeated.critical_delta(game, (b, o), punishment="optimal").delta
                    row["sustained_optimal"] = bool(best[b, o])
                rows.append(row)
        return pd.DataFrame(rows)

    # ---------------------------------------------------------------------------------------- regime
    def regime(self, delta: float | None = None, *, punishment: str = "nash") -> Regime:
        """The regime at this soft power and ``delta`` (default: the model's), from the equilibria.

        Parameters
        ----------
        delta : float, optional
            Discount factor in (0, 1); the model's ``delta`` when omitted.
        punishment : {"nash", "optimal"}, default "nash"
            How deviations from a sustained path are punished: reversion for ever to the deviator's
            worst stage equilibrium, or optimal penal codes (each deviator held to its worst SPE
            payoff at ``delta``).

        Returns
        -------
        Regime
            ``.label`` (one of :data:`REGIMES`), ``.outcome`` (bureau action, office action; for a
            mixed stage equilibrium, each side's most likely action), ``.payoffs``, and
            ``.equilibrium``: the automata of a grim-trigger SPE that sustains a path under Nash
            reversion (the office's automaton is its conditional compliance), the stage
            :class:`~bargain.Equilibrium` when the outcome is a stage equilibrium played for ever,
            or ``None`` for a path held by optimal penal codes (``.punishment_payoffs`` gives the
            worst SPE payoffs that hold it).

        Examples
        --------
        >>> from bargain.models.oblique import Model
        >>> r = Model().regime(0.9)
        >>> r.label, r.outcome, r.payoffs.round(4).tolist()
        ('resistance-negotiation', ('Compromise', 'Comply'), [0.4125, -0.5625])
        >>> [a.name for a in r.equilibrium]
        ['BureauAccommodates', 'ConditionalComply']
        """
        delta = self.delta if delta is None else _check_delta(delta)
        if punishment not in PUNISHMENTS:
            raise InvalidArgumentError(f"punishment must be 'nash' or 'optimal'; got {punishment!r}")
        return _regime(self, delta, punishment)

    # ----------------------------------------------------------------------------------- bargaining
    def concession(self, *, period: float = 1.0) -> Concession:
        """The concession ``kappa*`` from alternating offers over the share of the burden the bureau takes back.

        The bureau proposes first. The pie is the burden (share 1); the office's share is the part
        the bureau takes back. Soft power shapes both sides' positions: the office may leave the
        pilot (an outside option worth ``max(0, 1 - eta (1 - s) / c)`` of the burden: it sheds the
        burden but bears the eroded hierarchical sanction), and the bureau discounts delay faster,
        at the rate ``rho (1 + s E / g)`` against the office's ``rho = -ln(delta)``, because a stalled
        reform costs it the evaluation stake. ``period`` scales the time between offers:
        ``delta_i = exp(-rate_i * period)``. As ``period -> 0`` the share tends to the asymmetric Nash
        solution with weights ``1 / rate_i``, raised to the outside option when that binds (the
        outside-option principle).

        Examples
        --------
        >>> from bargain.models.oblique import Model
        >>> c = Model().concession()
        >>> round(c.kappa, 4), round(c.kappa_nash, 4), c.binding
        (0.5368, 0.6053, False)
        """
        if isinstance(period, bool) or not isinstance(period, int | float) or not 0 < period <= 1e6:
            raise InvalidArgumentError(f"period must be a number in (0, 1e6]; got {period!r}")
        return _concession(self, float(period))

    # ----------------------------------------------------------------------------------- case replay
    def replay(self, *, rounds: int = 8, types: int = 21, prior_decay: float = 6.0,
               tremble: float = 1e-3) -> Replay:
        """Replay the case: a bureau that expects command learns, by Bayes' rule, how much soft power the office has.

        The bureau does not know the office's soft power. Its prior over a grid of ``types`` values
        in [0, 1] (plus the true one) is proportional to ``exp(-prior_decay * s)``: the pre-reform
        expectation of command. Each round it plays the action with the highest expected payoff
        against the responses it predicts for each type; the office answers; the bureau updates
        (:func:`bargain.dynamics.leader_learning`). An office of soft power ``s`` answers action ``b``
        by complying when its conditional compliance with ``b`` is self-enforcing at ``delta``
        (its own critical discount factor for ``(b, Comply)`` under Nash reversion is at most
        ``delta``), and otherwise with its stage best reply to ``b``.

        Returns
        -------
        Replay
            ``.table`` (one row per round), ``.path`` (the learning record), ``.final`` (the
            outcome it settles on), ``.final_sustained`` (whether that outcome, played for ever, is a
            subgame-perfect path at ``delta`` under Nash reversion, checked with
            :func:`bargain.repeated.is_subgame_perfect`) and ``.label`` (its regime).

        Examples
        --------
        >>> from bargain.models.oblique import Model
        >>> Model().replay().moves
        (('Command', 'Voice'), ('BorrowAuthority', 'Voice'), ('CarrotStick', 'Oppose'), ('Compromise', 'Comply'))
        >>> Model(soft_power=0).replay().moves
        (('Command', 'Comply'),)
        """
        return _replay(self, rounds, types, prior_decay, tremble)


# ---------------------------------------------------------------------------------------------- records

@dataclass(frozen=True, eq=False)
class Regime:
    """The regime at ``(soft_power, delta)`` and the equilibrium behind it.

    Attributes
    ----------
    label : str
        One of :data:`REGIMES`.
    outcome : tuple of str
        (bureau action, office action); for a mixed stage equilibrium each side's most likely action.
    payoffs : 1-D float array
        The bureau's and the office's per-round payoffs on the equilibrium path.
    equilibrium : tuple of Automaton, Equilibrium or None
        See :meth:`Model.regime`.
    delta : float
    punishment : str
    critical_delta : float
        The smallest discount factor from which ``outcome`` is sustained at every larger one, under
        Nash reversion (0 for a stage equilibrium; ``inf`` for a path sustained at this ``delta``
        but not for all larger ones, see :meth:`Model.outcomes`; ``nan`` for a path held by optimal
        penal codes, whose threshold :meth:`Model.outcomes` gives).
    punishment_payoffs : 1-D float array
        The payoffs each deviator is held to (worst stage equilibrium, or worst SPE payoff).
    office_share : float
        The share of the burden the office is relieved of, ``1 + office payoff / burden``: 0 when
        it complies with a hard action, higher the more it negotiates away.
    """

    label: str
    outcome: tuple[str, str]
    payoffs: np.ndarray
    equilibrium: object
    delta: float
    punishment: str
    critical_delta: float
    punishment_payoffs: np.ndarray
    office_share: float

    def __repr__(self) -> str:
        return (
            f"Regime({self.label}: {self.outcome[0]}/{self.outcome[1]}, payoffs "
            f"({self.payoffs[0]:.4g}, {self.payoffs[1]:.4g}), delta {self.delta:g}, punishment {self.punishment})"
        )


@dataclass(frozen=True, eq=False)
class Concession:
    """The bargained concession: the office's share of the burden taken back by the bureau.

    Attributes
    ----------
    kappa : float
        The subgame-perfect share at this period length.
    kappa_nash : float
        Its limit as the period length tends to 0.
    outside_option : float
        The office's outside option (leaving the pilot), as a share of the burden.
    binding : bool
        Whether the outside option binds at this period length.
    deltas : tuple of float
        The bureau's and the office's discount factors per period.
    agreement : bargaining.Agreement
        The full alternating-offers solution.
    """

    kappa: float
    kappa_nash: float
    outside_option: float
    binding: bool
    deltas: tuple[float, float]
    agreement: object


@dataclass(frozen=True, eq=False)
class Replay:
    """A replay of the case: the learning path and where it settles.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per round: the bureau's action, the office's answer, both payoffs, the bureau's
        expected payoff and its posterior mean and probability of ``s >= 0.5`` after the round.
    path : bargain.dynamics.LeaderLearning
    final : tuple of str
        The outcome the replay settles on.
    final_sustained : bool
        Whether ``final``, played for ever, is a subgame-perfect path at ``delta`` (Nash reversion),
        verified by a one-shot-deviation check of grim-trigger automata.
    label : str
        The regime ``final`` belongs to, or ``"not-sustained"`` when it is not a subgame-perfect
        path under Nash reversion (the bureau would rather command a complying office).
    """

    table: pd.DataFrame
    path: object
    final: tuple[str, str]
    final_sustained: bool
    label: str

    @property
    def moves(self) -> tuple[tuple[str, str], ...]:
        """The distinct (bureau, office) outcomes in the order they first follow one another."""
        out: list[tuple[str, str]] = []
        for b, o in zip(self.table["bureau"], self.table["office"]):
            if not out or out[-1] != (b, o):
                out.append((b, o))
        return tuple(out)

    def __repr__(self) -> str:
        steps = " -> ".join(f"{b}/{o}" for b, o in self.moves)
        return f"Replay({steps}; settles in {self.label}, sustained: {self.final_sustained})"


# ------------------------------------------------------------------------------------ repeated strategies

def conditional_comply(accommodations=ACCOMMODATING, *, resist: str = "Oppose") -> repeated.Automaton:
    """The office's ``ConditionalComply``: comply while the bureau accommodates, resist after it does not.

    The office complies in a round after the bureau played one of ``accommodations``, and plays
    ``resist`` (``"Oppose"`` or ``"Voice"``) after any other bureau action; it starts by complying.

    Examples
    --------
    >>> from bargain import repeated
    >>> from bargain.models.oblique import Model, conditional_comply, escalation_ladder
    >>> play = repeated.play(Model().stage_game(), (escalation_ladder(), conditional_comply()), 6)
    >>> [f"{b}/{o}" for b, o in play.path]
    ['Command/Comply', 'Command/Oppose', 'BorrowAuthority/Oppose', 'CarrotStick/Oppose', 'Compromise/Oppose', 'Empathy/Comply']
    """
    accommodations = (accommodations,) if isinstance(accommodations, str) else tuple(accommodations)
    for name in accommodations:
        if name not in BUREAU:
            raise InvalidArgumentError(f"accommodations must be bureau actions {list(BUREAU)}; got {name!r}")
    if resist not in ("Oppose", "Voice"):
        raise InvalidArgumentError(f"resist must be 'Oppose' or 'Voice'; got {resist!r}")
    table = {**{(name, "*"): "comply" for name in accommodations}, "*": "resist"}
    return repeated.Automaton(states=("comply", "resist"), initial="comply",
                              actions={"comply": "Comply", "resist": resist},
                              transitions={"comply": table, "resist": table}, name="ConditionalComply")


def escalation_ladder(rungs=LADDER) -> repeated.Automaton:
    """The bureau's escalation ladder: keep the current rung while the office complies, climb after it does not.

    Starts at the first rung; after any round in which the office did not comply, moves one rung
    up (staying on the last).
    """
    rungs = tuple(rungs)
    if not rungs or len(set(rungs)) != len(rungs) or any(r not in BUREAU for r in rungs):
        raise InvalidArgumentError(f"rungs must be distinct bureau actions {list(BUREAU)}; got {rungs!r}")
    transitions = {
        rung: {("*", "Comply"): rung, "*": rungs[min(k + 1, len(rungs) - 1)]} for k, rung in enumerate(rungs)
    }
    return repeated.Automaton(states=rungs, initial=rungs[0], actions={r: r for r in rungs},
                              transitions=transitions, name="EscalationLadder")


# --------------------------------------------------------------------------------------- sweep points

def cell(*, punishment: str = "nash", **params) -> dict:
    """One sweep point: the regime and the equilibrium behind it at the given parameters.

    Takes any :class:`Model` parameters (the rest keep their defaults) and returns the regime label,
    the outcome, both payoffs, the office's share, and the stage game's equilibrium count and
    degeneracy. ``punishment`` is passed to :meth:`Model.regime`; bind it with
    :func:`functools.partial` to sweep the optimal-penal-code regimes.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        An unknown parameter (the closest valid name is suggested) or a value out of range.

    Examples
    --------
    >>> from bargain.models.oblique import cell
    >>> cell(soft_power=0.3)["regime"]
    'resistance-negotiation'
    >>> cell(soft_powr=0.3)
    Traceback (most recent call last):
        ...
    bargain.errors.InvalidArgumentError: model 'oblique' has no parameter 'soft_powr'; did you mean 'soft_power'?
    """
    model = make("oblique", **params)  # refuses unknown names, suggesting the closest
    r = model.regime(punishment=punishment)
    eqs = model.equilibria()
    return {"regime": r.label, "bureau": r.outcome[0], "office": r.outcome[1],
            "bureau_payoff": float(r.payoffs[0]), "office_payoff": float(r.payoffs[1]),
            "office_share": r.office_share, "n_equilibria": len(eqs), "degenerate": eqs.degenerate}


#: The name the design documents use for :func:`cell`.
regime_cell = cell


# -------------------------------------------------------------------------------------------- internals

def _check_delta(delta: object) -> float:
    if isinstance(delta, bool) or not isinstance(delta, int | float | np.floating) or not 0 < delta < 1:
        raise InvalidArgumentError(f"delta must be in (0, 1); got {delta!r}")
    return float(delta)


def _stage_key(m: Model) -> tuple:
    """The parameters the stage game depends on (all but ``delta``): one cache entry per stage game."""
    return tuple((f.name, getattr(m, f.name)) for f in dataclasses.fields(m) if f.name != "delta")


def _stage_game(m: Model) -> Game:
    return _stage_game_cached(_stage_key(m))


def _stage_equilibria(m: Model) -> Equilibria:
    return _stage_equilibria_cached(_stage_key(m))


@functools.lru_cache(maxsize=1024)
def _stage_equilibria_cached(key: tuple) -> Equilibria:
    return _equilibria(_stage_game_cached(key))


@functools.lru_cache(maxsize=1024)
def _stage_game_cached(key: tuple) -> Game:
    m = types.SimpleNamespace(**dict(key))
    s, c = m.soft_power, m.burden
    eroded = m.hierarchy * (1 - s)
    fixed = np.array([0.0, m.attention_cost, m.persuasion_cost, m.compromise_cost, m.empathy_cost])
    transfer = np.array([0.0, 0.0, m.carrot, m.concession_share * c, 0.0])
    relief = np.array([0.0, 0.0, 0.0, m.concession_share, m.empathy_effect])
    carrot = np.array([0.0, 0.0, m.carrot, 0.0, 0.0])
    sanction = np.array([eroded, eroded + m.borrowed_authority, eroded, 0.0, 0.0])
    voice_penalty = np.array([0.0, m.borrowed_authority, eroded, 0.0, 0.0])
    hard = np.array([0.0 if b in ACCOMMODATING else 1.0 for b in BUREAU])  # voice damages unless accommodated
    f = 1 - s * m.voice_delay
    comply_office = -(1 - relief) * c + carrot
    bureau = np.stack([m.reform_gain - transfer - fixed,
                       f * (m.reform_gain - transfer) - fixed - s * m.voice_damage * hard,
                       -fixed - s * m.evaluation_stake], axis=1)
    office = np.stack([comply_office, f * comply_office - m.voice_cost - voice_penalty, -sanction], axis=1)
    # Round off floating-point noise (0.4 * 2.25 - 0.6 * 1.5 is 1.1e-16, not 0) so that exact ties
    # of the formulas are ties of the game.
    return Game.bimatrix(np.round(bureau, 12), np.round(office, 12), players=PLAYERS, strategies=(BUREAU, OFFICE))


def _pure_cell(eq: Equilibrium) -> tuple[int, int] | None:
    if all(np.count_nonzero(x > 0) == 1 for x in eq.profile):
        return int(np.argmax(eq.profile[0])), int(np.argmax(eq.profile[1]))
    return None


def _label(outcome: tuple[int, int] | None, eq: Equilibrium | None) -> str:
    """The regime of the bureau's chosen outcome: a pure cell, or a stage equilibrium (by its supports)."""
    if eq is not None:
        bureau = {BUREAU[k] for k in np.flatnonzero(eq.profile[0] > 0)}
        office = {OFFICE[k] for k in np.flatnonzero(eq.profile[1] > 0)}
    else:
        bureau, office = {BUREAU[outcome[0]]}, {OFFICE[outcome[1]]}
    if "Oppose" in office:
        return "competition-conflict"
    if office == {"Comply"} and bureau <= set(HARD):
        return "command-obedience"
    return "resistance-negotiation"


def _regime(m: Model, delta: float, punishment: str) -> Regime:
    game = _stage_game(m)
    eqs = _stage_equilibria(m)
    sustained = repeated.sustained_outcomes(game, delta, punishment=punishment)
    if punishment == "nash":
        worst = np.array([min(eq.payoffs[i] for eq in eqs) for i in (0, 1)])
    else:
        worst = np.array(repeated.spe_payoffs(game, delta).worst)
    bureau = game.payoffs[0]
    # Candidates: sustained implementing outcomes, then the stage equilibria (played for ever).
    best_value, best = -math.inf, None
    for b in range(len(BUREAU)):
        for o in range(2):  # Comply, Voice: the office implements
            if sustained[b, o] and bureau[b, o] > best_value + 1e-12:
                best_value, best = bureau[b, o], ((b, o), None)
    for eq in eqs:
        if eq.payoffs[0] > best_value + 1e-12:
            best_value, best = eq.payoffs[0], (_pure_cell(eq), eq)
    outcome, eq = best
    if eq is None and outcome in {_pure_cell(e) for e in eqs}:
        eq = next(e for e in eqs if _pure_cell(e) == outcome)
    if eq is not None:
        cell_ = outcome if outcome is not None else (int(np.argmax(eq.profile[0])), int(np.argmax(eq.profile[1])))
        payoffs, supporting, critical = np.array(eq.payoffs, dtype=float), eq, 0.0
    else:
        cell_ = outcome
        payoffs = game.payoffs[:, outcome[0], outcome[1]].astype(float)
        if punishment == "nash":
            critical = repeated.critical_delta(game, outcome).delta
            supporting = _grim(game, eqs, outcome)
        else:  # the optimal-code threshold is a scan over delta: see Model.outcomes
            critical, supporting = math.nan, None
    label = _label(outcome, eq)
    names = (BUREAU[cell_[0]], OFFICE[cell_[1]])
    payoffs.flags.writeable = False
    worst.flags.writeable = False
    return Regime(label, names, payoffs, supporting, delta, punishment, float(critical), worst,
                  float(1 + payoffs[1] / m.burden))


def _grim(game: Game, eqs: Equilibria, outcome: tuple[int, int]) -> tuple:
    """Grim trigger to each deviator's worst stage equilibrium; the office's automaton is its conditional compliance."""
    worst_for = {i: min(eqs, key=lambda eq: eq.payoffs[i]).profile for i in (0, 1)}
    names = (BUREAU[outcome[0]], OFFICE[outcome[1]])
    bureau, office = repeated.grim_trigger(names, {0: worst_for[0], 1: worst_for[1]})
    return (dataclasses.replace(bureau, name="BureauAccommodates" if names[0] in ACCOMMODATING else "BureauHolds"),
            dataclasses.replace(office, name=f"Conditional{names[1]}"))


def _concession(m: Model, period: float) -> Concession:
    rate_office = -math.log(m.delta)
    pressure = 1 + m.soft_power * m.evaluation_stake / m.reform_gain
    rate_bureau = rate_office * pressure
    d_bureau, d_office = math.exp(-rate_bureau * period), math.exp(-rate_office * period)
    option = max(0.0, 1 - m.hierarchy * (1 - m.soft_power) / m.burden)
    agreement = bargaining.rubinstein(d_bureau, d_office, proposer=0, outside_options=(0.0, option))
    pie = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    nash = bargaining.nash_solution(pie, (0.0, 0.0), weights=(1 / rate_bureau, 1 / rate_office))
    kappa_nash = max(float(nash[1]), option)
    kappa = float(agreement.shares[1])
    return Concession(kappa, kappa_nash, option, option > 0 and math.isclose(kappa, option, abs_tol=1e-12),
                      (d_bureau, d_office), agreement)


def _responses(m: Model) -> tuple[np.ndarray, np.ndarray]:
    """The office's answer to each bureau action, and the bureau's payoff from it."""
    game = _stage_game(m)
    answers = []
    for b in range(len(BUREAU)):
        own = repeated.critical_delta(game, (b, 0)).per_player[1]
        answers.append(0 if own <= m.delta else int(np.argmax(game.payoffs[1, b])))
    answers = np.array(answers)
    return answers, game.payoffs[0, np.arange(len(BUREAU)), answers]


def _replay(m: Model, rounds: int, types: int, prior_decay: float, tremble: float) -> Replay:
    if isinstance(types, bool) or not isinstance(types, numbers.Integral) or not 2 <= types <= MAX_TYPES:
        raise InvalidArgumentError(f"types must be an integer in [2, {MAX_TYPES}]; got {types!r}")
    if isinstance(prior_decay, bool) or not isinstance(prior_decay, numbers.Real) or not 0 <= prior_decay < math.inf:
        raise InvalidArgumentError(f"prior_decay must be a finite number >= 0; got {prior_decay!r}")
    types = int(types)
    grid = np.linspace(0.0, 1.0, types)
    near = np.isclose(grid, m.soft_power, rtol=0.0, atol=1e-9)
    grid = np.where(near, m.soft_power, grid) if near.any() else np.union1d(grid, [m.soft_power])
    true = int(np.flatnonzero(grid == m.soft_power)[0])
    table = [_responses(dataclasses.replace(m, soft_power=float(s))) for s in grid]
    answers = np.array([a for a, _ in table])
    payoffs = np.array([u for _, u in table])
    prior = np.exp(-prior_decay * grid)
    path = dynamics.leader_learning(payoffs, answers, prior, true, rounds=rounds, tremble=tremble,
                                    action_names=BUREAU, response_names=OFFICE,
                                    type_names=tuple(f"s={s:g}" for s in grid))
    game = _stage_game(m)
    rows = []
    for t, (b, o) in enumerate(zip(path.actions.tolist(), path.responses.tolist())):
        belief = path.beliefs[t + 1]
        rows.append({"round": t + 1, "bureau": BUREAU[b], "office": OFFICE[o],
                     "bureau_payoff": float(game.payoffs[0, b, o]), "office_payoff": float(game.payoffs[1, b, o]),
                     "bureau_expected": float(path.expected[t]),
                     "belief_mean_soft_power": float(belief @ grid),
                     "belief_soft_power_at_least_half": float(belief[grid >= 0.5].sum())})
    frame = pd.DataFrame(rows)
    final = (BUREAU[int(path.actions[-1])], OFFICE[int(path.responses[-1])])
    cell_ = (BUREAU.index(final[0]), OFFICE.index(final[1]))
    automata = _grim(game, _stage_equilibria(m), cell_)
    sustained = bool(repeated.is_subgame_perfect(game, automata, m.delta).ok)
    label = _label(cell_, None) if sustained else "not-sustained"
    return Replay(frame, path, final, sustained, label)
