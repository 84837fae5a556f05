"""The safety-production committee: a horizontal network of member units built on a hierarchy (seed 002).

A city's safety-production committee and its office coordinate the member units (the departments
that sit on the committee). The units differ in **goal alignment** (how far the committee's safety
goal is also the unit's own) and **capability** (the resources it can bring); each chooses
``Active``, ``Perfunctory`` (symbolic work that looks like compliance on paper) or ``Shirk``. Their
efforts add up to a shared safety outcome that is secured only when enough work is done. The
office moves first, as a Stackelberg leader: under a budget of inspections it commits to inspection
intensities, uniform for every unit or targeted at types of unit ("batch to point"), and exposed
units pay an assessment penalty. The model card is ``docs/models/committee.md``.

Units and payoffs
-----------------
There are ``N = 4 n`` units, ``n`` of each quadrant of the goal × capability grid (goal alignment
``g`` in ``{goal_low, goal_high}``, capability ``k`` in ``{capability_low, capability_high}``).
Under a toolkit that includes high-frequency interaction (``network``, ``dual``) a unit's effective
alignment is ``ĝ = g + η (1 - g)`` with ``η = interaction``; otherwise ``ĝ = g``. Action ``a`` does
work ``x(a)`` (``x = 1, s, 0`` for Active, Perfunctory, Shirk, ``s = perfunctory_share``) and is
exposed by an inspection with probability ``d(a)`` (``d = 0, d_P, 1``, ``d_P =
perfunctory_detection``). Unit ``i``, inspected with probability ``p_i``, gets

.. math::

    u_i(a) = (\\hat g_i b - c / k_i)\\, x(a_i) - p_i F\\, d(a_i)
             + \\hat g_i V\\, \\mathbf 1\\Big[\\sum_j x(a_j) \\ge \\theta N\\Big]

with ``b = goal_benefit``, ``c = effort_cost``, ``V = safety_value``, ``θ = safety_threshold`` and
``F`` the penalty the toolkit can impose (``assessment_penalty``, or ``notice_penalty`` for the
``network`` toolkit, which has no formal assessment power). A pure equilibrium always exists: a unit
with ``ĝ_i V = 0`` is unaffected by the others and plays a best response to nothing; dividing the
payoff of every other unit by ``ĝ_i V > 0`` leaves a private term plus the common indicator, a
weighted potential game (Monderer and Shapley 1996) among them.

The office
----------
The office maximises the work done, ``X(a) = Σ_j x(a_j)``, in the units' equilibrium, subject to
``Σ_i p_i <= budget``. Followers' equilibria are all the pure equilibria of the N-unit game
(:func:`bargain.pure_equilibria`); the **selection rule** is either ``"pessimistic"`` (the office
expects the equilibrium worst for it: least work, then fewest Active units) or ``"optimistic"``
(the best one). The leader's problem is solved exactly over per-unit intensities: each unit's
payoff differences are affine in its own inspection intensity, so its best responses change only at
finitely many *critical intensities*, and the set of pure equilibria is constant while every unit
stays between the same two. Each candidate policy gives every unit one option (the point 0, a
critical intensity, or an open interval between two; units of a quadrant are interchangeable, so
only the multiset of a quadrant's options matters) and is solved at most once
(:meth:`Model.candidate_policies`); the office's search skips candidates whose cheap upper bound on
the work cannot beat the best one found. A pessimistic office's optimum lies in open intervals: it is a
supremum approached from above the lower ends but never attained there (von Stengel and Zamir
2010), so such a policy is affordable only when its lower ends sum to *strictly* less than the
budget, and the office then reports intensities inside the intervals that fit the budget, where the
reported equilibrium holds.

The office's **toolkits** (:data:`TOOLKITS`, :data:`TOOLKIT_TOOLS`): ``bureaucracy`` (no office),
``hierarchy`` (uniform inspection, assessment penalty), ``targeted`` (inspection unit by unit,
assessment penalty), ``network`` (unit by unit, notice penalty, interaction) and ``dual`` (unit by
unit, assessment penalty, interaction: the case's network on hierarchy).

The model contains no solver: it builds games and calls :func:`bargain.pure_equilibria` (the
units' game, any number of players) and :func:`bargain.equilibria` (the inspection game).

Attitudes
---------
A unit's attitude under a toolkit is read off equilibria, never assigned: ``active`` if it plays
Active both under the toolkit and with no office at all (``bureaucracy``), ``passive`` if it plays
Active only under the toolkit, ``symbolic`` if it plays Perfunctory and ``resistant`` if it shirks.

Random inspection
-----------------
Where the office cannot commit, inspection is random in equilibrium: :meth:`Model.inspection_game`
is the two-player game of the office (``Inspect``, ``Skip``) against one unit, the office valuing
the work done (shortfall exposed by an inspection is rectified) net of ``inspection_cost`` per
inspection; its mixed equilibrium comes from :func:`bargain.equilibria`.

References
----------
D. Monderer and L. S. Shapley (1996), "Potential games", *Games and Economic Behavior* 14(1): 124-143.

B. von Stengel and S. Zamir (2010), "Leadership games with convex strategy sets", *Games and
Economic Behavior* 69(2): 446-457.

G. Tsebelis (1989), "The abuse of probability in political analysis: the Robinson Crusoe fallacy",
*American Political Science Review* 83(1): 77-91.

Examples
--------
>>> from bargain.models.committee import Model
>>> m = Model()
>>> m.attitudes("targeted")                     # "batch to point" inspection at the calibrated budget
{'aligned_capable': ('active', 'active'), 'aligned_limited': ('passive', 'passive'),
'misaligned_capable': ('symbolic', 'symbolic'), 'misaligned_limited': ('resistant', 'resistant')}
>>> m.office_policy("dual")
OfficePolicy(dual, pessimistic; inspection aligned_limited_1 0.2781, aligned_limited_2 0.2781,
misaligned_capable_1 0.1906, misaligned_capable_2 0.1906; spent 0.9375 of 1 (least 0.875, not attained);
work 6; not active 0.25; safe True; attitudes: active 2, passive 4, resistant 2)
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bargain._validation import check_choice, check_real
from bargain.equilibria.nash import equilibria
from bargain.equilibria.pure import pure_equilibria
from bargain.errors import InvalidArgumentError
from bargain.game import Game
from bargain.models import param, validate

__all__ = [
    "ACTIONS",
    "ATTITUDES",
    "DESCRIPTION",
    "Model",
    "OfficePolicy",
    "QUADRANTS",
    "SEED",
    "SELECTIONS",
    "TOOLKITS",
    "TOOLKIT_TOOLS",
    "cell",
]

DESCRIPTION = "Safety committee office and member units: goal x capability, inspection under a budget, loose coupling."
SEED = "002_7426c1782304094a.txt"

#: The units' actions, in strategy order.
ACTIONS = ("Active", "Perfunctory", "Shirk")

#: The quadrants of the goal x capability grid, in unit order: (goal, capability) high/high,
#: high/low, low/high, low/low.
QUADRANTS = ("aligned_capable", "aligned_limited", "misaligned_capable", "misaligned_limited")

#: The office's toolkits: which instruments it has (see :data:`TOOLKIT_TOOLS`).
TOOLKITS = ("bureaucracy", "hierarchy", "targeted", "network", "dual")

#: For each toolkit: (inspection: "none" | "uniform" | "targeted", penalty: "none" | "notice" |
#: "assessment", high-frequency interaction: bool).
TOOLKIT_TOOLS = {
    "bureaucracy": ("none", "none", False),
    "hierarchy": ("uniform", "assessment", False),
    "targeted": ("targeted", "assessment", False),
    "network": ("targeted", "notice", True),
    "dual": ("targeted", "assessment", True),
}

#: The equilibrium selection rules for the followers' game.
SELECTIONS = ("pessimistic", "optimistic")

#: The attitudes a unit can show, from most to least cooperative.
ATTITUDES = ("active", "passive", "symbolic", "resistant")

#: Total work within this much of the safety threshold counts as reaching it (rounding only).
THRESHOLD_TOL = 1e-9

#: Costs within this much of the budget count as equal to it (rounding only; see office_policy).
BUDGET_TOL = 1e-9

#: Critical intensities closer than this are merged (rounding only).
CRITICAL_DECIMALS = 12


def _round_up(x: float) -> float:
    """``x`` on the grid of :data:`CRITICAL_DECIMALS` decimals, never below it by more than rounding.

    A value that is a decimal of at most that many places (0.35) is kept as it is; any other
    (1/12) goes to the grid point above, so that at the rounded intensity the unit's best response
    is already the one the intensity is meant to buy, however small its payoff differences.
    """
    scaled = x * 10**CRITICAL_DECIMALS
    nearest = round(scaled)
    if abs(scaled - nearest) <= 1e-3:
        return nearest / 10**CRITICAL_DECIMALS
    return math.ceil(scaled) / 10**CRITICAL_DECIMALS

#: The office's strategies in the bilateral inspection game.
OFFICE_ACTIONS = ("Inspect", "Skip")


@dataclass(frozen=True, eq=False, repr=False)
class OfficePolicy:
    """The office's optimal policy for one toolkit and selection rule, with the units' equilibrium.

    Attributes
    ----------
    toolkit : str
        One of :data:`TOOLKITS`.
    selection : str
        ``"pessimistic"`` or ``"optimistic"``: which of the units' pure equilibria the office expects.
    budget : float
        The inspection budget the policy respects (expected inspections per round).
    inspection : dict
        Unit -> the inspection intensity the office commits to; the reported equilibrium is one of
        the units' game at exactly these intensities.
    spent : float
        ``Σ_i p_i`` at these intensities: expected inspections per round, at most ``budget``.
    min_cost : float
        The least cost of intensities that give the same equilibria (see
        :meth:`Model.candidate_policies`); when ``attained`` is False it is an infimum that no
        policy reaches, and the budget must exceed it strictly.
    attained : bool
        Whether ``min_cost`` is attained (every intensity is 0 or a critical intensity).
    profile : dict
        Unit -> its action in the selected equilibrium.
    attitudes : dict
        Unit -> its attitude (see :data:`ATTITUDES`).
    work : float
        Work done in the selected equilibrium, ``Σ_j x(a_j)`` (the office's objective).
    share_not_active : float
        Share of units not Active: the degree of loose coupling.
    safe : bool
        Whether the work done reaches the safety threshold.
    n_equilibria : int
        Number of pure equilibria of the units' game under the policy.
    """

    toolkit: str
    selection: str
    budget: float
    inspection: dict
    spent: float
    min_cost: float
    attained: bool
    profile: dict
    attitudes: dict
    work: float
    share_not_active: float
    safe: bool
    n_equilibria: int

    def __repr__(self) -> str:
        inspection = ", ".join(f"{u} {p:.4g}" for u, p in self.inspection.items() if p > 0) or "none"
        counts = {a: sum(1 for v in self.attitudes.values() if v == a) for a in ATTITUDES}
        shown = ", ".join(f"{a} {k}" for a, k in counts.items() if k)
        return (
            f"OfficePolicy({self.toolkit}, {self.selection}; inspection {inspection}; spent {self.spent:.4g} "
            f"of {self.budget:.4g} (least {self.min_cost:.4g}{'' if self.attained else ', not attained'}); work {self.work:.4g}; not active {self.share_not_active:.4g}; "
            f"safe {self.safe}; attitudes: {shown})"
        )


@dataclass(frozen=True)
class Model:
    """Member units of a safety-production committee facing its office (seed 002).

    Parameters
    ----------
    units_per_type : int, default 2
        Member units in each quadrant of the goal x capability grid; ``N = 4 units_per_type``.
    goal_high, goal_low : float, default 0.8, 0.2
        Goal alignment of the aligned and the misaligned units, in [0, 1]: the share of the
        committee's safety goal that is also the unit's own goal. ``goal_low <= goal_high``.
    capability_high, capability_low : float, default 1.0, 0.5
        Capability of the capable and the limited units, in (0, 1]: effort costs ``c / k``.
        ``capability_low <= capability_high``.
    goal_benefit : float, default 2.0
        ``b``: what a fully aligned unit gains from its own full effort (its own mandate advanced).
    effort_cost : float, default 1.0
        ``c``: the cost of full effort at full capability (the unit of payoffs).
    perfunctory_share : float, default 0.3
        ``s``: the share of the work (and of its cost) that perfunctory work does, in (0, 1).
    perfunctory_detection : float, default 0.4
        ``d_P``: the probability that an inspection exposes perfunctory work, in [0, 1].
    safety_value : float, default 1.0
        ``V``: what a fully aligned unit gains when the shared safety outcome is secured.
    safety_threshold : float, default 0.5
        ``θ``: the shared outcome is secured when the work done reaches ``θ N``, in (0, 1].
    assessment_penalty : float, default 2.0
        ``F``: the assessment penalty on an exposed unit when the office has the committee's
        authority (hierarchy, dual toolkits).
    notice_penalty : float, default 0.5
        The penalty the office can impose by itself (a public notice) in the network toolkit.
    interaction : float, default 0.25
        ``η``: how far high-frequency interaction closes the gap to full alignment, in [0, 1].
    budget : float, default 1.0
        The office's inspection budget, in expected inspections per round (``Σ_i p_i``).
    inspection_cost : float, default 0.25
        The office's cost of one inspection, in units of one unit's full work (used where the
        office cannot commit and inspection is random: :meth:`inspection_game`).

    Raises
    ------
    bargain.errors.InvalidArgumentError
        If a parameter is outside its range, ``goal_low > goal_high`` or
        ``capability_low > capability_high``.

    Examples
    --------
    >>> from bargain.models.committee import Model
    >>> Model(goal_low=0.9)
    Traceback (most recent call last):
        ...
    bargain.errors.InvalidArgumentError: goal_low must be <= goal_high; got goal_low=0.9, goal_high=0.8
    """

    units_per_type: int = param(
        2, lo=1, hi=3,
        meaning="member units in each quadrant of the goal x capability grid (N = 4 x this)",
        source="seed 002: 'comparisons were made between different types of entities ... based on the "
        "two-dimensional framework of goals and capabilities'",
    )
    goal_high: float = param(
        0.8, lo=0, hi=1,
        meaning="goal alignment of aligned units: share of the committee's goal that is the unit's own",
        source="seed 002: 'limited cohesion between departmental goals and overall goals'",
    )
    goal_low: float = param(
        0.2, lo=0, hi=1,
        meaning="goal alignment of misaligned units",
        source="seed 002: 'limited cohesion between departmental goals and overall goals'",
    )
    capability_high: float = param(
        1.0, lo=0, hi=1, lo_open=True,
        meaning="capability of capable units (effort costs effort_cost / capability)",
        source="seed 002: 'complementary improvement of departmental resources'",
    )
    capability_low: float = param(
        0.5, lo=0, hi=1, lo_open=True,
        meaning="capability of limited units",
        source="seed 002: 'complementary improvement of departmental resources'",
    )
    goal_benefit: float = param(
        2.0, lo=0, hi=math.inf,
        meaning="gain to a fully aligned unit from its own full effort (in effort costs)",
        source="seed 002: 'goal and task driven' (calibration: aligned capable units are active unprompted)",
    )
    effort_cost: float = param(
        1.0, lo=0, hi=math.inf, lo_open=True,
        meaning="cost of full effort at full capability (the payoff unit)",
        source="seed 002: 'a lack of endogenous motivation to promote inter departmental collaborative governance'",
    )
    perfunctory_share: float = param(
        0.3, lo=0, hi=1, lo_open=True, hi_open=True,
        meaning="share of the work, and of its cost, that perfunctory (symbolic) work does",
        source="seed 002: 'different cooperative attitudes'; 'the original bureaucratic inertia is still "
        "difficult to overcome'",
    )
    perfunctory_detection: float = param(
        0.4, lo=0, hi=1,
        meaning="probability that an inspection exposes perfunctory work",
        source="seed 002: the office works through 'inspection' (calibration: paper compliance is hard to see)",
    )
    safety_value: float = param(
        1.0, lo=0, hi=math.inf,
        meaning="gain to a fully aligned unit when the shared safety outcome is secured",
        source="seed 002: 'the work of the Safety Production Committee in T City'",
    )
    safety_threshold: float = param(
        0.5, lo=0, hi=1, lo_open=True,
        meaning="share of the units' full work needed to secure the shared safety outcome",
        source="seed 002: 'horizontal coordination ... to improve the segmentation caused by bureaucracy'",
    )
    assessment_penalty: float = param(
        2.0, lo=0, hi=math.inf,
        meaning="assessment penalty on an exposed unit under the committee's authority (in effort costs)",
        source="seed 002: 'administrative power, goal and task driven and assessment'; 'authoritative "
        "influence, task responsibility, and pressure transmission'",
    )
    notice_penalty: float = param(
        0.5, lo=0, hi=math.inf,
        meaning="penalty the office can impose by itself (a public notice), without assessment power",
        source="seed 002: the office communicates 'in a networked way' (calibration: a quarter of the "
        "assessment penalty)",
    )
    interaction: float = param(
        0.25, lo=0, hi=1,
        meaning="share of the gap to full goal alignment closed by high-frequency interaction",
        source="seed 002: 'the Office ... can communicate the governance goals in a networked way through "
        "... \"high-frequency interaction\"'",
    )
    budget: float = param(
        1.0, lo=0, hi=math.inf,
        meaning="the office's inspection budget, in expected inspections per round",
        source="seed 002: the office's 'inspection' (calibration: one inspection per round for eight units)",
    )
    inspection_cost: float = param(
        0.25, lo=0, hi=math.inf, lo_open=True,
        meaning="the office's cost of one inspection, in units of one unit's full work",
        source="seed 002: 'inspection' (used where the office cannot commit and inspection is random)",
    )

    def __post_init__(self) -> None:
        validate(self)
        if self.goal_low > self.goal_high:
            raise InvalidArgumentError(
                f"goal_low must be <= goal_high; got goal_low={self.goal_low!r}, goal_high={self.goal_high!r}"
            )
        if self.capability_low > self.capability_high:
            raise InvalidArgumentError(
                "capability_low must be <= capability_high; got "
                f"capability_low={self.capability_low!r}, capability_high={self.capability_high!r}"
            )

    # ------------------------------------------------------------------ units
    @property
    def n_units(self) -> int:
        """Number of member units, ``4 * units_per_type``."""
        return 4 * int(self.units_per_type)

    @property
    def units(self) -> tuple[str, ...]:
        """The units' names (the players), quadrant by quadrant: ``aligned_capable_1``, ..."""
        n = int(self.units_per_type)
        return tuple(f"{q}_{j + 1}" for q in QUADRANTS for j in range(n))

    def quadrant_of(self, unit: str) -> str:
        """The quadrant a unit belongs to.

        Raises
        ------
        bargain.errors.InvalidArgumentError
            If ``unit`` is not one of :attr:`units`.
        """
        check_choice("unit", unit, self.units)
        return QUADRANTS[self.units.index(unit) // int(self.units_per_type)]

    def quadrant_traits(self) -> dict:
        """Quadrant -> ``(goal alignment, capability)``."""
        goals = (self.goal_high, self.goal_high, self.goal_low, self.goal_low)
        capabilities = (self.capability_high, self.capability_low, self.capability_high, self.capability_low)
        return {q: (float(g), float(k)) for q, g, k in zip(QUADRANTS, goals, capabilities)}

    def _alignment(self, toolkit: str) -> np.ndarray:
        """Effective goal alignment of each quadrant under ``toolkit`` (interaction raises it)."""
        goals = np.array([g for g, _ in self.quadrant_traits().values()])
        eta = self.interaction if TOOLKIT_TOOLS[toolkit][2] else 0.0
        return goals + eta * (1.0 - goals)

    def _penalty(self, toolkit: str) -> float:
        kind = TOOLKIT_TOOLS[toolkit][1]
        return {"none": 0.0, "notice": float(self.notice_penalty), "assessment": float(self.assessment_penalty)}[kind]

    def _own_payoffs(self, toolkit: str, inspection: np.ndarray) -> np.ndarray:
        """Array (4, 3): the part of a unit's payoff that depends only on its own action, per quadrant."""
        s, d_p = self.perfunctory_share, self.perfunctory_detection
        work = np.array([1.0, s, 0.0])
        exposed = np.array([0.0, d_p, 1.0])
        capability = np.array([k for _, k in self.quadrant_traits().values()])
        motive = self._alignment(toolkit) * self.goal_benefit - self.effort_cost / capability
        return motive[:, None] * work[None, :] - (inspection * self._penalty(toolkit))[:, None] * exposed[None, :]

    # ------------------------------------------------------------------ games
    def units_game(self, inspection=0.0, *, toolkit: str = "dual") -> Game:
        """The N-unit game when the office inspects with the given intensities.

        Parameters
        ----------
        inspection : float, flat sequence or mapping
            Inspection probabilities in [0, 1]: one number for every unit, four numbers (one per
            quadrant, :data:`QUADRANTS` order), ``N`` numbers (one per unit, :attr:`units` order), or
            a mapping from every quadrant or from every unit to a number.
        toolkit : str, default "dual"
            One of :data:`TOOLKITS`; it fixes the penalty and whether interaction raises
            alignment. ``bureaucracy`` needs zero inspection, ``hierarchy`` a uniform one.

        Returns
        -------
        Game
            Players :attr:`units`, each with strategies :data:`ACTIONS`.

        Raises
        ------
        bargain.errors.InvalidArgumentError
            If an intensity is outside [0, 1], or the intensities do not fit the toolkit.

        Examples
        --------
        >>> from bargain.models.committee import Model
        >>> g = Model(units_per_type=1).units_game(0.5, toolkit="hierarchy")
        >>> g.players
        ('aligned_capable_1', 'aligned_limited_1', 'misaligned_capable_1', 'misaligned_limited_1')
        >>> float(g.payoffs[3][2, 2, 2, 2])      # a misaligned limited unit shirking, found out half the time
        -1.0
        """
        toolkit = check_choice("toolkit", toolkit, TOOLKITS)
        p = self._check_inspection(inspection, toolkit)
        n, N = int(self.units_per_type), self.n_units
        exposed = np.array([0.0, self.perfunctory_detection, 1.0])
        own = np.repeat(self._own_payoffs(toolkit, np.zeros(4)), n, axis=0)             # (N, 3), uninspected
        own = own - (p * self._penalty(toolkit))[:, None] * exposed[None, :]
        alignment = np.repeat(self._alignment(toolkit), n)
        safe = _safe(N, float(self.perfunctory_share), float(self.safety_threshold))
        payoffs = (alignment * self.safety_value).reshape((N,) + (1,) * N) * safe
        for i in range(N):
            payoffs[i] += own[i].reshape(_axis_shape(N, i))
        return Game(payoffs, players=self.units, strategies=(ACTIONS,) * N)

    def stage_game(self) -> Game:
        """The units' game under the office's optimal policy (``dual`` toolkit, pessimistic selection).

        The office's intensities are those :meth:`office_policy` reports (within the budget); the
        equilibrium it reports is one of this game's.

        Examples
        --------
        >>> from bargain.models.committee import Model
        >>> Model(units_per_type=1).stage_game().shape
        (3, 3, 3, 3)
        """
        policy = self.office_policy("dual", "pessimistic")
        return self.units_game([policy.inspection[u] for u in self.units], toolkit="dual")

    def inspection_game(self, quadrant: str, *, toolkit: str = "dual") -> Game:
        """The bilateral inspection game of the office against one unit, when it cannot commit.

        The office chooses ``Inspect`` or ``Skip`` at the same time as the unit chooses its
        action. The unit gets ``(ĝ b - c / k) x(a) - F d(a)`` if inspected and ``(ĝ b - c / k) x(a)``
        otherwise (the shared outcome is left out: one unit alone is not pivotal). The office gets
        the work done, counting the shortfall ``1 - x(a)`` as rectified when an inspection exposes
        it, minus ``inspection_cost`` per inspection.

        Parameters
        ----------
        quadrant : str
            One of :data:`QUADRANTS`.
        toolkit : str, default "dual"
            Fixes the penalty and the interaction (``bureaucracy`` has no penalty).

        Returns
        -------
        Game
            Players ``("Office", <quadrant>)``; strategies ``("Inspect", "Skip")`` and :data:`ACTIONS`.

        Examples
        --------
        >>> import bargain as bg
        >>> from bargain.models.committee import Model
        >>> eq = bg.equilibria(Model().inspection_game("misaligned_capable"))[0]
        >>> [round(float(v), 4) for v in eq.profile[1]]       # Active, Perfunctory, Shirk
        [0.1071, 0.8929, 0.0]
        """
        toolkit = check_choice("toolkit", toolkit, TOOLKITS)
        q = QUADRANTS.index(check_choice("quadrant", quadrant, QUADRANTS))
        s, d_p = self.perfunctory_share, self.perfunctory_detection
        work = np.array([1.0, s, 0.0])
        exposed = np.array([0.0, d_p, 1.0])
        own = self._own_payoffs(toolkit, np.zeros(4))[q]
        penalty = self._penalty(toolkit)
        unit = np.stack([own - penalty * exposed, own])                                   # rows: Inspect, Skip
        office = np.stack([work + (1 - work) * exposed - self.inspection_cost, work])
        return Game.bimatrix(office, unit, players=("Office", quadrant), strategies=(OFFICE_ACTIONS, ACTIONS))

    def inspection_equilibrium(self, quadrant: str, *, toolkit: str = "dual") -> dict:
        """The equilibrium of :meth:`inspection_game` where inspection is random.

        Returns
        -------
        dict
            ``inspect`` (the office's inspection probability), ``active``, ``perfunctory``,
            ``shirk`` (the unit's probabilities), ``office_payoff``, ``unit_payoff`` and
            ``n_equilibria``. When the game has several equilibria (degenerate parameters) the
            one with the least Active play is reported.

        Examples
        --------
        >>> from bargain.models.committee import Model
        >>> e = Model().inspection_equilibrium("misaligned_capable")
        >>> round(e["inspect"], 4), round(e["active"], 4)
        (0.175, 0.1071)
        """
        found = equilibria(self.inspection_game(quadrant, toolkit=toolkit))
        eq = min(found, key=lambda e: (float(e.profile[1][0]), -float(e.profile[1][2])))
        office, unit = eq.profile
        return {
            "inspect": float(office[0]),
            "active": float(unit[0]),
            "perfunctory": float(unit[1]),
            "shirk": float(unit[2]),
            "office_payoff": float(eq.payoffs[0]),
            "unit_payoff": float(eq.payoffs[1]),
            "n_equilibria": len(found),
        }

    def random_inspection(self, toolkit: str = "targeted") -> dict:
        """The committee when the office cannot commit: every unit in its own inspection game.

        Each unit plays :meth:`inspection_equilibrium` against the office (the shared outcome is
        left out of each bilateral game); units mix independently.

        Returns
        -------
        dict
            ``spent`` (expected inspections per round, ``Σ_i Pr[Inspect i]``), ``work`` (expected
            work done), ``share_not_active`` (expected share of units not Active), ``p_safe`` (the
            probability that the work reaches the safety threshold) and, per quadrant ``q``,
            ``inspect_<q>`` and ``active_<q>``.

        Examples
        --------
        >>> from bargain.models.committee import Model
        >>> out = Model().random_inspection()
        >>> round(out["spent"], 4), round(out["work"], 4)
        (3.75, 4.1)
        """
        toolkit = check_choice("toolkit", toolkit, TOOLKITS)
        n = int(self.units_per_type)
        work = np.array([1.0, self.perfunctory_share, 0.0])
        out = {"spent": 0.0, "work": 0.0, "share_not_active": 0.0, "p_safe": 0.0}
        mixes = []
        for q in QUADRANTS:
            e = self.inspection_equilibrium(q, toolkit=toolkit)
            mix = np.array([e["active"], e["perfunctory"], e["shirk"]])
            mixes += [mix] * n
            out["spent"] += n * e["inspect"]
            out["work"] += n * float(mix @ work)
            out["share_not_active"] += n * (1.0 - e["active"]) / self.n_units
            out[f"inspect_{q}"] = e["inspect"]
            out[f"active_{q}"] = e["active"]
        # the distribution of total work: convolve the units' independent mixtures over work levels
        levels = {0.0: 1.0}
        for mix in mixes:
            step: dict = {}
            for total, prob in levels.items():
                for x, p in zip(work, mix):
                    if p > 0:
                        key = round(total + x, CRITICAL_DECIMALS)
                        step[key] = step.get(key, 0.0) + prob * p
            levels = step
        threshold = self.safety_threshold * self.n_units - THRESHOLD_TOL
        out["p_safe"] = float(sum(p for total, p in levels.items() if total >= threshold))
        return out

    # ------------------------------------------------------------------ the office's problem
    def critical_intensities(self, quadrant: str, *, toolkit: str = "dual") -> tuple[float, ...]:
        """The inspection intensities in [0, 1] at which a unit of ``quadrant`` can switch its best response.

        For actions ``a`` doing more work than ``a'``, ``u_i(a) - u_i(a')`` is
        ``(ĝ b - c/k)(x(a) - x(a')) + ĝ V δ + p F (d(a') - d(a))`` with ``δ`` in ``{0, 1}`` (whether
        the switch secures the shared outcome); each zero in ``p`` is a critical intensity.

        Raises
        ------
        bargain.errors.InvalidArgumentError
            If ``quadrant`` or ``toolkit`` is unknown.

        Examples
        --------
        >>> from bargain.models.committee import Model
        >>> Model().critical_intensities("misaligned_limited", toolkit="hierarchy")
        (0.233333, 0.4, 0.7, 0.8)
        """
        toolkit = check_choice("toolkit", toolkit, TOOLKITS)
        q = QUADRANTS.index(check_choice("quadrant", quadrant, QUADRANTS))
        return tuple(float(round(c, 6)) for c in self._critical(toolkit)[q])

    def _critical(self, toolkit: str) -> list[list[float]]:
        s, d_p = self.perfunctory_share, self.perfunctory_detection
        work = (1.0, s, 0.0)
        exposed = (0.0, d_p, 1.0)
        penalty = self._penalty(toolkit)
        alignment = self._alignment(toolkit)
        capability = [k for _, k in self.quadrant_traits().values()]
        out = []
        for q in range(4):
            motive = alignment[q] * self.goal_benefit - self.effort_cost / capability[q]
            found = set()
            for a, b in ((0, 1), (0, 2), (1, 2)):
                slope = penalty * (exposed[b] - exposed[a])
                if slope == 0:
                    continue
                for delta in (0.0, 1.0):
                    level = motive * (work[a] - work[b]) + alignment[q] * self.safety_value * delta
                    c = _round_up(-level / slope)
                    if 0 <= c <= 1:
                        found.add(c + 0.0)
            out.append(sorted(found))
        return out

    def candidate_policies(self, toolkit: str = "dual", selection: str = "pessimistic") -> tuple[dict, ...]:
        """Every policy the office need consider under a selection rule, evaluated.

        A unit's best responses change only at its critical intensities
        (:meth:`critical_intensities`), so the set of pure equilibria is constant while every
        unit's intensity stays inside one *option*: the point 0, a critical intensity, or an open
        interval between consecutive ones. At a critical intensity a unit's best responses include
        those on both sides (they are the maxima of affine functions), so the equilibria there
        include those of both neighbouring intervals. Hence a pessimistic office never gains by
        inspecting *at* a critical intensity (the interval below is cheaper and no worse) and its
        options are 0 and the open intervals; an optimistic office never gains by inspecting
        *inside* an interval (its lower end is cheaper and no worse) and its options are 0 and
        the critical intensities. Under targeted toolkits every unit gets its own option (units of
        one quadrant are interchangeable, so only the multiset of their options matters); under
        uniform inspection all units share one. The units' game is solved once per candidate with
        :func:`bargain.pure_equilibria`, at the interval's midpoint or at the point.

        Parameters
        ----------
        toolkit : str, default "dual"
        selection : {"pessimistic", "optimistic"}, default "pessimistic"

        Returns
        -------
        tuple of dict
            Fresh dicts, in a deterministic order, each with ``lower`` (per unit: the point, or the
            open interval's lower end), ``upper`` (per unit: the point, or the interval's upper
            end), ``open`` (per unit: whether the option is an open interval), ``min_cost``
            (``Σ_i lower_i``: the cost of the policy if every option is a point, its infimum, not
            attained, otherwise), ``profile`` (the selected equilibrium, action indices) and
            ``n_equilibria``.

        Examples
        --------
        >>> from bargain.models.committee import Model
        >>> len(Model(units_per_type=1).candidate_policies("targeted"))
        120
        """
        toolkit = check_choice("toolkit", toolkit, TOOLKITS)
        selection = check_choice("selection", selection, SELECTIONS)
        out = []
        for c in _candidates(self, toolkit, selection):
            profile, n_equilibria = _solve(self, toolkit, selection, c.inside)
            out.append({"lower": c.lower, "upper": c.upper, "open": c.open, "min_cost": c.min_cost,
                        "profile": profile, "n_equilibria": n_equilibria})
        return tuple(out)

    def office_policy(self, toolkit: str = "dual", selection: str = "pessimistic", *, budget=None) -> OfficePolicy:
        """The office's optimal commitment under a toolkit, and the units' equilibrium it leads to.

        The office maximises the work done in the selected equilibrium among the candidate
        policies (:meth:`candidate_policies`) it can afford: a policy of points needs
        ``min_cost <= budget``; a policy with an open interval costs more than ``min_cost``, so it
        needs ``min_cost < budget`` strictly. Ties go to the cheaper policy, then to the first in
        candidate order. Candidates are solved lazily, most promising first, and one whose upper bound
        on the work cannot beat the best found is never solved (each unit does at most the most work
        that can be a best response at its intensity, and the total stays below ``θ N + 1`` wherever a
        unit does more than it would if its work decided nothing). The reported intensities are a point of the chosen policy within the
        budget (inside each open interval: its lower end plus the smaller of half its width and
        an equal share of half the unspent budget), and the reported equilibrium is selected among
        the pure equilibria of the units' game solved *at those intensities*.

        Parameters
        ----------
        toolkit : str, default "dual"
            One of :data:`TOOLKITS`.
        selection : {"pessimistic", "optimistic"}, default "pessimistic"
            Which of the units' equilibria the office expects: the worst for it (least work, then
            fewest Active units) or the best.
        budget : float, optional
            Overrides the model's ``budget`` (expected inspections per round, >= 0).

        Returns
        -------
        OfficePolicy

        Examples
        --------
        >>> from bargain.models.committee import Model
        >>> p = Model().office_policy("hierarchy", budget=8)
        >>> p.profile["misaligned_limited_1"], round(p.share_not_active, 3), p.spent <= 8
        ('Perfunctory', 0.25, True)
        """
        toolkit = check_choice("toolkit", toolkit, TOOLKITS)
        selection = check_choice("selection", selection, SELECTIONS)
        budget = self.budget if budget is None else check_real("budget", budget)
        if budget < 0:
            raise InvalidArgumentError(f"budget must be >= 0; got {budget!r}")
        work = np.array([1.0, self.perfunctory_share, 0.0])
        candidates = _candidates(self, toolkit, selection)
        affordable = [
            j for j, cand in enumerate(candidates)
            if (cand.min_cost < budget - BUDGET_TOL if any(cand.open) else cand.min_cost <= budget + BUDGET_TOL)
        ]
        # most promising first: a candidate whose bound on the work (see _unit_bound) is below the best
        # found cannot win, nor can one that at most ties in work but loses the tie (costs more, or as
        # much and comes later in candidate order)
        best, best_key = None, None
        for j in sorted(affordable, key=lambda j: (-candidates[j].bound, candidates[j].min_cost, j)):
            cand = candidates[j]
            if best_key is not None:
                if cand.bound < best_key[0]:
                    break
                if cand.bound == best_key[0] and (-cand.min_cost, -j) < best_key[1:]:
                    continue
            profile, _ = _solve(self, toolkit, selection, cand.inside)
            # work compared to 1e-9: the same actions summed in another order may differ in the last bit
            key = (round(float(work[list(profile)].sum()), 9), -cand.min_cost, -j)
            if best_key is None or key > best_key:
                best, best_key = cand, key
        return self._policy(toolkit, selection, float(budget), best)

    def attitudes(self, toolkit: str = "dual", selection: str = "pessimistic", *, budget=None) -> dict:
        """Quadrant -> the attitudes of its units under the office's optimal policy.

        Returns
        -------
        dict
            Quadrant -> tuple of attitudes (one per unit of that quadrant).

        Examples
        --------
        >>> from bargain.models.committee import Model
        >>> Model().attitudes("bureaucracy")["aligned_capable"]
        ('active', 'active')
        """
        policy = self.office_policy(toolkit, selection, budget=budget)
        return {q: tuple(policy.attitudes[u] for u in self.units if self.quadrant_of(u) == q) for q in QUADRANTS}

    def _policy(self, toolkit, selection, budget, cand) -> OfficePolicy:
        lower, upper = np.array(cand.lower), np.array(cand.upper)
        is_open = np.array(cand.open)
        p = lower.copy()
        if is_open.any():
            share = (budget - cand.min_cost) / (2 * int(is_open.sum()))
            p[is_open] = lower[is_open] + np.minimum((upper[is_open] - lower[is_open]) / 2, share)
        found = pure_equilibria(self.units_game(p, toolkit=toolkit))
        profile = _select([tuple(int(np.argmax(s)) for s in eq.profile) for eq in found],
                          self.perfunctory_share, selection)
        baseline = _solve(self, "bureaucracy", selection, _candidates(self, "bureaucracy", selection)[0].inside)[0]
        work = np.array([1.0, self.perfunctory_share, 0.0])
        total = float(work[list(profile)].sum())
        return OfficePolicy(
            toolkit=toolkit,
            selection=selection,
            budget=budget,
            inspection={u: float(v) for u, v in zip(self.units, p)},
            spent=float(p.sum()),
            min_cost=float(cand.min_cost),
            attained=not bool(is_open.any()),
            profile={u: ACTIONS[a] for u, a in zip(self.units, profile)},
            attitudes={u: _attitude(a, b) for u, a, b in zip(self.units, profile, baseline)},
            work=total,
            share_not_active=float(np.mean([a != 0 for a in profile])),
            safe=bool(total >= self.safety_threshold * self.n_units - THRESHOLD_TOL),
            n_equilibria=len(found),
        )

    def _check_inspection(self, inspection, toolkit: str) -> np.ndarray:
        """Per-unit intensities (array of N) from one number, 4 (per quadrant), N (per unit) or a mapping."""
        n = int(self.units_per_type)
        if isinstance(inspection, Mapping):
            if all(key in QUADRANTS for key in inspection):
                names, per = QUADRANTS, n
            elif all(key in self.units for key in inspection):
                names, per = self.units, 1
            else:
                unknown = next((k for k in inspection if k not in QUADRANTS and k not in self.units), None)
                if unknown is None:
                    raise InvalidArgumentError(
                        f"inspection keys must be all quadrants or all units; got a mix {list(inspection)}"
                    )
                raise InvalidArgumentError(
                    f"inspection keys must be quadrants {list(QUADRANTS)} or units; got {unknown!r}"
                    + _did_you_mean(unknown, QUADRANTS + self.units)
                )
            missing = [k for k in names if k not in inspection]
            if missing:
                raise InvalidArgumentError(f"inspection must give every quadrant or every unit; missing {missing}")
            values = [inspection[k] for k in names for _ in range(per)]
        elif isinstance(inspection, Sequence | np.ndarray) and not isinstance(inspection, str):
            if isinstance(inspection, np.ndarray) and inspection.ndim != 1:
                raise InvalidArgumentError(
                    f"inspection must be one number or a flat sequence; got an array of shape {inspection.shape}"
                )
            values = list(inspection)
            if len(values) == 4:
                values = [v for v in values for _ in range(n)]
            elif len(values) != self.n_units:
                raise InvalidArgumentError(
                    f"inspection must be one number, four (one per quadrant) or {self.n_units} (one per unit); "
                    f"got {len(values)}"
                )
        else:
            values = [inspection] * self.n_units
        p = np.array([check_real("inspection", v) for v in values])
        if (p < 0).any() or (p > 1).any():
            raise InvalidArgumentError(f"inspection must be in [0, 1]; got {p.tolist()}")
        kind = TOOLKIT_TOOLS[toolkit][0]
        if kind == "none" and p.any():
            raise InvalidArgumentError(f"toolkit 'bureaucracy' has no inspection; got inspection {p.tolist()}")
        if kind == "uniform" and np.ptp(p) > 0:
            raise InvalidArgumentError(
                f"toolkit 'hierarchy' inspects every unit alike; got different intensities {p.tolist()}"
            )
        return p


def _did_you_mean(word: str, options) -> str:
    import difflib

    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _axis_shape(n: int, i: int) -> tuple[int, ...]:
    shape = [1] * n
    shape[i] = 3
    return tuple(shape)


@functools.lru_cache(maxsize=16)
def _safe(n_units: int, share: float, threshold: float) -> np.ndarray:
    """Read-only array ``(3,) * N``: 1 where the profile's work reaches the safety threshold."""
    work = np.array([1.0, share, 0.0])
    total = np.zeros((3,) * n_units)
    for i in range(n_units):
        total = total + work.reshape(_axis_shape(n_units, i))
    safe = (total >= threshold * n_units - THRESHOLD_TOL).astype(float)
    safe.flags.writeable = False
    return safe


def _attitude(action: int, baseline: int) -> str:
    if action == 0:
        return "active" if baseline == 0 else "passive"
    return "symbolic" if action == 1 else "resistant"


def _select(profiles: list, share: float, selection: str) -> tuple:
    """The worst (pessimistic) or best (optimistic) profile for the office: work, then Active units."""
    work = (1.0, share, 0.0)
    keys = [(sum(work[a] for a in pr), sum(a == 0 for a in pr)) for pr in profiles]
    pick = min if selection == "pessimistic" else max
    return profiles[pick(range(len(profiles)), key=lambda j: keys[j])]


def _options(critical: Sequence[float], selection: str) -> list[tuple[float, float, bool]]:
    """A unit's inspection options ``(lower, upper, open)`` under a selection rule (see candidate_policies)."""
    inside = sorted(c for c in critical if 0 < c <= 1)
    if selection == "optimistic":
        return [(0.0, 0.0, False)] + [(c, c, False) for c in inside]
    cuts = [0.0, *inside]
    if cuts[-1] < 1:
        cuts.append(1.0)
    out = [(0.0, 0.0, False)]
    for lo, hi in zip(cuts, cuts[1:]):
        if lo == 0.0 and 0.0 not in critical:
            continue                                   # [0, first cut) has the equilibria of the point 0
        out.append((lo, hi, True))
    return out


@dataclass(frozen=True)
class _Candidate:
    lower: tuple
    upper: tuple
    open: tuple
    min_cost: float
    inside: tuple          # where the units' game is solved: the point, or the open interval's midpoint
    bound: float           # an upper bound on the work in any pure equilibrium there (see _unit_bound)


@functools.lru_cache(maxsize=64)
def _candidates(model: Model, toolkit: str, selection: str) -> tuple[_Candidate, ...]:
    """The candidate policies in candidate order, not yet solved (see Model.candidate_policies)."""
    kind = TOOLKIT_TOOLS[toolkit][0]
    n, N = int(model.units_per_type), model.n_units
    if kind == "none":
        combos = [((0.0, 0.0, False),) * N]
    elif kind == "uniform":
        critical = sorted({c for row in model._critical(toolkit) for c in row})
        combos = [(option,) * N for option in _options(critical, selection)]
    else:
        per_quadrant = [
            list(itertools.combinations_with_replacement(_options(row, selection), n))
            for row in model._critical(toolkit)
        ]
        combos = [sum(parts, ()) for parts in itertools.product(*per_quadrant)]
    most: dict = {}                    # (quadrant, intensity) -> the unit's most work (not pivotal, pivotal)
    pivot_cap = model.safety_threshold * N + 1.0
    out = []
    for combo in combos:
        lower = tuple(o[0] for o in combo)
        upper = tuple(o[1] for o in combo)
        is_open = tuple(o[2] for o in combo)
        inside = tuple((lo + hi) / 2 if op else lo for lo, hi, op in combo)
        alone, pivotal = 0.0, 0.0
        for i, p in enumerate(inside):
            key = (i // n, p)
            if key not in most:
                most[key] = (_unit_bound(model, toolkit, i // n, p, pivotal=False),
                             _unit_bound(model, toolkit, i // n, p, pivotal=True))
            alone += most[key][0]
            pivotal += most[key][1]
        # a unit does more than its most work when not pivotal only if its work decides the shared outcome:
        # then the total work is below θ N + 1 (see _unit_bound)
        bound = min(pivotal, max(alone, pivot_cap))
        out.append(_Candidate(lower, upper, is_open, float(sum(lower)), inside, round(bound, 9)))
    return tuple(out)


@functools.lru_cache(maxsize=1 << 16)
def _solve(model: Model, toolkit: str, selection: str, inside: tuple) -> tuple[tuple, int]:
    """The selected pure equilibrium (action indices) of the units' game at ``inside``, and how many there are."""
    found = pure_equilibria(model.units_game(list(inside), toolkit=toolkit))
    profiles = [tuple(int(np.argmax(p)) for p in eq.profile) for eq in found]
    return _select(profiles, model.perfunctory_share, selection), len(found)


def _unit_bound(model: Model, toolkit: str, q: int, p: float, *, pivotal: bool) -> float:
    """The most work of a best response of a unit of quadrant ``q`` inspected with intensity ``p``.

    With ``pivotal=False`` the unit's action decides nothing (its own payoff alone): an action doing more
    work is a best response only by securing the shared outcome, so in a pure equilibrium where the unit
    does more than this, the total work lies below ``θ N + 1``. With ``pivotal=True`` the action gets the
    most it can gain from the others' actions, ``ĝ V``: ``m x(a) - p F d(a) + ĝ V >= m x(b) - p F d(b)``
    for every other action ``b`` — a bound in every equilibrium. These bounds let
    :meth:`Model.office_policy` skip candidates that cannot beat the best one found. A slack far above
    the best-response tolerance of :func:`bargain.pure_equilibria` keeps them on the safe side.
    """
    s, d_p = float(model.perfunctory_share), float(model.perfunctory_detection)
    work, exposed = (1.0, s, 0.0), (0.0, d_p, 1.0)
    penalty = model._penalty(toolkit)
    alignment = model._alignment(toolkit)[q]
    capability = [k for _, k in model.quadrant_traits().values()]
    slack = 1e-6 * (1.0 + penalty + model.goal_benefit + model.safety_value + model.effort_cost / min(capability))
    motive = alignment * model.goal_benefit - model.effort_cost / capability[q]
    bonus = alignment * model.safety_value if pivotal else 0.0
    most = 0.0
    for a in range(3):
        gains = [motive * (work[a] - work[b]) + bonus + p * penalty * (exposed[b] - exposed[a]) for b in range(3)]
        if min(gains) >= -slack:
            most = max(most, work[a])
    return most


def cell(**params) -> dict:
    """One sweep point: the office's optimal policies at these parameters, as flat outputs.

    Returns
    -------
    dict
        For each committed toolkit (``hierarchy``, ``dual``) under pessimistic selection: the work
        done, the share of units not Active and the inspections spent; and the attitude of the
        first unit of each quadrant under ``dual``.

    Examples
    --------
    >>> from bargain.models.committee import cell
    >>> out = cell(budget=0)
    >>> out["dual_share_not_active"], out["dual_spent"], out["attitude_aligned_capable"]
    (0.75, 0.0, 'active')
    """
    model = Model(**params)
    out = {}
    for toolkit in ("hierarchy", "dual"):
        policy = model.office_policy(toolkit, "pessimistic")
        out[f"{toolkit}_work"] = policy.work
        out[f"{toolkit}_share_not_active"] = policy.share_not_active
        out[f"{toolkit}_spent"] = policy.spent
    dual = model.office_policy("dual", "pessimistic")
    for q in QUADRANTS:
        out[f"attitude_{q}"] = dual.attitudes[f"{q}_1"]
    return out
