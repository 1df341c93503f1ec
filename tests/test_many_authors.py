"""Comparisons of 2 to 6 authors: the issue-centred diagram, the issue matrix, the network.

Generated comparisons: every author answers every issue but one, and correspondences of the
three kinds run between neighbours and between far-apart authors. The SVGs are parsed: every
issue is one cluster, every author one cluster, every correspondence one node of its kind
with its two half edges; the matrix has a row per issue and a column per author; the GraphML
loads in networkx with the counts as weights.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from argmap import compare
from argmap.analysis.authors import short_labels
from argmap.analysis.matrix import issue_matrix
from argmap.analysis.network import author_network
from argmap.compare import Comparison, Correspondence, CorrespondenceType, Issue, Position, Ref
from argmap.model import ArgumentMap, MapBuilder, Role, Source
from argmap.render import comparison_graph, svg
from argmap.render.figures import matrix_graph, network_graph

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent
KINDS = tuple(CorrespondenceType)
ISSUES = ("tax", "rent", "zoning", "transit")


def author(n: int) -> ArgumentMap:
    b = MapBuilder(
        f"m{n}",
        f"Essay {n}",
        Source(f"m{n}.txt", title=f"Essay {n}", author=f"Author Number{n}", year=2000 + n),
    )
    b.statement(f"M{n}: thesis", f"Thesis of author {n}.", Role.THESIS, quote="t")
    for issue in ISSUES:
        b.statement(f"M{n}: {issue}", f"Author {n} on {issue}.", Role.CLAIM, quote="c")
        b.support(f"M{n}: {issue}", f"M{n}: thesis")
    return b.build()


def silent(issue: int, count: int) -> int | None:
    """The author who does not address an issue: one per issue (two authors: the last issue)."""
    if count == 2:
        return 1 if issue == len(ISSUES) - 1 else None
    return issue % count


def generated(count: int) -> Comparison:
    maps = tuple(author(n) for n in range(count))
    issues = []
    for i, issue in enumerate(ISSUES):
        positions = [
            Position(m.id, [Ref(m.id, f"M{n}: {issue}")], f"Answer {n}: on {issue}.")
            for n, m in enumerate(maps)
            if n != silent(i, count)
        ]
        issues.append(Issue(issue, f"What about {issue}?", positions))
    corr = []
    pairs = list(itertools.combinations(range(count), 2))
    for i, issue in enumerate(ISSUES):
        for j, (a, b) in enumerate(pairs):
            if (count > 2 and (i + j) % 4 == 3) or silent(i, count) in (a, b):
                continue
            kind = KINDS[(2 * i + j) % 3]
            corr.append(
                Correspondence(
                    f"{kind.value}: {issue} {a}-{b}",
                    Ref(f"m{a}", f"M{a}: {issue}"),
                    Ref(f"m{b}", f"M{b}: {issue}"),
                    kind,
                    "generated",
                    issue=issue,
                )
            )
    return Comparison(f"gen{count}", f"{count} authors", maps, issues, corr)


def tutorial() -> Comparison:
    return compare.load(ROOT / "maps" / "comparison-three.argdown")


def cases() -> list[tuple[str, Comparison]]:
    return [(f"generated-{n}", generated(n)) for n in (2, 3, 4, 5, 6)]


def classes(root: ET.Element, css: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if css in (g.get("class") or "").split()]


def box(element: ET.Element) -> tuple[float, float, float, float]:
    """The bounding box of a cluster's outline (its first path or polygon)."""
    shape = next(e for e in element.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon"))
    raw = shape.get("d") or shape.get("points") or ""
    nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", raw)]
    xs, ys = nums[0::2], nums[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def points(edge: ET.Element) -> list[tuple[float, float]]:
    """The edge's path, sampled along its cubic Bezier segments (not only the control
    points, which can stand off the curve: inside a cluster the curve never enters)."""
    path = next(e for e in edge.iter() if e.tag == f"{SVG}path")
    nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", path.get("d") or "")]
    ctrl = list(zip(nums[0::2], nums[1::2], strict=False))
    curve = []
    for n in range(0, len(ctrl) - 3, 3):
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = ctrl[n : n + 4]
        for step in range(33):
            t = step / 32
            u = 1 - t
            w = (u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t)
            curve.append(
                (
                    w[0] * ax + w[1] * bx + w[2] * cx + w[3] * dx,
                    w[0] * ay + w[1] * by + w[2] * cy + w[3] * dy,
                )
            )
    return curve


def clearance(box: tuple[float, float, float, float], p: tuple[float, float]) -> float:
    """How far ``p`` is outside ``box`` (negative: how deep inside)."""
    x0, y0, x1, y1 = box
    dx, dy = max(x0 - p[0], 0, p[0] - x1), max(y0 - p[1], 0, p[1] - y1)
    if dx or dy:
        return float((dx * dx + dy * dy) ** 0.5)
    return -min(p[0] - x0, x1 - p[0], p[1] - y0, y1 - p[1])


def test_points_follow_the_curve() -> None:
    edge = ET.fromstring(f'<g xmlns="{SVG[1:-1]}"><path d="M0,0C0,10 10,10 10,0"/></g>')
    curve = points(edge)
    assert curve[0] == (0, 0) and curve[-1] == (10, 0)
    assert max(y for _, y in curve) == pytest.approx(7.5)  # the control points reach 10
    assert clearance((0, 0, 10, 10), (13, 14)) == 5
    assert clearance((0, 0, 10, 10), (2, 5)) == -2


@pytest.mark.parametrize(
    "name", ["generated-2", "generated-3", "generated-4", "generated-5", "generated-6"]
)
def test_diagram_draws_each_issue_and_author_once(name: str) -> None:
    c = dict(cases())[name]
    root = ET.fromstring(svg(comparison_graph(c)))
    issue_clusters = classes(root, "cluster-issue")
    for issue in c.issues:
        slug = re.sub(r"[^a-z0-9]+", "_", issue.id)
        holding = [g for g in issue_clusters if f"issue__{slug}" in (g.get("id") or "")]
        assert len(holding) == 1, (issue.id, [g.get("id") for g in issue_clusters])
    assert len(issue_clusters) == len(c.issues)
    authors = [g.get("id") for g in classes(root, "cluster-map")]
    assert sorted(authors) == sorted(f"cluster_map_{m.id}" for m in c.maps)
    for kind in KINDS:
        expected = len(c.of_type(kind))
        assert len(classes(root, f"corr-{kind.value}")) == expected, kind
        assert len(classes(root, f"corr-edge-{kind.value}")) == 2 * expected, kind


@pytest.mark.parametrize("view", ["summary", "full"])
@pytest.mark.parametrize("count", [2, 3, 4, 5, 6])
def test_correspondence_edges_do_not_enter_other_authors_clusters(count: int, view: str) -> None:
    """Every correspondence edge's curve keeps clear of the clusters of the authors it does
    not join: at least a point away from their outline, not running along it (with the
    gaps of 0.35 inch the edges with 6 authors ran on the border, at 0.0 points)."""
    c = generated(count)
    root = ET.fromstring(svg(comparison_graph(c, view=view)))  # type: ignore[arg-type]
    clusters = {g.get("id"): box(g) for g in classes(root, "cluster-map")}
    assert len(clusters) == count
    edges = classes(root, "corr-edge")
    assert len(edges) == 2 * len(c.correspondences)
    for edge in edges:
        title = "".join(next(e for e in edge if e.tag == f"{SVG}title").itertext())
        ends = {m for m in (x.split("__")[0] for x in re.split(r"->|&#45;&gt;", title)) if m}
        for ident, (x0, y0, x1, y1) in clusters.items():
            if any(ident == f"cluster_map_{e}" for e in ends):
                continue
            clear = min(clearance((x0, y0, x1, y1), p) for p in points(edge))
            assert clear >= 1, (title, ident, clear)


def test_tutorial_three_way_comparison_draws_each_issue_once() -> None:
    c = tutorial()
    root = ET.fromstring(svg(comparison_graph(c)))
    ids = [g.get("id") for g in classes(root, "cluster-issue")]
    assert len(ids) == len(set(ids)) == len(c.issues) == 3
    title = "".join(root.find(f"{SVG}g/{SVG}text").itertext())  # type: ignore[union-attr]
    assert title == c.title  # one line
    labels = short_labels(c.maps)
    texts = ["".join(g.itertext()) for g in classes(root, "cluster-map")]
    for m in c.maps:
        assert any(labels[m.id] in t for t in texts), labels[m.id]


@pytest.mark.parametrize(
    "name", ["generated-2", "generated-3", "generated-4", "generated-5", "generated-6", "tutorial"]
)
def test_matrix_has_a_row_per_issue_and_a_column_per_author(name: str) -> None:
    c = tutorial() if name == "tutorial" else dict(cases())[name]
    mx = issue_matrix(c)
    assert [i.id for i in mx.issues] == [i.id for i in c.issues]
    assert all(len(row) == len(c.maps) for row in mx.rows)
    drawn = matrix_graph(c).source  # the table's cells carry their ids in the DOT
    assert svg(matrix_graph(c)).count("<svg") == 1
    for issue in c.issues:
        assert drawn.count(f'ID="mx_issue__{re.sub(r"[^a-z0-9]+", "_", issue.id)}"') == 1
    for m in c.maps:
        slug = re.sub(r"[^a-z0-9]+", "_", m.id)
        assert drawn.count(f'ID="mx_head__{slug}"') == 1
        cells = re.findall(rf'ID="mx_[a-z0-9_]+__{slug}"', drawn)
        assert len(cells) == len(c.issues) + 1  # one per issue, and the header
    lines = mx.csv().splitlines()
    assert len(lines) == len(c.issues) + 1


def test_matrix_cells_say_not_addressed_and_relate_to_each_other_author() -> None:
    c = generated(4)
    mx = issue_matrix(c)
    silent = mx.cell("tax", "m0")
    assert not silent.addressed and not silent.links
    cell = mx.cell("rent", "m0")
    assert cell.short == "Answer 0" and cell.statements == ("M0: rent",)
    for link in cell.links:
        [k] = [
            k for k in c.in_issue("rent") if {k.left.map_id, k.right.map_id} == {"m0", link.other}
        ]
        assert link.kind is k.type
    assert "not addressed" in mx.csv()


@pytest.mark.parametrize(
    "name", ["generated-2", "generated-3", "generated-4", "generated-5", "generated-6", "tutorial"]
)
def test_graphml_loads_in_networkx_with_the_counts_as_weights(name: str, tmp_path: Path) -> None:
    c = tutorial() if name == "tutorial" else dict(cases())[name]
    net = author_network(c)
    path = tmp_path / "network.graphml"
    path.write_text(net.graphml(), encoding="utf-8")
    g = nx.read_graphml(path)
    assert sorted(g.nodes) == sorted(c.map_ids)
    for a, b in itertools.combinations(c.map_ids, 2):
        between = [k for k in c.correspondences if {k.left.map_id, k.right.map_id} == {a, b}]
        if not between:
            assert not g.has_edge(a, b)
            continue
        data = g.edges[a, b]
        assert data["weight"] == len(between)
        for kind in KINDS:
            assert data[kind.value] == sum(1 for k in between if k.type is kind)
    matrix = net.adjacency_csv(CorrespondenceType.CONFLICT).splitlines()
    assert len(matrix) == len(c.maps) + 1
    drawn = ET.fromstring(svg(network_graph(c)))
    assert len(classes(drawn, "author")) == len(c.maps)
