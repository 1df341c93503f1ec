"""Argdown token kinds and tokens, shared by the lexer and the paragraph recognisers."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["RELATION_KINDS", "LexError", "Tok", "Token"]


class Tok:
    """Token kinds (small ints for speed)."""

    FRONT_MATTER = 1
    DATA = 2
    ESCAPED = 3
    SPECIAL = 4
    EMPTYLINE = 5
    NEWLINE = 6
    INDENT = 7
    DEDENT = 8
    INFERENCE_START = 9
    INCOMING_SUPPORT = 10  # +>
    INCOMING_ATTACK = 11  # ->
    OUTGOING_SUPPORT = 12  # + or <+
    OUTGOING_ATTACK = 13  # - or <-
    CONTRADICTION = 14  # ><
    INCOMING_UNDERCUT = 15  # _>
    OUTGOING_UNDERCUT = 16  # _ or <_
    HEADING_START = 17
    STATEMENT_NUMBER = 18
    ORDERED_ITEM = 19
    UNORDERED_ITEM = 20
    BOLD_END = 21
    ITALIC_END = 22
    BOLD_START = 23
    ITALIC_START = 24
    LINK = 25
    TAG = 26
    STATEMENT_DEFINITION = 27
    STATEMENT_REFERENCE = 28
    STATEMENT_MENTION = 29
    ARGUMENT_DEFINITION = 30
    ARGUMENT_REFERENCE = 31
    ARGUMENT_MENTION = 32
    FREESTYLE = 33
    CONTROL_CHAR = 34
    INFERENCE_END = 35
    LIST_DELIMITER = 36
    EOF = 37
    FAST_BLOCK = 38  # a whole paragraph read by the line-level fast path (see _fast_block)
    FAST_HEADING = 39  # a one-line heading paragraph read by the fast path (see fast_heading)
    FAST_PCS = 40  # a premise-conclusion paragraph read by the fast path (see fast_pcs)
    FAST_ARGUMENT = 41  # a one-line argument description read by the fast path (fast_argument)


RELATION_KINDS = frozenset(range(Tok.INCOMING_SUPPORT, Tok.OUTGOING_UNDERCUT + 1))


class Token(NamedTuple):
    """A token: its kind (a :class:`Tok` value) and its span in the text."""

    kind: int
    start: int
    end: int


class LexError(Exception):
    """A character no token rule accepts (offset into the text)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
