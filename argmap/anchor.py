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
from argmap.formats._argdown_include import locate_in
from argmap.formats.argdown import DataNode
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


def _quotes_list(nodes: dict[str, list[argdown.DataNode]], title: str, path: str) -> DataNode:
    """The ``quotes: [...]`` list in the data of the definition of ``[title]``, with the
    positions the Argdown reader reports (:func:`argdown.data_nodes`)."""
    for data in nodes.get(title, ()):
        for key, value in data.keys:
            if key == "quotes" and value.kind == "list":
                return value
    raise SourceError(f"no quotes data found for [{title}]", Location(path))


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
    nodes = argdown.data_nodes(text, path)

    def locate(offset: int) -> Location:
        return locate_in(path, text, offset)

    edits: list[tuple[int, int, str]] = []
    for fix in fixes:
        quotes = _quotes_list(nodes, fix.statement, path)
        items = quotes.items
        if fix.index >= len(items):
            raise SourceError(f"[{fix.statement}] has no quote {fix.index + 1}", Location(path))
        item = items[fix.index]
        offsets = f"start: {fix.start}, end: {fix.end}"
        what = f"quote {fix.index + 1} of [{fix.statement}]"
        if item.kind == "scalar" and item.style not in ("|", ">") and quotes.flow:
            # Two insertions around the quoted text, which is kept as it is.
            edits.append((item.start, item.start, "{text: "))
            edits.append((item.end, item.end, f", {offsets}}}"))
            continue
        if not quotes.flow and item.kind == "scalar":
            # Block YAML: Argdown ends the data at the first '}', so no {...} can go in.
            raise SourceError(
                f"{what} is in block-style data: make it a mapping with the lines text, "
                f"start: {fix.start} and end: {fix.end}",
                locate(item.start),
            )
        if item.kind != "map" or not item.keys:
            raise SourceError(
                f"{what} is not text or a {{text: ...}} mapping: write {offsets} by hand",
                locate(item.start),
            )
        entries = dict(item.keys)
        if "start" in entries and "end" in entries:
            for key, value in (("start", fix.start), ("end", fix.end)):
                node = entries[key]
                if node.kind != "scalar":
                    raise SourceError(f"{what}: its {key} is not a number", locate(node.start))
                edits.append((node.start, node.end, str(value)))
        elif item.flow:
            last = item.keys[-1][1]
            edits.append((last.end, last.end, f", {offsets}"))
        else:
            raise SourceError(
                f"{what} is a block mapping without offsets: add the lines start: "
                f"{fix.start} and end: {fix.end} to it",
                locate(item.start),
            )
    return edits
