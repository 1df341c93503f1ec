"""The indexed model answers every query as the linear scans it replaced did.

The reference functions below are the scans of the model at 82ae585, written against the
map's plain fields; random maps (duplicate ids, self-relations, contradictions, arguments with
unknown members) must get the same answers, in the same order, from the indexed queries.
"""

from __future__ import annotations

import pickle

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import Argument, ArgumentMap, Relation, RelationType, Role, Statement

IDS = ["a", "b", "c", "d", "e", "x"]


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    statements = [
        Statement(i, f"text {k}", draw(st.sampled_from(list(Role))))
        for k, i in enumerate(draw(st.lists(st.sampled_from(IDS[:5]), max_size=6)))
    ]
    arguments = [
        Argument(
            i,
            premises=tuple(draw(st.lists(st.sampled_from(IDS), max_size=3))),
            conclusion=draw(st.sampled_from([*IDS, None])),
        )
        for i in draw(st.lists(st.sampled_from(["A", "B", "a"]), max_size=3))
    ]
    relations = [
        Relation(s, t, k)
        for s, t, k in draw(
            st.lists(
                st.tuples(
                    st.sampled_from([*IDS, "A"]),
                    st.sampled_from([*IDS, "A"]),
                    st.sampled_from(list(RelationType)),
                ),
                max_size=10,
            )
        )
    ]
    return ArgumentMap("m", statements=statements, arguments=arguments, relations=relations)


def ref_incoming(m: ArgumentMap, node: str, *types: RelationType) -> tuple[Relation, ...]:
    wanted = set(types) or set(RelationType)
    return tuple(
        r
        for r in m.relations
        if r.type in wanted and (r.target == node or (r.type.symmetric and r.source == node))
    )


def ref_outgoing(m: ArgumentMap, node: str, *types: RelationType) -> tuple[Relation, ...]:
    wanted = set(types) or set(RelationType)
    return tuple(
        r
        for r in m.relations
        if r.type in wanted and (r.source == node or (r.type.symmetric and r.target == node))
    )


def ref_has(m: ArgumentMap, node: str) -> bool:
    return any(s.id == node for s in m.statements) or any(a.id == node for a in m.arguments)


def ref_node(m: ArgumentMap, node: str) -> Statement | Argument:
    return next(x for x in [*m.statements, *m.arguments] if x.id == node)


def ref_others(node: str, relations: tuple[Relation, ...]) -> list[str]:
    return list(dict.fromkeys(r.source if r.target == node else r.target for r in relations))


def ref_evidence_chain(m: ArgumentMap, node: str) -> list[Statement]:
    out: list[Statement] = []
    seen = {node}
    frontier = [node]
    while frontier:
        nxt: list[str] = []
        for current in frontier:
            sources = ref_others(current, ref_incoming(m, current, RelationType.SUPPORT))
            args = [a for a in m.arguments if a.id == current]
            if args:
                sources.extend(args[0].premises)
            for sid in sources:
                if sid in seen or not ref_has(m, sid):
                    continue
                seen.add(sid)
                nxt.append(sid)
                found = ref_node(m, sid)
                if isinstance(found, Statement):
                    out.append(found)
        frontier = nxt
    return out


def ref_neighbourhood(m: ArgumentMap, node: str, depth: int) -> set[str]:
    found = {node}
    frontier = {node}
    for _ in range(depth):
        step: set[str] = set()
        for r in m.relations:
            if r.source in frontier and r.target not in found:
                step.add(r.target)
            if r.target in frontier and r.source not in found:
                step.add(r.source)
        for a in m.arguments:
            members = {*a.premises, *([a.conclusion] if a.conclusion else [])}
            if a.id in frontier:
                step |= members - found
            if members & frontier and a.id not in found:
                step.add(a.id)
        found |= step
        frontier = step
    return found


@given(maps(), st.integers(0, 3))
@settings(max_examples=300, deadline=None)
def test_indexed_queries_match_the_scans(m: ArgumentMap, depth: int) -> None:
    attack = (RelationType.ATTACK, RelationType.UNDERCUT, RelationType.CONTRADICTION)
    for node in [*IDS, "A", "B", "nothing"]:
        assert m.has_node(node) == ref_has(m, node)
        assert m.incoming(node) == ref_incoming(m, node)
        assert m.outgoing(node) == ref_outgoing(m, node)
        for t in RelationType:
            assert m.incoming(node, t) == ref_incoming(m, node, t)
            assert m.outgoing(node, t) == ref_outgoing(m, node, t)
        supporters = ref_others(node, ref_incoming(m, node, RelationType.SUPPORT))
        assert m.supporters(node) == tuple(ref_node(m, i) for i in supporters if ref_has(m, i))
        attackers = ref_others(node, ref_incoming(m, node, *attack))
        assert m.attackers(node) == tuple(ref_node(m, i) for i in attackers if ref_has(m, i))
        assert list(m.evidence_chain(node)) == ref_evidence_chain(m, node)
        if ref_has(m, node):
            assert m.node(node) is ref_node(m, node)
            keep = ref_neighbourhood(m, node, depth)
            assert m.neighbourhood(node, depth) == keep
            assert m.submap(node, depth) == attrs.evolve(
                m,
                statements=[s for s in m.statements if s.id in keep],
                arguments=[a for a in m.arguments if a.id in keep],
                relations=[r for r in m.relations if r.source in keep and r.target in keep],
            )
    for role in Role:
        assert m.by_role(role) == tuple(s for s in m.statements if s.role is role)


def test_indexes_do_not_change_equality_hash_repr_or_pickle() -> None:
    def build() -> ArgumentMap:
        return ArgumentMap(
            "m",
            statements=[Statement("T", "t", Role.THESIS), Statement("E", "e", Role.EVIDENCE)],
            relations=[Relation("E", "T", RelationType.SUPPORT)],
        )

    used, fresh = build(), build()
    before = (hash(used), repr(used), pickle.dumps(used))
    assert [s.id for s in used.supporters("T")] == ["E"]  # builds the index
    assert (hash(used), repr(used), pickle.dumps(used)) == before
    assert used == fresh and hash(used) == hash(fresh)
    restored = pickle.loads(pickle.dumps(used))
    assert restored == used and [s.id for s in restored.supporters("T")] == ["E"]
    smaller = attrs.evolve(used, relations=())
    assert smaller.supporters("T") == ()  # a new map gets its own index


def test_indexed_comparison_queries_match_the_scans() -> None:
    from pathlib import Path

    from argmap import compare
    from argmap.comparison import CorrespondenceType, Ref

    root = Path(__file__).resolve().parent.parent
    c = compare.load(root / "maps" / "comparison.argdown")
    ids: list[str | None] = [None, *c.map_ids]
    for kind in CorrespondenceType:
        for a in ids:
            for b in ids:
                expected = []
                for x in c.correspondences:
                    if x.type is not kind:
                        continue
                    if (a is not None and not x.involves(a)) or (
                        b is not None and not x.involves(b)
                    ):
                        continue
                    if a is not None and x.left.map_id != a:
                        x = attrs.evolve(x, left=x.right, right=x.left)
                    expected.append(x)
                assert c.of_type(kind, a, b) == tuple(expected)
    refs = sorted({r for x in c.correspondences for r in x.refs()})
    assert refs and c.corresponded() == frozenset(refs)
    for ref in refs:
        for by in ids:
            expected = [
                attrs.evolve(x, left=ref, right=x.other(ref))
                for x in c.correspondences
                if ref in x.refs() and (by is None or x.other(ref).map_id == by)
            ]
            assert c.about(ref, by) == tuple(expected)
        assert c.ref(ref.statement_id) == Ref(ref.map_id, ref.statement_id)
    for issue in c.issues:
        assert c.issue(issue.id) is issue
        assert c.in_issue(issue.id) == tuple(x for x in c.correspondences if x.issue == issue.id)
    for m in c.maps:
        assert c.map(m.id) is m
