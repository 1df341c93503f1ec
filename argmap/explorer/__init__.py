"""The explorer: a map or a comparison beside its source texts, as one offline HTML file.

The page shows argmap's own Graphviz drawings (pan, zoom, fit), every author's text with each
quote highlighted (background colour by author, underline style by role), and a side panel
for the selected statement: its wording, role, whose view it is, its relations and its
correspondences with the other authors. Selection works both ways (node to passages, passage
to node); filters by issue, author, role and relation type; search; deep links
``explorer.html#<map id>/<statement id>``; keyboard navigation. Everything is inline (style,
script, data, diagrams): the file opens from disk with no network.

Stable hooks for tests and users' scripts: every diagram node of a statement and every
highlighted passage carries ``data-ref="<map id>:<statement id>"``; selected ones carry
``aria-selected="true"``.

>>> from argmap.model import MapBuilder, Role
>>> m = MapBuilder("m", "Demo").statement("T", "Tax <land>.", Role.THESIS).build()
>>> text = explorer_html(m, texts={"m": "We should tax land."})  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.compare import Comparison
    from argmap.model import ArgumentMap

__all__ = ["EXPLORER_HTML", "explorer_html", "load", "write"]

#: The file name ``argmap build`` writes the explorer to.
EXPLORER_HTML = "explorer.html"


def explorer_html(
    obj: ArgumentMap | Comparison,
    *,
    texts: Mapping[str, str | None] | None = None,
    drawn: Mapping[str, str] | None = None,
) -> str:
    """The explorer page of a map or a comparison (Graphviz draws the diagrams).

    ``texts`` gives each map's source text by map id; by default each is read from the map's
    source path, relative to the map file. ``drawn``: SVG drawings already made, by diagram
    key (see :func:`argmap.explorer.diagrams.diagrams`).
    """
    # imported here: ``argmap build`` names the page (EXPLORER_HTML) long before it makes it
    from argmap.explorer.data import explorer_data
    from argmap.explorer.diagrams import diagrams
    from argmap.explorer.page import page

    shown = diagrams(obj, drawn)
    data = explorer_data(obj, texts, [d.info() for d in shown])
    return page(data["title"], data, [d.svg for d in shown])


def load(path: str | os.PathLike[str]) -> ArgumentMap | Comparison:
    """A map or a comparison file, in any format argmap reads (:func:`argmap.load`)."""
    from argmap.formats import registry

    return registry.load(path)


def write(
    obj: ArgumentMap | Comparison,
    path: str | os.PathLike[str],
    *,
    texts: Mapping[str, str | None] | None = None,
) -> Path:
    """Write the explorer page of ``obj`` to ``path`` and return the path."""
    target = Path(path)
    text = explorer_html(obj, texts=texts)
    from argmap.formats.files import write_text

    write_text(target, text)  # atomic: a temporary file renamed into place
    return target
