"""The explorer's data: maps, statements, quotes placed in their source texts, relations,
issues and correspondences, as plain JSON-ready values (no markup: the page builds its DOM
from these with ``textContent`` only).

Quote offsets in the model count code points; JavaScript strings count UTF-16 code units, so
every offset handed to the page is converted (:func:`utf16_offsets`). A quote without
offsets, or whose offsets do not hold it, is looked for in the text as ``argmap check``
does; one that cannot be placed is listed with ``start`` and ``end`` set to ``None``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from argmap.compare import Comparison
from argmap.errors import ArgmapError
from argmap.formats.files import read_text
from argmap.model import ArgumentMap, Quote, Statement
from argmap.quotes import find, stands_at_offsets

__all__ = ["explorer_data", "ref", "source_text", "utf16_offsets", "wide_chars"]

Json = dict[str, Any]


def ref(map_id: str, node_id: str) -> str:
    """The stable reference of a statement or argument: ``"<map id>:<node id>"``."""
    return f"{map_id}:{node_id}"


def source_text(m: ArgumentMap) -> tuple[str | None, str]:
    """The map's source text, read from its path relative to the map file (which it must not
    leave), and ``""``; or ``None`` and why there is none."""
    if m.source is None:
        return None, "the map names no source text"
    if m.location is None:
        return None, "the map was not read from a file"
    folder = Path(m.location.path).parent
    try:
        return read_text(folder / m.source.path, root=folder, what="source"), ""
    except ArgmapError as err:
        return None, str(err)


def wide_chars(text: str) -> list[int]:
    """The offsets of the characters outside the Basic Multilingual Plane (two UTF-16 units)."""
    if text.isascii() or max(text) <= "\uffff":
        return []
    return [i for i, ch in enumerate(text) if ch > "\uffff"]


def utf16_offsets(text: str, offsets: Iterable[int], wide: list[int] | None = None) -> list[int]:
    """Code-point offsets into ``text`` as UTF-16 code-unit offsets (JavaScript's).

    ``wide`` is :func:`wide_chars` of ``text``, when the caller has it already.

    >>> utf16_offsets("a\\U0001F600b", [0, 1, 2, 3])
    [0, 1, 3, 4]
    """
    wide = wide_chars(text) if wide is None else wide
    if not wide:
        return list(offsets)
    return [o + bisect.bisect_left(wide, o) for o in offsets]


def _place(text: str | None, q: Quote) -> tuple[int, int] | None:
    """Where ``q`` stands in ``text`` (code points), or ``None``."""
    if text is None:
        return None
    if q.start is not None and q.end is not None and stands_at_offsets(text, q):
        return q.start, q.end
    match = find(text, q)
    return (match.start, match.end) if match.found else None


def _view(s: Statement) -> Json | None:
    """A reported view: who holds it and the author's stance towards it."""
    if s.view is None:
        return None
    return {"holder": s.view.holder, "stance": s.view.stance.value}


def _statement(m: ArgumentMap, s: Statement, text: str | None, wide: list[int]) -> Json:
    places = [_place(text, q) for q in s.quotes]
    flat = [x for p in places if p is not None for x in p]
    converted = iter(utf16_offsets(text, flat, wide) if text is not None else [])
    quotes: list[Json] = []
    for q, p in zip(s.quotes, places, strict=True):
        start, end = (next(converted), next(converted)) if p is not None else (None, None)
        quotes.append({"text": q.text, "start": start, "end": end})
    return {
        "ref": ref(m.id, s.id),
        "map": m.id,
        "id": s.id,
        "kind": "statement",
        "text": s.text,
        "role": s.role.value,
        "section": s.section,
        "tags": list(s.tags),
        "citation": s.citation,
        "note": s.note,
        "view": _view(s),
        "aside": s.aside,
        "quotes": quotes,
    }


def _map(m: ArgumentMap, text: str | None, problem: str, index: int) -> Json:
    src = m.source
    author = (src.attributed_author or src.author or "") if src is not None else ""
    year = src.year if src is not None else None
    label = f"{author} ({year})" if author and year else author or m.title or m.id
    return {
        "id": m.id,
        "index": index,
        "title": m.title or (src.title if src is not None else "") or m.id,
        "author": author,
        "year": year,
        "label": label,
        "sourceTitle": src.title if src is not None else "",
        "sourcePath": src.path if src is not None else "",
        "text": text,
        "textProblem": problem if text is None else "",
        "sections": [{"id": x.id, "title": x.title} for x in m.sections],
    }


def explorer_data(
    obj: ArgumentMap | Comparison,
    texts: Mapping[str, str | None] | None = None,
    diagrams: Sequence[Json] = (),
) -> Json:
    """Everything the page shows, for a map or a comparison.

    ``texts`` gives a map's source text by map id (default: read from each map's source
    path, :func:`source_text`); ``diagrams`` the diagram list (key, label, kind, issue, map).
    """
    maps = obj.maps if isinstance(obj, Comparison) else (obj,)
    statements: list[Json] = []
    arguments: list[Json] = []
    relations: list[Json] = []
    map_data: list[Json] = []
    for n, m in enumerate(maps):
        if texts is None:
            text, problem = source_text(m)
        else:
            text, problem = texts.get(m.id), "no source text was given"
        map_data.append(_map(m, text, problem, n))
        wide = wide_chars(text) if text is not None else []
        statements.extend(_statement(m, s, text, wide) for s in m.statements)
        for a in m.arguments:
            arguments.append(
                {
                    "ref": ref(m.id, a.id),
                    "map": m.id,
                    "id": a.id,
                    "kind": "argument",
                    "text": a.text,
                    "premises": [ref(m.id, p) for p in a.premises],
                    "conclusion": ref(m.id, a.conclusion) if a.conclusion else None,
                }
            )
        relations.extend(
            {"source": ref(m.id, r.source), "target": ref(m.id, r.target), "type": r.type.value}
            for r in m.relations
        )
    issues: list[Json] = []
    correspondences: list[Json] = []
    if isinstance(obj, Comparison):
        for issue in obj.issues:
            positions = [
                {
                    "map": p.map_id,
                    "answer": p.answer,
                    "statements": [str(r) for r in p.statements],
                }
                for p in (issue.position(mid) for mid in obj.map_ids)
            ]
            issues.append(
                {
                    "id": issue.id,
                    "title": issue.title,
                    "question": issue.question,
                    "positions": positions,
                }
            )
        correspondences = [
            {
                "id": k.id,
                "type": k.type.value,
                "left": str(k.left),
                "right": str(k.right),
                "issue": k.issue,
                "rationale": k.rationale,
            }
            for k in obj.correspondences
        ]
    title = obj.title or obj.id
    return {
        "kind": "comparison" if isinstance(obj, Comparison) else "map",
        "id": obj.id,
        "title": title,
        "maps": map_data,
        "statements": statements,
        "arguments": arguments,
        "relations": relations,
        "issues": issues,
        "correspondences": correspondences,
        "diagrams": list(diagrams),
    }
