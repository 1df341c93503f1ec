"""The Argdown-level document: what the Argdown CLI itself sees in a file, as frozen values.

This module holds the values both readers build (sections, premise-conclusion structures,
arguments); the ones only the general reader's document has (members, statement and relation
nodes, the document) are in ``_argdown_document_nodes.py``, which a map read straight by the
direct builder never imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from argmap.model import Location

if TYPE_CHECKING:
    from argmap.formats._argdown_document_nodes import Member

__all__ = ["ArgumentNode", "Inference", "PcsItem", "SectionNode"]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class PcsItem:
    """One numbered line of a premise-conclusion structure."""

    title: str
    role: str  # "premise" | "intermediary" | "conclusion"


@attrs.frozen
class Inference:
    """An inference line; ``conclusion`` is the index of the item it leads to."""

    conclusion: int
    rules: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    data: Mapping[str, Any] | None = None


@attrs.frozen
class ArgumentNode:
    """An argument: its description members and its premise-conclusion structure."""

    title: str
    text: str | None
    tags: tuple[str, ...]
    data: Mapping[str, Any]
    members: tuple[Member, ...]
    pcs: tuple[PcsItem, ...]
    inferences: tuple[Inference, ...]
    section: str | None
    location: Location | None = attrs.field(default=None, eq=False)

    @property
    def premises(self) -> tuple[str, ...]:
        return tuple(p.title for p in self.pcs if p.role == "premise")

    @property
    def conclusion(self) -> str | None:
        return self.pcs[-1].title if self.pcs else None


@attrs.frozen
class SectionNode:
    """A heading; ids are Argdown's own (``s1``, ``s2``, ...)."""

    id: str
    title: str
    level: int
    tags: tuple[str, ...]
    data: Mapping[str, Any] | None
    parent: str | None
    location: Location | None = attrs.field(default=None, eq=False)
