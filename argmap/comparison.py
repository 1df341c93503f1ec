"""The comparison model: several authors' maps, issues, correspondences and the views derived
from them.

A :class:`Comparison` spans any number of :class:`~argmap.model.ArgumentMap` objects. It holds
*issues* (questions the authors take positions on) and *correspondences* between statements of
different maps (agree, partial, conflict). Everything else — agreements, conflicts, claims only
one author makes, per-issue positions — is derived.

>>> from argmap.model import MapBuilder, Role
>>> a = MapBuilder("a").statement("A: t", "Tax land.", Role.THESIS, quote="x").build()
>>> b = MapBuilder("b").statement("B: t", "Do not tax land.", Role.THESIS, quote="y").build()
>>> c = Comparison("ab", "A vs B", (a, b), correspondences=(
...     Correspondence("c1", Ref("a", "A: t"), Ref("b", "B: t"), CorrespondenceType.CONFLICT,
...                    "One says tax, the other says no."),))
>>> [str(x.right) for x in c.conflicts("a", "b")]
['b:B: t']
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable
from typing import Protocol, TypeVar

import attrs

from argmap.model import ArgumentMap, Location, Role, Statement, View

__all__ = [
    "Comparison",
    "Correspondence",
    "CorrespondenceType",
    "Issue",
    "Position",
    "Ref",
    "Summary",
]


class CorrespondenceType(enum.Enum):
    """How a statement of one map stands to a statement of another."""

    AGREE = "agree"
    PARTIAL = "partial"
    CONFLICT = "conflict"


@attrs.frozen(order=True)
class Ref:
    """A statement of a given map, written ``map-id:statement-id``."""

    map_id: str
    statement_id: str

    def __str__(self) -> str:
        return f"{self.map_id}:{self.statement_id}"

    @classmethod
    def parse(cls, text: str) -> Ref:
        """``"a:B: t"`` → ``Ref("a", "B: t")`` (the map id never contains a colon)."""
        map_id, sep, statement_id = text.partition(":")
        if not sep or not map_id or not statement_id:
            raise ValueError(f"not a statement reference (map-id:statement-id): {text!r}")
        return cls(map_id, statement_id)


@attrs.frozen
class Correspondence:
    """Two statements of different maps and how they relate, with the analyst's rationale."""

    id: str
    left: Ref
    right: Ref
    type: CorrespondenceType
    rationale: str = ""
    issue: str | None = None
    location: Location | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.left.map_id == self.right.map_id:
            raise ValueError(f"correspondence {self.id!r} links two statements of one map")

    def refs(self) -> tuple[Ref, Ref]:
        """The two sides, left then right."""
        return (self.left, self.right)

    def involves(self, map_id: str) -> bool:
        """Whether one side is a statement of ``map_id``."""
        return map_id in (self.left.map_id, self.right.map_id)

    def side(self, map_id: str) -> Ref | None:
        """This correspondence's statement in ``map_id``, if it has one."""
        for ref in self.refs():
            if ref.map_id == map_id:
                return ref
        return None

    def other(self, ref: Ref) -> Ref:
        """The side that is not ``ref``."""
        return self.right if ref == self.left else self.left


def _refs(value: Iterable[Ref]) -> tuple[Ref, ...]:
    return tuple(value)


@attrs.frozen
class Position:
    """One author's position on an issue; no statements and no answer means not addressed."""

    map_id: str
    statements: tuple[Ref, ...] = attrs.field(default=(), converter=_refs)
    answer: str | None = None

    @property
    def addressed(self) -> bool:
        """Whether the author takes a position (statements or an answer)."""
        return bool(self.statements) or bool(self.answer)


def _positions(value: Iterable[Position]) -> tuple[Position, ...]:
    return tuple(value)


@attrs.frozen
class Issue:
    """A question the compared authors take positions on."""

    id: str
    question: str
    positions: tuple[Position, ...] = attrs.field(default=(), converter=_positions)
    title: str = ""
    location: Location | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def position(self, map_id: str) -> Position:
        """The position of ``map_id``; an empty (not addressed) one if it has none."""
        for p in self.positions:
            if p.map_id == map_id:
                return p
        return Position(map_id)


@attrs.frozen
class Summary:
    """Counts for a comparison's headline."""

    maps: int
    issues: int
    agreements: int
    partial: int
    conflicts: int
    unique: tuple[tuple[str, int], ...]


def _maps(value: Iterable[ArgumentMap]) -> tuple[ArgumentMap, ...]:
    return tuple(value)


def _issues(value: Iterable[Issue]) -> tuple[Issue, ...]:
    return tuple(value)


def _correspondences(value: Iterable[Correspondence]) -> tuple[Correspondence, ...]:
    return tuple(value)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def _first_by_id(items: Iterable[_T]) -> dict[str, _T]:
    """Id -> the first item with that id."""
    out: dict[str, _T] = {}
    for item in items:
        out.setdefault(item.id, item)
    return out


@attrs.frozen
class Comparison:
    """Several maps with the issues and correspondences that connect them."""

    id: str
    title: str
    maps: tuple[ArgumentMap, ...] = attrs.field(converter=_maps)
    issues: tuple[Issue, ...] = attrs.field(default=(), converter=_issues)
    correspondences: tuple[Correspondence, ...] = attrs.field(
        default=(), converter=_correspondences
    )
    location: Location | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    # -- indexes --------------------------------------------------------------
    # Built on first use and kept on the (immutable) comparison; not fields, so equality,
    # hashing, repr and pickling see only the comparison itself.

    @functools.cached_property
    def _map_index(self) -> dict[str, ArgumentMap]:
        return _first_by_id(self.maps)

    @functools.cached_property
    def _issue_index(self) -> dict[str, Issue]:
        return _first_by_id(self.issues)

    @functools.cached_property
    def _owner(self) -> dict[str, str]:
        """Statement id -> the first map (in map order) with a statement of that id."""
        out: dict[str, str] = {}
        for m in self.maps:
            for s in m.statements:
                out.setdefault(s.id, m.id)
        return out

    @functools.cached_property
    def _correspondence_index(
        self,
    ) -> dict[tuple[object, ...], list[Correspondence]]:
        """Correspondences in order by ``(kind,)``, ``(kind, map)``, ``(kind, map, map)``,
        ``(ref,)`` and ``("issue", id)``."""
        out: dict[tuple[object, ...], list[Correspondence]] = {}
        for c in self.correspondences:
            x, y = c.left.map_id, c.right.map_id
            keys: dict[tuple[object, ...], None] = dict.fromkeys(
                [
                    (c.type,),
                    (c.type, x),
                    (c.type, y),
                    (c.type, x, y),
                    (c.type, y, x),
                    (c.left,),
                    (c.right,),
                    ("issue", c.issue),
                ]
            )
            for key in keys:
                out.setdefault(key, []).append(c)
        return out

    # -- lookup ---------------------------------------------------------------

    @property
    def map_ids(self) -> tuple[str, ...]:
        """The ids of the maps, in order."""
        return tuple(m.id for m in self.maps)

    def map(self, map_id: str) -> ArgumentMap:
        """The map with this id (:class:`KeyError` if none)."""
        found = self._map_index.get(map_id)
        if found is None:
            raise KeyError(f"no map {map_id!r} in comparison {self.id!r}")
        return found

    def statement(self, ref: Ref) -> Statement:
        """The statement ``ref`` points at (:class:`KeyError` if none)."""
        return self.map(ref.map_id).statement(ref.statement_id)

    def issue(self, issue_id: str) -> Issue:
        """The issue with this id (:class:`KeyError` if none)."""
        found = self._issue_index.get(issue_id)
        if found is not None:
            return found
        raise KeyError(f"no issue {issue_id!r} in comparison {self.id!r}")

    def ref(self, statement_id: str) -> Ref:
        """The reference of a statement id, looked up in every map."""
        owner = self._owner.get(statement_id)
        if owner is not None:
            return Ref(owner, statement_id)
        raise KeyError(f"no statement {statement_id!r} in any map of {self.id!r}")

    def view(self, ref: Ref) -> View | None:
        """The reported view ``ref`` stands for, or None for its author's own view."""
        return self.statement(ref).view

    def reported_sides(self, c: Correspondence) -> tuple[Ref, ...]:
        """The sides of ``c`` that are views their author reports rather than holds."""
        return tuple(r for r in c.refs() if self.statement(r).reported)

    def reported_statements(self, position: Position) -> tuple[Ref, ...]:
        """The statements of ``position`` that are views its author reports, not holds."""
        return tuple(r for r in position.statements if self.statement(r).reported)

    def resolve(self, ref: Ref | str) -> Ref:
        """A checked reference: a :class:`Ref`, ``"map-id:statement-id"`` or a plain
        statement id (looked up in every map). Raises :class:`KeyError` when the map or the
        statement is not in this comparison.

        >>> from argmap.model import MapBuilder, Role
        >>> a = MapBuilder("a").statement("A: t", "Tax land.", Role.THESIS, quote="x").build()
        >>> c = Comparison("c", "C", (a,))
        >>> c.resolve("A: t"), c.resolve("a:A: t")
        (Ref(map_id='a', statement_id='A: t'), Ref(map_id='a', statement_id='A: t'))
        >>> c.resolve("A: x")
        Traceback (most recent call last):
        KeyError: "no statement 'A: x' in any map of 'c'"
        """
        if isinstance(ref, Ref):
            self.map(ref.map_id).statement(ref.statement_id)
            return ref
        owner = self._owner.get(ref)
        if owner is not None:
            return Ref(owner, ref)
        map_id, sep, statement_id = ref.partition(":")
        if sep and map_id in self._map_index:
            self.map(map_id).statement(statement_id)
            return Ref(map_id, statement_id)
        raise KeyError(f"no statement {ref!r} in any map of {self.id!r}")

    # -- derived views --------------------------------------------------------

    def of_type(
        self, kind: CorrespondenceType, a: str | None = None, b: str | None = None
    ) -> tuple[Correspondence, ...]:
        """Correspondences of ``kind``, optionally only those between maps ``a`` and ``b``.

        When ``a`` is given the result is oriented so that ``left`` is always ``a``'s side.
        Raises :class:`KeyError` when ``a`` or ``b`` is not a map of this comparison.
        """
        for map_id in (a, b):
            if map_id is not None:
                self.map(map_id)
        if a is not None and b is not None and a != b:
            key: tuple[object, ...] = (kind, a, b)
        elif a is not None or b is not None:
            key = (kind, a if a is not None else b)
        else:
            key = (kind,)
        found = self._correspondence_index.get(key, ())
        if a is None:
            return tuple(found)
        return tuple(
            c if c.left.map_id == a else attrs.evolve(c, left=c.right, right=c.left) for c in found
        )

    def agreements(self, a: str | None = None, b: str | None = None) -> tuple[Correspondence, ...]:
        """Agreements, all or between maps ``a`` and ``b`` (``left`` is ``a``'s side)."""
        return self.of_type(CorrespondenceType.AGREE, a, b)

    def partial(self, a: str | None = None, b: str | None = None) -> tuple[Correspondence, ...]:
        """Partial agreements, all or between maps ``a`` and ``b`` (``left`` is ``a``'s)."""
        return self.of_type(CorrespondenceType.PARTIAL, a, b)

    def conflicts(self, a: str | None = None, b: str | None = None) -> tuple[Correspondence, ...]:
        """Conflicts, all or between maps ``a`` and ``b`` (``left`` is ``a``'s side).

        Raises :class:`KeyError` for a map id that is not in the comparison, rather than
        answering "no conflicts" for a typo."""
        return self.of_type(CorrespondenceType.CONFLICT, a, b)

    def about(self, ref: Ref | str, by: str | None = None) -> tuple[Correspondence, ...]:
        """What other authors (or only ``by``) say about the statement ``ref``.

        ``ref`` is a :class:`Ref` or a statement id (``"V: Thesis"``). Oriented so that
        ``left`` is ``ref``. "What does B say about A's thesis?" is
        ``c.about(c.map("a").thesis.id, by="b")``. Raises :class:`KeyError` for an unknown
        statement or map.
        """
        ref = self.resolve(ref)
        if by is not None:
            self.map(by)
        out: list[Correspondence] = []
        for c in self._correspondence_index.get((ref,), ()):
            other = c.other(ref)
            if by is not None and other.map_id != by:
                continue
            out.append(attrs.evolve(c, left=ref, right=other))
        return tuple(out)

    def corresponded(self) -> frozenset[Ref]:
        """Every statement that takes part in some correspondence."""
        return self._corresponded

    @functools.cached_property
    def _corresponded(self) -> frozenset[Ref]:
        return frozenset(r for c in self.correspondences for r in c.refs())

    def unique(self, map_id: str) -> tuple[Statement, ...]:
        """The theses and claims of ``map_id`` that no correspondence links to another author.

        "Which of A's claims does nobody else address?"
        """
        linked = self.corresponded()
        return tuple(
            s
            for s in self.map(map_id).statements
            if s.role in (Role.THESIS, Role.CLAIM) and Ref(map_id, s.id) not in linked
        )

    def positions(self, issue_id: str) -> tuple[Position, ...]:
        """Every map's position on an issue, in map order, "not addressed" included."""
        issue = self.issue(issue_id)
        return tuple(issue.position(m) for m in self.map_ids)

    def in_issue(self, issue_id: str) -> tuple[Correspondence, ...]:
        """The correspondences filed under the issue ``issue_id`` (:class:`KeyError` if none
        has that id)."""
        self.issue(issue_id)
        return tuple(self._correspondence_index.get(("issue", issue_id), ()))

    def summary(self) -> Summary:
        """Counts: maps, issues, agreements, partial agreements, conflicts, unique claims."""
        return Summary(
            maps=len(self.maps),
            issues=len(self.issues),
            agreements=len(self.agreements()),
            partial=len(self.partial()),
            conflicts=len(self.conflicts()),
            unique=tuple((m, len(self.unique(m))) for m in self.map_ids),
        )
