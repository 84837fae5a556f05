"""Shared test fixtures: comparing sets of two-player mixed-strategy profiles up to a tolerance, and
a benchmark game used by several test modules."""

from __future__ import annotations

import numpy as np
import pytest

import bargain as bg


class ProfileSets:
    """Collections of profiles ``(x, y)`` (pairs of probability vectors) compared as sets.

    Two profiles are the same when every probability differs by at most ``atol``. Accepts an
    ``Equilibria`` result, or any iterable of pairs of vectors (floats, ints or ``Fraction``).
    """

    @staticmethod
    def of(profiles) -> list[tuple[np.ndarray, np.ndarray]]:
        out = []
        for item in profiles:
            pair = getattr(item, "profile", item)
            out.append(tuple(np.array([float(p) for p in vector]) for vector in pair))
        return out

    @classmethod
    def missing(cls, wanted, found, atol: float) -> list[tuple[np.ndarray, np.ndarray]]:
        """The profiles of ``wanted`` that match no profile of ``found``."""
        found = cls.of(found)

        def close(a, b):
            return all(u.shape == v.shape and np.abs(u - v).max() <= atol for u, v in zip(a, b))

        return [a for a in cls.of(wanted) if not any(close(a, b) for b in found)]

    @classmethod
    def distinct(cls, profiles, atol: float) -> list[tuple[np.ndarray, np.ndarray]]:
        """The profiles with repeats (within ``atol``) dropped; some peers list one profile twice."""
        out: list[tuple[np.ndarray, np.ndarray]] = []
        for profile in cls.of(profiles):
            if cls.missing([profile], out, atol):
                out.append(profile)
        return out

    @classmethod
    def assert_equal(cls, found, expected, atol: float) -> None:
        """``found`` and ``expected`` are the same set, and ``found`` lists no profile twice."""
        found, expected = cls.of(found), cls.distinct(expected, atol)
        extra = cls.missing(found, expected, atol)
        lost = cls.missing(expected, found, atol)
        assert not extra and not lost, f"unexpected: {extra}; missing: {lost}"
        assert len(found) == len(expected), f"{len(found)} profiles found for {len(expected)} distinct ones"

    @classmethod
    def assert_contains(cls, found, subset, atol: float) -> None:
        lost = cls.missing(subset, found, atol)
        assert not lost, f"missing: {lost}"


@pytest.fixture(scope="session")
def profile_sets() -> type[ProfileSets]:
    """The :class:`ProfileSets` comparisons (session scope, so hypothesis tests may use it)."""
    return ProfileSets


@pytest.fixture(scope="session")
def von_stengel_1999() -> bg.Game:
    """The nondegenerate 6x6 game with 75 Nash equilibria of B. von Stengel, "New maximal numbers
    of equilibria in bimatrix games", Discrete Comput. Geom. 21 (1999) 557-568.

    Payoffs as distributed with Gambit (gambitproject/gambit, contrib/games/stengel.nfg, commit 0523d86a).
    """
    A = [
        [9504, -660, 19976, -20526, 1776, -8976],
        [-111771, 31680, -130944, 168124, -8514, 52764],
        [397584, -113850, 451176, -586476, 29216, -178761],
        [171204, -45936, 208626, -263076, 14124, -84436],
        [1303104, -453420, 1227336, -1718376, 72336, -461736],
        [737154, -227040, 774576, -1039236, 48081, -300036],
    ]
    B = [
        [72336, 48081, 29216, 14124, 1776, -8514],
        [-461736, -300036, -178761, -84436, -8976, 52764],
        [1227336, 774576, 451176, 208626, 19976, -130944],
        [-1718376, -1039236, -586476, -263076, -20526, 168124],
        [1303104, 737154, 397584, 171204, 9504, -111771],
        [-453420, -227040, -113850, -45936, -660, 31680],
    ]
    return bg.Game.bimatrix(A, B)
