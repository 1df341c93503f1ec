"""argmap: typed comparative argument mapping.

:func:`load` reads a map or a comparison in any registered format (``argmap formats``
lists them) and :func:`dump` writes one:

>>> import argmap
>>> m = argmap.load("maps/valiyev-2011.argdown")
>>> type(m).__name__, m.id
('ArgumentMap', 'valiyev-2011')
>>> type(argmap.load("maps/comparison.argdown")).__name__
'Comparison'
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from argmap.errors import (
    ArgdownSyntaxError,
    ArgmapError,
    ConventionError,
    FormatError,
    LimitError,
    RenderError,
    SourceError,
)
from argmap.model import (
    Argument,
    ArgumentMap,
    Location,
    MapBuilder,
    Quote,
    Relation,
    RelationType,
    Role,
    Section,
    Source,
    Stance,
    Statement,
    View,
)

if TYPE_CHECKING:
    from argmap.comparison import Comparison


def load(
    path: str | os.PathLike[str], format: str | None = None, **options: Any
) -> ArgumentMap | Comparison:
    """Read the map or comparison in ``path``.

    The format is ``format`` (a name ``argmap formats`` lists) or else found from the file's
    suffix and, where several formats share a suffix, its first bytes. Includes and sources
    must lie in ``path``'s folder unless ``allow_outside=[folders]`` allows more;
    ``max_bytes=N`` sets the size cap of every file read (see
    :func:`argmap.formats.registry.load`). Other ``options`` go to the format's reader. Bad
    input raises a located :class:`ArgmapError`.
    """
    from argmap.formats import registry

    return registry.load(path, format, **options)


def dump(
    obj: ArgumentMap | Comparison, path: str | os.PathLike[str], format: str | None = None
) -> None:
    """Write a map or comparison to ``path`` in ``format`` or the format of its suffix."""
    from argmap.formats import registry

    registry.dump(obj, path, format)


def load_ipython_extension(ip: object) -> None:
    """``%load_ext argmap``: show maps and comparisons as SVG in the notebook."""
    from argmap.render.jupyter import register_ipython

    register_ipython(ip)


__all__ = [
    "ArgdownSyntaxError",
    "ArgmapError",
    "Argument",
    "ArgumentMap",
    "ConventionError",
    "FormatError",
    "LimitError",
    "Location",
    "MapBuilder",
    "Quote",
    "Relation",
    "RelationType",
    "RenderError",
    "Role",
    "Section",
    "Source",
    "SourceError",
    "Stance",
    "Statement",
    "View",
    "dump",
    "load",
    "load_ipython_extension",
]
