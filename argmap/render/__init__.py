"""Drawings of argument maps and comparisons through Graphviz: DOT, SVG, PNG, PDF, Jupyter.

>>> from argmap.model import MapBuilder, Role
>>> m = MapBuilder("m", "Demo").statement("T", "Tax land.", Role.THESIS, quote="tax").build()
>>> map_graph(m).source.startswith("digraph argmap_m {")
True
"""

from argmap.render.dot import comparison_graph, map_graph
from argmap.render.jupyter import View, view
from argmap.render.output import find_layout, render, svg
from argmap.render.style import DEFAULT_THEME, EdgeStyle, NodeStyle, Theme

__all__ = [
    "DEFAULT_THEME",
    "EdgeStyle",
    "NodeStyle",
    "Theme",
    "View",
    "comparison_graph",
    "find_layout",
    "map_graph",
    "render",
    "svg",
    "view",
]
