"""Figures of a comparison as a whole: the issue matrix and the author network.

:func:`matrix_graph` draws the issue matrix (:mod:`argmap.analysis.matrix`) as one table:
one row per issue, one column per author; each cell gives the short answer, the statements
behind it and a line per other author with a glyph and a colour (``=`` agree, ``≈``
partial, ``≠`` conflict, so the table reads in grey too), or *not addressed* on grey.
:func:`network_graph` draws the author network (:mod:`argmap.analysis.network`): authors
on a circle, one edge per kind of correspondence between two authors, as thick as it has
correspondences and labelled with glyph and count.

>>> from argmap.compare import Comparison
>>> from argmap.model import MapBuilder, Role
>>> a = MapBuilder("a").statement("A: t", "Tax land.", Role.THESIS).build()
>>> matrix_graph(Comparison("c", "Alone", (a,))).source.count("<TR>")  # header, legend
2
"""

from __future__ import annotations

import math

import graphviz  # type: ignore[import-untyped]

from argmap.analysis.matrix import GLYPHS, NOT_ADDRESSED, Cell, IssueMatrix, issue_matrix
from argmap.analysis.network import AuthorNetwork, author_network
from argmap.compare import Comparison, CorrespondenceType
from argmap.render.digraph import Digraph
from argmap.render.labels import html_text, map_heading, plain_label, slug, wrap
from argmap.render.style import DEFAULT_THEME, Theme

__all__ = ["TEXT_COLOURS", "kind_colour", "matrix_graph", "network_graph"]


#: Darker shades of the correspondence colours for text on white (legible at small sizes).
TEXT_COLOURS: dict[CorrespondenceType, str] = {
    CorrespondenceType.AGREE: "#00704F",
    CorrespondenceType.PARTIAL: "#9A5B00",
    CorrespondenceType.CONFLICT: "#B04600",
}


def kind_colour(theme: Theme, kind: CorrespondenceType) -> str:
    """The colour of a kind of correspondence (its edge colour in every drawing)."""
    return theme.correspondence(kind).color


def _html_lines(lines: list[str]) -> str:
    return '<BR ALIGN="LEFT"/>'.join(html_text(x) for x in lines) + '<BR ALIGN="LEFT"/>'


def _cell(mx: IssueMatrix, cell: Cell, theme: Theme) -> str:
    small = f'POINT-SIZE="{theme.small_fontsize:g}"'
    tip = html_text(cell.answer or (NOT_ADDRESSED if not cell.addressed else ""))
    ident = f'ID="mx_{slug(cell.issue_id)}__{slug(cell.map_id)}"'
    common = f'{ident} ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT" CELLPADDING="6"'
    tooltip = f' TOOLTIP="{tip}"' if tip else ""
    if not cell.addressed:
        return (
            f'<TD {common} BGCOLOR="#E4E4E4"{tooltip}>'
            f'<FONT COLOR="#444444"><I>{NOT_ADDRESSED}</I></FONT></TD>'
        )
    parts: list[str] = []
    if cell.short:
        parts.append("<B>" + _html_lines(wrap(cell.short, 26)) + "</B>")
    if cell.statements:
        ids = [line for s in cell.statements for line in wrap(s, 30)]
        parts.append(f'<FONT {small} COLOR="#333333">' + _html_lines(ids) + "</FONT>")
    for link in cell.links:
        colour = TEXT_COLOURS[link.kind]
        text = f"{GLYPHS[link.kind]} {link.kind.value}: {mx.label(link.other)}"
        bold = ("<B>", "</B>") if link.kind is CorrespondenceType.CONFLICT else ("", "")
        parts.append(
            f'<FONT {small} COLOR="{colour}">{bold[0]}{_html_lines([text])}{bold[1]}</FONT>'
        )
    if not parts:
        parts.append("<I>addressed</I>")
    return f'<TD {common} BGCOLOR="#FFFFFF"{tooltip}>' + "".join(parts) + "</TD>"


def matrix_graph(c: Comparison, *, theme: Theme = DEFAULT_THEME) -> graphviz.Digraph:
    """The issue matrix of ``c`` as a table drawn by Graphviz (one node, an HTML label)."""
    mx = issue_matrix(c)
    g = Digraph(name=f"matrix_{slug(c.id)}")
    g.attr(
        "graph",
        _attributes={
            "class": "issue-matrix",
            "label": plain_label([f"{c.title or c.id}: issues by author"]),
            "labelloc": "t",
            "fontname": theme.fontname,
            "fontsize": f"{theme.title_fontsize - 2:g}",
            "bgcolor": theme.background,
            "pad": "0.2",
        },
    )
    head = f'BGCOLOR="{theme.issue.fillcolor}" CELLPADDING="6"'
    rows = [
        f'<TR><TD {head} ALIGN="LEFT"><B>Issue</B></TD>'
        + "".join(
            f'<TD {head} ID="mx_head__{slug(m.id)}" TOOLTIP="{html_text(map_heading(m))}">'
            f"<B>{_html_lines(wrap(label, 22))}</B></TD>"
            for m, label in zip(c.maps, mx.labels, strict=True)
        )
        + "</TR>"
    ]
    for issue, row in zip(mx.issues, mx.rows, strict=True):
        question = _html_lines(wrap(issue.question or issue.title or issue.id, 30))
        cells = "".join(_cell(mx, cell, theme) for cell in row)
        rows.append(
            f'<TR><TD {head} ID="mx_issue__{slug(issue.id)}" TOOLTIP="{html_text(issue.id)}" '
            f'ALIGN="LEFT" VALIGN="TOP" '
            f'BALIGN="LEFT">{question}</TD>{cells}</TR>'
        )
    legend = "  ".join(
        f'<FONT COLOR="{TEXT_COLOURS[k]}">{html_text(GLYPHS[k])} {k.value}</FONT>'
        for k in CorrespondenceType
    )
    span = len(mx.authors) + 1
    rows.append(
        f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BORDER="0">{legend}   '
        f'<FONT COLOR="#444444"><I>{NOT_ADDRESSED}</I> on grey</FONT></TD></TR>'
    )
    table = (
        '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" COLOR="#888888">'
        + "".join(rows)
        + "</TABLE>>"
    )
    g.node(
        "matrix",
        table,
        _attributes={
            "id": "issue_matrix",
            "shape": "plaintext",
            "fontname": theme.fontname,
            "fontsize": f"{theme.fontsize:g}",
            "margin": "0",
        },
    )
    return g


def network_graph(c: Comparison, *, theme: Theme = DEFAULT_THEME) -> graphviz.Digraph:
    """The author network of ``c``: authors on a circle, a weighted edge per kind."""
    net: AuthorNetwork = author_network(c)
    g = Digraph(name=f"network_{slug(c.id)}", engine="neato")
    g.attr(
        "graph",
        _attributes={
            "class": "author-network",
            "layout": "neato",
            "label": plain_label([f"{c.title or c.id}: who agrees with whom"]),
            "labelloc": "t",
            "fontname": theme.fontname,
            "fontsize": f"{theme.title_fontsize - 2:g}",
            "bgcolor": theme.background,
            "splines": "true",
            "pad": "0.4",
        },
    )
    n = len(net.nodes)
    radius = 1.6 + 0.45 * n
    for i, node in enumerate(net.nodes):
        x, y = _circle(i, n, radius)
        tip = [node.label, node.author, node.title]
        g.node(
            f"a_{slug(node.id)}",
            plain_label(wrap(node.label, 18)),
            _attributes={
                "id": f"author_{slug(node.id)}",
                "class": "author",
                "shape": "box",
                "style": "rounded,filled",
                "color": theme.cluster_color,
                "fillcolor": theme.cluster_fill,
                "penwidth": "1.5",
                "fontname": theme.fontname,
                "fontsize": f"{theme.cluster_fontsize:g}",
                "margin": "0.15,0.1",
                "pos": f"{x:.2f},{y:.2f}!",
                "tooltip": plain_label([t for t in tip if t]),
            },
        )
    where = {node.id: _circle(i, n, radius) for i, node in enumerate(net.nodes)}
    for tie in net.ties:
        kinds = [k for k in CorrespondenceType if tie.count(k)]
        (ax, ay), (bx, by) = where[tie.a], where[tie.b]
        length = math.hypot(bx - ax, by - ay) or 1.0
        # each kind gets its own path, bent through a label node beside the midpoint
        nx, ny = -(by - ay) / length, (bx - ax) / length
        for j, kind in enumerate(kinds):
            count = tie.count(kind)
            offset = 0.55 * (j - (len(kinds) - 1) / 2)
            # chords through the middle of a big circle put their labels a third of the way
            # from their first author, so that they do not all meet in the centre
            t = 0.5 if length < radius * 1.2 else 0.33
            mx = ax + (bx - ax) * t + nx * offset
            my = ay + (by - ay) * t + ny * offset
            style = theme.correspondence(kind)
            ident = f"tie_{slug(tie.a)}__{slug(tie.b)}__{kind.value}"
            tie_tip = plain_label([f"{count} {kind.value}: {tie.a} and {tie.b}"])
            g.node(
                ident,
                plain_label([f"{GLYPHS[kind]} {count}"]),
                _attributes={
                    "id": ident,
                    "class": f"tie-label tie-{kind.value}",
                    "shape": "plaintext",
                    "fontname": theme.fontname,
                    "fontsize": f"{theme.fontsize:g}",
                    "fontcolor": TEXT_COLOURS[kind],
                    "margin": "0.02",
                    "width": "0.3",
                    "height": "0.2",
                    "pos": f"{mx:.2f},{my:.2f}!",
                    "tooltip": tie_tip,
                },
            )
            line = {
                "class": f"tie tie-{kind.value}",
                "dir": "none",
                "color": style.color,
                "style": style.style,
                "penwidth": f"{1.5 + 1.5 * min(count, 6):g}",
                "tooltip": tie_tip,
            }
            g.edge(f"a_{slug(tie.a)}", ident, _attributes={"id": ident + "_a", **line})
            g.edge(ident, f"a_{slug(tie.b)}", _attributes={"id": ident + "_b", **line})
    return g


def _circle(i: int, n: int, radius: float) -> tuple[float, float]:
    """The ``i``-th of ``n`` points on a circle, the first at the top, clockwise."""
    angle = math.pi / 2 - 2 * math.pi * i / max(n, 1)
    return radius * math.cos(angle), radius * math.sin(angle)
