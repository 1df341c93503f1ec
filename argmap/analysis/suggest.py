"""Suggest correspondences: pairs of statements of different maps that may agree or conflict.

Pairs of statements from two different maps that no correspondence links yet are ranked by
:func:`argmap.analysis.ranking.rank_pairs`: the similarity of the two texts (WordLlama
embeddings and TF-IDF, :mod:`argmap.analysis.similarity`), measured against each statement's
best matches so that a statement near everything does not fill the list, with the pairs whose
statements already stand in one issue first. Each suggestion carries a polarity hint
(:mod:`argmap.analysis.polarity`) and the issue it would fit. ``docs/suggest.md`` gives the
reasons and the figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

import attrs

from argmap.analysis.polarity import polarity
from argmap.analysis.ranking import NEIGHBOURS, Ranked, rank_pairs
from argmap.analysis.similarity import SEMANTIC_WEIGHT, embed, similarity
from argmap.comparison import Comparison, Correspondence, CorrespondenceType, Ref
from argmap.formats.argdown import comment

__all__ = [
    "SEMANTIC_WEIGHT",
    "Suggestion",
    "Suggestions",
    "embed",
    "fresh_title",
    "polarity",
    "ranked_pairs",
    "similarity",
    "suggest",
]


# -- suggestions -----------------------------------------------------------------------------


@attrs.frozen
class Suggestion:
    """A candidate correspondence: two statements of different maps and why they may match.

    ``score`` is the similarity of the two texts (``semantic`` and ``lexical`` its two
    cosines); ``relative`` the ranking score, the similarity measured against each
    statement's best matches (0: as similar as those on average); ``same_issue`` says that
    both statements already stand in ``issue``.
    """

    left: Ref
    right: Ref
    score: float
    semantic: float
    lexical: float
    hint: CorrespondenceType
    cues: tuple[str, ...] = ()
    issue: str | None = None
    relative: float = 0.0
    same_issue: bool = False

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
        issue = self.issue or "none fits"
        if self.same_issue:
            issue += " (both statements stand in it)"
        return (
            comment(
                f"score {self.score:.2f} (semantic {self.semantic:.2f}, lexical "
                f"{self.lexical:.2f}; relative {self.relative:+.2f}); issue: {issue}; {hint}"
                " - a hint only"
            )
            + f"<{_title(id or self.id)}>: {text} #{kind.value}\n"
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
            "relative": round(self.relative, 4),
            "same_issue": self.same_issue,
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
            blocks.append(comment(f"suggestion {n}") + s.argdown(id=title))
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
    pool, ranked = _ranked(comparison, top, map_id, statement, weight, quotes)
    fit = _IssueFit(comparison, pool)
    items = []
    for r in ranked:
        left, right = pool.refs[r.i], pool.refs[r.j]  # i < j: the earlier map's statement left
        hint, cues = polarity(pool.texts[r.i], pool.texts[r.j])
        items.append(
            Suggestion(
                left,
                right,
                r.similarity,
                r.semantic,
                r.lexical,
                hint,
                cues,
                fit.fit(r.i, r.j),
                r.relative,
                r.same_issue,
            )
        )
    return Suggestions(comparison, tuple(items))


def ranked_pairs(
    comparison: Comparison,
    *,
    top: int = 10,
    map_id: str | None = None,
    statement: Ref | str | None = None,
    weight: float = SEMANTIC_WEIGHT,
    neighbours: int = NEIGHBOURS,
    by_issue: bool = True,
) -> list[tuple[Ref, Ref]]:
    """The pairs :func:`suggest` lists, without hints or issues (for measuring the ranking).

    ``neighbours`` and ``by_issue`` (put pairs sharing an issue first) are the ranking's two
    choices, open here so that ``benchmarks/bench_suggest.py`` can weigh them; with
    ``neighbours=0`` pairs are ordered by similarity alone.
    """
    pool, ranked = _ranked(comparison, top, map_id, statement, weight, False, neighbours, by_issue)
    return [(pool.refs[r.i], pool.refs[r.j]) for r in ranked]


def _ranked(
    comparison: Comparison,
    top: int,
    map_id: str | None,
    statement: Ref | str | None,
    weight: float,
    quotes: bool,
    neighbours: int = NEIGHBOURS,
    by_issue: bool = True,
) -> tuple[_Pool, list[Ranked]]:
    if top < 1:
        raise ValueError("top must be at least 1")
    pool = _Pool(comparison, quotes)
    rows: list[int]
    if statement is not None:
        rows = [pool.index[comparison.resolve(statement)]]
    elif map_id is not None:
        comparison.map(map_id)  # raises for an unknown map
        rows = [i for i, r in enumerate(pool.refs) if r.map_id == map_id]
    else:
        rows = list(range(len(pool.refs)))
    if not rows or len(comparison.maps) < 2:
        return pool, []
    issues = pool.issues if by_issue else [set() for _ in pool.refs]
    ranked = rank_pairs(
        pool.texts,
        pool.owner,
        rows=rows,
        top=top,
        linked=pool.linked,
        issues=issues,
        weight=weight,
        neighbours=neighbours,
    )
    return pool, ranked


class _Pool:
    """The statements of a comparison in map order, with what is known about each."""

    def __init__(self, comparison: Comparison, quotes: bool) -> None:
        self.refs: list[Ref] = []
        self.texts: list[str] = []
        self.owner: list[int] = []
        for n, m in enumerate(comparison.maps):
            for s in m.statements:
                self.refs.append(Ref(m.id, s.id))
                words = (
                    [s.text or s.id, *(q.text for q in s.quotes)] if quotes else [s.text or s.id]
                )
                self.texts.append(" ".join(words))
                self.owner.append(n)
        self.index = {r: i for i, r in enumerate(self.refs)}
        self.linked: dict[int, set[int]] = {}
        for c in comparison.correspondences:
            a, b = self.index.get(c.left), self.index.get(c.right)
            if a is not None and b is not None:
                self.linked.setdefault(a, set()).add(b)
                self.linked.setdefault(b, set()).add(a)
        # The issues each statement stands in: named by a position or a correspondence.
        self.issues: list[set[int]] = [set() for _ in self.refs]
        self.members: list[set[int]] = []
        for n, issue in enumerate(comparison.issues):
            members = {
                self.index[r] for p in issue.positions for r in p.statements if r in self.index
            }
            for c in comparison.in_issue(issue.id):
                members |= {self.index[r] for r in c.refs() if r in self.index}
            for i in members:
                self.issues[i].add(n)
            self.members.append(members)


class _IssueFit:
    """Which issue a pair of statements would fit: one whose positions or correspondences
    already name either statement, else the issue whose text and statements are nearest."""

    def __init__(self, comparison: Comparison, pool: _Pool) -> None:
        import numpy as np

        self.ids = [issue.id for issue in comparison.issues]
        self.named = pool.issues
        self.vectors = embed(pool.texts)
        profiles = []
        for issue, members in zip(comparison.issues, pool.members, strict=True):
            words = [issue.question, *(p.answer or "" for p in issue.positions)]
            vector = embed([" ".join(words)])[0]
            if members:
                vector = vector + self.vectors[sorted(members)].mean(axis=0)
            profiles.append(vector / (np.linalg.norm(vector) or 1.0))
        self.profiles = np.asarray(profiles) if profiles else None

    def fit(self, i: int, j: int) -> str | None:
        import numpy as np

        if self.profiles is None:
            return None
        a, b = self.named[i], self.named[j]
        named = (a & b) or a or b
        if named:
            return self.ids[min(named)]
        pair = self.vectors[i] + self.vectors[j]
        return self.ids[int(np.argmax(self.profiles @ pair))]
