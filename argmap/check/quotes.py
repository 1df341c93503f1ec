"""Checks of a map's source file and of every quote's anchor in it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from argmap.check.findings import Finding, _error, _loc
from argmap.errors import ArgmapError
from argmap.formats.files import current_root, decode, read_bytes
from argmap.model import ArgumentMap, Location
from argmap.quotes import MatchStatus, find, misplaced


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"


def check_quotes(m: ArgumentMap, path: str | Path) -> list[Finding]:
    """Findings about the source file and every quote's anchor in it.

    ``path`` is the map file: the source path in the map is relative to its folder. The
    source must lie under the root folder (:func:`argmap.formats.files.current_root`, else
    the map's folder) or a folder allowed with ``--allow-outside``.
    """
    here = _loc(m, Location(str(path)))
    if m.source is None:
        return [_error("source", f"map {m.id!r} names no source", here)]
    source_path = Path(path).parent / m.source.path
    root = current_root() or Path(path).parent
    try:
        data = read_bytes(source_path, root=root, location=here, what="source")
    except ArgmapError as exc:
        return [_error("source-missing", exc.message, here)]
    out: list[Finding] = []
    actual = _sha256(data)
    if not m.source.sha256:
        out.append(_error("source-hash", f"source has no sha256; write sha256: {actual}", here))
    elif m.source.sha256.lower() != actual:
        out.append(
            _error(
                "source-hash",
                f"source {source_path} has sha256 {actual}, the map says {m.source.sha256}",
                here,
            )
        )
    try:
        text = decode(data, source_path)
    except ArgmapError as exc:
        out.append(_error("source-encoding", f"source {exc}", here))
        return out
    # A quote that stands at its offsets is what find() reports first, and nothing is wrong
    # with it: only the others are looked for.
    for statement, quote in misplaced(text, m.statements):
        where = _loc(statement, here)
        label = f'quote "{_short(quote.text)}" of [{statement.id}]'
        match = find(text, quote)
        if match.status is MatchStatus.NOT_FOUND:
            out.append(_error("quote-not-found", f"{label} is not in {m.source.path}", where))
        elif match.status is MatchStatus.AMBIGUOUS:
            places = ", ".join(f"start: {p.start}, end: {p.end}" for p in match.places)
            out.append(
                _error(
                    "quote-ambiguous",
                    f"{label} occurs in {match.count} places ({places}); "
                    "give the offsets of the one meant",
                    where,
                )
            )
        elif not quote.anchored:
            out.append(
                _error(
                    "quote-unanchored",
                    f"{label} has no offsets: write start: {match.start}, end: {match.end}",
                    where,
                )
            )
        elif (quote.start, quote.end) != (match.start, match.end):
            out.append(
                _error(
                    "quote-offsets",
                    f"{label} is not at start: {quote.start}, end: {quote.end}; "
                    f"it is at start: {match.start}, end: {match.end}",
                    where,
                )
            )
    return out
