"""Start a new map: write an Argdown scaffold for an essay, in argmap's conventions.

The scaffold carries the map heading with the source metadata (the sha256 is computed here
from the source's bytes), one ``##`` section and a placeholder thesis without quotes. It is a
template, not a map: ``argmap check`` rejects it until the placeholder is replaced and quoted.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "essay.txt").write_text("Cities should tax land.\\n", encoding="utf-8")
>>> p = new_map(d / "essay.txt", d / "demo-2026.argdown", map_id="demo-2026",
...             title="Tax the land", author="A. Writer", year=2026)
>>> text = p.read_text(encoding="utf-8")
>>> [line[:44] for line in text.splitlines() if line.startswith("#")]
['# Tax the land {map: demo-2026, source: {pat', '## Introduction {id: introduction}']
>>> "sha256: 51f6adf6aee011485043fb9e77c92b8358cf3cb4f1b8b726296873ec54de06e7" in text
True
>>> text.splitlines()[-1]
'[D: Thesis]: REPLACE ME with the thesis of the essay in one sentence of your own #thesis'
>>> new_map(d / "essay.txt", p, map_id="demo-2026", title="T", author="A", year=2026)
... # doctest: +ELLIPSIS
Traceback (most recent call last):
argmap.errors.ArgmapError: .../demo-2026.argdown:1:1: refusing to overwrite an existing file
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from argmap.errors import ArgmapError
from argmap.formats import argdown
from argmap.formats.comparison_writer import PLACEHOLDER_MARK
from argmap.formats.files import decode, read_bytes, read_text, write_text
from argmap.model import ArgumentMap, Location, MapBuilder, Role, Source

__all__ = [
    "MAP_ID_PATTERN",
    "PLACEHOLDER_MARK",
    "PLACEHOLDER_THESIS",
    "PREFIX_PATTERN",
    "new_map",
    "prefix_candidates",
    "scaffold_map",
    "scaffold_text",
    "unique_prefix",
    "used_prefixes",
]

MAP_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A map id: lowercase letters and digits in groups joined by single hyphens."""


PREFIX_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9]{0,11}")
"""A statement-title prefix: a letter, then letters and digits (the title reads 'V: ...')."""

_TITLE_PREFIX = re.compile(r"([A-Za-z][A-Za-z0-9]*): ")


def prefix_candidates(map_id: str) -> list[str]:
    """Prefixes derived from a map id, shortest first; the last (the id's letters and digits
    in capitals) is unique whenever map ids are.

    >>> prefix_candidates("micro-b039")
    ['M', 'MB', 'MB039', 'MICROB039']
    >>> prefix_candidates("valiyev-2011")
    ['V', 'V2011', 'VALIYEV2011']
    """
    parts = map_id.split("-")
    out = [
        parts[0][:1].upper(),
        "".join(p[:1] for p in parts if p[:1].isalpha()).upper(),
        "".join(p[:1].upper() + "".join(c for c in p[1:] if c.isdigit()) for p in parts),
        "".join(parts).upper(),
    ]
    seen: list[str] = []
    for c in out:
        if c and c[0].isalpha() and c not in seen:
            seen.append(c)
    return seen


def used_prefixes(paths: Iterable[Path]) -> dict[str, Path]:
    """The title prefixes the statements of the Argdown files at ``paths`` use (as the
    reader reads them: comments and data are not titles), each with a file using it.

    >>> used_prefixes([Path("maps/valiyev-2011.argdown")])
    {'V': PosixPath('maps/valiyev-2011.argdown')}
    """
    found: dict[str, Path] = {}
    for path in paths:
        try:
            doc = argdown.parse(read_text(path, what="map"), str(path), include=False)
        except ArgmapError:
            continue  # a file the reader refuses uses no title yet
        for statement in doc.statements:
            match = _TITLE_PREFIX.match(statement.title)
            if match is not None:
                found.setdefault(match.group(1), path)
    return found


def unique_prefix(map_id: str, taken: Mapping[str, object]) -> str:
    """The first of :func:`prefix_candidates` that no other map uses."""
    candidates = prefix_candidates(map_id)
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    n = 2
    while f"{candidates[-1]}{n}" in taken:
        n += 1
    return f"{candidates[-1]}{n}"


def _one_line(name: str, value: str, where: Location) -> str:
    value = value.strip()
    if not value:
        raise ArgmapError(f"the {name} must not be empty", where)
    if len(value.splitlines()) > 1 or any(c in value for c in "\n\r\x85\u2028\u2029"):
        # Every Unicode line separator (splitlines: \v, \f, \x1c-\x1e, NEL, U+2028/9).
        raise ArgmapError(f"the {name} must be one line, got {value!r}", where)
    if any(not c.isprintable() for c in value):
        raise ArgmapError(f"the {name} must not contain control characters, got {value!r}", where)
    if "{" in value or "}" in value:
        # The Argdown CLI 1.7.5 ends a data block at a '}' even inside a quoted string.
        raise ArgmapError(f"the {name} must not contain braces, got {value!r}", where)
    return value


def _guide(source_path: str, short: str) -> str:
    """What the comment block at the top of a scaffold says."""
    return f"""\
Source: {source_path} (its sha256 below was computed by `argmap new` from the file's bytes).

NEW MAP SCAFFOLD written by `argmap new`. It is a template, not yet a map:
`argmap check` rejects it until step 1 is done, because the thesis has no quote.
  1. Replace the placeholder thesis with the essay's thesis in one sentence of your own,
     and add the author's words to its data:  {{quotes: ["the author's exact words"]}}
  2. Add the essay's sections as `##` headings and its claims, evidence and counterclaims
     as statements `[{short}: Short title]: text. #claim` (#evidence, #counterclaim), each
     with at least one quote, connected by relations (`+` support, `-` attack) to what they
     bear on. Start every statement title with `{short}: ` so titles stay unique when maps
     are compared.
  3. Run `argmap anchor --write` on this file to write the quote offsets, then
     `argmap check` on it until it reports no problems.
See docs/conventions.md for every convention. Delete this comment when you are done."""


#: The placeholder thesis's text (no Argdown markup in it, so it is written as it reads).
PLACEHOLDER_THESIS = f"{PLACEHOLDER_MARK} with the thesis of the essay in one sentence of your own"


def scaffold_map(
    *,
    map_id: str,
    title: str,
    source_path: str,
    sha256: str,
    author: str | None,
    year: int | None,
    venue: str | None = None,
    attributed_author: str | None = None,
    prefix: str | None = None,
    label: str | None = None,
) -> ArgumentMap:
    """The scaffold as a map: the source's metadata, one section and a placeholder thesis
    without quotes (see :func:`scaffold_text`).

    >>> m = scaffold_map(map_id="m", title="T", source_path="e.txt", sha256="ab",
    ...                  author=None, year=None, prefix="M")
    >>> [(s.id, s.role.value, s.section) for s in m.statements]
    [('M: Thesis', 'thesis', 'introduction')]
    """
    short = prefix or map_id[:1].upper()
    source = Source(
        source_path,
        sha256,
        title,
        author or "",
        attributed_author=attributed_author,
        year=year,
        venue=venue,
    )
    m = (
        MapBuilder(map_id, title, source)
        .section("introduction", "Introduction")
        .statement(f"{short}: Thesis", PLACEHOLDER_THESIS, Role.THESIS)
        .build()
    )
    return attrs.evolve(m, label=label or "")


def scaffold_text(m: ArgumentMap) -> str:
    """The scaffold :func:`scaffold_map` made, as text: a comment block saying what to do,
    then the map written by the Argdown writer (:func:`argmap.formats.argdown.dumps`)."""
    source = m.source.path if m.source is not None else ""
    short = m.statements[0].id.split(":")[0] if m.statements else m.id[:1].upper()
    return argdown.comment(_guide(source, short)) + "\n" + argdown.dumps(m)


def new_map(
    source_path: str | os.PathLike[str],
    map_path: str | os.PathLike[str],
    *,
    map_id: str,
    title: str,
    author: str | None,
    year: int | None,
    venue: str | None = None,
    attributed_author: str | None = None,
    prefix: str | None = None,
    label: str | None = None,
) -> Path:
    """Write a new map scaffold for the essay at ``source_path`` to ``map_path``.

    The source must be a UTF-8 text file; its path is recorded relative to the map's folder.
    Raises :class:`~argmap.errors.ArgmapError` for an invalid map id, an empty title or
    author, a missing or undecodable source, or a ``map_path`` that already exists (a scaffold
    never overwrites a map). Returns the path written.
    """
    source = Path(source_path)
    target = Path(map_path)
    where = Location(str(target))
    if not MAP_ID_PATTERN.fullmatch(map_id):
        raise ArgmapError(
            f"invalid map id {map_id!r}: use lowercase letters, digits and single hyphens, "
            "e.g. 'valiyev-2011'",
            where,
        )
    title = _one_line("title", title, where)
    if author is not None:
        author = _one_line("author", author, where)
    if label is not None:
        label = _one_line("label", label, where)
    if prefix is not None and not PREFIX_PATTERN.fullmatch(prefix):
        raise ArgmapError(
            f"invalid prefix {prefix!r}: use letters and digits, e.g. 'V' or 'B39'", where
        )
    if venue is not None:
        venue = _one_line("venue", venue, where)
    if attributed_author is not None:
        attributed_author = _one_line("attributed author", attributed_author, where)
    if target.exists():
        raise ArgmapError("refusing to overwrite an existing file", where)
    if target.suffix != ".argdown":
        raise ArgmapError("a map file name must end in .argdown", where)
    data = read_bytes(source, what="source")
    decode(data, source)  # the source must read as every command reads it
    relative = Path(os.path.relpath(source.resolve(), target.resolve().parent)).as_posix()
    m = scaffold_map(
        map_id=map_id,
        title=title,
        source_path=relative,
        sha256=hashlib.sha256(data).hexdigest(),
        author=author,
        year=year,
        venue=venue,
        attributed_author=attributed_author,
        prefix=prefix,
        label=label,
    )
    text = scaffold_text(m)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text(target, text, replace=False)  # atomic, and never over a file that appeared
    return target
