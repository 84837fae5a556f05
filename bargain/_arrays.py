"""Read-only arrays for immutable records."""

from __future__ import annotations

import numpy as np


def frozen(array) -> np.ndarray:
    """A read-only float copy of ``array``."""
    out = np.array(array, dtype=float)
    out.flags.writeable = False
    return out
