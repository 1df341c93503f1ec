"""The map sink: what the parser reports, built straight into an argmap map.

The general reader keeps Argdown's whole document first (a Member per line, equivalence
classes, a Document: ``_argdown_document.py``) and then makes the map from it
(``_argdown_map.py``). :class:`MapSink` takes the same reports from the same parser and keeps
only what a map needs: no Member objects, a statement's one quote as a tuple, locations only
where the map has them. The merge and dedup rules are the shared ones of
``_argdown_nodes.py``.

What a map cannot be built from straight away declines (``None`` from :func:`direct_map`):
relations from arguments and attacks on arguments (Argdown moves or drops some of them
after reading), ``strict``
mode, a statement only referenced, anything that would be an error. The caller then reads
the document through the general path, which reports any error at its place.
tests/test_direct_map.py checks that both paths give equal maps, locations included.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator

from argmap.errors import ArgmapError
from argmap.formats._argdown_data import _ONE_QUOTE, read_data
from argmap.formats._argdown_map import (
    RELATION_TYPES,
    ROLE_TAGS,
    Header,
    make_argument,
    make_statement,
)
from argmap.formats._argdown_nodes import ARGUMENT, Equivalence, Sink, freeze_argument, js_truthy
from argmap.formats._argdown_parser import JS_SPACE, Lexed, Locate, Parser
from argmap.model import (
    ArgumentMap,
    Relation,
    Statement,
    _fast_quote,
    _fast_relation,
    _fast_statement,
)

__all__ = ["MapSink", "direct_map", "keeping"]

_SPACE = re.compile(r"[ \t\r\n]+")


class _Decline(Exception):
    """The document is not one this sink builds: take the general path."""


class MapSink(Sink):
    """Builds an :class:`ArgumentMap` from the parser's reports; see the module docstring."""

    def __init__(self, text: str, path: str, locate: Locate) -> None:
        super().__init__(locate)
        self.text = text
        self.path = path
        self.relations: list[Relation] = []

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
        canonical = False
        if data_start != -1:
            one = _ONE_QUOTE.fullmatch(self.text, data_start, data_end)
            if one is None:
                values = read_data(self.text, data_start, data_end, self.locate)
                canonical = js_truthy(values.get("isCanonical"))
                node.add_data(values)
            else:
                quote, begin, end = one.groups()
                node.add_quote(quote, int(begin), int(end))
        # A statement's map text is its text without tags (plain): its text is not kept.
        if node.kind != ARGUMENT:
            text = None
        node.add(self, reference, text, plain, tags, section, canonical, start)

    def node(self, title: str, kind: str) -> Equivalence:
        if not title.strip():
            raise _Decline  # the general path reports a blank title
        return Sink.node(self, title, kind)

    def add_relation(self, src: Equivalence, dst: Equivalence, rel: str, start: int) -> None:
        if src.kind == ARGUMENT or (dst.kind == ARGUMENT and rel == "attack"):
            # Argdown moves an argument's relations to its conclusion, and drops an attack
            # on an argument made redundant by one on its premise: the general path does
            raise _Decline
        self.relations.append(
            _fast_relation(src.title, dst.title, RELATION_TYPES[rel], self.locate(start))
        )

    def result(self, parser: Parser) -> ArgumentMap:
        """The map of everything reported (``parser``: its sections and frontmatter)."""
        if parser.frontmatter:
            raise _Decline  # strict mode and settings: the general path
        header = Header(tuple(parser.sections), self.path)
        section_ids = header.section_ids
        defined = [node for node in self.order if node.kind != ARGUMENT]
        if len(defined) != len(self.statements):
            raise _Decline  # a statement only referenced: the general path reports it
        statements: list[Statement] = []
        append = statements.append
        space, js_space = _SPACE.sub, JS_SPACE
        for node in defined:  # in the order of their first definitions
            section = node.section_id
            section_id = section_ids.get(section) if section else None
            plain = node.plain  # clean_text(): plain has no line breaks or tabs
            words = plain.strip(js_space) if plain else ""
            if "  " in words:
                words = space(" ", words)
            quote = node.quote
            tags = node.tags
            if quote is not None and len(tags) == 1 and tags[0] in ROLE_TAGS:
                text, start, end = quote
                if 0 <= start < end and text.strip():  # make_statement() for it, inline
                    append(
                        _fast_statement(
                            node.title,
                            words,
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
                make_statement(node.title, words, tags, node.all_data(), section_id, node.location)
            )
        arguments = [
            make_argument(freeze_argument(a), section_ids) for a in self.arguments.values()
        ]
        return header.build(statements, arguments, self.relations)


#: Where direct_map() leaves the sink and the parser it read a map with (see keeping()).
_LEFT: contextvars.ContextVar[list[object] | None] = contextvars.ContextVar(
    "argmap_direct_left", default=None
)


@contextlib.contextmanager
def keeping(into: list[object]) -> Iterator[None]:
    """While the block runs, :func:`direct_map` appends what it read a map with (its sink,
    the parser and the tokens: a few objects per statement) to ``into`` instead of freeing
    it, for a process that ends right after reading without freeing anything (``argmap
    check``: freeing them one object at a time takes a tenth of a second at 100,000
    statements)."""
    token = _LEFT.set(into)
    try:
        yield
    finally:
        _LEFT.reset(token)


def direct_map(
    text: str, path: str, locate: Locate, lexed: Lexed, more: Iterator[None] | None = None
) -> ArgumentMap | None:
    """The map of an Argdown text without includes, or None where the general path must
    read it (which also reports any error, lexing the text again). ``locate``: offsets to
    locations in ``path``; ``lexed``: what the parser's lex() gave for the text, which this
    consumes (its fast paragraphs are taken out as they are read); ``more``: the steps that
    lex the rest, when ``lexed`` is lex_lazily()'s."""
    sink = MapSink(text, path, locate)
    parser = Parser(text, locate, sink, lexed=lexed, more=more)
    try:
        parser.document()
        return sink.result(parser)
    except (_Decline, ArgmapError):
        return None
    finally:
        left = _LEFT.get()
        if left is not None:
            left.append(parser)  # the sink and the tokens with it
