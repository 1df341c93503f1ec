"""Drawings of maps and comparisons: SVG structure, direction, escaping, determinism."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import attrs
import pytest

from argmap.compare import (
    Comparison,
    Correspondence,
    CorrespondenceType,
    Issue,
    Position,
    Ref,
)
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, MapBuilder, RelationType, Role, Source
from argmap.render import DEFAULT_THEME, comparison_graph, map_graph, svg, view

SVG = "{http://www.w3.org/2000/svg}"


# -- samples -------------------------------------------------------------------


def sample_map(
    text: str = "Relations improved under Putin.", ident: str = "V: Putin"
) -> ArgumentMap:
    """Eight statements in two sections, every role and relation type, one argument.

    ``text`` and ``ident`` are the text and id of one claim, to try hostile labels.
    """
    return (
        MapBuilder(
            "valiyev-2011",
            "Azerbaijan-Russia relations",
            Source("v.txt", title="After the Five-Day War", author="Anar Valiyev", year=2011),
        )
        .section("stages", "Three stages")
        .statement("V: Silent", 'Baku pursues a "silent diplomacy".', Role.THESIS, quote="silent")
        .statement(ident, text, Role.CLAIM, quote="improved")
        .statement("V: Trade", "Trade grew fourfold 2001-2008.", Role.EVIDENCE, quote="trade")
        .statement("V: Gas", "Gazprom buys gas at European prices.", Role.EVIDENCE, quote="gas")
        .section("war", "The war")
        .statement("V: War", "The war showed the West would not help.", Role.CLAIM, quote="war")
        .statement("V: Orbit", "Some say Baku drifts to Moscow.", Role.COUNTERCLAIM, quote="orbit")
        .statement("V: Bases", "Baku refused new Russian bases.", Role.EVIDENCE, quote="bases")
        .statement("V: Gabala", "The radar lease got dearer.", Role.EVIDENCE, quote="Gabala")
        .support(ident, "V: Silent")
        .support("V: Trade", ident)
        .support("V: Gas", ident)
        .support("V: War", "V: Silent")
        .attack("V: Orbit", "V: Silent")
        .undercut("V: Bases", "V: Orbit")
        .contradict("V: Gabala", "V: Orbit")
        .argument("V: Balance", ["V: War", "V: Bases"], "V: Silent", "Fear and refusal.")
        .build()
    )


def other_map() -> ArgumentMap:
    return (
        MapBuilder(
            "aslanli-2010",
            "Foreign policy",
            Source("a.txt", title="Is the Strategy Changing?", author="Kenan Aslanli", year=2010),
        )
        .statement("A: Cannot", "Baku cannot set its own course.", Role.THESIS, quote="x")
        .statement("A: Putin", "Putin changed course.", Role.CLAIM, quote="x")
        .statement("A: Depend", "Transit makes Baku dependent.", Role.CLAIM, quote="x")
        .statement("A: Pipes", "Exports run through Russia.", Role.EVIDENCE, quote="x")
        .statement("A: Neglect", "The West neglected the region.", Role.CLAIM, quote="x")
        .support("A: Putin", "A: Cannot")
        .support("A: Depend", "A: Cannot")
        .support("A: Pipes", "A: Depend")
        .support("A: Neglect", "A: Cannot")
        .build()
    )


def third_map() -> ArgumentMap:
    return (
        MapBuilder(
            "c-2012", "Third", Source("c.txt", title="Third View", author="Cem C", year=2012)
        )
        .statement("C: Thesis", "Both are half right.", Role.THESIS, quote="x")
        .statement("C: Mixed", "Policy is mixed.", Role.CLAIM, quote="x")
        .support("C: Mixed", "C: Thesis")
        .build()
    )


def sample_comparison(
    maps: tuple[ArgumentMap, ...] | None = None, rationale: str = "Independent or not."
) -> Comparison:
    v, a = sample_map(), other_map()
    ref_v = lambda s: Ref(v.id, s)  # noqa: E731
    ref_a = lambda s: Ref(a.id, s)  # noqa: E731
    return Comparison(
        "az-ru",
        "Two readings compared",
        maps or (v, a),
        issues=(
            Issue(
                "independence",
                "Is the foreign policy independent?",
                (
                    Position(v.id, (ref_v("V: Silent"),), "Yes"),
                    Position(a.id, (ref_a("A: Cannot"),), "No"),
                ),
            ),
            Issue(
                "putin",
                "When did relations warm?",
                (
                    Position(v.id, (ref_v("V: Putin"),), "Under Putin"),
                    Position(a.id, (ref_a("A: Putin"),), "Under Putin"),
                ),
            ),
            Issue("west", "Did the West matter?", (Position(v.id, (ref_v("V: War"),), "Yes"),)),
        ),
        correspondences=(
            Correspondence(
                "indep",
                ref_v("V: Silent"),
                ref_a("A: Cannot"),
                CorrespondenceType.CONFLICT,
                rationale,
                "independence",
            ),
            Correspondence(
                "putin", ref_v("V: Putin"), ref_a("A: Putin"), CorrespondenceType.AGREE, "", "putin"
            ),
            Correspondence(
                "west", ref_v("V: War"), ref_a("A: Neglect"), CorrespondenceType.PARTIAL, "", "west"
            ),
            Correspondence(
                "orbit",
                ref_v("V: Orbit"),
                ref_a("A: Depend"),
                CorrespondenceType.AGREE,
                "",
                "independence",
            ),
        ),
    )


# -- SVG helpers ---------------------------------------------------------------


def parse(svg_text: str) -> ET.Element:
    return ET.fromstring(svg_text.encode("utf-8"))


def groups(root: ET.Element, css: str) -> list[ET.Element]:
    """The ``<g>`` elements whose class list contains ``css``."""
    return [g for g in root.iter(f"{SVG}g") if css in (g.get("class") or "").split()]


def text_of(element: ET.Element) -> str:
    return " ".join(t.text or "" for t in element.iter(f"{SVG}text"))


def top_y(element: ET.Element) -> float:
    """The y of the node's first text line (SVG y grows downwards)."""
    return min(float(t.get("y", "nan")) for t in element.iter(f"{SVG}text"))


def draw(m: ArgumentMap, **options: object) -> ET.Element:
    return parse(svg(map_graph(m, **options)))  # type: ignore[arg-type]


# -- one map -------------------------------------------------------------------


@pytest.mark.parametrize("detail", ["summary", "full", "quotes"])
def test_map_nodes_and_edges_match_the_map(detail: str) -> None:
    m = sample_map()
    root = draw(m, detail=detail)
    assert len(groups(root, "statement")) == len(m.statements) == 8
    for role, count in m.count_roles().items():
        assert len(groups(root, f"role-{role.value}")) == count
    assert len(groups(root, "argument")) == len(m.arguments)
    for kind, count in m.count_relations().items():
        assert len(groups(root, f"rel-{kind.value}")) == count, kind
    assert len(groups(root, "premise")) == sum(len(a.premises) for a in m.arguments)
    assert len(groups(root, "inference")) == 1
    assert len(groups(root, "cluster-section")) == len(m.sections)
    # every edge outside the legend is one of the map's edges
    edges = [g for g in groups(root, "edge") if "legend" not in (g.get("class") or "")]
    assert len(edges) == len(m.relations) + 2 + 1


def test_thesis_is_at_the_top_and_supports_point_up() -> None:
    m = sample_map()
    root = draw(m, sections=False)
    nodes = {g.get("id"): g for g in groups(root, "statement")}
    thesis = groups(root, "role-thesis")
    assert len(thesis) == 1
    assert "silent diplomacy" in text_of(thesis[0])
    assert top_y(thesis[0]) == min(top_y(n) for n in nodes.values())
    for r in m.relations:
        if r.type is RelationType.SUPPORT:
            src = nodes[f"s_{re.sub('[^a-z0-9]+', '_', r.source.lower()).strip('_')}"]
            tgt = nodes[f"s_{re.sub('[^a-z0-9]+', '_', r.target.lower()).strip('_')}"]
            assert top_y(tgt) < top_y(src), r


def test_thesis_stays_on_top_above_a_longer_unrelated_chain() -> None:
    b = MapBuilder("m").statement("T", "thesis", Role.THESIS).statement("S", "s").support("S", "T")
    for i in range(5):  # a chain of five claims that never reaches the thesis
        b.statement(f"C{i}", f"chain {i}")
        if i:
            b.support(f"C{i - 1}", f"C{i}")
    root = draw(b.build(), legend=False)
    thesis = groups(root, "role-thesis")[0]
    assert top_y(thesis) < min(top_y(g) for g in groups(root, "statement") if g is not thesis)


def test_leaf_fans_are_staggered_over_ranks() -> None:
    b = MapBuilder("m").statement("T", "thesis", Role.THESIS)
    for i in range(9):
        b.statement(f"E{i}", f"evidence {i}", Role.EVIDENCE).support(f"E{i}", "T")
    m = b.build()
    flat = draw(m, stagger=1, legend=False)
    staggered = draw(m, legend=False)
    assert len({top_y(g) for g in groups(flat, "role-evidence")}) == 1
    assert len({top_y(g) for g in groups(staggered, "role-evidence")}) == 3
    assert float(staggered.get("width", "0pt")[:-2]) < float(flat.get("width", "0pt")[:-2])


def test_legend_lists_only_what_is_drawn() -> None:
    m = (
        MapBuilder("m", "M")
        .statement("T", "t", Role.THESIS)
        .statement("E", "e", Role.EVIDENCE)
        .support("E", "T")
        .build()
    )
    root = draw(m)
    legend = {c for g in groups(root, "legend") for c in (g.get("class") or "").split()}
    assert {"legend-role-thesis", "legend-role-evidence", "legend-rel-support"} <= legend
    assert "legend-role-counterclaim" not in legend
    assert "legend-rel-attack" not in legend
    assert not groups(draw(m, legend=False), "legend")


def test_quote_is_in_the_tooltip_and_under_the_label_with_quotes_detail() -> None:
    m = sample_map()
    summary = svg(map_graph(m))
    quotes = draw(m, detail="quotes")
    assert 'xlink:title="V: Gabala (evidence)' in summary
    assert "Gabala" not in text_of(parse(summary))  # the summary label is the text only
    gabala = next(g for g in groups(quotes, "statement") if "V: Gabala" in text_of(g))
    assert "\u201cGabala\u201d" in text_of(gabala)


def test_focus_draws_only_the_neighbourhood() -> None:
    m = sample_map()
    root = draw(m, focus="V: Orbit", depth=1)
    drawn = {text_of(g) for g in groups(root, "statement")}
    expected = m.neighbourhood("V: Orbit", 1)
    assert len(drawn) == len([s for s in m.statements if s.id in expected]) == 4
    assert len(groups(root, "focus")) == 1
    with pytest.raises(ArgmapError, match="no statement or argument 'nope'"):
        map_graph(m, focus="nope")


def test_bad_options_raise_argmap_error() -> None:
    with pytest.raises(ArgmapError, match="detail"):
        map_graph(sample_map(), detail="everything")  # type: ignore[arg-type]
    with pytest.raises(ArgmapError, match="view"):
        comparison_graph(sample_comparison(), view="all")  # type: ignore[arg-type]
    with pytest.raises(ArgmapError, match="no issue 'nope'"):
        comparison_graph(sample_comparison(), issue="nope")


def test_theme_is_a_replaceable_hook() -> None:
    theme = attrs.evolve(
        DEFAULT_THEME, thesis=attrs.evolve(DEFAULT_THEME.thesis, fillcolor="#123456")
    )
    assert 'fillcolor="#123456"' in map_graph(sample_map(), theme=theme).source
    assert "#123456" not in map_graph(sample_map()).source


def test_node_ids_are_stable_slugs_unique_on_collision() -> None:
    m = (
        MapBuilder("m")
        .statement("A b", "one", Role.THESIS)
        .statement("A-b", "two")
        .support("A-b", "A b")
        .build()
    )
    root = draw(m)
    ids = [g.get("id") for g in groups(root, "statement")]
    assert ids[0] == "s_a_b"
    assert ids[1] is not None and ids[1].startswith("s_a_b_") and len(set(ids)) == 2
    assert len(groups(root, "rel-support")) == 1


# -- determinism ---------------------------------------------------------------


def test_dot_is_byte_identical_for_identical_input() -> None:
    assert map_graph(sample_map()).source == map_graph(sample_map()).source
    assert (
        comparison_graph(sample_comparison()).source == comparison_graph(sample_comparison()).source
    )


def test_dot_does_not_depend_on_hash_seed() -> None:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import test_render as t; "
        "from argmap.render import map_graph, comparison_graph; "
        "sys.stdout.write(map_graph(t.sample_map(), detail='quotes').source"
        " + comparison_graph(t.sample_comparison(), view='full').source)"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code, os.path.dirname(__file__)],
            env=env,
            capture_output=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


# -- hostile labels ------------------------------------------------------------

HOSTILE = [
    'say "hi"',
    "<b>x</b>",
    "&amp; & <Offsets>",
    "close } and ]",
    "line one\nline two",
    'a" -> evil [label="pwn',
    "} digraph evil { x",
    "back\\slash \\N \\l \\",
    "<<table>>",
    "{curly} 'single'",
]


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) in " ".join(b.split())


@pytest.mark.parametrize("detail", ["summary", "full", "quotes"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_drawn_literally(hostile: str, detail: str) -> None:
    harmless = draw(sample_map(), detail=detail)
    root = draw(sample_map(text=hostile), detail=detail)
    for css in ("statement", "edge", "cluster"):
        assert len(groups(root, css)) == len(groups(harmless, css)), css
    assert not list(root.iter(f"{SVG}b")) and not list(root.iter("b"))
    assert not any((t.text or "") == "evil" for t in root.iter(f"{SVG}title"))
    claims = [text_of(g) for g in groups(root, "role-claim")]
    assert any(_same_words(hostile, t) for t in claims), claims


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_ids_titles_and_rationales_are_escaped(hostile: str) -> None:
    m = sample_map(ident=hostile)
    m = attrs.evolve(m, source=attrs.evolve(m.source, author=hostile), title=hostile)
    root = draw(m, detail="full")
    assert len(groups(root, "statement")) == 8
    assert len(groups(root, "rel-support")) == 4
    assert any(_same_words(hostile, text_of(g)) for g in groups(root, "role-claim"))
    assert _same_words(hostile, " ".join(t.text or "" for t in root.iter(f"{SVG}text")))
    c = sample_comparison(rationale=hostile)
    harmless = parse(svg(comparison_graph(sample_comparison())))
    hostile_root = parse(svg(comparison_graph(c)))
    for css in ("statement", "edge", "cluster", "cluster-issue", "corr"):
        assert len(groups(hostile_root, css)) == len(groups(harmless, css)), css


# -- comparisons ---------------------------------------------------------------


def draw_comparison(c: Comparison, **options: object) -> ET.Element:
    return parse(svg(comparison_graph(c, **options)))  # type: ignore[arg-type]


def test_comparison_has_one_cluster_per_author_with_thesis() -> None:
    c = sample_comparison()
    root = draw_comparison(c)
    clusters = groups(root, "cluster-map")
    assert len(clusters) == 2
    titles = [text_of(g) for g in clusters]
    assert any("Anar Valiyev (2011)" in t for t in titles)
    assert any("Kenan Aslanli (2010)" in t for t in titles)
    assert len(groups(root, "role-thesis")) == 2
    title = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "After the Five-Day War" in title and "Is the Strategy Changing?" in title


def test_comparison_draws_each_correspondence_as_a_node_in_its_issue() -> None:
    c = sample_comparison()
    root = draw_comparison(c)
    for kind in CorrespondenceType:
        # one node per correspondence, joined by two edges to its two statements
        assert len(groups(root, f"corr-{kind.value}")) == len(c.of_type(kind)), kind
        assert len(groups(root, f"corr-edge-{kind.value}")) == 2 * len(c.of_type(kind)), kind
    assert len(groups(root, "corr-agree")) == 2
    (conflict,) = groups(root, "corr-conflict")
    assert "CONFLICT" in text_of(conflict) and "indep" in text_of(conflict)
    # one cluster per issue, labelled with its question, holding its correspondences
    issues = groups(root, "cluster-issue")
    assert len(issues) == len(c.issues) == 3
    independence = next(g for g in issues if "independent?" in text_of(g))
    assert "Is the foreign policy independent?" in text_of(independence)
    assert not groups(root, "position")  # the report's table shows the positions


def test_comparison_reads_left_to_right_one_column_per_map() -> None:
    c = sample_comparison()
    root = draw_comparison(c)
    svg_text = svg(comparison_graph(c))
    xs: dict[str, list[float]] = {}
    for g in groups(root, "statement") + groups(root, "corr"):
        ident = g.get("id") or ""
        x = min(float(t.get("x", "nan")) for t in g.iter(f"{SVG}text"))
        side = ident.split("__")[0] if "__" in ident else ident.split("_")[0]
        xs.setdefault(side, []).append(x)
    left, right, middle = xs["valiyev_2011"], xs["aslanli_2010"], xs["c"]
    assert max(left) < min(middle) and max(middle) < min(right), svg_text[:200]
    # the thesis comes first (on top) in each column when it has no correspondence
    for thesis in groups(root, "role-thesis"):
        column = [
            g for g in groups(root, "statement") if (g.get("id") or "")[:6] == thesis.get("id")[:6]
        ]
        assert top_y(thesis) == min(top_y(g) for g in column)


def test_summary_view_keeps_theses_and_linked_statements_only() -> None:
    c = sample_comparison()
    summary = draw_comparison(c)
    full = draw_comparison(c, view="full")
    linked = set(c.corresponded()) | {
        Ref(m.id, s.id) for m in c.maps for s in m.by_role(Role.THESIS)
    }
    assert len(groups(summary, "statement")) == len(linked) == 8
    assert not groups(summary, "rel")  # in-map relations only in the full view
    assert len(groups(full, "statement")) == sum(len(m.statements) for m in c.maps)
    in_map = sum(len(m.relations) for m in c.maps)
    assert len(groups(full, "rel")) + len(groups(full, "inference")) == in_map + 1


def test_issue_view_shows_one_issue() -> None:
    c = sample_comparison()
    root = draw_comparison(c, issue="independence")
    assert len(groups(root, "cluster-issue")) == 1
    assert len(groups(root, "corr-conflict")) == 1
    assert len(groups(root, "corr-agree")) == 1  # "orbit" belongs to the issue
    assert not groups(root, "corr-partial")


def test_three_maps_each_get_a_cluster() -> None:
    c = sample_comparison(maps=(sample_map(), third_map(), other_map()))
    root = draw_comparison(c, view="full")
    assert len(groups(root, "cluster-map")) == 3
    assert len(groups(root, "role-thesis")) == 3
    assert len(groups(root, "cluster-issue")) == len(c.issues)


def test_three_maps_stand_on_either_side_of_the_issues() -> None:
    # the first and third map left of the central column of issues, the second right of it
    c = sample_comparison(maps=(sample_map(), third_map(), other_map()))
    root = draw_comparison(c)
    clusters = {g.get("id"): g for g in groups(root, "cluster-map")}
    left = {
        k: min(float(t.get("x", "nan")) for t in g.iter(f"{SVG}text")) for k, g in clusters.items()
    }
    issues = [
        min(float(t.get("x", "nan")) for t in g.iter(f"{SVG}text"))
        for g in groups(root, "cluster-issue")
    ]
    assert left["cluster_map_valiyev_2011"] < min(issues)
    assert left["cluster_map_aslanli_2010"] < min(issues)
    assert left["cluster_map_c_2012"] > max(issues)
    for kind in CorrespondenceType:  # non-neighbours still get one node per correspondence
        assert len(groups(root, f"corr-{kind.value}")) == len(c.of_type(kind)), kind


# -- Jupyter -------------------------------------------------------------------


def test_view_displays_maps_and_comparisons_as_svg() -> None:
    for obj in (sample_map(), sample_comparison()):
        bundle = view(obj)._repr_mimebundle_()
        assert parse(bundle["image/svg+xml"]).tag == f"{SVG}svg"
        assert view(obj)._repr_svg_().lstrip().startswith("<?xml")
    only_text = view(sample_map())._repr_mimebundle_(include=["text/plain"])
    assert list(only_text) == ["text/plain"]
    with pytest.raises(ArgmapError, match="cannot draw a str"):
        view("not a map")  # type: ignore[arg-type]


def test_model_does_not_import_the_render_layer() -> None:
    code = "import argmap.model, argmap.compare, sys; print('argmap.render' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True)
    assert done.stdout.strip() == "False"


def test_wrap_gives_the_standard_lines() -> None:
    """The linear wrapper breaks lines exactly where :func:`textwrap.wrap` does, on texts
    made of words, spaces, hyphens, dashes and long words (a fixed random sample)."""
    import random
    import textwrap

    from argmap.render.labels import wrap

    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice("ab-- c.\u2014x") for _ in range(rng.randint(0, 50)))
        width = rng.randint(1, 10)
        expected = textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=True)
        assert wrap(text, width) == (expected or [""]), (text, width)


def test_a_long_label_is_drawn_whole() -> None:
    """No cut: every character of a 50,000-character statement is in the drawing's DOT."""
    word = "x" * 25_000
    b = MapBuilder("long", "Long")
    b.statement("T", f"{word} {word}y", Role.THESIS)
    source = map_graph(b.build()).source
    assert "\u2026" not in source
    assert source.count("x") >= 50_000 and "xy" in source
