"""The model's validators and the queries a map reader needs."""

from __future__ import annotations

import attrs
import pytest

from argmap.model import (
    Argument,
    ArgumentMap,
    Location,
    MapBuilder,
    Quote,
    Relation,
    RelationType,
    Role,
    Statement,
)


def sample() -> ArgumentMap:
    return (
        MapBuilder("demo", "Demo")
        .section("intro", "Introduction")
        .statement("T", "Thesis.", Role.THESIS, quote="the thesis")
        .statement("C1", "Claim one.", Role.CLAIM, quote="claim one")
        .statement("E1", "Evidence for claim one.", Role.EVIDENCE, quote="ev one")
        .statement("E2", "Evidence under E1.", Role.EVIDENCE, quote="ev two")
        .statement("K", "A counterclaim.", Role.COUNTERCLAIM, quote="critics say")
        .statement("R", "The rebuttal.", Role.CLAIM, quote="but no")
        .section("later", "Later")
        .statement("X", "Contradicts C1.", Role.CLAIM, quote="x")
        .support("C1", "T")
        .support("E1", "C1")
        .support("E2", "E1")
        .attack("K", "T")
        .attack("R", "K")
        .contradict("X", "C1")
        .argument("Arg", ["E1", "E2"], "C1", "E1 and E2 give C1.")
        .build()
    )


def test_quote_offsets_are_validated() -> None:
    assert Quote("a", 0, 1).anchored
    assert not Quote("a").anchored
    with pytest.raises(ValueError, match="both start and end"):
        Quote("a", start=3)
    with pytest.raises(ValueError, match="after start"):
        Quote("a", 5, 5)
    with pytest.raises(ValueError, match=">= 0"):
        Quote("a", -1, 4)
    with pytest.raises(ValueError, match="must not be empty"):
        Quote("  ")


def test_values_are_frozen() -> None:
    s = sample().statement("T")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.text = "changed"  # type: ignore[misc]


def test_location_takes_no_part_in_equality() -> None:
    a = Statement("T", "x", Role.CLAIM, location=Location("a.argdown", 1, 1))
    b = Statement("T", "x", Role.CLAIM, location=Location("b.argdown", 9, 9))
    assert a == b
    assert str(Location("m.argdown", 3, 4)) == "m.argdown:3:4"


def test_thesis_and_roles() -> None:
    m = sample()
    assert m.thesis.id == "T"
    assert m.count_roles() == {
        Role.THESIS: 1,
        Role.CLAIM: 3,
        Role.EVIDENCE: 2,
        Role.COUNTERCLAIM: 1,
    }
    assert m.count_relations()[RelationType.SUPPORT] == 3
    assert [s.id for s in m.in_section("later")] == ["X"]
    two = attrs.evolve(m, statements=(*m.statements, Statement("T2", "x", Role.THESIS)))
    with pytest.raises(LookupError, match="2 theses"):
        _ = two.thesis


def test_supporters_and_attackers() -> None:
    m = sample()
    assert [n.id for n in m.supporters("T")] == ["C1"]
    assert [n.id for n in m.attackers("T")] == ["K"]
    assert [n.id for n in m.attackers("K")] == ["R"]
    # a contradiction is symmetric: each side attacks the other
    assert [n.id for n in m.attackers("C1")] == ["X"]
    assert [n.id for n in m.attackers("X")] == ["C1"]


def test_evidence_chain_is_transitive_and_nearest_first() -> None:
    m = sample()
    assert [s.id for s in m.evidence_chain("T")] == ["C1", "E1", "E2"]
    assert [s.id for s in m.evidence_chain("E2")] == []


def test_submap_keeps_only_the_neighbourhood() -> None:
    m = sample()
    sub = m.submap("K", depth=1)
    assert {s.id for s in sub.statements} == {"K", "T", "R"}
    assert all(sub.has_node(r.source) and sub.has_node(r.target) for r in sub.relations)
    assert len(sub.relations) == 2
    wider = m.submap("K", depth=2)
    assert "C1" in {s.id for s in wider.statements}
    with pytest.raises(KeyError):
        m.submap("nope")


def test_argument_links_premises_into_neighbourhood() -> None:
    m = sample()
    assert m.argument("Arg") == Argument(
        "Arg", "E1 and E2 give C1.", ("E1", "E2"), "C1", None, "later"
    )
    assert {"E1", "E2", "C1"} <= m.neighbourhood("Arg")


def test_relation_requires_ids() -> None:
    with pytest.raises(ValueError):
        Relation("", "b", RelationType.SUPPORT)
    with pytest.raises(ValueError):
        RelationType("endorses")
