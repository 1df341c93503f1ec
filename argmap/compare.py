"""Comparison of several authors' maps: the public comparison API.

The data classes live in :mod:`argmap.comparison` (a model-layer module that imports no
format); :func:`load` reads a comparison file with :mod:`argmap.formats.comparison`.

>>> c = load("maps/comparison.argdown")
>>> c.map_ids[:2]
('valiyev-2011', 'aslanli-2010')
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from argmap.analysis.suggest import Suggestions

__all__ = [
    "Comparison",
    "Correspondence",
    "CorrespondenceType",
    "Issue",
    "Position",
    "Ref",
    "Summary",
    "load",
    "suggest",
]


def load(
    path: str | os.PathLike[str],
    *,
    allow_outside: Sequence[str | os.PathLike[str]] = (),
    max_bytes: int | None = None,
) -> Comparison:
    """Read a comparison file (Argdown) and the maps it includes with ``@include``.

    Files are read by :func:`argmap.formats.files.read_text`: the maps must lie in the
    comparison's folder (or in one of the ``allow_outside`` folders), none may be larger than
    ``max_bytes`` (default: ``ARGMAP_MAX_BYTES``, else 256 MiB), and invalid UTF-8 is a
    located :class:`~argmap.errors.SourceError`."""
    return _comparison_file.load(path, allow_outside=allow_outside, max_bytes=max_bytes)


def suggest(
    comparison: Comparison,
    top: int = 10,
    *,
    map_id: str | None = None,
    statement: Ref | str | None = None,
) -> Suggestions:
    """The ``top`` most similar pairs of statements of different maps that no correspondence
    links yet, each with a polarity hint and the issue it would fit. ``accept`` on the result
    returns the comparison with chosen suggestions added as correspondences::

        c = load("maps/comparison.argdown")
        s = suggest(c, 5, map_id="valiyev-2011")
        c2 = s.accept(0, type="agree", rationale="Both date the warming to Putin.")

    See :mod:`argmap.analysis.suggest` for how pairs are scored.
    """
    from argmap.analysis.suggest import suggest as _suggest

    return _suggest(comparison, top=top, map_id=map_id, statement=statement)
