"""Smoke test of benchmarks/bench_repeated.py: the quick run completes and prints every case.

Only completion and the printed structure are checked; speed is measured by the script, never asserted.
"""

import importlib.util
import re
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_repeated.py"


def _load_script(monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_repeated", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_repeated", module)
    spec.loader.exec_module(module)
    return module


def test_quick_run_completes_and_prints_every_case(monkeypatch, capsys):
    bench = _load_script(monkeypatch)
    assert bench.main(["--quick", "--skip-quantecon"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^bargain spe_payoffs vs quantecon", out, flags=re.MULTILINE)
    for case in ("Abreu-Sannikov 3x3", "random 3x3", "random 5x5"):
        for delta in ("0.3", "0.6", "0.9"):
            assert re.search(rf"^{case}\s+{delta}\s", out, flags=re.MULTILINE), (case, delta)
    assert "quantecon: skipped (--skip-quantecon)" in out
    assert re.search(r"^Summary", out, flags=re.MULTILINE)


def test_hausdorff_helper(monkeypatch):
    bench = _load_script(monkeypatch)
    import numpy as np

    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)
    assert bench.hausdorff(square, square + [0.0, 0.5]) == 0.5
