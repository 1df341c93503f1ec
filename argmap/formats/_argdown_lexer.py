"""Tokenizer for Argdown text: the token rules of Argdown 1.7's lexer, in one linear pass.

The main loop is here; the token rules that look past one character are in
``_argdown_rules.py``, the paragraph fast path (whole paragraphs read line by line) in
_argdown_lines.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.formats._argdown_lines import FastHeading, FastNode
from argmap.formats._argdown_rules import (
    _CONTROL,
    _EMPTYLINE,
    _FREESTYLE,
    _FREESTYLE_INF,
    _HEADING,
    _LINE_START,
    _LINEBREAK,
    _NEWLINE,
    _PLAIN_STOP,
    _REL_KIND,
    _SPACES,
    _TAG,
    TokenRules,
    _new_tuple,
)
from argmap.formats._argdown_tokens import RELATION_KINDS, LexError, Tok, Token

__all__ = [
    "RELATION_KINDS",
    "FastHeading",
    "FastNode",
    "LexError",
    "Lexed",
    "Tok",
    "Token",
    "tokenize",
    "tokenize_fast",
    "tokenize_lazily",
]


class _Lexer(TokenRules):
    # -- main loop -----------------------------------------------------------

    def run(self) -> list[Token]:
        for _ in self.steps(0):
            pass
        return self.tokens

    def steps(self, every: int) -> Iterator[None]:
        """The main loop, stopping after every ``every`` fast paragraphs (0: never) and the
        empty lines after them, where the text goes on: the tokens so far (self.tokens) end
        with a whole paragraph and its empty lines."""
        paragraphs = 0
        text = self.text
        n = self.n
        pos = 0
        inference = False
        emit = self.emit
        append = self.tokens.append
        plain_stop = _PLAIN_STOP
        freestyle = _FREESTYLE.match
        fast = self.fast
        while pos < n:
            c = text[pos]
            if (
                fast
                and (c == "[" or c == "#" or c == "(" or c == "<")
                and (pos == 0 or text[pos - 1] == "\n")
                and (not self.tokens or self.tokens[-1].kind == Tok.EMPTYLINE)
                and not inference
                and not self.ranges
            ):
                if c == "[":
                    end = self.fast_block(pos)
                    fast_kind = Tok.FAST_BLOCK
                elif c == "#":
                    end = self.fast_heading(pos)
                    fast_kind = Tok.FAST_HEADING
                elif c == "(":
                    end = self.fast_pcs(pos)
                    fast_kind = Tok.FAST_PCS
                else:
                    end = self.fast_argument(pos)
                    fast_kind = Tok.FAST_ARGUMENT
                if end != -1:
                    append(_new_tuple(Token, (fast_kind, pos, end)))
                    pos = end
                    # The empty lines after it, as below (no indentation is open to close).
                    m = _EMPTYLINE.match(text, pos)
                    if m is not None:
                        append(_new_tuple(Token, (Tok.EMPTYLINE, pos, m.end())))
                        pos = m.end()
                        paragraphs += 1
                        if paragraphs == every and pos < n:
                            paragraphs = 0
                            yield
                    continue
            if c not in plain_stop and not inference:
                m = freestyle(text, pos)
                assert m
                append(_new_tuple(Token, (Tok.FREESTYLE, pos, m.end())))
                pos = m.end()
                continue
            if c in "/<":
                end = self.comment(pos)
                if end != -1:
                    self.last_skipped_end = end
                    pos = end
                    continue
            if inference:
                pos = self.inference_step(pos, c)
                if pos < 0:
                    pos = -pos
                    inference = False
                continue
            if c == "=" and text.startswith("===", pos):
                p = pos
                while p < n and text[p] == "=":
                    p += 1
                hit = self.finders["==="].next(p)
                if hit != -1:
                    e = hit
                    while e < n and text[e] == "=":
                        e += 1
                    emit(Tok.FRONT_MATTER, pos, e)
                    pos = e
                    continue
            if c == "{":
                end = self.data(pos)
                if end != -1:
                    emit(Tok.DATA, pos, end)
                    pos = end
                    continue
            if c == "\\":
                if pos + 1 >= n or text[pos + 1] in _LINEBREAK:
                    raise LexError("a backslash must escape a character on the same line", pos)
                end = pos + 2
                while end < n and text[end] == " ":
                    end += 1
                emit(Tok.ESCAPED, pos, end)
                pos = end
                continue
            if c in ".:":
                end = self.special(pos)
                if end != -1:
                    emit(Tok.SPECIAL, pos, end)
                    pos = end
                    continue
            last = self.last_kind()
            if c in "\r\n \t":
                if last != Tok.EMPTYLINE:
                    m = _EMPTYLINE.match(text, pos)
                    if m:
                        if m.end() < n:
                            self.dedent_all(pos)
                        emit(Tok.EMPTYLINE, pos, m.end())
                        pos = m.end()
                        continue
                m = _NEWLINE.match(text, pos)
                if m:
                    emit(Tok.NEWLINE, pos, m.end())
                    pos = m.end()
                    continue
            at_line_start = last in (0, Tok.NEWLINE, Tok.EMPTYLINE)
            if at_line_start:
                m = _LINE_START.match(text, pos)
                if m:
                    ind = m.group("ind")
                    if m.group("inf") and last == Tok.EMPTYLINE:
                        self.indent_to(len(ind), pos)
                        emit(Tok.OUTGOING_ATTACK, pos, m.end() - 1)
                        pos = m.end() - 1
                        continue
                    if m.group("inf"):
                        self.dedent_all(pos)
                        emit(Tok.INFERENCE_START, pos, m.end())
                        pos = m.end()
                        inference = True
                        continue
                    elif (rel := m.group("rel")) is not None:
                        self.indent_to(len(ind), pos)
                        emit(_REL_KIND[rel], pos, m.end())
                        pos = m.end()
                        continue
                    elif m.group("num"):
                        self.dedent_all(pos)
                        emit(Tok.STATEMENT_NUMBER, pos, m.end())
                        pos = m.end()
                        continue
                    else:
                        self.indent_to(len(ind) + 1, pos)
                        kind = Tok.ORDERED_ITEM if m.group("ol") else Tok.UNORDERED_ITEM
                        emit(kind, pos, m.end())
                        pos = m.end()
                        continue
                if c == "#":
                    m = _HEADING.match(text, pos)
                    if m:
                        emit(Tok.HEADING_START, pos, m.end())
                        pos = m.end()
                        continue
            if c in "*_":
                end = self.emphasis(pos, c)
                if end != -1:
                    pos = end
                    continue
            if c == "[":
                end = self.link(pos)
                if end != -1:
                    emit(Tok.LINK, pos, end)
                    pos = end
                    continue
            if c == "#":
                m = None
                if text.startswith("#(", pos):
                    paren = self.finders[")"].next(pos + 2)
                    if paren > pos + 2:
                        end = paren + 1
                        if end < n and text[end] in " \t":
                            end += 1
                        emit(Tok.TAG, pos, end)
                        pos = end
                        continue
                else:
                    m = _TAG.match(text, pos)
                if m:
                    emit(Tok.TAG, pos, m.end())
                    pos = m.end()
                    continue
            if c in "[<":
                definition, reference = self.bracket(pos, "]" if c == "[" else ">")
                if definition != -1:
                    kind = Tok.STATEMENT_DEFINITION if c == "[" else Tok.ARGUMENT_DEFINITION
                    emit(kind, pos, definition)
                    pos = definition
                    continue
                if reference != -1:
                    kind = Tok.STATEMENT_REFERENCE if c == "[" else Tok.ARGUMENT_REFERENCE
                    emit(kind, pos, reference)
                    pos = reference
                    continue
            if c == "@" and pos + 2 < n and text[pos + 1] in "[<":
                statement = text[pos + 1] == "["
                end = self.mention(pos, "]" if statement else ">")
                if end != -1:
                    kind = Tok.STATEMENT_MENTION if statement else Tok.ARGUMENT_MENTION
                    emit(kind, pos, end)
                    pos = end
                    continue
            if c in " \t":
                m = _SPACES.match(text, pos)
                assert m
                self.last_skipped_end = m.end()
                pos = m.end()
                continue
            if c in _CONTROL:
                end = pos + 1
                if end < n and text[end] in " \t":
                    end += 1
                emit(Tok.CONTROL_CHAR, pos, end)
                pos = end
                continue
            m = _FREESTYLE.match(text, pos)
            if not m:
                raise LexError(f"unexpected character {c!r}", pos)
            emit(Tok.FREESTYLE, pos, m.end())
            pos = m.end()
        if self.tokens and self.tokens[-1].kind == Tok.EMPTYLINE:
            self.tokens.pop()
        self.dedent_all(n)

    def inference_step(self, pos: int, c: str) -> int:
        """One token in inference mode; returns the new position, negated on leaving the mode."""
        text = self.text
        n = self.n
        if c in "\r\n \t":
            m = _NEWLINE.match(text, pos)
            if m:
                self.emit(Tok.NEWLINE, pos, m.end())
                return m.end()
        if c == "\\":
            if pos + 1 >= n or text[pos + 1] in _LINEBREAK:
                raise LexError("a backslash must escape a character on the same line", pos)
            end = pos + 2
            while end < n and text[end] == " ":
                end += 1
            self.emit(Tok.ESCAPED, pos, end)
            return end
        if c in ".:":
            end = self.special(pos)
            if end != -1:
                self.emit(Tok.SPECIAL, pos, end)
                return end
        if c == "-" and text.startswith("--", pos):
            end = pos
            while end < n and text[end] == "-":
                end += 1
            self.emit(Tok.INFERENCE_END, pos, end)
            return -end
        if c == "{":
            end = self.data(pos)
            if end != -1:
                self.emit(Tok.DATA, pos, end)
                return end
        if c == ",":
            self.emit(Tok.LIST_DELIMITER, pos, pos + 1)
            return pos + 1
        if c in " \t":
            m = _SPACES.match(text, pos)
            assert m
            self.last_skipped_end = m.end()
            return m.end()
        if c in _CONTROL:
            end = pos + 1
            if end < n and text[end] in " \t":
                end += 1
            self.emit(Tok.CONTROL_CHAR, pos, end)
            return end
        m = _FREESTYLE_INF.match(text, pos)
        if not m:
            raise LexError(f"unexpected character {c!r}", pos)
        self.emit(Tok.FREESTYLE, pos, m.end())
        return m.end()


def tokenize(text: str) -> list[Token]:
    """The Argdown tokens of ``text``; :class:`LexError` where no rule applies."""
    return _Lexer(text).run()


#: The tokens of a text and the lines the fast paths read: statement paragraphs, headings,
#: premise-conclusion paragraphs (None for an inference line) and argument descriptions, each
#: keyed by its token's start (the parser adds the EOF token).
Lexed = tuple[
    list[Token],
    dict[int, list[FastNode]],
    dict[int, FastHeading],
    dict[int, list[FastNode | None]],
    dict[int, FastNode],
]


def tokenize_fast(text: str) -> Lexed:
    """:func:`tokenize` with the paragraph fast path: FAST_BLOCK tokens and their lines,
    FAST_HEADING tokens and their headings, FAST_PCS tokens and their lines (None for an
    inference line), and FAST_ARGUMENT tokens and their lines, each keyed by the token's
    start."""
    lexer = _Lexer(text, fast=True)
    return lexer.run(), lexer.blocks, lexer.headings, lexer.pcs, lexer.arguments


def tokenize_lazily(text: str, every: int) -> tuple[Lexed, Iterator[None]]:
    """:func:`tokenize_fast` step by step: what it returns, empty so far, and the steps that
    fill it, each lexing on past ``every`` more fast paragraphs (see _Lexer.steps)."""
    lexer = _Lexer(text, fast=True)
    lexed = lexer.tokens, lexer.blocks, lexer.headings, lexer.pcs, lexer.arguments
    return lexed, lexer.steps(every)
