"""The issue-centred comparison of any number of maps: issues in the middle, authors around.

Every issue is one cluster in a central column, labelled with its question and holding one
node per correspondence recorded in it. The authors' clusters stand in the columns on
either side, one author above the other (the first, third, fifth map on the left; the
second, fourth, sixth on the right), so every correspondence edge runs between the central
column and the column next to it and never crosses another author's cluster. The title is
one line; the author clusters carry short labels (:mod:`argmap.analysis.authors`).

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

__all__ = ["centred_graph"]


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
        f"comparison_{slug(c.id)}", "comparison issue-centred", [title], theme, columns=True
    )
    full = view == "full" and issue is None
    width = 2 if full else 1
    centre = width
    # side 0 = left of the issues, 1 = right; inner/outer columns of each side
    inner = (centre - 1, centre + 1)
    outer = (0, centre + width) if full else inner
    columns = Columns(centre + width + 1)
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
            # ports on the sides facing each other: the edge turns in the gap between the
            # columns, not along another author's cluster
            ports = {"tailport": "e", "headport": "w"}
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
