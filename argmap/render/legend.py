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

__all__ = ["corr_edge_style", "legend_columns", "legend_pinned", "map_legend", "voice_style"]


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


def _comparison_samples(
    theme: Theme,
    roles: Iterable[Role],
    relations: Iterable[RelationType],
    arguments: bool,
    correspondences: Iterable[CorrespondenceType],
) -> tuple[list[tuple[str, str, NodeStyle]], list[tuple[str, str, EdgeStyle]]]:
    """A comparison legend's sample nodes and sample edges: (css, name, style) each."""
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
    return nodes, edges


def legend_pinned(
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
    node in a column (keys order a column top to bottom; the legend's come first). The
    correspondence nodes say AGREE, PARTIAL or CONFLICT on themselves, so
    ``correspondences`` is for drawings where they do not. Used by the two-map layout."""
    nodes, edges = _comparison_samples(theme, roles, relations, arguments, correspondences)
    if not nodes and not edges:
        return
    with g.subgraph(name="cluster_legend") as sub:
        sub.attr("graph", _attributes=_legend_cluster(theme, labelloc="t"))
        for n, sample in enumerate(_draw_samples(sub, theme, nodes, edges, "0.1")):
            for column, ident in enumerate(sample, 1):
                pin(ident, column, (-1, n))


def _draw_samples(
    sub: graphviz.Digraph,
    theme: Theme,
    nodes: list[tuple[str, str, NodeStyle]],
    edges: list[tuple[str, str, EdgeStyle]],
    head_width: str,
) -> list[list[str]]:
    """Draw the sample nodes and edges in ``sub``; their node ids, one list per sample."""
    small = f"{theme.small_fontsize:g}"
    samples: list[list[str]] = []
    for css, name, nstyle in nodes:
        ident = f"legend_{slug(css)}"
        attrs_ = {
            "id": ident,
            "class": f"legend legend-{css}",
            **node_attrs(nstyle, theme),
            "fontsize": small,
        }
        sub.node(ident, name, _attributes=attrs_)
        samples.append([ident])
    common = {"class": "legend", "shape": "plaintext", "fontsize": small}
    for css, name, estyle in edges:
        tail = f"legend_{slug(css)}_from"
        head = f"legend_{slug(css)}_to"
        sub.node(tail, name, _attributes=common)
        sub.node(head, "", _attributes={**common, "width": head_width, "height": "0.1"})
        sub.edge(
            tail,
            head,
            _attributes={"class": f"legend legend-{css}", **edge_attrs(estyle, theme)},
        )
        samples.append([tail, head])
    return samples


def legend_columns(
    g: graphviz.Digraph,
    theme: Theme,
    columns: int,
    *,
    roles: Iterable[Role],
    relations: Iterable[RelationType],
    arguments: bool,
    correspondences: Iterable[CorrespondenceType],
) -> None:
    """The legend of the issue-centred comparison: the samples in rows as wide as the
    drawing's columns, chained by invisible edges (dot puts it on top of the drawing)."""
    nodes, edges = _comparison_samples(theme, roles, relations, arguments, correspondences)
    if not nodes and not edges:
        return
    with g.subgraph(name="cluster_legend") as sub:
        sub.attr("graph", _attributes=_legend_cluster(theme, labelloc="t"))
        # The samples run left to right in rows as wide as the drawing's columns (a tall
        # column of samples would push the maps down), chained by invisible edges.
        samples = _draw_samples(sub, theme, nodes, edges, "0.3")
        per_row = max(2, columns - 1)
        used = 0
        previous: str | None = None
        for sample in samples:
            if used + len(sample) > per_row:
                used, previous = 0, None
            if previous is not None:
                sub.edge(previous, sample[0], _attributes={"style": "invis"})
            used += len(sample)
            previous = sample[-1]


def corr_edge_style(theme: Theme, kind: CorrespondenceType) -> EdgeStyle:
    """A correspondence's half edge: its colour, line style and width, no arrowheads."""
    style = theme.correspondence(kind)
    return attrs.evolve(style, arrowhead="none", arrowtail="none", dir="none", label="")
