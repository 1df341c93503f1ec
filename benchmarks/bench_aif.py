#!/usr/bin/env python3
"""Benchmark reading AIF: argmap against arguebuf 2.7.2 on the same corpus, in one run.

The corpus is at least 500 AIF JSON files: generated ones (argmap writes maps of 10 to 120
statements with quotes, so the dialogue layer L/YA is there, adds AIFdb's node timestamps and
drops argmap's own ``"argmap"`` data from every other file, so both of argmap's reading paths
are timed) plus the third-party samples in ``../shared/aif-samples`` when present (read where
they are, never copied).  arguebuf 2.7.2 is installed with pip from PyPI into a temporary venv.

Each tool reads every file of the corpus in its own fresh process (the same Python), the loop
timed inside that process: read the bytes, build the tool's graph, count its nodes and edges.
arguebuf keeps I, RA, CA, MA and PA nodes and the edges between them; argmap's count is the
same part of the document (its map holds them, or its report lists them). The script checks
the counts agree file by file and prints the figures.

Usage::

    .venv/bin/python benchmarks/bench_aif.py                 # 500 generated files + samples
    .venv/bin/python benchmarks/bench_aif.py --files 1000 --keep /tmp/aif-corpus
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ARGUEBUF = "arguebuf==2.7.2"
ROOT = Path(__file__).resolve().parent.parent

_ARGMAP_LOOP = r"""
import json, sys, time
from argmap.formats import aif
from argmap.formats._aif_schema import DIALOGUE_TYPES
paths = json.load(open(sys.argv[1]))
t0, c0 = time.perf_counter(), time.process_time()
counts = []
for p in paths:
    result = aif.read(open(p, "rb").read(), p)
    counts.append([result.report.nodes, result.report.edges])
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
# The argument layer (what arguebuf keeps), counted outside the timed loop.
layer = []
for p, (n, e) in zip(paths, counts):
    from argmap.formats._aif_graph import parse
    g = parse(open(p, "rb").read(), p)
    keep = {k for k, v in g.kind.items() if v not in DIALOGUE_TYPES}
    layer.append([len(keep), sum(1 for _, a, b in g.edges if a in keep and b in keep)])
print(json.dumps({"seconds": seconds, "cpu": cpu, "counts": layer}))
"""

_ARGUEBUF_LOOP = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
import logging
logging.disable(logging.CRITICAL)
import arguebuf
paths = json.load(open(sys.argv[1]))
t0, c0 = time.perf_counter(), time.process_time()
counts = []
for p in paths:
    g = arguebuf.load.file(p)
    counts.append([len(g.nodes), len(g.edges)])
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"seconds": seconds, "cpu": cpu, "counts": counts}))
"""


def generate(folder: Path, count: int, seed: int = 14) -> list[Path]:
    """``count`` AIF files written by argmap from random maps, made to look like AIFdb's."""
    from argmap.formats import aif
    from argmap.model import MapBuilder, Quote, Role, Source

    rng = random.Random(seed)
    words = [
        "land",
        "tax",
        "city",
        "rent",
        "value",
        "owner",
        "state",
        "policy",
        "trade",
        "border",
        "gas",
        "oil",
        "treaty",
    ]
    out: list[Path] = []
    for i in range(count):
        n = rng.randint(10, 120)
        b = MapBuilder(f"gen-{i}", f"Generated {i}", Source(f"gen-{i}.txt", author="A Writer"))
        for k in range(n):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(4, 14))) + "."
            role = Role.THESIS if k == 0 else rng.choice([Role.CLAIM, Role.EVIDENCE])
            quotes = [Quote(text[: rng.randint(5, len(text))].strip() or "x", 10 * k, 10 * k + 9)]
            b.statement(f"s{k}", text, role, quote=quotes)
        for k in range(1, n):
            target = f"s{rng.randrange(k)}"
            if rng.random() < 0.8:
                b.support(f"s{k}", target)
            else:
                b.attack(f"s{k}", target)
        if n > 4:
            b.argument(f"A{i}", ["s1", "s2"], "s0", inference="Argument From Example")
        doc = aif.document(b.build())
        for node in doc["nodes"]:
            node["timestamp"] = "2024-05-01 12:00:00"
        if i % 2:
            del doc["argmap"]
        path = folder / f"gen-{i:04}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        out.append(path)
    return out


def arguebuf_python(folder: Path) -> str:
    """A venv in ``folder`` with arguebuf installed from PyPI; its python."""
    venv.EnvBuilder(with_pip=True).create(folder)
    python = folder / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", ARGUEBUF],
        check=True,
    )
    return str(python)


def run(python: str, loop: str, corpus: Path) -> dict[str, object]:
    start = time.perf_counter()
    proc = subprocess.run(
        [python, "-c", loop, str(corpus)], check=True, capture_output=True, text=True
    )
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - start
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=500, help="generated files (default 500)")
    parser.add_argument("--keep", type=Path, help="write the generated corpus here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-aif-") as tmp:
        folder = args.keep or Path(tmp) / "corpus"
        folder.mkdir(parents=True, exist_ok=True)
        paths = generate(folder, args.files)
        shared = Path(os.environ.get("ARGMAP_SHARED") or ROOT.parent / "shared") / "aif-samples"
        samples = sorted(shared.glob("*/*.json")) if shared.is_dir() else []
        if not samples:
            print(f"note: no shared samples at {shared}; generated files only")
        paths += samples
        corpus = Path(tmp) / "corpus.json"
        corpus.write_text(json.dumps([str(p) for p in paths]), encoding="utf-8")
        size = sum(p.stat().st_size for p in paths)
        print(
            f"corpus: {len(paths)} AIF files ({args.files} generated, {len(samples)} "
            f"samples), {size / 1e6:.1f} MB"
        )
        print(f"installing {ARGUEBUF} into a temporary venv ...", flush=True)
        other = arguebuf_python(Path(tmp) / "venv")
        ours = run(sys.executable, _ARGMAP_LOOP, corpus)
        theirs = run(other, _ARGUEBUF_LOOP, corpus)
    mismatched = [
        (str(p), a, b)
        for p, a, b in zip(paths, ours["counts"], theirs["counts"], strict=True)  # type: ignore[call-overload]
        if a != b
    ]
    nodes = sum(c[0] for c in ours["counts"])  # type: ignore[attr-defined]
    edges = sum(c[1] for c in ours["counts"])  # type: ignore[attr-defined]
    t_ours, t_theirs = float(ours["seconds"]), float(theirs["seconds"])  # type: ignore[arg-type]
    print(
        f"argument-layer nodes {nodes}, edges {edges}; files whose counts differ: {len(mismatched)}"
    )
    for path, a, b in mismatched[:10]:
        print(f"  {path}: argmap {a}, arguebuf {b}")
    print(
        f"argmap   {t_ours:8.3f} s  ({len(paths) / t_ours:7.1f} files/s), "
        f"process {float(ours['wall']):.2f} s"
    )  # type: ignore[arg-type]
    print(
        f"arguebuf {t_theirs:8.3f} s  ({len(paths) / t_theirs:7.1f} files/s), "
        f"process {float(theirs['wall']):.2f} s"
    )  # type: ignore[arg-type]
    c_ours, c_theirs = float(ours["cpu"]), float(theirs["cpu"])  # type: ignore[arg-type]
    print(f"CPU time: argmap {c_ours:.3f} s, arguebuf {c_theirs:.3f} s ({c_theirs / c_ours:.1f}x)")
    print(f"argmap is {t_theirs / t_ours:.1f}x faster")
    return 1 if mismatched else 0


if __name__ == "__main__":
    sys.exit(main())
