"""argmap's quicker Digraph writes the same DOT as the graphviz library, whatever the text."""

from __future__ import annotations

from collections import OrderedDict

import graphviz
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.render.digraph import Digraph

NASTY = [
    "",
    "plain",
    "two words",
    "-4.2",
    ".42",
    "node",
    "Graph",
    "edge",
    "strict",
    '"',
    '\\"',
    '\\\\"',
    "ends with \\",
    "<b>html</b>",
    "<<b>x</b>>",
    graphviz.nohtml("<not html>"),
    "a:b",
    "a:b:c",
    "\u0130stanbul \u2013 \u041c\u043e\u0441\u043a\u0432\u0430",
    "tab\there\nnewline",
    "}; digraph evil {",
]


def _draw(cls: type[graphviz.Digraph], values: list[str]) -> str:
    g = cls(name="g", graph_attr={"label": values[0]})
    g.attr("node", shape="box", fontname=values[-1])
    for i, v in enumerate(values):
        g.node(v, v, _attributes={"tooltip": v, "color": None, "id": f"n{i}"})
        g.node(f"n{i}", label=None, xlabel=v)
        g.edge(v, values[i - 1], v, _attributes=OrderedDict([("z", v), ("a", "1")]))
        g.edge(v, values[i - 1], _attributes=[("b", v), ("a", "")])
        with g.subgraph(name=f"cluster_{i}") as sub:
            sub.attr(label=v)
            sub.node(f"s{i}", v)
    g.edges([(values[0], values[-1])])
    return str(g.source)


@pytest.mark.filterwarnings("ignore::graphviz.exceptions.DotSyntaxWarning")
def test_same_source_as_the_library_for_hostile_text() -> None:
    assert _draw(Digraph, NASTY) == _draw(graphviz.Digraph, NASTY)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=6))
@pytest.mark.filterwarnings("ignore::graphviz.exceptions.DotSyntaxWarning")
def test_same_source_as_the_library_for_any_text(values: list[str]) -> None:
    assert _draw(Digraph, values) == _draw(graphviz.Digraph, values)


def test_subgraphs_are_of_the_quick_class() -> None:
    g = Digraph(name="g")
    with g.subgraph(name="cluster_a") as sub:
        assert isinstance(sub, Digraph)


def test_nohtml_is_not_confused_with_the_same_plain_text() -> None:
    # the remembered quoting keys on the type: "<x>" is HTML, nohtml("<x>") is not
    g = Digraph(name="g")
    g.node("a", "<x>")
    g.node("b", graphviz.nohtml("<x>"))
    assert "label=<x>" in g.source and 'label="<x>"' in g.source
