"""The ``argmap`` and ``argmap-comparison`` directives: diagrams drawn by sphinx.ext.graphviz.

Each directive reads its file when the page is read, builds the DOT source with
:mod:`argmap.render.dot` and returns an :class:`argmap_diagram` node. The node subclasses
``sphinx.ext.graphviz.graphviz``, so Graphviz runs, caching by content, the output format
(``graphviz_output_format``) and the ``graphviz_dot`` setting are Sphinx's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.ext.graphviz import (
    align_spec,
    figure_wrapper,
    graphviz,
    render_dot_html,
    render_dot_latex,
    render_dot_texinfo,
)
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.texinfo import TexinfoTranslator

from argmap.compare import Comparison
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Location
from argmap.render.dot import comparison_graph, map_graph
from argmap.sphinx._load import load_comparison, load_map, warn

__all__ = [
    "ArgmapComparisonDirective",
    "ArgmapDirective",
    "argmap_diagram",
    "html_visit_argmap_diagram",
    "latex_visit_argmap_diagram",
    "texinfo_visit_argmap_diagram",
]

PREFIX = "argmap"
"""Image files are named ``argmap-<sha1 of the DOT source>.<format>``."""


class argmap_diagram(graphviz):
    """A diagram of a map or a comparison: ``code`` holds its DOT source, ``alt`` its text."""


def _choice(*values: str) -> Callable[[str], str]:
    def check(argument: str) -> str:
        return str(directives.choice(argument, values))

    return check


_COMMON: OptionSpec = {
    "caption": directives.unchanged,
    "alt": directives.unchanged,
    "align": align_spec,
    "name": directives.unchanged,
    "class": directives.class_option,
}


def _diagram(directive: SphinxDirective, dot_source: str, alt: str) -> list[Node]:
    node = argmap_diagram()
    node["code"] = dot_source
    node["options"] = {"docname": directive.env.docname}
    node["alt"] = directive.options.get("alt", alt)
    node["classes"] += ["argmap", *directive.options.get("class", [])]
    if "align" in directive.options:
        node["align"] = directive.options["align"]
    directive.set_source_info(node)
    caption = directive.options.get("caption")
    if not caption:
        directive.add_name(node)
        return [node]
    figure = figure_wrapper(directive, node, caption)
    directive.add_name(figure)
    return [figure]


def _map_alt(m: ArgumentMap, view: str, focus: str | None) -> str:
    around = f", around {focus!r}" if focus else ""
    try:
        thesis = f" Thesis: {m.thesis.text}"
    except LookupError:
        thesis = ""
    return (
        f"Argument map of {m.title or m.id} ({view} view{around}): "
        f"{len(m.statements)} statements, {len(m.relations)} relations.{thesis}"
    )


def _comparison_alt(c: Comparison, view: str, issue: str | None) -> str:
    s = c.summary()
    scope = f", issue {issue!r}" if issue else ""
    return (
        f"Comparison {c.title or c.id} ({view} view{scope}) of {', '.join(c.map_ids)}: "
        f"{s.issues} issues, {s.agreements} agreements, {s.partial} partial agreements, "
        f"{s.conflicts} conflicts."
    )


class ArgmapDirective(SphinxDirective):
    """``.. argmap:: path/to/map.argdown`` — the diagram of one essay's map."""

    has_content = False
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {
        **_COMMON,
        "view": _choice("summary", "full", "quotes"),
        "focus": directives.unchanged_required,
        "depth": directives.nonnegative_int,
        "section": directives.unchanged_required,
    }

    def run(self) -> list[Node]:
        loaded = load_map(self)
        if loaded is None:
            return []
        m, path = loaded
        view = self.options.get("view", "summary")
        focus = self.options.get("focus")
        depth = self.options.get("depth", 1)
        try:
            graph = map_graph(
                m, detail=view, focus=focus, depth=depth, section=self.options.get("section")
            )
        except ArgmapError as err:
            warn(self, err.message, err.location or Location(str(path)))
            return []
        return _diagram(self, graph.source, _map_alt(m, view, focus))


class ArgmapComparisonDirective(SphinxDirective):
    """``.. argmap-comparison:: path/to/comparison.argdown`` — the maps side by side."""

    has_content = False
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {
        **_COMMON,
        "view": _choice("summary", "full"),
        "issue": directives.unchanged_required,
    }

    def run(self) -> list[Node]:
        loaded = load_comparison(self)
        if loaded is None:
            return []
        c, path = loaded
        view = self.options.get("view", "summary")
        issue = self.options.get("issue")
        if issue is not None and issue not in {i.id for i in c.issues}:
            known = ", ".join(i.id for i in c.issues) or "none"
            warn(self, f"no issue {issue!r} in this comparison (issues: {known})", _at(c, path))
            return []
        try:
            graph = comparison_graph(c, view=view, issue=issue)
        except ArgmapError as err:
            warn(self, err.message, err.location or _at(c, path))
            return []
        return _diagram(self, graph.source, _comparison_alt(c, view, issue))


def _at(c: Comparison, path: object) -> Location:
    return c.location if c.location is not None else Location(str(path))


# -- visitors: Sphinx's own graphviz rendering, with argmap's file prefix and CSS class -------


def html_visit_argmap_diagram(self: HTML5Translator, node: argmap_diagram) -> None:
    """Render with ``render_dot_html`` (which raises ``SkipNode`` when done)."""
    render_dot_html(
        self,
        node,
        node["code"],
        node["options"],
        prefix=PREFIX,
        imgcls="argmap-diagram",
        alt=self.encode(node["alt"]),
    )


def latex_visit_argmap_diagram(self: LaTeXTranslator, node: argmap_diagram) -> None:
    render_dot_latex(self, node, node["code"], node["options"], prefix=PREFIX)


def texinfo_visit_argmap_diagram(self: TexinfoTranslator, node: argmap_diagram) -> None:
    render_dot_texinfo(self, node, node["code"], node["options"], prefix=PREFIX)
