"""The comparison report as GitHub-flavoured Markdown (every text escaped)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from argmap.analysis.matrix import NOT_ADDRESSED, issue_matrix
from argmap.compare import (
    Comparison,
    Position,
)
from argmap.model import Quote, Statement
from argmap.render.labels import voice
from argmap.render.report_model import (
    _KIND_HEADINGS,
    Images,
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

__all__ = ["markdown", "md_escape", "md_table_cell"]


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
    return clean("\n".join(lines))  # bidi and zero-width out (argmap.text)
