"""Reading maps and comparisons for the Sphinx directives: paths, dependencies, warnings."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from docutils import nodes
from docutils.nodes import Node
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from argmap import compare
from argmap.compare import Comparison
from argmap.errors import ArgmapError
from argmap.formats import files, registry
from argmap.model import ArgumentMap, Location
from argmap.text import clean

__all__ = ["clean_nodes", "load_comparison", "load_map", "warn"]

logger = logging.getLogger(__name__)


def clean_nodes(out: list[Node]) -> list[Node]:
    """``out`` with bidi and zero-width controls removed from every text node
    (:func:`argmap.text.clean`, as in every other output)."""
    for root in out:
        for text in list(root.findall(nodes.Text)):
            cleaned = clean(str(text))
            if cleaned != str(text):
                text.parent.replace(text, nodes.Text(cleaned))
    return out


def warn(directive: SphinxDirective, message: str, location: Location | None = None) -> None:
    """A Sphinx warning at ``location`` (a map file and line), else at the directive.

    The directive's own place is named in the message when the warning points into a map, so
    a reader finds both the broken map and the page that shows it.
    """
    where = directive.get_location()
    if location is None:
        logger.warning(message, location=where, type="argmap", subtype="load")
    else:
        logger.warning(
            "%s [in the %s directive at %s]",
            message,
            directive.name,
            where,
            location=f"{location.path}:{location.line}",
            type="argmap",
            subtype="load",
        )


def _resolve(directive: SphinxDirective) -> Path | None:
    """The file named by the directive's argument, relative to the page (or ``/`` = source
    dir, as ``literalinclude`` does); ``None`` (and a warning) when there is no such file."""
    _relative, absolute = directive.env.relfn2path(directive.arguments[0], directive.env.docname)
    path = Path(absolute)
    directive.env.note_dependency(path)
    if not path.is_file():
        warn(directive, f"{directive.name}: file not found: {directive.arguments[0]} ({path})")
        return None
    return path


def _note_map_files(directive: SphinxDirective, m: ArgumentMap, fallback: Path) -> None:
    """Depend on the map's own file and on its source text, so an edit to either rebuilds."""
    map_file = Path(m.location.path) if m.location is not None else fallback
    directive.env.note_dependency(map_file.resolve())
    if m.source is not None:
        directive.env.note_dependency((map_file.parent / m.source.path).resolve())


def _failed(directive: SphinxDirective, err: ArgmapError) -> None:
    if err.location is not None:
        # A map the page does not name directly (an @include) is a dependency too.
        directive.env.note_dependency(Path(err.location.path).resolve())
    warn(directive, err.message, err.location)


@contextlib.contextmanager
def _reading(directive: SphinxDirective, path: Path) -> Iterator[None]:
    """Reads rooted at ``path``'s folder, also allowing the ``argmap_allow_outside`` folders
    (relative to the source folder, where ``conf.py`` usually is)."""
    srcdir = Path(directive.env.srcdir)
    allowed = [srcdir / p for p in directive.env.config.argmap_allow_outside]
    with files.rooted(path.parent), files.allowing(allowed):
        yield


def load_map(directive: SphinxDirective) -> tuple[ArgumentMap, Path] | None:
    """The map named by the directive's argument, or ``None`` after a warning."""
    path = _resolve(directive)
    if path is None:
        return None
    try:
        with _reading(directive, path):
            m = registry.load(path)
    except ArgmapError as err:
        _failed(directive, err)
        return None
    if not isinstance(m, ArgumentMap):
        warn(directive, f"{directive.name}: {path.name} is a comparison, not a map")
        return None
    _note_map_files(directive, m, path)
    return m, path


def load_comparison(directive: SphinxDirective) -> tuple[Comparison, Path] | None:
    """The comparison named by the directive's argument, or ``None`` after a warning."""
    path = _resolve(directive)
    if path is None:
        return None
    try:
        with _reading(directive, path):
            c = compare.load(path) if path.suffix == ".argdown" else registry.load(path)
    except ArgmapError as err:
        _failed(directive, err)
        return None
    if not isinstance(c, Comparison):
        warn(directive, f"{directive.name}: {path.name} is a map, not a comparison")
        return None
    for m in c.maps:
        _note_map_files(directive, m, path)
    return c, path
