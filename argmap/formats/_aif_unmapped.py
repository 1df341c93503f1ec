"""What no map took from an AIF document: each node and edge, with the reason it has no place
in a map (read results list them, never drop them silently)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from argmap.formats._aif_graph import AifGraph

__all__ = ["Unmapped", "leftovers"]


@attrs.frozen
class Unmapped:
    """A node or edge of the AIF document that has no place in the map, and why."""

    pointer: str
    kind: str
    id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.pointer} ({self.kind} {self.id}): {self.reason}"


def leftovers(g: AifGraph, used_nodes: set[str], used_edges: Iterable[int]) -> list[Unmapped]:
    """Every node and edge no map took, with the reason it has no place in a map."""
    taken = set(used_edges)
    out: list[Unmapped] = []
    for node_id in g.order:
        if node_id not in used_nodes:
            out.append(Unmapped(g.pointer(node_id), g.kind[node_id], node_id, _why(g, node_id)))
    for i, (edge_id, src, dst) in enumerate(g.edges):
        if i not in taken:
            reason = f"edge {g.kind[src]} {src} -> {g.kind[dst]} {dst}: part of no mapped structure"
            out.append(Unmapped(f"/edges/{i}", "edge", edge_id, reason))
    return out


def _why(g: AifGraph, node_id: str) -> str:
    kind = g.kind[node_id]
    label = g.label[node_id]
    if kind == "MA":
        return "rephrase (MA): a map has no rephrase relation"
    if kind == "PA":
        return "preference (PA): a map has no preference relation"
    if kind == "TA":
        return "transition between locutions (TA): a map keeps no dialogue order"
    if kind == "YA":
        targets = sorted({g.kind[g.edges[e][2]] for e in g.outgoing[node_id]})
        return f"illocution {label!r} anchoring {', '.join(targets) or 'nothing'}: not a quote"
    if kind == "L":
        return "locution that anchors no proposition of the map"
    if kind in ("RA", "CA"):
        ins = len(g.incoming[node_id])
        outs = len(g.outgoing[node_id])
        return f"{kind} with {ins} edge(s) in and {outs} out: not a premise-to-conclusion step"
    return f"{kind} node in no mapped structure"
