"""Tokenizer for Argdown text: the token rules of Argdown 1.7's lexer, in one linear pass.

The paragraph fast path (whole paragraphs read line by line) is in _argdown_lines.py.
"""

from __future__ import annotations

import re

from argmap.formats._argdown_lines import FastHeading, FastNode, LineReader
from argmap.formats._argdown_tokens import RELATION_KINDS, LexError, Tok, Token

__all__ = [
    "RELATION_KINDS",
    "FastHeading",
    "FastNode",
    "LexError",
    "Tok",
    "Token",
    "tokenize",
    "tokenize_fast",
]

_LINEBREAK = "\n\r\u2028\u2029"
_BREAK = re.compile("[\n\r\u2028\u2029]")
_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_NEWLINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
_SPACES = re.compile(r"[ \t]+")
_LINE_START = re.compile(
    r"(?P<ind>[ \t]*)(?:(?P<inf>--)|(?P<rel>\+>|->|<?\+|<?-|><|_>|<_|_(?=\s))"
    r"|(?P<num>\(\d+\))|(?P<ol>\d+\.(?=\s))|(?P<ul>\*(?=\s)))"
)
_REL_KIND = {
    "+>": Tok.INCOMING_SUPPORT,
    "->": Tok.INCOMING_ATTACK,
    "+": Tok.OUTGOING_SUPPORT,
    "<+": Tok.OUTGOING_SUPPORT,
    "-": Tok.OUTGOING_ATTACK,
    "<-": Tok.OUTGOING_ATTACK,
    "><": Tok.CONTRADICTION,
    "_>": Tok.INCOMING_UNDERCUT,
    "<_": Tok.OUTGOING_UNDERCUT,
    "_": Tok.OUTGOING_UNDERCUT,
}
_HEADING = re.compile(r"#+ ")
_END_AFTER = re.compile(r"(?:[ \t]|(?=[\n\r)}_.,!?;:\-*]|\Z))")
# Argdown's tag characters [a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF] ("A-z" takes
# "[\]^_`" too), written as the complement because that compiles in half the time.
_TAG = re.compile(
    r"#[^\x00-\x2c\x2e\x2f\x3a-\x40\x7b-\x9f\ud800-\uf8ff\ufdd0-\ufdef\ufff0-\U0010ffff]+[ \t]?"
)
_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+")
_FREESTYLE_INF = _FREESTYLE
_CONTROL = "@#*_[],.:;</>-(){}"
_DATA_STOP = re.compile(r"\}\s[^,}]|[\r\u2028\u2029]")
_DATA_AFTER = re.compile(r"\s*[,}]")
_COMMENT_TAIL_MANY = re.compile(r"(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_TAIL_ONE = re.compile(r"[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r))")
_SPECIAL_STOP = re.compile(r"\s")
# A character outside this set can only start free text, wherever it stands (outside
# inference lines): no other rule looks at it. It is every character _FREESTYLE excludes plus
# what starts front matter, whitespace and the line-start rules (relations, numbers, lists).
_PLAIN_STOP = frozenset("\\@#*_[],.:;</>-\r\n(){}= \t+0123456789")
_new_tuple = tuple.__new__  # builds a Token without the Python-level NamedTuple.__new__


class _Finder:
    """Next occurrence of a fixed string, cached so repeated searches stay linear."""

    def __init__(self, text: str, needle: str) -> None:
        self.text = text
        self.needle = needle
        self.at = -2  # position of the cached hit (-1: none after `searched`)
        self.searched = -1

    def next(self, pos: int) -> int:
        if self.searched <= pos and (self.at >= pos or self.at == -1):
            return self.at
        self.at = self.text.find(self.needle, pos)
        self.searched = pos
        return self.at


class _Lexer(LineReader):
    def __init__(self, text: str, fast: bool = False) -> None:
        super().__init__(text, fast)
        self.fast = fast
        self.n = len(text)
        self.tokens: list[Token] = []
        self.indents = [0]
        self.ranges: list[str] = []
        self.last_skipped_end = -1
        self.data_limit = -1  # cached first data stop position (>= data_from)
        self.data_from = -1
        self.data_fail_until = -1
        self.data_best = -1
        self.space_at = -1
        self.finders = {
            s: _Finder(text, s) for s in ("*/", "-->", "===", "]:", "]", ">:", ">", ")")
        }
        self.break_from = -1
        self.break_at = -1

    # -- helpers -------------------------------------------------------------

    def line_end(self, pos: int) -> int:
        if self.break_from <= pos <= self.break_at:
            return self.break_at
        m = _BREAK.search(self.text, pos)
        self.break_at = m.start() if m else self.n
        self.break_from = pos
        return self.break_at

    def last_kind(self) -> int:
        return self.tokens[-1].kind if self.tokens else 0

    def emit(self, kind: int, start: int, end: int) -> None:
        self.tokens.append(_new_tuple(Token, (kind, start, end)))

    def dedent_all(self, at: int) -> None:
        while len(self.indents) > 1:
            self.indents.pop()
            self.emit(Tok.DEDENT, at, at)

    def indent_to(self, width: int, at: int) -> None:
        if width > self.indents[-1]:
            self.indents.append(width)
            self.emit(Tok.INDENT, at, at)
        else:
            while len(self.indents) > 1 and width < self.indents[-1]:
                self.indents.pop()
                self.emit(Tok.DEDENT, at, at)

    def comment(self, pos: int) -> int:
        """End of a comment starting at pos (with the trailing breaks the rules take), or -1."""
        text = self.text
        if text.startswith("<!--", pos):
            hit = self.finders["-->"].next(pos + 4)
            end = -1 if hit == -1 else hit + 3
        elif text.startswith("/*", pos):
            hit = self.finders["*/"].next(pos + 2)
            end = -1 if hit == -1 else hit + 2
        elif text.startswith("//", pos):
            end = self.line_end(pos)
            if end >= self.n or text[end] not in "\r\n":
                return -1
        else:
            return -1
        if end == -1:
            return -1
        last = self.last_kind()
        if last == Tok.EMPTYLINE:
            m = _COMMENT_TAIL_MANY.match(text, end)
            return m.end() if m else end
        if last == Tok.NEWLINE:
            m = _COMMENT_TAIL_ONE.match(text, end)
            return m.end() if m else end
        return end

    def data(self, pos: int) -> int:
        """End of a `{...}` data token at pos, or -1 (Argdown's data pattern, linear)."""
        if pos < self.data_fail_until:
            return -1
        text = self.text
        if not (self.data_from <= pos < self.data_limit):
            m = _DATA_STOP.search(text, pos)
            limit = self.data_limit = m.start() if m else self.n
            self.data_from = pos
            # The largest closing brace the pattern accepts; it may sit at the stop itself.
            q = limit if limit < self.n and text[limit] == "}" else text.rfind("}", pos + 1, limit)
            while q > pos and _DATA_AFTER.match(text, q + 1):
                q = text.rfind("}", pos + 1, q)
            self.data_best = q
        if self.data_best > pos:
            return self.data_best + 1
        self.data_fail_until = self.data_limit
        return -1

    def special(self, pos: int) -> int:
        text = self.text
        c = text[pos]
        if self.space_at <= pos:
            m = _SPECIAL_STOP.search(text, pos + 1)
            self.space_at = m.start() if m else self.n
        stop = self.space_at
        hit = text.find(c, pos + 2, stop + 0)
        if hit == -1 or hit >= stop:
            return -1
        end = hit + 1
        if end < self.n and text[end] in " \t":
            end += 1
        return end

    def bracket(self, pos: int, close: str) -> tuple[int, int]:
        """(kind-specific) ends of definition `[..]:` and reference `[..]` at pos (-1: none)."""
        text = self.text
        eol = self.line_end(pos + 1)
        d = self.finders[close + ":"].next(pos + 2)
        definition = d + 2 if d != -1 and d + 2 <= eol else -1
        reference = -1
        if pos + 1 < self.n and text[pos + 1] != "-":
            first = pos + 1
            if text[first] in _LINEBREAK:
                first += 1
                eol = self.line_end(first)
            r = self.finders[close].next(first if text[pos + 1] in _LINEBREAK else pos + 2)
            if r != -1 and r < eol:
                reference = r + 1
        return definition, reference

    def link(self, pos: int) -> int:
        """End of a `[text](url)` link at pos, or -1."""
        text = self.text
        r = self.finders["]"].next(pos + 1)
        if r <= pos + 1 or not text.startswith("(", r + 1):
            return -1
        p = self.finders[")"].next(r + 2)
        if p <= r + 2:
            return -1
        end = p + 1
        if end < self.n and text[end] in " \t":
            end += 1
        return end

    def mention(self, pos: int, close: str) -> int:
        eol = self.line_end(pos)
        r = self.finders[close].next(pos + 3)
        if r == -1 or r >= eol:
            return -1
        end = r + 1
        if end < self.n and self.text[end] in " \t":
            end += 1
        return end

    # -- main loop -----------------------------------------------------------

    def run(self) -> list[Token]:
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
        return self.tokens

    def emphasis(self, pos: int, c: str) -> int:
        text = self.text
        double = text.startswith(c + c, pos)
        names = (("B" + c, 2), ("I" + c, 1)) if double else (("I" + c, 1),)
        # End tokens first (bold end before italic end), then start tokens.
        last = self.tokens[-1] if self.tokens else None
        for name, width in names:
            if self.ranges and self.ranges[-1] == name and last is not None:
                if self.last_skipped_end > last.end:
                    continue
                if _END_AFTER.match(text, pos + width):
                    end = pos + width
                    if end < self.n and text[end] in " \t":
                        end += 1
                    self.ranges.pop()
                    self.emit(Tok.BOLD_END if width == 2 else Tok.ITALIC_END, pos, end)
                    return end
        for name, width in names:
            nxt = pos + width
            if nxt >= self.n or not text[nxt].isspace():
                self.ranges.append(name)
                self.emit(Tok.BOLD_START if width == 2 else Tok.ITALIC_START, pos, nxt)
                return nxt
        return -1

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


def tokenize_fast(
    text: str,
) -> tuple[
    list[Token],
    dict[int, list[FastNode]],
    dict[int, FastHeading],
    dict[int, list[FastNode | None]],
    dict[int, FastNode],
]:
    """:func:`tokenize` with the paragraph fast path: FAST_BLOCK tokens and their lines,
    FAST_HEADING tokens and their headings, FAST_PCS tokens and their lines (None for an
    inference line), and FAST_ARGUMENT tokens and their lines, each keyed by the token's
    start."""
    lexer = _Lexer(text, fast=True)
    return lexer.run(), lexer.blocks, lexer.headings, lexer.pcs, lexer.arguments
