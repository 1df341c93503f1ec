"""Check argument maps: quotes anchored in their sources, references, thesis, ids, cycles.

:func:`check_paths` reads Argdown files and folders and returns a :class:`Report` of
:class:`Finding` objects, each with a severity, a short code, a message and the location it
points at. A file that does not parse becomes one ``syntax`` finding and checking goes on.

>>> from argmap.model import MapBuilder, Role
>>> m = (MapBuilder("demo").statement("T", "t", Role.THESIS, quote="q")
...      .statement("C", "c", Role.CLAIM).support("C", "T").support("T", "C").build())
>>> for f in check_structure(m, "demo.argdown"):
...     print(f)
demo.argdown:1:1: error: statement [C] has no quotes (no-quotes)
demo.argdown:1:1: error: support cycle: T -> C -> T (support-cycle)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.check.files import (
    check_comparison,
    check_file,
    check_map,
    check_paths,
)
from argmap.check.findings import Finding, Report, Severity
from argmap.check.quotes import check_quotes
from argmap.check.structure import check_structure
from argmap.formats.argdown import is_comparison

if TYPE_CHECKING:
    from argmap.formats.comparison import map_files

__all__ = [
    "Finding",
    "Report",
    "Severity",
    "check_comparison",
    "check_file",
    "check_map",
    "check_paths",
    "check_quotes",
    "check_structure",
    "is_comparison",
    "map_files",
]


def __getattr__(name: str) -> Any:
    """``map_files``, imported on first use (a map check needs no comparison module)."""
    if name == "map_files":
        from argmap.formats.comparison import map_files

        return map_files
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
