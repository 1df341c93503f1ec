"""Suggest correspondences: pairs of statements of different maps that may agree or conflict.

Each pair of statements from two different maps that no correspondence links yet gets a score,
a weighted sum of two cosine similarities of the statements' texts:

* **semantic**: WordLlama's ``l2_supercat`` static embeddings (256 dimensions). The model and
  its tokenizer ship inside the ``wordllama`` wheel (about 16 MB), load in well under a second
  and embed thousands of sentences a second on a CPU; nothing is downloaded at run time.
* **lexical**: TF-IDF (scikit-learn, sublinear term frequency, English stop words removed),
  fitted on the statements being compared, so words shared by few statements weigh most.

:data:`SEMANTIC_WEIGHT` was chosen on the training split of ArgKP (see
``benchmarks/bench_suggest.py`` and ``docs/suggest.md``), never on the data it is reported on.

Every suggestion carries a **polarity hint** — ``agree`` or ``conflict`` — from surface cues
(a negation on one side only, a pair of antonyms across the two statements). It is a hint for
the analyst, not a verdict: similarity does not tell agreement from disagreement.

>>> polarity("Baku has an independent course.", "Baku has no independent course.")
(<CorrespondenceType.CONFLICT: 'conflict'>, ('negation: "no" in one statement only',))
>>> polarity("Russia's influence will increase.", "Russia's influence will decrease.")
(<CorrespondenceType.CONFLICT: 'conflict'>, ('antonyms: "increase" / "decrease"',))
>>> polarity("Baku balances its partners.", "Azerbaijan balances the powers.")
(<CorrespondenceType.AGREE: 'agree'>, ())
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

from argmap.comparison import Comparison, Correspondence, CorrespondenceType, Ref

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = [
    "SEMANTIC_WEIGHT",
    "Suggestion",
    "Suggestions",
    "embed",
    "fresh_title",
    "polarity",
    "similarity",
    "suggest",
]

SEMANTIC_WEIGHT = 0.2
"""The weight of the embedding cosine in the score; the TF-IDF cosine gets the rest.

The value that maximises strict mAP on ArgKP's training split over 0.0, 0.1, ..., 1.0
(``benchmarks/bench_suggest.py`` recomputes it and says whether it still agrees)."""

_BLOCK = 1024  # rows of the similarity matrix computed at a time


# -- similarity ------------------------------------------------------------------------------


@functools.cache
def _wordllama() -> Any:
    """The WordLlama model shipped inside the wheel, loaded once; never downloads."""
    from pathlib import Path

    import wordllama

    # wordllama 0.4 looks for its tokenizer under tokenizer/ and the wheel has tokenizers/:
    # point it at the package folder and forbid downloads, so the shipped files are used.
    return wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True
    )


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """Unit-length WordLlama embeddings of ``texts``, one row each (256 columns)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    vectors: NDArray[np.float32] = np.asarray(
        _wordllama().embed(list(texts), norm=True), dtype=np.float32
    )
    return vectors


def _tfidf(texts: Sequence[str]) -> csr_matrix:
    """Unit-length TF-IDF rows of ``texts`` (all-zero rows for texts of stop words only)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float64)
    try:
        matrix: csr_matrix = vectorizer.fit_transform(list(texts)).tocsr()
    except ValueError:  # no word left (empty texts, stop words only)
        from scipy.sparse import csr_matrix as _csr

        return _csr((len(texts), 1))
    return matrix


def similarity(
    left: Sequence[str], right: Sequence[str], *, weight: float = SEMANTIC_WEIGHT
) -> NDArray[np.float64]:
    """The score of every pair (``left[i]``, ``right[j]``) as a matrix.

    TF-IDF is fitted on both lists together. ``weight`` is the share of the embedding cosine.

    >>> s = similarity(["Tax the land."], ["Land should be taxed.", "Dogs bark."])
    >>> bool(s[0, 0] > s[0, 1])
    True
    """
    import numpy as np

    lexical = _tfidf([*left, *right])
    a, b = lexical[: len(left)], lexical[len(left) :]
    semantic = embed(left) @ embed(right).T
    out: NDArray[np.float64] = weight * semantic.astype(np.float64) + (1 - weight) * (
        (a @ b.T).toarray()
    )
    return out


# -- polarity cues ---------------------------------------------------------------------------

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "cannot",
        "can't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "won't",
        "wouldn't",
        "shouldn't",
        "couldn't",
        "hasn't",
        "haven't",
        "hadn't",
        "nor",
        "neither",
        "none",
        "nobody",
        "nothing",
        "without",
        "lack",
        "lacks",
        "lacked",
        "fail",
        "fails",
        "failed",
    ]
)
# Pairs of words of opposite sense that essays on policy use; matched on simple stems.
_ANTONYMS = (
    ("increase", "decrease"),
    ("rise", "fall"),
    ("grow", "shrink"),
    ("more", "less"),
    ("strong", "weak"),
    ("strengthen", "weaken"),
    ("independent", "dependent"),
    ("independence", "dependence"),
    ("support", "oppose"),
    ("accept", "reject"),
    ("agree", "disagree"),
    ("allow", "forbid"),
    ("benefit", "harm"),
    ("gain", "loss"),
    ("win", "lose"),
    ("success", "failure"),
    ("succeed", "fail"),
    ("good", "bad"),
    ("positive", "negative"),
    ("friend", "enemy"),
    ("ally", "rival"),
    ("cooperation", "confrontation"),
    ("peace", "war"),
    ("stable", "unstable"),
    ("legal", "illegal"),
    ("safe", "dangerous"),
    ("cheap", "expensive"),
    ("high", "low"),
    ("close", "distant"),
    ("pro", "anti"),
    ("rapprochement", "estrangement"),
    ("always", "never"),
    ("should", "shouldn't"),
)


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "ed", "ing", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_ANTONYM_STEMS = tuple((_stem(a), _stem(b), a, b) for a, b in _ANTONYMS)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def polarity(left: str, right: str) -> tuple[CorrespondenceType, tuple[str, ...]]:
    """A hint whether two statements agree or conflict, and the cues behind it.

    A negation in one statement only, or a pair of antonyms split across the two, is a
    conflict cue; with no cue the hint is ``agree``. Cues are surface evidence only.
    """
    words_l, words_r = _words(left), _words(right)
    cues: list[str] = []
    neg_l = [w for w in words_l if w in _NEGATIONS or w.endswith("n't")]
    neg_r = [w for w in words_r if w in _NEGATIONS or w.endswith("n't")]
    if bool(neg_l) != bool(neg_r):
        cues.append(f'negation: "{(neg_l or neg_r)[0]}" in one statement only')
    stems_l, stems_r = {_stem(w) for w in words_l}, {_stem(w) for w in words_r}
    for a, b, word_a, word_b in _ANTONYM_STEMS:
        if (a in stems_l and b in stems_r and b not in stems_l and a not in stems_r) or (
            b in stems_l and a in stems_r and a not in stems_l and b not in stems_r
        ):
            cues.append(f'antonyms: "{word_a}" / "{word_b}"')
    kind = CorrespondenceType.CONFLICT if cues else CorrespondenceType.AGREE
    return kind, tuple(cues)


# -- suggestions -----------------------------------------------------------------------------


@attrs.frozen
class Suggestion:
    """A candidate correspondence: two statements of different maps and why they may match."""

    left: Ref
    right: Ref
    score: float
    semantic: float
    lexical: float
    hint: CorrespondenceType
    cues: tuple[str, ...] = ()
    issue: str | None = None

    @property
    def id(self) -> str:
        """A title for the correspondence, from the two statement titles without prefixes."""
        return f"Suggested: {_short(self.left.statement_id)} ~ {_short(self.right.statement_id)}"

    def correspondence(
        self,
        type: CorrespondenceType | str | None = None,
        rationale: str = "",
        id: str | None = None,
    ) -> Correspondence:
        """This suggestion as a correspondence; ``type`` defaults to the hint."""
        kind = CorrespondenceType(type) if type is not None else self.hint
        return Correspondence(id or self.id, self.left, self.right, kind, rationale, self.issue)

    def argdown(
        self,
        type: CorrespondenceType | str | None = None,
        rationale: str | None = None,
        id: str | None = None,
    ) -> str:
        """Ready-to-paste Argdown for this suggestion (a comment line, then the argument)."""
        from argmap.formats._argdown_writer import escape

        kind = CorrespondenceType(type) if type is not None else self.hint
        hint = f"hint: {self.hint.value}" + (f" ({'; '.join(self.cues)})" if self.cues else "")
        text = (
            escape(rationale)
            if rationale
            else f"REPLACE ME: why these statements {_VERB[kind]}, in your own words."
        )
        sign = "-" if kind is CorrespondenceType.CONFLICT else "+"
        return (
            f"// score {self.score:.2f} (semantic {self.semantic:.2f}, lexical "
            f"{self.lexical:.2f}); issue: {self.issue or 'none fits'}; {hint} - a hint only\n"
            f"<{_title(id or self.id)}>: {text} #{kind.value}\n"
            f"    + [{self.left.statement_id}]\n"
            f"    {sign} [{self.right.statement_id}]\n"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "left": str(self.left),
            "right": str(self.right),
            "score": round(self.score, 4),
            "semantic": round(self.semantic, 4),
            "lexical": round(self.lexical, 4),
            "hint": self.hint.value,
            "cues": list(self.cues),
            "issue": self.issue,
        }


_VERB = {
    CorrespondenceType.AGREE: "agree",
    CorrespondenceType.PARTIAL: "partly agree",
    CorrespondenceType.CONFLICT: "conflict",
}


def _short(statement_id: str) -> str:
    head, sep, rest = statement_id.partition(": ")
    return rest if sep and len(head) <= 6 and rest else statement_id


def _title(title: str) -> str:
    # An argument title ends at '>' and may not span lines; keep the rest as it is.
    return " ".join(title.replace(">", "\u203a").split())


@attrs.frozen
class Suggestions(Sequence[Suggestion]):
    """The ranked suggestions for a comparison: a sequence, plus ways to accept them.

    ``accept`` returns a new :class:`~argmap.compare.Comparison` with the chosen suggestions
    added as correspondences (the comparison itself is immutable); ``argdown`` gives the text
    to paste into the comparison file.
    """

    comparison: Comparison
    items: tuple[Suggestion, ...]

    @overload
    def __getitem__(self, index: int) -> Suggestion: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Suggestion]: ...
    def __getitem__(self, index: int | slice) -> Suggestion | Sequence[Suggestion]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.items)

    def accept(
        self,
        *chosen: int | Suggestion,
        type: CorrespondenceType | str | None = None,
        rationale: str = "",
    ) -> Comparison:
        """The comparison with the chosen suggestions (indices or items) as correspondences.

        >>> from argmap.model import MapBuilder, Role
        >>> a = MapBuilder("a").statement("A: t", "Tax land.", Role.THESIS, quote="x").build()
        >>> b = MapBuilder("b").statement("B: t", "Tax the land.", Role.THESIS, quote="y").build()
        >>> s = suggest(Comparison("ab", "A and B", (a, b)))
        >>> [str(x.right) for x in s.accept(0, rationale="Both tax land.").agreements("a")]
        ['b:B: t']
        """
        added: list[Correspondence] = []
        taken = {c.id for c in self.comparison.correspondences}
        for item in chosen:
            s = self.items[item] if isinstance(item, int) else item
            c = s.correspondence(type, rationale, fresh_title(s.id, taken))
            taken.add(c.id)
            added.append(c)
        return attrs.evolve(
            self.comparison, correspondences=(*self.comparison.correspondences, *added)
        )

    def argdown(self) -> str:
        """Every suggestion as ready-to-paste Argdown, numbered, best first."""
        taken = {c.id for c in self.comparison.correspondences}
        blocks = []
        for n, s in enumerate(self.items, 1):
            title = fresh_title(s.id, taken)
            taken.add(title)
            blocks.append(f"// suggestion {n}\n" + s.argdown(id=title))
        return "\n".join(blocks)

    def to_json(self) -> list[dict[str, object]]:
        return [s.to_json() for s in self.items]


def fresh_title(title: str, taken: set[str]) -> str:
    """``title``, or ``title (2)``, ``(3)``... whichever is not in ``taken``."""
    if title not in taken:
        return title
    n = 2
    while f"{title} ({n})" in taken:
        n += 1
    return f"{title} ({n})"


def suggest(
    comparison: Comparison,
    *,
    top: int = 10,
    map_id: str | None = None,
    statement: Ref | str | None = None,
    weight: float = SEMANTIC_WEIGHT,
    quotes: bool = False,
) -> Suggestions:
    """The ``top`` best pairs of statements of different maps not yet linked, best first.

    ``map_id`` keeps the pairs with a statement of that map (where does a new author meet the
    others?); ``statement`` keeps the pairs with that statement (a :class:`Ref`, a
    ``map:statement`` string or a plain statement id). ``quotes`` adds each statement's quotes
    to its text. Raises :class:`KeyError` for an unknown map or statement.
    """
    import numpy as np

    if top < 1:
        raise ValueError("top must be at least 1")
    refs: list[Ref] = []
    texts: list[str] = []
    owner: list[int] = []
    for n, m in enumerate(comparison.maps):
        for s in m.statements:
            refs.append(Ref(m.id, s.id))
            words = [s.text or s.id, *(q.text for q in s.quotes)] if quotes else [s.text or s.id]
            texts.append(" ".join(words))
            owner.append(n)
    index = {r: i for i, r in enumerate(refs)}
    rows: list[int]
    if statement is not None:
        rows = [index[comparison.resolve(statement)]]
    elif map_id is not None:
        comparison.map(map_id)  # raises for an unknown map
        rows = [i for i, r in enumerate(refs) if r.map_id == map_id]
    else:
        rows = list(range(len(refs)))
    if not rows or len(comparison.maps) < 2:
        return Suggestions(comparison, ())

    semantic_all = embed(texts)
    lexical_all = _tfidf(texts).astype(np.float32)
    owners = np.asarray(owner)
    map_end = np.searchsorted(owners, np.arange(len(comparison.maps)), side="right")
    linked: dict[int, set[int]] = {}
    for c in comparison.correspondences:
        a, b = index.get(c.left), index.get(c.right)
        if a is not None and b is not None:
            linked.setdefault(a, set()).add(b)
            linked.setdefault(b, set()).add(a)
    whole = statement is None and map_id is None  # then each pair once: j in a later map
    w = np.float32(weight)
    best: list[tuple[float, int, int]] = []
    row_array = np.asarray(rows)
    for start in range(0, len(rows), _BLOCK):
        block = row_array[start : start + _BLOCK]
        first = int(map_end[owners[block[0]]]) if whole else 0
        if first >= len(refs):
            continue
        score = (semantic_all[block] * w) @ semantic_all[first:].T
        lexical = (lexical_all[block] @ lexical_all[first:].T).tocoo()
        score[lexical.row, lexical.col] += (1 - w) * lexical.data
        others = owners[None, first:]
        invalid = owners[block][:, None] >= others if whole else owners[block][:, None] == others
        score[invalid] = -np.inf
        for k, i in enumerate(block):
            for j in linked.get(int(i), ()):
                if j >= first:
                    score[k, j - first] = -np.inf
        flat = score.ravel()
        if len(best) >= top:
            cand = np.flatnonzero(flat > best[-1][0])
        else:
            cand = np.flatnonzero(np.isfinite(flat))
        if cand.size > top:
            cand = cand[np.argpartition(-flat[cand], top - 1)[:top]]
        for f in cand:
            k, j = divmod(int(f), score.shape[1])
            best.append((float(flat[f]), int(block[k]), j + first))
        best.sort(key=lambda t: (-t[0], t[1], t[2]))
        del best[top:]

    issues = _IssueFit(comparison, refs, semantic_all, index)
    items = []
    for score_, i, j in best:
        sem_ = float(semantic_all[i] @ semantic_all[j])
        lex_ = float((lexical_all[i] @ lexical_all[j].T).sum())
        left, right = (refs[i], refs[j])
        if owner[j] < owner[i]:  # the earlier map's statement left, as check asks
            left, right = right, left
        hint, cues = polarity(texts[index[left]], texts[index[right]])
        items.append(Suggestion(left, right, score_, sem_, lex_, hint, cues, issues.fit(i, j)))
    return Suggestions(comparison, tuple(items))


class _IssueFit:
    """Which issue a pair of statements would fit: one whose positions or correspondences
    already name either statement, else the issue whose text and statements are nearest."""

    def __init__(
        self,
        comparison: Comparison,
        refs: list[Ref],
        vectors: NDArray[np.float32],
        index: dict[Ref, int],
    ) -> None:
        import numpy as np

        self.ids = [issue.id for issue in comparison.issues]
        self.named: dict[int, list[int]] = {}
        profiles = []
        for n, issue in enumerate(comparison.issues):
            members = {index[r] for p in issue.positions for r in p.statements if r in index}
            for c in comparison.in_issue(issue.id):
                members |= {index[r] for r in c.refs() if r in index}
            for i in members:
                self.named.setdefault(i, []).append(n)
            words = [issue.question, *(p.answer or "" for p in issue.positions)]
            vector = embed([" ".join(words)])[0]
            if members:
                vector = vector + vectors[sorted(members)].mean(axis=0)
            profiles.append(vector / (np.linalg.norm(vector) or 1.0))
        self.vectors = vectors
        self.profiles = np.asarray(profiles) if profiles else None

    def fit(self, i: int, j: int) -> str | None:
        import numpy as np

        if self.profiles is None:
            return None
        a, b = self.named.get(i, []), self.named.get(j, [])
        both = [n for n in a if n in b]
        named = both or a or b
        if named:
            return self.ids[min(named)]
        pair = self.vectors[i] + self.vectors[j]
        return self.ids[int(np.argmax(self.profiles @ pair))]
