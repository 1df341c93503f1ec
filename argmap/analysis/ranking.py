"""Which pairs of statements of a comparison to suggest first.

Sorted by similarity (:mod:`argmap.analysis.similarity`) alone, a few statements that are near
everything (a thesis naming the whole subject) fill the list. Each pair is therefore scored
relative to its two statements' best matches — the *cross-domain similarity local scaling*
of Conneau et al. (2018, "Word translation without parallel data"):
``2 * sim(i, j) - r(i) - r(j)``, where ``r(i)`` is the mean similarity of statement ``i`` to
its :data:`NEIGHBOURS` most similar statements of the other maps. Pairs whose two statements
already stand in one issue (its positions or correspondences name them) come first.

The similarities are computed once, in tiles of the upper triangle of the matrix, float32;
the matrix is never held, only each statement's few best partners.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, NamedTuple

from argmap.analysis.similarity import SEMANTIC_WEIGHT, embed, tfidf

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["NEIGHBOURS", "Ranked", "rank_pairs"]

NEIGHBOURS = 3
"""How many best matches of a statement set the level its pairs are measured against.

Chosen on our own comparisons, hiding each correspondence in turn: the best recall@3 plus
recall@10 of the whole comparison's list over 1, 2, 3 and 5 (``benchmarks/bench_suggest.py``
recomputes the choice and says whether it still agrees)."""

_BLOCK = 512  # rows of the similarity matrix computed at a time, at most
_CELLS = 1 << 23  # and at most about this many similarities (32 MB of float32) a tile
_SLACK = 1e-5  # float32 tiles and the float64 recomputation differ far less than this


class Ranked(NamedTuple):
    """A pair of statements (indices into the texts) as :func:`rank_pairs` ranks it."""

    i: int
    j: int
    relative: float  # 2 * similarity - r(i) - r(j): the ranking score
    similarity: float
    semantic: float
    lexical: float
    same_issue: bool


class _Vectors:
    """Both representations of the texts, scaled so one product gives the similarity."""

    def __init__(self, texts: Sequence[str], weight: float) -> None:
        import numpy as np

        self.weight = weight
        with ThreadPoolExecutor(max_workers=1) as worker:
            # The tokenizer runs without Python's lock, beside the TF-IDF fit.
            semantic = worker.submit(embed, texts)
            self.lexical = tfidf(texts)
            self.semantic = semantic.result()
        self.dense = self.semantic * np.float32(weight**0.5)
        self.sparse = (self.lexical * np.float32((1 - weight) ** 0.5)).tocsr()

    def rows(self, index: NDArray[np.int64]) -> NDArray[np.float32]:
        """The similarities of the texts ``index`` to every text, as a dense block."""
        block: NDArray[np.float32] = self.dense[index] @ self.dense.T
        block += (self.sparse[index] @ self.sparse.T).toarray()
        return block

    def tile(self, start: int, stop: int) -> NDArray[np.float32]:
        """The similarities of the texts ``start:stop`` to the texts ``start:``."""
        block: NDArray[np.float32] = self.dense[start:stop] @ self.dense[start:].T
        block += (self.sparse[start:stop] @ self.sparse[start:].T).toarray()
        return block

    def pairs(
        self, pairs: Sequence[tuple[int, int]]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """Similarity, semantic and lexical cosine of each pair, in float64."""
        import numpy as np

        left = np.asarray([p[0] for p in pairs], dtype=np.int64)
        right = np.asarray([p[1] for p in pairs], dtype=np.int64)
        a, b = self.semantic[left].astype(np.float64), self.semantic[right].astype(np.float64)
        sem = np.einsum("ij,ij->i", a, b)
        lex = np.asarray(
            self.lexical[left].multiply(self.lexical[right]).sum(axis=1), dtype=np.float64
        ).ravel()
        return self.weight * sem + (1 - self.weight) * lex, sem, lex


def rank_pairs(
    texts: Sequence[str],
    owners: Sequence[int],
    *,
    rows: Sequence[int],
    top: int,
    linked: Mapping[int, Collection[int]],
    issues: Sequence[Collection[int]],
    weight: float = SEMANTIC_WEIGHT,
    neighbours: int = NEIGHBOURS,
) -> list[Ranked]:
    """The ``top`` best pairs ``(i, j)``, ``i < j``, one of them in ``rows``, of two owners.

    ``owners[i]`` is the map of text ``i`` (texts of one map are contiguous, maps in order);
    ``linked[i]`` the texts already linked to ``i`` (never suggested); ``issues[i]`` the
    issues ``i`` stands in. Pairs sharing an issue come first, then the rest, each by
    :attr:`Ranked.relative`; ties by index.

    The matrix of similarities is computed once, in tiles of its upper triangle; each tile
    gives its rows and its columns their best few partners (the values above a list's last
    kept one; ``argpartition`` while a list is not full), which set each statement's level
    and hold the candidates. A row whose dropped partners might still reach the list is
    computed again in full, so the list is exact.
    """
    import numpy as np

    n = len(texts)
    if n == 0 or not rows or top < 1:
        return []
    owner = np.asarray(owners, dtype=np.int64)
    vectors = _Vectors(texts, weight)
    best = _Best(owner, max(neighbours, 1))
    height = min(_BLOCK, max(16, _CELLS // n))
    # A small first tile: its rows' lists fill by argpartition, all later ones by a
    # comparison with their last kept value.
    edges = [0, *range(min(height, 64), n, height), n]
    with ThreadPoolExecutor(max_workers=1) as worker:
        # The next tile is computed (BLAS and sparse products, without the GIL) while this
        # one is merged; the tiles and the order of merging are the same either way.
        coming = worker.submit(best.tile, vectors, edges[0], edges[1])
        for start, stop, after in zip(edges[:-1], edges[1:], [*edges[2:], None], strict=True):
            tile = coming.result()
            if after is not None:
                coming = worker.submit(best.tile, vectors, stop, after)
            best.add(np.arange(start, stop), tile, start)
            if stop < n:  # the columns right of the diagonal block, each as a row
                best.add(np.arange(stop, n), tile, start, skip=stop - start)
    level = best.level(neighbours)
    wanted = np.zeros(n, dtype=bool)
    wanted[list(rows)] = True
    code = _codes(linked, n)
    pool = _Pool(n, level)
    pool.add(*best.candidates(wanted, code))
    cut = pool.cut(top)
    # A pair in no list has a similarity at most each statement's last kept one, so its
    # relative score is at most the sum of the two statements' gaps (last kept - level,
    # never above 0). A row whose gap, with the largest other gap, reaches the list's
    # last score may hold a pair for the list: it is computed again in full.
    gap = best.threshold() - level
    redo = np.flatnonzero(wanted & (gap + float(gap.max()) >= cut - _SLACK))
    for start in range(0, len(redo), height):
        index = redo[start : start + height]
        block = best.mask(index, vectors.rows(index), 0)
        block[np.isin(index[:, None] * n + np.arange(n)[None, :], code)] = -np.inf
        # Only the row's best by relative score (and any within the slack of them) can count.
        score = 2 * block - level[None, :]
        width = min(top, n)
        kth = np.partition(score, n - width, axis=1)[:, n - width]
        hit = np.flatnonzero(score >= (kth - _SLACK)[:, None])
        pool.add(index[hit // n], hit % n, block.ravel()[hit])
    # The candidates within the slack of the list, and the pairs sharing an issue, are scored
    # again in float64 from the two vectors; that one value orders them.
    same = _same_issue(issues, owner, wanted, linked)
    pairs = sorted(set(pool.best(top)) | same)
    if not pairs:
        return []
    sim, sem, lex = vectors.pairs(pairs)
    levels = level.tolist()
    out = [
        Ranked(i, j, 2 * s - levels[i] - levels[j], s, a, b, (i, j) in same)
        for (i, j), s, a, b in zip(pairs, sim.tolist(), sem.tolist(), lex.tolist(), strict=True)
    ]
    # Scores equal to 6 places are ties, broken by position, whatever the float rounding.
    out.sort(key=lambda r: (not r.same_issue, -round(r.relative, 6), r.i, r.j))
    return out[:top]


class _Best:
    """Each statement's ``width`` most similar statements of other maps, found tile by tile."""

    def __init__(self, owner: NDArray[np.int64], width: int) -> None:
        import numpy as np

        n = len(owner)
        self.n, self.width = n, width
        self.starts = np.searchsorted(owner, owner, side="left")
        self.ends = np.searchsorted(owner, owner, side="right")
        self.value = np.full((n, width), -np.inf, dtype=np.float32)
        self.index = np.full((n, width), -1, dtype=np.int64)

    def mask(
        self, index: NDArray[np.int64], block: NDArray[np.float32], offset: int
    ) -> NDArray[np.float32]:
        """``block`` (rows ``index``, columns from ``offset``) with -inf at each row's own map."""
        import numpy as np

        starts = self.starts[index]
        runs = np.flatnonzero(np.diff(starts)) + 1  # index is sorted: a map's rows are a run
        for k0, k1 in zip([0, *runs.tolist()], [*runs.tolist(), len(index)], strict=True):
            a, b = max(int(starts[k0]), offset), int(self.ends[index[k0]])
            if a < b:
                block[k0:k1, a - offset : b - offset] = -np.inf
        return block

    def tile(self, vectors: _Vectors, start: int, stop: int) -> NDArray[np.float32]:
        import numpy as np

        return self.mask(np.arange(start, stop), vectors.tile(start, stop), start)

    def add(
        self,
        rows: NDArray[np.int64],
        block: NDArray[np.float32],
        offset: int,
        *,
        skip: int | None = None,
    ) -> None:
        """Merge ``block`` into the lists of ``rows``: ``block[k, c]`` is the similarity of
        ``rows[k]`` and ``offset + c``; with ``skip``, of ``rows[c - skip]`` and
        ``offset + k`` (the columns from ``skip`` on, each as a row).

        A full list only takes the values above its last (a comparison, no selection);
        a list not yet full takes the row's best by ``argpartition``.
        """
        import numpy as np

        last = self.value[rows].min(axis=1)
        open_ = ~np.isfinite(last)
        left, right, value = [], [], []
        if open_.any():
            view = block if skip is None else block[:, skip:].T
            sub = np.ascontiguousarray(view[open_])
            width = sub.shape[1]
            if width > self.width:
                part = np.argpartition(sub, width - self.width, axis=1)[:, width - self.width :]
            else:
                part = np.broadcast_to(np.arange(width), sub.shape)
            left.append(np.repeat(rows[open_], part.shape[1]))
            right.append(part.ravel() + offset)
            value.append(np.take_along_axis(sub, part, axis=1).ravel())
        if not open_.all():
            bar = np.where(open_, np.inf, last).astype(np.float32)
            if skip is None:
                hit = np.flatnonzero(block > bar[:, None])  # 1-D: far faster than nonzero
                k, c = np.divmod(hit, block.shape[1])
                left.append(rows[k])
                right.append(c + offset)
            else:
                bar = np.concatenate([np.full(skip, np.inf, dtype=np.float32), bar])
                hit = np.flatnonzero(block > bar[None, :])
                k, c = np.divmod(hit, block.shape[1])
                left.append(rows[c - skip])
                right.append(k + offset)
            value.append(block.ravel()[hit])
        self._merge(np.concatenate(left), np.concatenate(right), np.concatenate(value))

    def _merge(
        self, left: NDArray[np.int64], right: NDArray[np.int64], value: NDArray[np.float32]
    ) -> None:
        """Keep, for each row named in ``left``, its ``width`` best of old and new entries."""
        import numpy as np

        if not len(left):
            return
        named = np.zeros(self.n, dtype=bool)
        named[left] = True
        rows = np.flatnonzero(named)
        left = np.concatenate([np.repeat(rows, self.width), left])
        right = np.concatenate([self.index[rows].ravel(), right])
        value = np.concatenate([self.value[rows].ravel(), value])
        # One sort key: the row, then the value, best first (a similarity is within [-1, 1];
        # -inf, an empty place, counts as -3).
        key = left * 8.0 + (2.0 - np.maximum(value.astype(np.float64), -3.0))
        order = np.argsort(key)  # deterministic; equal values may come in either order
        left, right, value = left[order], right[order], value[order]
        first = np.searchsorted(left, rows)
        counts = np.diff(np.append(first, len(left)))
        keep = np.arange(len(left)) - np.repeat(first, counts) < self.width
        self.value[rows] = value[keep].reshape(len(rows), self.width)
        self.index[rows] = right[keep].reshape(len(rows), self.width)

    def level(self, depth: int) -> NDArray[np.float32]:
        """Each statement's mean similarity to its ``depth`` best (0 for one with none)."""
        import numpy as np

        top = -np.sort(-self.value, axis=1)[:, :depth]
        finite = np.isfinite(top)
        count = finite.sum(axis=1)
        total = np.where(finite, top, 0).sum(axis=1)
        out: NDArray[np.float32] = np.where(count > 0, total / np.maximum(count, 1), 0).astype(
            np.float32
        )
        return out

    def threshold(self) -> NDArray[np.float32]:
        """Below it a row's partners were dropped; -inf where the row kept every partner."""
        import numpy as np

        complete = self.n - (self.ends - self.starts) <= self.width
        out: NDArray[np.float32] = np.where(complete, -np.inf, self.value.min(axis=1))
        return out.astype(np.float32)

    def candidates(
        self, wanted: NDArray[np.bool_], linked: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float32]]:
        """The kept pairs with a wanted statement, not linked: left, right, similarity."""
        import numpy as np

        left = np.repeat(np.arange(self.n), self.width)
        right, value = self.index.ravel(), self.value.ravel()
        ok = np.isfinite(value) & (wanted[left] | wanted[np.maximum(right, 0)])
        ok &= ~np.isin(left * self.n + right, linked)
        return left[ok], right[ok], value[ok]


class _Pool:
    """Candidate pairs, each once as ``(i, j)`` with ``i < j``, with their relative scores."""

    def __init__(self, n: int, level: NDArray[np.float32]) -> None:
        import numpy as np

        self.n, self.level = n, level.astype(np.float64)
        self.parts: list[tuple[NDArray[np.int64], NDArray[np.float64]]] = []

    def add(
        self, left: NDArray[np.int64], right: NDArray[np.int64], value: NDArray[np.float32]
    ) -> None:
        import numpy as np

        ok = np.isfinite(value)
        left, right = left[ok], right[ok]
        a, b = np.minimum(left, right), np.maximum(left, right)
        score = 2 * value[ok].astype(np.float64) - self.level[a] - self.level[b]
        self.parts.append((a * self.n + b, score))

    def scores(self) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Each pair's code ``i * n + j`` once, with its best score, best first."""
        import numpy as np

        if not self.parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        code = np.concatenate([c for c, _ in self.parts])
        score = np.concatenate([s for _, s in self.parts])
        order = np.lexsort((code, -score))  # best first, ties by pair
        code, score = code[order], score[order]
        _, first = np.unique(code, return_index=True)
        first.sort()
        return code[first], score[first]

    def cut(self, top: int) -> float:
        """The ``top``-th best score so far (-inf while there are fewer pairs)."""
        score = self.scores()[1]
        return float(score[top - 1]) if len(score) >= top else float("-inf")

    def best(self, top: int) -> list[tuple[int, int]]:
        """The ``top`` best pairs, and any others within the slack of the last of them."""
        code, score = self.scores()
        if len(score) > top:
            code = code[score >= score[top - 1] - _SLACK]
        return [(c // self.n, c % self.n) for c in code.tolist()]


def _codes(linked: Mapping[int, Collection[int]], n: int) -> NDArray[np.int64]:
    """The linked pairs as ``i * n + j``, both ways, sorted."""
    import numpy as np

    codes = [i * n + j for i, js in linked.items() for j in js]
    codes += [j * n + i for i, js in linked.items() for j in js]
    return np.unique(np.asarray(codes, dtype=np.int64))


def _same_issue(
    issues: Sequence[Collection[int]],
    owner: NDArray[np.int64],
    wanted: NDArray[np.bool_],
    linked: Mapping[int, Collection[int]],
) -> set[tuple[int, int]]:
    """The unlinked pairs ``(i, j)``, ``i < j``, of two maps that share an issue."""
    by_issue: dict[int, list[int]] = {}
    for i, mine in enumerate(issues):
        for n in mine:
            by_issue.setdefault(n, []).append(i)
    out: set[tuple[int, int]] = set()
    for members in by_issue.values():
        for a in members:
            for b in members:
                wanted_pair = wanted[a] or wanted[b]
                if a < b and owner[a] != owner[b] and wanted_pair and b not in linked.get(a, ()):
                    out.add((a, b))
    return out
