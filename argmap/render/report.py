"""The comparison report: theses, issues, correspondences and counts as Markdown or HTML.

Both renderers read the same :class:`~argmap.compare.Comparison` and say the same things in
the same order: the essays compared, their theses side by side, every issue with each author's
position (or an explicit *not addressed*), the agreements, partial agreements and conflicts
with both statements, their quotes and the analyst's rationale, the claims only one author
makes, and the counts. The output depends on the comparison alone (no dates), so a report
can be committed and diffed.

>>> from argmap.compare import Comparison
>>> from argmap.model import MapBuilder, Role
>>> a = MapBuilder("a", "Essay A").statement("A: t", "Tax land.", Role.THESIS, quote="tax").build()
>>> c = Comparison("demo", "A alone", (a,))
>>> markdown(c).splitlines()[0]
'# A alone'
>>> "<h1>A alone</h1>" in html(c)
True
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable

import attrs

from argmap.analysis.matrix import GLYPHS, NOT_ADDRESSED, IssueMatrix, issue_matrix
from argmap.analysis.network import author_network
from argmap.compare import (
    Comparison,
    Correspondence,
    CorrespondenceType,
    Issue,
    Position,
    Ref,
)
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Quote, RelationType, Role, Statement
from argmap.render.labels import voice

__all__ = ["Figures", "Images", "author_label", "html", "markdown", "md_escape", "md_table_cell"]


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
    'A. Aslanli (attributed)'
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
    if s.year is not None:
        name = f"{name} ({s.year})" if not name.endswith(")") else f"{name[:-1]}, {s.year})"
    return name


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


# -- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_BLOCK_START = re.compile(r"^([#>+\-=]|\d+[.)])")


def md_escape(text: str) -> str:
    """Text made literal for Markdown: one line, no markup, no raw HTML, no entities.

    >>> md_escape("a | b `c` <script> *x*")
    'a \\\\| b \\\\`c\\\\` &lt;script&gt; \\\\*x\\\\*'
    >>> md_escape("# not a heading\\nnext line")
    '\\\\# not a heading next line'
    """
    out = _MD_SPECIAL.sub(r"\\\1", _flat(text))
    out = _MD_ENTITY.sub("&amp;", out)
    out = out.replace("<", "&lt;").replace(">", "&gt;")
    return _MD_BLOCK_START.sub(r"\\\1", out)


def md_table_cell(parts: Iterable[str]) -> str:
    """Already escaped pieces joined into one table cell, one piece per visual line."""
    return "<br>".join(p for p in parts if p) or " "


def _md_quote(q: Quote) -> str:
    return f"\u201c{md_escape(q.text)}\u201d{_offsets(q)}"


def _md_statement_line(s: Statement) -> str:
    whose = voice(s)
    said = f"*{md_escape(whose)}*: " if whose else ""
    return f"**{md_escape(s.id)}** ({s.role.value}): {said}{md_escape(s.text)}"


def _md_statement_block(s: Statement, indent: str = "") -> list[str]:
    lines = [f"{indent}- {_md_statement_line(s)}"]
    lines.extend(f"{indent}  - {_md_quote(q)}" for q in s.quotes)
    if s.aside:
        lines.append(f"{indent}  - aside: {md_escape(s.aside)}")
    if s.citation:
        lines.append(f"{indent}  - citation: {md_escape(s.citation)}")
    if s.note:
        lines.append(f"{indent}  - note: {md_escape(s.note)}")
    return lines


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = [_md_row(header), _md_row(["---"] * len(header))]
    lines.extend(_md_row(r) for r in rows)
    return lines


def _md_position_cell(c: Comparison, p: Position, issue_id: str) -> str:
    if not p.addressed:
        return f"*{NOT_ADDRESSED}*"
    parts: list[str] = []
    if p.answer:
        parts.append(f"**{md_escape(p.answer)}**")
    for ref in p.statements:
        s = _statement(c, ref, f"issue {issue_id!r}", c.issue(issue_id))
        parts.append(_md_statement_line(s))
        parts.extend(_md_quote(q) for q in s.quotes)
    return md_table_cell(parts)


def _md_matrix(c: Comparison, images: Images | None) -> list[str]:
    mx = issue_matrix(c)
    lines = ["## Issue matrix", ""]
    if images is not None:
        lines += [f"![The issue matrix: issues by authors]({images.matrix})", ""]
    rows = []
    for r, issue in enumerate(mx.issues):
        cells = [md_escape(issue.question or issue.id)]
        for col in range(len(mx.authors)):
            answer, ids, links = _matrix_lines(mx, r, col)
            head = f"*{answer}*" if answer == NOT_ADDRESSED else f"**{md_escape(answer)}**"
            cells.append(md_table_cell([head, *map(md_escape, ids), *map(md_escape, links)]))
        rows.append(cells)
    lines += _md_table(["Issue", *(md_escape(x) for x in mx.labels)], rows)
    lines += ["", "## Author network", ""]
    if images is not None:
        lines += [f"![Who agrees with whom: the author network]({images.network})", ""]
    ties = _network_rows(c)
    if ties:
        lines += _md_table(
            ["Authors", "agree", "partial", "conflict"],
            (
                [f"{md_escape(a)} and {md_escape(b)}", str(x), str(y), str(z)]
                for a, b, x, y, z in ties
            ),
        )
    else:
        lines.append("No correspondences are recorded.")
    lines.append("")
    return lines


def markdown(c: Comparison, images: Images | None = None) -> str:
    """The report as GitHub-flavoured Markdown; all author and analyst text is escaped.

    ``images`` names the image files beside the report that it links (the matrix, the
    network, one diagram per issue); without it the report has no images.
    """
    maps = c.maps
    lines: list[str] = [f"# {md_escape(_heading(c))}", ""]
    if maps:
        lines.append("Essays compared:")
        lines.append("")
        for m in maps:
            lines.append(f"- *{md_escape(_essay_title(m))}*, by {md_escape(author_label(m))}")
        lines.append("")

    # Theses side by side.
    lines += ["## Theses", ""]
    rows: list[list[str]] = [
        ["Author", *(md_escape(author_label(m)) for m in maps)],
        ["Year", *(str(m.source.year) if m.source and m.source.year else "" for m in maps)],
        ["Essay", *(md_escape(_essay_title(m)) for m in maps)],
    ]
    theses = [_thesis(m) for m in maps]
    rows.append(["Thesis", *(_md_statement_line(t) if t else "*no single thesis*" for t in theses)])
    rows.append(
        ["Quote", *(md_table_cell(_md_quote(q) for q in t.quotes) if t else "" for t in theses)]
    )
    lines += _md_table(["", *(md_escape(m.id) for m in maps)], rows[:])
    lines.append("")

    # Issues by authors.
    lines += ["## Issues", ""]
    if c.issues:
        issue_rows = []
        for issue in c.issues:
            name, question = _issue_head(issue)
            head = md_table_cell([f"**{md_escape(name)}**", md_escape(question)])
            issue_rows.append(
                [head, *(_md_position_cell(c, issue.position(m.id), issue.id) for m in maps)]
            )
        lines += _md_table(["Issue", *(md_escape(author_label(m)) for m in maps)], issue_rows)
    else:
        lines.append("No issues are recorded.")
    lines.append("")
    if images is not None:
        for issue in c.issues:
            name, _question = _issue_head(issue)
            image = images.issue(issue.id)
            if image:
                lines += [f"![Issue: {md_escape(name)}]({image})", ""]
    lines += _md_matrix(c, images)

    # Correspondences.
    for kind, title, _anchor in _KIND_HEADINGS:
        lines += [f"## {title}", ""]
        found = _oriented(c, kind)
        if not found:
            lines += [f"No {title.lower()} are recorded.", ""]
        for corr in found:
            lines.append(f"### {md_escape(corr.id)}")
            lines.append("")
            issue_title = _issue_title(c, corr.issue)
            if issue_title:
                lines += [f"Issue: {md_escape(issue_title)}", ""]
            if corr.rationale:
                lines += [f"Rationale: {md_escape(corr.rationale)}", ""]
            for ref in corr.refs():
                s = _statement(c, ref, f"correspondence {corr.id!r}", corr)
                lines.append(f"- {md_escape(author_label(c.map(ref.map_id)))}:")
                lines += _md_statement_block(s, "  ")
            lines.append("")

    # Unique claims.
    lines += ["## Claims unique to each author", ""]
    for m in maps:
        lines += [f"### {md_escape(author_label(m))}", ""]
        unique = c.unique(m.id)
        if not unique:
            lines.append("Every thesis and claim corresponds to another author's.")
        for s in unique:
            lines += _md_statement_block(s)
        lines.append("")

    # Counts.
    lines += ["## Counts", ""]
    lines += _md_table(
        ["", *(md_escape(m.id) for m in maps)],
        ([r.label, *(str(v) for v in r.values)] for r in _counts(c)),
    )
    lines.append("")
    lines += _md_table(["Comparison", "count"], ([k, str(v)] for k, v in _totals(c)))
    lines.append("")
    return "\n".join(lines)


# -- HTML -----------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0;
  --agree: #2e7d32; --partial: #b26a00; --conflict: #c62828; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 1rem/1.55 Georgia, "Iowan Old Style", "Times New Roman", serif; }
main { max-width: 68rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 1rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
.essays { color: var(--muted); margin: 0 0 1.5rem; padding-left: 1.2rem; }
.sides { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
.card { border: 1px solid var(--rule); border-radius: 4px; padding: .8rem 1rem;
  break-inside: avoid; }
.card dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; }
.card dt { color: var(--muted); font-size: .9rem; }
.card dd { margin: 0; }
.sid { font-family: "Helvetica Neue", Arial, sans-serif; font-weight: bold; font-size: .9rem; }
.voice { font-style: italic; color: var(--muted); border: 1px dashed var(--muted);
  padding: 0 .3rem; font-size: .85rem; }
.role { color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; }
blockquote { margin: .4rem 0; padding: .1rem .8rem; border-left: 3px solid var(--rule);
  font-style: italic; }
blockquote .at { font-style: normal; color: var(--muted); font-size: .8rem; }
.answer { font-weight: bold; margin: 0 0 .3rem; }
.na { color: var(--muted); font-style: italic; }
.meta { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .45rem .6rem; vertical-align: top;
  text-align: left; }
th { background: #f4f4f4; font-family: "Helvetica Neue", Arial, sans-serif; font-size: .9rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.corr { margin: 0 0 1.2rem; break-inside: avoid; }
.corr.agree { border-left: 4px solid var(--agree); }
.corr.partial { border-left: 4px solid var(--partial); }
.corr.conflict { border-left: 4px solid var(--conflict); }
figure.diagram { margin: 1rem 0; overflow-x: auto; }
figure.diagram svg { max-width: 100%; height: auto; }
figure.wide { margin: 1rem 0 2rem; }
figure.wide a { display: block; }
figure.wide svg { width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; }
td .link { font-size: .85rem; display: block; }
td .agree { color: #00704F; } td .partial { color: #9A5B00; }
td .conflict { color: #B04600; font-weight: bold; }
td.na { background: #e4e4e4; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  th { background: none; }
  tr, .card, .corr, figure.diagram { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
""".strip()

_SVG_START = re.compile(r"<svg[\s>]")


def _e(text: str) -> str:
    return _html.escape(_flat(text), quote=True)


def _svg_body(svg: str) -> str:
    """The ``<svg>`` element of an SVG document, without the XML declaration and doctype."""
    found = _SVG_START.search(svg)
    if found is None:
        raise ArgmapError("the diagram passed to the report is not SVG (no <svg> element)")
    return svg[found.start() :].strip()


def _h_quote(q: Quote) -> str:
    at = f' <span class="at">{_offsets(q).strip()}</span>' if q.anchored else ""
    return f"<blockquote>{_e(q.text)}{at}</blockquote>"


def _h_statement(s: Statement) -> str:
    whose = voice(s)
    said = f'<span class="voice">{_e(whose)}</span><br>' if whose else ""
    parts = [
        f'<p><span class="sid">{_e(s.id)}</span> <span class="role">{s.role.value}</span><br>'
        f"{said}{_e(s.text)}</p>"
    ]
    if s.aside:
        parts.append(f'<p class="meta">Aside: {_e(s.aside)}</p>')
    parts.extend(_h_quote(q) for q in s.quotes)
    if s.citation:
        parts.append(f'<p class="meta">Citation: {_e(s.citation)}</p>')
    if s.note:
        parts.append(f'<p class="meta">Note: {_e(s.note)}</p>')
    return "\n".join(parts)


def _h_position(c: Comparison, p: Position, issue_id: str) -> str:
    if not p.addressed:
        return f'<span class="na">{NOT_ADDRESSED}</span>'
    parts: list[str] = []
    if p.answer:
        parts.append(f'<p class="answer">{_e(p.answer)}</p>')
    for ref in p.statements:
        s = _statement(c, ref, f"issue {issue_id!r}", c.issue(issue_id))
        parts.append(_h_statement(s))
    return "\n".join(parts)


def _h_issue_head(issue: Issue) -> str:
    name, question = _issue_head(issue)
    return f"<strong>{_e(name)}</strong>" + (f"<br>{_e(question)}" if question else "")


def _h_table(header: list[str], rows: Iterable[list[str]], numeric: bool = False) -> list[str]:
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr></thead>"]
    out.append("<tbody>")
    for row in rows:
        cells = [f'<th scope="row">{row[0]}</th>']
        cls = ' class="num"' if numeric else ""
        cells.extend(f"<td{cls}>{cell}</td>" for cell in row[1:])
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _h_figure(svg: str, href: str, caption: str) -> list[str]:
    """A full-width figure; a click opens the drawing itself (``href``, beside the report)."""
    return [
        '<figure class="diagram wide">',
        f'<a href="{_e(href)}" title="open the drawing at full size">{_svg_body(svg)}</a>',
        f"<figcaption>{_e(caption)} (click to enlarge)</figcaption>",
        "</figure>",
    ]


def _h_matrix(c: Comparison, figures: Figures | None) -> list[str]:
    mx = issue_matrix(c)
    out = ['<section id="matrix">', "<h2>Issue matrix</h2>"]
    if figures is not None:
        out += _h_figure(figures.matrix, "matrix.svg", "Issues by authors")
    rows = []
    for r, issue in enumerate(mx.issues):
        cells = [_e(issue.question or issue.id)]
        for col in range(len(mx.authors)):
            answer, ids, links = _matrix_lines(mx, r, col)
            if answer == NOT_ADDRESSED:
                cells.append(f'<span class="na">{NOT_ADDRESSED}</span>')
                continue
            parts = [f"<strong>{_e(answer)}</strong>"]
            parts += [f'<span class="sid">{_e(i)}</span>' for i in ids]
            kinds = [x.kind.value for x in mx.rows[r][col].links]
            parts += [
                f'<span class="link {kind}">{_e(text)}</span>'
                for kind, text in zip(kinds, links, strict=True)
            ]
            cells.append("<br>".join(parts))
        rows.append(cells)
    out += _h_table(["Issue", *(_e(x) for x in mx.labels)], rows)
    out += ["</section>", '<section id="network">', "<h2>Author network</h2>"]
    if figures is not None:
        out += _h_figure(figures.network, "network.svg", "Who agrees with whom")
    ties = _network_rows(c)
    if ties:
        out += _h_table(
            ["Authors", "agree", "partial", "conflict"],
            ([f"{_e(a)} and {_e(b)}", str(x), str(y), str(z)] for a, b, x, y, z in ties),
            numeric=True,
        )
    else:
        out.append("<p>No correspondences are recorded.</p>")
    out.append("</section>")
    return out


def html(c: Comparison, diagram_svg: str | None = None, figures: Figures | None = None) -> str:
    """The report as one standalone HTML5 page (inline CSS, no external assets).

    ``diagram_svg`` is an SVG document (as Graphviz writes it) to embed after the theses;
    ``figures`` the matrix, the network and the issues' drawings to embed beside them.
    """
    maps = c.maps
    title = _heading(c)
    essays = " vs ".join(author_label(m) for m in maps)
    page_title = f"{title} \u2014 {essays}" if essays and essays != title else title
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(page_title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(title)}</h1>",
    ]
    if maps:
        out.append('<ul class="essays">')
        for m in maps:
            out.append(f"<li><cite>{_e(_essay_title(m))}</cite>, by {_e(author_label(m))}</li>")
        out.append("</ul>")

    # Theses side by side.
    out += ['<section id="theses">', "<h2>Theses</h2>", '<div class="sides">']
    for m in maps:
        thesis = _thesis(m)
        source = m.source
        out.append('<article class="card">')
        out.append(f"<h3>{_e(author_label(m))}</h3>")
        out.append("<dl>")
        if source is not None and source.author and source.attributed_author:
            out.append(f"<dt>Byline</dt><dd>{_e(source.author)}</dd>")
        year = str(source.year) if source is not None and source.year is not None else ""
        out.append(f"<dt>Year</dt><dd>{_e(year)}</dd>")
        out.append(f"<dt>Essay</dt><dd><cite>{_e(_essay_title(m))}</cite></dd>")
        if source is not None and source.venue:
            out.append(f"<dt>Venue</dt><dd>{_e(source.venue)}</dd>")
        out.append("</dl>")
        if thesis is None:
            out.append('<p class="na">no single thesis</p>')
        else:
            out.append(_h_statement(thesis))
        out.append("</article>")
    out += ["</div>", "</section>"]

    if diagram_svg is not None:
        out += [
            '<figure class="diagram">',
            _svg_body(diagram_svg),
            "<figcaption>The comparison at a glance.</figcaption>",
            "</figure>",
        ]

    # Issues by authors.
    out += ['<section id="issues">', "<h2>Issues</h2>"]
    if c.issues:
        rows = [
            [
                _h_issue_head(issue),
                *(_h_position(c, issue.position(m.id), issue.id) for m in maps),
            ]
            for issue in c.issues
        ]
        out += _h_table(["Issue", *(_e(author_label(m)) for m in maps)], rows)
    else:
        out.append("<p>No issues are recorded.</p>")
    if figures is not None:
        slug = re.compile(r"[^a-z0-9]+")
        for issue in c.issues:
            svg = figures.issue(issue.id)
            if svg is not None:
                name, _question = _issue_head(issue)
                href = f"issue-{slug.sub('-', issue.id.lower()).strip('-')}.svg"
                out.append(f"<h3>Issue: {_e(name)}</h3>")
                out += _h_figure(svg, href, f"Issue: {name}")
    out.append("</section>")
    out += _h_matrix(c, figures)

    # Correspondences.
    for kind, heading, anchor in _KIND_HEADINGS:
        out += [f'<section id="{anchor}">', f"<h2>{heading}</h2>"]
        found = _oriented(c, kind)
        if not found:
            out.append(f"<p>No {heading.lower()} are recorded.</p>")
        for corr in found:
            out.append(f'<article class="corr {kind.value}">')
            out.append(f"<h3>{_e(corr.id)}</h3>")
            issue_title = _issue_title(c, corr.issue)
            if issue_title:
                out.append(f'<p class="meta">Issue: {_e(issue_title)}</p>')
            if corr.rationale:
                out.append(f"<p>{_e(corr.rationale)}</p>")
            out.append('<div class="sides">')
            for ref in corr.refs():
                s = _statement(c, ref, f"correspondence {corr.id!r}", corr)
                out.append('<div class="card">')
                out.append(f"<h3>{_e(author_label(c.map(ref.map_id)))}</h3>")
                out.append(_h_statement(s))
                out.append("</div>")
            out += ["</div>", "</article>"]
        out.append("</section>")

    # Unique claims.
    out += ['<section id="unique">', "<h2>Claims unique to each author</h2>"]
    out.append('<div class="sides">')
    for m in maps:
        out.append('<div class="card">')
        out.append(f"<h3>{_e(author_label(m))}</h3>")
        unique = c.unique(m.id)
        if not unique:
            out.append("<p>Every thesis and claim corresponds to another author's.</p>")
        out.extend(_h_statement(s) for s in unique)
        out.append("</div>")
    out += ["</div>", "</section>"]

    # Counts.
    out += ['<section id="counts">', "<h2>Counts</h2>"]
    out += _h_table(
        ["", *(_e(m.id) for m in maps)],
        ([_e(r.label), *(str(v) for v in r.values)] for r in _counts(c)),
        numeric=True,
    )
    out += _h_table(["Comparison", "count"], ([k, str(v)] for k, v in _totals(c)), numeric=True)
    out += ["</section>", "</main>", "</body>", "</html>", ""]
    return "\n".join(out)
