"""Smoke test of benchmarks/bench_sweep.py: the quick run completes and prints every section.

Only completion and the printed structure are checked; speed is measured by the script, never asserted.
"""

import importlib.util
import re
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_sweep.py"

#: One line the output must contain (at a line start) per section: header, (a)-(c), summary.
SECTION_PATTERNS = (
    r"^bargain sweep overhead: bg.sweep against a bare loop",
    r"^os.cpu_count\(\) = \d+; 400 points of a \d+\.\d+ ms function",
    r"^\(a\) serial, in this process",
    r"^\(b\) 2 processes, pool start-up included",
    r"^\(c\) bg.sweep on a Dask LocalCluster of 2 single-threaded worker processes",
    r"^Summary",
    r"^  2 processes vs bare loop: \d+\.\d\dx",
)


def _load_script(monkeypatch):
    # registered under its own name: Dask's workers import `work` from the script by that name
    spec = importlib.util.spec_from_file_location("bench_sweep", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_sweep", module)
    spec.loader.exec_module(module)
    return module


def test_quick_run_without_dask(monkeypatch, capsys):
    bench = _load_script(monkeypatch)
    assert bench.main(["--quick", "--skip-dask"]) == 0
    out = capsys.readouterr().out
    for pattern in SECTION_PATTERNS:
        assert re.search(pattern, out, flags=re.MULTILINE), pattern
    assert "Dask: skipped (--skip-dask)" in out


def test_quick_run_with_dask(monkeypatch, capsys):
    pytest.importorskip("distributed")
    bench = _load_script(monkeypatch)
    assert bench.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^    Dask cluster +\d+\.\d+ s +Dask / process pool +\d+\.\d\d", out, flags=re.MULTILINE)
    assert re.search(r"^  Dask vs process pool: \d+\.\d\dx the pool's time", out, flags=re.MULTILINE)
