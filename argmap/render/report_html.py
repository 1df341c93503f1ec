"""The comparison report as one standalone HTML5 page (inline CSS, no external assets)."""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable

from argmap.analysis.matrix import NOT_ADDRESSED, issue_matrix
from argmap.compare import (
    Comparison,
    Issue,
    Position,
)
from argmap.errors import ArgmapError
from argmap.model import Quote, Statement
from argmap.render.labels import voice
from argmap.render.report_model import (
    _KIND_HEADINGS,
    Figures,
    _counts,
    _essay_title,
    _flat,
    _heading,
    _issue_head,
    _issue_title,
    _matrix_lines,
    _network_rows,
    _offsets,
    _oriented,
    _statement,
    _thesis,
    _totals,
    author_label,
)
from argmap.text import clean

__all__ = ["html"]


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
    return clean("\n".join(out))  # bidi and zero-width out (argmap.text)
