"""The argument model: sources, quotes, statements, arguments, relations and maps.

Every class is a frozen attrs value class. Validators reject values that cannot be
meaningful (an empty id, a negative offset), but cross-references (a relation to an unknown
statement, a missing thesis) are left to :mod:`argmap.check`, so that one run can report all
the problems of a map with their locations.

>>> m = (
...     MapBuilder("demo", "A demo essay")
...     .statement("T", "Cities should tax land.", Role.THESIS, quote="tax land")
...     .statement("E", "Land values rose 40%.", Role.EVIDENCE, quote="rose 40%")
...     .support("E", "T")
...     .build()
... )
>>> m.thesis.id
'T'
>>> [s.id for s in m.supporters("T")]
['E']
"""

from __future__ import annotations

from argmap.model.builder import MapBuilder

# The readers' fast constructors (argmap/model/fast.py), re-exported for argmap.formats only.
from argmap.model.fast import _fast_quote as _fast_quote
from argmap.model.fast import _fast_relation as _fast_relation
from argmap.model.fast import _fast_statement as _fast_statement
from argmap.model.fast import _new as _new
from argmap.model.fast import _slot_setters as _slot_setters
from argmap.model.map import ArgumentMap
from argmap.model.values import (
    Argument,
    Location,
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

__all__ = [
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
    "Stance",
    "Statement",
    "View",
]

# The classes are defined in argmap/model/{values,map,builder}.py and belong to this module:
# their repr, pickles, type hints (cattrs) and the API docs name ``argmap.model``.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
