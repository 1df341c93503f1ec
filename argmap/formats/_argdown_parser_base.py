"""The parser's state and the steps both of its paths share.

The parser reads a text's tokens in one walk (``_argdown_parser.py``: the general grammar,
token by token; ``_argdown_parser_fast.py``: the paragraphs the lexer's fast path read whole)
and reports to a sink (``_argdown_nodes.py``). This module holds what both paths use: the
tokens and the lexing step, the token helpers, sections, tags, and where a relation line
aims (:meth:`ParserBase.relate_line`, the one place of that rule).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from argmap.errors import ArgdownSyntaxError, LimitError
from argmap.formats._argdown_data import read_data
from argmap.formats._argdown_lexer import (
    RELATION_KINDS,
    Lexed,
    LexError,
    Tok,
    Token,
    tokenize,
    tokenize_fast,
    tokenize_lazily,
)
from argmap.formats._argdown_nodes import ARGUMENT, STATEMENT, Equivalence, Sink
from argmap.formats._argdown_settings import SHORTCODES
from argmap.formats._argdown_syntax import SectionNode
from argmap.model import Location

__all__ = [
    "JS_SPACE",
    "MAX_DEPTH",
    "Lexed",
    "Locate",
    "ParserBase",
    "describe",
    "lex",
    "lex_lazily",
]

Locate = Callable[[int], Location]

#: The deepest nesting of relations and emphasis the parser reads.
MAX_DEPTH = 200

# What JavaScript's String.prototype.trim removes.
JS_SPACE = (
    "\t\n\x0b\x0c\r \u00a0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)

_NAMES = {
    Tok.EMPTYLINE: "an empty line",
    Tok.NEWLINE: "a line break",
    Tok.INDENT: "an indented line",
    Tok.DEDENT: "the end of an indented block",
    Tok.EOF: "the end of the file",
    Tok.DATA: "a {...} data block",
    Tok.FRONT_MATTER: "a === frontmatter block",
    Tok.INFERENCE_START: "an inference line (--)",
    Tok.INFERENCE_END: "the end of an inference (--)",
}
# Per relation token kind: whether the line's node is the relation's target (an incoming
# relation: the parent line is its source) and the relation's type.
_RELATION = {
    Tok.INCOMING_SUPPORT: (True, "support"),
    Tok.OUTGOING_SUPPORT: (False, "support"),
    Tok.INCOMING_ATTACK: (True, "attack"),
    Tok.OUTGOING_ATTACK: (False, "attack"),
    Tok.CONTRADICTION: (True, "contradictory"),
    Tok.INCOMING_UNDERCUT: (True, "undercut"),
    Tok.OUTGOING_UNDERCUT: (False, "undercut"),
}


def describe(kind: int) -> str:
    """A token kind in words, for error messages."""
    if kind in _NAMES:
        return _NAMES[kind]
    if kind in RELATION_KINDS:
        return "a relation"
    return "text"


def lex(text: str, locate: Locate, fast: bool = True) -> Lexed:
    """The tokens of ``text`` for the parser; a located error where no token rule applies."""
    try:
        if fast:
            tokens, blocks, headings, pcs, arguments = tokenize_fast(text)
        else:
            tokens, blocks, headings, pcs, arguments = tokenize(text), {}, {}, {}, {}
    except LexError as e:
        raise _located(e, locate) from None
    _end(tokens, text)
    return tokens, blocks, headings, pcs, arguments


#: The fast paragraphs lex_lazily() lexes at a time: each step's lines are read by the
#: parser while they are still in the processor's caches (and then freed).
_STEP = 32


def lex_lazily(text: str, every: int = _STEP) -> tuple[Lexed, Iterator[None]]:
    """What :func:`lex` gives for ``text`` (the fast path), lexed as the parser walks it:
    the tokens and lines so far, and the steps that lex on (see ParserBase.refill), each
    ``every`` fast paragraphs long."""
    return tokenize_lazily(text, every)


def _located(e: LexError, locate: Locate) -> ArgdownSyntaxError:
    return ArgdownSyntaxError(e.message, locate(e.offset))


def _end(tokens: list[Token], text: str) -> None:
    """The EOF token after the text's last token."""
    tokens.append(Token(Tok.EOF, len(text), len(text)))


class ParserBase:
    """The state of one walk over the tokens of a text, reporting to ``sink``."""

    def __init__(
        self,
        text: str,
        locate: Locate,
        sink: Sink,
        fast: bool = True,
        lexed: Lexed | None = None,
        more: Iterator[None] | None = None,
    ) -> None:
        self.text = text
        self.locate = locate
        self.sink = sink
        if lexed is None:
            lexed = lex(text, locate, fast)
        self.lexed = lexed
        self.tokens, self.blocks, self.headings, self.fast_pcs_lines, self.fast_arguments = lexed
        # lex_lazily()'s steps still to take (None: the text is all lexed, EOF appended)
        self.more = more
        self.i = 0
        self.counter = 0
        self.depth = 0
        self.inference_owner: Equivalence | None = None
        self.sections: list[SectionNode] = []
        self.section_stack: list[SectionNode] = []
        self.tags: dict[str, None] = {}
        self.frontmatter: dict[str, Any] = {}
        # Frontmatter settings the reader applies (see _argdown_settings.py).
        self.keep_tags = True
        self.shortcodes: Mapping[str, str] = SHORTCODES

    def refill(self) -> None:
        """Lex on (lex_lazily()'s steps) until two tokens lie ahead or the text is all lexed.

        The parser calls it before each paragraph: a step ends after a whole paragraph and
        its empty lines, so the paragraph it starts is all lexed, and the last token of a step
        (which the lexer may still drop at the end of the text) is never read before the
        next step."""
        if self.more is None or self.i + 2 < len(self.tokens):
            return
        try:
            for _ in self.more:
                if self.i + 2 < len(self.tokens):
                    return
        except LexError as e:
            raise _located(e, self.locate) from None
        self.more = None
        _end(self.tokens, self.text)

    # -- token helpers -------------------------------------------------------

    def peek(self) -> int:
        return self.tokens[self.i].kind

    def image(self, tok: Token) -> str:
        return self.text[tok.start : tok.end]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, expected: str) -> ArgdownSyntaxError:
        tok = self.tokens[self.i]
        return ArgdownSyntaxError(
            f"unexpected {describe(tok.kind)}; expected {expected}", self.locate(tok.start)
        )

    def expect(self, kind: int) -> Token:
        if self.peek() != kind:
            raise self.fail(describe(kind))
        return self.take()

    def unique(self) -> str:
        self.counter += 1
        return f"Untitled {self.counter}"

    def data(self, tok: Token) -> dict[str, Any]:
        """The mapping of a data token (headings and inferences; members report the span)."""
        return read_data(self.text, tok.start, tok.end, self.locate)

    def deeper(self, start: int) -> None:
        """One level deeper (relations or emphasis starting at ``start``), within MAX_DEPTH."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitError(f"nested more than {MAX_DEPTH} levels deep", self.locate(start))

    def node(self, title: str, kind: str) -> Equivalence:
        """The sink's node with this title and kind."""
        return self.sink.node(title, kind)

    # -- sections --------------------------------------------------------------

    def section(
        self, level: int, title: str, tags: list[str], data: dict[str, Any] | None, start: int
    ) -> None:
        """A heading's section, placed under the nearest open heading of a lower level."""
        while self.section_stack and self.section_stack[-1].level >= level:
            self.section_stack.pop()
        parent = self.section_stack[-1].id if self.section_stack else None
        section = SectionNode(
            f"s{len(self.sections) + 1}",
            title,
            level,
            tuple(tags),
            data,
            parent,
            self.locate(start),
        )
        self.sections.append(section)
        self.section_stack.append(section)

    @property
    def current_section(self) -> str | None:
        return self.section_stack[-1].id if self.section_stack else None

    # -- relations and arguments ----------------------------------------------

    def relate_line(self, kind: int, parent: Equivalence, child: Equivalence, start: int) -> None:
        """The relation a line of kind ``kind`` (a relation token) under ``parent`` states.
        Argdown aims ``_`` under a statement at the last inference read so far."""
        incoming, rel = _RELATION[kind]
        if (
            kind == Tok.OUTGOING_UNDERCUT
            and parent.kind == STATEMENT
            and self.inference_owner is not None
        ):
            parent = self.inference_owner
        if incoming:
            self.sink.relate(parent, child, rel, start)
        else:
            self.sink.relate(child, parent, rel, start)

    def pcs_owner(self, previous: Equivalence | None, start: int) -> Equivalence:
        """The argument a premise-conclusion structure starting at ``start`` belongs to."""
        if previous is not None and previous.kind == ARGUMENT:
            argument = previous
        else:
            argument = self.node(self.unique(), ARGUMENT)
        if argument.pcs:
            raise ArgdownSyntaxError(
                f"argument <{argument.title}> already has a premise-conclusion structure",
                self.locate(start),
            )
        argument.section = self.current_section
        argument.has_section = True
        if argument.location is None:
            argument.location = self.locate(start)
        return argument
