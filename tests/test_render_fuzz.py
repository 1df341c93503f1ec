"""Random small comparisons (2-4 maps) drawn through the real ``dot``: it must never fail."""

from __future__ import annotations

import random

import pytest

from argmap.compare import Comparison, Correspondence, CorrespondenceType, Issue, Position, Ref
from argmap.model import ArgumentMap, MapBuilder, Role
from argmap.render import comparison_graph, svg

ROLES = (Role.CLAIM, Role.EVIDENCE, Role.COUNTERCLAIM)


def random_map(rng: random.Random, n: int) -> ArgumentMap:
    """A thesis (sometimes none), a few statements, supports/attacks, an argument now and then."""
    b = MapBuilder(f"m{n}", f"Map {n}")
    ids: list[str] = []
    if rng.random() < 0.9:
        b.statement(f"M{n}: T", f"Thesis {n} " * rng.randint(1, 8), Role.THESIS)
        ids.append(f"M{n}: T")
    for i in range(rng.randint(1, 7)):
        sid = f"M{n}: s{i}"
        b.statement(sid, "word " * rng.randint(1, 30), rng.choice(ROLES))
        if ids and rng.random() < 0.8:
            target = rng.choice(ids)
            (b.attack if rng.random() < 0.3 else b.support)(sid, target)
        ids.append(sid)
    if len(ids) >= 3 and rng.random() < 0.3:
        b.argument(f"M{n}: arg", ids[-2:], ids[0], "because")
    return b.build()


def random_comparison(seed: int) -> Comparison:
    rng = random.Random(seed)
    maps = tuple(random_map(rng, n) for n in range(rng.randint(2, 4)))
    issues = tuple(
        Issue(
            f"i{k}",
            f"Question {k}? " * rng.randint(1, 4),
            tuple(
                Position(m.id, (Ref(m.id, rng.choice(m.statements).id),), "answer")
                for m in maps
                if rng.random() < 0.7
            ),
        )
        for k in range(rng.randint(0, 4))
    )
    correspondences = []
    for j in range(rng.randint(0, 8)):
        a, b = rng.sample(maps, 2)
        correspondences.append(
            Correspondence(
                f"{rng.choice(list(CorrespondenceType)).value.title()}: k{j}",
                Ref(a.id, rng.choice(a.statements).id),
                Ref(b.id, rng.choice(b.statements).id),
                rng.choice(list(CorrespondenceType)),
                "why",
                rng.choice([None, *(i.id for i in issues)]),
            )
        )
    return Comparison(f"fuzz-{seed}", f"Fuzz {seed}", maps, issues, tuple(correspondences))


@pytest.mark.parametrize("seed", range(40))
def test_random_comparisons_lay_out(seed: int) -> None:
    c = random_comparison(seed)
    views = [comparison_graph(c), comparison_graph(c, view="full", detail="full")]
    views += [comparison_graph(c, issue=i.id) for i in c.issues]
    for graph in views:
        text = svg(graph).replace("&#45;", "-")  # ArgmapError if dot fails
        assert text.count(" corr corr-") == graph.source.count('"corr corr-')
    summary = svg(views[0]).replace("&#45;", "-")
    for kind in CorrespondenceType:
        expected = sum(1 for k in c.correspondences if k.type is kind)
        assert summary.count(f' corr corr-{kind.value}"') == expected
