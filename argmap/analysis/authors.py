"""Short author labels for columns, clusters, matrix headers and network nodes.

A map's ``label`` (map heading data ``label:``) wins; otherwise the label is the author's
surname and the year ("Valiyev 2011", "n.d." for an unknown year). Labels that would be
shared by several maps (three anonymous texts of one year) fall back to the map ids, which
are unique in a comparison.

>>> from argmap.model import ArgumentMap, Source
>>> v = ArgumentMap("valiyev-2011", source=Source("v.txt", author="Anar Valiyev", year=2011))
>>> a = ArgumentMap("b039", source=Source("b.txt", author="Anonymous", year=2014))
>>> b = ArgumentMap("b056", source=Source("b.txt", author="Anonymous", year=2014))
>>> short_labels((v, a, b))
{'valiyev-2011': 'Valiyev 2011', 'b039': 'b039', 'b056': 'b056'}
>>> short_label(ArgumentMap("x", source=Source("x.txt", author="J. Doe")))
'Doe n.d.'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from argmap.model import ArgumentMap

__all__ = ["NO_DATE", "short_label", "short_labels"]

#: How an unknown year is written.
NO_DATE = "n.d."

_ANONYMOUS = frozenset({"", "anonymous", "anon", "anon.", "unknown", "n.n.", "nn"})


def short_label(m: ArgumentMap) -> str:
    """The map's own ``label``, else surname and year, else the map id."""
    if m.label.strip():
        return " ".join(m.label.split())
    src = m.source
    if src is None:
        return m.id
    name = " ".join((src.attributed_author or src.author or "").split())
    if name.lower() in _ANONYMOUS or name.lower().startswith("anonymous"):
        return m.id
    surname = name.split(" ")[-1].strip(",;")
    year = str(src.year) if src.year is not None else NO_DATE
    return f"{surname} {year}"


def short_labels(maps: Iterable[ArgumentMap]) -> dict[str, str]:
    """Map id → short label, unique across ``maps`` (a shared label becomes the map id)."""
    maps = tuple(maps)
    wanted = {m.id: short_label(m) for m in maps}
    used = Counter(wanted.values())
    return {i: (label if used[label] == 1 else i) for i, label in wanted.items()}
