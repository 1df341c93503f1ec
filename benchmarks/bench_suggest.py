"""Measure ``argmap suggest``: recall on our comparisons, mAP on ArgKP, speed at 10,000 statements.

Run: ``python benchmarks/bench_suggest.py [--skip-argkp] [--skip-speed]``. Three parts:

1. **Our comparisons** (``maps/comparison.argdown``, ``maps/tutorial/comparison-three.argdown``):
   each existing correspondence is hidden in turn (removed from the comparison) and the
   suggestions are computed again. Reported: recall@3 and recall@10 of the hidden pair in the
   whole comparison's list (what ``argmap suggest --top K`` prints) and in the list for one of
   its two statements (``argmap suggest --statement ID``, the left one), for argmap's score
   and for plain TF-IDF cosine.
2. **ArgKP** (``../shared/argkp``, or ``$ARGMAP_SHARED/argkp``): mean average precision,
   strict and relaxed, on the dev split, scored exactly as that folder's README defines it,
   for plain TF-IDF cosine (scikit-learn, default settings, fitted on each topic's
   arguments and key points), the WordLlama cosine alone, and argmap's score. The semantic
   weight is chosen on the *train* split (grid 0.0-1.0 in steps of 0.1, best strict mAP) and
   the script says whether the choice equals the shipped ``SEMANTIC_WEIGHT``.
3. **Speed**: 10,000 statements across 100 maps (ArgKP's arguments, and shuffled copies of
   them to reach the count; generated text without the data), top 10 suggestions for the
   whole comparison, timed after the model is loaded, and the load itself.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import average_precision_score

from argmap import compare
from argmap.analysis import suggest as sg
from argmap.compare import Comparison, Ref
from argmap.model import ArgumentMap, MapBuilder, Role

REPO = Path(__file__).resolve().parents[1]
COMPARISONS = (
    REPO / "maps" / "comparison.argdown",
    REPO / "maps" / "comparison-three.argdown",
)
Scorer = Callable[[Sequence[str], Sequence[str]], "np.ndarray"]


def shared() -> Path:
    return Path(os.environ.get("ARGMAP_SHARED", REPO.parent / "shared"))


# -- 1. recall on our comparisons -----------------------------------------------------------


def _plain_tfidf(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    v = TfidfVectorizer().fit([*left, *right])
    return (v.transform(left) @ v.transform(right).T).toarray()


def _rank_by(c: Comparison, scorer: Scorer, hidden: tuple[Ref, Ref], row: Ref | None) -> int:
    """The 1-based rank of the hidden pair among unlinked cross-map pairs under ``scorer``."""
    refs = [Ref(m.id, s.id) for m in c.maps for s in m.statements]
    texts = [c.statement(r).text or r.statement_id for r in refs]
    linked = {frozenset(x.refs()) for x in c.correspondences}
    matrix = scorer(texts, texts)
    target = frozenset(hidden)
    pairs = []
    for i, a in enumerate(refs):
        if row is not None and a != row:
            continue
        for j, b in enumerate(refs):
            if a.map_id == b.map_id or (row is None and j <= i):
                continue
            if frozenset((a, b)) in linked:
                continue
            pairs.append((-float(matrix[i, j]), i, j, frozenset((a, b))))
    pairs.sort(key=lambda p: p[:3])
    return next(n for n, p in enumerate(pairs, 1) if p[3] == target)


def recall_on_comparisons() -> None:
    print("## Hidden correspondences in our comparisons\n")
    print("| comparison | pairs hidden | list | scorer | recall@3 | recall@10 | median rank |")
    print("|---|---|---|---|---|---|---|")
    ours: Scorer = lambda a, b: sg.similarity(a, b)  # noqa: E731
    for path in COMPARISONS:
        c = compare.load(path)
        for list_name in ("whole comparison", "one statement"):
            for name, scorer in (("argmap", ours), ("TF-IDF", _plain_tfidf)):
                ranks = []
                for x in c.correspondences:
                    rest = tuple(y for y in c.correspondences if y is not x)
                    hidden = attrs.evolve(c, correspondences=rest)
                    row = x.left if list_name == "one statement" else None
                    ranks.append(_rank_by(hidden, scorer, (x.left, x.right), row))
                r3 = sum(r <= 3 for r in ranks) / len(ranks)
                r10 = sum(r <= 10 for r in ranks) / len(ranks)
                print(
                    f"| {path.relative_to(REPO)} | {len(ranks)} | {list_name} | {name} | "
                    f"{r3:.2f} | {r10:.2f} | {statistics.median(ranks):g} |"
                )
    # The shipped code path (argmap suggest) agrees with the ranking above.
    c = compare.load(COMPARISONS[0])
    x = c.correspondences[0]
    hidden = attrs.evolve(c, correspondences=c.correspondences[1:])
    got = sg.suggest(hidden, top=10, statement=x.left)
    assert any({s.left, s.right} == {x.left, x.right} for s in got) == (
        _rank_by(hidden, ours, (x.left, x.right), x.left) <= 10
    )
    print()


# -- 2. ArgKP --------------------------------------------------------------------------------


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_argkp(folder: Path, split: str) -> tuple[list, list, dict[tuple[str, str], int]]:
    args = _rows(folder, f"arguments_{split}.csv")
    kps = _rows(folder, f"key_points_{split}.csv")
    labels = {
        (r["arg_id"], r["key_point_id"]): int(r["label"])
        for r in _rows(folder, f"labels_{split}.csv")
    }
    return args, kps, labels


def argkp_map(
    args: list[dict[str, str]],
    kps: list[dict[str, str]],
    labels: dict[tuple[str, str], int],
    scorer: Scorer,
) -> tuple[float, float]:
    """Strict and relaxed mAP as the ArgKP README defines them.

    For every argument, each key point of the same topic and stance is scored and the best one
    kept; per (topic, stance) the half of those pairs with the lowest scores is dropped; the
    average precision of the rest, ranked by score, is taken against the labels (an unlabelled
    pair counts as a non-match when strict, a match when relaxed); the mean over (topic,
    stance) is reported.
    """
    groups: dict[tuple[str, str], tuple[list, list]] = {}
    for a in args:
        groups.setdefault((a["topic"], a["stance"]), ([], []))[0].append(a)
    for k in kps:
        groups.setdefault((k["topic"], k["stance"]), ([], []))[1].append(k)
    strict, relaxed = [], []
    for key in sorted(groups):
        ga, gk = groups[key]
        if not ga or not gk:
            continue
        scores = np.asarray(scorer([a["argument"] for a in ga], [k["key_point"] for k in gk]))
        best = scores.argmax(axis=1)
        pairs = sorted(
            ((float(scores[i, j]), ga[i]["arg_id"], gk[j]["key_point_id"]) for i, j in
             enumerate(best)),
            key=lambda p: -p[0],
        )  # fmt: skip
        pairs = pairs[: int(len(pairs) * 0.5)]
        y_score = [p[0] for p in pairs]
        strict.append(average_precision_score([labels.get(p[1:], 0) for p in pairs], y_score))
        relaxed.append(average_precision_score([labels.get(p[1:], 1) for p in pairs], y_score))
    return float(np.mean(strict)), float(np.mean(relaxed))


def argkp() -> None:
    folder = shared() / "argkp"
    if not (folder / "labels_dev.csv").is_file():
        print(f"## ArgKP\n\nskipped: {folder} is absent\n")
        return
    train, dev = load_argkp(folder, "train"), load_argkp(folder, "dev")
    semantic = lambda a, b: sg.embed(a) @ sg.embed(b).T  # noqa: E731
    grid = [round(w * 0.1, 1) for w in range(11)]
    on_train = {
        w: argkp_map(*train, lambda a, b, w=w: sg.similarity(a, b, weight=w))[0] for w in grid
    }
    chosen = max(grid, key=lambda w: (on_train[w], -w))
    print("## ArgKP (dev split, 4 topics; scored as ../shared/argkp/README.md defines it)\n")
    print(
        f"Semantic weight chosen on train: {chosen} (train strict mAP "
        f"{on_train[chosen]:.3f}); shipped SEMANTIC_WEIGHT = {sg.SEMANTIC_WEIGHT}"
        f"{' (the same)' if chosen == sg.SEMANTIC_WEIGHT else ' (DIFFERENT: update it)'}\n"
    )
    print("| scorer | dev mAP strict | dev mAP relaxed |")
    print("|---|---|---|")
    for name, scorer in (
        ("TF-IDF cosine (scikit-learn defaults; baseline)", _plain_tfidf),
        ("WordLlama l2_supercat cosine alone", semantic),
        ("TF-IDF argmap settings alone (weight 0)", lambda a, b: sg.similarity(a, b, weight=0)),
        (f"argmap suggest score (weight {sg.SEMANTIC_WEIGHT})", sg.similarity),
    ):
        s, r = argkp_map(*dev, scorer)
        print(f"| {name} | {s:.3f} | {r:.3f} |")
    print()


# -- 3. speed --------------------------------------------------------------------------------


def _texts(n: int) -> list[str]:
    folder = shared() / "argkp"
    rng = random.Random(0)
    if (folder / "arguments_train.csv").is_file():
        base = [
            r["argument"] for s in ("train", "dev") for r in _rows(folder, f"arguments_{s}.csv")
        ]
    else:
        words = "state policy war trade gas pipeline treaty balance power region West Russia"
        base = [" ".join(rng.choices(words.split(), k=14)) for _ in range(n)]
    out = list(base[:n])
    while len(out) < n:
        words = rng.choice(base).split()
        rng.shuffle(words)
        out.append(" ".join(words))
    return out


def synthetic(statements: int = 10_000, maps: int = 100) -> Comparison:
    texts = _texts(statements)
    per = statements // maps
    built: list[ArgumentMap] = []
    for m in range(maps):
        b = MapBuilder(f"m{m}", f"Map {m}")
        for k in range(per):
            role = Role.THESIS if k == 0 else Role.CLAIM
            b.statement(f"M{m}: s{k}", texts[m * per + k], role, quote="q")
        built.append(b.build())
    return Comparison("speed", "Speed", tuple(built))


def speed() -> None:
    c = synthetic()
    n = sum(len(m.statements) for m in c.maps)
    started = time.perf_counter()
    sg._wordllama()
    load = time.perf_counter() - started
    runs, cpu = [], []
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = sg.suggest(c, top=10)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    started = time.perf_counter()
    v = TfidfVectorizer().fit_transform([s.text or "" for m in c.maps for s in m.statements])
    for i in range(0, n, 1024):
        (v[i : i + 1024] @ v.T).toarray()
    tfidf_only = time.perf_counter() - started
    print(
        f"## Speed: {n:,} statements across {len(c.maps)} maps, top 10 for the whole comparison\n"
    )
    print("| what | seconds |")
    print("|---|---|")
    print(f"| load the WordLlama model (once a process) | {load:.2f} |")
    print(
        f"| argmap suggest, best of 3 ({', '.join(f'{t:.2f}' for t in runs)}) | {min(runs):.2f} |"
    )
    print(f"| the same, CPU seconds (both cores), best of 3 | {min(cpu):.2f} |")
    print(f"| plain TF-IDF all pairs, same blocks (no model, no ranking) | {tfidf_only:.2f} |")
    print(f"\nload average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"\nbest suggestion: {result[0].left} ~ {result[0].right} ({result[0].score:.3f})\n")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--skip-argkp", action="store_true")
    p.add_argument("--skip-speed", action="store_true")
    p.add_argument("--skip-recall", action="store_true")
    args = p.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    if not args.skip_recall:
        recall_on_comparisons()
    if not args.skip_argkp:
        argkp()
    if not args.skip_speed:
        speed()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
