"""Show maps and comparisons as SVG in Jupyter without the model importing the render layer.

``view(m)`` wraps an :class:`~argmap.model.ArgumentMap`, a
:class:`~argmap.compare.Comparison` or a ready :class:`graphviz.Digraph` in a :class:`View`,
which a notebook displays as SVG (it has ``_repr_mimebundle_`` and ``_repr_svg_``)::

    from argmap.render import view
    view(m, detail="quotes")            # last expression of a cell: drawn inline
    view(c, issue="independence")

In a notebook, ``%load_ext argmap`` registers SVG formatters (importing :mod:`argmap.render`
registers nothing), so a bare map or comparison as the last expression of a cell is drawn.

>>> from argmap.model import MapBuilder, Role
>>> v = view(MapBuilder("m").statement("T", "t", Role.THESIS).build(), legend=False)
>>> v.graph.name
'argmap_m'
>>> view("text")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
argmap.errors.ArgmapError: cannot draw a str: expected an ArgumentMap, a Comparison or a ...
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap.compare import Comparison
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render.dot import comparison_graph, map_graph
from argmap.render.output import Format, render, svg

__all__ = ["View", "register_ipython", "view"]


@attrs.frozen(eq=False)
class View:
    """A drawing that shows itself as SVG in Jupyter and can be written to a file."""

    graph: graphviz.Digraph

    @property
    def source(self) -> str:
        """The DOT source."""
        text: str = self.graph.source
        return text

    def svg(self) -> str:
        return svg(self.graph)

    def render(self, path: str | os.PathLike[str], format: Format = "svg") -> Path:
        return render(self.graph, path, format)

    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
    ) -> dict[str, str]:
        bundle = {"image/svg+xml": self.svg(), "text/plain": f"<View {self.graph.name}>"}
        if include is not None:
            wanted = set(include)
            bundle = {k: v for k, v in bundle.items() if k in wanted}
        if exclude is not None:
            unwanted = set(exclude)
            bundle = {k: v for k, v in bundle.items() if k not in unwanted}
        return bundle


def view(obj: ArgumentMap | Comparison | graphviz.Digraph, **options: Any) -> View:
    """Wrap a map (:func:`map_graph` options), a comparison (:func:`comparison_graph`
    options) or a DOT graph for display."""
    if isinstance(obj, ArgumentMap):
        return View(map_graph(obj, **options))
    if isinstance(obj, Comparison):
        return View(comparison_graph(obj, **options))
    if isinstance(obj, graphviz.Digraph):
        return View(obj)
    raise ArgmapError(
        f"cannot draw a {type(obj).__name__}: "
        "expected an ArgumentMap, a Comparison or a graphviz.Digraph"
    )


def _map_svg(m: ArgumentMap) -> str:
    return view(m).svg()


def _comparison_svg(c: Comparison) -> str:
    return view(c).svg()


def register_ipython(ip: Any) -> None:
    """Draw maps and comparisons as SVG in this IPython shell (``%load_ext argmap``)."""
    formatter = ip.display_formatter.formatters["image/svg+xml"]
    formatter.for_type(ArgumentMap, _map_svg)
    formatter.for_type(Comparison, _comparison_svg)
