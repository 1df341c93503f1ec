"""argmap: typed comparative argument mapping."""

from argmap.errors import ArgmapError
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
    Statement,
)


def load_ipython_extension(ip: object) -> None:
    """``%load_ext argmap``: show maps and comparisons as SVG in the notebook."""
    from argmap.render.jupyter import register_ipython

    register_ipython(ip)


__all__ = [
    "ArgmapError",
    "Argument",
    "ArgumentMap",
    "Location",
    "MapBuilder",
    "Quote",
    "Relation",
    "RelationType",
    "Role",
    "Section",
    "Source",
    "Statement",
    "load_ipython_extension",
]
