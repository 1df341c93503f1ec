"""Legends: one sample node per role and one sample edge per relation or correspondence."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap.compare import CorrespondenceType
from argmap.model import RelationType, Role, Statement
from argmap.render.labels import slug
from argmap.render.style import EdgeStyle, NodeStyle, Theme, edge_attrs, node_attrs

__all__ = ["corr_edge_style", "legend_columns", "map_legend", "voice_style"]


def voice_style(style: NodeStyle, s: Statement) -> NodeStyle:
    """A statement's node style: dashed outline for a reported view, dotted for an aside."""
    if s.view is not None:
        return attrs.evolve(style, style=style.style + ",dashed")
    if s.aside is not None:
        return attrs.evolve(style, style=style.style + ",dotted")
    return style


_T = TypeVar("_T")

#: Samples in one row of a map's legend.
PER_ROW = 4


def _legend_cluster(theme: Theme, *, labelloc: str) -> dict[str, str]:
    """The attributes of a legend's cluster (maps put the title below, comparisons above)."""
    return {
        "id": "cluster_legend",
        "class": "legend",
        "label": "Legend",
        "labeljust": "l",
        "labelloc": labelloc,
        "style": "rounded,filled",
        "color": theme.cluster_color,
        "fillcolor": "#FFFFFF",
        "fontname": theme.fontname,
        "fontsize": f"{theme.small_fontsize:g}",
    }


def map_legend(
    g: graphviz.Digraph,
    theme: Theme,
    *,
    roles: Iterable[Role] = (),
    relations: Iterable[RelationType] = (),
    arguments: bool = False,
    reported: bool = False,
    asides: bool = False,
) -> str | None:
    """A map's legend cluster: one sample node per role, one sample edge per relation kind,
    and a dashed sample for reported views and a dotted one for asides where drawn, in rows
    of four; returns the first node of its top row (``None`` when nothing is drawn), which
    :func:`~argmap.render.maps.map_graph` puts below the whole map."""
    nodes: list[tuple[str, str, NodeStyle]] = [
        (f"role-{r.value}", r.value, theme.role(r)) for r in Role if r in set(roles)
    ]
    if arguments:
        nodes.append(("argument", "argument", theme.argument))
    if reported:
        dashed = attrs.evolve(theme.claim, style=theme.claim.style + ",dashed")
        nodes.append(("reported", "reported view", dashed))
    if asides:
        dotted = attrs.evolve(theme.claim, style=theme.claim.style + ",dotted")
        nodes.append(("aside", "aside", dotted))
    edges: list[tuple[str, str, EdgeStyle]] = [
        (f"rel-{t.value}", t.value, theme.relation(t)) for t in RelationType if t in set(relations)
    ]
    if arguments:
        edges.append(("premise", "premise", theme.premise))
    if not nodes and not edges:
        return None
    with g.subgraph(name="cluster_legend") as sub:
        sub.attr("graph", _attributes=_legend_cluster(theme, labelloc="b"))
        # rows of at most four samples: the nodes on top, then the edges (each drawn left
        # to right as a flat edge within its row); invisible edges stack the rows
        rows: list[list[str]] = []
        for chunk in _chunks(nodes, PER_ROW):
            row_ids: list[str] = []
            with sub.subgraph() as row:
                row.attr("graph", rank="same")
                for css, name, nstyle in chunk:
                    ident = f"legend_{slug(css)}"
                    node = {
                        "id": ident,
                        "class": f"legend legend-{css}",
                        **node_attrs(nstyle, theme),
                        "fontsize": f"{theme.small_fontsize:g}",
                    }
                    row.node(ident, name, _attributes=node)
                    row_ids.append(ident)
                for left, right in itertools.pairwise(row_ids):
                    row.edge(left, right, _attributes={"style": "invis"})
            rows.append(row_ids)
        common = {"class": "legend", "shape": "plaintext", "fontsize": f"{theme.small_fontsize:g}"}
        for echunk in _chunks(edges, PER_ROW):
            row_ids = []
            with sub.subgraph() as row:
                row.attr("graph", rank="same")
                for css, name, estyle in echunk:
                    tail = f"legend_{slug(css)}_from"
                    head = f"legend_{slug(css)}_to"
                    row.node(tail, name, _attributes=common)
                    row.node(head, "", _attributes={**common, "width": "0.3", "height": "0.1"})
                    attrs_ = {"class": f"legend legend-{css}", **edge_attrs(estyle, theme)}
                    attrs_["minlen"] = "2"
                    row.edge(tail, head, _attributes=attrs_)
                    row_ids += [tail, head]
                for left, right in itertools.pairwise(row_ids):
                    if left.endswith("_to"):
                        row.edge(left, right, _attributes={"style": "invis"})
            rows.append(row_ids)
        for upper, lower in itertools.pairwise(rows):
            sub.edge(lower[0], upper[0], _attributes={"style": "invis"})
    return rows[0][0]


def _chunks(items: Sequence[_T], size: int) -> list[Sequence[_T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def legend_columns(
    g: graphviz.Digraph,
    theme: Theme,
    pin: Callable[[str, int, tuple[int, ...]], None],
    *,
    roles: Iterable[Role],
    relations: Iterable[RelationType],
    arguments: bool,
    correspondences: Iterable[CorrespondenceType] = (),
) -> None:
    """The legend of a comparison, compact, at the top of the second column (the first one
    ordered by the hidden anchors): the sample nodes one under the other, then each sample
    edge running from its label into the third column. ``pin(ident, column, key)`` puts a
    node in a column (keys order a column top to bottom; the legend's come first). The correspondence nodes say AGREE, PARTIAL or
    CONFLICT on themselves, so ``correspondences`` is for drawings where they do not."""
    nodes: list[tuple[str, str, NodeStyle]] = [
        (f"role-{r.value}", r.value, theme.role(r)) for r in Role if r in set(roles)
    ]
    if arguments:
        nodes.append(("argument", "argument", theme.argument))
    kinds = [t for t in CorrespondenceType if t in set(correspondences)]
    nodes.extend((f"corr-{t.value}", t.value, theme.correspondence_node(t)) for t in kinds)
    edges: list[tuple[str, str, EdgeStyle]] = [
        (f"rel-{t.value}", t.value, theme.relation(t)) for t in RelationType if t in set(relations)
    ]
    if arguments and relations:
        edges.append(("premise", "premise", theme.premise))
    edges.extend((f"corr-edge-{t.value}", t.value, corr_edge_style(theme, t)) for t in kinds)
    if not nodes and not edges:
        return
    small = f"{theme.small_fontsize:g}"
    with g.subgraph(name="cluster_legend") as sub:
        sub.attr("graph", _attributes=_legend_cluster(theme, labelloc="t"))
        for n, (css, name, nstyle) in enumerate(nodes):
            ident = f"legend_{slug(css)}"
            attrs_ = {
                "id": ident,
                "class": f"legend legend-{css}",
                **node_attrs(nstyle, theme),
                "fontsize": small,
            }
            sub.node(ident, name, _attributes=attrs_)
            pin(ident, 1, (-1, n))
        common = {"class": "legend", "shape": "plaintext", "fontsize": small}
        for n, (css, name, estyle) in enumerate(edges, len(nodes)):
            tail = f"legend_{slug(css)}_from"
            head = f"legend_{slug(css)}_to"
            sub.node(tail, name, _attributes=common)
            sub.node(head, "", _attributes={**common, "width": "0.1", "height": "0.1"})
            sub.edge(
                tail,
                head,
                _attributes={"class": f"legend legend-{css}", **edge_attrs(estyle, theme)},
            )
            pin(tail, 1, (-1, n))
            pin(head, 2, (-1, n))


def corr_edge_style(theme: Theme, kind: CorrespondenceType) -> EdgeStyle:
    """A correspondence's half edge: its colour, line style and width, no arrowheads."""
    style = theme.correspondence(kind)
    return attrs.evolve(style, arrowhead="none", arrowtail="none", dir="none", label="")
