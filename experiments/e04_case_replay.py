"""e04 — Does the model replay the case?

Question: starting from the pre-reform expectation of command, does a bureau that learns about the
office's soft power go through the case's moves in the case's order, and where does it end?

The process (``oblique.Model.replay``): the bureau's prior over the office's soft power decays as
``exp(-6 s)``; each round it plays the action with the highest expected payoff against the answers
it predicts; the office complies when its conditional compliance is self-enforcing and otherwise
plays its stage best reply; the bureau updates by Bayes' rule. Proposition (seed 001): at the
calibrated soft power the path is Command/Voice -> BorrowAuthority/Voice -> CarrotStick/Oppose ->
Compromise/Comply (office: voice, opposition, conditional compliance; bureau: borrowing authority,
carrot and stick, compromise — the case's order without its last step, empathy) and ends in a
subgame-perfect path of resistance–negotiation; at s = 0 it is command–obedience from round 1.

Output: ``e04_case_replay.{csv,md,tex,json}`` — one row per (soft_power, round), for the calibrated
soft power, for s = 0, and for neighbouring values that show where the replay stops matching.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bargain.models import oblique
from bargain.results import write_table

SOFT_POWER = (0.0, 0.3, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)
ROUNDS = 8


def main(out_dir) -> None:
    out = Path(out_dir)
    frames = []
    for s in SOFT_POWER:
        replay = oblique.Model(soft_power=s).replay(rounds=ROUNDS)
        frame = replay.table.copy()
        frame.insert(0, "soft_power", s)
        frame["settles_in"] = replay.label
        frame["final_sustained"] = replay.final_sustained
        frames.append(frame)
    df = pd.concat(frames, ignore_index=True)
    write_table(df, out / "e04_case_replay", precision=6,
                metadata={"experiment": "e04", "model": "oblique", "defaults": "oblique.Model()",
                          "soft_power": list(SOFT_POWER), "rounds": ROUNDS, "prior_decay": 6.0, "types": 21,
                          "tremble": 1e-3})


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
