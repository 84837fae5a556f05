"""e11: the emergent dominant-marginal network of a county's departments (seed 000).

Question. When every pair of a county's departments coordinates as far as it can (softly by
reciprocity, or hard within the leaders' attention budget) and splits the surplus by asymmetric
Nash bargaining, which departments end up at the core of the network of realised relations, which
dominate (take the larger share) in their relations, and how does this change as the
weak-dependence departments' dependence shifts?

Proposition (coordination P3 in ``docs/models/coordination.md``). In the calibrated county of 12
departments the Borgatti-Everett core is exactly the six strong-control departments (SC-SD and
SC-WD), with a core-pattern correlation of about 0.96. Dominance runs from control: every
strong-control department dominates on balance (positive net dominance), every weak-control,
strong-dependence department (WC-SD) is dominated on balance, and each strong-control department
captures several times the surplus of any weak-control one. Where it stops holding: as the
weak-dependence departments depend less (``dependence_weak`` 0.2 or 0.35), the SC-WD departments'
relations with weak-control departments need more hard coordination than the budget buys, and the
core shrinks (to the three SC-SD departments and one SC-WD at 0.35, to the SC-SD departments alone at
0.2), while no weak-control department enters it; as dependence rises (0.65), reciprocity alone
sustains those relations and the strong-control core stays.

Output: ``e11_dominance_network.{csv,md,tex,json}`` (one row per dependence level and department)
and ``e11_dominance_network.png`` (the network at the calibrated defaults: core departments at the
centre, node colour by type, solid ties soft, dashed ties hard).
"""

from __future__ import annotations

import dataclasses
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd

from bargain.models import coordination
from bargain.plotting import DPI, PALETTE
from bargain.results import write_table

#: The weak-dependence level of the SC-WD and WC-WD departments (the calibrated value is 0.5).
DEPENDENCE_WEAK = (0.2, 0.35, 0.5, 0.65)


def county_rows(dependence_weak: float, result) -> list[dict]:
    """One row per department of a coordinated county."""
    county, structure = result.county, result.structure
    realised = result.weights > 0
    hard = np.zeros_like(realised)
    index = {name: k for k, name in enumerate(county.names)}
    captured = np.zeros(len(county.names))
    for relation, covered in zip(result.relations, result.hard):
        i, j = index[relation.names[0]], index[relation.names[1]]
        if covered:
            hard[i, j] = hard[j, i] = True
        if relation.soft or covered:
            captured[i] += relation.shares[0] * relation.surplus
            captured[j] += relation.shares[1] * relation.surplus
    core = set(structure.core)
    strong_core = core == set(county.strong_control)
    net = result.net_dominance()
    return [
        {
            "dependence_weak": dependence_weak,
            "department": name,
            "type": kind,
            "control": float(county.control[k]),
            "dependence": float(county.dependence[k]),
            "relations": int(realised[k].sum()),
            "hard_relations": int(hard[k].sum()),
            "captured_surplus": float(captured[k]),
            "net_dominance": int(net[k]),
            "coreness": float(structure.coreness[k]),
            "core": name in core,
            "core_correlation": structure.correlation,
            "core_is_strong_control": strong_core,
        }
        for k, (name, kind) in enumerate(zip(county.names, county.types))
    ]


def draw_network(result, path: Path) -> None:
    """Draw the realised network: core at the centre (radius 1 - coreness), colour by type."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    county, structure = result.county, result.structure
    n = len(county.names)
    angle = 2 * math.pi * np.arange(n) / n
    radius = 0.15 + 0.85 * (1.0 - structure.coreness)
    x, y = radius * np.cos(angle), radius * np.sin(angle)
    index = {name: k for k, name in enumerate(county.names)}
    fig = Figure(figsize=(6.4, 6.4), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    top = float(result.weights.max()) or 1.0
    for relation, covered in zip(result.relations, result.hard):
        if not (relation.soft or covered):
            continue
        i, j = index[relation.names[0]], index[relation.names[1]]
        ax.plot([x[i], x[j]], [y[i], y[j]], color="0.45" if relation.soft else PALETTE[5],
                linestyle="-" if relation.soft else "--", linewidth=0.3 + 2.2 * relation.surplus / top,
                alpha=0.7, zorder=1)
    colours = {kind: PALETTE[k] for k, kind in enumerate(coordination.TYPES)}
    core = set(structure.core)
    for k, name in enumerate(county.names):
        ax.scatter([x[k]], [y[k]], s=260, color=colours[county.types[k]], zorder=2,
                   edgecolors="black" if name in core else "0.6", linewidths=2.0 if name in core else 0.8)
        ax.annotate(name, (x[k], y[k]), xytext=(0, 11), textcoords="offset points", ha="center", fontsize=7)
    ring = np.linspace(0, 2 * math.pi, 200)
    inner = 0.15 + 0.85 * (1.0 - min(structure.coreness[index[name]] for name in core)) if core else None
    if inner is not None:
        ax.plot(inner * np.cos(ring), inner * np.sin(ring), color="0.7", linewidth=0.8, linestyle=":")
    handles = [Line2D([], [], marker="o", linestyle="", color=colours[kind], label=kind, markersize=9)
               for kind in coordination.TYPES]
    handles += [Line2D([], [], color="0.45", label="soft tie"),
                Line2D([], [], color=PALETTE[5], linestyle="--", label="hard tie")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(f"Realised relations; core (black rim): correlation {structure.correlation:.3f}", fontsize=9)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None}, dpi=DPI)
    path.write_bytes(buffer.getvalue())


def main(out_dir) -> pd.DataFrame:
    """Write the department table (and the network figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    base = coordination.Model()
    rows = []
    for level in DEPENDENCE_WEAK:
        result = dataclasses.replace(base, dependence_weak=level).coordinate()
        rows += county_rows(level, result)
        if level == base.dependence_weak:
            draw_network(result, out / "e11_dominance_network.png")
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e11_dominance_network",
        "model": "coordination",
        "seed_file": coordination.SEED,
        "dependence_weak": list(DEPENDENCE_WEAK),
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e11_dominance_network", precision=6, metadata=metadata)
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
