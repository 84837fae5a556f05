"""Text for records' reprs."""

from __future__ import annotations

from collections.abc import Sequence


def mixed_str(names: Sequence[str], probs, *, zero: float = 1e-12) -> str:
    """A mixed strategy as text: the strategy's name when it is pure, else ``"0.6 Up + 0.4 Down"``.

    Probabilities at most ``zero`` are left out.
    """
    parts = [(name, p) for name, p in zip(names, probs) if p > zero]
    if len(parts) == 1:
        return parts[0][0]
    return " + ".join(f"{p:.4g} {name}" for name, p in parts)
