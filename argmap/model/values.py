"""The model's value classes: roles and relation types, locations, sources, quotes,
statements, arguments, relations and sections (frozen attrs classes; import them from
:mod:`argmap.model`)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

__all__ = [
    "Argument",
    "Location",
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


class Role(enum.Enum):
    """What a statement does in its essay."""

    THESIS = "thesis"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    COUNTERCLAIM = "counterclaim"


class Stance(enum.Enum):
    """The author's stance towards a view the essay reports (see :class:`View`)."""

    ENDORSES = "endorses"
    REJECTS = "rejects"
    OPEN = "open"


class RelationType(enum.Enum):
    """How one node bears on another (Argdown's loose-mode relation types)."""

    SUPPORT = "support"
    ATTACK = "attack"
    UNDERCUT = "undercut"
    CONTRADICTION = "contradiction"

    @property
    def symmetric(self) -> bool:
        return self is RelationType.CONTRADICTION


def _non_empty(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def _non_negative(_inst: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen(order=True)
class Location:
    """Where something was read: file path, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@attrs.frozen
class Source:
    """The essay a map encodes: a UTF-8 text file and what is known of it."""

    path: str = attrs.field(validator=_non_empty)
    sha256: str = attrs.field(default="")
    title: str = attrs.field(default="")
    author: str = attrs.field(default="")
    attributed_author: str | None = None
    year: int | None = None
    venue: str | None = None


@attrs.frozen
class Quote:
    """A verbatim passage of the source.

    ``text`` is the author's words as the map author copied them (line breaks and
    hyphenation at line ends may be dropped); ``start``/``end`` are code-point offsets into
    the source decoded as UTF-8, end exclusive, so ``source[start:end]`` is the passage as
    it stands in the file. Offsets are optional while a map is being written:
    ``argmap check`` reports where the passage is.
    """

    text: str = attrs.field(validator=_non_empty)
    start: int | None = attrs.field(default=None, validator=_non_negative)
    end: int | None = attrs.field(default=None, validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("a quote needs both start and end, or neither")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"quote end ({self.end}) must be after start ({self.start})")

    @property
    def anchored(self) -> bool:
        """Whether the quote has offsets into the source."""
        return self.start is not None


@attrs.frozen
class View:
    """A view the author reports rather than states: who holds it, as the text names them
    ("Nevruz Mammadov", "some analysts"), and the author's own stance towards it."""

    holder: str = attrs.field(validator=_non_empty)
    stance: Stance = attrs.field(validator=attrs.validators.instance_of(Stance))


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _tuple_of_quotes(value: Iterable[Quote]) -> tuple[Quote, ...]:
    return tuple(value)


def _tuple_of_sections(value: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(value)


def _tuple_of_statements(value: Iterable[Statement]) -> tuple[Statement, ...]:
    return tuple(value)


def _tuple_of_arguments(value: Iterable[Argument]) -> tuple[Argument, ...]:
    return tuple(value)


def _tuple_of_relations(value: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(value)


@attrs.frozen
class Statement:
    """A proposition of the essay, in the analyst's words, with the author's quotes."""

    id: str = attrs.field(validator=_non_empty)
    text: str
    role: Role
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_tuple_of_quotes)
    section: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    citation: str | None = None
    note: str | None = None
    #: ``None``: the author's own view; otherwise the view the author reports.
    view: View | None = None
    #: Why the statement stands apart from the thesis (background the author gives), if it does.
    aside: str | None = None
    # Where the node was read; kept out of equality so a map read back from its own
    # dump equals the original.
    location: Location | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def reported(self) -> bool:
        """Whether the statement is a view the author reports, not the author's own."""
        return self.view is not None


@attrs.frozen
class Argument:
    """An explicit chain of reasoning: premises lead to a conclusion."""

    id: str = attrs.field(validator=_non_empty)
    text: str = ""
    premises: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    conclusion: str | None = None
    inference: str | None = None
    section: str | None = None
    # Where the node was read; kept out of equality so a map read back from its own
    # dump equals the original.
    location: Location | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Relation:
    """``source`` bears on ``target`` (ids of statements or arguments)."""

    source: str = attrs.field(validator=_non_empty)
    target: str = attrs.field(validator=_non_empty)
    type: RelationType
    # Where the node was read; kept out of equality so a map read back from its own
    # dump equals the original.
    location: Location | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def touches(self, node_id: str) -> bool:
        """Whether ``node_id`` is either end of the relation."""
        return node_id in (self.source, self.target)


@attrs.frozen
class Section:
    """A heading of the essay; ``parent`` is the enclosing section's id."""

    id: str = attrs.field(validator=_non_empty)
    title: str
    level: int = 2
    parent: str | None = None
