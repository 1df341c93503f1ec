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
]
