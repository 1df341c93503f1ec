"""The comparison report as one document tree, built once from the comparison.

:func:`report` reads the comparison and decides everything the report says and in which
order: sections, headings, paragraphs, tables with their rows and cells, figures, statements
with their quotes. The two emitters (:mod:`argmap.render.report_md` and
:mod:`argmap.render.report_html`) only walk this tree, each writing every node in its own
syntax, so the Markdown and the HTML report cannot say different things.

>>> from argmap.compare import Comparison
>>> from argmap.model import MapBuilder, Role
>>> a = MapBuilder("a", "Essay A").statement("A: t", "Tax land.", Role.THESIS).build()
>>> [s.title for s in report(Comparison("demo", "A alone", (a,))).sections][:3]
['Theses', 'Issues', 'Issue matrix']
"""

from __future__ import annotations

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
from argmap.render.output import issue_stem
from argmap.render.report_doc import (
    Block,
    Cell,
    Figure,
    Group,
    Line,
    Para,
    QuoteBlock,
    Report,
    Section,
    Sides,
    StatementBlock,
    Table,
    Text,
    edges,
)

__all__ = [
    "Block",
    "Cell",
    "Figure",
    "Figures",
    "Group",
    "Images",
    "Line",
    "Para",
    "QuoteBlock",
    "Report",
    "Section",
    "Sides",
    "StatementBlock",
    "Table",
    "Text",
    "author_label",
    "edges",
    "report",
]

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
    summary: str | None = None

    @classmethod
    def of(cls, c: Comparison, *, png: bool = True) -> Images:
        """The names a build writes beside the report: PNGs of the summary, the matrix and
        the network (SVGs without PNGs) and each issue's SVG (issues are drawn as SVG only:
        a dozen small PNGs cost a build more than the rest of its drawings together)."""
        ext = "png" if png else "svg"
        return cls(
            f"matrix.{ext}",
            f"network.{ext}",
            tuple((i.id, f"{issue_stem(i.id)}.svg") for i in c.issues),
            f"comparison-summary.{ext}",
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


def _p(text: str, style: str = "plain", role: str = "") -> Para:
    return Para((Text(text, style),), role)


def _theses(c: Comparison) -> Section:
    maps = c.maps
    theses = [_thesis(m) for m in maps]
    rows: list[tuple[Cell, ...]] = [((_p("Author"),), *((_p(author_label(m)),) for m in maps))]
    if any(m.source is not None and m.source.author and m.source.attributed_author for m in maps):
        bylines = [m.source.author if m.source and m.source.attributed_author else "" for m in maps]
        rows.append(((_p("Byline"),), *((_p(b),) if b else () for b in bylines)))
    years = [str(m.source.year) if m.source and m.source.year is not None else "" for m in maps]
    rows.append(((_p("Year"),), *((_p(y),) if y else () for y in years)))
    rows.append(((_p("Essay"),), *((_p(_essay_title(m), "cite"),) for m in maps)))
    if any(m.source is not None and m.source.venue for m in maps):
        venues = [m.source.venue if m.source else "" for m in maps]
        rows.append(((_p("Venue"),), *((_p(v),) if v else () for v in venues)))
    rows.append(
        (
            (_p("Thesis"),),
            *(
                (StatementBlock(t, full=False),) if t else (_p("no single thesis", role="na"),)
                for t in theses
            ),
        )
    )
    rows.append(((_p("Quote"),), *(tuple(map(QuoteBlock, t.quotes)) if t else () for t in theses)))
    header = ((), *((_p(m.id),) for m in maps))
    summary = Figure("summary", "The comparison at a glance.", wide=False)
    return Section("theses", "Theses", (Table(header, tuple(rows)), summary))


def _position(c: Comparison, issue: Issue, map_id: str) -> Cell:
    p = issue.position(map_id)
    if not p.addressed:
        return (_p(NOT_ADDRESSED, role="na"),)
    cell: list[Para | QuoteBlock | StatementBlock] = []
    if p.answer:
        cell.append(_p(_flat(p.answer), "strong", role="answer"))
    for ref in p.statements:
        cell.append(StatementBlock(_statement(c, ref, f"issue {issue.id!r}", issue)))
    return tuple(cell)


def _issues(c: Comparison) -> Section:
    blocks: list[Block] = []
    if c.issues:
        rows = []
        for issue in c.issues:
            name, question = _issue_head(issue)
            head: Cell = (_p(name, "strong"), *((_p(question),) if question else ()))
            rows.append((head, *(_position(c, issue, m.id) for m in c.maps)))
        header = ((_p("Issue"),), *((_p(author_label(m)),) for m in c.maps))
        blocks.append(Table(header, tuple(rows)))
    else:
        blocks.append(_p("No issues are recorded."))
    for issue in c.issues:
        blocks.append(Figure(f"issue:{issue.id}", f"Issue: {_issue_head(issue)[0]}"))
    return Section("issues", "Issues", tuple(blocks))


def _matrix(c: Comparison) -> tuple[Section, Section]:
    mx = issue_matrix(c)
    rows = []
    for r, issue in enumerate(mx.issues):
        cells: list[Cell] = [(_p(_flat(issue.question or issue.id)),)]
        for col in range(len(mx.authors)):
            answer, ids, links = _matrix_lines(mx, r, col)
            if answer == NOT_ADDRESSED:
                cells.append((_p(NOT_ADDRESSED, role="na"),))
                continue
            kinds = [x.kind.value for x in mx.rows[r][col].links]
            cells.append(
                (
                    _p(_flat(answer), "strong"),
                    *(_p(i, "sid") for i in ids),
                    *(_p(t, k) for k, t in zip(kinds, links, strict=True)),
                )
            )
        rows.append(tuple(cells))
    header = ((_p("Issue"),), *((_p(x),) for x in mx.labels))
    matrix = Section(
        "matrix",
        "Issue matrix",
        (Figure("matrix", "The issue matrix: issues by authors"), Table(header, tuple(rows))),
    )
    ties = _network_rows(c)
    table: Block = (
        Table(
            tuple((_p(h),) for h in ("Authors", "agree", "partial", "conflict")),
            tuple(
                ((_p(f"{a} and {b}"),), (_p(str(x)),), (_p(str(y)),), (_p(str(z)),))
                for a, b, x, y, z in ties
            ),
            numeric=True,
        )
        if ties
        else _p("No correspondences are recorded.")
    )
    network = Section(
        "network",
        "Author network",
        (Figure("network", "Who agrees with whom: the author network"), table),
    )
    return matrix, network


def _correspondences(c: Comparison) -> list[Section]:
    out = []
    for kind, title, anchor in _KIND_HEADINGS:
        blocks: list[Block] = []
        found = _oriented(c, kind)
        if not found:
            blocks.append(_p(f"No {title.lower()} are recorded."))
        for corr in found:
            parts: list[Block] = []
            issue_title = _issue_title(c, corr.issue)
            if issue_title:
                parts.append(_p(f"Issue: {issue_title}", role="meta"))
            if corr.rationale:
                parts.append(_p(f"Rationale: {_flat(corr.rationale)}"))
            groups = tuple(
                Group(
                    author_label(c.map(ref.map_id)),
                    (StatementBlock(_statement(c, ref, f"correspondence {corr.id!r}", corr)),),
                )
                for ref in corr.refs()
            )
            parts.append(Sides(groups))
            blocks.append(Section("", corr.id, tuple(parts), kind.value))
        out.append(Section(anchor, title, tuple(blocks)))
    return out


def _unique(c: Comparison) -> Section:
    groups = []
    for m in c.maps:
        unique = c.unique(m.id)
        blocks: tuple[Block, ...] = tuple(StatementBlock(s) for s in unique) or (
            _p("Every thesis and claim corresponds to another author's."),
        )
        groups.append(Group(author_label(m), blocks))
    return Section("unique", "Claims unique to each author", (Sides(tuple(groups)),))


def _counts_section(c: Comparison) -> Section:
    header = ((), *((_p(m.id),) for m in c.maps))
    per_map = Table(
        header,
        tuple(((_p(r.label),), *((_p(str(v)),) for v in r.values)) for r in _counts(c)),
        numeric=True,
    )
    totals = Table(
        ((_p("Comparison"),), (_p("count"),)),
        tuple(((_p(k),), (_p(str(v)),)) for k, v in _totals(c)),
        numeric=True,
    )
    return Section("counts", "Counts", (per_map, totals))


def report(c: Comparison) -> Report:
    """The report of ``c`` as a document tree (the emitters escape its texts and clean
    their output of bidi and zero-width characters, :func:`argmap.text.clean`)."""
    title = _heading(c)
    essays = " vs ".join(author_label(m) for m in c.maps)
    page_title = f"{title} \u2014 {essays}" if essays and essays != title else title
    listed = tuple(
        (Text(_essay_title(m), "cite"), Text(", by "), Text(author_label(m))) for m in c.maps
    )
    sections = (
        _theses(c),
        _issues(c),
        *_matrix(c),
        *_correspondences(c),
        _unique(c),
        _counts_section(c),
    )
    return Report(title, page_title, listed, sections)
