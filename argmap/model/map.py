"""The argument map of one essay: :class:`ArgumentMap`, its indexes and queries (import it
from :mod:`argmap.model`)."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator

import attrs

from argmap.model.values import (
    Argument,
    Location,
    Quote,
    Relation,
    RelationType,
    Role,
    Section,
    Source,
    Statement,
    _non_empty,
    _tuple_of_arguments,
    _tuple_of_relations,
    _tuple_of_sections,
    _tuple_of_statements,
)

__all__ = ["ArgumentMap"]


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
        # Grouped by identity: hashing an enum member is a Python-level call per statement.
        groups: dict[int, list[Statement]] = {}
        get = groups.get
        for s in self.statements:
            found = get(id(s.role))
            if found is None:
                groups[id(s.role)] = [s]
            else:
                found.append(s)
        return {found[0].role: tuple(found) for found in groups.values()}

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
