"""The issue matrix of a comparison: one row per issue, one column per author.

Each cell holds the author's answer in a short form, the statements behind it, and how it
stands to each other author's answer on that issue — agree, partial or conflict, from the
correspondences recorded in the issue — or says that the author does not address the issue.
It is the issue-level counterpart of the actor-by-concept matrix of discourse network
analysis (Leifeld's Discourse Network Analyzer), with the statements and quotes kept.

Several correspondences between two authors on one issue combine: all agreements make an
agreement, all conflicts a conflict, anything else (a partial one, or agreement on one point
and conflict on another) a partial agreement.

>>> from argmap.compare import Comparison, Correspondence, CorrespondenceType, Issue, Position, Ref
>>> from argmap.model import MapBuilder, Role
>>> a = MapBuilder("a").statement("A: t", "Tax land.", Role.THESIS).build()
>>> b = MapBuilder("b").statement("B: t", "Do not.", Role.THESIS).build()
>>> q = Issue("tax", "Tax land?", (Position("a", [Ref("a", "A: t")], "Yes: it is fair."),))
>>> k = Correspondence("k", Ref("a", "A: t"), Ref("b", "B: t"), CorrespondenceType.CONFLICT,
...                    issue="tax")
>>> mx = issue_matrix(Comparison("ab", "A vs B", (a, b), (q,), (k,)))
>>> cell = mx.cell("tax", "a")
>>> cell.short, cell.statements, [(x.other, x.kind.value) for x in cell.links]
('Yes', ('A: t',), [('b', 'conflict')])
>>> print(mx.csv().splitlines()[0])
issue,question,a,a: statements,a: relations,b,b: statements,b: relations
"""

from __future__ import annotations

import csv
import io

import attrs

from argmap.analysis.authors import short_labels
from argmap.compare import Comparison, CorrespondenceType, Issue

__all__ = [
    "GLYPHS",
    "NOT_ADDRESSED",
    "Cell",
    "IssueMatrix",
    "Link",
    "combine",
    "csv_cell",
    "issue_matrix",
    "short_answer",
]

NOT_ADDRESSED = "not addressed"

#: One glyph per kind, so the matrix reads without colour: = agree, ≈ partial, ≠ conflict.
GLYPHS: dict[CorrespondenceType, str] = {
    CorrespondenceType.AGREE: "=",
    CorrespondenceType.PARTIAL: "\u2248",
    CorrespondenceType.CONFLICT: "\u2260",
}


@attrs.frozen
class Link:
    """How one cell's answer stands to another author's on the same issue."""

    other: str
    kind: CorrespondenceType
    correspondences: tuple[str, ...]


@attrs.frozen
class Cell:
    """One author's answer to one issue."""

    issue_id: str
    map_id: str
    addressed: bool
    answer: str
    short: str
    statements: tuple[str, ...]
    links: tuple[Link, ...]

    def link(self, other: str) -> Link | None:
        """The relation to ``other``'s answer, if a correspondence records one."""
        return next((x for x in self.links if x.other == other), None)


@attrs.frozen
class IssueMatrix:
    """Issues by authors; ``rows[i][j]`` is issue ``i`` answered by author ``j``."""

    issues: tuple[Issue, ...]
    authors: tuple[str, ...]
    labels: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def cell(self, issue_id: str, map_id: str) -> Cell:
        i = [x.id for x in self.issues].index(issue_id)
        return self.rows[i][self.authors.index(map_id)]

    def label(self, map_id: str) -> str:
        return self.labels[self.authors.index(map_id)]

    def csv(self) -> str:
        """The matrix as CSV: per author its answer, its statements and its relations."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        header = ["issue", "question"]
        for label in self.labels:
            header += [label, f"{label}: statements", f"{label}: relations"]
        writer.writerow(csv_cell(h) for h in header)
        for issue, row in zip(self.issues, self.rows, strict=True):
            line = [issue.id, issue.question]
            for cell in row:
                relations = "; ".join(f"{x.kind.value} {self.label(x.other)}" for x in cell.links)
                answer = (cell.short or "addressed") if cell.addressed else NOT_ADDRESSED
                line += [answer, "; ".join(cell.statements), relations]
            writer.writerow(csv_cell(v) for v in line)
        return out.getvalue()


def csv_cell(text: str) -> str:
    """One line of text, made inert for spreadsheets (no leading ``=``, ``+``, ``-``, ``@``).

    >>> csv_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    """
    flat = " ".join(text.split())
    return "'" + flat if flat[:1] in ("=", "+", "-", "@") else flat


def short_answer(answer: str, width: int = 40) -> str:
    """An answer's short form: the words before its colon ("Yes", "In part"), else its start.

    >>> short_answer("No: it avoids antagonising Russia.")
    'No'
    >>> short_answer("It is Russia's only lever on Baku, kept frozen to keep both sides close.")
    "It is Russia's only lever on Baku, kept…"
    """
    flat = " ".join(answer.split())
    head, sep, _rest = flat.partition(":")
    if sep and 0 < len(head) <= width:
        return head
    if len(flat) <= width:
        return flat
    cut = flat[:width].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


def combine(kinds: set[CorrespondenceType]) -> CorrespondenceType:
    """Several correspondences' kinds as one: all agree, all conflict, else partial."""
    if kinds == {CorrespondenceType.AGREE}:
        return CorrespondenceType.AGREE
    if kinds == {CorrespondenceType.CONFLICT}:
        return CorrespondenceType.CONFLICT
    return CorrespondenceType.PARTIAL


def issue_matrix(c: Comparison) -> IssueMatrix:
    """The issue matrix of ``c`` (issues in file order, authors in the comparison's order)."""
    authors = c.map_ids
    labels = short_labels(c.maps)
    rows: list[tuple[Cell, ...]] = []
    for issue in c.issues:
        inside = c.in_issue(issue.id)
        cells: list[Cell] = []
        for map_id in authors:
            position = issue.position(map_id)
            statements = [r.statement_id for r in position.statements]
            by_other: dict[str, list[tuple[CorrespondenceType, str]]] = {}
            for k in inside:
                mine = k.side(map_id)
                if mine is None:
                    continue
                if mine.statement_id not in statements:
                    statements.append(mine.statement_id)
                other = k.other(mine).map_id
                by_other.setdefault(other, []).append((k.type, k.id))
            links = tuple(
                Link(o, combine({t for t, _ in by_other[o]}), tuple(i for _, i in by_other[o]))
                for o in authors
                if o in by_other
            )
            answer = " ".join((position.answer or "").split())
            cells.append(
                Cell(
                    issue.id,
                    map_id,
                    position.addressed or bool(links),
                    answer,
                    short_answer(answer) if answer else "",
                    tuple(statements),
                    links,
                )
            )
        rows.append(tuple(cells))
    return IssueMatrix(c.issues, authors, tuple(labels[a] for a in authors), tuple(rows))
