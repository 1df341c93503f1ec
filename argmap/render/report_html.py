"""The comparison report as one standalone HTML5 page (inline CSS, no external assets): a
walk over the document tree of :mod:`argmap.render.report_model`, every text escaped."""

from __future__ import annotations

import html as _html
import re

from argmap.compare import Comparison
from argmap.errors import ArgmapError
from argmap.model import Quote, Statement
from argmap.render.labels import voice
from argmap.render.report_model import (
    Block,
    Cell,
    Figure,
    Figures,
    Line,
    Para,
    QuoteBlock,
    Section,
    Sides,
    StatementBlock,
    Table,
    _flat,
    _offsets,
    edges,
    report,
)
from argmap.text import clean

__all__ = ["html"]

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


def _h_statement(s: Statement, full: bool = True) -> str:
    whose = voice(s)
    said = f'<span class="voice">{_e(whose)}</span><br>' if whose else ""
    parts = [
        f'<p><span class="sid">{_e(s.id)}</span> <span class="role">{s.role.value}</span><br>'
        f"{said}{_e(s.text)}</p>"
    ]
    if not full:
        return parts[0]
    parts.extend(_h_quote(q) for q in s.quotes)
    if s.aside:
        parts.append(f'<p class="meta">Aside: {_e(s.aside)}</p>')
    if s.citation:
        parts.append(f'<p class="meta">Citation: {_e(s.citation)}</p>')
    if s.note:
        parts.append(f'<p class="meta">Note: {_e(s.note)}</p>')
    return "\n".join(parts)


_TAGS = {"strong": "strong", "em": "em", "cite": "cite"}


def _h_line(line: Line) -> str:
    out = []
    for run in line:
        tag = _TAGS.get(run.style)
        if tag:
            out.append(edges(run.text, f"<{tag}>{_e(run.text)}</{tag}>"))
        elif run.style == "plain":
            out.append(edges(run.text, _e(run.text)))
        else:  # a statement id, or a link line coloured by its kind
            css = "sid" if run.style == "sid" else f"link {run.style}"
            out.append(edges(run.text, f'<span class="{css}">{_e(run.text)}</span>'))
    return "".join(out)


def _h_para(p: Para, inline: bool = False) -> str:
    """A paragraph; ``inline`` (in a table cell) as a line of the cell."""
    text = _h_line(p.line)
    if p.role == "na":
        return f'<span class="na">{text}</span>'
    if inline:
        return text
    return f'<p class="{p.role}">{text}</p>' if p.role else f"<p>{text}</p>"


def _h_cell(cell: Cell) -> str:
    """A table cell: lines of text joined by breaks; quotes and statements as blocks."""
    out = ""
    inline = False  # whether the last piece was a line of text (a break before the next)
    for item in cell:
        if isinstance(item, Para):
            out += ("<br>" if inline else "") + _h_para(item, inline=True)
            inline = True
        else:
            block = (
                _h_quote(item.quote)
                if isinstance(item, QuoteBlock)
                else _h_statement(item.statement, item.full)
            )
            out += block
            inline = False
    return out


def _h_table(table: Table) -> list[str]:
    head = "".join(f"<th>{_h_cell(c)}</th>" for c in table.header)
    out = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    num = ' class="num"' if table.numeric else ""
    for row in table.rows:
        cells = [f'<th scope="row">{_h_cell(row[0])}</th>']
        cells += [f"<td{num}>{_h_cell(cell)}</td>" for cell in row[1:]]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return [*out, "</tbody>", "</table>"]


def _h_figure(f: Figure, diagram: str | None, figures: Figures | None) -> list[str]:
    """A figure: the summary (``diagram``) in the page's width; the others full width, a
    click opening the drawing itself (its SVG file, beside the report)."""
    if f.key == "summary":
        if diagram is None:
            return []
        return [
            '<figure class="diagram">',
            _svg_body(diagram),
            f"<figcaption>{_e(f.caption)}</figcaption>",
            "</figure>",
        ]
    if figures is None:
        return []
    if f.key.startswith("issue:"):
        issue = f.key.removeprefix("issue:")
        svg = figures.issue(issue)
        href = f"issue-{re.sub(r'[^a-z0-9]+', '-', issue.lower()).strip('-')}.svg"
    else:
        svg = figures.matrix if f.key == "matrix" else figures.network
        href = f"{f.key}.svg"
    if svg is None:
        return []
    return [
        '<figure class="diagram wide">',
        f'<a href="{_e(href)}" title="open the drawing at full size">{_svg_body(svg)}</a>',
        f"<figcaption>{_e(f.caption)} (click to enlarge)</figcaption>",
        "</figure>",
    ]


def _h_block(block: Block, level: int, diagram: str | None, figures: Figures | None) -> list[str]:
    """The HTML of one node of the tree; ``level`` is its section's heading level."""
    if isinstance(block, Para):
        return [_h_para(block)]
    if isinstance(block, QuoteBlock):
        return [_h_quote(block.quote)]
    if isinstance(block, StatementBlock):
        return [_h_statement(block.statement, block.full)]
    if isinstance(block, Table):
        return _h_table(block)
    if isinstance(block, Figure):
        return _h_figure(block, diagram, figures)
    if isinstance(block, Sides):
        out = ['<div class="sides">']
        for g in block.groups:
            out += ['<div class="card">', f"<h{level + 1}>{_e(g.title)}</h{level + 1}>"]
            for b in g.blocks:
                out += _h_block(b, level + 1, diagram, figures)
            out.append("</div>")
        return [*out, "</div>"]
    return _h_section(block, level + 1, diagram, figures)


def _h_section(
    section: Section, level: int, diagram: str | None, figures: Figures | None
) -> list[str]:
    """A section (``<section id>``), or a correspondence (``<article class="corr kind">``)."""
    if section.kind:
        out = [f'<article class="corr {section.kind}">']
    else:
        anchor = f' id="{_e(section.anchor)}"' if section.anchor else ""
        out = [f"<section{anchor}>"]
    out.append(f"<h{level}>{_e(section.title)}</h{level}>")
    for block in section.blocks:
        out += _h_block(block, level, diagram, figures)
    out.append("</article>" if section.kind else "</section>")
    return out


def html(c: Comparison, diagram_svg: str | None = None, figures: Figures | None = None) -> str:
    """The report as one standalone HTML5 page (inline CSS, no external assets).

    ``diagram_svg`` is an SVG document (as Graphviz writes it) to embed after the theses;
    ``figures`` the matrix, the network and the issues' drawings to embed beside them.
    """
    doc = report(c)
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.page_title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(doc.title)}</h1>",
    ]
    if doc.essays:
        out.append('<ul class="essays">')
        out += [f"<li>{_h_line(line)}</li>" for line in doc.essays]
        out.append("</ul>")
    for section in doc.sections:
        out += _h_section(section, 2, diagram_svg, figures)
    out += ["</main>", "</body>", "</html>", ""]
    return clean("\n".join(out))  # bidi and zero-width out (argmap.text)
