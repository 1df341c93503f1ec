"""Pieces both comparison layouts share: what a view selects, correspondence nodes' ids and
labels, and the hidden anchors that pin nodes to columns."""

from __future__ import annotations

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap.compare import Comparison, CorrespondenceType, Issue, Ref
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, RelationType, Role
from argmap.render.labels import ComparisonView, Counter, Detail, Ids, slug, wrap
from argmap.render.maps import add_body
from argmap.render.style import Theme

__all__ = ["Columns", "Selection", "corr_id", "corr_label", "map_cluster", "select"]


@attrs.frozen
class Selection:
    """What a comparison view draws: per map the statement ids, and the issues."""

    keep: tuple[tuple[str, frozenset[str] | None], ...]
    issue_ids: tuple[str, ...]
    correspondence_ids: tuple[int, ...]


def select(c: Comparison, view: ComparisonView, issue: str | None) -> Selection:
    if issue is not None:
        try:
            issues: tuple[Issue, ...] = (c.issue(issue),)
        except KeyError:
            raise ArgmapError(f"no issue {issue!r} in comparison {c.id!r}", c.location) from None
        corr = tuple(i for i, x in enumerate(c.correspondences) if x.issue == issue)
    else:
        issues = c.issues
        corr = tuple(range(len(c.correspondences)))
    refs: set[Ref] = set()
    for i in corr:
        refs.update(c.correspondences[i].refs())
    keep: list[tuple[str, frozenset[str] | None]] = []
    for m in c.maps:
        if view == "full" and issue is None:
            keep.append((m.id, None))
            continue
        ids = {r.statement_id for r in refs if r.map_id == m.id}
        ids.update(s.id for s in m.by_role(Role.THESIS))
        keep.append((m.id, frozenset(ids)))
    return Selection(tuple(keep), tuple(i.id for i in issues), corr)


def corr_label(kind: CorrespondenceType, ident: str, width: int) -> list[str]:
    """``agree`` and the correspondence's id, without a repeated ``Agree:`` prefix."""
    head, sep, rest = ident.partition(":")
    text = rest if sep and head.strip().lower() == kind.value else ident
    return [kind.value.upper(), *wrap(text, width)]


class Columns:
    """Pins nodes to columns (ranks of an LR layout) and rows with a chain of hidden anchors.

    Every pinned node sits between the anchors of the columns before and after it, joined by
    invisible zero-weight edges; no ``rank=same`` is needed, so clusters stay legal for dot.
    The anchors order their out-edges (``ordering=out``), so each column lists its nodes top
    to bottom in the order of their keys.
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self._pins: list[tuple[int, tuple[int, ...], int, str]] = []

    @staticmethod
    def anchor(rank: int) -> str:
        return f"col_{rank}"

    def pin(self, ident: str, rank: int, key: tuple[int, ...] = (), *, tied: bool = False) -> None:
        """Put ``ident`` in column ``rank``; ``tied`` nodes are held there by visible edges."""
        self._pins.append((rank, key, len(self._pins), "" if tied else ident))

    def emit(self, g: graphviz.Digraph) -> None:
        hidden = {
            "style": "invis",
            "shape": "point",
            "width": "0",
            "height": "0",
            "label": "",
            "ordering": "out",
        }
        for r in range(self.count):
            g.node(self.anchor(r), _attributes=hidden)
        for r in range(self.count - 1):
            g.edge(self.anchor(r), self.anchor(r + 1), _attributes={"style": "invis"})
        invisible = {"style": "invis", "weight": "0"}
        for rank, _key, _n, ident in sorted(self._pins):
            if not ident:
                continue
            if rank > 0:
                g.edge(self.anchor(rank - 1), ident, _attributes=invisible)
            if rank < self.count - 1:
                g.edge(ident, self.anchor(rank + 1), _attributes=invisible)


def corr_id(ident: str, index: int) -> str:
    return f"c_{slug(ident)}_{index + 1}"


def map_cluster(
    g: graphviz.Digraph,
    m: ArgumentMap,
    label: str,
    node_id: Ids,
    edge_id: Counter,
    *,
    keep: frozenset[str] | None,
    detail: Detail,
    theme: Theme,
    relations: bool,
    tooltip: str | None = None,
) -> tuple[ArgumentMap, set[Role], set[RelationType], bool]:
    """One author's cluster of a comparison drawing (``label`` already escaped), its theses
    first so that they are drawn on top of its column; returns the map as drawn, and the
    roles, relation types and whether arguments were drawn (for the legend)."""
    name = "cluster_map_" + slug(m.id)
    shown = attrs.evolve(
        m, statements=sorted(m.statements, key=lambda s: s.role is not Role.THESIS)
    )
    attributes = {"id": name, "class": "cluster-map", "label": label}
    if tooltip is not None:
        attributes["tooltip"] = tooltip
    attributes.update(
        {
            "labelloc": "t",
            "style": "rounded,filled",
            "color": theme.cluster_color,
            "fillcolor": theme.cluster_fill,
            "fontname": theme.fontname,
            "fontsize": f"{theme.cluster_fontsize:g}",
            "penwidth": "1.5",
        }
    )
    with g.subgraph(name=name) as sub:
        sub.attr("graph", _attributes=attributes)
        roles, rels, has_args = add_body(
            sub,
            shown,
            node_id,
            edge_id,
            keep=keep,
            detail=detail,
            sections=False,
            theme=theme,
            key=(m.id,),
            constrain=False,
            relations=relations,
        )
    return shown, roles, rels, has_args
