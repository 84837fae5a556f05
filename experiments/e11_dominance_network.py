"""e11: the emergent dominant-marginal network of a county's departments (seed 000).

Question. When every pair of a county's departments coordinates as far as it can (by reciprocity,
by favours it can afford, or hard within the leaders' attention budget) and bargains over the
favours with no bargaining power assumed, who depends on whom in equilibrium? Following Emerson
(1962), ``i`` dominates ``j`` when ``j`` has more at stake in their relation (captures more of it
over mutual shirking). Which departments form the core of that directed dominance network
(Borgatti-Everett discrete model, dominance pattern: the core dominates the periphery, no one else
dominates anyone), and where does a strong-control core stop holding as the favours departments can
afford, the bargaining weights, dependence and patience change?

Proposition (coordination P3 in ``docs/models/coordination.md``). In the calibrated county of 12
departments the core is exactly the six strong-control departments (correlation 0.891; 0.932 with
attention for every failing relation): 64 of the 66 relations are realised and every WC-SD
department is dominated on balance (net dominance -8 or -9). It holds in the counties drawn with
seeds 1-4 (0.73 to 0.91), with no favours (0.78), with Emerson's or the swapped bargaining weights
(0.891, 0.885: favours are capped by what weak-control departments control, so the weights barely
move a split), and with favours up to ``favour_capacity = 1`` (0.90). What drives it: the stakes
are unequal in the payoffs (a weak-control department gains ``benefit d_j r_i`` from a strong
partner, the strong one ``benefit d_i r_j`` from it) and bargaining can undo that only up to the
assumed cap on favours, so given the cap the network is a closed form of the payoffs for the
relations that exist; the repeated game decides which relations exist (reciprocity, favours, or the
authority within the budget: 0.891 against 0.932 with attention for every relation); with equal weights and favours large enough (``favour_capacity = 10``) every
stake is half the surplus and no department dominates any other (no arcs, no core), and at 3 the
structure dissolves (correlation 0.58). Emerson's weights with unlimited favours give the strong
departments the larger share, so the weak have less at stake and the core is the six weak-control
departments (0.893). Where it stops holding otherwise: the SC-WD departments' relations with
weak-control departments need the authority, so when the budget does not reach them (``delta`` 0.6
and 0.5, ``dependence_weak`` 0.35 and 0.2) the core is the three SC-SD departments (0.63, 0.57,
0.55, 0.44), and with attention for every relation the strong-control core returns (``delta = 0.5``
0.93; ``dependence_weak = 0.2`` 0.67); at ``dependence_weak = 0.1`` the order has three tiers (strong
control over WC-WD over WC-SD) and the two-block score puts the middle tier in the core too (0.65
with attention for every relation); with control less concentrated than dependence (control
0.6/0.4, dependence 0.9/0.2) the core is the six weak-dependence departments (0.90): the least
dependent dominate, whatever they control.

Output: ``e11_dominance_network.{csv,md,tex,json}`` (one row per scenario and department) and
``e11_dominance_network.png`` (the calibrated network: core departments on the inner ring, arrows
from the dominant to the dominated department, solid soft, dashed hard).
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

#: The scenarios: changes from the calibrated county.
SCENARIOS = {
    "calibrated": {},
    "attention for every relation": {"attention_budget": 100.0},
    # other counties drawn around the same corners
    "seed 1": {"seed": 1},
    "seed 2": {"seed": 2},
    "seed 3": {"seed": 3},
    "seed 4": {"seed": 4},
    # bargaining weights: no power assumed (calibration), Emerson's rule, the swapped rule
    "Emerson weights": {"power_exponent": 1.0},
    "swapped weights": {"power_exponent": -1.0},
    # what favours can undo: none, more, and (nearly) unlimited
    "no favours": {"favour_capacity": 0.0},
    "favour_capacity 0.3": {"favour_capacity": 0.3},
    "favour_capacity 1": {"favour_capacity": 1.0},
    "favour_capacity 3": {"favour_capacity": 3.0},
    "favour_capacity 10": {"favour_capacity": 10.0},
    "favour_capacity 10, Emerson weights": {"favour_capacity": 10.0, "power_exponent": 1.0},
    # how the structure changes as dependence shifts, and with patience
    "dependence_weak 0.65": {"dependence_weak": 0.65},
    "dependence_weak 0.35": {"dependence_weak": 0.35},
    "dependence_weak 0.2": {"dependence_weak": 0.2},
    "dependence_weak 0.1": {"dependence_weak": 0.1},
    "dependence_weak 0.2, attention for every relation": {"dependence_weak": 0.2, "attention_budget": 100.0},
    "dependence_weak 0.1, attention for every relation": {"dependence_weak": 0.1, "attention_budget": 100.0},
    "delta 0.6": {"delta": 0.6},
    "delta 0.5": {"delta": 0.5},
    "delta 0.5, attention for every relation": {"delta": 0.5, "attention_budget": 100.0},
    "control less concentrated than dependence": {"control_strong": 0.6, "control_weak": 0.4,
                                                  "dependence_strong": 0.9, "dependence_weak": 0.2},
}


def county_rows(scenario: str, model, result) -> list[dict]:
    """One row per department of a coordinated county."""
    county, structure = result.county, result.structure
    realised = result.weights > 0
    index = {name: k for k, name in enumerate(county.names)}
    hard = np.zeros(len(county.names), dtype=int)
    binding = np.zeros(len(county.names), dtype=int)
    capacity = np.zeros(len(county.names), dtype=int)
    for relation, covered in zip(result.relations, result.hard):
        if not (relation.soft or covered):
            continue
        for name in relation.names:
            hard[index[name]] += bool(covered)
            binding[index[name]] += relation.binding is not None
            capacity[index[name]] += relation.binding_constraint == "capacity"
    strong = set(county.strong_control)
    arcs = result.dominance > 0
    captured = result.captured_surplus()
    net = result.net_dominance()
    return [
        {
            "scenario": scenario,
            "control_strong": model.control_strong,
            "control_weak": model.control_weak,
            "dependence_strong": model.dependence_strong,
            "dependence_weak": model.dependence_weak,
            "delta": model.delta,
            "attention_budget": model.attention_budget,
            "favour_capacity": model.favour_capacity,
            "power_exponent": model.power_exponent,
            "seed": model.seed,
            "department": name,
            "type": kind,
            "control": float(county.control[k]),
            "dependence": float(county.dependence[k]),
            "relations": int(realised[k].sum()),
            "hard_relations": int(hard[k]),
            "binding_relations": int(binding[k]),
            "capacity_bound_relations": int(capacity[k]),
            "stake": float(captured[k]),
            "dominates": int(arcs[k].sum()),
            "dominated": int(arcs[:, k].sum()),
            "net_dominance": int(net[k]),
            "core": name in structure.core,
            "core_correlation": structure.correlation,
            "core_is_strong_control": set(structure.core) == strong,
        }
        for k, (name, kind) in enumerate(zip(county.names, county.types))
    ]


def draw_network(result, path: Path) -> None:
    """Draw the dominance network: core on the inner ring, arrows from dominant to dominated."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    county, structure = result.county, result.structure
    n = len(county.names)
    core = set(structure.core)
    angle = 2 * math.pi * np.arange(n) / n
    radius = np.array([0.45 if name in core else 1.0 for name in county.names])
    x, y = radius * np.cos(angle), radius * np.sin(angle)
    index = {name: k for k, name in enumerate(county.names)}
    fig = Figure(figsize=(6.4, 6.4), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    top = float(result.dominance.max()) or 1.0
    for relation, covered in zip(result.relations, result.hard):
        if not (relation.soft or covered):
            continue
        i, j = index[relation.names[0]], index[relation.names[1]]
        if result.dominance[j, i] > 0:
            i, j = j, i
        margin = result.dominance[i, j]
        style = "-" if relation.soft else "--"
        colour = "0.45" if relation.soft else PALETTE[5]
        ax.annotate("", xy=(x[j], y[j]), xytext=(x[i], y[i]), zorder=1,
                    arrowprops={"arrowstyle": "-|>" if margin > 0 else "-", "color": colour, "linestyle": style,
                                "linewidth": 0.3 + 2.2 * margin / top, "alpha": 0.7, "shrinkA": 9, "shrinkB": 9})
    colours = {kind: PALETTE[k] for k, kind in enumerate(coordination.TYPES)}
    for k, name in enumerate(county.names):
        ax.scatter([x[k]], [y[k]], s=260, color=colours[county.types[k]], zorder=2,
                   edgecolors="black" if name in core else "0.6", linewidths=2.0 if name in core else 0.8)
        ax.annotate(name, (x[k], y[k]), xytext=(0, 11), textcoords="offset points", ha="center", fontsize=7)
    ring = np.linspace(0, 2 * math.pi, 200)
    ax.plot(0.7 * np.cos(ring), 0.7 * np.sin(ring), color="0.7", linewidth=0.8, linestyle=":")
    handles = [Line2D([], [], marker="o", linestyle="", color=colours[kind], label=kind, markersize=9)
               for kind in coordination.TYPES]
    handles += [Line2D([], [], color="0.45", label="soft relation"),
                Line2D([], [], color=PALETTE[5], linestyle="--", label="hard relation")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(f"Arrow: from the department the other depends on more. Core inside the ring (r = {structure.correlation:.3f})", fontsize=9)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None}, dpi=DPI)
    path.write_bytes(buffer.getvalue())


def main(out_dir) -> pd.DataFrame:
    """Write the department table (and the network figure) into ``out_dir``; return the table."""
    out = Path(out_dir)
    base = coordination.Model()
    rows = []
    for scenario, changes in SCENARIOS.items():
        model = dataclasses.replace(base, **changes)
        result = model.coordinate()
        rows += county_rows(scenario, model, result)
        if not changes:
            draw_network(result, out / "e11_dominance_network.png")
    df = pd.DataFrame(rows)
    metadata = {
        "experiment": "e11_dominance_network",
        "model": "coordination",
        "seed_file": coordination.SEED,
        "scenarios": SCENARIOS,
        "core_periphery": "Borgatti-Everett discrete model, dominance pattern, exhaustive search",
        "parameters": dataclasses.asdict(base),
    }
    write_table(df, out / "e11_dominance_network", precision=6, metadata=metadata)
    return df


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
