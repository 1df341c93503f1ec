"""A derandomised sample of benchmarks/fuzz.py: mutated real maps and fixtures end in success
or a located ArgmapError (the full run of 100,000 cases is recorded in the closing note)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_fuzz_sample_has_no_failures() -> None:
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "benchmarks" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    cases, failures, notes = fuzz.fuzz(200, 15, slow=float("inf"), report=lambda _: None)
    assert cases == 200
    assert not failures, (failures, notes)
