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
from argmap.text import bad_id_char


def check_structure(m: ArgumentMap, path: str = "<map>") -> list[Finding]:
    """Findings about the map itself: thesis, ids, references, orphans, cycles, quotes."""
    here = _loc(m, Location(path))
    links = _Links(m, here)
    out = _thesis(m, here)
    bad = bad_id_char(m.id)
    if bad is not None:
        out.append(
            _error(
                "bad-id",
                f"map id {m.id!r} contains {bad}; ids name output files: use letters, digits "
                "and hyphens",
                here,
            )
        )
    if links.duplicates:
        out += _duplicates(m, here)
    out += links.findings
    out += _orphans(m, links, here)
    out += _counterclaims(m, links, here)
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
        # the other relations between nodes (a contradiction both ways), for reachability
        self.other_src: list[int] = []
        self.other_dst: list[int] = []
        # 1 for the nodes that attack (undercut, contradict) some node, that some node attacks
        self.attacking = bytearray(len(ids))
        self.attacked = bytearray(len(ids))
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
            else:
                self._other(a, b, r.type)
        for arg in m.arguments:
            x = ids[arg.id]
            for p in arg.premises:
                add_src(self._member(p, "premise", arg))
                add_dst(x)
            if arg.conclusion is not None:
                add_src(x)
                add_dst(self._member(arg.conclusion, "conclusion", arg))

    def _other(self, a: int, b: int, kind: RelationType) -> None:
        """A relation other than support between nodes ``a`` and ``b``."""
        self.other_src.append(a)
        self.other_dst.append(b)
        self.attacking[a] = self.attacked[b] = 1
        if kind.symmetric:
            self.other_src.append(b)
            self.other_dst.append(a)
            self.attacking[b] = self.attacked[a] = 1

    def reaching(self, targets: list[int]) -> bytearray:
        """1 for each node with a path of relations and arguments to one of ``targets``."""
        n = len(self.names)
        # pred[b]: None, the one node with an edge to b (the common case), or a list of them
        pred: list[int | list[int] | None] = [None] * n
        for src, dst in ((self.src, self.dst), (self.other_src, self.other_dst)):
            for a, b in zip(src, dst, strict=True):
                p = pred[b]
                if p is None:
                    pred[b] = a
                elif isinstance(p, int):
                    pred[b] = [p, a]
                else:
                    p.append(a)
        seen = bytearray(n)
        stack = list(targets)
        for t in stack:
            seen[t] = 1
        pop, push = stack.pop, stack.append
        while stack:  # depth first, each node once
            p = pred[pop()]
            if p is None:
                continue
            if isinstance(p, int):
                if not seen[p]:
                    seen[p] = 1
                    push(p)
                continue
            for q in p:
                if not seen[q]:
                    seen[q] = 1
                    push(q)
        return seen

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


_SILENCE = '; or, if it does not bear on the thesis, say why with aside: "reason" in its data'


def _orphans(m: ArgumentMap, links: _Links, here: Location) -> list[Finding]:
    """Statements that do not reach a thesis through relations and arguments (warnings),
    ``orphan`` where they are in no relation and no argument at all, ``unreachable``
    otherwise; an ``aside`` with a reason silences either."""
    statements = m.statements
    ids = links.ids
    if links.duplicates:
        used = bytearray(links.used[ids[s.id]] for s in statements)
    else:
        used = links.used[: len(statements)]  # statement i is node i
    theses = m.by_role(Role.THESIS)
    if theses:
        reached = links.reaching([ids[t.id] for t in theses])
        if links.duplicates:
            reached = bytearray(reached[ids[s.id]] for s in statements)
        else:
            reached = reached[: len(statements)]
    else:  # no thesis to reach (the thesis finding says so): only the orphans are news
        reached = bytearray(used)
    out: list[Finding] = []
    i = reached.find(0)
    while i >= 0:  # only the statements that do not reach are looked at
        s = statements[i]
        problem = (
            ("unreachable", f"does not reach the thesis [{theses[0].id}]")
            if used[i]
            else ("orphan", "is in no relation and no argument")
        )
        i = reached.find(0, i + 1)
        if s.role is Role.THESIS:
            continue
        if s.aside is not None and s.aside.strip():
            continue
        told = " (its aside gives no reason)" if s.aside is not None else ""
        out.append(
            _warning(
                problem[0],
                f"statement [{s.id}] {problem[1]}{told}: relate it to the thesis or to a "
                f"statement that does{_SILENCE}",
                _loc(s, here),
            )
        )
    return out


def _counterclaims(m: ArgumentMap, links: _Links, here: Location) -> list[Finding]:
    """Counterclaims that nothing attacks and that attack nothing (warnings)."""
    out: list[Finding] = []
    for s in m.by_role(Role.COUNTERCLAIM):
        i = links.ids[s.id]
        if links.attacking[i] or links.attacked[i]:
            continue
        out.append(
            _warning(
                "idle-counterclaim",
                f"counterclaim [{s.id}] attacks nothing and nothing attacks it: "
                "relate it with - or -> to what it opposes, or attack it with the author's "
                "rebuttal (or give it another role)",
                _loc(s, here),
            )
        )
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
