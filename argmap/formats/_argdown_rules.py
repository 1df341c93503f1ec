"""The token rules of Argdown 1.7's lexer that look past one character: comments, data,
shortcodes, brackets, links, mentions, emphasis, and the indentation tokens.

:class:`TokenRules` holds the lexer's state and these steps; the lexer's main loop, which
picks the rule for each position, is in ``_argdown_lexer.py``; the paragraph fast path in
``_argdown_lines.py``.
"""

from __future__ import annotations

import re

from argmap.formats._argdown_lines import LineReader
from argmap.formats._argdown_tokens import Tok, Token

__all__ = ["TokenRules"]

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


class TokenRules(LineReader):
    """The lexer's state and its token rules (see the module docstring)."""

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
