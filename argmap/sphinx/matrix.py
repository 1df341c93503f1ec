"""The ``argmap-matrix`` directive: a comparison's issue matrix or author network in the docs.

``:show: table`` (the default) gives the issue matrix as a docutils table, one row per issue
and one column per author (short labels); each cell holds the short answer, the statements
behind it and one line per other author (``=`` agree, ``≈`` partial, ``≠`` conflict), or
*not addressed*. ``:show: diagram`` draws the same matrix with Graphviz, ``:show: network``
the author network (who agrees with whom, weighted by the correspondences).
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from argmap.analysis.matrix import GLYPHS, NOT_ADDRESSED, IssueMatrix, issue_matrix
from argmap.compare import Comparison
from argmap.render.figures import matrix_graph, network_graph
from argmap.sphinx._load import load_comparison
from argmap.sphinx.diagrams import _COMMON, _diagram
from argmap.sphinx.tables import _entry, _para, _table

__all__ = ["ArgmapMatrixDirective", "matrix_table"]


def matrix_table(mx: IssueMatrix) -> nodes.table:
    """The issue matrix as a docutils table."""
    rows = []
    for issue, row in zip(mx.issues, mx.rows, strict=True):
        cells = [_entry([_para(nodes.strong("", issue.question or issue.id))])]
        for cell in row:
            if not cell.addressed:
                text = nodes.emphasis("", NOT_ADDRESSED)
                cells.append(_entry([_para(text, classes=["argmap-none"])]))
                continue
            children: list[Node] = [
                _para(nodes.strong("", cell.short or "addressed"), classes=["argmap-answer"])
            ]
            children += [_para(nodes.literal("", s)) for s in cell.statements]
            children += [
                _para(
                    nodes.Text(f"{GLYPHS[x.kind]} {x.kind.value}: {mx.label(x.other)}"),
                    classes=[f"corr-{x.kind.value}"],
                )
                for x in cell.links
            ]
            cells.append(_entry(children))
        rows.append(cells)
    width = 80 // max(len(mx.authors), 1)
    return _table("matrix", ["Issue", *mx.labels], [20] + [width] * len(mx.authors), rows)


def _alt(c: Comparison, show: str) -> str:
    what = "issue matrix" if show == "diagram" else "author network"
    return f"The {what} of {c.title or c.id}: {len(c.issues)} issues, {len(c.maps)} authors."


class ArgmapMatrixDirective(SphinxDirective):
    """``.. argmap-matrix:: path/to/comparison.argdown`` — issues by authors, or the network."""

    has_content = False
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {
        **_COMMON,
        "show": lambda arg: directives.choice(arg, ("table", "diagram", "network")),
    }

    def run(self) -> list[Node]:
        loaded = load_comparison(self)
        if loaded is None:
            return []
        c, _path = loaded
        show = self.options.get("show", "table")
        if show == "diagram":
            return _diagram(self, matrix_graph(c).source, _alt(c, show))
        if show == "network":
            return _diagram(self, network_graph(c).source, _alt(c, show))
        table = matrix_table(issue_matrix(c))
        table["classes"] += self.options.get("class", [])
        self.set_source_info(table)
        self.add_name(table)
        return [table]
