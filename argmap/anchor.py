"""Write quote offsets into Argdown files, editing only the quote data in place.

:func:`plan` works out, for every quote of a map that is found uniquely in its source but
lacks offsets (or has wrong ones), the offsets to write. :func:`apply` edits the Argdown text:
inside that quote's ``{text: ..., start: N, end: M}`` mapping it replaces or inserts
``start``/``end`` (a plain-string quote becomes a mapping); every other byte stays the same.

>>> text = '[T]: Tax. #thesis\\n    {quotes: ["tax land", {text: "rose", start: 1, end: 2}]}\\n'
>>> fixes = (Fix("T", 0, "tax land", 10, 18), Fix("T", 1, "rose", 30, 34))
>>> print(apply(text, fixes), end="")
[T]: Tax. #thesis
    {quotes: [{text: "tax land", start: 10, end: 18}, {text: "rose", start: 30, end: 34}]}
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from argmap.errors import SourceError
from argmap.formats import argdown
from argmap.formats.files import current_root, read_text
from argmap.model import ArgumentMap, Location
from argmap.quotes import find

__all__ = ["Fix", "apply", "plan"]


@attrs.frozen
class Fix:
    """Quote number ``index`` of statement ``statement`` belongs at ``start:end``."""

    statement: str
    index: int
    text: str
    start: int
    end: int
    old_start: int | None = None
    old_end: int | None = None

    def __str__(self) -> str:
        was = (
            f" (was start: {self.old_start}, end: {self.old_end})"
            if self.old_start is not None
            else ""
        )
        return (
            f"[{self.statement}] quote {self.index + 1}: start: {self.start}, end: {self.end}{was}"
        )


def plan(m: ArgumentMap, map_path: str | Path) -> tuple[Fix, ...]:
    """The fixes for ``m`` read from ``map_path`` (quotes not found uniquely are left out).

    The source is read by :func:`argmap.formats.files.read_text`, under the root folder in
    force (else the map's folder)."""
    if m.source is None:
        return ()
    source = Path(map_path).parent / m.source.path
    root = current_root() or Path(map_path).parent
    text = read_text(source, root=root, location=m.location, what="source")
    out: list[Fix] = []
    for s in m.statements:
        for i, q in enumerate(s.quotes):
            match = find(text, q)
            if match.found and (q.start, q.end) != (match.start, match.end):
                out.append(Fix(s.id, i, q.text, match.start, match.end, q.start, q.end))
    return tuple(out)


# -- inside one {...} data block (YAML flow style): where each value is --------------------


@attrs.frozen
class _Node:
    start: int
    end: int
    kind: str  # "map" | "list" | "scalar"
    value: str = ""  # a scalar's value
    items: tuple[_Node, ...] = ()  # list items
    keys: tuple[tuple[str, _Node], ...] = ()  # mapping entries


class _Flow:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path

    def fail(self, pos: int, message: str) -> SourceError:
        line = self.text.count("\n", 0, pos) + 1
        col = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return SourceError(message, Location(self.path, line, col))

    def skip(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in " \t\r\n":
            pos += 1
        return pos

    def node(self, pos: int) -> _Node:
        pos = self.skip(pos)
        if pos >= len(self.text):
            raise self.fail(pos, "unexpected end of data")
        c = self.text[pos]
        if c == "{":
            return self.mapping(pos)
        if c == "[":
            return self.sequence(pos)
        if c in "\"'":
            return self.quoted(pos)
        return self.plain(pos, ",]}")

    def mapping(self, pos: int) -> _Node:
        start = pos
        pos = self.skip(pos + 1)
        keys: list[tuple[str, _Node]] = []
        while self.text[pos : pos + 1] != "}":
            key = self.node(pos) if self.text[pos] in "\"'" else self.plain(pos, ":,}")
            pos = self.skip(key.end)
            if self.text[pos : pos + 1] != ":":
                raise self.fail(pos, "expected ':' in data")
            value = self.node(pos + 1)
            keys.append((key.value, value))
            pos = self.skip(value.end)
            if self.text[pos : pos + 1] == ",":
                pos = self.skip(pos + 1)
            elif self.text[pos : pos + 1] != "}":
                raise self.fail(pos, "expected ',' or '}' in data")
        return _Node(start, pos + 1, "map", keys=tuple(keys))

    def sequence(self, pos: int) -> _Node:
        start = pos
        pos = self.skip(pos + 1)
        items: list[_Node] = []
        while self.text[pos : pos + 1] != "]":
            item = self.node(pos)
            items.append(item)
            pos = self.skip(item.end)
            if self.text[pos : pos + 1] == ",":
                pos = self.skip(pos + 1)
            elif self.text[pos : pos + 1] != "]":
                raise self.fail(pos, "expected ',' or ']' in data")
        return _Node(start, pos + 1, "list", items=tuple(items))

    def quoted(self, pos: int) -> _Node:
        q = self.text[pos]
        i = pos + 1
        out: list[str] = []
        while i < len(self.text):
            c = self.text[i]
            if q == '"' and c == "\\" and i + 1 < len(self.text):
                nxt = self.text[i + 1]
                out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
                i += 2
                continue
            if c == q:
                if q == "'" and self.text[i + 1 : i + 2] == "'":
                    out.append("'")
                    i += 2
                    continue
                return _Node(pos, i + 1, "scalar", "".join(out))
            out.append(c)
            i += 1
        raise self.fail(pos, "unclosed quoted string in data")

    def plain(self, pos: int, stops: str) -> _Node:
        i = pos
        while i < len(self.text) and self.text[i] not in stops:
            if self.text[i] == ":" and self.text[i + 1 : i + 2] in (" ", "\n", ""):
                break
            i += 1
        end = i
        while end > pos and self.text[end - 1] in " \t\r\n":
            end -= 1
        return _Node(pos, end, "scalar", " ".join(self.text[pos:end].split()))


def _quotes_list(flow: _Flow, spans: dict[str, list[tuple[int, int]]], title: str) -> _Node:
    """The ``quotes: [...]`` list in the data of the definition of ``[title]``; the data
    blocks are where the Argdown reader's lexer finds them (:func:`argdown.data_spans`)."""
    for start, _end in spans.get(title, ()):
        data = flow.mapping(start)
        for key, value in data.keys:
            if key == "quotes" and value.kind == "list":
                return value
    raise SourceError(f"no quotes data found for [{title}]", Location(flow.path))


def apply(text: str, fixes: Iterable[Fix], path: str = "<argdown>") -> str:
    """``text`` with the offsets of ``fixes`` written into the quote data.

    ``text`` may keep its CRLF or CR line ends: the edits are worked out on the text with
    ``\\n`` line ends and made in ``text`` itself, so every other character, line ends
    included, stays as it was.

    >>> apply('[T]: x\\r\\n  {quotes: ["a b"]}\\r\\n', [Fix("T", 0, "a b", 3, 6)])
    '[T]: x\\r\\n  {quotes: [{text: "a b", start: 3, end: 6}]}\\r\\n'
    """
    if "\r" not in text:
        return _apply(text, _edits(text, fixes, path))
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    # Where each CRLF's "\n" stands in ``plain``: a position there or after it is one
    # character further on in ``text``.
    crlf: list[int] = []
    for k, mo in enumerate(re.finditer("\r\n", text)):
        crlf.append(mo.start() - k)
    return _apply(
        text,
        [
            (s + bisect.bisect_left(crlf, s), e + bisect.bisect_left(crlf, e), new)
            for s, e, new in _edits(plain, fixes, path)
        ],
    )


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    parts: list[str] = []
    pos = len(text)
    for start, end, new in sorted(edits, reverse=True):
        parts += [text[end:pos], new]
        pos = start
    parts.append(text[:pos])
    return "".join(reversed(parts))


def _edits(text: str, fixes: Iterable[Fix], path: str) -> list[tuple[int, int, str]]:
    """The replacements (start, end, new text) that write ``fixes`` into ``text``; none
    spans a line end, so they carry over to the same text with other line ends."""
    flow = _Flow(text, path)
    spans = argdown.data_spans(text, path)
    edits: list[tuple[int, int, str]] = []
    for fix in fixes:
        items = _quotes_list(flow, spans, fix.statement).items
        if fix.index >= len(items):
            raise SourceError(f"[{fix.statement}] has no quote {fix.index + 1}", Location(path))
        item = items[fix.index]
        offsets = f"start: {fix.start}, end: {fix.end}"
        if item.kind == "scalar":
            # Two insertions around the quoted text, which is kept as it is.
            edits.append((item.start, item.start, "{text: "))
            edits.append((item.end, item.end, f", {offsets}}}"))
            continue
        if item.kind != "map" or not item.keys:
            raise flow.fail(item.start, f"quote {fix.index + 1} of [{fix.statement}] is not text")
        entries = dict(item.keys)
        if "start" in entries and "end" in entries:
            for key, value in (("start", fix.start), ("end", fix.end)):
                edits.append((entries[key].start, entries[key].end, str(value)))
        else:
            last = item.keys[-1][1]
            edits.append((last.end, last.end, f", {offsets}"))
    return edits
