"""argmap.analysis.graph: the algorithms against brute force on random graphs, and deep chains."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.graph import (
    Graph,
    connected_components,
    cycles,
    has_cycle,
    reachable,
    strongly_connected,
    topological_order,
)
from argmap.model import MapBuilder, Role


@st.composite
def graphs(draw: st.DrawFn) -> list[list[int]]:
    n = draw(st.integers(0, 9))
    if n == 0:
        return []
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=20))
    succ: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        if b not in succ[a]:
            succ[a].append(b)
    return succ


def _closure(succ: list[list[int]]) -> list[set[int]]:
    """Floyd-Warshall style reachability (a path of length >= 1)."""
    n = len(succ)
    reach = [set(s) for s in succ]
    for k, i in itertools.product(range(n), range(n)):
        if k in reach[i]:
            reach[i] |= reach[k]
    return reach


@given(graphs())
@settings(max_examples=300, deadline=None)
def test_algorithms_agree_with_brute_force(succ: list[list[int]]) -> None:
    n = len(succ)
    reach = _closure(succ)
    cyclic = any(i in reach[i] for i in range(n))
    src = [a for a in range(n) for _ in succ[a]]
    dst = [b for a in range(n) for b in succ[a]]
    assert has_cycle(n, src, dst) == cyclic
    order = topological_order(succ)
    if cyclic:
        assert order is None
    else:
        assert order is not None and sorted(order) == list(range(n))
        position = {node: k for k, node in enumerate(order)}
        assert all(position[a] < position[b] for a in range(n) for b in succ[a])
    for start in range(n):
        assert set(reachable(succ, [start])) == {start} | reach[start]
    components = strongly_connected(succ)
    assert sorted(x for c in components for x in c) == list(range(n))
    for c in components:
        for a, b in itertools.permutations(c, 2):
            assert b in reach[a]
    same = {(a, b) for c in components for a in c for b in c}
    assert all(
        (a, b) in same for a in range(n) for b in range(n) if b in reach[a] and a in reach[b]
    )
    found = cycles(succ)
    assert len(found) == sum(1 for c in components if len(c) > 1 or c[0] in succ[c[0]])
    for cycle in found:
        assert cycle[0] == cycle[-1]
        assert all(b in succ[a] for a, b in itertools.pairwise(cycle))
    weak = connected_components(succ)
    undirected = [set(s) for s in succ]
    for a in range(n):
        for b in succ[a]:
            undirected[b].add(a)
    for c in weak:
        assert set(reachable([sorted(s) for s in undirected], [c[0]])) == set(c)


def test_a_long_chain_needs_no_recursion() -> None:
    n = 100_000
    succ = [[i + 1] for i in range(n - 1)] + [[0]]
    assert len(strongly_connected(succ)) == 1
    assert topological_order(succ) is None
    assert topological_order([*succ[:-1], []]) == list(range(n))
    assert cycles(succ)[0][:3] == [0, 1, 2]


def test_graph_of_a_map_passes_through_arguments_and_contradictions() -> None:
    m = (
        MapBuilder("m")
        .statement("T", "t", Role.THESIS)
        .statement("P", "p", Role.EVIDENCE)
        .statement("X", "x", Role.COUNTERCLAIM)
        .argument("A", ["P"], "T")
        .contradict("X", "T")
        .build()
    )
    support = Graph.support(m)
    assert support.names_of(reachable(support.pred, [support.index["T"]])) == ["T", "A", "P"]
    everything = Graph.of_map(m)
    assert everything.index["X"] in everything.succ[everything.index["T"]]
    assert everything.index["T"] in everything.succ[everything.index["X"]]
