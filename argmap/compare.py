"""Comparison of several authors' maps: the public comparison API.

The data classes live in :mod:`argmap.comparison` (a model-layer module that imports no
format); :func:`load` reads a comparison file with :mod:`argmap.formats.comparison`.

>>> c = load("maps/comparison.argdown")
>>> c.map_ids[:2]
('valiyev-2011', 'aslanli-2010')
"""

from __future__ import annotations

import os

from argmap.comparison import (
    Comparison,
    Correspondence,
    CorrespondenceType,
    Issue,
    Position,
    Ref,
    Summary,
)
from argmap.formats import comparison as _comparison_file

__all__ = [
    "Comparison",
    "Correspondence",
    "CorrespondenceType",
    "Issue",
    "Position",
    "Ref",
    "Summary",
    "load",
]


def load(path: str | os.PathLike[str]) -> Comparison:
    """Read a comparison file (Argdown) and the maps it includes with ``@include``."""
    return _comparison_file.load(path)
