"""What the comparison report says, read once from the comparison for both emitters
(:mod:`argmap.render.report_md` and :mod:`argmap.render.report_html`): authors, theses,
issues, correspondences in display order, the matrix and network rows, counts and figures."""

from __future__ import annotations

import re

import attrs

from argmap.analysis.authors import NO_DATE
from argmap.analysis.matrix import GLYPHS, NOT_ADDRESSED, IssueMatrix, issue_matrix
from argmap.analysis.network import author_network
from argmap.compare import (
    Comparison,
    Correspondence,
    CorrespondenceType,
    Issue,
    Ref,
)
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Quote, RelationType, Role, Statement

__all__ = ["Figures", "Images", "author_label"]

_KIND_HEADINGS: tuple[tuple[CorrespondenceType, str, str], ...] = (
    (CorrespondenceType.AGREE, "Agreements", "agreements"),
    (CorrespondenceType.PARTIAL, "Partial agreements", "partial-agreements"),
    (CorrespondenceType.CONFLICT, "Conflicts", "conflicts"),
)


# -- shared reading of the comparison -------------------------------------------------------


@attrs.frozen
class Images:
    """The image files ``report.md`` links (names relative to the report)."""

    matrix: str
    network: str
    issues: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, c: Comparison, *, png: bool = True) -> Images:
        """The names a build writes beside the report (PNG, or SVG without PNGs)."""
        ext = "png" if png else "svg"
        slug = re.compile(r"[^a-z0-9]+")
        return cls(
            f"matrix.{ext}",
            f"network.{ext}",
            tuple(
                (i.id, f"issue-{slug.sub('-', i.id.lower()).strip('-')}.{ext}") for i in c.issues
            ),
        )

    def issue(self, issue_id: str) -> str | None:
        return dict(self.issues).get(issue_id)


@attrs.frozen
class Figures:
    """SVG documents the HTML report embeds: the matrix, the network, one per issue."""

    matrix: str
    network: str
    issues: tuple[tuple[str, str], ...] = ()

    def issue(self, issue_id: str) -> str | None:
        return dict(self.issues).get(issue_id)


def _matrix_lines(mx: IssueMatrix, row: int, col: int) -> tuple[str, list[str], list[str]]:
    """A matrix cell as text: its answer (or *not addressed*), statements, relation lines."""
    cell = mx.rows[row][col]
    if not cell.addressed:
        return NOT_ADDRESSED, [], []
    links = [f"{GLYPHS[x.kind]} {x.kind.value}: {mx.label(x.other)}" for x in cell.links]
    return cell.short or "addressed", list(cell.statements), links


def _network_rows(c: Comparison) -> list[tuple[str, str, int, int, int]]:
    labels = dict(zip(issue_matrix(c).authors, issue_matrix(c).labels, strict=True))
    return [
        (labels[t.a], labels[t.b], t.agree, t.partial, t.conflict) for t in author_network(c).ties
    ]


def _flat(text: str) -> str:
    """Whitespace (line breaks included) collapsed to single spaces."""
    return " ".join(text.split())


def author_label(m: ArgumentMap) -> str:
    """How the report names a map's author: the name the text gives, else the attribution.

    >>> from argmap.model import Source
    >>> author_label(ArgumentMap("v", source=Source("v.txt", author="Anar Valiyev", year=2011)))
    'Anar Valiyev (2011)'
    >>> author_label(ArgumentMap("a", source=Source("a.txt", attributed_author="A. Aslanli")))
    'A. Aslanli (attributed, n.d.)'
    >>> author_label(ArgumentMap("x", "Untitled essay"))
    'Untitled essay'
    """
    s = m.source
    if s is None:
        return _flat(m.title) or m.id
    if s.attributed_author:
        name = f"{_flat(s.attributed_author)} (attributed)"
    else:
        name = _flat(s.author) or _flat(m.title) or m.id
    year = str(s.year) if s.year is not None else NO_DATE  # "n.d.": the year is unknown
    return f"{name} ({year})" if not name.endswith(")") else f"{name[:-1]}, {year})"


def _essay_title(m: ArgumentMap) -> str:
    if m.source is not None and m.source.title:
        return _flat(m.source.title)
    return _flat(m.title) or m.id


def _heading(c: Comparison) -> str:
    return _flat(c.title) or " vs ".join(author_label(m) for m in c.maps) or c.id


def _statement(c: Comparison, ref: Ref, what: str, where: object) -> Statement:
    """The statement ``ref`` points at, or an :class:`ArgmapError` naming ``what`` referred."""
    try:
        return c.statement(ref)
    except KeyError:
        location = getattr(where, "location", None)
        raise ArgmapError(f"{what} refers to unknown statement {ref}", location) from None


def _thesis(m: ArgumentMap) -> Statement | None:
    found = m.by_role(Role.THESIS)
    return found[0] if len(found) == 1 else None


def _oriented(c: Comparison, kind: CorrespondenceType) -> tuple[Correspondence, ...]:
    """Correspondences of ``kind``, each turned so its left side is the earlier map."""
    order = {map_id: i for i, map_id in enumerate(c.map_ids)}
    out: list[Correspondence] = []
    for corr in c.of_type(kind):
        left = order.get(corr.left.map_id, len(order))
        right = order.get(corr.right.map_id, len(order))
        if right < left:
            corr = attrs.evolve(corr, left=corr.right, right=corr.left)
        out.append(corr)
    return tuple(out)


def _issue_title(c: Comparison, issue_id: str | None) -> str | None:
    if issue_id is None:
        return None
    for issue in c.issues:
        if issue.id == issue_id:
            return _flat(issue.title or issue.question) or issue.id
    return issue_id


def _issue_head(issue: Issue) -> tuple[str, str]:
    """An issue's name (title, else question, else id) and its question if that differs."""
    question = _flat(issue.question)
    name = _flat(issue.title) or question or issue.id
    return name, question if question != name else ""


def _offsets(q: Quote) -> str:
    """Where the quote stands in the source (its offsets); empty when not anchored."""
    return f" (chars {q.start}\u2013{q.end})" if q.start is not None else ""


@attrs.frozen
class _Count:
    """One row of the counts table: a label and one number per map."""

    label: str
    values: tuple[int, ...]


def _counts(c: Comparison) -> tuple[_Count, ...]:
    rows: list[_Count] = []
    for role in Role:
        rows.append(
            _Count(f"{role.value} statements", tuple(m.count_roles()[role] for m in c.maps))
        )
    rows.append(_Count("statements", tuple(len(m.statements) for m in c.maps)))
    rows.append(_Count("arguments", tuple(len(m.arguments) for m in c.maps)))
    for rtype in RelationType:
        rows.append(
            _Count(f"{rtype.value} relations", tuple(m.count_relations()[rtype] for m in c.maps))
        )
    rows.append(_Count("relations", tuple(len(m.relations) for m in c.maps)))
    rows.append(_Count("quotes", tuple(sum(1 for _ in m.quotes()) for m in c.maps)))
    rows.append(
        _Count(
            "issues addressed",
            tuple(sum(1 for i in c.issues if i.position(m.id).addressed) for m in c.maps),
        )
    )
    rows.append(_Count("unique theses and claims", tuple(len(c.unique(m.id)) for m in c.maps)))
    return tuple(rows)


def _totals(c: Comparison) -> tuple[tuple[str, int], ...]:
    s = c.summary()
    return (
        ("maps", s.maps),
        ("issues", s.issues),
        ("agreements", s.agreements),
        ("partial agreements", s.partial),
        ("conflicts", s.conflicts),
        ("correspondences", len(c.correspondences)),
    )
