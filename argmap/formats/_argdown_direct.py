"""Argdown text straight to a map, for documents the lexer's fast paths read nearly whole.

The general reader builds Argdown's own model first (a Member per line, equivalence classes,
a Document) and then the map from it. For a document made of the paragraphs the lexer reads
line by line (statement paragraphs, one-line headings, premise-conclusion paragraphs), plus
any headings and argument descriptions, :func:`direct_map` builds the map from the lexer's
lines directly. It follows the parser's rules in the parser's order: members and relations of
a statement paragraph in post-order (a line's relations below it before the line itself), the
first definition gives a statement's place and location, tags and data merge over members,
the last member with words gives the text. Headings and argument descriptions go through the
parser itself, whose sections and arguments this builder shares.

Anything else, and anything that would be an error, declines (``None``): the caller takes
the general path, which reads the document again and reports the error at its place.
tests/test_direct_map.py checks that both paths give equal maps, locations included.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats._argdown_data import _ONE_QUOTE, merge_data
from argmap.formats._argdown_lexer import FastNode, Tok
from argmap.formats._argdown_map import (
    RELATION_TYPES,
    ROLE_TAGS,
    Header,
    make_argument,
    make_statement,
)
from argmap.formats._argdown_parser import (
    _INCOMING,
    _MAX_DEPTH,
    _REL_TYPE,
    JS_SPACE,
    Lexed,
    Locate,
    _Class,
    _Parser,
)
from argmap.model import (
    ArgumentMap,
    Location,
    Relation,
    Statement,
    _fast_quote,
    _fast_relation,
    _fast_statement,
)

__all__ = ["direct_map"]

_SPACE = re.compile(r"[ \t\r\n]+")
_RELATION_ENUM = {kind: RELATION_TYPES[name] for kind, name in _REL_TYPE.items()}
# Statement paragraphs nested deeper than this decline (the parser's limit is _MAX_DEPTH).
_DEPTH = _MAX_DEPTH // 2
_GENERAL = frozenset(
    {
        Tok.HEADING_START,
        Tok.FAST_HEADING,
        Tok.ARGUMENT_DEFINITION,
        Tok.ARGUMENT_REFERENCE,
        Tok.FAST_ARGUMENT,
    }
)


class _Decline(Exception):
    """The document is not one this builder reads: take the general path."""


class _Node:
    """A statement while its members are read (the parser's _Class, cut to what maps use).

    Most attributes keep their class-level default: a big map makes one node per statement,
    and setting only what a statement changes is cheaper than setting everything."""

    defined = False
    words = ""
    tags: tuple[str, ...] = ()
    data: Any = None
    # The data of nearly every statement, one quote, kept as (text, start, end) while it is
    # the statement's only data.
    quote: tuple[str, int, int] | None = None
    section: str | None = None
    has_section = False
    location: Location | None = None

    def __init__(self, title: str, section: str | None) -> None:
        if not title.strip():
            raise _Decline  # the general path reports a blank title
        self.title = title
        self.first_section = section  # the first member's section

    def all_data(self) -> dict[str, Any]:
        """The statement's data, as the parser merges it."""
        if self.quote is not None:
            text, start, end = self.quote
            return {"quotes": [{"text": text, "start": start, "end": end}]}
        return self.data if self.data is not None else {}

    def add_data(self, data: Any) -> None:
        """The parser's data merge, in member order."""
        old = self.all_data() if self.quote is not None else self.data
        self.quote = None
        self.data = data if old is None else merge_data(old, data)


class _Builder:
    def __init__(self, text: str, path: str, locate: Locate, lexed: Lexed) -> None:
        self.text = text
        self.path = path
        self.parser = _Parser(text, locate, True, lexed)
        self.nodes: dict[str, _Node] = {}
        self.order: list[_Node] = []  # statements in the order of their first definition
        self.relations: list[Relation] = []
        self.keys: set[tuple[Any, Any, str]] = set()  # (source, target, type) of each relation
        self.incoming: set[tuple[Any, str]] | None = None  # (target, type), once needed
        self.inference_owner: _Class | None = None
        self.location = locate

    # -- the document --------------------------------------------------------------------

    def run(self) -> ArgumentMap:
        parser = self.parser
        tokens = parser.tokens
        i = 0
        if tokens[i].kind == Tok.NEWLINE:
            i += 1
        if tokens[i].kind == Tok.EMPTYLINE:
            i += 1
        previous: _Class | None = None
        while True:
            kind, start, _ = tokens[i]
            if kind == Tok.FAST_BLOCK or kind == Tok.FAST_PCS:
                if kind == Tok.FAST_BLOCK:
                    # popped, so that each paragraph's lines are freed once read and their
                    # memory serves the map (a caller that falls back lexes the text again)
                    self.block(parser.blocks.pop(start))
                else:
                    self.pcs(previous, parser.fast_pcs_lines[start], start)
                previous = None
                i += 1
                if tokens[i].kind == Tok.NEWLINE:
                    i += 1  # what the parser's block() takes after a fast paragraph
            elif kind in _GENERAL:  # headings and argument descriptions: the parser's own
                parser.i = i
                previous = parser.block(previous)
                if parser.statements or parser.relations:
                    raise _Decline  # statements read by the parser: not this builder's
                i = parser.i
            else:
                raise _Decline
            kind = tokens[i].kind
            if kind == Tok.EMPTYLINE:
                i += 1
                continue
            if kind == Tok.EOF:
                return self.result()
            raise _Decline

    def section(self) -> str | None:
        stack = self.parser.section_stack
        return stack[-1].id if stack else None

    # -- statement paragraphs ------------------------------------------------------------

    def member(self, line: FastNode, section: str | None) -> _Node:
        """What the parser's fast_node() does for the line's own member (children aside)."""
        _, _, _, start, title, _, plain, tags, reference, data_start, data_end = line
        node = self.nodes.get(title)
        if node is None:
            node = self.nodes[title] = _Node(title, section)
        if not reference:
            if not node.defined:
                node.defined = True
                node.location = self.location(start)
                self.order.append(node)
            if not node.has_section:
                node.section = section
                node.has_section = section is not None
        if not reference:
            # The last definition gives the text (canonical_member(): "isCanonical" data
            # is not a map key, so make_statement() refuses it whichever member has it).
            # clean_text(): plain has no line breaks or tabs, and double spaces only where
            # a tag was.
            words = plain.strip(JS_SPACE)
            if "  " in words:
                words = _SPACE.sub(" ", words)
            node.words = words
        if tags:
            own = node.tags
            if not own and len(tags) == 1:
                node.tags = tags
            else:
                node.tags = tuple(dict.fromkeys(own + tags))  # in order, each once
        if data_start != -1:
            one = _ONE_QUOTE.fullmatch(self.text, data_start, data_end)
            if one is None:
                node.add_data(self.parser.data_at(data_start, data_end))
            else:
                text, begin, end = one.groups()
                if node.data is None and node.quote is None:
                    node.quote = (text, int(begin), int(end))
                else:
                    node.add_data(
                        {"quotes": [{"text": text, "start": int(begin), "end": int(end)}]}
                    )
        return node

    def relate(self, src: Any, dst: Any, kind: int, offset: int) -> None:
        """The parser's relate(): the same relation once, a contradiction once either way,
        and a relation of a node to itself only when the node has no incoming one of its type.
        """
        rel = _REL_TYPE[kind]  # keyed by name: strings hash faster than enum members
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
        self.relations.append(
            _fast_relation(src.title, dst.title, _RELATION_ENUM[kind], self.location(offset))
        )

    def block(self, lines: list[FastNode]) -> None:
        """A statement paragraph, in the parser's order: a line's member once the lines below
        it are read, then its relation to the line above it (its recursion, as a stack)."""
        section = self.section()
        nodes = self.nodes
        member = self.member
        relate = self.relate
        incoming = _INCOMING
        undercut = Tok.OUTGOING_UNDERCUT
        stack: list[FastNode] = []
        owners: list[_Node | None] = []  # the node of each line on the stack with lines below
        top_width = -2  # the indentation of the line on top of the stack (-2: none)
        for line in (*lines, None):
            width = -1 if line is None else line[0]  # -1 at the end: close every line
            while top_width >= width:
                # close the line on top: its member, then its relation to its parent
                closed = stack.pop()
                owners.pop()
                top_width = stack[-1][0] if stack else -2
                node = member(closed, section)
                kind = closed[1]
                if not kind:
                    continue  # the paragraph's first line
                here: Any = owners[-1]
                if kind == undercut and self.inference_owner is not None:
                    here = self.inference_owner  # Argdown aims `_` at the last inference read
                if kind in incoming:
                    relate(here, node, kind, closed[2])
                else:
                    relate(node, here, kind, closed[2])
            if line is None:
                return
            if stack and owners[-1] is None:
                if len(stack) > _DEPTH:
                    raise _Decline
                # the parser makes a parent's class before reading the lines below it
                title = stack[-1][4]
                owner = nodes.get(title)
                if owner is None:
                    owner = nodes[title] = _Node(title, section)
                owners[-1] = owner
            stack.append(line)
            owners.append(None)
            top_width = width

    # -- premise-conclusion paragraphs -----------------------------------------------------

    def pcs(self, previous: _Class | None, lines: list[FastNode | None], start: int) -> None:
        """The parser's fast_pcs(), with this builder's members."""
        section = self.section()
        self.parser.fast_pcs(previous, lines, start, lambda line: self.member(line, section).title)
        self.inference_owner = self.parser.inference_owner

    # -- the map -------------------------------------------------------------------------

    def result(self) -> ArgumentMap:
        parser = self.parser
        header = Header(tuple(parser.sections), self.path)
        section_ids = header.section_ids
        if len(self.order) != len(self.nodes):
            raise _Decline  # a statement only referenced: the general path reports it
        statements: list[Statement] = []
        append = statements.append
        for node in self.order:
            section = node.section if node.has_section else node.first_section
            section_id = section_ids.get(section) if section else None
            quote = node.quote
            tags = node.tags
            if quote is not None and len(tags) == 1 and tags[0] in ROLE_TAGS:
                text, start, end = quote
                if 0 <= start < end and text.strip():  # make_statement() for it, inline
                    append(
                        _fast_statement(
                            node.title,
                            node.words,
                            ROLE_TAGS[tags[0]],
                            (_fast_quote(text, start, end),),
                            section_id,
                            (),
                            None,
                            None,
                            node.location,
                        )
                    )
                    continue
            append(
                make_statement(
                    node.title,
                    node.words,
                    tags,
                    node.all_data(),
                    section_id,
                    node.location,
                )
            )
        arguments = [
            make_argument(parser.freeze_argument(a), section_ids) for a in parser.arguments.values()
        ]
        return header.build(statements, arguments, self.relations)


def direct_map(text: str, path: str, locate: Locate, lexed: Lexed) -> ArgumentMap | None:
    """The map of an Argdown text without includes, or None where the general path must
    read it. ``locate``: offsets to locations in ``path``; ``lexed``: what the parser's lex()
    gave for the text, which this consumes (its statement paragraphs are taken out as they
    are read)."""
    builder = _Builder(text, path, locate, lexed)
    try:
        return builder.run()
    except (_Decline, ArgmapError):
        return None
    finally:
        builder.parser.release()
