"""Comparison queries and derived views over three small maps."""

from __future__ import annotations

import pytest

from argmap.compare import (
    Comparison,
    Correspondence,
    CorrespondenceType,
    Issue,
    Position,
    Ref,
)
from argmap.model import MapBuilder, Role

AGREE, PARTIAL, CONFLICT = (
    CorrespondenceType.AGREE,
    CorrespondenceType.PARTIAL,
    CorrespondenceType.CONFLICT,
)


def three() -> Comparison:
    a = (
        MapBuilder("a", "Essay A")
        .statement("A: t", "Tax land.", Role.THESIS, quote="q")
        .statement("A: c1", "Land is scarce.", Role.CLAIM, quote="q")
        .statement("A: c2", "Rents rise.", Role.CLAIM, quote="q")
        .statement("A: e", "Rents rose 10%.", Role.EVIDENCE, quote="q")
        .support("A: c1", "A: t")
        .support("A: c2", "A: t")
        .support("A: e", "A: c2")
        .build()
    )
    b = (
        MapBuilder("b", "Essay B")
        .statement("B: t", "Do not tax land.", Role.THESIS, quote="q")
        .statement("B: c1", "Land is scarce, but not everywhere.", Role.CLAIM, quote="q")
        .support("B: c1", "B: t")
        .build()
    )
    c = (
        MapBuilder("c", "Essay C")
        .statement("C: t", "Tax land lightly.", Role.THESIS, quote="q")
        .build()
    )
    return Comparison(
        "abc",
        "Three essays",
        (a, b, c),
        issues=(
            Issue(
                "tax",
                "Should land be taxed?",
                (
                    Position("a", (Ref("a", "A: t"),), "Yes."),
                    Position("b", (Ref("b", "B: t"),), "No."),
                ),
            ),
        ),
        correspondences=(
            Correspondence("x1", Ref("a", "A: t"), Ref("b", "B: t"), CONFLICT, "opposite", "tax"),
            Correspondence("x2", Ref("a", "A: c1"), Ref("b", "B: c1"), PARTIAL, "scope differs"),
            Correspondence("x3", Ref("c", "C: t"), Ref("a", "A: t"), AGREE, "both tax", "tax"),
        ),
    )


def test_ref_round_trips_through_text() -> None:
    assert Ref.parse("a:A: t") == Ref("a", "A: t")
    assert str(Ref("a", "A: t")) == "a:A: t"
    with pytest.raises(ValueError):
        Ref.parse("no-colon")


def test_a_correspondence_links_two_maps() -> None:
    with pytest.raises(ValueError, match="one map"):
        Correspondence("bad", Ref("a", "x"), Ref("a", "y"), AGREE)


def test_where_do_a_and_b_conflict() -> None:
    c = three()
    assert [x.id for x in c.conflicts("a", "b")] == ["x1"]
    assert c.conflicts("b", "c") == ()
    # oriented: left is always the first map asked about
    flipped = c.conflicts("b", "a")[0]
    assert flipped.left == Ref("b", "B: t") and flipped.right == Ref("a", "A: t")


def test_agreements_are_oriented_to_the_asking_map() -> None:
    c = three()
    (x,) = c.agreements("a")
    assert x.left == Ref("a", "A: t") and x.right == Ref("c", "C: t")
    assert [x.id for x in c.partial()] == ["x2"]


def test_what_does_b_say_about_a_thesis() -> None:
    c = three()
    thesis = Ref("a", c.map("a").thesis.id)
    assert [(x.type, str(x.right)) for x in c.about(thesis, by="b")] == [(CONFLICT, "b:B: t")]
    assert {str(x.right) for x in c.about(thesis)} == {"b:B: t", "c:C: t"}


def test_claims_nobody_else_addresses() -> None:
    c = three()
    assert [s.id for s in c.unique("a")] == ["A: c2"]  # evidence is not a claim
    assert c.unique("b") == ()
    assert c.unique("c") == ()


def test_positions_say_not_addressed_explicitly() -> None:
    c = three()
    pos = c.positions("tax")
    assert [p.map_id for p in pos] == ["a", "b", "c"]
    assert [p.addressed for p in pos] == [True, True, False]
    assert [x.id for x in c.in_issue("tax")] == ["x1", "x3"]


def test_summary_counts() -> None:
    s = three().summary()
    assert (s.maps, s.issues, s.agreements, s.partial, s.conflicts) == (3, 1, 1, 1, 1)
    assert s.unique == (("a", 1), ("b", 0), ("c", 0))


def test_lookups_fail_clearly() -> None:
    c = three()
    assert c.ref("B: c1") == Ref("b", "B: c1")
    assert c.statement(Ref("b", "B: c1")).text.startswith("Land is scarce")
    with pytest.raises(KeyError, match="no map"):
        c.map("zzz")
    with pytest.raises(KeyError, match="no statement"):
        c.ref("nope")
