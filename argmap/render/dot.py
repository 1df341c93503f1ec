"""Build Graphviz DOT graphs of argument maps and comparisons (pure: no files, no processes).

Both builders return a :class:`graphviz.Digraph`; its ``source`` is byte-identical for
identical input. Every statement text goes through :func:`plain_label` or :func:`html_text`,
so no text can add nodes, close a bracket or inject markup. The code lives in
:mod:`argmap.render.labels` (text and labels), :mod:`argmap.render.maps` (one map),
:mod:`argmap.render.comparisons` (comparisons) and :mod:`argmap.render.legend`; this module
is their public face.

>>> from argmap.model import MapBuilder, Role
>>> m = (
...     MapBuilder("demo", "Land tax")
...     .statement("T", 'Cities should "tax" <land>.', Role.THESIS, quote="tax land")
...     .statement("E", "Land values rose 40%.", Role.EVIDENCE, quote="rose 40%")
...     .support("E", "T")
...     .build()
... )
>>> g = map_graph(m, legend=False)
>>> print([line.strip() for line in g.source.splitlines() if "->" in line][0][:34])
s_e -> s_t [arrowhead=normal class
>>> print([line.strip() for line in g.source.splitlines() if "s_t [" in line][0][:42])
s_t [label="Cities should \\"tax\\" <land>."

"""

from __future__ import annotations

from argmap.render.comparisons import comparison_graph
from argmap.render.labels import ComparisonView, Detail, html_text, plain_label, slug, wrap
from argmap.render.maps import map_graph

__all__ = [
    "ComparisonView",
    "Detail",
    "comparison_graph",
    "html_text",
    "map_graph",
    "plain_label",
    "slug",
    "wrap",
]
