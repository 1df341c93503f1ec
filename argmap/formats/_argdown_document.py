"""The document sink: what the parser reports, kept as Argdown's own document (every member,
equivalence classes, arguments, relations), the way the Argdown CLI models a text.

The merge and dedup rules are the shared ones of ``_argdown_nodes.py``; this sink adds what
only Argdown's document has: a :class:`Member` per occurrence, and the relation transforms
Argdown applies after reading (relations of an argument move to its conclusion; ``strict``
mode; attacks on a premise made redundant by a direct attack).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from argmap.formats._argdown_data import read_data
from argmap.formats._argdown_document_nodes import (
    Document,
    StatementNode,
    _fast_member,
    _fast_relation_node,
    _fast_statement_node,
)
from argmap.formats._argdown_nodes import (
    ARGUMENT,
    STATEMENT,
    Equivalence,
    Sink,
    freeze_argument,
    js_truthy,
)
from argmap.formats._argdown_syntax import SectionNode
from argmap.model import Location

__all__ = ["DocumentSink"]


class DocumentSink(Sink):
    """Builds a :class:`Document`: see the module docstring."""

    def __init__(self, text: str, locate: Callable[[int], Location]) -> None:
        super().__init__(locate)
        self.text = text
        self.relations: list[list[Any]] = []  # [from, to, type, location], in order

    def member(
        self,
        node: Equivalence,
        text: str | None,
        plain: str | None,
        tags: tuple[str, ...],
        data_start: int,
        data_end: int,
        reference: bool,
        role: str,
        section: str | None,
        start: int,
    ) -> None:
        values = (
            None if data_start == -1 else read_data(self.text, data_start, data_end, self.locate)
        )
        location = self.locate(start)
        member = _fast_member(
            node.title, text, role, tags, values, reference, section, location, plain
        )
        if node.members is None:
            node.members = [member]
        else:
            node.members.append(member)
        canonical = values is not None and js_truthy(values.get("isCanonical"))
        node.add(self, reference, text, plain, tags, section, canonical, start, location)
        if values is not None:
            node.add_data(values)

    def add_relation(self, src: Equivalence, dst: Equivalence, rel: str, start: int) -> None:
        r = [src, dst, rel, self.locate(start)]
        for node in (src, dst) if dst is not src else (src,):
            if node.out is None:
                node.out = [r]  # the relations touching it (see transform)
            else:
                node.out.append(r)
        self.relations.append(r)

    # -- the document ----------------------------------------------------------------------

    def result(
        self,
        path: str,
        frontmatter: Mapping[str, Any],
        sections: list[SectionNode],
        tags: dict[str, None],
    ) -> Document:
        """The document of everything reported, with Argdown's relation transforms."""
        for table in (self.statements, self.arguments):
            for c in table.values():
                if c.out is None:
                    c.out = []
        strict = frontmatter.get("model") if frontmatter else None
        mode = strict.get("mode") if isinstance(strict, dict) else None
        relations = self.transform(mode == "strict")
        statements = tuple(freeze_statement(c) for c in self.statements.values())
        arguments = tuple(freeze_argument(c) for c in self.arguments.values())
        rel_nodes = tuple(
            _fast_relation_node(r[0].title, r[0].kind, r[1].title, r[1].kind, r[2], r[3])
            for r in relations
        )
        return Document(
            path,
            dict(frontmatter),
            statements,
            arguments,
            rel_nodes,
            tuple(sections),
            tuple(tags),
        )

    def transform(self, strict: bool) -> list[list[Any]]:
        """Argdown's relation transforms (see the module docstring)."""
        out: list[list[Any]] = []
        for r in self.relations:
            src, dst, rel = r[0], r[1], r[2]
            if src.kind == ARGUMENT and src.pcs:
                conclusion = self.statements[src.pcs[-1].title]
                src.out.remove(r)
                if any(o[1] is dst and o[2] == rel for o in conclusion.out or ()):
                    if dst is not src:
                        dst.out.remove(r)
                    continue
                r[0] = conclusion
                assert conclusion.out is not None
                conclusion.out.append(r)
            out.append(r)
        if strict:
            kept: list[list[Any]] = []
            for r in out:
                if r[0].kind == STATEMENT and r[1].kind == STATEMENT:
                    if r[2] == "support":
                        r[2] = "entails"
                    elif r[2] == "attack":
                        if any(
                            k[2] == "contrary"
                            and {k[0].title, k[1].title} == {r[0].title, r[1].title}
                            for k in kept
                        ):
                            continue
                        r[2] = "contrary"
                kept.append(r)
            out = kept
        final: list[list[Any]] = []
        for r in out:
            src, dst = r[0], r[1]
            if src.kind == STATEMENT and r[2] == "attack" and dst.kind == ARGUMENT and dst.pcs:
                premises = {p.title for p in dst.pcs if p.role == "premise"}
                redundant = any(
                    o is not r
                    and (
                        (o[2] == "attack" and o[0] is src) or o[2] in ("contradictory", "contrary")
                    )
                    and (src in (o[0], o[1]))
                    and (o[1] if o[0] is src else o[0]).kind == STATEMENT
                    and (o[1] if o[0] is src else o[0]).title in premises
                    for o in out
                )
                if redundant:
                    continue
            final.append(r)
        return final

    def release(self) -> None:
        """Break the cycles between nodes and their relations, so that reference counting
        frees the tables (a cycle collection over them costs far more)."""
        for table in (self.statements, self.arguments):
            for c in table.values():
                c.out = None
        self.relations = []


def freeze_statement(c: Equivalence) -> StatementNode:
    """The document's statement node of an equivalence class."""
    return _fast_statement_node(
        c.title,
        c.text,
        c.tags,
        c.all_data(),
        tuple(c.members or ()),
        c.section_id,
        c.location,
        c.defined,
        c.plain,
    )
