"""Fuzz argmap's readers and checker: mutations of the real maps plus generated maps.

Every case must end in success or an :class:`~argmap.errors.ArgmapError` that carries a
location; anything else (another exception, an error without a location, a case that takes
too long) is a failure, counted by kind and printed with a reproducer seed. The process runs
under a memory cap (``resource.setrlimit(RLIMIT_AS)``), so a case that explodes in memory
shows up as a MemoryError failure instead of taking the machine down.

Usage::

    python benchmarks/fuzz.py                  # 100,000 cases (the recorded run)
    python benchmarks/fuzz.py --cases 2000 --seed 1

Each case: pick a seed text (a map in maps/, a fixture, or a map generated with
tests/strategies.py), apply 1-4 random mutations (delete, duplicate, truncate, swap lines,
re-indent, mangle numbers, splice two texts, insert Argdown tokens or special characters),
then read it (``argdown.loads``), and when it reads, check its structure and quotes against
its real source, and render it to DOT. A derandomised sample of this runs in the test suite
(tests/test_fuzz_sample.py).
"""

from __future__ import annotations

import argparse
import collections
import random
import resource
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.check import check_map  # noqa: E402
from argmap.errors import ArgmapError  # noqa: E402
from argmap.formats import argdown  # noqa: E402
from argmap.render import dot  # noqa: E402

TOKENS = [
    "[", "]", "<", ">", "{", "}", "#", "*", "_", "+>", "<+", "->", "-<", "_>", "><", "+", "-",
    "//", "/*", "*/", "<!--", "-->", "@include(x.argdown)", "===", "---", "\n", "\t", "    ",
    ": ", "#thesis", "#claim", "(1)", "----", "--\n", "&a", "*a", "!!python/object", "\\",
    '"', "'", "\u202e", "\u200b", "\u2028", "\x85", "\r", "\r\n", "\x00", "\x1b[2J", "\ue000",
    "9" * 50, "-1", "1e999", ".nan", "{quotes: [[[[]]]]}", "{view: {holder: x, stance: y}}",
]  # fmt: skip


def seeds() -> list[tuple[str, str]]:
    """(name, text) of every seed: the real maps and the fixtures."""
    files = sorted((ROOT / "maps").rglob("*.argdown"))
    files += sorted((ROOT / "tests" / "fixtures" / "argdown").glob("*.argdown"))
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in files]


def mutate(text: str, rng: random.Random, others: list[str]) -> str:
    for _ in range(rng.randint(1, 4)):
        n = len(text)
        kind = rng.randrange(9)
        i, j = sorted((rng.randint(0, n), rng.randint(0, n)))
        j = min(j, i + rng.randint(0, 200))
        if kind == 0:
            text = text[:i] + text[j:]
        elif kind == 1:
            text = text[:j] + text[i:j] + text[j:]
        elif kind == 2:
            text = text[:i]
        elif kind == 3:
            lines = text.split("\n")
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif kind == 4:
            lines = text.split("\n")
            k = rng.randrange(len(lines))
            lines[k] = " " * rng.choice((1, 2, 4, 8, 30)) + lines[k].lstrip()
            text = "\n".join(lines)
        elif kind == 5:
            text = text[:i] + str(rng.choice((0, -1, 10**6, 2**63, 7))) + text[j:]
        elif kind == 6:
            other = rng.choice(others)
            k = rng.randint(0, len(other))
            text = text[:i] + other[k : k + rng.randint(0, 400)] + text[i:]
        else:
            text = text[:i] + rng.choice(TOKENS) * rng.choice((1, 1, 2, 5, 50)) + text[i:]
    return text


def run_case(text: str, name: str) -> None:
    """Read, check and draw one text; raises whatever argmap raises."""
    path = str(ROOT / name)
    m = argdown.loads(text, path)
    check_map(m, path)
    dot.map_graph(m)


def classify(exc: BaseException) -> str | None:
    """None when the outcome is acceptable, else the kind of failure."""
    if isinstance(exc, ArgmapError):
        return None if exc.location is not None else "ArgmapError without location"
    return type(exc).__name__


def fuzz(
    cases: int, seed: int, *, slow: float = 2.0, report: Callable[[str], None] = print
) -> tuple[int, collections.Counter[str], list[str]]:
    rng = random.Random(seed)
    pool = seeds()
    texts = [t for _, t in pool]
    failures: collections.Counter[str] = collections.Counter()
    examples: list[str] = []
    outcomes: collections.Counter[str] = collections.Counter()
    for case in range(cases):
        name, base = pool[rng.randrange(len(pool))]
        case_seed = rng.randrange(2**32)
        text = mutate(base, random.Random(case_seed), texts)
        started = time.perf_counter()
        kind: str | None
        try:
            run_case(text, name)
            kind = None
            outcomes["ok"] += 1
        except RecursionError as exc:
            kind = classify(exc)
        except MemoryError as exc:
            kind = classify(exc)
        except Exception as exc:
            kind = classify(exc)
            if kind is None:
                outcomes["located ArgmapError"] += 1
            elif len(examples) < 20:
                examples.append(
                    f"case {case} (seed {seed}, case seed {case_seed}, from {name}): {kind}\n"
                    + "".join(traceback.format_exception_only(exc)).strip()[:300]
                )
        elapsed = time.perf_counter() - started
        if elapsed > slow:
            failures[f"slower than {slow:g} s"] += 1
        if kind is not None:
            failures[kind] += 1
        if case and case % 10_000 == 0:
            report(f"{case} cases, {sum(failures.values())} failures, {dict(outcomes)}")
    return cases, failures, [*examples, f"outcomes: {dict(outcomes)}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--memory-gb", type=float, default=3.0, help="address-space cap")
    args = parser.parse_args()
    cap = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    sys.setrecursionlimit(10_000)
    started = time.perf_counter()
    cases, failures, notes = fuzz(args.cases, args.seed)
    elapsed = time.perf_counter() - started
    print(
        f"fuzz: {cases} cases in {elapsed:.0f} s (seed {args.seed}, memory cap {args.memory_gb} GB)"
    )
    print(f"failures: {sum(failures.values())}")
    for kind, count in failures.most_common():
        print(f"  {kind}: {count}")
    for note in notes:
        print(note)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
