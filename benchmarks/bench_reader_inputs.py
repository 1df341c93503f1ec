#!/usr/bin/env python3
"""Time and memory of the Argdown reader on large and hostile inputs (issues 9 and 15).

These were tests once (a 20 MB map, 20 MB of random Argdown characters); a test that passes
on any outcome but a crash is not a test, so they print figures here instead. Each case runs in
a fresh child process, so its peak memory is its own. Cases:

* ``map-20mb``: a 20 MB map of one thesis and ~160k supporting statements (``argdown.load``);
* ``garbage-20mb``: 20 MB of random Argdown characters (``argdown.parse_file``): a document or
  a located ArgmapError;
* ``run-[``, ``run-#``, ``run-*_`` at 1 MB and 2 MB: one statement whose text is a long run of
  characters that each start a token rule (the review's "slow paths"); the ratio of the two
  sizes shows the growth (2.0 is linear).

Usage: ``.venv/bin/python benchmarks/bench_reader_inputs.py [--quick]`` (``--quick``: 1/10 of
the sizes).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]


def _write_map(path: Path, size: int) -> None:
    block = (
        "[S{i}]: Statement number {i} with some words to make the line longer. #claim\n"
        '    {{quotes: ["statement number {i}"]}}\n'
        "    +> [T]\n\n"
    )
    parts = ['[T]: The thesis. #thesis\n    {quotes: ["the thesis"]}\n\n']
    total, i = 0, 0
    while total < size:
        parts.append(block.format(i=i))
        total += len(parts[-1])
        i += 1
    path.write_text("".join(parts), encoding="utf-8")


def _write_garbage(path: Path, size: int) -> None:
    rng = random.Random(7)
    alphabet = "[]<>{}#*_+-/ \n\t:>()@.\\\"'abc123"
    path.write_text("".join(rng.choice(alphabet) for _ in range(size)), encoding="utf-8")


def _write_run(path: Path, chars: str, size: int) -> None:
    path.write_text("[T]: " + chars * (size // len(chars)) + " #claim\n", encoding="utf-8")


_CHILD = """
import json, resource, sys, time
from argmap.errors import ArgmapError
from argmap.formats import argdown
kind, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
outcome = "ok"
try:
    if kind == "load":
        m = argdown.load(path)
        outcome = f"{len(m.statements)} statements, {len(m.relations)} relations"
    else:
        doc = argdown.parse_file(path)
        outcome = f"document of {len(doc.statements)} statements"
except ArgmapError as e:
    outcome = "located error" if e.location is not None else "UNLOCATED error"
seconds = time.perf_counter() - t
mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "mb": mb, "outcome": outcome}))
"""


def _run(kind: str, path: Path) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(path)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        return {"seconds": float("nan"), "mb": float("nan"), "outcome": proc.stderr[-300:]}
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    """Generate the inputs, run each case once, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    mb = 1_000_000 // scale
    print(f"{'case':<16} {'size':>8} {'seconds':>9} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory(prefix="argmap-reader-") as tmp:
        folder = Path(tmp)
        cases: list[tuple[str, str, Path, int]] = []
        big = folder / "map.argdown"
        _write_map(big, 20 * mb)
        cases.append(("map-20mb", "load", big, 20 * mb))
        junk = folder / "garbage.argdown"
        _write_garbage(junk, 20 * mb)
        cases.append(("garbage-20mb", "parse", junk, 20 * mb))
        for name, chars in (("run-[", "["), ("run-#", "#"), ("run-*_", "*_")):
            for size in (mb, 2 * mb):
                path = folder / f"{name.strip('-')}-{size}.argdown"
                _write_run(path, chars, size)
                cases.append((name, "parse", path, size))
        seconds: dict[tuple[str, int], float] = {}
        for name, kind, path, size in cases:
            start = time.perf_counter()
            result = _run(kind, path)
            took = float(str(result["seconds"]))
            seconds[(name, size)] = took
            print(
                f"{name:<16} {size / 1e6:>6.1f}MB {took:>9.2f} {float(str(result['mb'])):>8.0f}"
                f"  {result['outcome']}  (wall {time.perf_counter() - start:.1f} s)",
                flush=True,
            )
        for name in ("run-[", "run-#", "run-*_"):
            ratio = seconds[(name, 2 * mb)] / max(seconds[(name, mb)], 1e-9)
            print(f"{name}: time at 2x the size = {ratio:.2f}x (2.0 is linear)")
    print(
        f"peak memory of this script: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
