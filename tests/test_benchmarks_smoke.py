"""Smoke test of benchmarks/bench_equilibria.py: the quick run completes and prints every workload.

Only completion and the printed structure are checked; speed is measured by the script, never asserted.
"""

import importlib.util
import re
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_equilibria.py"

#: One line the output must contain (at a line start) per section: header, workloads (a)-(c), summary.
SECTION_PATTERNS = (
    r"^bargain equilibrium enumeration vs peers",
    r"^\(a\) \d+ parameterised 5x5 games",
    r"^\(b\) one random n x n game",
    r"^\(c\) \d+ 5x3 games on a \d+x\d+ grid",
    r"^Summary",
)


def _load_script(monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_equilibria", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_equilibria", module)  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_quick_run_completes_and_prints_every_workload(monkeypatch, capsys):
    bench = _load_script(monkeypatch)
    assert bench.main(["--quick", "--skip-slow"]) == 0
    out = capsys.readouterr().out
    for pattern in SECTION_PATTERNS:
        assert re.search(pattern, out, flags=re.MULTILINE), pattern
    assert "nashpy support_enumeration: skipped (--skip-slow)" in out
