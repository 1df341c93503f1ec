"""Graph algorithms over argument maps: reachability, cycles, topological order, components.

The algorithms work on the simplest adjacency there is: nodes numbered ``0 .. n-1`` and
``succ[i]``, the list of nodes ``i`` points to. They are iterative (no recursion limit on
long chains) and run in time linear in nodes plus edges. :class:`Graph` pairs that adjacency
with node names and builds it from an :class:`~argmap.model.ArgumentMap`:

>>> from argmap.model import MapBuilder, Role
>>> m = (MapBuilder("m").statement("T", "t", Role.THESIS).statement("C", "c", Role.CLAIM)
...      .statement("E", "e", Role.EVIDENCE).support("E", "C").support("C", "T").build())
>>> g = Graph.support(m)
>>> g.names_of(topological_order(g.succ))
['E', 'C', 'T']
>>> g.names_of(reachable(g.pred, [g.index["T"]]))
['T', 'C', 'E']
>>> strongly_connected(g.succ)
[[0], [1], [2]]
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

import attrs

from argmap.model import ArgumentMap, RelationType

__all__ = [
    "Graph",
    "connected_components",
    "cycle_through",
    "cycles",
    "has_cycle",
    "reachable",
    "strongly_connected",
    "topological_order",
]

Adjacency = Sequence[Sequence[int]]


@attrs.frozen
class Graph:
    """A directed graph of named nodes: ``names[i]`` is node ``i``, ``succ[i]`` the nodes it
    points to (each once, in the order the edges were given) and ``pred[i]`` the nodes that
    point to it."""

    names: tuple[str, ...]
    succ: tuple[tuple[int, ...], ...]
    pred: tuple[tuple[int, ...], ...]
    index: dict[str, int] = attrs.field(eq=False, repr=False)

    @classmethod
    def from_edges(cls, names: Iterable[str], edges: Iterable[tuple[str, str]]) -> Graph:
        """The graph of ``edges`` between ``names``; an edge end that is no name is added as
        a node after them, repeated edges count once.

        >>> Graph.from_edges(["a", "b"], [("a", "b"), ("a", "c"), ("a", "b")]).succ
        ((1, 2), (), ())
        """
        index: dict[str, int] = {}
        for name in names:
            index.setdefault(name, len(index))
        succ: list[dict[int, None]] = [{} for _ in index]
        pred: list[dict[int, None]] = [{} for _ in index]

        def number(name: str) -> int:
            i = index.get(name)
            if i is None:
                i = index[name] = len(succ)
                succ.append({})
                pred.append({})
            return i

        for a, b in edges:
            i, j = number(a), number(b)
            succ[i][j] = None
            pred[j][i] = None
        return cls(
            tuple(index),
            tuple(tuple(s) for s in succ),
            tuple(tuple(p) for p in pred),
            index,
        )

    @classmethod
    def of_map(cls, m: ArgumentMap, *types: RelationType, arguments: bool = True) -> Graph:
        """The graph of ``m``'s relations of ``types`` (all when none are given), source to
        target, over its statements and arguments in map order; with ``arguments``, also each
        premise to its argument and each argument to its conclusion. A contradiction, being
        symmetric, gives edges both ways."""
        wanted = set(types) or set(RelationType)
        edges: list[tuple[str, str]] = []
        for r in m.relations:
            if r.type in wanted:
                edges.append((r.source, r.target))
                if r.type.symmetric:
                    edges.append((r.target, r.source))
        if arguments:
            for a in m.arguments:
                edges.extend((p, a.id) for p in a.premises)
                if a.conclusion is not None:
                    edges.append((a.id, a.conclusion))
        return cls.from_edges(m.node_ids, edges)

    @classmethod
    def support(cls, m: ArgumentMap) -> Graph:
        """The support graph of ``m``: support relations and premise-conclusion arguments."""
        return cls.of_map(m, RelationType.SUPPORT)

    def names_of(self, nodes: Iterable[int]) -> list[str]:
        """The names of node numbers."""
        return [self.names[i] for i in nodes]


def reachable(succ: Adjacency, starts: Iterable[int]) -> list[int]:
    """The nodes reachable from ``starts`` (themselves included), breadth first, each once.

    Pass a graph's ``pred`` to walk edges backwards (what reaches the starts).

    >>> reachable([[1], [2], [], [0]], [0])
    [0, 1, 2]
    """
    out = list(dict.fromkeys(starts))
    seen = set(out)
    for node in out:  # out grows while it is walked
        for nxt in succ[node]:
            if nxt not in seen:
                seen.add(nxt)
                out.append(nxt)
    return out


def topological_order(succ: Adjacency) -> list[int] | None:
    """The nodes in an order where every edge points forward (Kahn's algorithm; among ready
    nodes the lowest numbered first), or ``None`` when the graph has a cycle.

    >>> topological_order([[2], [0], []])
    [1, 0, 2]
    >>> topological_order([[1], [0]]) is None
    True
    """
    indegree = [0] * len(succ)
    for edges in succ:
        for b in edges:
            indegree[b] += 1
    ready = [node for node, d in enumerate(indegree) if not d]
    heapq.heapify(ready)
    out: list[int] = []
    while ready:
        node = heapq.heappop(ready)
        out.append(node)
        for b in succ[node]:
            indegree[b] -= 1
            if not indegree[b]:
                heapq.heappush(ready, b)
    return out if len(out) == len(succ) else None


def has_cycle(n: int, src: Sequence[int], dst: Sequence[int]) -> bool:
    """Whether the graph of ``n`` nodes and edges ``src[k] -> dst[k]`` has a cycle.

    Kahn's algorithm straight over edge lists (no adjacency built): the cheap test to make
    before looking for the cycles themselves.

    >>> has_cycle(3, [0, 1], [1, 2]), has_cycle(2, [0, 1], [1, 0])
    (False, True)
    """
    # Most nodes point to one node: first[a] is that node, -1 for none, and for a node with
    # several successors -2 - i, where more[i] lists them.
    first = [-1] * n
    more: list[list[int]] = []
    indegree = [0] * n
    for a, b in zip(src, dst, strict=True):
        indegree[b] += 1
        f = first[a]
        if f == -1:
            first[a] = b
        elif f >= 0:
            first[a] = -2 - len(more)
            more.append([f, b])
        else:
            more[-2 - f].append(b)
    ready = [node for node, d in enumerate(indegree) if not d]
    append = ready.append
    for node in ready:  # ready grows while it is walked: each node is removed once
        b = first[node]
        if b >= 0:
            indegree[b] -= 1
            if not indegree[b]:
                append(b)
        elif b < -1:
            for c in more[-2 - b]:
                indegree[c] -= 1
                if not indegree[c]:
                    append(c)
    return len(ready) != n


def strongly_connected(succ: Adjacency) -> list[list[int]]:
    """The strongly connected components (Tarjan's algorithm, iterative), each listed from
    the node that closed it; components come out in reverse topological order.

    >>> strongly_connected([[1], [0, 2], []])
    [[2], [1, 0]]
    """
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = bytearray(n)
    stack: list[int] = []
    out: list[list[int]] = []
    count = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work: list[tuple[int, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = count
                count += 1
                stack.append(node)
                on_stack[node] = 1
            edges = succ[node]
            if i < len(edges):
                work.append((node, i + 1))
                nxt = edges[i]
                if index[nxt] < 0:
                    work.append((nxt, 0))
                elif on_stack[nxt]:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp: list[int] = []
                while True:
                    w = stack.pop()
                    on_stack[w] = 0
                    comp.append(w)
                    if w == node:
                        break
                out.append(comp)
    return out


def cycle_through(succ: Adjacency, members: set[int], start: int) -> list[int]:
    """A shortest cycle from ``start`` back to itself that stays inside ``members`` (one
    strongly connected component), as ``[start, ..., start]``; ``[start, start]`` when there is
    none but a self-loop would be.

    >>> cycle_through([[1], [2], [0]], {0, 1, 2}, 0)
    [0, 1, 2, 0]
    """
    previous: dict[int, int] = {}
    frontier = [start]
    while frontier:
        nxt: list[int] = []
        for node in frontier:
            for b in succ[node]:
                if b not in members:
                    continue
                if b == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if b not in previous:
                    previous[b] = node
                    nxt.append(b)
        frontier = nxt
    return [start, start]


def cycles(succ: Adjacency) -> list[list[int]]:
    """One shortest cycle per cyclic strongly connected component, each starting at the
    component's lowest-numbered node, in order of those nodes.

    >>> cycles([[1], [0], [2], []])
    [[0, 1, 0], [2, 2]]
    """
    found: list[list[int]] = []
    for comp in strongly_connected(succ):
        if len(comp) == 1 and comp[0] not in succ[comp[0]]:
            continue
        found.append(cycle_through(succ, set(comp), min(comp)))
    found.sort(key=lambda cycle: cycle[0])
    return found


def connected_components(succ: Adjacency) -> list[list[int]]:
    """The weakly connected components (edges taken both ways), each sorted, ordered by
    their lowest node.

    >>> connected_components([[1], [], [], [2]])
    [[0, 1], [2, 3]]
    """
    n = len(succ)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, edges in enumerate(succ):
        for b in edges:
            neighbours[a].append(b)
            neighbours[b].append(a)
    seen = bytearray(n)
    out: list[list[int]] = []
    for root in range(n):
        if seen[root]:
            continue
        seen[root] = 1
        comp = [root]
        for node in comp:  # comp grows while it is walked
            for b in neighbours[node]:
                if not seen[b]:
                    seen[b] = 1
                    comp.append(b)
        comp.sort()
        out.append(comp)
    return out
