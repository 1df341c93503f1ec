"""argmap: typed comparative argument mapping."""

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
    "load_ipython_extension",
]
