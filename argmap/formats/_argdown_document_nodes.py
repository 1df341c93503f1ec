"""The values only the general reader's Argdown document has: a :class:`Member` per
occurrence of a statement or argument description, the statement and relation nodes, and the
:class:`Document` itself (see ``_argdown_syntax.py`` for the values both readers build). The
document sink (``_argdown_document.py``) builds them; the direct map builder needs none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from argmap.formats._argdown_syntax import (
    ArgumentNode,
    SectionNode,
    _tuple,
)
from argmap.model import Location, _new, _slot_setters

__all__ = ["Document", "Member", "RelationNode", "StatementNode"]


@attrs.frozen
class Member:
    """One occurrence of a statement (or argument description) in the text."""

    title: str
    text: str | None
    role: str
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    data: Mapping[str, Any] | None = None
    is_reference: bool = False
    section: str | None = None
    location: Location | None = attrs.field(default=None, eq=False)
    # The text with the tags left out (what argmap reads as the statement's words).
    plain: str | None = None


@attrs.frozen
class StatementNode:
    """An equivalence class: every member sharing one title."""

    title: str
    text: str | None
    tags: tuple[str, ...]
    data: Mapping[str, Any]
    members: tuple[Member, ...]
    section: str | None
    location: Location | None = attrs.field(default=None, eq=False)
    # Position of the first defining member among all definitions of the document.
    defined: int | None = attrs.field(default=None, eq=False)
    # The canonical member's text without its tags (what argmap reads as the words).
    plain: str | None = attrs.field(default=None, eq=False)


@attrs.frozen
class RelationNode:
    """``source`` bears on ``target``; kinds are "statement" or "argument"."""

    source: str
    source_kind: str
    target: str
    target_kind: str
    type: str
    location: Location | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Document:
    """A parsed Argdown file.

    ``statements``, ``arguments``, ``relations``, ``sections`` and ``tags`` describe the
    file with its ``@include``s resolved, as the Argdown CLI sees it; ``includes`` holds
    each included file parsed on its own.
    """

    path: str
    frontmatter: Mapping[str, Any]
    statements: tuple[StatementNode, ...]
    arguments: tuple[ArgumentNode, ...]
    relations: tuple[RelationNode, ...]
    sections: tuple[SectionNode, ...]
    tags: tuple[str, ...]
    includes: tuple[Document, ...] = ()

    def merged(self) -> Document:
        """The view across includes (what the CLI exports for this file): the document itself."""
        return self

    def statement(self, title: str) -> StatementNode:
        for s in self.statements:
            if s.title == title:
                return s
        raise KeyError(title)

    def argument(self, title: str) -> ArgumentNode:
        for a in self.arguments:
            if a.title == title:
                return a
        raise KeyError(title)


# -- fast constructors for the parser ---------------------------------------------------
#
# The parser builds a Member, a StatementNode and a RelationNode per line of a big map. These
# give the same objects as the classes (equal, same hash and repr) for values of the declared
# types, with tuples where the classes convert: the slots are set directly, without attrs'
# generated ``__init__``.


_MEMBER_NAMES = ("title", "text", "role", "tags", "data", "is_reference", "section", "location")
_MEMBER_SET = _slot_setters(Member, *_MEMBER_NAMES, "plain")
_NODE_SET = _slot_setters(
    StatementNode,
    "title",
    "text",
    "tags",
    "data",
    "members",
    "section",
    "location",
    "defined",
    "plain",
)
_RELATION_SET = _slot_setters(
    RelationNode, "source", "source_kind", "target", "target_kind", "type", "location"
)


def _fast_member(
    title: str,
    text: str | None,
    role: str,
    tags: tuple[str, ...],
    data: Mapping[str, Any] | None,
    is_reference: bool,
    section: str | None,
    location: Location | None,
    plain: str | None,
) -> Member:
    """``Member(...)`` with every field given and ``tags`` a tuple."""
    m: Member = _new(Member)
    a, b, c, d, e, f, g, h, i = _MEMBER_SET
    a(m, title)
    b(m, text)
    c(m, role)
    d(m, tags)
    e(m, data)
    f(m, is_reference)
    g(m, section)
    h(m, location)
    i(m, plain)
    return m


def _fast_statement_node(
    title: str,
    text: str | None,
    tags: tuple[str, ...],
    data: Mapping[str, Any],
    members: tuple[Member, ...],
    section: str | None,
    location: Location | None,
    defined: int | None,
    plain: str | None = None,
) -> StatementNode:
    """``StatementNode(...)`` with every field given."""
    n: StatementNode = _new(StatementNode)
    a, b, c, d, e, f, g, h, i = _NODE_SET
    a(n, title)
    b(n, text)
    c(n, tags)
    d(n, data)
    e(n, members)
    f(n, section)
    g(n, location)
    h(n, defined)
    i(n, plain)
    return n


def _fast_relation_node(
    source: str,
    source_kind: str,
    target: str,
    target_kind: str,
    type: str,
    location: Location | None,
) -> RelationNode:
    """``RelationNode(...)`` with every field given."""
    r: RelationNode = _new(RelationNode)
    a, b, c, d, e, f = _RELATION_SET
    a(r, source)
    b(r, source_kind)
    c(r, target)
    d(r, target_kind)
    e(r, type)
    f(r, location)
    return r
