"""Time the two-essay half of ``make demo`` (``argmap build --strict
maps/comparison.argdown``: the checks of ``argmap check --strict``, then the build) as
whole processes.

Run: ``python benchmarks/bench_build.py [--runs N]``. Four cases, each best of N runs:

* **cold**: ``argmap build`` alone, into a new, empty folder (every drawing laid out by
  Graphviz);
* **warm**: ``argmap build`` alone, again into the same folder (drawings whose DOT source is
  unchanged are kept, :mod:`argmap.build`);
* **demo, first run**: ``argmap build --strict`` into a new folder: what ``make demo`` does
  for the two essays the first time after installing;
* **demo, again**: ``argmap build --strict`` into the same folder: every later
  ``make demo``;
* **check + build** (for comparison): ``argmap check --strict`` and ``argmap build`` as two
  processes into a new folder.

For each: wall time and CPU time (the process and its Graphviz children, from
``resource.getrusage(RUSAGE_CHILDREN)``). The machine's load average is printed: on a shared
machine wall times are inflated, CPU times much less. The goal (issue 11): ``make demo`` for
the two essays in about 1.5 s once installed. To compare with another checkout, run with
``PYTHONPATH=that/checkout`` (its maps are the ones of this checkout).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
ARGMAP = [sys.executable, "-m", "argmap"]  # the argmap on PYTHONPATH, else the installed one
GOAL = 1.5
# An installed argmap has bytecode (pip compiles it); with PYTHONDONTWRITEBYTECODE set (some
# machines set it globally) every process would compile argmap's sources again, ~0.1 s each.
# The warm-up build below writes the bytecode, so the timed runs measure the installed state.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(cwd: Path, *commands: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of ``commands`` run one after the other in ``cwd`` (not this
    checkout: ``python -m`` would import the argmap of its working folder)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, cwd=cwd, capture_output=True, env=_ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    comparison = str(ROOT / "maps" / "comparison.argdown")
    build = [*ARGMAP, "build", comparison, "-o"]
    demo = [*ARGMAP, "build", "--strict", comparison, "-o"]
    check = [*ARGMAP, "check", "--strict", comparison]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results: dict[str, tuple[float, float]] = {}
    names = {
        "cold": "cold build",
        "warm": "warm build",
        "first": "demo, first run",
        "again": "demo, again",
        "two": "check + build",
    }
    with tempfile.TemporaryDirectory() as tmp:
        warm_dir = Path(tmp) / "warm"
        _run(Path(tmp), [*build, str(warm_dir)])
        for case, name in names.items():
            best = (float("inf"), float("inf"))
            for n in range(args.runs):
                out = Path(tmp) / f"{case}{n}"
                shutil.rmtree(out, ignore_errors=True)
                if case == "cold":
                    figures = _run(Path(tmp), [*build, str(out)])
                elif case == "warm":
                    figures = _run(Path(tmp), [*build, str(warm_dir)])
                elif case == "first":
                    figures = _run(Path(tmp), [*demo, str(out)])
                elif case == "again":
                    figures = _run(Path(tmp), [*demo, str(warm_dir)])
                else:
                    figures = _run(Path(tmp), check, [*build, str(out)])
                best = min(best, figures)
            results[case] = best
            print(f"{name:16} wall {best[0]:5.2f} s   CPU {best[1]:5.2f} s   (best of {args.runs})")
        files = sorted(p.name for p in warm_dir.iterdir() if not p.name.startswith("."))
        print(f"{len(files)} files per build")
    for case in ("first", "again"):
        wall = results[case][0]
        verdict = "goal met" if wall <= GOAL else "NOT met"
        print(
            f"make demo, two essays, {names[case]}: {wall:.2f} s wall: {verdict} "
            f"(goal about {GOAL} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
