"""A comparison read back from the AIF document argmap wrote for it.

Correspondences are the MA (agree, partial) and CA (conflict) nodes between statements of
different maps; the YA Agreeing / Disagreeing that anchors each, and the TA between the two
statements' locutions, belong to it. Issues exist only in the ``"argmap"`` data.
"""

from __future__ import annotations

from typing import Any

from argmap.comparison import Comparison, Correspondence, CorrespondenceType, Issue, Position, Ref
from argmap.errors import FormatError
from argmap.formats._aif_graph import AifGraph, escape
from argmap.formats._aif_read import MapParts

__all__ = ["read_comparison"]


def read_comparison(
    g: AifGraph,
    parts: list[MapParts],
    meta: dict[str, Any],
    used_nodes: set[str],
    used_edges: set[int],
) -> Comparison:
    owner: dict[str, Ref] = {}
    for p in parts:
        for node_id, statement_id in p.statement_of.items():
            owner[node_id] = Ref(p.map.id, statement_id)
    nodes = meta.get("nodes") if isinstance(meta.get("nodes"), dict) else {}
    assert isinstance(nodes, dict)
    correspondences = []
    for node_id in g.order:
        data = nodes.get(node_id)
        if not isinstance(data, dict) or data.get("kind") != "correspondence":
            continue
        at = f"/argmap/comparison/nodes/{escape(node_id)}"
        ins = [e for e in g.incoming[node_id] if g.edges[e][1] in owner]
        outs = [e for e in g.outgoing[node_id] if g.edges[e][2] in owner]
        if len(ins) != 1 or len(outs) != 1:
            raise g.error("a correspondence needs one statement in and one out", at)
        try:
            corr = Correspondence(
                str(data.get("id")),
                owner[g.edges[ins[0]][1]],
                owner[g.edges[outs[0]][2]],
                CorrespondenceType(data.get("type")),
                str(data.get("rationale") or ""),
                data.get("issue"),
            )
        except (ValueError, TypeError) as exc:
            raise g.error(f"correspondence cannot be read: {exc}", at) from None
        correspondences.append(corr)
        used_nodes.add(node_id)
        used_edges.update((ins[0], outs[0]))
        for e in g.incoming[node_id]:
            ya = g.edges[e][1]
            if g.kind[ya] != "YA":
                continue
            used_nodes.add(ya)
            used_edges.add(e)
            for f in g.incoming[ya]:
                ta = g.edges[f][1]
                if g.kind[ta] == "TA":
                    used_nodes.add(ta)
                    used_edges.add(f)
                    used_edges.update(g.incoming[ta])
                    used_edges.update(x for x in g.outgoing[ta] if g.kind[g.edges[x][2]] == "L")
    issues = []
    for k, raw in enumerate(meta.get("issues") or []):
        try:
            issues.append(
                Issue(
                    str(raw["id"]),
                    str(raw["question"]),
                    tuple(
                        Position(
                            str(p["map"]),
                            tuple(Ref.parse(r) for r in p.get("statements") or ()),
                            p.get("answer"),
                        )
                        for p in raw.get("positions") or ()
                    ),
                    str(raw.get("title") or ""),
                )
            )
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise FormatError(
                f"issue cannot be read: {type(exc).__name__}: {exc}",
                g.error("", f"/argmap/comparison/issues/{k}").location,
                pointer=f"/argmap/comparison/issues/{k}",
            ) from None
    return Comparison(
        str(meta.get("id") or "comparison"),
        str(meta.get("title") or ""),
        tuple(p.map for p in parts),
        tuple(issues),
        tuple(correspondences),
    )
