"""Repeated games: minmax values, critical discount factors, automaton strategies, the SPE payoff set,
finitely repeated games.

Everything here is also reachable as ``bargain.repeated.<name>``.
"""

from .automata import (
    Automaton,
    Deviation,
    OneShotCheck,
    Play,
    carrot_and_stick,
    forgiving_trigger,
    grim_trigger,
    is_nash,
    is_subgame_perfect,
    play,
    tit_for_tat,
)
from .critical import CriticalDelta, critical_delta
from .finite import FiniteRepeated, finitely_repeated
from .minmax import Minmax, Polygon, feasible_set, individually_rational_set, maxmin, minmax
from .spe import PayoffSet, critical_delta_optimal, spe_payoffs, sustained_outcomes

__all__ = [
    "Automaton",
    "CriticalDelta",
    "Deviation",
    "FiniteRepeated",
    "Minmax",
    "OneShotCheck",
    "PayoffSet",
    "Play",
    "Polygon",
    "carrot_and_stick",
    "critical_delta",
    "critical_delta_optimal",
    "feasible_set",
    "finitely_repeated",
    "forgiving_trigger",
    "grim_trigger",
    "individually_rational_set",
    "is_nash",
    "is_subgame_perfect",
    "maxmin",
    "minmax",
    "play",
    "spe_payoffs",
    "sustained_outcomes",
    "tit_for_tat",
]
