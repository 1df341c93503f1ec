"""The DOT graph of a comparison: the maps as columns, issues and correspondences between."""

from __future__ import annotations

import graphviz  # type: ignore[import-untyped]

from argmap.compare import Comparison, Ref
from argmap.model import ArgumentMap, RelationType, Role
from argmap.render.centred import centred_graph
from argmap.render.columns import Columns, corr_id, corr_label, map_cluster, select
from argmap.render.labels import (
    DETAILS,
    VIEWS,
    ComparisonView,
    Counter,
    Detail,
    Ids,
    check_choice,
    map_heading,
    plain_label,
    slug,
    wrap,
)
from argmap.render.legend import corr_edge_style, legend_pinned
from argmap.render.maps import edge, new_graph
from argmap.render.style import DEFAULT_THEME, Theme, node_attrs

__all__ = ["comparison_graph"]


# -- comparisons -------------------------------------------------------------
def comparison_graph(
    c: Comparison,
    *,
    view: ComparisonView = "summary",
    issue: str | None = None,
    detail: Detail = "summary",
    legend: bool = True,
    theme: Theme = DEFAULT_THEME,
) -> graphviz.Digraph:
    """The maps of ``c`` as columns, left to right, with the correspondences between them.

    The drawing reads like a table: each map is a cluster in its own column (the maps in the
    comparison's order), and between two neighbouring columns one small cluster per issue
    (labelled with its question) holds one node per correspondence ("AGREE", "PARTIAL" or
    "CONFLICT" and its id, styled by type in colour, shape and outline) joined by two short
    edges to the statement on each side. A correspondence between maps that are not
    neighbours sits right of its left map and reaches across with an edge that does not
    shape the layout. Correspondences without an issue go in an "Other correspondences"
    cluster. Positions are not drawn (the report's table lists them).

    ``view="summary"`` draws each map's thesis and the statements that take part in a
    correspondence; ``"full"`` every statement and in-map relation, the statements without
    a correspondence in two further columns on the outer side of their map. ``issue``
    restricts the drawing to one issue and its correspondences (with each map's thesis).

    >>> from argmap.compare import Correspondence, CorrespondenceType
    >>> from argmap.model import MapBuilder, Role
    >>> a = MapBuilder("a").statement("A: t", "Tax land.", Role.THESIS).build()
    >>> b = MapBuilder("b").statement("B: t", "Do not.", Role.THESIS).build()
    >>> k = Correspondence("k", Ref("a", "A: t"), Ref("b", "B: t"), CorrespondenceType.CONFLICT)
    >>> g = comparison_graph(Comparison("ab", "A vs B", (a, b), correspondences=(k,)))
    >>> 'class="corr corr-conflict"' in g.source
    True
    """
    check_choice(view, VIEWS, "view")
    check_choice(detail, DETAILS, "detail")
    if len(c.maps) >= 3:
        return centred_graph(c, view=view, issue=issue, detail=detail, legend=legend, theme=theme)
    sel = select(c, view, issue)
    title = [c.title or c.id, *(map_heading(m) for m in c.maps)]
    if issue is not None:
        title.append(f"issue: {c.issue(issue).question}")
    g = new_graph(f"comparison_{slug(c.id)}", "comparison", title, theme, columns=True)
    full = view == "full" and issue is None
    node_id = Ids("")
    edge_id = Counter("e_")
    roles: set[Role] = set()
    rels: set[RelationType] = set()
    has_args = False
    keep = dict(sel.keep)
    order = {m.id: n for n, m in enumerate(c.maps)}

    # Columns: map n spans `width` ranks from base(n); the gap after it holds the nodes of
    # the correspondences whose left statement is in map n. In the full view a map's
    # statements without a correspondence go on the outer ranks.
    width = 3 if full else 1

    def base(n: int) -> int:
        return n * (width + 1)

    last = len(c.maps) - 1
    columns = Columns(base(last) + width + 2)

    # Each correspondence oriented in map order, grouped by (gap, issue), in display order.
    groups: dict[tuple[int, str | None], list[tuple[int, Ref, Ref]]] = {}
    for i in sel.correspondence_ids:
        k = c.correspondences[i]
        left, right = k.left, k.right
        if left.map_id not in order or right.map_id not in order:
            continue
        if order[left.map_id] > order[right.map_id]:
            left, right = right, left
        groups.setdefault((order[left.map_id], k.issue), []).append((i, left, right))
    issue_order = {iid: n for n, iid in enumerate(sel.issue_ids)}
    for question in sel.issue_ids:  # an issue without correspondences still gets a cluster
        if not any(key[1] == question for key in groups):
            groups[(0, question)] = []

    def cluster_key(key: tuple[int, str | None]) -> tuple[int, int]:
        return (key[0], issue_order.get(key[1] or "", len(issue_order)))

    clusters = sorted(groups, key=cluster_key)
    oriented = [item for key in clusters for item in groups[key]]
    row = {i: n for n, (i, _, _) in enumerate(oriented)}
    linked_left: dict[Ref, int] = {}  # statement -> first row of a correspondence to its right
    linked_right: dict[Ref, int] = {}  # statement -> first row of one to its left
    adjacent_right: set[Ref] = set()  # the right end of a correspondence between neighbours
    for i, left, right in oriented:
        linked_left.setdefault(left, row[i])
        linked_right.setdefault(right, row[i])
        if order[right.map_id] == order[left.map_id] + 1:
            adjacent_right.add(right)

    def place(m: ArgumentMap, ref: Ref, thesis: bool, nth: int) -> tuple[int, tuple[int, ...]]:
        """The column and the row key of a node of map ``m``; ``nth`` counts unlinked ones."""
        n = order[m.id]
        if ref in linked_right or ref in linked_left:
            first = min(linked_right.get(ref, len(row)), linked_left.get(ref, len(row)))
            inner = base(n) if ref in linked_right or n == 0 else base(n) + width - 1
            if n == 0 and ref in linked_left:
                inner = base(n) + width - 1
            return inner, (0 if thesis else 1, first)
        if width == 1:
            return base(n), (0 if thesis else 2, nth)
        outer = [base(n) + d for d in (range(width - 1) if n == 0 else range(1, width))]
        if thesis:
            return outer[-1] if n == 0 else outer[0], (0, nth)
        return outer[nth % len(outer)], (2, nth)

    for m in c.maps:
        shown, r, t, a = map_cluster(
            g,
            m,
            plain_label(wrap(map_heading(m), 44)),
            node_id,
            edge_id,
            keep=keep[m.id],
            detail=detail,
            theme=theme,
            relations=full,
        )
        roles.update(r)
        rels.update(t)
        has_args = has_args or a
        nth = 0
        for s in shown.statements:
            ident = node_id.get(m.id, s.id)
            if ident is not None:
                nth += 1
                ref = Ref(m.id, s.id)
                rank, key = place(m, ref, s.role is Role.THESIS, nth)
                # in the summary, linked statements are held in place by their correspondences
                tied = width == 1 and (
                    (order[m.id] == 0 and ref in linked_left) or ref in adjacent_right
                )
                columns.pin(ident, rank, key, tied=tied)
        for arg in m.arguments:
            ident = node_id.get(m.id, "arg", arg.id)
            if ident is not None:
                nth += 1
                columns.pin(ident, *place(m, Ref("", ""), False, nth))

    small = f"{theme.small_fontsize:g}"
    for number, (gap, iid) in enumerate(clusters):
        rank = base(gap) + width
        if iid is not None and iid in issue_order:
            iss = c.issue(iid)
            label = wrap(iss.question, 34)
            silent = [m.id for m in c.maps if not iss.position(m.id).addressed]
            if silent:
                label += wrap("not addressed: " + ", ".join(silent), 40)
            name = f"cluster_issue_{node_id('issue', iid)}_{gap}"
        else:
            label = ["Other correspondences"]
            name = f"cluster_issue_other_{gap}"
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
            if not groups[(gap, iid)]:
                ident = f"{node_id('issue', iid or '')}_empty"
                note = {
                    "id": ident,
                    "class": "issue-empty",
                    "shape": "plaintext",
                    "fontsize": small,
                }
                sub.node(ident, "no correspondence", _attributes=note)
                columns.pin(ident, rank, (-1, number))
            for i, _left, _right in groups[(gap, iid)]:
                k = c.correspondences[i]
                attrs_ = {
                    "id": corr_id(k.id, i),
                    "class": f"corr corr-{k.type.value}",
                    **node_attrs(theme.correspondence_node(k.type), theme),
                    "fontsize": small,
                    "tooltip": plain_label([f"{k.type.value}: {k.id}", k.rationale]),
                }
                label_ = plain_label(corr_label(k.type, k.id, 26))
                sub.node(corr_id(k.id, i), label_, _attributes=attrs_)
                adjacent = order[_right.map_id] == order[_left.map_id] + 1
                columns.pin(corr_id(k.id, i), rank, (row[i],), tied=adjacent and width == 1)

    for i, left, right in oriented:
        k = c.correspondences[i]
        estyle = corr_edge_style(theme, k.type)
        css = f"corr-edge corr-edge-{k.type.value}"
        tip = {"tooltip": plain_label([f"{k.type.value}: {k.id}"])}
        tail = node_id.get(left.map_id, left.statement_id)
        head = node_id.get(right.map_id, right.statement_id)
        adjacent = order[right.map_id] == order[left.map_id] + 1
        if tail is not None:
            edge(g, tail, corr_id(k.id, i), edge_id(), css, estyle, theme, weight="4", **tip)
        if head is not None:
            extra = {"weight": "4"} if adjacent else {"constraint": "false"}
            edge(g, corr_id(k.id, i), head, edge_id(), css, estyle, theme, **extra, **tip)

    if legend:
        legend_pinned(
            g,
            theme,
            columns.pin,
            roles=roles,
            relations=rels,
            arguments=has_args,  # the correspondence nodes say AGREE, PARTIAL, CONFLICT
        )
    columns.emit(g)
    return g
