"""Subcommands that read and verify maps: ``check``, ``quote``, ``anchor``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

from argmap.cli._common import Subparsers, _allow_outside, _exit, _out

# -- check -------------------------------------------------------------------------------


def _add_check(sub: Subparsers) -> None:
    p = sub.add_parser(
        "check",
        help="check maps: quotes, sources, references, thesis, ids, cycles",
        description="Check Argdown maps and comparison files (folders: every *.argdown below). "
        "Exit 0 only when there are no errors.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="map file, comparison file or folder")
    p.add_argument("--format", choices=("human", "json"), default="human")
    p.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors (a statement that does not reach the thesis, ...)",
    )
    _allow_outside(p)
    p.set_defaults(run=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    if args.exit_when_done:
        import gc

        # The process ends after the report: the cycle collector would only walk what the
        # imports and the check create (check_paths pauses it too, once it runs).
        gc.disable()
    from argmap.check import check_paths

    report = check_paths(args.paths, keep=args.exit_when_done)
    if args.strict:
        report = report.strict()
    if args.format == "json":
        import json

        import cattrs

        doc = {
            "ok": report.ok,
            "summary": report.summary(),
            **cattrs.unstructure(report),
        }
        _out(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            _out(str(finding))
        _out(report.summary())
    code = 0 if report.ok else 1
    if args.exit_when_done:
        _exit(code)
    return code


# -- quote -------------------------------------------------------------------------------


def _add_quote(sub: Subparsers) -> None:
    p = sub.add_parser(
        "quote",
        help="find a quote in a source text and print its offsets",
        description="Find WORDS in SOURCE as argmap matches quotes (line wraps, hyphenation "
        "and typographic punctuation are tolerated). When they are not there, show the "
        "nearest passages (case, hyphens, small edits). Exit 1 unless found exactly once.",
    )
    p.add_argument("source", metavar="SOURCE", type=Path)
    p.add_argument("words", metavar="WORDS")
    p.add_argument(
        "--argdown",
        action="store_true",
        help="also print each passage as quote data to paste: {text, start, end}",
    )
    p.set_defaults(run=_run_quote)


def _context(path: str, text: str, start: int, end: int) -> list[str]:
    """The passage's lines with one line before and after, the passage marked."""
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    first = text.rfind("\n", 0, text.rfind("\n", 0, start)) + 1 if line > 1 else 0
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else text.find("\n", stop + 1)
    stop = len(text) if stop < 0 else stop
    marked = text[first:start] + ">>>" + text[start:end] + "<<<" + text[end:stop]
    first_line = text.count("\n", 0, first) + 1
    out = [f"{path}:{line}:{col}: start: {start}, end: {end}"]
    for i, row in enumerate(marked.split("\n")):
        out.append(f"  {first_line + i:>5} | {row.rstrip()}")
    return out


def _run_quote(args: argparse.Namespace) -> int:
    from argmap.formats.files import read_text
    from argmap.formats.nearest import Near, nearest, quote_data
    from argmap.quotes import MatchStatus, find

    text = read_text(args.source, what="source")
    match = find(text, args.words)
    path = str(args.source)
    if match.status is MatchStatus.NOT_FOUND:
        near = nearest(text, args.words)
        if not near:
            _out(f"{path}: not found, and no passage is close to it")
            return 1
        _out(f"{path}: not found; the nearest passage{'s' * (len(near) > 1)}:")
        for n in near:
            _out(f"similarity {n.score:.0f}/100:")
            for row in _context(path, text, n.start, n.end):
                _out(row)
            if args.argdown:
                _out(f"  {quote_data(n)}")
        return 1
    if match.status is MatchStatus.AMBIGUOUS:
        _out(f"{path}: ambiguous ({match.count} places)")
    for place in match.places:
        for row in _context(path, text, place.start, place.end):
            _out(row)
        if args.argdown:
            passage = text[place.start : place.end]
            _out(f"  {quote_data(Near(place.start, place.end, passage, 100.0))}")
    return 0 if match.found else 1


# -- anchor ------------------------------------------------------------------------------


def _add_anchor(sub: Subparsers) -> None:
    p = sub.add_parser(
        "anchor",
        help="find the offsets of quotes and write them into the map",
        description="For quotes without offsets (or with wrong ones), find them in the source "
        "and print the offsets to write; with --write, edit the files in place (only the "
        "quote data changes). A comparison file stands for the maps it includes. "
        "Exit 0 when every quote was found, 1 when some are missing or ambiguous.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.add_argument("--write", action="store_true", help="rewrite the files in place")
    p.add_argument(
        "--rehash",
        action="store_true",
        help="accept a changed source: write its new sha256, then find every quote again and "
        "write the offsets (implies --write); reports the quotes that moved or vanished",
    )
    _allow_outside(p)
    p.set_defaults(run=_run_anchor)


def _run_anchor(args: argparse.Namespace) -> int:
    from argmap.formats import files

    status = 0
    for given in args.files:
        with files.rooted(given.parent):
            status = max(status, _anchor_file(given, args))
    return status


def _anchor_file(given: Path, args: argparse.Namespace) -> int:
    from argmap.anchor import apply, plan
    from argmap.check import check_quotes
    from argmap.errors import ArgmapError
    from argmap.formats import argdown, files
    from argmap.formats.comparison import map_files
    from argmap.model import Location

    status = 0
    write = args.write or args.rehash
    for path in map_files(given):
        m: ArgumentMap = argdown.loads(files.read_text(path), str(path))
        if args.rehash:
            m = _rehash(path, m)
        fixes = plan(m, path)
        where = {s.id: s.location or Location(str(path)) for s in m.statements}
        for fix in fixes:
            _out(f"{where[fix.statement]}: {fix}")
        if fixes and write:
            data = files.read_bytes(path)
            codec, bom = files.encoding_of(data)
            text = files.decode(data, path, keep_line_ends=True)
            new = apply(text, fixes, str(path))
            check = argdown.loads(files.decode(new.encode("utf-8"), path), str(path))
            written = {(s.id, i): q for s in check.statements for i, q in enumerate(s.quotes)}
            for fix in fixes:
                q = written.get((fix.statement, fix.index))
                if q is None or (q.start, q.end) != (fix.start, fix.end):
                    raise ArgmapError(
                        f"[{fix.statement}]: could not write the offsets of quote "
                        f"{fix.index + 1}; the file is unchanged",
                        where[fix.statement],
                    )
            files.write_bytes(path, bom + new.encode(codec))
            _out(f"{path}: wrote offsets for {len(fixes)} quote{'s' * (len(fixes) != 1)}")
            if args.rehash:
                _out(f"{path}: {len(fixes)} quote{'s' * (len(fixes) != 1)} moved")
            m = check
        # Quotes found (with offsets to write, or written) are fine: exit 0 when all are.
        codes = {"quote-not-found", "quote-ambiguous", "source-missing"}
        if write or not fixes:
            codes.add("quote-offsets")
        left = [f for f in check_quotes(m, path) if f.code in codes]
        if args.rehash:
            vanished = [f for f in left if f.code == "quote-not-found"]
            _out(f"{path}: {len(vanished)} quote{'s' * (len(vanished) != 1)} vanished")
        for finding in left:
            _out(str(finding))
        if args.rehash and m.source is not None:
            _nearest_for_vanished(path, m)
        if left:
            status = 1
    return status


def _rehash(path: Path, m: ArgumentMap) -> ArgumentMap:
    """Write the current sha256 of ``m``'s source into the map file; the map re-read."""
    import hashlib
    import re

    from argmap.errors import ArgmapError
    from argmap.formats import argdown, files
    from argmap.model import Location

    if m.source is None:
        raise ArgmapError("the map names no source to re-hash", Location(str(path)))
    data = files.read_bytes(
        path.parent / m.source.path,
        root=files.current_root() or path.parent,
        location=m.location,
        what="source",
    )
    new = hashlib.sha256(data).hexdigest()
    raw = files.read_bytes(path)
    codec, bom = files.encoding_of(raw)
    text = files.decode(raw, path, keep_line_ends=True)
    old = m.source.sha256
    if old == new:
        _out(f"{path}: the source's sha256 is unchanged")
        return m
    pattern = re.compile(r"(sha256\s*:\s*[\"']?)" + re.escape(old))
    if not old or len(pattern.findall(text)) != 1:
        raise ArgmapError(
            f"cannot find the source's sha256 in the map heading; write it by hand: sha256: {new}",
            m.location or Location(str(path)),
        )
    text = pattern.sub(lambda mo: mo.group(1) + new, text)
    files.write_bytes(path, bom + text.encode(codec))
    _out(f"{path}: source sha256 is now {new}")
    return argdown.loads(files.decode(text.encode("utf-8"), path), str(path))


def _nearest_for_vanished(path: Path, m: ArgumentMap) -> None:
    """For each quote no longer in the source, the nearest passage as data to paste."""
    from argmap.formats.nearest import nearest, quote_data
    from argmap.quotes import MatchStatus, find

    assert m.source is not None
    from argmap.formats import files

    text = files.read_text(
        path.parent / m.source.path, root=files.current_root() or path.parent, what="source"
    )
    for s in m.statements:
        for q in s.quotes:
            if find(text, q).status is MatchStatus.NOT_FOUND:
                near = nearest(text, q.text, limit=1)
                if near:
                    _out(f"  [{s.id}] nearest now: {quote_data(near[0])}")
