"""Module-level functions swept by tests/test_sweep.py: picklable, so they run in process pools and in
a child interpreter (which imports this file as ``sweep_helpers``)."""

from __future__ import annotations

import dataclasses
import os
from typing import NamedTuple

import numpy as np

#: The parameters of every in-process call of :func:`powers`, in call order (reset by the tests).
CALLS: list[dict] = []

#: Set in a child interpreter: :func:`powers` ends the process, unfinished, at this value of ``x``.
DIE_AT = "SWEEP_HELPERS_DIE_AT"


def powers(x, y=0.0):
    """Square and cube of ``x`` plus ``y``; records the call; dies at ``x == $SWEEP_HELPERS_DIE_AT``."""
    die_at = os.environ.get(DIE_AT)
    if die_at is not None and x == float(die_at):
        os._exit(3)
    CALLS.append({"x": x, "y": y})
    return {"square": x * x + y, "cube": x**3 + y}


def draw(x, seed):
    """A uniform draw from the point's seed (and the seed itself)."""
    return {"point_seed": seed, "u": np.random.default_rng(seed).random() + 0 * x}


def reciprocal(x):
    """``1 / x``; raises ZeroDivisionError at 0 and ValueError at negative ``x``."""
    if x < 0:
        raise ValueError(f"x must be >= 0, got {x}")
    return {"inverse": 1 / x}


def pid(x):
    """The process the point ran in: worker state, used only to see where points ran."""
    return {"pid": os.getpid()}


@dataclasses.dataclass(frozen=True)
class Split:
    first: float
    second: float


def split(total, share):
    """A dataclass record."""
    return Split(first=total * share, second=total * (1 - share))


class MinMax(NamedTuple):
    low: float
    high: float


def minmax(a, b):
    """A NamedTuple record."""
    return MinMax(min(a, b), max(a, b))


def keys_vary(x):
    """Different outputs at x == 2."""
    return {"b": x} if x == 2 else {"a": x}


def not_a_mapping(x):
    return [x]


def not_a_scalar(x):
    return {"v": [x, x]}


def clashes(x):
    return {"x": x}


def fails_twice(x):
    """Raises at x = 10 (after a pause, so a pool sees it last) and at x = 90 (at once)."""
    if x == 10:
        import time

        time.sleep(0.5)
        raise ValueError("ten")
    if x == 90:
        raise ValueError("ninety")
    return {"y": x}
