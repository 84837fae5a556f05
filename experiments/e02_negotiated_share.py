"""e02 — Does soft power buy the office a better deal?

Question: as the office's soft power ``s`` rises, how much of the burden does it negotiate away?

Proposition (seed 001): soft power is the office's leverage; the office's negotiated share rises
with it. Two measures, both computed: ``office_share``, the share of the burden the office is
relieved of in the regime's equilibrium (``1 + office payoff / burden``, at the default ``delta``
and at ``delta = 0.95``), and ``kappa``, the concession from alternating offers over the burden in
which soft power gives the office an outside option and makes the bureau impatient, with
``kappa_nash``, its limit as offers come quickly (the asymmetric Nash solution).

Output: ``e02_negotiated_share.{csv,md,tex,json,png}`` — one row per soft_power.
"""

from __future__ import annotations

from pathlib import Path

import bargain as bg
from bargain.models import oblique
from bargain.results import write_table

SOFT_POWER = bg.grid(0, 1, 101)
PATIENT = 0.95


def point(soft_power: float) -> dict:
    model = oblique.Model(soft_power=soft_power)
    here, patient = model.regime(), model.regime(PATIENT)
    c = model.concession()
    return {"regime": here.label, "office_share": here.office_share,
            "regime_patient": patient.label, "office_share_patient": patient.office_share,
            "kappa": c.kappa, "kappa_nash": c.kappa_nash, "outside_option": c.outside_option,
            "option_binds": c.binding}


def main(out_dir) -> None:
    out = Path(out_dir)
    df = bg.sweep(point, {"soft_power": SOFT_POWER}, executor="serial", progress=False)
    write_table(df, out / "e02_negotiated_share", precision=6,
                metadata={"experiment": "e02", "model": "oblique", "defaults": "oblique.Model()",
                          "patient_delta": PATIENT, "grid": {"soft_power": [0, 1, 101]}})
    from bargain.plotting import line_plot

    long = df.melt(id_vars="soft_power", value_vars=["office_share", "office_share_patient", "kappa", "kappa_nash"],
                   var_name="measure", value_name="share")
    line_plot(long, "soft_power", "share", by="measure", path=out / "e02_negotiated_share.png",
              title="The office's negotiated share against soft power")


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
