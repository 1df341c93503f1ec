"""The comparison report as GitHub-flavoured Markdown: a walk over the document tree of
:mod:`argmap.render.report_model`, every text escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable

from argmap.compare import Comparison
from argmap.model import Quote, Statement
from argmap.render.labels import voice
from argmap.render.report_model import (
    Block,
    Cell,
    Figure,
    Group,
    Images,
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

__all__ = ["markdown", "md_escape", "md_table_cell"]

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
    lines.extend(f"{indent}  - {x}" for x in _md_statement_extras(s))
    return lines


def _md_statement_extras(s: Statement) -> list[str]:
    """The lines under a statement: its quotes, aside, citation and note."""
    lines = [_md_quote(q) for q in s.quotes]
    if s.aside:
        lines.append(f"aside: {md_escape(s.aside)}")
    if s.citation:
        lines.append(f"citation: {md_escape(s.citation)}")
    if s.note:
        lines.append(f"note: {md_escape(s.note)}")
    return lines


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


_MARKS = {"strong": "**", "em": "*", "cite": "*", "na": "*"}


def _md_line(line: Line, role: str = "") -> str:
    out = []
    for run in line:
        mark = _MARKS.get("na" if role == "na" else run.style, "")
        out.append(edges(run.text, f"{mark}{md_escape(run.text)}{mark}"))
    return "".join(out)


def _md_cell(cell: Cell) -> str:
    """A table cell: each paragraph, quote or statement line on a visual line of its own."""
    parts: list[str] = []
    for item in cell:
        if isinstance(item, Para):
            parts.append(_md_line(item.line, item.role))
        elif isinstance(item, QuoteBlock):
            parts.append(_md_quote(item.quote))
        else:
            parts.append(_md_statement_line(item.statement))
            if item.full:
                parts.extend(_md_statement_extras(item.statement))
    return md_table_cell(parts)


def _md_block(block: Block, level: int, images: Images | None) -> list[str]:
    """The Markdown lines of one node of the tree; ``level`` is its section's depth."""
    if isinstance(block, Para):
        return [_md_line(block.line, block.role), ""]
    if isinstance(block, QuoteBlock):
        return [f"- {_md_quote(block.quote)}", ""]
    if isinstance(block, StatementBlock):
        return [*_md_statement_block(block.statement), ""]
    if isinstance(block, Table):
        lines = [_md_row(map(_md_cell, block.header)), _md_row(["---"] * len(block.header))]
        lines += [_md_row(map(_md_cell, row)) for row in block.rows]
        return [*lines, ""]
    if isinstance(block, Figure):
        image = _image(block.key, images)
        return [f"![{md_escape(block.caption)}]({image})", ""] if image else []
    if isinstance(block, Sides):
        return [line for g in block.groups for line in _md_group(g, level + 1, images)]
    return _md_section(block, level + 1, images)


def _md_group(group: Group, level: int, images: Images | None) -> list[str]:
    return _md_titled(group.title, group.blocks, level, images)


def _md_section(section: Section, level: int, images: Images | None) -> list[str]:
    return _md_titled(section.title, section.blocks, level, images)


def _md_titled(
    title: str, blocks: tuple[Block, ...], level: int, images: Images | None
) -> list[str]:
    """A heading of ``level`` and the blocks under it."""
    lines = [f"{'#' * level} {md_escape(title)}", ""]
    for block in blocks:
        lines += _md_block(block, level, images)
    if lines[-1] != "":
        lines.append("")
    return lines


def _image(key: str, images: Images | None) -> str | None:
    """The file beside the report that shows figure ``key`` (none without ``images``)."""
    if images is None:
        return None
    if key.startswith("issue:"):
        return images.issue(key.removeprefix("issue:"))
    return {"matrix": images.matrix, "network": images.network, "summary": images.summary}[key]


def markdown(c: Comparison, images: Images | None = None) -> str:
    """The report as GitHub-flavoured Markdown; all author and analyst text is escaped.

    ``images`` names the image files beside the report that it links (the summary diagram,
    the matrix, the network, one diagram per issue); without it the report has no images.
    """
    doc = report(c)
    lines: list[str] = [f"# {md_escape(doc.title)}", ""]
    if doc.essays:
        lines += ["Essays compared:", ""]
        lines += [f"- {_md_line(line)}" for line in doc.essays]
        lines.append("")
    for section in doc.sections:
        lines += _md_section(section, 2, images)
    return clean("\n".join(lines))  # bidi and zero-width out (argmap.text)
