"""Write comparison files: a new comparison's skeleton, one more map, one more correspondence.

The skeleton (``argmap new-comparison``) holds the ``@include`` lines, an issue with a
``positions`` block keyed by every map id (one line per map), and a commented example
correspondence. Its placeholders start with :data:`PLACEHOLDER_MARK`; ``argmap check`` warns
about each one still there. Editing an existing file changes only what it must: an
``@include`` line and one position per issue (:func:`add_map`), or one correspondence in its
issue's section (:func:`insert_correspondence`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from argmap.errors import ArgmapError
from argmap.formats._argdown_writer import data_string, escape
from argmap.model import ArgumentMap, Location

__all__ = [
    "PLACEHOLDER_MARK",
    "add_map",
    "comparison_text",
    "insert_correspondence",
    "positions_block",
]

PLACEHOLDER_MARK = "REPLACE ME"
"""Opens every placeholder a scaffold writes, so a reader (and ``argmap check``) sees it."""

_INCLUDE = re.compile(r"^@include\((?P<path>[^)]*)\)[ \t]*$", re.M)
_HEADING = re.compile(r"^#{1,6}[ \t]")


def _position(map_id: str, m: ArgumentMap | None) -> str:
    thesis = ""
    if m is not None:
        theses = [s.id for s in m.statements if s.role.value == "thesis"]
        thesis = theses[0] if theses else ""
    statements = f"[{data_string(thesis)}]" if thesis else "[]"
    answer = data_string(f"{PLACEHOLDER_MARK}: {map_id}'s answer in a few words")
    return f"{map_id}: {{answer: {answer}, statements: {statements}}}"


def positions_block(maps: Sequence[ArgumentMap], indent: str = "    ") -> str:
    """The ``positions`` data of an issue, one line per map, every answer a placeholder.

    The closing braces end the last map's line: the Argdown CLI 1.7.5 rejects a data block
    whose closing braces stand on a line of their own."""
    lines = [f"{indent}{{positions: {{"]
    for n, m in enumerate(maps):
        end = "," if n < len(maps) - 1 else "}}"
        lines.append(f"{indent}    {_position(m.id, m)}{end}")
    return "\n".join(lines)


def comparison_text(
    includes: Sequence[tuple[str, ArgumentMap]], *, title: str, comparison_id: str
) -> str:
    """A new comparison file: ``includes`` are (path relative to the file, map) pairs."""
    if len(includes) < 1:
        raise ArgmapError("a comparison needs at least one map")
    if "\n" in title or not title.strip():
        raise ArgmapError("the title must be one non-empty line")
    maps = [m for _p, m in includes]
    left, right = (maps + maps)[:2] if len(maps) < 2 else maps[:2]
    lt = next((s.id for s in left.statements), "A: Some statement")
    rt = next((s.id for s in right.statements if s.id != lt), "B: Some statement")
    include_lines = "\n\n".join(f"@include({p})" for p, _m in includes)
    return f"""\
// Comparison written by `argmap new-comparison`. To do, then run `argmap check` on this file:
//   1. Replace every "{PLACEHOLDER_MARK}": the issue's heading and question, and each map's
//      answer and the statements that carry it (titles in double quotes).
//   2. Add an issue per question the authors answer: a `##` heading with {{issue: some-id}}
//      and a statement [Q: some-id] tagged #issue with its positions, as below.
//   3. Under each issue, add correspondences: an argument tagged #agree, #partial or
//      #conflict, whose text is your rationale and whose two children name the statements,
//      the left one with +, the right one with + (agree, partial) or - (conflict).
//      `argmap suggest` on this file lists candidate pairs, ready to paste.
// To add a map later: argmap new-comparison --add MAP.argdown -o THIS-FILE

# {escape(title)} {{comparison: {comparison_id}, title: {data_string(title)}}}

{include_lines}

# Issues and correspondences

## {PLACEHOLDER_MARK}: the first question the authors answer {{issue: issue-1}}

[Q: issue-1]: {PLACEHOLDER_MARK}: the first question the authors answer? #issue
{positions_block(maps)}

// An example correspondence; remove the // to use it, with your own rationale:
// <Agree: a short name>: Why both statements say the same thing, in your words. #agree
//     + [{lt}]
//     + [{rt}]
"""


def add_map(text: str, path: str, include: str, m: ArgumentMap) -> str:
    """``text`` (a comparison file at ``path``) with ``@include(include)`` after its last
    include and a placeholder position of ``m`` in every issue's positions block."""
    includes = list(_INCLUDE.finditer(text))
    if not includes:
        raise ArgmapError("not a comparison file: it has no @include line", Location(path, 1, 1))
    if any(x.group("path").strip() == include for x in includes):
        raise ArgmapError(f"the comparison already includes {include}", Location(path, 1, 1))
    last = includes[-1]
    out = text[: last.end()] + f"\n\n@include({include})" + text[last.end() :]
    return _add_positions(out, m)


def _add_positions(text: str, m: ArgumentMap) -> str:
    """One more entry in each ``{positions: {...}}`` block, before its closing braces."""
    pieces: list[str] = []
    pos = 0
    for start in (x.start() for x in re.finditer(r"\{\s*positions\s*:\s*\{", text)):
        if start < pos:
            continue
        inner = text.index("{", text.index("positions", start))
        close = _matching(text, inner)
        if close is None:
            continue
        body = text[inner + 1 : close]
        multiline = "\n" in body
        entry = _position(m.id, m)
        stripped = body.rstrip()
        sep = "" if not stripped.strip() else ","
        if multiline:
            indent = re.search(r"\n([ \t]*)\S", body)
            pad = indent.group(1) if indent else "        "
            tail = body[len(stripped) :]
            new_body = f"{stripped}{sep}\n{pad}{entry}{tail}"
        else:
            new_body = f"{stripped}{sep} {entry}" if stripped.strip() else entry
        pieces.append(text[pos : inner + 1] + new_body)
        pos = close
    pieces.append(text[pos:])
    return "".join(pieces)


def _matching(text: str, open_at: int) -> int | None:
    """The index of the brace closing the one at ``open_at``; quoted strings are skipped."""
    depth = 0
    i = open_at
    while i < len(text):
        ch = text[i]
        if ch == '"':
            i += 1
            while i < len(text) and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif ch == "'":
            i += 1
            while i < len(text) and not (text[i] == "'" and text[i + 1 : i + 2] != "'"):
                i += 2 if text[i] == "'" else 1
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def insert_correspondence(text: str, block: str, issue_line: int | None) -> str:
    """``text`` with ``block`` (Argdown lines) at the end of the section whose heading is on
    line ``issue_line`` (1-based), before the next heading; at the end without a line."""
    lines = text.splitlines(keepends=True)
    at = len(lines)
    if issue_line is not None:
        for n in range(issue_line, len(lines)):
            if _HEADING.match(lines[n]):
                at = n
                break
    before = "".join(lines[:at]).rstrip("\n")
    after = "".join(lines[at:])
    return before + "\n\n" + block.rstrip("\n") + "\n" + ("\n" + after if after else "")
