"""e00 — How do the equilibria of a stag hunt change as hunting hare pays more?

Question: two hunters each choose Stag or Hare. Stag pays 4 if the other hunter also chooses Stag and
0 if not; Hare pays ``h`` whatever the other does. As ``h`` moves along a line from -1 to 5, how many
Nash equilibria are there, how does the mixed one move, and which equilibrium do payoff dominance
and risk dominance select?

Closed form it confirms (solved by hand; the table is computed by ``bargain.equilibria`` alone):

* ``h < 0``: Stag strictly dominates Hare, and (Stag, Stag) is the unique equilibrium.
* ``0 < h < 4``: three equilibria, (Stag, Stag), (Hare, Hare) and a mixed one in which each hunter
  chooses Stag with probability ``p* = h / 4`` (making the other indifferent, ``4 p = h``) and
  earns ``h``. (Stag, Stag) is payoff dominant (``4 > h``); it is risk dominant in the sense of
  Harsanyi and Selten (1988) — the larger product of the two players' losses from deviating,
  ``(4 - h)^2`` against ``h^2`` — exactly when ``h < 2``, i.e. when ``p* < 1/2``; at ``h = 2``
  the two tie.
* ``h > 4``: Hare strictly dominates, and (Hare, Hare) is the unique equilibrium.
* At the bifurcation points ``h = 0`` and ``h = 4`` the game is degenerate (a hunter is indifferent
  against a pure strategy) and the mixed equilibrium has merged with (Hare, Hare) or with
  (Stag, Stag): two equilibria, reported with ``degenerate = True``.

Reference: J. C. Harsanyi and R. Selten (1988), *A General Theory of Equilibrium Selection in
Games*, MIT Press, ch. 3; B. Skyrms (2004), *The Stag Hunt and the Evolution of Social Structure*,
Cambridge University Press, ch. 1.

Output: ``e00_stag_hunt.{csv,md,tex,json,png}`` — one row per value of ``hare`` (``h``), on a grid
of step 0.25 that contains 0, 2 and 4; the figure shows the probability of Stag in each equilibrium.
"""

from __future__ import annotations

from pathlib import Path

import bargain as bg
from bargain.results import write_table

#: The payoff of hunting hare, on a grid of step 0.25 holding the bifurcation points 0, 2 and 4.
HARE = bg.grid(-1, 5, 25)

#: The payoff of hunting stag together (0 for hunting stag alone).
STAG = 4.0

STRATEGIES = ("Stag", "Hare")


def stag_hunt(hare: float) -> bg.Game:
    """The symmetric stag hunt with the given payoff of hunting hare."""
    return bg.Game.bimatrix([[STAG, 0.0], [hare, hare]], [[STAG, hare], [0.0, hare]],
                            players=("Hunter 1", "Hunter 2"), strategies=(STRATEGIES, STRATEGIES))


def deviation_loss(game: bg.Game, profile: tuple[int, int]) -> float:
    """Harsanyi and Selten's measure of a pure equilibrium's risk: the product of the two players'
    losses from deviating alone to their other strategy (2x2 games)."""
    row, col = profile
    loss_row = game.payoffs[0][row, col] - game.payoffs[0][1 - row, col]
    loss_col = game.payoffs[1][row, col] - game.payoffs[1][row, 1 - col]
    return float(loss_row * loss_col)


def point(hare: float) -> dict:
    game = stag_hunt(hare)
    found = bg.equilibria(game)
    pure = {eq.support[0][0]: eq for eq in found if eq.support == ((eq.support[0][0],),) * 2}
    mixed = [eq for eq in found if len(eq.support[0]) == 2 and len(eq.support[1]) == 2]
    stag, hare_eq = pure.get("Stag"), pure.get("Hare")
    if stag is not None and hare_eq is not None:
        gap = float(stag.payoffs[0] - hare_eq.payoffs[0])
        payoff_dominant = "Stag" if gap > 0 else "Hare" if gap < 0 else "tie"
        risk = deviation_loss(game, (0, 0)) - deviation_loss(game, (1, 1))
        risk_dominant = "Stag" if risk > 0 else "Hare" if risk < 0 else "tie"
    else:  # a single pure equilibrium is selected by both criteria
        payoff_dominant = risk_dominant = "Stag" if stag is not None else "Hare"
    return {
        "n_equilibria": len(found),
        "degenerate": found.degenerate,
        "stag_stag": stag is not None,
        "hare_hare": hare_eq is not None,
        "mixed_stag": float(mixed[0].profile[0][0]) if mixed else None,
        "mixed_payoff": float(mixed[0].payoffs[0]) if mixed else None,
        "payoff_dominant": payoff_dominant,
        "risk_dominant": risk_dominant,
    }


def main(out_dir) -> None:
    out = Path(out_dir)
    df = bg.sweep(point, {"hare": HARE}, executor="serial", progress=False)
    write_table(df, out / "e00_stag_hunt", precision=6,
                metadata={"experiment": "e00", "game": "stag hunt: Stag pays 4 together and 0 alone, Hare pays h",
                          "grid": {"hare": [-1, 5, 25]}})
    from bargain.plotting import line_plot

    lines = df.assign(**{"Stag, Stag": df["stag_stag"].map({True: 1.0, False: None}),
                         "Hare, Hare": df["hare_hare"].map({True: 0.0, False: None}),
                         "mixed": df["mixed_stag"]})
    long = lines.melt(id_vars="hare", value_vars=["Stag, Stag", "Hare, Hare", "mixed"], var_name="equilibrium",
                      value_name="probability of Stag").astype({"probability of Stag": float})
    line_plot(long, "hare", "probability of Stag", by="equilibrium", path=out / "e00_stag_hunt.png",
              title="Stag hunt: the equilibria as the payoff of hare rises")


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
