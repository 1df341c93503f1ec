"""The nodes of the report's document tree (:mod:`argmap.render.report_model` builds it,
the emitters walk it): runs of text, paragraphs, quotes, statements, tables, figures,
side-by-side groups and sections."""

from __future__ import annotations

import attrs

from argmap.model import Quote, Statement

__all__ = [
    "Block",
    "Cell",
    "Figure",
    "Group",
    "Line",
    "Para",
    "QuoteBlock",
    "Report",
    "Section",
    "Sides",
    "StatementBlock",
    "Table",
    "Text",
    "edges",
]

#: How a run of text is set: ``strong``, ``em``, ``cite`` (a title), ``sid`` (a statement
#: id), ``na`` (*not addressed*), or a correspondence kind (a matrix link line).
Style = str


@attrs.frozen
class Text:
    """A run of text in one style (``plain`` unless said)."""

    text: str
    style: Style = "plain"


Line = tuple[Text, ...]


def edges(text: str, inner: str) -> str:
    """``inner`` (a run's escaped text) with one space before and after where the run's
    text has white space there (escaping flattens a run's text, trimming its ends).

    >>> edges(", by ", ", by")
    ', by '
    """
    before = " " if text[:1].isspace() else ""
    after = " " if text[-1:].isspace() else ""
    return f"{before}{inner}{after}"


@attrs.frozen
class Para:
    """A paragraph: one line of runs; ``role`` is ``meta``, ``answer`` or ``na`` if not plain."""

    line: Line
    role: str = ""


@attrs.frozen
class QuoteBlock:
    """A quote from the source, with its offsets when anchored."""

    quote: Quote


@attrs.frozen
class StatementBlock:
    """A statement: id, role, whose voice, text; ``full`` adds its aside, quotes, citation
    and note (without it the quotes get a table row of their own)."""

    statement: Statement
    full: bool = True


Cell = tuple["Para | QuoteBlock | StatementBlock", ...]


@attrs.frozen
class Table:
    """A table: header cells, then rows whose first cell heads the row; ``numeric`` for
    tables of counts."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: bool = False


@attrs.frozen
class Figure:
    """A drawing the build writes: ``key`` is ``summary``, ``matrix``, ``network`` or
    ``issue:<id>`` (each emitter finds the file or the SVG for it); ``wide``: full width."""

    key: str
    caption: str
    wide: bool = True


@attrs.frozen
class Group:
    """One author's side of something (a correspondence, the unique claims)."""

    title: str
    blocks: tuple[Block, ...]


@attrs.frozen
class Sides:
    """Groups shown side by side (one per author)."""

    groups: tuple[Group, ...]


@attrs.frozen
class Section:
    """A section: ``anchor`` (an HTML id, or empty), title, blocks and subsections; ``kind``
    marks a correspondence (``agree``, ``partial``, ``conflict``)."""

    anchor: str
    title: str
    blocks: tuple[Block, ...]
    kind: str = ""


Block = Para | QuoteBlock | StatementBlock | Table | Figure | Sides | Section


@attrs.frozen
class Report:
    """The whole report: its title, the page title, the essays compared, the sections."""

    title: str
    page_title: str
    essays: tuple[Line, ...]
    sections: tuple[Section, ...]
