"""Read comparison files: Argdown that includes maps and adds issues and correspondences.

The conventions are in ``docs/conventions.md``: each ``@include`` brings in one map; a statement
tagged ``#issue`` is an issue (its ``positions`` data gives each map's answer and statements);
an argument tagged ``#agree``, ``#partial`` or ``#conflict`` is a correspondence whose first
child relation is the left statement and whose second is the right one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from argmap.comparison import (
    Comparison,
    Correspondence,
    CorrespondenceType,
    Issue,
    Position,
    Ref,
)
from argmap.errors import ConventionError, FormatError
from argmap.formats import argdown
from argmap.formats._argdown_map import clean_text, document_to_map, slug
from argmap.formats.argdown import is_comparison
from argmap.formats.files import read_text
from argmap.model import ArgumentMap, Location

__all__ = [
    "from_document",
    "is_comparison",
    "load",
    "loads",
    "map_files",
    "read_argdown",
    "write_argdown",
]

_KINDS = {t.value: t for t in CorrespondenceType}
_ISSUE_TAG = "issue"
_POSITION_KEYS = ("answer", "statements")


_Paths = Sequence[str | os.PathLike[str]]


def load(
    path: str | os.PathLike[str], *, allow_outside: _Paths = (), max_bytes: int | None = None
) -> Comparison:
    """Read a comparison file and the maps it includes (read as
    :func:`argmap.formats.argdown.parse_file` reads them: the maps must lie in the file's
    folder or in one of the ``allow_outside`` folders; no file over ``max_bytes``)."""
    p = os.fspath(path)
    doc = argdown.parse_file(p, allow_outside=allow_outside, max_bytes=max_bytes)
    return from_document(doc, p)


def loads(text: str, path: str = "<string>", *, allow_outside: _Paths = ()) -> Comparison:
    """Read a comparison from text; ``@include`` paths are relative to ``path``."""
    return from_document(argdown.parse(text, path, allow_outside=allow_outside), path)


def map_files(path: str | os.PathLike[str]) -> tuple[Path, ...]:
    """The map files behind ``path``: itself, or the files a comparison file includes.

    >>> map_files("maps/comparison.argdown")[0]
    PosixPath('maps/valiyev-2011.argdown')
    >>> map_files("maps/valiyev-2011.argdown")
    (PosixPath('maps/valiyev-2011.argdown'),)
    """
    p = Path(path)
    if p.suffix != ".argdown" or not p.is_file():
        return (p,)
    found = argdown.includes(read_text(p))
    if not found:
        return (p,)
    return tuple(Path(os.path.normpath(p.parent / target)) for target, _ in found)


def read_argdown(path: Path, options: Mapping[str, Any]) -> ArgumentMap | Comparison:
    """The registry's Argdown reader: a comparison when the file includes maps, else a map.

    The file is read once, by :func:`argmap.formats.files.read_text` (the one reading)."""
    if options:
        raise FormatError(
            f"the argdown format takes no options (got {', '.join(sorted(options))})",
            Location(str(path)),
        )
    p = str(path)
    text = read_text(p, what="Argdown file")
    return loads(text, p) if is_comparison(text) else argdown.loads(text, p)


def write_argdown(obj: object, path: Path) -> None:
    """The registry's Argdown writer: maps only (comparisons are written by hand)."""
    if not isinstance(obj, ArgumentMap):
        raise FormatError(
            f"only a map can be written as Argdown, not a {type(obj).__name__}",
            Location(str(path)),
        )
    argdown.dump(obj, path)


def _plain(text: str | None, tags: tuple[str, ...]) -> str:
    out = text or ""
    for tag in tags:
        out = out.replace(f"#({tag})", " ").replace(f"#{tag}", " ")
    return clean_text(out)


def _own(location: Location | None, path: str) -> bool:
    return location is not None and os.path.normpath(location.path) == os.path.normpath(path)


def from_document(
    doc: argdown.Document, path: str, problems: list[ConventionError] | None = None
) -> Comparison:
    """The comparison a parsed Argdown document encodes.

    With ``problems``, an issue, position or correspondence that breaks a convention is left
    out and its error added to ``problems`` (a checker reports them all at once; the maps'
    own problems are left to the map checks); other errors are raised either way."""
    if not doc.includes:
        raise ConventionError(
            "a comparison file must @include the maps it compares", Location(path, 1, 1)
        )
    maps = tuple(document_to_map(d, d.path, None if problems is None else []) for d in doc.includes)
    seen: dict[str, str] = {}
    for d, m in zip(doc.includes, maps, strict=True):
        if m.id in seen:
            raise ConventionError(
                f"map id {m.id!r} is used by {seen[m.id]} and {d.path}", m.location
            )
        seen[m.id] = d.path
    owner = _statement_owners(maps)

    comparison_id, title = _heading(doc, path)
    issue_of_section = {
        s.id: str(s.data["issue"])
        for s in doc.sections
        if _own(s.location, path) and s.data and s.data.get("issue") is not None
    }

    issues: list[Issue] = []
    for s in doc.statements:
        if _ISSUE_TAG not in s.tags or not _own(s.location, path):
            continue
        issue_id = issue_of_section.get(s.section or "") or slug(s.title)
        try:
            positions = _positions(s.data.get("positions"), maps, owner, s.location, problems)
        except ConventionError as e:
            _fail(e, problems)
            continue
        issues.append(
            Issue(
                issue_id,
                _plain(s.text, s.tags),
                positions,
                title=_section_title(doc, s.section),
                location=s.location,
            )
        )
    issues = _unique(issues, "issue", problems)

    correspondences: list[Correspondence] = []
    for a in doc.arguments:
        try:
            c = _correspondence(a, doc, owner, issue_of_section)
        except ConventionError as e:
            _fail(e, problems)
            continue
        if c is not None:
            correspondences.append(c)
    correspondences = _unique(correspondences, "correspondence", problems)
    return Comparison(
        comparison_id,
        title,
        maps,
        tuple(issues),
        tuple(correspondences),
        location=Location(path, 1, 1),
    )


def _fail(error: ConventionError, problems: list[ConventionError] | None) -> None:
    """Raise ``error``, or add it to ``problems`` when reading leniently."""
    if problems is None:
        raise error
    problems.append(error)


def _correspondence(
    a: argdown.ArgumentNode,
    doc: argdown.Document,
    owner: Mapping[str, str],
    issue_of_section: Mapping[str, str],
) -> Correspondence | None:
    """The correspondence an argument of the comparison file is, if it is one."""
    kinds = [t for t in a.tags if t in _KINDS]
    if not kinds:
        return None
    if len(kinds) > 1:
        raise ConventionError(
            f"<{a.title}> has {len(kinds)} correspondence tags; use one of "
            "#agree, #partial, #conflict",
            a.location,
        )
    sides = [r for r in doc.relations if r.target == a.title and r.target_kind == "argument"]
    if len(sides) != 2 or any(r.source_kind != "statement" for r in sides):
        raise ConventionError(
            f"<{a.title}> needs exactly two statements under it (left, then right); "
            f"found {len(sides)}",
            a.location,
        )
    refs = [_ref(r.source, owner, r.location or a.location) for r in sides]
    if refs[0].map_id == refs[1].map_id:
        raise ConventionError(
            f"<{a.title}> links two statements of map {refs[0].map_id!r}; "
            "a correspondence links different maps",
            a.location,
        )
    canonical = next((m for m in reversed(a.members) if clean_text(m.plain)), None)
    return Correspondence(
        a.title,
        refs[0],
        refs[1],
        _KINDS[kinds[0]],
        clean_text(canonical.plain) if canonical else "",
        issue_of_section.get(a.section or ""),
        location=a.location,
    )


def _heading(doc: argdown.Document, path: str) -> tuple[str, str]:
    for s in doc.sections:
        if _own(s.location, path) and s.data and "comparison" in s.data:
            cid = s.data["comparison"]
            if not isinstance(cid, str) or not cid.strip():
                raise ConventionError("comparison id must be a non-empty string", s.location)
            title = s.data.get("title")
            return cid, str(title) if title else clean_text(s.title)
    title = doc.frontmatter.get("title") if doc.frontmatter else None
    return Path(path).stem, str(title) if title else Path(path).stem


def _section_title(doc: argdown.Document, section_id: str | None) -> str:
    for s in doc.sections:
        if s.id == section_id:
            return _plain(s.title, s.tags)
    return ""


def _statement_owners(maps: tuple[ArgumentMap, ...]) -> dict[str, str]:
    owner: dict[str, str] = {}
    for m in maps:
        for s in m.statements:
            if s.id in owner:
                raise ConventionError(
                    f"statement [{s.id}] is defined in maps {owner[s.id]!r} and {m.id!r}: "
                    "titles must be unique across compared maps (prefix them, e.g. 'V: ')",
                    s.location,
                )
            owner[s.id] = m.id
    return owner


def _ref(title: str, owner: Mapping[str, str], where: Location | None) -> Ref:
    if title not in owner:
        raise ConventionError(f"[{title}] is not a statement of any included map", where)
    return Ref(owner[title], title)


def _positions(
    raw: Any,
    maps: tuple[ArgumentMap, ...],
    owner: Mapping[str, str],
    where: Location | None,
    problems: list[ConventionError] | None = None,
) -> tuple[Position, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        raise ConventionError("positions must map a map id to {answer, statements}", where)
    known = {m.id for m in maps}
    out: list[Position] = []
    for map_id, value in raw.items():
        try:
            position = _position(map_id, value, known, owner, where)
        except ConventionError as e:
            _fail(e, problems)
            continue
        if position is not None:
            out.append(position)
    order = {m.id: i for i, m in enumerate(maps)}
    return tuple(sorted(out, key=lambda p: order[p.map_id]))


def _position(
    map_id: Any,
    value: Any,
    known: set[str],
    owner: Mapping[str, str],
    where: Location | None,
) -> Position | None:
    """One map's position on an issue; None where it is explicitly not addressed."""
    if map_id not in known:
        raise ConventionError(
            f"positions name map {map_id!r}, which is not included "
            f"(included: {', '.join(sorted(known))})",
            where,
        )
    if value is None:
        return None  # explicitly not addressed
    if not isinstance(value, Mapping):
        raise ConventionError(f"position of {map_id!r} must be {{answer, statements}}", where)
    extra = sorted(str(k) for k in value if k not in _POSITION_KEYS)
    if extra:
        raise ConventionError(
            f"unknown key {extra[0]!r} in the position of {map_id!r}; "
            f"allowed: {', '.join(_POSITION_KEYS)}",
            where,
        )
    titles = value.get("statements") or []
    if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
        raise ConventionError(f"statements of {map_id!r} must be a list of titles", where)
    refs = [_ref(t, owner, where) for t in titles]
    wrong = [r for r in refs if r.map_id != map_id]
    if wrong:
        raise ConventionError(
            f"[{wrong[0].statement_id}] belongs to map {wrong[0].map_id!r}, not to {map_id!r}",
            where,
        )
    answer = value.get("answer")
    if answer is not None and not isinstance(answer, str):
        raise ConventionError(f"answer of {map_id!r} must be text", where)
    return Position(map_id, tuple(refs), answer)


_Item = TypeVar("_Item", Issue, Correspondence)


def _unique(items: list[_Item], what: str, problems: list[ConventionError] | None) -> list[_Item]:
    """``items`` with unique ids: a repeated id is an error (left out when lenient)."""
    seen: set[str] = set()
    out: list[_Item] = []
    for item in items:
        if item.id in seen:
            _fail(ConventionError(f"duplicate {what} id {item.id!r}", item.location), problems)
            continue
        seen.add(item.id)
        out.append(item)
    return out
