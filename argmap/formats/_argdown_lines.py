"""The lexer's paragraph fast path: whole paragraphs recognised line by line.

Most paragraphs of real maps are a statement definition, at most one ``{...}`` data line per
node, and indented relation lines below it; or a one-line heading; or a premise-conclusion
paragraph of numbered statements and plain inference lines; or a one-line argument
description. :class:`LineReader` recognises such paragraphs with the regexes below and keeps
their lines already read (:class:`FastNode`, :class:`FastHeading`); the lexer emits one token
for the paragraph. A line qualifies only when the general token rules provably read it the
same way; anything else takes the general path. tests/test_fast_paths.py compares both.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from argmap.formats._argdown_tokens import Tok

__all__ = ["FastHeading", "FastNode", "LineReader"]

_new_tuple = tuple.__new__  # builds a NamedTuple without the Python-level __new__

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
# token longer); see _NODE. A data line with a "}" followed by whitespace inside it is declined
# by the readers below (_DATA_INNER_STOP: Argdown's data token could stop early there): a
# search of the line costs less than the lookahead for it that the pattern had.
_DATA_LINE = r"(?:\n *(\{[^\n]*\})(?!\s*[,}]))?"
# A blank line or the end of the text comes next: the paragraph ends.
_PARAGRAPH_END = r"(?=\n[ \t]*\r?\n|\n?\Z)"
# A node line without its indentation and relation, the data line that may follow it, and
# whether the paragraph ends after them (the "last" group is set when a blank line or the end
# of the text follows). The data is matched with the cheap [^\n] (much faster than a class of
# several characters); fast_block declines a paragraph with "\r", "\u2028" or "\u2029" in it,
# which the general rules read as line breaks and the replaced class left out. The paragraph is
# declined when a "}" inside a data line is followed by whitespace, where Argdown's data token
# could stop early (its last "}" is followed by "\n" or nothing): see _DATA_LINE.
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


class LineReader:
    """The paragraph recognisers, over one text; each stores what it read, keyed by the
    paragraph's start, and returns the paragraph's end (or -1 where it does not apply)."""

    def __init__(self, text: str, fast: bool) -> None:
        self.text = text
        self.blocks: dict[int, list[FastNode]] = {}
        self.headings: dict[int, FastHeading] = {}
        self.pcs: dict[int, list[FastNode | None]] = {}
        self.arguments: dict[int, FastNode] = {}
        self.tag_tails = _TagTails()
        # Whether the text holds a line break that _NODE's data lets through (see there).
        self.odd_breaks = fast and any(odd in text for odd in _ODD_BREAKS)

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
            if _DATA_INNER_STOP.search(data):
                return -1  # where Argdown's data token could stop early (see _DATA_LINE)
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
        relation_line, inner_stop, ops = (
            _FAST_RELATION_LINE.match,
            _DATA_INNER_STOP.search,
            _FAST_OPS,
        )
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
            words, plain, tags, reference = read
            end = m.end()
            if data is None:
                data_start = data_end = -1
            else:  # the data ends the match
                if inner_stop(data):
                    return -1  # where Argdown's data token could stop early (see _DATA_LINE)
                data_start = end - len(data)
                data_end = end
                with_data = True
            start = m.start(3) - 1
            node = (
                width,
                ops[op],
                line,
                start,
                title,
                words,
                plain,
                tags,
                reference,
                data_start,
                data_end,
            )
            append(_new_tuple(FastNode, node))
            if last is not None:
                break
            line = end + 1
            m = relation_line(text, line)
        # Only data lines can hold the breaks that [^\n] lets through (see _NODE).
        if with_data and self.odd_breaks:
            for odd in _ODD_BREAKS:
                if text.find(odd, pos, end) != -1:
                    return -1
        self.blocks[pos] = nodes
        return end
