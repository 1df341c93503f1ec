"""Quote search on a large source: time and peak memory (review finding M6).

Generates a source of SIZE megabytes (words, line breaks, some hyphenated line ends and
typographic quotes, like an extracted essay) and finds an unanchored quote placed near its
end, as ``argmap quote`` and ``argmap check`` do. Each measurement runs in a fresh process,
so its peak RSS is its own. The competitor is the per-character index argmap used before
(one Python int per character in two tuples), run on a tenth of the size because it needs
about 100 bytes per character.

Usage: ``python benchmarks/bench_quote.py [SIZE_MB]`` (default 100).
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NEEDLE = "the needle of this benchmark stands near the end"


def make_source(megabytes: float) -> str:
    rng = random.Random(100)
    words = [
        "land",
        "tax",
        "city",
        "policy",
        "“value”",
        "Baku",
        "Russia",
        "rent",
        "owner-occupied",
        "balance",
        "power",
    ]
    line_words = [" ".join(rng.choice(words) for _ in range(11)) for _ in range(997)]
    lines: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    i = 0
    while size < target:
        line = line_words[i % len(line_words)]
        if i % 7 == 0:
            line += " hyph-"
        lines.append(line)
        size += len(line) + 1
        i += 1
    lines.insert(len(lines) - 50, "and so " + NEEDLE.replace(" near ", " near\n") + ".")
    return "\n".join(lines) + "\n"


def _child(kind: str, megabytes: float) -> None:
    text = make_source(megabytes)
    started = time.perf_counter()
    if kind == "argmap":
        from argmap.quotes import find

        m = find(text, NEEDLE)
        assert m.found, m
    else:
        # The per-character index of commit 82ae585: offsets in two tuples, one per character.
        from tests.test_robustness import _reference

        normal, starts = _reference(text)
        ends = tuple(s + 1 for s in starts)
        pos = normal.find(NEEDLE)
        assert pos >= 0 and ends
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB
    print(f"{elapsed:.2f} {peak:.0f}")


def measure(kind: str, megabytes: float) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(megabytes)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], float(sys.argv[3]))
        return
    size = float(sys.argv[1]) if len(sys.argv) > 1 else 100.0
    seconds, peak = measure("argmap", size)
    print(f"argmap quote search, {size:g} MB source: {seconds:.1f} s, peak RSS {peak:.0f} MiB")
    small = size / 10
    seconds, peak = measure("per-character", small)
    print(
        f"per-character index (before), {small:g} MB source: {seconds:.1f} s, "
        f"peak RSS {peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
