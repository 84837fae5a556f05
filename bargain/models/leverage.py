"""Coordination by borrowed power: a district urban-operations centre without legal authority (seed 003).

A district urban-operations centre dispatches cases to functional departments but has no legal
power over them. It *borrows* power: with its information system it sees whether a case was handled,
and it can refer a case up a ladder of borrowed authority, from a higher office through the
leaders' attention to the top leader, each rung more compelling and harsher but more costly in the
leaders' limited attention. Information becomes power: a rung bites only on the evasions the
information system attributes. The model card is ``docs/models/leverage.md``.

The escalation game (:meth:`Model.escalation_game`, the stage game)
-------------------------------------------------------------------
A **Department** that received a case chooses ``Handle`` (cost ``h``), ``PassOn`` (pass the case to
another department, cost ``ε``) or ``Shirk``; at the same time the **Centre** chooses ``Record``
(log the case, nothing more) or refers it to one available rung ``r`` of the ladder, which spends
``A_r`` of the leaders' attention whatever the department does. The information system attributes a
shirk to the department with probability ``q`` and a pass-on with probability ``q ρ`` (``ρ``:
clarity of responsibility); an attributed evasion referred to rung ``r`` is overruled with
probability ``π_r``, and then the department pays the sanction ``S_r`` and must handle the case
after all. The centre values a handled case at ``W``. With ``d`` = 1 for Shirk and ``ρ`` for
PassOn and ``c`` = 0 and ``ε``:

==================  ====================  ======================================
                    Record                rung r
==================  ====================  ======================================
Handle              (-h, W)               (-h, W - A_r)
evade (PassOn,      (-c, 0)               (-c - q d π_r (S_r + h),
Shirk)                                     q d π_r W - A_r)
==================  ====================  ======================================

Without any rung the centre has no sanction and evading is dominant: it has no authority of its own.
When the equilibrium mixes ``Handle`` with one evasion ``X`` against ``Record`` and one rung ``r``
(the inspection-game case), it is in closed form:

.. math::

    \\Pr[\\text{refer to } r] = \\frac{h - c_X}{q d_X \\pi_r (S_r + h)}, \\qquad
    \\Pr[X] = \\frac{A_r}{q d_X \\pi_r W},

so compliance ``1 - Pr[X]`` rises with the information ``q`` and falls with the rung's attention
cost per unit of power ``A_r / π_r``; the sanction only changes how often the centre must refer
(Tsebelis 1989). Every equilibrium is computed by :func:`bargain.equilibria`. Which rungs to borrow
is a choice over ladders (:meth:`Model.minimum_attention` for a target compliance,
:meth:`Model.best_ladder` within the attention budget), each ladder evaluated by its equilibrium.

The dispatch game (:meth:`Model.dispatch_game`): the centre as mediator
------------------------------------------------------------------------
A case falls between two departments (``DeptA``, ``DeptB``): it is resolved if either handles it.
An unresolved case is escalated by the platform's rule to one rung ``r`` (spending ``A_r``), where
each evader is attributed and overruled as above. Unmediated, two benchmarks: the symmetric
equilibrium of this game (two identical departments with nothing to tell them apart), and the Nash
equilibrium best for the centre (what a fixed jurisdiction rule naming one department gets when that
department prefers to obey). Mediated, the centre dispatches: it draws a recommendation for each
department, and the best correlated equilibrium for the centre is computed by
:func:`bargain.correlated_equilibrium` (the centre sits in the game as a third player with the
single strategy ``Dispatch`` and the centre's value as payoff, so it adds no incentive constraint).
What correlation adds is the mediated value minus the best Nash one (0 at the calibration: the
centre's optimum names one department to handle, a pure equilibrium). The centre picks the rung
best for it in each regime (the lowest such rung on a tie).

References
----------
G. Tsebelis (1989), "The abuse of probability in political analysis: the Robinson Crusoe fallacy",
*American Political Science Review* 83(1): 77-91.

M. Maschler (1966), "A price leadership method for solving the inspector's non-constant-sum game",
*Naval Research Logistics Quarterly* 13(1): 11-33.

R. J. Aumann (1974), "Subjectivity and correlation in randomized strategies", *Journal of
Mathematical Economics* 1(1): 67-96.

H. Moulin and J.-P. Vial (1978), "Strategically zero-sum games: the class of games whose completely
mixed equilibria cannot be improved upon", *International Journal of Game Theory* 7(3-4): 201-221.

Examples
--------
>>> from bargain.models.leverage import Model
>>> m = Model()
>>> m.escalation_equilibrium()
EscalationOutcome(Nash; ladder HigherOffice, LeadersAttention, TopLeader; compliance 0.4444,
pass on 0.5556, shirk 0; HigherOffice 0.1, LeadersAttention 0.9; attention 0.56;
payoffs centre 2.689, department -1)
>>> m.escalation_equilibrium(["LeadersAttention"]).compliance     # without the cheap higher office
0.6875
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from bargain._validation import check_choice, check_real
from bargain.equilibria.correlated import correlated_equilibrium
from bargain.equilibria.nash import equilibria
from bargain.errors import ArgumentTypeError, InvalidArgumentError, SolverError
from bargain.game import Game
from bargain.models import param, validate

__all__ = [
    "CENTRE_ACTIONS",
    "DEPARTMENT_ACTIONS",
    "DESCRIPTION",
    "DispatchOutcome",
    "EscalationOutcome",
    "Model",
    "RUNGS",
    "SEED",
    "cell",
]

DESCRIPTION = "Urban-operations centre without authority: detection, a ladder of borrowed power, dispatch as mediation."
SEED = "003_72947a4305ec32f9.txt"

#: The ladder of borrowed power, bottom to top.
RUNGS = ("HigherOffice", "LeadersAttention", "TopLeader")

#: The department's actions, in strategy order.
DEPARTMENT_ACTIONS = ("Handle", "PassOn", "Shirk")

#: The centre's action when it does not refer the case up the ladder.
RECORD = "Record"

#: The centre's strategies with the full ladder.
CENTRE_ACTIONS = (RECORD, *RUNGS)

#: The centre's single strategy in the dispatch game (it has committed to its escalation rule).
DISPATCH = "Dispatch"

#: Probabilities are rounded to this many decimals in reported outcomes (the solver's own precision
#: is about 1e-12; rounding keeps committed tables byte-stable across platforms).
DECIMALS = 10

#: Two equilibria whose profiles differ by less than this are the same (symmetric-profile test).
SYMMETRY_TOL = 1e-9

#: A compliance (or an attention) within this much of a target (a budget) counts as reaching it: the
#: closed-form cap ``1 - A_r / (q ρ π_r W)`` can equal a target exactly (0.75 at q = 1).
TARGET_TOL = 1e-9


@dataclass(frozen=True, eq=False, repr=False)
class EscalationOutcome:
    """The equilibrium of the escalation game (or the centre's best correlated equilibrium of it).

    Attributes
    ----------
    ladder : tuple of str
        The rungs available.
    mediated : bool
        False for a Nash equilibrium, True for the correlated equilibrium best for the centre.
    compliance : float
        Probability that the department handles the case.
    passon, shirk : float
        Probabilities of the two evasions.
    referral : dict
        Rung -> probability that the centre refers the case to it (0 for rungs not available).
    attention : float
        Expected attention the centre spends per case, ``Σ_r Pr[r] A_r``.
    centre_payoff, department_payoff : float
        Expected payoffs.
    n_equilibria : int
        Number of (extreme) Nash equilibria found; for a correlated equilibrium 1, the one optimal
        distribution the linear programme returns (others may tie).
    """

    ladder: tuple
    mediated: bool
    compliance: float
    passon: float
    shirk: float
    referral: dict
    attention: float
    centre_payoff: float
    department_payoff: float
    n_equilibria: int

    def __repr__(self) -> str:
        kind = "mediated" if self.mediated else "Nash"
        ladder = ", ".join(self.ladder) or "no rungs"
        referral = ", ".join(f"{r} {p:.4g}" for r, p in self.referral.items() if p > 0) or "never refers"
        return (
            f"EscalationOutcome({kind}; ladder {ladder}; compliance {self.compliance:.4g}, pass on "
            f"{self.passon:.4g}, shirk {self.shirk:.4g}; {referral}; attention {self.attention:.4g}; "
            f"payoffs centre {self.centre_payoff:.4g}, department {self.department_payoff:.4g})"
        )


@dataclass(frozen=True, eq=False, repr=False)
class DispatchOutcome:
    """The shared case between two departments, with and without the centre's dispatch.

    Attributes
    ----------
    ladder : tuple of str
        The rungs available to the escalation rule.
    mediated : bool
        True: the centre's best correlated equilibrium; False: a Nash equilibrium of the two
        departments (see ``equilibrium``).
    equilibrium : str
        Which outcome: ``"correlated"`` (mediated), ``"symmetric"`` (the departments' symmetric
        Nash equilibrium, the worst for the centre if several) or ``"best"`` (the Nash equilibrium
        best for the centre, for example a fixed jurisdiction rule that names one department).
    rung : str
        The rung the escalation rule uses (the best for the centre), or ``"none"``.
    resolved : float
        Probability that the case is handled (voluntarily or after escalation).
    voluntary : float
        Probability that some department handles it without escalation.
    attention : float
        Expected attention spent on escalation per case.
    centre_value : float
        The centre's expected value: ``W`` times ``resolved`` minus ``attention``.
    distribution : dict
        ``(DeptA action, DeptB action)`` -> probability, for the profiles played.
    """

    ladder: tuple
    mediated: bool
    equilibrium: str
    rung: str
    resolved: float
    voluntary: float
    attention: float
    centre_value: float
    distribution: dict = field(repr=False)

    def __repr__(self) -> str:
        kind = "mediated" if self.mediated else f"unmediated, {self.equilibrium} Nash"
        return (
            f"DispatchOutcome({kind}; escalation to {self.rung}; resolved {self.resolved:.4g} "
            f"(voluntarily {self.voluntary:.4g}); attention {self.attention:.4g}; "
            f"centre value {self.centre_value:.4g})"
        )


@dataclass(frozen=True)
class Model:
    """A district urban-operations centre coordinating departments by borrowed power (seed 003).

    Parameters
    ----------
    detection : float, default 0.8
        ``q``: probability that the information system attributes a shirked case, in [0, 1].
    handling_cost : float, default 1.0
        ``h``: a department's cost of handling a case (the payoff unit), > 0.
    passon_cost : float, default 0.1
        ``ε``: a department's cost of passing a case on, in [0, handling_cost).
    responsibility_clarity : float, default 0.6
        ``ρ``: probability, relative to a shirk, that a pass-on is attributed as evasion, in [0, 1].
    case_value : float, default 5.0
        ``W``: the centre's value of a handled case, > 0.
    higher_office_power, leaders_power, top_leader_power : float, default 0.5, 0.8, 1.0
        ``π_r``: probability that a rung overrules an attributed evasion, in [0, 1].
    higher_office_sanction, leaders_sanction, top_leader_sanction : float, default 0.5, 1.5, 3.0
        ``S_r``: the sanction a department then pays, >= 0.
    higher_office_attention, leaders_attention, top_leader_attention : float, default 0.2, 0.6, 1.5
        ``A_r``: the leaders' attention a referral to the rung spends, > 0.
    rungs : int, default 3
        How many rungs, from the bottom, the centre can borrow (0 to 3).
    attention_budget : float, default 0.6
        Attention the centre can spend per case on average, >= 0.

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If a parameter is outside its range, or ``passon_cost >= handling_cost``.

    Examples
    --------
    >>> from bargain.models.leverage import Model
    >>> Model(passon_cost=2)
    Traceback (most recent call last):
        ...
    bargain.errors.InvalidArgumentError: passon_cost must be < handling_cost (passing a case on is cheaper than handling it); got passon_cost=2, handling_cost=1.0
    """

    detection: float = param(
        0.8, lo=0, hi=1,
        meaning="probability that the information system attributes a shirked case to its department",
        source="seed 003: 'with the support of the information system' (凭借城运系统联通信息系统的优势)",
    )
    handling_cost: float = param(
        1.0, lo=0, hi=math.inf, lo_open=True,
        meaning="a department's cost of handling a dispatched case (the payoff unit)",
        source="seed 003: 'coordinating all parties in the process of \"efficiently handling a matter\"'",
    )
    passon_cost: float = param(
        0.1, lo=0, hi=math.inf,
        meaning="a department's cost of passing a case on to another department",
        source="seed 003: 'make government departments work together' (calibration: a justification note)",
    )
    responsibility_clarity: float = param(
        0.6, lo=0, hi=1,
        meaning="probability, relative to a shirk, that a pass-on is attributed as evasion",
        source="seed 003: 'the accountability from directors' (向职位职务借权责)",
    )
    case_value: float = param(
        5.0, lo=0, hi=math.inf, lo_open=True,
        meaning="the centre's value of a handled case, in handling costs",
        source="seed 003: 'tasked with coordinating all parties in the process of \"efficiently handling a matter\"'",
    )
    higher_office_power: float = param(
        0.5, lo=0, hi=1,
        meaning="probability that a referral to the higher office overrules an attributed evasion",
        source="seed 003: 'the power from higher-level organizations' (向上级组织借权力)",
    )
    higher_office_sanction: float = param(
        0.5, lo=0, hi=math.inf,
        meaning="sanction a department pays when the higher office overrules it",
        source="seed 003: 'the power from higher-level organizations'",
    )
    higher_office_attention: float = param(
        0.2, lo=0, hi=math.inf, lo_open=True,
        meaning="attention a referral to the higher office spends",
        source="seed 003: 'the power from higher-level organizations' (calibration: the cheapest rung)",
    )
    leaders_power: float = param(
        0.8, lo=0, hi=1,
        meaning="probability that the leaders' attention overrules an attributed evasion",
        source="seed 003: 'the puissance from political attention' (向领导注意力借权势)",
    )
    leaders_sanction: float = param(
        1.5, lo=0, hi=math.inf,
        meaning="sanction a department pays when the leaders' attention overrules it",
        source="seed 003: 'the puissance from political attention'",
    )
    leaders_attention: float = param(
        0.6, lo=0, hi=math.inf, lo_open=True,
        meaning="attention a referral to the leaders spends",
        source="seed 003: 'the puissance from political attention'",
    )
    top_leader_power: float = param(
        1.0, lo=0, hi=1,
        meaning="probability that the top leader overrules an attributed evasion",
        source="seed 003: 'the authority from the top leaders of party and government' (向党政\"一把手\"借权威)",
    )
    top_leader_sanction: float = param(
        3.0, lo=0, hi=math.inf,
        meaning="sanction a department pays when the top leader overrules it",
        source="seed 003: 'the authority from the top leaders of party and government'",
    )
    top_leader_attention: float = param(
        1.5, lo=0, hi=math.inf, lo_open=True,
        meaning="attention a referral to the top leader spends",
        source="seed 003: 'the authority from the top leaders' (calibration: the scarcest attention)",
    )
    rungs: int = param(
        3, lo=0, hi=3,
        meaning="how many rungs of the ladder, from the bottom, the centre can borrow",
        source="seed 003: 'a government-affiliated institution without enough formal administrative powers'",
    )
    attention_budget: float = param(
        0.6, lo=0, hi=math.inf,
        meaning="attention the centre can spend per case on average",
        source="seed 003: 'the puissance from political attention' (calibration: one referral to the leaders "
        "per case)",
    )

    def __post_init__(self) -> None:
        validate(self)
        if self.passon_cost >= self.handling_cost:
            raise InvalidArgumentError(
                "passon_cost must be < handling_cost (passing a case on is cheaper than handling it); "
                f"got passon_cost={self.passon_cost!r}, handling_cost={self.handling_cost!r}"
            )

    # ------------------------------------------------------------------ the ladder
    @property
    def ladder(self) -> tuple[str, ...]:
        """The rungs available: the first ``rungs`` of :data:`RUNGS`."""
        return RUNGS[: int(self.rungs)]

    def rung(self, name: str) -> tuple[float, float, float]:
        """``(power, sanction, attention)`` of a rung.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> Model().rung("TopLeader")
        (1.0, 3.0, 1.5)
        """
        check_choice("rung", name, RUNGS)
        prefix = {"HigherOffice": "higher_office", "LeadersAttention": "leaders", "TopLeader": "top_leader"}[name]
        return tuple(float(getattr(self, f"{prefix}_{kind}")) for kind in ("power", "sanction", "attention"))

    def _ladder(self, ladder) -> tuple[str, ...]:
        if ladder is None:
            return self.ladder
        if isinstance(ladder, str) or not isinstance(ladder, Sequence):
            raise ArgumentTypeError(f"ladder must be a sequence of rung names or None; got {ladder!r}")
        for name in ladder:
            check_choice("ladder rung", name, RUNGS)
        if len(set(ladder)) != len(ladder):
            raise InvalidArgumentError(f"ladder must not repeat a rung; got {list(ladder)!r}")
        return tuple(r for r in RUNGS if r in ladder)

    def _evasion(self) -> tuple[np.ndarray, np.ndarray]:
        """Attribution factor ``d`` and own cost ``c`` of Handle, PassOn, Shirk."""
        return np.array([0.0, self.responsibility_clarity, 1.0]), np.array([self.handling_cost, self.passon_cost, 0.0])

    # ------------------------------------------------------------------ the escalation game
    def escalation_game(self, ladder=None) -> Game:
        """The bilateral escalation game of a department and the centre.

        Parameters
        ----------
        ladder : sequence of str, optional
            The rungs available (any subset of :data:`RUNGS`); default :attr:`ladder`.

        Returns
        -------
        Game
            Players ``("Department", "Centre")``; strategies :data:`DEPARTMENT_ACTIONS` and
            ``("Record", *ladder)``.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> print(Model().escalation_game(["TopLeader"]))
        Game: Department (rows) vs Centre (columns); cells are payoffs (Department, Centre)
                     Record    TopLeader
        Handle       -1, 5     -1, 3.5
        PassOn      -0.1, 0  -2.02, 0.9
        Shirk         0, 0    -3.2, 2.5
        """
        ladder = self._ladder(ladder)
        q, h, W = self.detection, self.handling_cost, self.case_value
        d, c = self._evasion()
        dept = np.empty((3, 1 + len(ladder)))
        centre = np.empty_like(dept)
        dept[:, 0] = -c
        centre[:, 0] = [W, 0.0, 0.0]
        for j, name in enumerate(ladder, start=1):
            power, sanction, attention = self.rung(name)
            overruled = q * d * power                      # Pr[attributed and overruled]; 0 for Handle
            dept[:, j] = -c - overruled * (sanction + h)
            centre[:, j] = np.where(d == 0, W, overruled * W) - attention
        return Game.bimatrix(dept, centre, players=("Department", "Centre"),
                             strategies=(DEPARTMENT_ACTIONS, (RECORD, *ladder)))

    def stage_game(self) -> Game:
        """The escalation game with the available ladder (:meth:`escalation_game`)."""
        return self.escalation_game()

    def escalation_equilibrium(self, ladder=None) -> EscalationOutcome:
        """The Nash equilibrium of the escalation game (mixed where inspection is random).

        All equilibria are computed with :func:`bargain.equilibria`; when there are several
        (degenerate parameters), the one with the lowest compliance, then the lowest centre
        payoff, is reported.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> Model(rungs=0).escalation_equilibrium().compliance
        0.0
        """
        ladder = self._ladder(ladder)
        found = equilibria(self.escalation_game(ladder))
        eq = min(found, key=lambda e: (float(e.profile[0][0]), float(e.payoffs[1])))
        return self._escalation_outcome(ladder, eq.profile[0], eq.profile[1], eq.payoffs, False, len(found))

    def mediated_escalation(self, ladder=None) -> EscalationOutcome:
        """The correlated equilibrium of the escalation game best for the centre.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> m = Model()
        >>> round(m.mediated_escalation().centre_payoff - m.escalation_equilibrium().centre_payoff, 6)
        0.0
        """
        ladder = self._ladder(ladder)
        ce = correlated_equilibrium(self.escalation_game(ladder), objective="Centre")
        p = np.asarray(ce.distribution)
        return self._escalation_outcome(ladder, p.sum(axis=1), p.sum(axis=0), ce.payoffs, True, 1)

    def _escalation_outcome(self, ladder, dept, centre, payoffs, mediated, count) -> EscalationOutcome:
        attention = sum(float(centre[j]) * self.rung(r)[2] for j, r in enumerate(ladder, start=1))
        referral = {r: (_round(centre[1 + ladder.index(r)]) if r in ladder else 0.0) for r in RUNGS}
        return EscalationOutcome(
            ladder=ladder,
            mediated=mediated,
            compliance=_round(dept[0]),
            passon=_round(dept[1]),
            shirk=_round(dept[2]),
            referral=referral,
            attention=_round(attention),
            centre_payoff=_round(payoffs[1]),
            department_payoff=_round(payoffs[0]),
            n_equilibria=count,
        )

    def minimum_attention(self, target: float) -> dict:
        """The least attention per case that buys a target compliance, over the ladders the centre may borrow.

        For every subset of the available rungs, the escalation game's equilibrium
        (:meth:`escalation_equilibrium`) gives a compliance and the attention it spends; the centre
        borrows the subset that reaches ``target`` with the least attention.

        Parameters
        ----------
        target : float
            The compliance to reach, in [0, 1].

        Returns
        -------
        dict
            ``attention`` (``inf`` if no ladder reaches the target), ``ladder`` (the rungs borrowed,
            joined by ``+``; ``""`` for none) and ``compliance``.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> Model().minimum_attention(0.5)
        {'attention': 0.5625, 'ladder': 'LeadersAttention', 'compliance': 0.6875}
        """
        target = check_real("target", target)
        if not 0 <= target <= 1:
            raise InvalidArgumentError(f"target must be in [0, 1]; got {target!r}")
        best = {"attention": math.inf, "ladder": "", "compliance": math.nan}
        for size in range(len(self.ladder) + 1):
            for ladder in itertools.combinations(self.ladder, size):
                out = self.escalation_equilibrium(ladder)
                if out.compliance >= target - TARGET_TOL and out.attention < best["attention"]:
                    best = {"attention": out.attention, "ladder": "+".join(ladder), "compliance": out.compliance}
        return best

    def best_ladder(self, budget=None) -> EscalationOutcome:
        """The equilibrium with the highest compliance among the ladders whose attention fits the budget.

        The centre may borrow any subset of the available rungs; each subset's escalation game has
        its equilibrium (:meth:`escalation_equilibrium`). Among those spending at most ``budget``
        attention per case, the one with the highest compliance (then the highest centre payoff,
        then the fewest rungs) is returned. Borrowing nothing spends nothing, so there is always one.

        Parameters
        ----------
        budget : float, optional
            Attention per case (>= 0); default ``attention_budget``.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> best = Model().best_ladder()
        >>> best.ladder, round(best.compliance, 4)
        (('LeadersAttention',), 0.6875)
        """
        budget = self.attention_budget if budget is None else check_real("budget", budget)
        if budget < 0:
            raise InvalidArgumentError(f"budget must be >= 0; got {budget!r}")
        best, best_key = None, None
        for size in range(len(self.ladder) + 1):
            for ladder in itertools.combinations(self.ladder, size):
                out = self.escalation_equilibrium(ladder)
                if out.attention > budget + TARGET_TOL:
                    continue
                key = (out.compliance, out.centre_payoff)
                if best_key is None or key > best_key:
                    best, best_key = out, key
        return best

    # ------------------------------------------------------------------ the dispatch game
    def dispatch_game(self, rung: str | None = None, *, with_centre: bool = True) -> Game:
        """The game of two departments over a case that falls between them.

        The case is resolved if either department handles it. An unresolved case is escalated to
        ``rung`` (spending its attention), where each evader is attributed (``q`` or ``q ρ``) and
        overruled (``π_r``) independently; an overruled department pays ``S_r`` and handles the case.

        Parameters
        ----------
        rung : str or None, default None
            The rung the escalation rule uses; None for no escalation.
        with_centre : bool, default True
            Add the centre as a third player with the single strategy ``Dispatch`` whose payoff is
            the centre's value (``W`` if the case is handled, minus the attention spent); without it
            the game is the two departments' bimatrix game.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> print(Model().dispatch_game("TopLeader", with_centre=False))
        Game: DeptA (rows) vs DeptB (columns); cells are payoffs (DeptA, DeptB)
                    Handle        PassOn         Shirk
        Handle      -1, -1       -1, -0.1        -1, 0
        PassOn     -0.1, -1   -2.02, -2.02   -2.02, -3.2
        Shirk        0, -1     -3.2, -2.02    -3.2, -3.2
        """
        if rung is not None:
            check_choice("rung", rung, RUNGS)
        if not isinstance(with_centre, bool):
            raise ArgumentTypeError(f"with_centre must be True or False; got {with_centre!r}")
        q, h, W = self.detection, self.handling_cost, self.case_value
        d, c = self._evasion()
        power, sanction, attention = self.rung(rung) if rung is not None else (0.0, 0.0, 0.0)
        overruled = q * d * power                                   # per department, by action
        handles = d == 0
        any_handle = handles[:, None] | handles[None, :]
        # an evader loses its expected sanction only when the other evades too (the case is unresolved)
        dept_a = -c[:, None] - np.where(any_handle, 0.0, overruled[:, None] * (sanction + h))
        dept_b = dept_a.T.copy()
        forced = 1.0 - (1.0 - overruled[:, None]) * (1.0 - overruled[None, :])
        escalate = 0.0 if rung is None else attention
        centre = np.where(any_handle, W, forced * W - escalate)
        if not with_centre:
            return Game.bimatrix(dept_a, dept_b, players=("DeptA", "DeptB"),
                                 strategies=(DEPARTMENT_ACTIONS, DEPARTMENT_ACTIONS))
        payoffs = np.stack([dept_a, dept_b, centre])[..., None]
        return Game(payoffs, players=("DeptA", "DeptB", "Centre"),
                    strategies=(DEPARTMENT_ACTIONS, DEPARTMENT_ACTIONS, (DISPATCH,)))

    def dispatch(self, ladder=None, *, mediated: bool = True, equilibrium: str = "symmetric") -> DispatchOutcome:
        """The shared case with the best escalation rung, mediated (dispatch) or unmediated.

        Parameters
        ----------
        ladder : sequence of str, optional
            The rungs the escalation rule may use; default :attr:`ladder`. The rule picks the rung
            (or none) that gives the centre the highest value.
        mediated : bool, default True
            True: the centre's best correlated equilibrium (:func:`bargain.correlated_equilibrium`
            with ``objective="Centre"``). False: a Nash equilibrium of the departments' game, chosen
            by ``equilibrium``.
        equilibrium : {"symmetric", "best"}, default "symmetric"
            Unmediated only: ``"symmetric"``, the departments' symmetric equilibrium (the one worst
            for the centre if several), as two departments with no rule between them would play;
            ``"best"``, the Nash equilibrium best for the centre among all those
            :func:`bargain.equilibria` finds (a fixed jurisdiction rule that names who handles is
            such an equilibrium whenever the named department prefers handling). What correlation
            adds is the mediated value minus the ``"best"`` one.

        Raises
        ------
        bargain.errors.SolverError
            If, unmediated, a degenerate dispatch game has no symmetric extreme equilibrium.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> m = Model()
        >>> m.dispatch(mediated=False)
        DispatchOutcome(unmediated, symmetric Nash; escalation to TopLeader; resolved 0.9406 (voluntarily 0.7803);
        attention 0.3296; centre value 4.373)
        >>> m.dispatch(mediated=True)
        DispatchOutcome(mediated; escalation to LeadersAttention; resolved 1 (voluntarily 1);
        attention 0; centre value 5)
        """
        ladder = self._ladder(ladder)
        if not isinstance(mediated, bool):
            raise ArgumentTypeError(f"mediated must be True or False; got {mediated!r}")
        equilibrium = "correlated" if mediated else check_choice("equilibrium", equilibrium, ("symmetric", "best"))
        best = None
        for rung in (None, *ladder):
            out = self._dispatch_at(rung, ladder, equilibrium)
            if best is None or out.centre_value > best.centre_value + 1e-12:
                best = out
        return best

    def _dispatch_at(self, rung, ladder, equilibrium) -> DispatchOutcome:
        game = self.dispatch_game(rung)
        centre = game.payoffs[2][..., 0]
        if equilibrium == "correlated":
            p = np.asarray(correlated_equilibrium(game, objective="Centre").distribution)[..., 0]
        elif equilibrium == "best":
            found = equilibria(self.dispatch_game(rung, with_centre=False))
            eq = max(found, key=lambda e: float(e.profile[0] @ centre @ e.profile[1]))
            p = np.outer(eq.profile[0], eq.profile[1])
        else:
            found = equilibria(self.dispatch_game(rung, with_centre=False))
            symmetric = [e for e in found if np.abs(e.profile[0] - e.profile[1]).max() <= SYMMETRY_TOL]
            if not symmetric:
                # a symmetric game always has a symmetric equilibrium (Nash 1951), but in a degenerate
                # game it may lie inside a component whose extreme points are all asymmetric
                raise SolverError(
                    f"the dispatch game with escalation to {rung or 'no rung'} is degenerate and none of its "
                    f"{len(found)} extreme equilibria is symmetric; perturb a parameter slightly"
                )
            eq = min(symmetric, key=lambda e: float(e.profile[0] @ centre @ e.profile[1]))
            p = np.outer(eq.profile[0], eq.profile[1])
        # read the outcome off the game: W resolved - attention = the centre's payoff; resolution and
        # attention separate because attention is spent exactly on the unresolved-by-choice profiles
        d, _ = self._evasion()
        handles = d == 0
        any_handle = handles[:, None] | handles[None, :]
        attention = self.rung(rung)[2] if rung is not None else 0.0
        voluntary = float(p[any_handle].sum())
        spent = float(p[~any_handle].sum()) * attention
        value = float((p * centre).sum())
        resolved = (value + spent) / self.case_value
        profiles = {
            (DEPARTMENT_ACTIONS[i], DEPARTMENT_ACTIONS[j]): _round(p[i, j])
            for i in range(3) for j in range(3) if p[i, j] > 1e-12
        }
        return DispatchOutcome(
            ladder=ladder,
            mediated=equilibrium == "correlated",
            equilibrium=equilibrium,
            rung="none" if rung is None else rung,
            resolved=_round(resolved),
            voluntary=_round(voluntary),
            attention=_round(spent),
            centre_value=_round(value),
            distribution=profiles,
        )


def _round(value) -> float:
    return float(round(float(value), DECIMALS)) + 0.0


def cell(**params) -> dict:
    """One sweep point: the escalation equilibrium and the dispatch outcomes at these parameters.

    Returns
    -------
    dict
        ``compliance``, ``attention`` and ``centre_payoff`` of the escalation game's equilibrium with
        the available ladder; ``within_budget`` (whether its attention fits ``attention_budget``);
        ``mediated_gain`` (the centre's correlated-equilibrium payoff minus its Nash payoff);
        ``best_compliance`` and ``best_ladder`` (:meth:`Model.best_ladder` within the attention
        budget); ``dispatch_unmediated``, ``dispatch_best_nash`` and ``dispatch_mediated`` (the
        centre's value on a shared case: symmetric equilibrium, best Nash equilibrium, best
        correlated equilibrium).

    Examples
    --------
    >>> from bargain.models.leverage import cell
    >>> cell(rungs=0)["compliance"]
    0.0
    """
    model = Model(**params)
    nash = model.escalation_equilibrium()
    mediated = model.mediated_escalation()
    best = model.best_ladder()
    return {
        "compliance": nash.compliance,
        "attention": nash.attention,
        "centre_payoff": nash.centre_payoff,
        "within_budget": bool(nash.attention <= model.attention_budget + TARGET_TOL),
        "mediated_gain": _round(mediated.centre_payoff - nash.centre_payoff),
        "best_compliance": best.compliance,
        "best_ladder": "+".join(best.ladder),
        "dispatch_unmediated": model.dispatch(mediated=False).centre_value,
        "dispatch_best_nash": model.dispatch(mediated=False, equilibrium="best").centre_value,
        "dispatch_mediated": model.dispatch(mediated=True).centre_value,
    }
