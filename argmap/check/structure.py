"""Checks of a map's structure: thesis, ids, references, orphans, support cycles, quotes present."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.graph import cycle_through, has_cycle, strongly_connected
from argmap.check.findings import Finding, _error, _loc, _warning
from argmap.model import (
    Argument,
    ArgumentMap,
    Location,
    Relation,
    RelationType,
    Role,
    Statement,
)


def check_structure(m: ArgumentMap, path: str = "<map>") -> list[Finding]:
    """Findings about the map itself: thesis, ids, references, orphans, cycles, quotes."""
    here = _loc(m, Location(path))
    links = _Links(m, here)
    out = _thesis(m, here)
    if links.duplicates:
        out += _duplicates(m, here)
    out += links.findings
    out += _orphans(m, links, here)
    out += [
        _error("no-quotes", f"statement [{s.id}] has no quotes", _loc(s, here))
        for s in m.statements
        if not s.quotes
    ]
    out += _cycles(m, links, here)
    return out


def _thesis(m: ArgumentMap, here: Location) -> list[Finding]:
    theses = m.by_role(Role.THESIS)
    out: list[Finding] = []
    if not theses:
        out.append(_error("thesis", f"map {m.id!r} has no #thesis (it needs exactly one)", here))
    for extra in theses[1:]:
        out.append(
            _error(
                "thesis",
                f"map {m.id!r} has {len(theses)} theses; [{extra.id}] is one too many "
                f"(the first is [{theses[0].id}])",
                _loc(extra, here),
            )
        )
    return out


def _duplicates(m: ArgumentMap, here: Location) -> Iterator[Finding]:
    seen: dict[str, Statement | Argument] = {}
    nodes: list[Statement | Argument] = [*m.statements, *m.arguments]
    for node in nodes:
        first = seen.get(node.id)
        if first is None:
            seen[node.id] = node
            continue
        kinds = {Statement: "statement", Argument: "argument"}
        where = f" at {first.location}" if first.location else ""
        yield _error(
            "duplicate-id",
            f"{kinds[type(node)]} id {node.id!r} is already used by a {kinds[type(first)]}{where}",
            _loc(node, here),
        )


class _Links:
    """One pass over a map's relations and arguments.

    It numbers the nodes (statement ids, then argument ids, each id once, in map order) and
    collects the ``unknown-node`` and ``not-a-statement`` findings in order, which node
    numbers some relation or argument uses, and the edges ``src[k] -> dst[k]`` of the support
    graph in map order (a premise supports its argument, an argument its conclusion; an edge
    may repeat). Ids that are no node get numbers after the nodes, in the order the support
    graph meets them.
    """

    def __init__(self, m: ArgumentMap, here: Location) -> None:
        names = m.node_ids
        ids = dict(zip(names, range(len(names)), strict=True))
        self.duplicates = len(ids) < len(names)
        if self.duplicates:  # number each id once, where it first occurs
            ids = dict(zip(dict.fromkeys(names), range(len(names)), strict=False))
            n_statements = len(set(names[: len(m.statements)]))
        else:
            n_statements = len(m.statements)
        self.ids = ids
        self.n_statements = n_statements
        self.names = list(ids)  # node number -> id
        self.unknown: dict[str, int] = {}  # ids of no node in the support graph -> number
        self.used = bytearray(len(ids))  # 1 for the nodes a relation or an argument names
        self.src: list[int] = []
        self.dst: list[int] = []
        self.findings: list[Finding] = []
        self._here = here
        used, get = self.used, ids.get
        add_src, add_dst = self.src.append, self.dst.append
        support = RelationType.SUPPORT
        for r in m.relations:
            a = get(r.source)
            b = get(r.target)
            if a is None or b is None:
                self._unknown_end(r, a, b)
                continue
            used[a] = used[b] = 1
            if r.type is support:
                add_src(a)
                add_dst(b)
        for arg in m.arguments:
            x = ids[arg.id]
            for p in arg.premises:
                add_src(self._member(p, "premise", arg))
                add_dst(x)
            if arg.conclusion is not None:
                add_src(x)
                add_dst(self._member(arg.conclusion, "conclusion", arg))

    def _number(self, name: str) -> int:
        """The support-graph number of ``name``, a new one for an id of no node."""
        i = self.ids.get(name)
        if i is None:
            i = self.unknown.get(name)
            if i is None:
                i = self.unknown[name] = len(self.names)
                self.names.append(name)
                self.used.append(0)
        return i

    def _unknown_end(self, r: Relation, a: int | None, b: int | None) -> None:
        """A relation with an end that is no node: its findings, its ends used, its edge."""
        for end, i in ((r.source, a), (r.target, b)):
            if i is None:
                self.findings.append(
                    _error(
                        "unknown-node",
                        f"{r.type.value} relation {r.source!r} -> {r.target!r}: "
                        f"no statement or argument {end!r}",
                        _loc_rel(r.location, self._here),
                    )
                )
            else:
                self.used[i] = 1
        if r.type is RelationType.SUPPORT:
            self.src.append(self._number(r.source))
            self.dst.append(self._number(r.target))

    def _member(self, ref: str, what: str, arg: Argument) -> int:
        """A premise or the conclusion of ``arg``: marked used, its finding if it is no
        statement; its support-graph number."""
        i = self.ids.get(ref)
        if i is None or i >= self.n_statements:
            problem = "is unknown" if i is None else "is an argument, not a statement"
            self.findings.append(
                _error(
                    "not-a-statement",
                    f"{what} {ref!r} of argument <{arg.id}> {problem}",
                    _loc(arg, self._here),
                )
            )
            if i is None:
                return self._number(ref)
        self.used[i] = 1
        return i

    def successors(self) -> list[list[int]]:
        """The support graph: per node, the nodes it supports, in map order, each once."""
        succ: list[list[int]] = [[] for _ in self.names]
        for a, b in zip(self.src, self.dst, strict=True):
            if b not in succ[a]:
                succ[a].append(b)
        return succ


def _loc_rel(location: Location | None, here: Location) -> Location:
    return location if location is not None else here


def _orphans(m: ArgumentMap, links: _Links, here: Location) -> list[Finding]:
    statements = m.statements
    if links.duplicates:
        used = bytearray(links.used[links.ids[s.id]] for s in statements)
    else:
        used = links.used[: len(statements)]  # statement i is node i
    out: list[Finding] = []
    i = used.find(0)
    while i >= 0:
        s = statements[i]
        if s.role is not Role.THESIS:
            out.append(
                _warning(
                    "orphan",
                    f"statement [{s.id}] is in no relation and no argument",
                    _loc(s, here),
                )
            )
        i = used.find(0, i + 1)
    return out


def _cycles(m: ArgumentMap, links: _Links, here: Location) -> list[Finding]:
    if not has_cycle(len(links.names), links.src, links.dst):
        return []
    succ = links.successors()
    first: dict[str, Statement | Argument] = {}  # what m.node() returns
    nodes: list[Statement | Argument] = [*m.statements, *m.arguments]
    for node in nodes:
        first.setdefault(node.id, node)
    names = links.names
    out: list[Finding] = []
    for comp in strongly_connected(succ):
        if len(comp) == 1 and comp[0] not in succ[comp[0]]:
            continue
        start = min(comp)  # the first in map order
        cycle = cycle_through(succ, set(comp), start)
        out.append(
            _error(
                "support-cycle",
                "support cycle: " + " -> ".join(names[i] for i in cycle),
                _loc(first.get(names[start]), here),
            )
        )
    return out
