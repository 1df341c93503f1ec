"""Roles for maps read from plain AIF, which has none: the rule ``docs/formats.md`` states.

- a statement that attacks, undercuts or contradicts something and supports nothing is a
  **counterclaim**;
- of the statements that bear on nothing (the graph's roots) and that something bears on,
  the one the most statements reach (through supports, attacks and arguments; the first
  in the document on a tie) is the **thesis**; with no relations at all, the first statement;
- a statement that supports something and that nothing supports is **evidence**;
- every other statement is a **claim**.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from argmap.model import Argument, Relation, RelationType, Role, Statement

__all__ = ["assign_roles", "roles"]


def assign_roles(
    statements: Sequence[Statement], arguments: Sequence[Argument], relations: Sequence[Relation]
) -> list[Statement]:
    """``statements`` with the roles of the rule above."""
    found = roles(statements, arguments, relations)
    return [attrs.evolve(s, role=found[s.id]) for s in statements]


def roles(
    statements: Sequence[Statement], arguments: Sequence[Argument], relations: Sequence[Relation]
) -> dict[str, Role]:
    """The role of each statement id by the rule above."""
    into: dict[str, set[str]] = {}  # node -> nodes with an edge into it
    supports_out: set[str] = set()
    supported: set[str] = set()
    conflicts_out: set[str] = set()
    bears: set[str] = set()

    def link(src: str, dst: str) -> None:
        into.setdefault(dst, set()).add(src)
        bears.add(src)

    for a in arguments:
        for p in a.premises:
            link(p, a.id)
            supports_out.add(p)
        if a.conclusion is not None:
            link(a.id, a.conclusion)
            supported.add(a.conclusion)
    for r in relations:
        link(r.source, r.target)
        if r.type is RelationType.SUPPORT:
            supports_out.add(r.source)
            supported.add(r.target)
        else:
            conflicts_out.add(r.source)
            if r.type is RelationType.CONTRADICTION:
                link(r.target, r.source)
                conflicts_out.add(r.target)

    def reach(node: str) -> int:
        seen = {node}
        stack = [node]
        while stack:
            for other in into.get(stack.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        return len(seen) - 1

    roots = [s.id for s in statements if s.id not in bears and s.id in into]
    thesis: str | None = None
    if roots:
        thesis = max(roots, key=lambda sid: (reach(sid), -roots.index(sid)))
    elif statements and not relations and not arguments:
        thesis = statements[0].id
    out: dict[str, Role] = {}
    for s in statements:
        if s.id == thesis:
            role = Role.THESIS
        elif s.id in conflicts_out and s.id not in supports_out:
            role = Role.COUNTERCLAIM
        elif s.id in supports_out and s.id not in supported:
            role = Role.EVIDENCE
        else:
            role = Role.CLAIM
        out[s.id] = role
    return out
