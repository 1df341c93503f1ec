"""Sphinx extension: argument maps, comparisons and their tables in the documentation.

Add ``"argmap.sphinx"`` to ``extensions`` in ``conf.py``; it sets up ``sphinx.ext.graphviz``
itself. Six directives, each taking a path relative to the page (or, starting with ``/``,
to the source folder), in reStructuredText or MyST Markdown::

    .. argmap:: ../maps/valiyev-2011.argdown
       :view: summary          (summary | full | quotes)
       :focus: V: Silent diplomacy
       :depth: 2
       :section: introduction  (only this section of a big map)
       :caption: Valiyev's map around his thesis
       :alt: text for readers who cannot see the diagram

    .. argmap-comparison:: ../maps/comparison.argdown
       :view: summary          (summary | full)
       :issue: independence

    .. argmap-table:: ../maps/comparison.argdown
       :show: issues           (issues | correspondences)

    .. argmap-matrix:: ../maps/comparison.argdown
       :show: table            (table | diagram | network)

    .. argmap-outline:: ../maps/valiyev-2011.argdown
       :quotes:                (every statement's quotes, not only the thesis's)

    .. argmap-explorer:: ../maps/comparison.argdown
       :height: 720px          (the frame's height)
       :caption: the two essays beside their diagram

Every file read (the map or comparison, the maps it includes, their source texts) becomes a
dependency of the page, so editing a map rebuilds the pages that show it. A map that does
not load is a warning at the map's file and line, so ``sphinx-build -W`` fails on it.

A map may include and quote only files inside the folder of the file a directive names;
``argmap_allow_outside = ["../maps"]`` in ``conf.py`` (paths relative to the source folder)
allows more.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from sphinx.application import Sphinx
from sphinx.ext.graphviz import man_visit_graphviz, text_visit_graphviz
from sphinx.util.typing import ExtensionMetadata

from argmap.sphinx.diagrams import (
    ArgmapComparisonDirective,
    ArgmapDirective,
    argmap_diagram,
    html_visit_argmap_diagram,
    latex_visit_argmap_diagram,
    texinfo_visit_argmap_diagram,
)
from argmap.sphinx.explorer import (
    ArgmapExplorerDirective,
    argmap_explorer,
    html_visit_argmap_explorer,
    skip,
)
from argmap.sphinx.matrix import ArgmapMatrixDirective
from argmap.sphinx.outline import ArgmapOutlineDirective
from argmap.sphinx.tables import ArgmapTableDirective

__all__ = [
    "ArgmapComparisonDirective",
    "ArgmapDirective",
    "ArgmapMatrixDirective",
    "ArgmapOutlineDirective",
    "ArgmapTableDirective",
    "argmap_diagram",
    "setup",
]


def _version() -> str:
    try:
        return version("argmap")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the node, its visitors and the directives."""
    app.setup_extension("sphinx.ext.graphviz")
    # Text and man pages print the alt text, as sphinx.ext.graphviz does for its own node.
    app.add_node(
        argmap_diagram,
        html=(html_visit_argmap_diagram, None),
        latex=(latex_visit_argmap_diagram, None),
        texinfo=(texinfo_visit_argmap_diagram, None),
        text=(text_visit_graphviz, None),
        man=(man_visit_graphviz, None),
    )
    # Folders (relative to the source folder) whose files maps may include or quote from,
    # although they lie outside the folder of the map or comparison a directive names.
    app.add_config_value("argmap_allow_outside", [], "env", types=[list, tuple])
    app.add_directive("argmap", ArgmapDirective)
    app.add_directive("argmap-comparison", ArgmapComparisonDirective)
    app.add_directive("argmap-table", ArgmapTableDirective)
    app.add_directive("argmap-outline", ArgmapOutlineDirective)
    app.add_directive("argmap-matrix", ArgmapMatrixDirective)
    # The explorer: an HTML page in a frame; other builders leave it out.
    app.add_node(
        argmap_explorer,
        html=(html_visit_argmap_explorer, None),
        latex=(skip, None),
        texinfo=(skip, None),
        text=(skip, None),
        man=(skip, None),
    )
    app.add_directive("argmap-explorer", ArgmapExplorerDirective)
    return {
        "version": _version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
