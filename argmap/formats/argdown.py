"""Read and write Argdown: ``parse`` gives what Argdown sees, ``load``/``dump`` give argmap maps.

>>> doc = parse("[T]: Cities should tax land. #thesis")
>>> doc.statements[0].title, doc.statements[0].tags
('T', ('thesis',))
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO

from argmap.errors import ArgdownSyntaxError, SourceError
from argmap.formats._argdown_parser import lex, parse_text
from argmap.formats._argdown_syntax import (
    ArgumentNode,
    Document,
    Inference,
    Member,
    PcsItem,
    RelationNode,
    SectionNode,
    StatementNode,
)
from argmap.model import ArgumentMap, Location, _new, _slot_setters

__all__ = [
    "ArgumentNode",
    "Document",
    "Inference",
    "Member",
    "PcsItem",
    "RelationNode",
    "SectionNode",
    "StatementNode",
    "dump",
    "dumps",
    "includes",
    "load",
    "loads",
    "parse",
    "parse_file",
]

_INCLUDE = re.compile(r"@include\(([^)]+)\)")
_BAD_CHARS = re.compile(r"\x00")


class _SourceMap:
    """Offsets in the text with includes resolved, mapped back to file, line and column."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.files: list[tuple[str, int, list[int]]] = []  # path, offset in file, line starts
        self.parts: list[str] = []
        self.length = 0

    def add(self, path: str, text: str, start: int, end: int, lines: list[int]) -> None:
        if end <= start:
            return
        self.starts.append(self.length)
        self.files.append((path, start, lines))
        self.parts.append(text[start:end])
        self.length += end - start

    def locate(self, offset: int) -> Location:
        if not self.starts:
            return Location("<string>", 1, 1)
        k = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        path, file_start, lines = self.files[k]
        pos = file_start + offset - self.starts[k]
        line = bisect.bisect_right(lines, pos) - 1
        return Location(path, line + 1, pos - lines[line] + 1)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


_LOCATION_SET = _slot_setters(Location, "path", "line", "column")


def _locator(path: str, lines: list[int]) -> Callable[[int], Location]:
    """Offsets in a text without includes to locations in ``path`` (``lines``: where the
    text's lines start). Readers locate every statement and relation of a map, so the
    Location is built with its slots set directly (see model._fast_quote)."""
    set_path, set_line, set_column = _LOCATION_SET

    def locate(offset: int) -> Location:
        line = bisect.bisect_right(lines, offset)
        loc: Location = _new(Location)
        set_path(loc, path)
        set_line(loc, line)
        set_column(loc, offset - lines[line - 1] + 1)
        return loc

    return locate


def _locate_in(path: str, text: str, offset: int) -> Location:
    return _locator(path, _line_starts(text))(offset)


def _decode(data: bytes, path: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        prefix = data[: e.start].decode("utf-8", errors="replace")
        raise SourceError(
            f"not UTF-8: byte 0x{data[e.start]:02x} cannot be decoded",
            _locate_in(path, prefix, len(prefix)),
        ) from None
    return text


def _check_chars(text: str, path: str) -> None:
    m = _BAD_CHARS.search(text)
    if m:
        raise SourceError(
            f"control character U+{ord(m.group()):04X} in text (binary file?)",
            _locate_in(path, text, m.start()),
        )


def _read(path: str, where: Location | None) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SourceError(f"cannot read {path}: {e.strerror}", where) from None
    text = _decode(data, path)
    return text[1:] if text.startswith("\ufeff") else text


def _expand(text: str, path: str, smap: _SourceMap, stack: list[str], seen: set[str]) -> None:
    _check_chars(text, path)
    lines = _line_starts(text)
    base = Path(path).parent if path != "<string>" else Path(".")
    pos = 0
    for m in _INCLUDE.finditer(text):
        smap.add(path, text, pos, m.start(), lines)
        pos = m.end()
        target = os.path.normpath(base / m.group(1).strip())
        where = _locate_in(path, text, m.start())
        if target in stack:
            raise ArgdownSyntaxError(f"include cycle: {m.group(1)} includes this file again", where)
        if target in seen:
            continue  # the CLI includes each file once
        if not Path(target).is_file():
            raise SourceError(f"included file not found: {m.group(1)}", where)
        seen.add(target)
        stack.append(target)
        _expand(_read(target, where), target, smap, stack, seen)
        stack.pop()
    smap.add(path, text, pos, len(text), lines)


def _includes(text: str, path: str, stack: list[str]) -> tuple[Document, ...]:
    base = Path(path).parent if path != "<string>" else Path(".")
    out: list[Document] = []
    for m in _INCLUDE.finditer(text):
        target = os.path.normpath(base / m.group(1).strip())
        if target in stack:
            continue
        out.append(_parse(_read(target, None), target, True, [*stack, target]))
    return tuple(out)


def _parse(text: str, path: str, include: bool, stack: list[str]) -> Document:
    if text.startswith("\ufeff"):
        text = text[1:]
    smap = _SourceMap()
    if include and "@include(" in text:
        _expand(text, path, smap, list(stack), set())
        combined = "".join(smap.parts)
        doc = parse_text(combined, path, smap.locate)
        from attrs import evolve

        return evolve(doc, includes=_includes(text, path, stack))
    _check_chars(text, path)
    return parse_text(text, path, _locator(path, _line_starts(text)))


def includes(text: str) -> list[tuple[str, int]]:
    """The files ``text`` ``@include``\\ s, as written, with the offset of each ``@include``.

    This is the reader's own rule (Argdown's: anywhere in the text, comments included).

    >>> includes("# C\\n\\n@include(a.argdown)\\n")
    [('a.argdown', 5)]
    """
    if "@include(" not in text:
        return []
    return [(m.group(1).strip(), m.start()) for m in _INCLUDE.finditer(text)]


def parse(text: str, path: str = "<string>", *, include: bool = True) -> Document:
    """Parse Argdown text; ``@include`` paths are relative to ``path``."""
    return _parse(text, path, include, [os.path.normpath(path)])


def parse_file(path: str | os.PathLike[str], *, include: bool = True) -> Document:
    """Parse an Argdown file (UTF-8)."""
    p = os.fspath(path)
    return _parse(_read(p, Location(p, 1, 1)), p, include, [os.path.normpath(p)])


def dumps(m: ArgumentMap) -> str:
    """Canonical Argdown for a map; ``loads(dumps(m)) == m``."""
    from argmap.formats._argdown_writer import dumps as _dumps  # not needed to read maps

    return _dumps(m)


def dump(m: ArgumentMap, path_or_file: str | os.PathLike[str] | IO[str]) -> None:
    """Write :func:`dumps` output to a path (UTF-8) or an open text file."""
    from argmap.formats._argdown_writer import dump as _dump

    _dump(m, path_or_file)


def _load(text: str, path: str) -> ArgumentMap:
    from argmap.formats._argdown_map import document_to_map

    if text.startswith("\ufeff"):
        text = text[1:]
    if "@include(" in text:
        return document_to_map(_parse(text, path, True, [os.path.normpath(path)]), path)
    # Without includes: straight to the map where the direct builder can, else the general
    # path (which lexes the text again: the direct builder consumes the tokens).
    from argmap.formats._argdown_direct import direct_map

    _check_chars(text, path)
    locate = _locator(path, _line_starts(text))
    found = direct_map(text, path, locate, lex(text, locate))
    if found is not None:
        return found
    return document_to_map(parse_text(text, path, locate), path)


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Read an argmap map from Argdown text."""
    return _load(text, path)


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read an argmap map from an Argdown file."""
    p = os.fspath(path)
    return _load(_read(p, Location(p, 1, 1)), p)
