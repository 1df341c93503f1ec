"""Time DOT generation (Python) against Graphviz layout for generated maps of 50-2,000 statements.

Run: ``python benchmarks/bench_render.py [SIZES...] [--timeout SECONDS]``. Each map is a
thesis with claims three levels deep, evidence under the claims, a few counterclaims with
attacks, undercuts and contradictions, and one section per top-level claim. The table gives
the time to build the DOT source, the time ``dot -Tsvg`` takes to lay it out, and the share
of the Python part in the total.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time

from argmap.model import ArgumentMap, MapBuilder, Role
from argmap.render import find_layout, map_graph

__all__ = ["generate", "main"]

WORDS = (
    *("Baku", "Moscow", "pipeline", "treaty", "gas", "war", "conflict", "balance", "policy"),
    *("West", "NATO", "trade", "region", "Caucasus", "security", "influence", "border"),
    *("summit", "agreement", "energy", "transit", "pressure"),
)


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(size: int, seed: int = 0) -> ArgumentMap:
    """A deterministic map of ``size`` statements (at least 2)."""
    rng = random.Random(seed)
    b = MapBuilder(f"bench-{size}", f"Benchmark map of {size} statements")
    b.statement("T", _text(rng, 14), Role.THESIS, quote="q")
    ids = ["T"]
    n = 1
    section = 0
    while n < size:
        parent = rng.choice(ids[: max(1, len(ids) // 2)])
        if parent == "T":
            section += 1
            b.section(f"sec-{section}", f"Section {section}")
        sid = f"S{n}"
        roll = rng.random()
        if roll < 0.1:
            b.statement(sid, _text(rng, 12), Role.COUNTERCLAIM, quote="q").attack(sid, parent)
        elif roll < 0.55:
            b.statement(sid, _text(rng, 16), Role.EVIDENCE, quote="q").support(sid, parent)
        else:
            b.statement(sid, _text(rng, 12), Role.CLAIM, quote="q").support(sid, parent)
            ids.append(sid)
        if roll < 0.03 and n > 2:
            b.undercut(sid, f"S{rng.randrange(1, n)}")
        n += 1
    return b.build()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[50, 100, 250, 500, 1000, 2000])
    parser.add_argument("--timeout", type=float, default=600.0, help="per layout, seconds")
    args = parser.parse_args(argv)
    layout = find_layout()
    print(f"layout program: {layout.executable}")
    header = (
        f"{'statements':>10} {'edges':>6} {'DOT (ms)':>10} {'layout (ms)':>12} {'Python share':>13}"
    )
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        m = generate(size)
        start = time.perf_counter()
        graph = map_graph(m)
        source = graph.source
        gen = time.perf_counter() - start
        start = time.perf_counter()
        try:
            subprocess.run(
                [layout.executable, "-Kdot", "-Tsvg"],
                input=source.encode("utf-8"),
                capture_output=True,
                check=True,
                timeout=args.timeout,
            )
        except subprocess.TimeoutExpired:
            print(
                f"{size:>10} {len(m.relations):>6} {gen * 1000:>10.1f} {'> timeout':>12} {'-':>13}"
            )
            continue
        lay = time.perf_counter() - start
        share = gen / (gen + lay)
        print(
            f"{size:>10} {len(m.relations):>6} {gen * 1000:>10.1f} {lay * 1000:>12.1f} "
            f"{share:>12.1%}"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
