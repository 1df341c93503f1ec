"""``@include``: which lines are directives, and a text with its includes resolved.

The rule, one place for every command (``check``, ``build``, map discovery, comparisons):

* **Where.** An include is a *directive*: a line holding only ``@include(path)`` (spaces
  around it allowed) whose ``@`` the lexer reads as a token of its own. Inside ``{...}`` data,
  frontmatter or a comment, after a backslash, or in the middle of a line, ``@include(...)``
  is literal text. (The Argdown CLI expands the pattern anywhere; argmap does not, so a note
  or a quote cannot read a file into a map.)
* **What.** The path is relative to the including file and must lie inside ``root``, the
  folder of the top-level file, unless an ``allow_outside`` folder holds it (see
  :func:`argmap.formats.files.read_text`, which reads every included file).
* **How often.** As in the Argdown CLI, each file is included once per top-level file: a
  second ``@include`` of a file already included (a cycle, or a file included twice) is
  left out. The top-level file itself is not counted, as in the CLI.
* **How deep.** At most :data:`MAX_INCLUDE_DEPTH` nested levels; the expansion keeps its
  own stack, so no include chain can exhaust Python's recursion.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from argmap.errors import ArgdownSyntaxError, LimitError, SourceError
from argmap.formats._argdown_lexer import LexError, Tok, tokenize
from argmap.formats.files import check_inside, read_text
from argmap.model import Location, _new, _slot_setters

__all__ = [
    "MAX_INCLUDE_DEPTH",
    "Directive",
    "Expanded",
    "SourceMap",
    "directives",
    "expand",
    "line_starts",
    "locate_in",
    "locator",
    "read_file",
]

#: The most levels of nested ``@include`` (a file including a file including ...).
MAX_INCLUDE_DEPTH = 64

_LINE_BREAK = re.compile("\n")
_DIRECTIVE_LINE = re.compile(r"^[ \t]*@include\(([^)\n]+)\)[ \t]*$", re.MULTILINE)
_LOCATION_SET = _slot_setters(Location, "path", "line", "column")


def line_starts(text: str) -> list[int]:
    """The offsets at which the lines of ``text`` start."""
    # where each line break ends, found and collected in C (a text has many lines; splitting
    # it made a string per line, which took twice the time and much memory)
    return [0, *map(re.Match.end, _LINE_BREAK.finditer(text))]


def locator(path: str, lines: list[int]) -> Callable[[int], Location]:
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


def locate_in(path: str, text: str, offset: int) -> Location:
    """The location of ``offset`` in ``text``, the text of ``path``."""
    return locator(path, line_starts(text))(offset)


class SourceMap:
    """Offsets in a text with its includes resolved, mapped back to file, line and column."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.files: list[tuple[str, int, list[int]]] = []  # path, offset in file, line starts
        self.parts: list[str] = []
        self.length = 0

    def add(self, path: str, text: str, start: int, end: int, lines: list[int]) -> None:
        """Append ``text[start:end]``, a part of the file ``path`` (``lines``: its line starts)."""
        if end <= start:
            return
        self.starts.append(self.length)
        self.files.append((path, start, lines))
        self.parts.append(text[start:end])
        self.length += end - start

    def locate(self, offset: int) -> Location:
        """The file, line and column an offset of the joined text comes from."""
        if not self.starts:
            return Location("<string>", 1, 1)
        k = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        path, file_start, lines = self.files[k]
        pos = file_start + offset - self.starts[k]
        line = bisect.bisect_right(lines, pos) - 1
        return Location(path, line + 1, pos - lines[line] + 1)


@attrs.frozen
class Directive:
    """One ``@include(target)`` line: its span in the text, the path as written, and where
    the path stands."""

    start: int
    end: int
    target: str
    location: Location


def directives(text: str, path: str) -> list[Directive]:
    """The ``@include`` directives of ``text`` (the text of ``path``), in order.

    >>> [d.target for d in directives("@include(a.argdown)\\n\\n[T]: see @include(b)", "m")]
    ['a.argdown']
    >>> directives("[T]: text\\n    {note: 'x\\n@include(secret)'}", "m")
    []
    """
    if "@include(" not in text:
        return []
    candidates = list(_DIRECTIVE_LINE.finditer(text))
    if not candidates:
        return []
    try:
        tokens = tokenize(text)
    except LexError as e:
        raise ArgdownSyntaxError(e.message, locate_in(path, text, e.offset)) from None
    own = {t.start for t in tokens if t.kind == Tok.CONTROL_CHAR}
    lines = line_starts(text)
    locate = locator(path, lines)
    return [
        Directive(m.start(), m.end(), m.group(1).strip(), locate(m.start(1)))
        for m in candidates
        if text.index("@", m.start()) in own
    ]


def read_file(
    path: str,
    *,
    root: Path | None,
    allow_outside: Sequence[str | os.PathLike[str]] = (),
    where: Location | None = None,
    what: str = "file",
) -> str:
    """The text of an Argdown file, by the rules of :func:`argmap.formats.files.read_text`
    (decoded, line ends made ``\\n``, a leading byte order mark dropped)."""
    text = read_text(path, root=root, allow_outside=allow_outside, location=where, what=what)
    return text[1:] if text.startswith("\ufeff") else text


@attrs.frozen
class Expanded:
    """A text with its includes resolved: the joined text, its source map, and the files
    the top-level text includes directly (normalised paths, in order)."""

    text: str
    source_map: SourceMap
    direct: tuple[str, ...]


def _key(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _target(including: str, written: str) -> str:
    base = Path(including).parent if including != "<string>" else Path(".")
    return os.path.normpath(base / written)


def expand(
    text: str,
    path: str,
    *,
    root: Path | None,
    allow_outside: Sequence[str | os.PathLike[str]] = (),
) -> Expanded:
    """``text`` (the text of ``path``) with every include directive replaced by the text of
    the file it names, itself expanded; see the module docstring for the rules."""
    smap = SourceMap()
    included: set[str] = set()  # the CLI's "already included" list (the top file not in it)
    direct: list[str] = []
    # One frame per open file: its path, text, line starts, directives and the next one to
    # resolve, and where its text is copied up to.
    stack: list[tuple[str, str, list[int], list[Directive], list[int]]] = [
        (path, text, line_starts(text), directives(text, path), [0, 0])
    ]
    while stack:
        file, body, lines, found, cursor = stack[-1]
        index, copied = cursor
        if index == len(found):
            smap.add(file, body, copied, len(body), lines)
            stack.pop()
            continue
        d = found[index]
        smap.add(file, body, copied, d.start, lines)
        cursor[0], cursor[1] = index + 1, d.end
        target = _target(file, d.target)
        key = _key(target)
        if len(stack) == 1:
            direct.append(target)  # the files named at the top (a comparison's maps)
        if key in included:
            continue  # the CLI includes each file once
        if len(stack) > MAX_INCLUDE_DEPTH:
            raise LimitError(
                f"includes are nested more than {MAX_INCLUDE_DEPTH} levels deep", d.location
            )
        included.add(key)
        check_inside(
            target, root=root, allow_outside=allow_outside, location=d.location, what="include"
        )
        if not os.path.exists(target):
            raise SourceError(f"included file not found: {d.target}", d.location)
        child = read_file(
            target, root=root, allow_outside=allow_outside, where=d.location, what="include"
        )
        stack.append((target, child, line_starts(child), directives(child, target), [0, 0]))
    return Expanded("".join(smap.parts), smap, tuple(direct))
