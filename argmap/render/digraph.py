"""The one graph class argmap's drawings are built with: ``graphviz.Digraph``, quicker.

A build draws the same statements, colours and fonts into many graphs (each map, the summary
and full views, one view per issue), and the ``graphviz`` library quotes every name and
attribute value again each time, through a regular-expression test and a wrapper that checks
for positional arguments: about a third of the time a build spends making its graphs.
:class:`Digraph` keeps the library's own quoting rule (:func:`graphviz.quoting.quote`), the
library's attribute order (plain dicts sorted, other mappings in their order) and its line
format, so its DOT source is the library's byte for byte; it only remembers the quoted form
of the values it has seen, and assembles attribute lists without the wrapper.

>>> g = Digraph(name="g")
>>> g.node("a b", "x \\"y\\"", _attributes={"shape": "box", "color": None})
>>> g.edge("a b", "c:p", _attributes={"style": "dashed"})
>>> print(g.source.replace("\\t", "  "))
digraph g {
  "a b" [label="x \\"y\\"" shape=box]
  "a b" -> c:p [style=dashed]
}
<BLANKLINE>
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

import graphviz  # type: ignore[import-untyped]
from graphviz import quoting

__all__ = ["Digraph"]

#: Quoted forms remembered (labels are long and many; a bound keeps a long session small).
_CACHE = 8192

# ``typed``: a :func:`graphviz.nohtml` string equals the plain one but is quoted otherwise.
_quote = functools.lru_cache(maxsize=_CACHE, typed=True)(quoting.quote)


@functools.lru_cache(maxsize=_CACHE, typed=True)
def _quote_edge(identifier: str) -> str:
    """``node[:port[:compass]]`` quoted as :func:`graphviz.quoting.quote_edge` quotes it."""
    return str(quoting.quote_edge(identifier))


def _items(mapping: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> Iterable[tuple[str, Any]]:
    """The library's order: a plain dict sorted by key, any other mapping or list as given."""
    if type(mapping) is dict:
        return sorted(mapping.items())
    if isinstance(mapping, Mapping):
        return mapping.items()
    return mapping


def _a_list(
    label: str | None = None,
    kwargs: Mapping[str, Any] | None = None,
    attributes: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
) -> str:
    """``label=... key=value ...`` as :func:`graphviz.quoting.a_list` writes it."""
    parts = [f"label={_quote(label)}"] if label is not None else []
    for mapping in (kwargs, attributes):
        if mapping:
            parts += [f"{_quote(k)}={_quote(v)}" for k, v in _items(mapping) if v is not None]
    return " ".join(parts)


def _attr_list(
    label: str | None = None,
    kwargs: Mapping[str, Any] | None = None,
    attributes: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
) -> str:
    """`` [label=... key=value ...]`` as :func:`graphviz.quoting.attr_list` writes it."""
    content = _a_list(label, kwargs, attributes)
    return f" [{content}]" if content else ""


class Digraph(graphviz.Digraph):  # type: ignore[misc]
    """``graphviz.Digraph`` with remembered quoting (same DOT source, made faster).

    Subgraphs made with :meth:`subgraph` are of this class too (the library makes them
    with ``self.__class__``)."""

    _quote = staticmethod(_quote)
    _quote_edge = staticmethod(_quote_edge)
    _a_list = staticmethod(_a_list)
    _attr_list = staticmethod(_attr_list)
