"""Model queries on large maps: today's indexed ArgumentMap against the model at 82ae585.

Two shapes: a *star* (a thesis with N supporters, each with one piece of evidence under it)
and a *chain* (N statements, each supporting the next). For each, the time of the first
query (which builds the map's indexes) and of the same query again, best of a few runs.

The model of commit 82ae585 (every lookup a linear scan) is read with ``git show`` and run
side by side; ``--no-old`` skips it (its evidence_chain on the 4,000 star takes seconds).

    python benchmarks/bench_model.py [--star 4000] [--chain 10000] [--no-old]

Target (issue 9): evidence_chain on the 4,000-supporter star in at most 10 ms.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argmap.model as new_model  # noqa: E402

OLD_COMMIT = "82ae585"


def old_model() -> ModuleType | None:
    """argmap/model.py as it was at 82ae585, imported as its own module (None without git)."""
    try:
        text = subprocess.run(
            ["git", "show", f"{OLD_COMMIT}:argmap/model.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    folder = Path(tempfile.mkdtemp())
    path = folder / "argmap_model_82ae585.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("argmap_model_82ae585", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def star(model: Any, n: int) -> Any:
    """A thesis T with n claims C<i> supporting it, each supported by evidence E<i>."""
    b = model.MapBuilder("star")
    b.statement("T", "the thesis", model.Role.THESIS)
    for i in range(n):
        b.statement(f"C{i}", f"claim {i}", model.Role.CLAIM)
        b.statement(f"E{i}", f"evidence {i}", model.Role.EVIDENCE)
        b.support(f"C{i}", "T")
        b.support(f"E{i}", f"C{i}")
    return b.build()


def chain(model: Any, n: int) -> Any:
    """S0 <- S1 <- ... <- S(n-1): each statement supports the one before it."""
    b = model.MapBuilder("chain")
    b.statement("S0", "the thesis", model.Role.THESIS)
    for i in range(1, n):
        b.statement(f"S{i}", f"step {i}", model.Role.CLAIM)
        b.support(f"S{i}", f"S{i - 1}")
    return b.build()


def timed(make: Callable[[], Any], query: Callable[[Any], Any], runs: int) -> tuple[float, float]:
    """Best first-query time (a fresh map each run, so indexes are built) and best repeat, in
    CPU seconds of this process (wall time swings with other load on a shared machine)."""
    first = again = float("inf")
    clock = time.process_time
    for _ in range(runs):
        m = make()
        gc.collect()
        t0 = clock()
        query(m)
        t1 = clock()
        query(m)
        t2 = clock()
        first, again = min(first, t1 - t0), min(again, t2 - t1)
    return first, again


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--star", type=int, default=4000)
    ap.add_argument("--chain", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-old", action="store_true", help=f"skip the model of {OLD_COMMIT}")
    args = ap.parse_args()
    models: list[tuple[str, Any]] = [("indexed", new_model)]
    old = None if args.no_old else old_model()
    if old is not None:
        models.append((OLD_COMMIT, old))

    queries: list[tuple[str, str, Callable[[Any], Any]]] = [
        ("star", "statement(last)", lambda m: m.statement(f"E{args.star - 1}")),
        ("star", "supporters(T)", lambda m: m.supporters("T")),
        ("star", "attackers(T)", lambda m: m.attackers("T")),
        ("star", "evidence_chain(T)", lambda m: m.evidence_chain("T")),
        ("star", "neighbourhood(C0, 1)", lambda m: m.neighbourhood("C0", 1)),
        ("star", "submap(C0, 1)", lambda m: m.submap("C0", 1)),
        ("chain", "statement(last)", lambda m: m.statement(f"S{args.chain - 1}")),
        ("chain", "evidence_chain(S0)", lambda m: m.evidence_chain("S0")),
        ("chain", "submap(S5000, 2)", lambda m: m.submap(f"S{args.chain // 2}", 2)),
    ]
    print(f"star: {args.star} supporters (+{args.star} evidence); chain: {args.chain} statements")
    print(f"CPU time, best of {args.runs}; 'first' builds the map's indexes, 'again' reuses them")
    print(f"load average when started: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    header = f"{'map':<6} {'query':<22}"
    for name, _ in models:
        header += f" {name + ' first':>16} {name + ' again':>16}"
    print(header)
    slow_old = {"evidence_chain(T)", "evidence_chain(S0)"}
    results: dict[tuple[str, str, str], float] = {}
    for shape, label, query in queries:
        row = f"{shape:<6} {label:<22}"
        for name, model in models:
            size = args.star if shape == "star" else args.chain

            def make(model: Any = model, shape: str = shape, size: int = size) -> Any:
                return star(model, size) if shape == "star" else chain(model, size)

            runs = 1 if (name == OLD_COMMIT and label in slow_old) else args.runs
            first, again = timed(make, query, runs)
            results[(shape, label, name)] = first
            row += f" {first * 1000:>13.2f} ms {again * 1000:>13.2f} ms"
        print(row, flush=True)
    chain_ms = results[("star", "evidence_chain(T)", "indexed")] * 1000
    verdict = "met" if chain_ms <= 10 else "MISSED"
    print(f"\ntarget evidence_chain(T) on the star <= 10 ms: {chain_ms:.2f} ms ({verdict})")


if __name__ == "__main__":
    main()
