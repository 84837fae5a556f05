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
(Tsebelis 1989). :meth:`Model.closed_form` returns it for one rung, or names the condition that fails
(the rung does not deter, a referral does not pay, ``X`` is not the better evasion, or the tie
``ρ h = h - ε`` where both evasions are deterred at the same referral rate and the equilibria form a
segment, whose range of compliance it gives). Every equilibrium
is computed by :func:`bargain.equilibria`. Which rungs to borrow
is a choice over ladders (:meth:`Model.minimum_budget` for a target compliance,
:meth:`Model.best_ladder` within the attention budget), each ladder evaluated by its equilibrium.

The attention budget is an expected spend per case: with ``budget=B``,
:meth:`Model.escalation_equilibrium` holds the centre's mixed strategy to ``Σ_r Pr[r] A_r <= B`` by
solving :meth:`Model.budget_game`, whose centre strategies are the vertices of that polytope. When
the unconstrained game has a unique equilibrium the budget is all or nothing (computed, P4 of the
card): below the attention that equilibrium spends, no case is handled; from there on, it is played.
With several unconstrained equilibria (degenerate parameters) a budget can instead rule out the
reported, least compliant one and select a cheaper, more compliant one (``binds`` is then True).

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
best for it in each regime (the lowest such rung on a tie). With ``handover=True`` a pass-on hands
the case to the other department, which then owns it: if it shirks, its shirk is attributed with
probability ``q``, and the department that passed the case on is cleared when the hand-over is on
record (probability ``q``), otherwise attributed as any pass-on. A named department can then shed
the case whenever ``ε + (1 - q) q ρ π_r (S_r + h) < h``; at the calibration that holds for every
``q`` and rung, so no pure equilibrium has a department handle, and the correlated dispatch can
then add to the best Nash equilibrium (e25's ``handover_*`` columns give how much, row by row).

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

import dataclasses
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
    "CLOSED_FORM_CONDITIONS",
    "ClosedForm",
    "DEPARTMENT_ACTIONS",
    "DESCRIPTION",
    "DispatchOutcome",
    "EscalationOutcome",
    "Model",
    "RUNGS",
    "SEED",
    "TARGET_TOL",
    "TIE_TOL",
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

#: The two evasions are deterred at the same referral rate when ``ρ h = h - ε`` (the tie of
#: :meth:`Model.closed_form`); parameters within this much of it, relative to ``h``, are on the tie.
TIE_TOL = 1e-9


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
    budget : float or None
        The attention budget the centre's mixed strategy had to respect (``Σ_r Pr[r] A_r <= budget``);
        None if play was not constrained.
    binds : bool
        Whether the budget changed the reported play: the reported equilibrium of the
        budget-constrained game differs (in either player's mixed strategy, by more than
        :data:`TARGET_TOL`) from the one :meth:`Model.escalation_equilibrium` reports without a
        budget (False when there is no budget). With several unconstrained equilibria a budget can
        bind by ruling out the reported one even though another, cheaper one fits it.
    max_compliance : float
        The highest compliance over the (extreme) equilibria found; equal to ``compliance`` when the
        equilibrium is unique. ``compliance`` is the lowest (the selection rule).
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
    budget: float | None = None
    binds: bool = False
    max_compliance: float | None = None

    def __repr__(self) -> str:
        kind = "mediated" if self.mediated else "Nash"
        if self.budget is not None:
            kind += f" within budget {self.budget:.4g} ({'binds' if self.binds else 'does not bind'})"
        ladder = ", ".join(self.ladder) or "no rungs"
        referral = ", ".join(f"{r} {p:.4g}" for r, p in self.referral.items() if p > 0) or "never refers"
        compliance = f"{self.compliance:.4g}"
        if self.max_compliance is not None and self.max_compliance > self.compliance + TARGET_TOL:
            compliance += f" (up to {self.max_compliance:.4g} in another equilibrium)"
        return (
            f"EscalationOutcome({kind}; ladder {ladder}; compliance {compliance}, pass on "
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
    handover : bool
        Whether a pass-on handed the case to the other department (:meth:`Model.dispatch_game`).
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
    handover: bool = False

    def __repr__(self) -> str:
        kind = "mediated" if self.mediated else f"unmediated, {self.equilibrium} Nash"
        if self.handover:
            kind += ", with hand-over"
        return (
            f"DispatchOutcome({kind}; escalation to {self.rung}; resolved {self.resolved:.4g} "
            f"(voluntarily {self.voluntary:.4g}); attention {self.attention:.4g}; "
            f"centre value {self.centre_value:.4g})"
        )


#: The conditions under which the inspection-game closed form holds, in the order they are checked.
CLOSED_FORM_CONDITIONS = ("deters", "pays", "better_evasion", "no_tie")


@dataclass(frozen=True, eq=False, repr=False)
class ClosedForm:
    """The inspection-game closed form of the escalation game with one rung (:meth:`Model.closed_form`).

    Attributes
    ----------
    rung : str
        The single rung the centre can refer to.
    evasion : str
        ``X``: the evasion the department mixes with ``Handle`` (``"PassOn"`` or ``"Shirk"``).
    conditions : dict
        ``"deters"``, ``"pays"``, ``"better_evasion"``, ``"no_tie"`` -> whether it holds (see
        :meth:`Model.closed_form`).
    applies : bool
        True if all four hold; then the single-rung game's unique equilibrium is the one below.
    failed : tuple of str
        The conditions that fail (empty when ``applies``).
    tie : bool
        Whether the parameters are on the tie ``ρ h = h - ε`` (within :data:`TIE_TOL` of ``h``),
        where both evasions are deterred at the same referral rate.
    deterrence : float
        ``q d_X π_r (S_r + h)``: what a referral costs an ``X``-evader in expectation.
    referral_gain : float
        ``q d_X π_r W``: what a referral brings the centre against a sure ``X``-evader.
    referral, evasion_rate, compliance, centre_payoff, department_payoff : float or None
        ``Pr[refer to r] = (h - c_X) / deterrence``, ``Pr[X] = A_r / referral_gain``,
        ``1 - Pr[X]``, ``W - A_r / (q d_X π_r)`` and ``-h``; None when the closed form does not apply.
        On the tie, when the rung deters and a referral pays against a sure shirk, the equilibria
        form a segment that shares ``referral`` and ``department_payoff = -h``;
        ``evasion_rate``, ``compliance`` and ``centre_payoff`` are then None.
    compliance_range : tuple of float or None
        ``(lowest, highest)`` compliance over the single-rung game's equilibria where the closed
        form or its tie version gives them: ``(compliance, compliance)`` when it applies, and
        ``(max(0, 1 - A_r / (q ρ π_r W)), 1 - A_r / (q π_r W))`` on the tie; None otherwise (then,
        for generic parameters, compliance is 0 in every equilibrium).
    """

    rung: str
    evasion: str
    conditions: dict
    deterrence: float
    referral_gain: float
    referral: float | None
    evasion_rate: float | None
    compliance: float | None
    centre_payoff: float | None
    department_payoff: float | None
    compliance_range: tuple | None = None

    @property
    def applies(self) -> bool:
        """Whether every condition of the closed form holds."""
        return all(self.conditions.values())

    @property
    def tie(self) -> bool:
        """Whether the two evasions are deterred at the same referral rate (``ρ h = h - ε``)."""
        return not self.conditions["no_tie"]

    @property
    def failed(self) -> tuple[str, ...]:
        """The names of the conditions that fail, in :data:`CLOSED_FORM_CONDITIONS` order."""
        return tuple(name for name in CLOSED_FORM_CONDITIONS if not self.conditions[name])

    def __repr__(self) -> str:
        head = f"ClosedForm({self.rung} against {self.evasion}"
        if self.tie and self.compliance_range is not None:
            low, high = self.compliance_range
            return (
                f"ClosedForm({self.rung} on the tie of PassOn and Shirk; refer {self.referral:.4g}, "
                f"compliance {low:.4g} to {high:.4g} over the equilibria; department {self.department_payoff:.4g})"
            )
        if not self.applies:
            return f"{head}; does not apply: {', '.join(self.failed)} fails)"
        return (
            f"{head}; refer {self.referral:.4g}, evade {self.evasion_rate:.4g}, compliance "
            f"{self.compliance:.4g}; payoffs centre {self.centre_payoff:.4g}, department "
            f"{self.department_payoff:.4g})"
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

    def escalation_equilibrium(self, ladder=None, *, budget=None) -> EscalationOutcome:
        """The Nash equilibrium of the escalation game (mixed where inspection is random).

        All equilibria are computed with :func:`bargain.equilibria`; when there are several
        (degenerate parameters), the one with the lowest compliance, then the lowest centre
        payoff, is reported (``max_compliance`` gives the highest).

        Parameters
        ----------
        ladder : sequence of str, optional
            The rungs available; default :attr:`ladder`.
        budget : float, optional
            An attention budget (>= 0) the centre's mixed strategy must respect in expectation,
            ``Σ_r Pr[refer to r] A_r <= budget``; the equilibrium is then computed from
            :meth:`budget_game`. None (the default): no budget. Pass ``budget=model.attention_budget``
            for the calibrated one.

        Returns
        -------
        EscalationOutcome
            With a budget, ``budget`` and ``binds`` say whether it changed the reported play.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> Model(rungs=0).escalation_equilibrium().compliance
        0.0
        >>> Model().escalation_equilibrium(["TopLeader"], budget=0.5)   # at most 1/3 of cases referred
        EscalationOutcome(Nash within budget 0.5 (binds); ladder TopLeader; compliance 0, pass on 1,
        shirk 0; TopLeader 0.3333; attention 0.5; payoffs centre 0.3, department -0.74)
        """
        ladder = self._ladder(ladder)
        found = equilibria(self.escalation_game(ladder))
        eq = min(found, key=_selection)
        top = max(float(e.profile[0][0]) for e in found)
        free = self._escalation_outcome(ladder, eq.profile[0], eq.profile[1], eq.payoffs, False, len(found), top)
        if budget is None:
            return free
        budget = self._budget(budget)
        _, vertices = self._budget_vertices(ladder, budget)
        constrained = equilibria(self.budget_game(ladder, budget))
        eq = min(constrained, key=_selection)
        top = max(float(e.profile[0][0]) for e in constrained)
        centre = vertices @ eq.profile[1]
        out = self._escalation_outcome(ladder, eq.profile[0], centre, eq.payoffs, False, len(constrained), top)
        return dataclasses.replace(out, budget=budget, binds=_differ(out, free))

    def _budget(self, budget) -> float:
        budget = check_real("budget", budget)
        if not budget >= 0:
            raise InvalidArgumentError(f"budget must be >= 0; got {budget!r}")
        return budget

    def _budget_vertices(self, ladder, budget) -> tuple[list[str], np.ndarray]:
        """Names and mixed strategies (columns) of the vertices of the centre's budget-feasible set."""
        actions = (RECORD, *ladder)
        cost = {RECORD: 0.0, **{r: self.rung(r)[2] for r in ladder}}
        names, columns = [], []
        for a in actions:                                  # the pure actions the budget affords
            if cost[a] <= budget:
                names.append(a)
                columns.append(np.eye(len(actions))[actions.index(a)])
        for a, r in itertools.permutations(actions, 2):    # where the budget line cuts an edge
            if cost[a] < budget < cost[r]:
                t = (budget - cost[a]) / (cost[r] - cost[a])
                names.append(f"{r}@{t:.4g}" if a == RECORD else f"{a}@{1 - t:.4g}+{r}@{t:.4g}")
                column = np.zeros(len(actions))
                column[actions.index(a)], column[actions.index(r)] = 1.0 - t, t
                columns.append(column)
        return names, np.array(columns).T

    def budget_game(self, ladder=None, budget=None) -> Game:
        """The escalation game when the centre's expected attention per case may not exceed a budget.

        The centre's mixed strategies ``σ`` over ``Record`` and the rungs must satisfy
        ``Σ_r σ_r A_r <= budget`` (the budget is an expected spend per case). That set is a polytope
        in the simplex; its vertices are the pure actions the budget affords and, on every edge from
        an affordable action ``a`` to an unaffordable rung ``r`` (``A_a < budget < A_r``), the mixture
        that spends exactly the budget, with weight ``(budget - A_a) / (A_r - A_a)`` on ``r``.
        Payoffs are linear in ``σ``, so the game whose centre strategies are these vertices has the
        same equilibria, mapped back by ``σ = Σ_v λ_v v``: every mixed strategy over the polytope is
        a mixture of its vertices, and a linear payoff is maximised over it at a vertex.

        Parameters
        ----------
        ladder : sequence of str, optional
            The rungs available; default :attr:`ladder`.
        budget : float, optional
            Attention per case (>= 0); default ``attention_budget``.

        Returns
        -------
        Game
            Players ``("Department", "Centre")``; the centre's strategies are named by the actions they
            mix, ``"TopLeader@0.4"`` (the rest ``Record``) or ``"HigherOffice@0.7+TopLeader@0.3"``.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> Model().budget_game(["HigherOffice", "TopLeader"], 0.5).strategies[1]
        ('Record', 'HigherOffice', 'TopLeader@0.3333', 'HigherOffice@0.7692+TopLeader@0.2308')
        """
        ladder = self._ladder(ladder)
        budget = self.attention_budget if budget is None else self._budget(budget)
        names, vertices = self._budget_vertices(ladder, budget)
        dept, centre = self.escalation_game(ladder).payoffs
        return Game.bimatrix(dept @ vertices, centre @ vertices, players=("Department", "Centre"),
                             strategies=(DEPARTMENT_ACTIONS, tuple(names)))

    def closed_form(self, rung: str, evasion: str | None = None) -> ClosedForm:
        """The inspection-game closed form of the escalation game with the single rung ``rung``.

        In the game ``escalation_game([rung])`` the department mixes ``Handle`` with one evasion
        ``X`` and the centre mixes ``Record`` with the referral. Each side makes the other
        indifferent: with ``d_X`` (1 for Shirk, ``ρ`` for PassOn) and ``c_X`` (0 or ``ε``),

        ``Pr[refer] = (h - c_X) / (q d_X π_r (S_r + h))``, ``Pr[X] = A_r / (q d_X π_r W)``,

        compliance ``1 - Pr[X]``, centre payoff ``W - A_r / (q d_X π_r)``, department payoff ``-h``.
        This is the game's unique equilibrium exactly when four conditions hold (strictly):

        - ``"deters"``: a sure referral makes ``X`` worse than handling,
          ``q d_X π_r (S_r + h) > h - c_X`` (else ``Pr[refer] >= 1``);
        - ``"pays"``: a referral pays against a sure ``X``-evader, ``q d_X π_r W > A_r``
          (else ``Pr[X] >= 1``);
        - ``"better_evasion"``: at that referral rate the other evasion ``Y`` is worse than handling,
          ``c_Y + Pr[refer] q d_Y π_r (S_r + h) > h`` (its payoff is below ``-h``);
        - ``"no_tie"``: the parameters are off the tie ``ρ h = h - ε`` (by more than :data:`TIE_TOL`
          times ``h``). On the tie both evasions are deterred at the same referral rate
          ``p* = h / (q π_r (S_r + h))``, which makes handling, passing on and shirking all
          indifferent; ``"better_evasion"`` then fails too.

        When one of the first three fails off the tie, the single-rung game has (for generic
        parameters) no equilibrium in which the department handles the case: compliance is 0.

        *The tie* (it includes the corner ``ε = 0``, ``ρ = 1``). If the rung deters a shirk
        (``q π_r (S_r + h) > h``) and a referral pays against a sure shirk (``q π_r W > A_r``), the
        equilibria are: the centre refers with ``p*`` and the department plays any mix with
        ``ρ Pr[PassOn] + Pr[Shirk] = A_r / (q π_r W)`` (the centre's indifference). At ``p* < 1`` a
        department that evades with ``p < p*`` strictly prefers shirking (or is indifferent when
        ``ε = 0``), which a referral would punish, and with ``p > p*`` it handles, so no other
        referral rate is an equilibrium. Compliance runs over ``[max(0, 1 - A_r / (q ρ π_r W)),
        1 - A_r / (q π_r W)]``: the lowest when the department passes on (a pass-on is the harder
        evasion for the centre to act on), the highest when it shirks; the two meet at ``ρ = 1``.
        The centre's payoff is ``W`` times compliance, the department's ``-h``.

        Parameters
        ----------
        rung : str
            One of :data:`RUNGS`.
        evasion : {"PassOn", "Shirk"}, optional
            ``X``. By default the department's better evasion against the rung: the one whose
            deterrence needs the more frequent referral, ``(h - c_X) / (q d_X π_r (S_r + h))``
            (Shirk on the tie); with this choice ``"better_evasion"`` holds everywhere off the tie.
            At most one evasion satisfies all four conditions.

        Returns
        -------
        ClosedForm
            The conditions and, when all hold, the equilibrium's probabilities and payoffs (on the
            tie: the referral rate and the range of compliance over the equilibria).

        References
        ----------
        G. Tsebelis (1989), "The abuse of probability in political analysis: the Robinson Crusoe
        fallacy", *American Political Science Review* 83(1): 77-91.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> m = Model()
        >>> m.closed_form("TopLeader")
        ClosedForm(TopLeader against PassOn; refer 0.4688, evade 0.625, compliance 0.375;
        payoffs centre 1.875, department -1)
        >>> m.closed_form("HigherOffice").failed
        ('deters',)
        >>> Model(responsibility_clarity=0.9).closed_form("TopLeader")      # 0.9 = (h - ε) / h
        ClosedForm(TopLeader on the tie of PassOn and Shirk; refer 0.3125, compliance 0.5833 to 0.625
        over the equilibria; department -1)
        """
        check_choice("rung", rung, RUNGS)
        if evasion is not None:
            check_choice("evasion", evasion, DEPARTMENT_ACTIONS[1:])
        q, h, W = self.detection, self.handling_cost, self.case_value
        power, sanction, attention = self.rung(rung)
        d, c = self._evasion()
        tie = abs(self.responsibility_clarity * h - (h - self.passon_cost)) <= TIE_TOL * h
        deterrence = q * d * power * (sanction + h)                     # by action; 0 for Handle
        needed = [(h - c[i]) / deterrence[i] if deterrence[i] > 0 else math.inf for i in range(3)]
        if evasion is not None:
            x = DEPARTMENT_ACTIONS.index(evasion)
        elif tie:
            x = 2
        else:
            # the better evasion needs the more frequent referral to be deterred
            x = 1 if needed[1] > needed[2] else 2
        y = 3 - x
        gain = q * d[x] * power * W
        refer = needed[x]
        other = -c[y] - refer * deterrence[y] if math.isfinite(refer) else -math.inf
        conditions = {
            "deters": bool(deterrence[x] > h - c[x]),
            "pays": bool(gain > attention),
            "better_evasion": bool(other < -h) and not tie,
            "no_tie": not tie,
        }
        applies = all(conditions.values())
        if applies:
            evade = attention / gain
            return ClosedForm(
                rung=rung, evasion=DEPARTMENT_ACTIONS[x], conditions=conditions, deterrence=float(deterrence[x]),
                referral_gain=float(gain), referral=float(refer), evasion_rate=evade, compliance=1.0 - evade,
                centre_payoff=W * (1.0 - evade), department_payoff=-h,
                compliance_range=(1.0 - evade, 1.0 - evade),
            )
        # on the tie: a segment of equilibria when the rung deters a shirk and a referral pays against one
        segment = tie and deterrence[2] > h and q * power * W > attention
        return ClosedForm(
            rung=rung, evasion=DEPARTMENT_ACTIONS[x], conditions=conditions, deterrence=float(deterrence[x]),
            referral_gain=float(gain),
            referral=h / float(deterrence[2]) if segment else None,
            evasion_rate=None, compliance=None, centre_payoff=None,
            department_payoff=-h if segment else None,
            compliance_range=(
                max(0.0, 1.0 - attention / (q * self.responsibility_clarity * power * W)),
                1.0 - attention / (q * power * W),
            ) if segment else None,
        )

    def detection_threshold(self, rung: str, equilibrium: str = "worst") -> float:
        """The detection above which the rung alone makes the department handle some cases.

        In the single-rung game (:meth:`closed_form`) the deterrence ``q d_X π_r (S_r + h)`` and the
        referral's gain ``q d_X π_r W`` are proportional to ``q``, and which evasion is the better
        one does not depend on ``q``. Off the tie ``ρ h = h - ε`` the default ``X`` of
        :meth:`closed_form` is the better evasion at every ``q``, and compliance is positive exactly
        for ``q`` above

        ``max((h - c_X) / (d_X π_r (S_r + h)), A_r / (d_X π_r W))``

        (the rung deters, and a referral pays). On the tie the game has a segment of equilibria
        (:meth:`closed_form`): both evasions are deterred from ``q > h / (π_r (S_r + h))``, and
        compliance is positive in the equilibrium with the least compliance (the one
        :meth:`escalation_equilibrium` reports) from ``q > A_r / (ρ π_r W)`` on, in the one with the
        most from ``q > A_r / (π_r W)``. The other parameters are the model's own.

        Parameters
        ----------
        rung : str
            One of :data:`RUNGS`.
        equilibrium : {"worst", "best"}, default "worst"
            On the tie, whose compliance: the equilibrium with the least (``"worst"``) or the most
            (``"best"``). Off the tie the two thresholds are equal.

        Returns
        -------
        float
            The threshold; it may exceed 1 (no detection is enough), and is ``inf`` if the rung
            attributes nothing (``π_r = 0``, or ``ρ = 0`` against a pass-on).

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> m = Model()
        >>> [round(m.detection_threshold(r), 4) for r in ("HigherOffice", "LeadersAttention", "TopLeader")]
        [2.0, 0.75, 0.5]
        >>> tie = Model(responsibility_clarity=0.9)          # on the tie: 1.5 / (0.9 * 5) and 1.5 / 5
        >>> round(tie.detection_threshold("TopLeader"), 4), tie.detection_threshold("TopLeader", "best")
        (0.3333, 0.3)
        """
        check_choice("rung", rung, RUNGS)
        check_choice("equilibrium", equilibrium, ("worst", "best"))
        sure = dataclasses.replace(self, detection=1.0).closed_form(rung)
        power, sanction, attention = self.rung(rung)
        h = self.handling_cost
        if sure.tie:
            d = 1.0 if equilibrium == "best" else self.responsibility_clarity
            if power == 0:
                return math.inf
            return max(h / (power * (sanction + h)), attention / (d * power * self.case_value))
        if sure.deterrence == 0:
            return math.inf
        slack = h - (self.passon_cost if sure.evasion == "PassOn" else 0.0)
        return max(slack / sure.deterrence, attention / sure.referral_gain)

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
        return self._escalation_outcome(ladder, p.sum(axis=1), p.sum(axis=0), ce.payoffs, True, 1, p.sum(axis=1)[0])

    def _escalation_outcome(self, ladder, dept, centre, payoffs, mediated, count, top) -> EscalationOutcome:
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
            max_compliance=_round(top),
        )

    def minimum_attention(self, target: float) -> dict:
        """The least attention per case that buys a target compliance, over the ladders the centre may borrow.

        For every subset of the available rungs, the escalation game's unconstrained equilibrium
        (:meth:`escalation_equilibrium`) gives a compliance and the attention it spends; the centre
        borrows the subset that reaches ``target`` with the least attention. When each ladder's
        unconstrained game has a unique equilibrium the budget is all or nothing, so this is also
        the least budget that reaches the target with play held within it (:meth:`minimum_budget`,
        which checks it with the budget-constrained game); with several equilibria the two can
        differ (this one reads only the reported, least compliant equilibrium).

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

    def minimum_budget(self, target: float) -> dict:
        """The least attention budget per case at which the budget-constrained equilibrium reaches a target.

        The centre may borrow any subset of the available rungs, and its play must respect the
        budget (:meth:`escalation_equilibrium` with ``budget=``). The candidate budgets of a ladder
        are the attention spent by each (extreme) equilibrium of its unconstrained game that reaches
        the target; each is confirmed by solving the budget-constrained game there (within
        :data:`TARGET_TOL`, with its least compliant equilibrium), and the result is the least
        confirmed candidate over ladders. When a ladder's unconstrained equilibrium is unique the
        budget is all or nothing (``docs/models/leverage.md``, P4: below the attention it spends the
        department handles no case; from there on it is played), so its candidate is its least
        budget. With several unconstrained equilibria the least budget is only searched among these
        candidates.

        Parameters
        ----------
        target : float
            The compliance to reach, in [0, 1].

        Returns
        -------
        dict
            ``budget`` (``inf`` if no ladder reaches the target), ``ladder`` (the rungs borrowed,
            joined by ``+``; ``""`` for none) and ``compliance`` (of the budget-constrained
            equilibrium at that budget).

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> Model().minimum_budget(0.5)
        {'budget': 0.5625, 'ladder': 'LeadersAttention', 'compliance': 0.6875}
        """
        target = check_real("target", target)
        if not 0 <= target <= 1:
            raise InvalidArgumentError(f"target must be in [0, 1]; got {target!r}")
        best = {"budget": math.inf, "ladder": "", "compliance": math.nan}
        for size in range(len(self.ladder) + 1):
            for ladder in itertools.combinations(self.ladder, size):
                costs = np.array([0.0, *(self.rung(r)[2] for r in ladder)])
                found = equilibria(self.escalation_game(ladder))
                spends = sorted({_round(e.profile[1] @ costs) for e in found
                                 if float(e.profile[0][0]) >= target - TARGET_TOL})
                for spend in spends:
                    if spend >= best["budget"]:
                        break
                    out = self.escalation_equilibrium(ladder, budget=spend + TARGET_TOL)
                    if out.compliance >= target - TARGET_TOL:
                        best = {"budget": spend, "ladder": "+".join(ladder), "compliance": out.compliance}
                        break
        return best

    def best_ladder(self, budget=None) -> EscalationOutcome:
        """The budget-constrained equilibrium with the highest compliance over the ladders the centre may borrow.

        The centre may borrow any subset of the available rungs; for each, the escalation game is
        solved with the centre's expected attention per case held within ``budget``
        (:meth:`escalation_equilibrium` with ``budget=``). The one with the highest compliance
        (then the highest centre payoff, then the fewest rungs) is returned.

        Parameters
        ----------
        budget : float, optional
            Attention per case (>= 0); default ``attention_budget``.

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> best = Model().best_ladder()
        >>> best.ladder, round(best.compliance, 4), best.binds
        (('LeadersAttention',), 0.6875, False)
        """
        budget = self.attention_budget if budget is None else self._budget(budget)
        best, best_key = None, None
        for size in range(len(self.ladder) + 1):
            for ladder in itertools.combinations(self.ladder, size):
                out = self.escalation_equilibrium(ladder, budget=budget)
                key = (out.compliance, out.centre_payoff)
                if best_key is None or key > best_key:
                    best, best_key = out, key
        return best

    # ------------------------------------------------------------------ the dispatch game
    def dispatch_game(self, rung: str | None = None, *, with_centre: bool = True, handover: bool = False) -> Game:
        """The game of two departments over a case that falls between them.

        The case is resolved if either department handles it. An unresolved case is escalated to
        ``rung`` (spending its attention), where each evader is attributed (``q`` or ``q ρ``) and
        overruled (``π_r``) independently; an overruled department pays ``S_r`` and handles the case.

        With ``handover=True`` a pass-on really hands the case to the other department. A rung still
        bites only through attribution: when one department passes the case on and the other
        shirks, the one that shirked owns the unresolved case, so its shirk is attributed as any
        shirk, with probability ``q`` (``d = 1``); the one that passed it on is cleared if the
        information system recorded the hand-over (probability ``q``) and is otherwise attributed
        as any pass-on (``q ρ``), so with probability ``(1 - q) q ρ`` in all. When both pass it on,
        the case has bounced between them and each is attributed as before (``q ρ``). A
        department's action is its plan for the case whether or not it is handed over (the two act
        at the same time). At ``q = 0`` nothing is attributed and the hand-over changes nothing.

        Parameters
        ----------
        rung : str or None, default None
            The rung the escalation rule uses; None for no escalation.
        with_centre : bool, default True
            Add the centre as a third player with the single strategy ``Dispatch`` whose payoff is
            the centre's value (``W`` if the case is handled, minus the attention spent); without it
            the game is the two departments' bimatrix game.
        handover : bool, default False
            Whether a pass-on hands the case to the other department (see above).

        Examples
        --------
        >>> from bargain.models.leverage import Model
        >>> print(Model().dispatch_game("TopLeader", with_centre=False))
        Game: DeptA (rows) vs DeptB (columns); cells are payoffs (DeptA, DeptB)
                    Handle        PassOn         Shirk
        Handle      -1, -1       -1, -0.1        -1, 0
        PassOn     -0.1, -1   -2.02, -2.02   -2.02, -3.2
        Shirk        0, -1     -3.2, -2.02    -3.2, -3.2
        >>> print(Model().dispatch_game("TopLeader", with_centre=False, handover=True))
        Game: DeptA (rows) vs DeptB (columns); cells are payoffs (DeptA, DeptB)
                   Handle      PassOn        Shirk
        Handle     -1, -1     -1, -0.1       -1, 0
        PassOn    -0.1, -1  -2.02, -2.02  -0.484, -3.2
        Shirk      0, -1    -3.2, -0.484   -3.2, -3.2
        """
        if rung is not None:
            check_choice("rung", rung, RUNGS)
        if not isinstance(with_centre, bool):
            raise ArgumentTypeError(f"with_centre must be True or False; got {with_centre!r}")
        if not isinstance(handover, bool):
            raise ArgumentTypeError(f"handover must be True or False; got {handover!r}")
        q, h, W = self.detection, self.handling_cost, self.case_value
        d, c = self._evasion()
        power, sanction, attention = self.rung(rung) if rung is not None else (0.0, 0.0, 0.0)
        # Pr[DeptA is attributed and overruled] in each profile (rows: DeptA's action, columns: DeptB's)
        overruled = np.repeat((q * d * power)[:, None], 3, axis=1)
        if handover:
            passon, shirk = DEPARTMENT_ACTIONS.index("PassOn"), DEPARTMENT_ACTIONS.index("Shirk")
            # it handed the case over: cleared when the hand-over is on record (q), else read as a pass-on
            overruled[passon, shirk] = (1.0 - q) * q * d[passon] * power
            overruled[shirk, passon] = q * power           # it was handed the case and shirked: its own shirk
        handles = d == 0
        any_handle = handles[:, None] | handles[None, :]
        # an evader loses its expected sanction only when the other evades too (the case is unresolved)
        dept_a = -c[:, None] - np.where(any_handle, 0.0, overruled * (sanction + h))
        dept_b = dept_a.T.copy()
        forced = 1.0 - (1.0 - overruled) * (1.0 - overruled.T)
        escalate = 0.0 if rung is None else attention
        centre = np.where(any_handle, W, forced * W - escalate)
        if not with_centre:
            return Game.bimatrix(dept_a, dept_b, players=("DeptA", "DeptB"),
                                 strategies=(DEPARTMENT_ACTIONS, DEPARTMENT_ACTIONS))
        payoffs = np.stack([dept_a, dept_b, centre])[..., None]
        return Game(payoffs, players=("DeptA", "DeptB", "Centre"),
                    strategies=(DEPARTMENT_ACTIONS, DEPARTMENT_ACTIONS, (DISPATCH,)))

    def dispatch(self, ladder=None, *, mediated: bool = True, equilibrium: str = "symmetric",
                 handover: bool = False) -> DispatchOutcome:
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
            Unmediated only (validated, and ignored, when ``mediated=True``): ``"symmetric"``, the departments' symmetric equilibrium (the one worst
            for the centre if several), as two departments with no rule between them would play;
            ``"best"``, the Nash equilibrium best for the centre among all those
            :func:`bargain.equilibria` finds (a fixed jurisdiction rule that names who handles is
            such an equilibrium whenever the named department prefers handling). What correlation
            adds is the mediated value minus the ``"best"`` one.
        handover : bool, default False
            Whether a pass-on hands the case to the other department (:meth:`dispatch_game`).

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
        check_choice("equilibrium", equilibrium, ("symmetric", "best"))
        equilibrium = "correlated" if mediated else equilibrium
        if not isinstance(handover, bool):
            raise ArgumentTypeError(f"handover must be True or False; got {handover!r}")
        best = None
        for rung in (None, *ladder):
            out = self._dispatch_at(rung, ladder, equilibrium, handover)
            if best is None or out.centre_value > best.centre_value + 1e-12:
                best = out
        return best

    def _dispatch_at(self, rung, ladder, equilibrium, handover) -> DispatchOutcome:
        game = self.dispatch_game(rung, handover=handover)
        centre = game.payoffs[2][..., 0]
        if equilibrium == "correlated":
            p = np.asarray(correlated_equilibrium(game, objective="Centre").distribution)[..., 0]
        elif equilibrium == "best":
            found = equilibria(self.dispatch_game(rung, with_centre=False, handover=handover))
            eq = max(found, key=lambda e: float(e.profile[0] @ centre @ e.profile[1]))
            p = np.outer(eq.profile[0], eq.profile[1])
        else:
            found = equilibria(self.dispatch_game(rung, with_centre=False, handover=handover))
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
            handover=handover,
        )


def _round(value) -> float:
    return float(round(float(value), DECIMALS)) + 0.0


def _selection(eq) -> tuple[float, float]:
    """The equilibrium reported when there are several: the lowest compliance, then the lowest centre payoff."""
    return float(eq.profile[0][0]), float(eq.payoffs[1])


def _differ(a: EscalationOutcome, b: EscalationOutcome) -> bool:
    """Whether two outcomes of one ladder differ in either player's mixed strategy."""
    first = [a.compliance, a.passon, a.shirk, *a.referral.values()]
    second = [b.compliance, b.passon, b.shirk, *b.referral.values()]
    return any(abs(x - y) > TARGET_TOL for x, y in zip(first, second))


def cell(**params) -> dict:
    """One sweep point: the escalation equilibrium and the dispatch outcomes at these parameters.

    Returns
    -------
    dict
        ``compliance``, ``attention`` and ``centre_payoff`` of the escalation game's equilibrium with
        the available ladder; ``within_budget`` (whether its attention fits ``attention_budget``);
        ``budget_compliance`` and ``budget_binds`` (the same game with the centre's play held within
        ``attention_budget``); ``mediated_gain`` (the centre's correlated-equilibrium payoff minus its
        Nash payoff); ``best_compliance`` and ``best_ladder`` (:meth:`Model.best_ladder` within the
        attention budget); ``dispatch_unmediated``, ``dispatch_best_nash`` and ``dispatch_mediated`` (the
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
    constrained = model.escalation_equilibrium(budget=model.attention_budget)
    best = model.best_ladder()
    return {
        "compliance": nash.compliance,
        "attention": nash.attention,
        "centre_payoff": nash.centre_payoff,
        "within_budget": bool(nash.attention <= model.attention_budget + TARGET_TOL),
        "budget_compliance": constrained.compliance,
        "budget_binds": constrained.binds,
        "mediated_gain": _round(mediated.centre_payoff - nash.centre_payoff),
        "best_compliance": best.compliance,
        "best_ladder": "+".join(best.ladder),
        "dispatch_unmediated": model.dispatch(mediated=False).centre_value,
        "dispatch_best_nash": model.dispatch(mediated=False, equilibrium="best").centre_value,
        "dispatch_mediated": model.dispatch(mediated=True).centre_value,
    }
