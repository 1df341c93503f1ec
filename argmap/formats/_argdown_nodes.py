"""Argdown's rules for turning what the parser reads into statements, arguments and relations.

The parser (``_argdown_parser.py``) reads the text and reports what it finds to a *sink*:
``node`` (a statement or argument by title), ``member`` (one occurrence of it, a definition
or a reference) and ``relate`` (a relation between two nodes). :class:`Sink` holds the rules
that make those reports a model, once for every sink:

* **members merge** (:meth:`Equivalence.add`): the first definition gives a statement its
  place in the order and its location (a statement only mentioned so far is located at its
  first mention); tags are collected in order, each once; data merges member by member
  (:func:`merge_data`); a statement's section is that of its first definition (an argument's,
  of its first member); the *canonical* member gives the text: the last definition whose data
  has a true ``isCanonical``, else the last definition (as Argdown 1.7 picks it).
* **relations are kept once** (:meth:`Sink.relate`): the same relation between the same nodes
  once, a contradiction once either way, and a relation of a node to itself only when the
  node has no incoming relation of that type.

Two sinks build on it: ``DocumentSink`` (``_argdown_document.py``) keeps every member and
builds Argdown's own document; ``MapSink`` (``_argdown_direct.py``) builds an argmap map
straight away, keeping only what a map needs.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from argmap.formats._argdown_data import merge_data
from argmap.formats._argdown_syntax import ArgumentNode, Inference, PcsItem
from argmap.model import Location

if TYPE_CHECKING:
    from argmap.formats._argdown_document_nodes import Member

__all__ = ["ARGUMENT", "STATEMENT", "Equivalence", "Sink", "freeze_argument", "js_truthy"]

STATEMENT = "statement"
ARGUMENT = "argument"


def js_truthy(value: Any) -> bool:
    """JavaScript's truthiness (empty lists and mappings are true there)."""
    if value is None or value is False or value == "":
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value == value and value != 0  # NaN and 0 are false
    return True


class Equivalence:
    """A statement (Argdown's equivalence class: every member with one title) or an argument,
    while its members are read.

    Most attributes keep their class-level default: a big map makes one of these per
    statement, and setting only what a statement changes is cheaper than setting everything.
    """

    __slots__ = (
        "data",
        "defined",
        "first_section",
        "has_section",
        "inferences",
        "kind",
        "location",
        "members",
        "mentioned",
        "out",
        "pcs",
        "pinned",
        "plain",
        "quote",
        "section",
        "tags",
        "text",
        "title",
    )

    def __init__(self, title: str, kind: str) -> None:
        self.title = title
        self.kind = kind
        # the position of its first definition among all definitions
        self.defined: int | None = None
        self.location: Location | None = None
        self.tags: tuple[str, ...] = ()
        self.data: Any = None
        # The data of nearly every statement, one quote, kept as (text, start, end) while it
        # is the node's only data (see add_quote).
        self.quote: tuple[str, int, int] | None = None
        self.section: str | None = None
        self.has_section = False
        self.first_section: str | None = None  # the first member's section
        self.mentioned = False  # some member has been added
        self.text: str | None = None  # the canonical member's text, and its text without tags
        self.plain: str | None = None
        self.pinned = False  # the text comes from a member marked isCanonical
        self.pcs: list[PcsItem] | None = None  # arguments: the premise-conclusion structure
        self.inferences: list[Inference] | None = None
        # Kept by the document sink only: every member, and the relations touching the node.
        self.members: list[Member] | None = None
        self.out: list[list[Any]] | None = None

    def add(
        self,
        sink: Sink,
        reference: bool,
        text: str | None,
        plain: str | None,
        tags: tuple[str, ...],
        section: str | None,
        canonical: bool,
        start: int,
        location: Location | None = None,
    ) -> None:
        """The merge rules for one member of this node (its data aside: see add_data);
        ``start``: where the member is (``location``: its location, when known already);
        ``sink``: the sink that numbers definitions."""
        if not (self.mentioned or reference or self.has_section):
            # The first member is a definition (nearly every statement's only member; an
            # argument may have its section from its premise-conclusion structure already):
            # what the steps below do for it, without the tests that cannot fail then.
            self.mentioned = True
            self.first_section = self.section = section
            self.has_section = section is not None
            if tags:
                self.tags = tags if len(tags) == 1 else tuple(dict.fromkeys(tags))
            self.text = text
            self.plain = plain
            self.pinned = canonical
            sink.definitions += 1
            self.defined = sink.definitions
            sink.order.append(self)
            self.location = location or sink.locate(start)
            return
        if not self.mentioned:
            self.mentioned = True
            self.first_section = section
        if tags:
            own = self.tags
            if not own and len(tags) == 1:
                self.tags = tags
            else:
                self.tags = tuple(dict.fromkeys(own + tags))  # in order, each once
        if (not reference or self.kind == ARGUMENT) and not self.has_section:
            self.section = section
            self.has_section = section is not None
        if not reference:
            if canonical or not self.pinned:
                self.text = text
                self.plain = plain
                self.pinned = canonical
            if self.defined is None:  # the first definition: its place and location
                sink.definitions += 1
                self.defined = sink.definitions
                sink.order.append(self)
                self.location = location or sink.locate(start)
                return
        if self.location is None:  # not defined yet: located at its first mention
            self.location = location or sink.locate(start)

    def add_data(self, data: Any) -> None:
        """A member's data, merged over the data so far in member order."""
        old = self.all_data() if self.quote is not None else self.data
        self.quote = None
        self.data = data if old is None else merge_data(old, data)

    def add_quote(self, text: str, start: int, end: int) -> None:
        """A member's data when it is ``{quotes: [{text, start, end}]}``: add_data() for it."""
        if self.data is None and self.quote is None:
            self.quote = (text, start, end)
        else:
            self.add_data({"quotes": [{"text": text, "start": start, "end": end}]})

    def all_data(self) -> dict[str, Any]:
        """The node's merged data."""
        if self.quote is not None:
            text, start, end = self.quote
            return {"quotes": [{"text": text, "start": start, "end": end}]}
        return self.data if isinstance(self.data, dict) else {}

    @property
    def section_id(self) -> str | None:
        """The node's section: its first definition's (see add), else its first member's."""
        return self.section if self.has_section else self.first_section


class Sink(abc.ABC):
    """What the parser reports to, with the rules of the module docstring; subclasses keep
    what they build (the abstract ``member`` and ``add_relation``)."""

    def __init__(self, locate: Callable[[int], Location]) -> None:
        self.locate = locate
        self.statements: dict[str, Equivalence] = {}
        self.arguments: dict[str, Equivalence] = {}
        self.definitions = 0
        self.order: list[Equivalence] = []  # nodes in the order of their first definitions
        self.keys: set[tuple[Any, Any, str]] = set()  # (source, target, type) of each relation
        self.incoming: set[tuple[Any, str]] | None = None  # (target, type), once needed

    def node(self, title: str, kind: str) -> Equivalence:
        """The statement or argument with this title, made at its first mention."""
        table = self.statements if kind == STATEMENT else self.arguments
        found = table.get(title)
        if found is None:
            found = table[title] = Equivalence(title, kind)
        return found

    @abc.abstractmethod
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
        """One member of ``node``: its text and text without tags (None: none), its own tags
        (each once), the span of its ``{...}`` data (-1, -1: none), and where it starts."""

    def relate(self, src: Equivalence, dst: Equivalence, rel: str, start: int) -> None:
        """A relation of type ``rel`` ("support", "attack", "contradictory", "undercut")
        from ``src`` to ``dst``, located at ``start``; kept once (see the module docstring)."""
        keys = self.keys
        key = (src, dst, rel)
        if key in keys:
            return
        if rel == "contradictory" and (dst, src, rel) in keys:
            return
        incoming = self.incoming
        if dst is src:
            if incoming is None:  # made at the first relation of a node to itself
                incoming = self.incoming = {(k[1], k[2]) for k in keys}
            if (dst, rel) in incoming:
                return
        keys.add(key)
        if incoming is not None:
            incoming.add((dst, rel))
        self.add_relation(src, dst, rel, start)

    @abc.abstractmethod
    def add_relation(self, src: Equivalence, dst: Equivalence, rel: str, start: int) -> None:
        """Keep a relation that relate() let through."""


def freeze_argument(c: Equivalence) -> ArgumentNode:
    """The document's argument node of an argument (members kept only by DocumentSink)."""
    return ArgumentNode(
        c.title,
        c.text,
        c.tags,
        c.all_data(),
        tuple(c.members or ()),
        tuple(c.pcs or ()),
        tuple(c.inferences or ()),
        c.section_id,
        c.location,
    )
