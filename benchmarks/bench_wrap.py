"""Label wrapping: :func:`argmap.render.labels.wrap` against :func:`textwrap.wrap`.

Run: ``python benchmarks/bench_wrap.py [SIZES...]``. For each size (characters) and each
kind of text (one long word, a long hyphenated word, words) the CPU time of both wrappers at
width 30, best of three, and the growth from one size to the next. Doubling the size should
about double argmap's time (linear); the standard wrapper slices the rest of a long word
again for every line, so its time grows about fourfold. Both give the same lines (checked).
"""

from __future__ import annotations

import argparse
import textwrap
import time
from collections.abc import Callable

from argmap.render.labels import wrap

__all__ = ["main"]

KINDS = {"one word": "a", "hyphenated": "ab-", "words": "word "}


def _best(fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[400_000, 800_000, 1_600_000])
    args = parser.parse_args(argv)
    print(f"{'text':<11} {'chars':>9} {'argmap s':>9} {'textwrap s':>11} {'per char vs prev':>17}")
    worst = 0.0
    for kind, unit in KINDS.items():
        last = None
        for size in args.sizes:
            text = unit * (size // len(unit))
            ours = _best(lambda text=text: wrap(text, 30))  # type: ignore[misc]
            theirs = _best(
                lambda text=text: textwrap.wrap(text, 30, break_on_hyphens=True)  # type: ignore[misc]
            )
            assert wrap(text, 30) == textwrap.wrap(text.strip(), 30, break_on_hyphens=True)
            growth = ""
            if last is not None and last[1] > 0:
                ratio = (ours / last[1]) / (size / last[0])
                worst = max(worst, ratio)
                growth = f"{ratio:.2f}x"
            print(f"{kind:<11} {size:>9,} {ours:>9.3f} {theirs:>11.3f} {growth:>17}")
            last = (size, ours)
    verdict = "goal met" if worst < 1.6 else "NOT met"
    print(
        f"argmap's time per character grows at most {worst:.2f}x when the text grows: "
        f"linear wrapping {verdict} (goal: under 1.6x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
