"""The issue-centred comparison of any number of maps: issues in the middle, authors around.

Every issue is one cluster in a central column, labelled with its question and holding one
node per correspondence recorded in it. The authors' clusters stand in the columns on
either side, one author above the other (the first, third, fifth map on the left; the
second, fourth, sixth on the right). Between the authors' columns and the issues stands an
empty column, and the gaps between columns are wide (:data:`GAP`): an edge from a lower
author to an upper issue climbs there, through no author's cluster, instead of hugging the
clusters stacked above its own. Edges leave a statement on the side facing the issues (a
port), so they do not run over the statement's own cluster label; the tests measure every
edge's curve against every other author's cluster for 2 to 6 authors. The title is one
line; the author clusters carry short labels (:mod:`argmap.analysis.authors`).

In the full view the statements that take part in no correspondence go in an outer column
of their author's cluster, and the in-map relations are drawn without shaping the layout.
"""

from __future__ import annotations

import graphviz  # type: ignore[import-untyped]

from argmap.analysis.authors import short_labels
from argmap.compare import Comparison, CorrespondenceType, Ref
from argmap.model import RelationType, Role
from argmap.render.columns import Columns, corr_id, corr_label, map_cluster, select
from argmap.render.labels import (
    ComparisonView,
    Counter,
    Detail,
    Ids,
    map_heading,
    plain_label,
    slug,
    wrap,
)
from argmap.render.legend import corr_edge_style, legend_columns
from argmap.render.maps import edge, new_graph
from argmap.render.style import Theme, node_attrs

__all__ = ["GAP", "centred_graph"]

#: The gap between columns, in inches: wide enough that with three authors stacked on a
#: side the climbing edges keep clear of the clusters they pass (0.35 made them graze).
GAP = "0.7"


def centred_graph(
    c: Comparison,
    *,
    view: ComparisonView,
    issue: str | None,
    detail: Detail,
    legend: bool,
    theme: Theme,
) -> graphviz.Digraph:
    """The issue-centred drawing of ``c`` (see the module's description)."""
    sel = select(c, view, issue)
    labels = short_labels(c.maps)
    title = c.title or c.id
    if issue is not None:
        title = f"{title}: {c.issue(issue).question}"
    g = new_graph(
        f"comparison_{slug(c.id)}",
        "comparison issue-centred",
        [title],
        theme,
        columns=True,
        ranksep=GAP,
    )
    full = view == "full" and issue is None
    width = 2 if full else 1
    centre = width + 1
    # side 0 = left of the issues, 1 = right; inner/outer columns of each side, and an
    # empty column between the inner ones and the issues where the edges climb
    inner = (centre - 2, centre + 2)
    outer = (0, centre + width + 1) if full else inner
    columns = Columns(centre + width + 2)
    order = {m.id: n for n, m in enumerate(c.maps)}
    side = {m.id: n % 2 for n, m in enumerate(c.maps)}
    node_id = Ids("")
    edge_id = Counter("e_")
    keep = dict(sel.keep)

    # correspondences grouped by issue, in the order of the issues (then file order)
    issue_order = {iid: n for n, iid in enumerate(sel.issue_ids)}
    groups: dict[str | None, list[int]] = {iid: [] for iid in sel.issue_ids}
    for i in sel.correspondence_ids:
        k = c.correspondences[i]
        if k.left.map_id not in order or k.right.map_id not in order:
            continue
        key = k.issue if k.issue in issue_order else None
        groups.setdefault(key, []).append(i)
    row: dict[int, int] = {}
    for i in (i for key in groups for i in groups[key]):
        row[i] = len(row)
    first_row: dict[Ref, int] = {}
    for i, n in row.items():
        for ref in c.correspondences[i].refs():
            first_row.setdefault(ref, n)

    roles: set[Role] = set()
    rels: set[RelationType] = set()
    has_args = False
    for m in c.maps:
        shown, r, t, a = map_cluster(
            g,
            m,
            plain_label([labels[m.id]]),
            node_id,
            edge_id,
            keep=keep[m.id],
            detail=detail,
            theme=theme,
            relations=full,
            tooltip=plain_label([map_heading(m)]),
        )
        roles.update(r)
        rels.update(t)
        has_args = has_args or a
        s_ = side[m.id]
        nth = 0
        for s in shown.statements:
            ident = node_id.get(m.id, s.id)
            if ident is None:
                continue
            nth += 1
            ref = Ref(m.id, s.id)
            thesis = s.role is Role.THESIS
            if ref in first_row:
                columns.pin(ident, inner[s_], (order[m.id], 0 if thesis else 1, first_row[ref]))
            else:
                columns.pin(ident, outer[s_], (order[m.id], 0 if thesis else 2, nth))
        for arg in m.arguments:
            ident = node_id.get(m.id, "arg", arg.id)
            if ident is not None:
                nth += 1
                columns.pin(ident, outer[side[m.id]], (order[m.id], 2, nth))

    kinds: set[CorrespondenceType] = set()
    small = f"{theme.small_fontsize:g}"
    for number, iid in enumerate(groups):
        if iid is not None:
            iss = c.issue(iid)
            label = wrap(iss.question or iss.title or iss.id, 34)
            silent = [labels[m.id] for m in c.maps if not iss.position(m.id).addressed]
            if silent:
                label += wrap("not addressed: " + ", ".join(silent), 40)
            name = f"cluster_issue_{node_id('issue', iid)}"
        else:
            if not groups[iid]:
                continue
            label = ["Other correspondences"]
            name = "cluster_issue_other"
        with g.subgraph(name=name) as sub:
            sub.attr(
                "graph",
                _attributes={
                    "id": name,
                    "class": "cluster-issue issue",
                    "label": plain_label(label),
                    "labelloc": "t",
                    "style": "rounded,filled",
                    "color": theme.issue.color,
                    "fillcolor": theme.issue.fillcolor,
                    "fontname": theme.fontname,
                    "fontsize": small,
                },
            )
            if not groups[iid]:
                ident = f"{node_id('issue', iid or '')}_empty"
                note = {"id": ident, "class": "issue-empty", "shape": "plaintext"}
                sub.node(ident, "no correspondence", _attributes={**note, "fontsize": small})
                columns.pin(ident, centre, (-1, number))
            for i in groups[iid]:
                k = c.correspondences[i]
                kinds.add(k.type)
                attrs_ = {
                    "id": corr_id(k.id, i),
                    "class": f"corr corr-{k.type.value}",
                    **node_attrs(theme.correspondence_node(k.type), theme),
                    "fontsize": small,
                    "tooltip": plain_label([f"{k.type.value}: {k.id}", k.rationale]),
                }
                sub.node(
                    corr_id(k.id, i), plain_label(corr_label(k.type, k.id, 26)), _attributes=attrs_
                )
                columns.pin(corr_id(k.id, i), centre, (row[i],))

    for i in row:
        k = c.correspondences[i]
        estyle = corr_edge_style(theme, k.type)
        css = f"corr-edge corr-edge-{k.type.value}"
        tip = {"tooltip": plain_label([f"{k.type.value}: {k.id}"])}
        for ref in k.refs():
            ident = node_id.get(ref.map_id, ref.statement_id)
            if ident is None:
                continue
            # left of the issues the statement is the tail, right of them the head
            tail, head = (
                (ident, corr_id(k.id, i)) if side[ref.map_id] == 0 else (corr_id(k.id, i), ident)
            )
            # the statement's side facing the issues: the edge leaves its cluster sideways,
            # not over the cluster's label; the issue end is free to take the shortest way
            ports = {"tailport": "e"} if side[ref.map_id] == 0 else {"headport": "w"}
            edge(g, tail, head, edge_id(), css, estyle, theme, weight="4", **ports, **tip)

    if legend:
        legend_columns(
            g,
            theme,
            columns.count,
            roles=roles,
            relations=rels,
            arguments=has_args,
            correspondences=(),  # the correspondence nodes say AGREE, PARTIAL, CONFLICT
        )
    columns.emit(g)
    return g
