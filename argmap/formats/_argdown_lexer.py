"""Tokenizer for Argdown text: the token rules of Argdown 1.7's lexer, in one linear pass."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["FastHeading", "FastNode", "LexError", "Tok", "Token", "tokenize", "tokenize_fast"]


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
    kind: int
    start: int
    end: int


class LexError(Exception):
    """A character no token rule accepts (offset into the text)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


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

# -- the line-level fast path ------------------------------------------------------------------
#
# Most paragraphs of real maps are a statement definition, at most one `{...}` data line per
# node, and indented relation lines below it. Such a paragraph is recognised line by line with
# the regexes below and handed to the parser as one FAST_BLOCK token whose lines are already
# read (FastNode). A line qualifies only when the general rules provably read it the same way:
# no character that starts another token rule (escapes, emphasis, mentions, links, comments,
# arguments, data or front matter in the text), no shortcode (two "." or two ":" in one word),
# single spaces and no trailing whitespace (the general rules drop some spaces after
# punctuation and tags), consistent indentation. Anything else: the whole paragraph takes the
# general path. tests/test_fast_paths.py compares both paths on generated documents.
_TAG_CH = r"a-zA-Z0-9\-"  # ASCII tags only: the full class costs milliseconds to compile
_FAST_TAG = rf"#[{_TAG_CH}]+"
# A tag word of a fast line: "#" and ASCII tag characters up to a space or the end of the line.
_TAG_WORD = rf"{_FAST_TAG}(?![^ \n])"
# A line's text is checked with one character class and a few rare steps rather than word by
# word: the word-by-word pattern took some 40 % of the lexer's time on big maps. _BODY_RUN is
# a run of characters that start no other rule and need no further look: no whitespace but the
# space, none of "\@#*_[]</{}=", and no "." or ":" (let through one at a time in _BODY).
# _WHITESPACE_BUT_SPACE is what `\s` takes besides " " (a test checks it on every code point).
_WHITESPACE_BUT_SPACE = (
    r"\t\n\x0b-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
_BODY_RUN = rf"[^{_WHITESPACE_BUT_SPACE}\\@#*_\[\]</{{}}=.:]*"
# The text of a fast line: words separated by single spaces, each a tag or a word of _BODY_RUN
# characters with at most one "." or ":" (the language of the word-by-word pattern it replaced,
# which tests/test_fast_paths.py keeps and compares it with). Step by step:
# - it starts with a tag or with anything but a space or the line's end (what the run and the
#   loop let through), so it is not empty and no space comes first;
# - a "." or ":" is let through where no other one follows in its word (up to a space or the
#   line's end): in a word with two (a shortcode, which the general rules read as a special
#   token) the first one fails;
# - a "#" only where a tag word starts after a space (the first word is taken above): a "#"
#   inside a word, or one not followed by tag characters up to the word's end, fails;
# - no space comes last (the general rules drop spaces after punctuation and tags).
# Two spaces in a row are let through: a lookahead for them cost more than the `"  " in body`
# with which _fast_words and fast_heading decline them.
_BODY = (
    rf"(?:{_TAG_WORD}|(?=[^ \n]))"
    rf"{_BODY_RUN}(?:(?:[.:](?![^ \n.:]*[.:])|(?<= ){_TAG_WORD}){_BODY_RUN})*(?<! )"
)
_TITLE = r"[^\[\]\n\r\u2028\u2029\-][^\[\]\n\r\u2028\u2029]*"
# What follows a node's title: ": text" (or ":text") or a reference's tags.
_WORDS_OR_TAGS = rf"(?:: ?({_BODY})|((?: {_FAST_TAG})*))"
# A data line under a node, with no "," or "}" next after it (which would make Argdown's data
# token longer); see _NODE.
_DATA_LINE = r"(?:\n *(\{(?![^\n]*\}[^\S\n])[^\n]*\})(?!\s*[,}]))?"
# A blank line or the end of the text comes next: the paragraph ends.
_PARAGRAPH_END = r"(?=\n[ \t]*\r?\n|\n?\Z)"
# A node line without its indentation and relation, the data line that may follow it, and
# whether the paragraph ends after them (the "last" group is set when a blank line or the end
# of the text follows). The data is matched with the cheap [^\n] (much faster than a class of
# several characters); fast_block declines a paragraph with "\r", "\u2028" or "\u2029" in it,
# which the general rules read as line breaks and the replaced class left out. A data line is
# left out (and the paragraph declined) when a "}" inside it is followed by whitespace, where
# Argdown's data token could stop early (its last "}" is followed by "\n" or nothing).
_NODE = rf"\[({_TITLE})\]{_WORDS_OR_TAGS}{_DATA_LINE}(?:{_PARAGRAPH_END}(?P<last>)|(?=\n))"
# The first line of a fast paragraph (run() calls fast_block at a "[" that starts a line), and
# the indented relation lines below it. Both number their groups alike: the first line's
# indentation and relation are empty groups.
_FAST_TOP_LINE = re.compile(rf"()(){_NODE}")
_FAST_RELATION_LINE = re.compile(rf"( +)(\+>|->|_>|><|\+|-|_) +{_NODE}")
_ODD_BREAKS = "\r\u2028\u2029"
# A heading paragraph of one line: words and ASCII tags, and optional one-line data.
_FAST_HEADING = re.compile(
    rf"(#+) ({_BODY})"
    r"(?: (\{[^\n\r\u2028\u2029]*\})(?!\s*[,}]))?"
    rf"{_PARAGRAPH_END}"
)
# One numbered line of a premise-conclusion paragraph ("(1) [T]: text" or "(2) [T] #tag"),
# the plain "----" inference line that may follow it (only before another numbered line), and
# whether the paragraph ends after them.
_FAST_NUMBERED = re.compile(
    rf"\(\d+\) \[({_TITLE})\]{_WORDS_OR_TAGS}"
    r"(?:\n(-{4,})(?=\n\())?"
    rf"(?:{_PARAGRAPH_END}(?P<last>)|(?=\n\())"
)
# An argument description paragraph of one line, "<T>: text" or "<T> #tag", and the data line
# that may follow it as under a statement. Its title holds no "<", ">" or line break, so the
# general rules end it at the ">:" or ">" after it, and starts with none of "+", "-", "_"
# (after "<" they start a relation at a line's start) or "!--" (a comment).
_FAST_ARGUMENT = re.compile(
    r"<((?![+\-_]|!--)[^<>\n\r\u2028\u2029]+)>"
    rf"{_WORDS_OR_TAGS}{_DATA_LINE}{_PARAGRAPH_END}"
)
_FAST_TAGS = re.compile(rf"{_FAST_TAG} ?")
_FAST_TAG_NAMES = re.compile(rf"#([{_TAG_CH}]+)")
_DATA_INNER_STOP = re.compile(r"\}\s")
_FAST_OPS = {
    "": 0,  # the first line of a paragraph
    "+>": Tok.INCOMING_SUPPORT,
    "->": Tok.INCOMING_ATTACK,
    "_>": Tok.INCOMING_UNDERCUT,
    "><": Tok.CONTRADICTION,
    "+": Tok.OUTGOING_SUPPORT,
    "-": Tok.OUTGOING_ATTACK,
    "_": Tok.OUTGOING_UNDERCUT,
}


class FastNode(NamedTuple):
    """One statement line of a fast paragraph, read as the general rules would read it."""

    width: int  # indentation (0: the paragraph's top-level statement)
    relation: int  # the relation token kind of the line (0 for the top-level statement)
    line: int  # offset of the line start (where a relation is located)
    start: int  # offset of the "[" (where the statement is located)
    title: str
    text: str  # what the text tokens put together ("" for a reference without tags)
    plain: str  # the same with every tag (and the space it takes) replaced by one space
    tags: tuple[str, ...]  # in order of occurrence, repeats kept
    reference: bool
    data_start: int  # the "{...}" data token on the next line, or -1
    data_end: int


class FastHeading(NamedTuple):
    """A one-line heading paragraph, read as the general rules would read it."""

    level: int
    text: str  # the heading's words and tags as the text tokens put them together
    tags: tuple[str, ...]  # in order of occurrence, repeats kept
    data_start: int  # the "{...}" data token at the end of the line, or -1
    data_end: int


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


class _TagTails(dict[str, tuple[str, tuple[str, ...]]]):
    """What the part of a fast line's text from its first "#" on reads as: the same without
    tags (each tag and the space after it made one space) and the tags. Most lines end in one
    of a few tags, so this is mostly looked up rather than read again (for one text)."""

    def __missing__(self, tail: str) -> tuple[str, tuple[str, ...]]:
        read = self[tail] = (_FAST_TAGS.sub(" ", tail), tuple(_FAST_TAG_NAMES.findall(tail)))
        return read


def _fast_words(
    body: str | None, reftags: str | None, tails: _TagTails
) -> tuple[str, str, tuple[str, ...], bool] | None:
    """A fast line's words, its text without tags, its tags, and whether it is a reference
    (``[T] #tags`` rather than ``[T]: text``); None to decline the line."""
    if body is None:
        words = (reftags or " ")[1:]  # "" or "#a #b": without its tags one space a tag
        plain, tags = tails[words]
        return words, plain, tags, True
    if "  " in body:
        return None  # _BODY lets two spaces in a row through (see there)
    first = body.find("#")
    if first == -1:
        return body, body, (), False
    # Tags start at a "#", so the part before the first one is the same without tags.
    plain, tags = tails[body[first:]]
    return body, body[:first] + plain, tags, False


class _Lexer:
    def __init__(self, text: str, fast: bool = False) -> None:
        self.text = text
        self.fast = fast
        self.blocks: dict[int, list[FastNode]] = {}
        self.headings: dict[int, FastHeading] = {}
        self.pcs: dict[int, list[FastNode | None]] = {}
        self.arguments: dict[int, FastNode] = {}
        self.tag_tails = _TagTails()
        # Whether the text holds a line break that _NODE's data lets through (see there).
        self.odd_breaks = fast and any(odd in text for odd in _ODD_BREAKS)
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

    def fast_heading(self, pos: int) -> int:
        """End of a one-line heading paragraph at pos (stored in self.headings), or -1."""
        m = _FAST_HEADING.match(self.text, pos)
        if m is None:
            return -1
        hashes, body, data = m.groups()
        if "  " in body:
            return -1  # _BODY lets two spaces in a row through (see there)
        if data is not None:
            if _DATA_INNER_STOP.search(data):
                return -1  # where Argdown's data token could stop early
            data_start, data_end = m.span(3)
        else:
            data_start = data_end = -1
        tags = tuple(_FAST_TAG_NAMES.findall(body)) if "#" in body else ()
        self.headings[pos] = FastHeading(len(hashes), body, tags, data_start, data_end)
        return m.end()

    def fast_pcs(self, pos: int) -> int:
        """End of a premise-conclusion paragraph at pos whose lines are numbered statements
        and plain "----" inference lines (stored in self.pcs, None for an inference), or -1."""
        text = self.text
        tails = self.tag_tails
        lines: list[FastNode | None] = []
        append = lines.append
        line = pos
        inferences = 0
        while True:
            m = _FAST_NUMBERED.match(text, line)
            if m is None:
                return -1
            title, body, reftags, inference, last = m.groups()
            read = _fast_words(body, reftags, tails)
            if read is None:
                return -1
            start = m.start(1) - 1
            append(_new_tuple(FastNode, (0, 0, line, start, title, *read, -1, -1)))
            if inference is not None:
                append(None)
                inferences += 1
            line = m.end()
            if last is not None:
                if not inferences:
                    return -1  # the general path reports the missing inference
                self.pcs[pos] = lines
                return line
            line += 1

    def fast_argument(self, pos: int) -> int:
        """End of a one-line argument description paragraph at pos, with the data line that
        may follow it (stored in self.arguments, as a top-level FastNode), or -1."""
        m = _FAST_ARGUMENT.match(self.text, pos)
        if m is None:
            return -1
        title, body, reftags, data = m.groups()
        read = _fast_words(body, reftags, self.tag_tails)
        if read is None:
            return -1
        if data is None:
            data_start = data_end = -1
        else:
            if self.odd_breaks and any(odd in data for odd in _ODD_BREAKS):
                return -1  # a line break the general rules see in it (see _NODE)
            data_start, data_end = m.span(4)
        node = (0, 0, pos, pos, title, *read, data_start, data_end)
        self.arguments[pos] = _new_tuple(FastNode, node)
        return m.end()

    def fast_block(self, pos: int) -> int:
        """End of a fast paragraph at pos (its nodes stored in self.blocks), or -1."""
        text = self.text
        tails = self.tag_tails
        nodes: list[FastNode] = []
        append = nodes.append
        widths = [0]  # the indentation of the open levels (0: the first line's)
        with_data = False
        line = pos
        m = _FAST_TOP_LINE.match(text, pos)
        while True:
            if m is None:
                return -1
            ind, op, title, body, reftags, data, last = m.groups()
            width = len(ind)  # >= 1 on relation lines (_FAST_RELATION_LINE)
            if width > widths[-1]:
                widths.append(width)
            elif width < widths[-1]:
                while width < widths[-1]:
                    widths.pop()
                if width != widths[-1]:
                    return -1  # no level is open at this indentation
            read = _fast_words(body, reftags, tails)
            if read is None:
                return -1
            end = m.end()
            if data is None:
                data_start = data_end = -1
            else:  # the data ends the match
                data_start = end - len(data)
                data_end = end
                with_data = True
            node = (width, _FAST_OPS[op], line, m.start(3) - 1, title, *read, data_start, data_end)
            append(_new_tuple(FastNode, node))
            if last is not None:
                break
            line = end + 1
            m = _FAST_RELATION_LINE.match(text, line)
        # Only data lines can hold the breaks that [^\n] lets through (see _NODE).
        if with_data and self.odd_breaks:
            for odd in _ODD_BREAKS:
                if text.find(odd, pos, end) != -1:
                    return -1
        self.blocks[pos] = nodes
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
