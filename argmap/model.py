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

import enum
import functools
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

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


# -- fast constructors for readers -------------------------------------------------------
#
# A reader that builds hundreds of thousands of values whose types it already knows calls
# these instead of the classes: the result is the same object (equal, same hash and repr),
# built by setting the slots directly, without attrs' validator and converter calls. The
# validators' checks are made inline; a value that fails one goes to the class itself, which
# raises its usual error.

_new = object.__new__


def _slot_setters(cls: type, *names: str) -> tuple[Any, ...]:
    return tuple(cls.__dict__[n].__set__ for n in names)


_QUOTE_SET = _slot_setters(Quote, "text", "start", "end")
_STATEMENT_SET = _slot_setters(
    Statement,
    "id",
    "text",
    "role",
    "quotes",
    "section",
    "tags",
    "citation",
    "note",
    "view",
    "aside",
    "location",
)
_RELATION_SET = _slot_setters(Relation, "source", "target", "type", "location")


def _fast_quote(text: str, start: int, end: int) -> Quote:
    """``Quote(text, start, end)`` for a str and two ints."""
    if not (0 <= start < end) or not text.strip():
        return Quote(text, start, end)
    q: Quote = _new(Quote)
    set_text, set_start, set_end = _QUOTE_SET
    set_text(q, text)
    set_start(q, start)
    set_end(q, end)
    return q


def _fast_statement(
    id: str,
    text: str,
    role: Role,
    quotes: tuple[Quote, ...],
    section: str | None,
    tags: tuple[str, ...],
    citation: str | None,
    note: str | None,
    location: Location | None,
    view: View | None = None,
    aside: str | None = None,
) -> Statement:
    """``Statement(...)`` for values of the declared types, ``quotes`` and ``tags`` tuples."""
    if not id.strip():
        return Statement(
            id, text, role, quotes, section, tags, citation, note, view, aside, location=location
        )
    s: Statement = _new(Statement)
    a, b, c, d, e, f, g, h, v, w, i = _STATEMENT_SET
    a(s, id)
    b(s, text)
    c(s, role)
    d(s, quotes)
    e(s, section)
    f(s, tags)
    g(s, citation)
    h(s, note)
    v(s, view)
    w(s, aside)
    i(s, location)
    return s


def _fast_relation(
    source: str, target: str, type: RelationType, location: Location | None
) -> Relation:
    """``Relation(source, target, type, location=location)`` for values of the declared types."""
    if not source.strip() or not target.strip():
        return Relation(source, target, type, location=location)
    r: Relation = _new(Relation)
    a, b, c, d = _RELATION_SET
    a(r, source)
    b(r, target)
    c(r, type)
    d(r, location)
    return r


@attrs.frozen
class Section:
    """A heading of the essay; ``parent`` is the enclosing section's id."""

    id: str = attrs.field(validator=_non_empty)
    title: str
    level: int = 2
    parent: str | None = None


@attrs.frozen
class ArgumentMap:
    """The argument map of one essay, with the queries a reader needs."""

    id: str = attrs.field(validator=_non_empty)
    title: str = ""
    source: Source | None = None
    sections: tuple[Section, ...] = attrs.field(default=(), converter=_tuple_of_sections)
    statements: tuple[Statement, ...] = attrs.field(default=(), converter=_tuple_of_statements)
    arguments: tuple[Argument, ...] = attrs.field(default=(), converter=_tuple_of_arguments)
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_tuple_of_relations)
    # Where the node was read; kept out of equality so a map read back from its own
    # dump equals the original.
    location: Location | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    #: A short name for the author in tables and diagrams ("Valiyev 2011"); empty: derived.
    label: str = attrs.field(default="", kw_only=True)

    # -- indexes --------------------------------------------------------------
    # Built on first use and kept on the (immutable) map; not fields, so equality, hashing,
    # repr and pickling see only the map itself. Each is built by the first query that needs
    # it. Relations are indexed by their position in ``relations``, so that answers come out
    # in map order.

    @functools.cached_property
    def _statement_index(self) -> tuple[dict[str, Statement], dict[str, list[int]]]:
        """Id -> first statement with it; id -> positions of the statements with it."""
        first: dict[str, Statement] = {}
        positions: dict[str, list[int]] = {}
        for k, s in enumerate(self.statements):
            found = positions.get(s.id)
            if found is None:
                first[s.id] = s
                positions[s.id] = [k]
            else:
                found.append(k)
        return first, positions

    @functools.cached_property
    def _argument_index(self) -> tuple[dict[str, list[Argument]], dict[str, list[int]]]:
        """Id -> the arguments with it; id -> their positions."""
        found: dict[str, list[Argument]] = {}
        positions: dict[str, list[int]] = {}
        for k, a in enumerate(self.arguments):
            found.setdefault(a.id, []).append(a)
            positions.setdefault(a.id, []).append(k)
        return found, positions

    @functools.cached_property
    def _member_of(self) -> dict[str, list[Argument]]:
        """Id -> the arguments it is a premise or the conclusion of."""
        out: dict[str, list[Argument]] = {}
        for a in self.arguments:
            members = dict.fromkeys(a.premises)
            if a.conclusion:
                members[a.conclusion] = None
            for x in members:
                out.setdefault(x, []).append(a)
        return out

    @functools.cached_property
    def _by_role(self) -> dict[Role, tuple[Statement, ...]]:
        roles: dict[Role, list[Statement]] = {}
        for s in self.statements:
            roles.setdefault(s.role, []).append(s)
        return {role: tuple(found) for role, found in roles.items()}

    @functools.cached_property
    def _directed(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Id -> positions of the relations into it, and out of it; a contradiction (being
        symmetric) is both into and out of both its ends."""
        into: dict[str, list[int]] = {}
        out_of: dict[str, list[int]] = {}
        for k, r in enumerate(self.relations):
            source, target = r.source, r.target
            into.setdefault(target, []).append(k)
            out_of.setdefault(source, []).append(k)
            if r.type.symmetric and source != target:
                into.setdefault(source, []).append(k)
                out_of.setdefault(target, []).append(k)
        return into, out_of

    @functools.cached_property
    def _support_in(self) -> dict[str, list[str]]:
        """Id -> the sources of the support relations into it, in map order."""
        out: dict[str, list[str]] = {}
        support = RelationType.SUPPORT
        for r in self.relations:
            if r.type is support:
                found = out.get(r.target)
                if found is None:
                    out[r.target] = [r.source]
                else:
                    found.append(r.source)
        return out

    @functools.cached_property
    def _touching(self) -> dict[str, list[int]]:
        """Id -> positions of the relations with it at either end."""
        out: dict[str, list[int]] = {}
        for k, r in enumerate(self.relations):
            out.setdefault(r.source, []).append(k)
            if r.source != r.target:
                out.setdefault(r.target, []).append(k)
        return out

    # -- lookup ---------------------------------------------------------------

    def statement(self, statement_id: str) -> Statement:
        """The first statement with this id (:class:`KeyError` if none)."""
        found = self._statement_index[0].get(statement_id)
        if found is None:
            raise KeyError(f"no statement {statement_id!r} in map {self.id!r}")
        return found

    def argument(self, argument_id: str) -> Argument:
        """The first argument with this id (:class:`KeyError` if none)."""
        found = self._argument_index[0].get(argument_id)
        if found is None:
            raise KeyError(f"no argument {argument_id!r} in map {self.id!r}")
        return found[0]

    def has_node(self, node_id: str) -> bool:
        """Whether a statement or an argument has this id."""
        return node_id in self._statement_index[0] or node_id in self._argument_index[0]

    @property
    def node_ids(self) -> tuple[str, ...]:
        """The ids of the statements, then of the arguments, in map order."""
        return tuple([s.id for s in self.statements] + [a.id for a in self.arguments])

    def by_role(self, role: Role) -> tuple[Statement, ...]:
        """The statements of ``role``, in map order."""
        return self._by_role.get(role, ())

    @property
    def thesis(self) -> Statement:
        """The one thesis; :class:`LookupError` when there is none or several."""
        found = self.by_role(Role.THESIS)
        if len(found) != 1:
            raise LookupError(f"map {self.id!r} has {len(found)} theses, expected exactly one")
        return found[0]

    def in_section(self, section_id: str) -> tuple[Statement, ...]:
        """The statements of the section ``section_id``, in map order."""
        return tuple(s for s in self.statements if s.section == section_id)

    # -- relations ------------------------------------------------------------

    def _relations(self, positions: list[int], types: tuple[RelationType, ...]) -> list[Relation]:
        relations = self.relations
        if not types:
            return [relations[k] for k in positions]
        return [r for r in (relations[k] for k in positions) if r.type in types]

    def incoming(self, node_id: str, *types: RelationType) -> tuple[Relation, ...]:
        """Relations pointing at ``node_id`` (contradictions count in both directions), of
        ``types`` (all when none are given), in map order."""
        return tuple(self._relations(self._directed[0].get(node_id, []), types))

    def outgoing(self, node_id: str, *types: RelationType) -> tuple[Relation, ...]:
        """Relations leaving ``node_id`` (contradictions count in both directions), of
        ``types`` (all when none are given), in map order."""
        return tuple(self._relations(self._directed[1].get(node_id, []), types))

    def _others(self, node_id: str, relations: Iterable[Relation]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for r in relations:
            seen[r.source if r.target == node_id else r.target] = None
        return tuple(seen)

    def supporters(self, node_id: str) -> tuple[Statement | Argument, ...]:
        """Nodes with a support relation into ``node_id``, in map order."""
        ids = self._others(node_id, self.incoming(node_id, RelationType.SUPPORT))
        return tuple(self._node(i) for i in ids if self.has_node(i))

    def attackers(self, node_id: str) -> tuple[Statement | Argument, ...]:
        """Nodes that attack, undercut or contradict ``node_id``."""
        ids = self._others(
            node_id,
            self.incoming(
                node_id, RelationType.ATTACK, RelationType.UNDERCUT, RelationType.CONTRADICTION
            ),
        )
        return tuple(self._node(i) for i in ids if self.has_node(i))

    def _node(self, node_id: str) -> Statement | Argument:
        found = self._statement_index[0].get(node_id)
        if found is not None:
            return found
        return self.argument(node_id)

    def node(self, node_id: str) -> Statement | Argument:
        """The statement or argument with this id (:class:`KeyError` if none)."""
        return self._node(node_id)

    def evidence_chain(self, node_id: str) -> tuple[Statement, ...]:
        """Every statement that supports ``node_id`` directly or through other supporters,
        nearest first (breadth-first, each once; arguments are passed through)."""
        statements = self._statement_index[0]
        arguments = self._argument_index[0]
        support_in = self._support_in
        out: list[Statement] = []
        seen = {node_id}
        frontier = [node_id]
        while frontier:
            nxt: list[str] = []
            for current in frontier:
                sources: Iterable[str] = support_in.get(current, ())
                found = arguments.get(current)
                if found:
                    sources = [*sources, *found[0].premises]
                for sid in sources:
                    if sid in seen:
                        continue
                    statement = statements.get(sid)
                    if statement is not None:
                        out.append(statement)
                    elif sid not in arguments:
                        continue  # no node: not followed
                    seen.add(sid)
                    nxt.append(sid)
            frontier = nxt
        return tuple(out)

    def neighbourhood(self, node_id: str, depth: int = 1) -> frozenset[str]:
        """Ids within ``depth`` relation steps of ``node_id`` (either direction; an argument
        is one step from its premises and conclusion)."""
        if not self.has_node(node_id):
            raise KeyError(f"no node {node_id!r} in map {self.id!r}")
        touching, arguments, member_of = self._touching, self._argument_index[0], self._member_of
        relations = self.relations
        found = {node_id}
        frontier = {node_id}
        for _ in range(depth):
            if not frontier:  # nothing left to reach: a huge depth costs nothing more
                break
            step: set[str] = set()
            for current in frontier:
                for k in touching.get(current, ()):
                    r = relations[k]
                    other = r.target if r.source == current else r.source
                    if other not in found:
                        step.add(other)
                for a in arguments.get(current, ()):
                    step.update(x for x in a.premises if x not in found)
                    if a.conclusion and a.conclusion not in found:
                        step.add(a.conclusion)
                for a in member_of.get(current, ()):
                    if a.id not in found:
                        step.add(a.id)
            found |= step
            frontier = step
        return frozenset(found)

    def submap(self, node_id: str, depth: int = 1) -> ArgumentMap:
        """The map restricted to the neighbourhood of ``node_id``."""
        keep = self.neighbourhood(node_id, depth)
        at_s, at_a, touching = self._statement_index[1], self._argument_index[1], self._touching
        statements = sorted(k for i in keep for k in at_s.get(i, ()))
        arguments = sorted(k for i in keep for k in at_a.get(i, ()))
        relations = sorted({k for i in keep for k in touching.get(i, ())})
        return attrs.evolve(
            self,
            statements=tuple(self.statements[k] for k in statements),
            arguments=tuple(self.arguments[k] for k in arguments),
            relations=tuple(
                r
                for r in (self.relations[k] for k in relations)
                if r.source in keep and r.target in keep
            ),
        )

    # -- counts ---------------------------------------------------------------

    def count_roles(self) -> dict[Role, int]:
        """How many statements have each role (every role listed, zeros included)."""
        counts = Counter(s.role for s in self.statements)
        return {role: counts.get(role, 0) for role in Role}

    def count_relations(self) -> dict[RelationType, int]:
        """How many relations have each type (every type listed, zeros included)."""
        counts = Counter(r.type for r in self.relations)
        return {t: counts.get(t, 0) for t in RelationType}

    def quotes(self) -> Iterator[tuple[Statement, Quote]]:
        """Every quote of the map with its statement, in map order."""
        for s in self.statements:
            for q in s.quotes:
                yield s, q


class MapBuilder:
    """Build an :class:`ArgumentMap` from Python, one call per node or relation."""

    def __init__(self, map_id: str, title: str = "", source: Source | None = None) -> None:
        self._id = map_id
        self._title = title
        self._source = source
        self._sections: list[Section] = []
        self._statements: list[Statement] = []
        self._arguments: list[Argument] = []
        self._relations: list[Relation] = []
        self._section: str | None = None

    def section(self, section_id: str, title: str, level: int = 2) -> MapBuilder:
        """Add a section (a heading of the essay); later statements may name it."""
        parent = next((s.id for s in reversed(self._sections) if s.level < level), None)
        self._sections.append(Section(section_id, title, level, parent))
        self._section = section_id
        return self

    def statement(
        self,
        statement_id: str,
        text: str,
        role: Role | str = Role.CLAIM,
        *,
        quote: str | Quote | Iterable[str | Quote] = (),
        tags: Iterable[str] = (),
        citation: str | None = None,
        note: str | None = None,
        view: View | None = None,
        aside: str | None = None,
    ) -> MapBuilder:
        """Add a statement; ``quote`` is one quote (text or :class:`Quote`) or several."""
        raw = [quote] if isinstance(quote, str | Quote) else list(quote)
        quotes = tuple(q if isinstance(q, Quote) else Quote(q) for q in raw)
        self._statements.append(
            Statement(
                statement_id,
                text,
                Role(role),
                quotes,
                self._section,
                tuple(tags),
                citation,
                note,
                view,
                aside,
            )
        )
        return self

    def argument(
        self,
        argument_id: str,
        premises: Iterable[str],
        conclusion: str,
        text: str = "",
        inference: str | None = None,
    ) -> MapBuilder:
        """Add an argument: premises, a conclusion and an optional inference rule."""
        self._arguments.append(
            Argument(argument_id, text, tuple(premises), conclusion, inference, self._section)
        )
        return self

    def relate(self, source: str, target: str, kind: RelationType | str) -> MapBuilder:
        """Add a relation of ``kind`` (a :class:`RelationType` or its value), source to target."""
        self._relations.append(Relation(source, target, RelationType(kind)))
        return self

    def support(self, source: str, target: str) -> MapBuilder:
        """Add ``source`` supports ``target``."""
        return self.relate(source, target, RelationType.SUPPORT)

    def attack(self, source: str, target: str) -> MapBuilder:
        """Add ``source`` attacks ``target``."""
        return self.relate(source, target, RelationType.ATTACK)

    def undercut(self, source: str, target: str) -> MapBuilder:
        """Add ``source`` undercuts the inference of the argument ``target``."""
        return self.relate(source, target, RelationType.UNDERCUT)

    def contradict(self, source: str, target: str) -> MapBuilder:
        """Add a contradiction between ``source`` and ``target`` (symmetric)."""
        return self.relate(source, target, RelationType.CONTRADICTION)

    def build(self) -> ArgumentMap:
        """The map built so far (the builder can go on adding)."""
        return ArgumentMap(
            self._id,
            self._title,
            self._source,
            self._sections,
            self._statements,
            self._arguments,
            self._relations,
        )
