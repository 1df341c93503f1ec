"""The ``argmap`` command line: one small ``_add_<command>`` function per subcommand.

To add a subcommand, write ``_add_<name>(subparsers)`` that creates its parser and sets
``run=<function(args) -> int>`` with ``set_defaults``, and append it to :data:`COMMANDS`.
Import heavy modules inside the run function, so ``argmap --help`` stays fast. A run
function returns the exit code; it may raise :class:`~argmap.errors.ArgmapError` or
:class:`OSError`, which :func:`main` turns into ``argmap: file:line:col: message`` and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.comparison import Comparison
    from argmap.model import ArgumentMap

__all__ = ["COMMANDS", "main"]

Subparsers = Any  # argparse's _SubParsersAction is private


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


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
    p.set_defaults(run=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from argmap.check import check_paths

    report = check_paths(args.paths, keep=args.exit_when_done)
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


def _exit(code: int) -> None:
    """End the process now with ``code``, its output flushed, skipping the interpreter's
    teardown (freeing what the check read one object at a time). Return instead when
    something is registered to run at exit, or the output cannot be flushed: the usual exit
    then does it all as before."""
    import atexit
    import os

    if atexit._ncallbacks():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    os._exit(code)


# -- quote -------------------------------------------------------------------------------


def _add_quote(sub: Subparsers) -> None:
    p = sub.add_parser(
        "quote",
        help="find a quote in a source text and print its offsets",
        description="Find WORDS in SOURCE as argmap matches quotes (line wraps, hyphenation "
        "and typographic punctuation are tolerated). Exit 1 unless found exactly once.",
    )
    p.add_argument("source", metavar="SOURCE", type=Path)
    p.add_argument("words", metavar="WORDS")
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
    from argmap.quotes import MatchStatus, find

    text = args.source.read_text(encoding="utf-8")
    match = find(text, args.words)
    path = str(args.source)
    if match.status is MatchStatus.NOT_FOUND:
        _out(f"{path}: not found")
        return 1
    if match.status is MatchStatus.AMBIGUOUS:
        _out(f"{path}: ambiguous ({match.count} places)")
    for place in match.places:
        for row in _context(path, text, place.start, place.end):
            _out(row)
    return 0 if match.found else 1


# -- anchor ------------------------------------------------------------------------------


def _add_anchor(sub: Subparsers) -> None:
    p = sub.add_parser(
        "anchor",
        help="find the offsets of quotes and write them into the map",
        description="For quotes without offsets (or with wrong ones), find them in the source "
        "and print the offsets to write; with --write, edit the files in place (only the "
        "quote data changes). A comparison file stands for the maps it includes. "
        "Exit 1 when offsets are still missing or wrong.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.add_argument("--write", action="store_true", help="rewrite the files in place")
    p.set_defaults(run=_run_anchor)


def _run_anchor(args: argparse.Namespace) -> int:
    from argmap.anchor import apply, plan
    from argmap.check import check_quotes, map_files
    from argmap.errors import ArgmapError
    from argmap.formats import argdown
    from argmap.model import Location

    status = 0
    for path in [f for given in args.files for f in map_files(given)]:
        m: ArgumentMap = argdown.load(path)
        fixes = plan(m, path)
        where = {s.id: s.location or Location(str(path)) for s in m.statements}
        for fix in fixes:
            _out(f"{where[fix.statement]}: {fix}")
        if fixes and args.write:
            text = path.read_text(encoding="utf-8")
            new = apply(text, fixes, str(path))
            check = argdown.loads(new, str(path))
            written = {(s.id, i): q for s in check.statements for i, q in enumerate(s.quotes)}
            for fix in fixes:
                q = written.get((fix.statement, fix.index))
                if q is None or (q.start, q.end) != (fix.start, fix.end):
                    raise ArgmapError(
                        f"[{fix.statement}]: could not write the offsets of quote "
                        f"{fix.index + 1}; the file is unchanged",
                        where[fix.statement],
                    )
            path.write_bytes(new.encode("utf-8"))
            _out(f"{path}: wrote offsets for {len(fixes)} quote{'s' * (len(fixes) != 1)}")
            m = check
        elif fixes:
            status = 1
        left = [
            f
            for f in check_quotes(m, path)
            if f.code in ("quote-not-found", "quote-ambiguous", "quote-offsets", "source-missing")
        ]
        for finding in left:
            _out(str(finding))
        if left:
            status = 1
    return status


# -- export ------------------------------------------------------------------------------


def _add_export(sub: Subparsers) -> None:
    p = sub.add_parser(
        "export",
        help="export maps to another format",
        description="Export Argdown maps (several files go into one document; a comparison "
        "file stands for the maps it includes).",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.add_argument(
        "--to", choices=EXPORT_FORMATS, required=True, help="output format (see docs/formats.md)"
    )
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="output file (default: stdout)")
    p.set_defaults(run=_run_export)


#: What ``export --to`` and ``convert --to`` write.
EXPORT_FORMATS = ("json", "aif", "argdown", "graphml", "dot")


def _export_text(fmt: str, obj: ArgumentMap | Comparison | list[ArgumentMap]) -> str:
    """``obj`` (a map, a comparison, or several maps) as text in the export format ``fmt``."""
    from argmap.comparison import Comparison
    from argmap.errors import FormatError

    if isinstance(obj, list):
        if len(obj) == 1:
            obj = obj[0]
        elif fmt in ("aif", "graphml"):  # several maps: one graph holding them all
            obj = Comparison("maps", "", tuple(obj))
        elif fmt != "json":
            raise FormatError(f"{fmt} holds one map: export the maps one by one")
    if fmt == "json":
        from argmap.formats import json as json_format

        if isinstance(obj, Comparison):
            return json_format.dumps(obj.maps, comparison=obj)
        return json_format.dumps(obj if isinstance(obj, list) else [obj])
    if fmt == "aif":
        from argmap.formats import aif

        return aif.dumps(obj)  # type: ignore[arg-type]
    if fmt == "graphml":
        from argmap.formats import graphml

        return graphml.dumps(obj)  # type: ignore[arg-type]
    if fmt == "dot":
        from argmap.render.dot import comparison_graph, map_graph

        if isinstance(obj, Comparison):
            return str(comparison_graph(obj).source)
        return str(map_graph(obj).source)  # type: ignore[arg-type]
    if isinstance(obj, Comparison):
        raise FormatError("argdown holds one map: write a comparison as json, aif or graphml")
    from argmap.formats import argdown

    return argdown.dumps(obj)  # type: ignore[arg-type]


def _run_export(args: argparse.Namespace) -> int:
    from argmap.formats import argdown
    from argmap.formats.comparison import is_comparison, map_files

    # A single comparison file exports its maps and the comparison itself; otherwise a
    # comparison file contributes the maps it includes.
    if len(args.files) == 1 and is_comparison(args.files[0].read_text(encoding="utf-8")):
        from argmap import compare

        c = compare.load(args.files[0])
        text = _export_text(args.to, c)
    else:
        paths = [f for given in args.files for f in map_files(given)]
        maps: list[ArgumentMap] = [argdown.load(path) for path in paths]
        text = _export_text(args.to, maps)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


# -- convert -----------------------------------------------------------------------------


def _add_convert(sub: Subparsers) -> None:
    p = sub.add_parser(
        "convert",
        help="convert a map or comparison between formats (Argdown, JSON, AIF, ...)",
        description="Read IN in any format argmap reads (argmap formats lists them) and write "
        "OUT in the format its suffix names (.argdown, .json, .aif or .aif.json, .graphml, "
        ".dot) or --to names. A single AIF file's report of what has no place in a map is "
        "printed to stderr.",
    )
    p.add_argument("input", type=Path, metavar="IN")
    p.add_argument("output", type=Path, metavar="OUT")
    p.add_argument("--to", choices=EXPORT_FORMATS, help="output format (default: from OUT)")
    p.add_argument("--from", dest="source_format", metavar="FORMAT", help="input format name")
    p.set_defaults(run=_run_convert)


def _convert_target(out: Path) -> str:
    from argmap.formats.registry import for_path

    name = out.name.lower()
    if name.endswith((".aif.json", ".aif")):
        return "aif"
    if name.endswith((".dot", ".gv")):
        return "dot"
    fmt = for_path(out).name
    if fmt not in EXPORT_FORMATS:
        from argmap.errors import FormatError

        raise FormatError(f"argmap does not write {fmt}: name one with --to")
    return fmt


def _run_convert(args: argparse.Namespace) -> int:
    import argmap
    from argmap.formats.registry import for_path

    source = args.source_format or for_path(args.input).name
    if source == "aif":
        from argmap.formats import aif
        from argmap.formats.files import read_bytes

        result = aif.read(read_bytes(args.input, what="AIF file"), str(args.input))
        obj: Any = result.value
        if result.report.unmapped:
            sys.stderr.write(result.report.summary() + "\n")
    else:
        obj = argmap.load(args.input, format=source)
    obj = _rebase_sources(obj, args.input.parent, args.output.parent)
    text = _export_text(args.to or _convert_target(args.output), obj)
    args.output.write_text(text, encoding="utf-8")
    return 0


def _rebase_sources(obj: Any, old: Path, new: Path) -> Any:
    """Relative source paths point from the input's folder; make them point from the
    output's, so the converted map still finds its source text."""
    import os

    import attrs

    from argmap.comparison import Comparison
    from argmap.model import ArgumentMap

    def fix(m: ArgumentMap) -> ArgumentMap:
        if m.source is None or os.path.isabs(m.source.path):
            return m
        moved = os.path.relpath(os.path.abspath(old / m.source.path), os.path.abspath(new))
        return attrs.evolve(m, source=attrs.evolve(m.source, path=moved))

    if isinstance(obj, Comparison):
        return attrs.evolve(obj, maps=tuple(fix(m) for m in obj.maps))
    return fix(obj) if isinstance(obj, ArgumentMap) else obj


# -- build -------------------------------------------------------------------------------


def _add_build(sub: Subparsers) -> None:
    p = sub.add_parser(
        "build",
        help="render maps, comparison diagrams and the report into a folder",
        description="Load a comparison file and the maps it includes; write each map's diagram, "
        "the comparison (summary and full views, one view per issue), the report (Markdown and "
        "HTML) and the JSON export into OUT; print where they are and a three-line summary.",
    )
    p.add_argument(
        "comparison",
        nargs="?",
        default=Path("maps/comparison.argdown"),
        type=Path,
        metavar="COMPARISON",
        help="comparison file (default: maps/comparison.argdown)",
    )
    p.add_argument(
        "-o", "--output", type=Path, default=Path("out"), metavar="OUT", help="output folder"
    )
    p.add_argument(
        "--figure",
        type=Path,
        metavar="DIR",
        help="also copy comparison-summary.svg and .dot into DIR (the README figure)",
    )
    p.set_defaults(run=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    import time

    from argmap.build import build, format_summary

    started = time.perf_counter()
    result = build(args.comparison, args.output, figure_dir=args.figure)
    elapsed = time.perf_counter() - started
    _out(f"wrote {len(result.files)} files to {result.out_dir}/ in {elapsed:.1f} s:")
    for path in result.files:
        _out(f"  {path}")
    _out(format_summary(result))
    return 0


# -- render ------------------------------------------------------------------------------


def _add_render(sub: Subparsers) -> None:
    p = sub.add_parser(
        "render",
        help="draw one map or comparison view (SVG, PNG, PDF or DOT)",
        description="Draw a map, or a comparison file, as one diagram. Focus on a statement's "
        "neighbourhood (maps) or on one issue (comparisons) to keep large maps readable.",
    )
    p.add_argument("file", metavar="FILE", type=Path, help="a map or a comparison file")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="the file to write"
    )
    p.add_argument(
        "--format",
        choices=("svg", "png", "pdf", "dot"),
        help="output format (default: from OUT's suffix, else svg)",
    )
    p.add_argument(
        "--detail",
        choices=("summary", "full", "quotes"),
        default="summary",
        help="node labels: the statement text, also its title, or also its quotes",
    )
    p.add_argument(
        "--view",
        choices=("summary", "full"),
        default="summary",
        help="comparisons: compared statements only, or every statement",
    )
    p.add_argument("--focus", metavar="ID", help="maps: only the neighbourhood of statement ID")
    p.add_argument("--depth", type=int, default=1, help="with --focus: relation steps (default 1)")
    p.add_argument("--issue", metavar="ID", help="comparisons: only this issue")
    p.set_defaults(run=_run_render)


def _run_render(args: argparse.Namespace) -> int:
    from argmap.check import is_comparison
    from argmap.errors import ArgmapError
    from argmap.model import Location
    from argmap.render import comparison_graph, map_graph, render
    from argmap.render.output import Format

    formats: dict[str, Format] = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot"}
    fmt = formats.get(args.format or (args.output.suffix.lstrip(".") or "svg"))
    if fmt is None:
        raise ArgmapError(
            f"cannot tell the format from {args.output.name!r}: use --format",
            Location(str(args.output)),
        )
    text = args.file.read_text(encoding="utf-8")
    if is_comparison(text):
        from argmap import compare

        if args.focus:
            raise ArgmapError("--focus is for maps; use --issue", Location(str(args.file)))
        graph = comparison_graph(
            compare.load(args.file), view=args.view, issue=args.issue, detail=args.detail
        )
    else:
        from argmap.formats import argdown

        if args.issue:
            raise ArgmapError("--issue is for comparison files", Location(str(args.file)))
        graph = map_graph(
            argdown.load(args.file), detail=args.detail, focus=args.focus, depth=args.depth
        )
    _out(str(render(graph, args.output, fmt)))
    return 0


# -- new ---------------------------------------------------------------------------------


def _add_new(sub: Subparsers) -> None:
    p = sub.add_parser(
        "new",
        help="write the scaffold of a new map for an essay",
        description="Write a new map file for the essay SOURCE (UTF-8 text): the map heading "
        "with the source's metadata and sha256, one section and a placeholder thesis to replace. "
        "Statement titles get a prefix derived from the id that no other map in MAP's folder "
        "(or in --comparison) uses. Never overwrites a file.",
    )
    p.add_argument("source", metavar="SOURCE", type=Path, help="the essay as UTF-8 text")
    p.add_argument("map", metavar="MAP", type=Path, help="the map file to write (*.argdown)")
    p.add_argument("--id", required=True, dest="map_id", help="map id, e.g. smith-2024")
    p.add_argument("--title", required=True, help="the essay's title")
    p.add_argument("--author", help="the author as the text gives it (leave out if anonymous)")
    p.add_argument(
        "--year", default="n.d.", help="year of publication; n.d. (the default) when unknown"
    )
    p.add_argument("--venue", help="where it was published")
    p.add_argument(
        "--attributed-author", help="the author it is attributed to, when the text names none"
    )
    p.add_argument("--label", help="a short name for tables and diagrams, e.g. 'Text b039'")
    p.add_argument("--prefix", help="statement title prefix (default: derived from the id, unique)")
    p.add_argument(
        "--comparison",
        type=Path,
        metavar="FILE",
        help="a comparison the map will join: its maps' prefixes are avoided too",
    )
    p.set_defaults(run=_run_new)


def _year(value: str, where: str) -> int | None:
    from argmap.errors import ArgmapError
    from argmap.model import Location

    if value.strip().lower() in ("n.d.", "nd", "unknown", ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise ArgmapError(
            f"--year must be a year such as 2014, or n.d. when unknown; got {value!r}",
            Location(where),
        ) from None


def _run_new(args: argparse.Namespace) -> int:
    from argmap.check import map_files
    from argmap.errors import ArgmapError
    from argmap.model import Location
    from argmap.scaffold import new_map, unique_prefix, used_prefixes

    target: Path = args.map
    folder = target.parent if str(target.parent) else Path(".")
    neighbours = [f for f in sorted(folder.glob("*.argdown")) if f.resolve() != target.resolve()]
    if args.comparison is not None:
        neighbours += [f for f in map_files(args.comparison) if f not in neighbours]
    taken = used_prefixes(neighbours)
    if args.prefix is not None and args.prefix in taken:
        raise ArgmapError(
            f"prefix {args.prefix!r} is already used by {taken[args.prefix]}; choose another",
            Location(str(target)),
        )
    prefix = args.prefix or unique_prefix(args.map_id, taken)
    path = new_map(
        args.source,
        target,
        map_id=args.map_id,
        title=args.title,
        author=args.author,
        year=_year(args.year, str(target)),
        venue=args.venue,
        attributed_author=args.attributed_author,
        prefix=prefix,
        label=args.label,
    )
    _out(f"wrote {path} (statement titles start with '{prefix}: ')")
    _out("next: replace the placeholder thesis, add statements with quotes, then")
    _out(f'  argmap quote {args.source} "some words"   # find a passage')
    _out(f"  argmap anchor --write {path}           # write quote offsets")
    _out(f"  argmap check {path}                    # verify")
    return 0


# -- formats -----------------------------------------------------------------------------


def _add_formats(sub: Subparsers) -> None:
    p = sub.add_parser(
        "formats",
        help="list the file formats argmap reads and writes",
        description="List the registered file formats: name, file suffixes, whether argmap "
        "can read and write them, and what they hold.",
    )
    p.set_defaults(run=_run_formats)


def _run_formats(args: argparse.Namespace) -> int:
    from argmap.formats.registry import formats

    for fmt in formats():
        modes = "read/write" if fmt.dump is not None else "read"
        _out(f"{fmt.name:<12} {' '.join(fmt.suffixes):<20} {modes:<10} {fmt.description}")
    return 0


# -- new-comparison ----------------------------------------------------------------------


def _add_new_comparison(sub: Subparsers) -> None:
    p = sub.add_parser(
        "new-comparison",
        help="write a comparison file for maps, or add a map to one",
        description="Write a comparison file that @includes MAP...: an issue skeleton with a "
        "position for every map and a commented example correspondence. With --add, add "
        "MAP... to the existing comparison OUT instead (an @include line and a position on "
        "every issue). Paths in the file are relative to it; the maps must be in its folder "
        "or below.",
    )
    p.add_argument("maps", nargs="+", metavar="MAP", type=Path, help="map files")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="the comparison file"
    )
    p.add_argument("--title", help="the comparison's title (required unless --add)")
    p.add_argument("--id", dest="comparison_id", help="comparison id (default: from the file name)")
    p.add_argument("--add", action="store_true", help="add MAP... to the existing comparison")
    p.set_defaults(run=_run_new_comparison)


def _include_path(comparison: Path, map_path: Path) -> str:
    import os

    from argmap.errors import ArgmapError
    from argmap.model import Location

    relative = Path(os.path.relpath(map_path.resolve(), comparison.resolve().parent)).as_posix()
    if relative.startswith("../"):
        raise ArgmapError(
            f"{map_path} is outside the comparison's folder: write the comparison in a folder "
            "that contains its maps (includes may not leave it)",
            Location(str(comparison)),
        )
    return relative


def _run_new_comparison(args: argparse.Namespace) -> int:
    from argmap.errors import ArgmapError
    from argmap.formats import argdown
    from argmap.formats.comparison_writer import add_map, comparison_text
    from argmap.model import Location
    from argmap.scaffold import MAP_ID_PATTERN

    out: Path = args.output
    where = Location(str(out))
    loaded = [(p, argdown.load(p)) for p in args.maps]
    if args.add:
        text = out.read_text(encoding="utf-8")
        for p, m in loaded:
            text = add_map(text, str(out), _include_path(out, p), m)
        _write_new(out, text, replace=True)
        _out(f"added {', '.join(m.id for _p, m in loaded)} to {out}")
    else:
        if args.title is None:
            raise ArgmapError("give the comparison a --title", where)
        if out.exists():
            raise ArgmapError("refusing to overwrite an existing file (use --add)", where)
        cid = args.comparison_id or out.stem.lower()
        if not MAP_ID_PATTERN.fullmatch(cid):
            raise ArgmapError(
                f"invalid comparison id {cid!r}: use lowercase letters, digits and single "
                "hyphens, or pass --id",
                where,
            )
        ids = [m.id for _p, m in loaded]
        if len(set(ids)) != len(ids):
            raise ArgmapError(f"two maps have the same id: {', '.join(ids)}", where)
        includes = [(_include_path(out, p), m) for p, m in loaded]
        _write_new(out, comparison_text(includes, title=args.title, comparison_id=cid))
        _out(f"wrote {out}")
    _out("next: fill in the issues (REPLACE ME), then")
    _out(f"  argmap suggest {out}      # candidate correspondences, ready to paste")
    _out(f"  argmap check {out}        # warns about each placeholder left")
    return 0


def _write_new(path: Path, text: str, *, replace: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file in its folder (all or nothing)."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if path exists: never overwrite
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# -- suggest -----------------------------------------------------------------------------


def _add_suggest(sub: Subparsers) -> None:
    p = sub.add_parser(
        "suggest",
        help="suggest correspondences: similar statements of different maps, not yet linked",
        description="Rank pairs of statements of different maps that no correspondence links "
        "yet by similarity (WordLlama embeddings and TF-IDF), each with a polarity hint "
        "(agree/conflict cues; a hint only) and the issue it would fit, printed as Argdown "
        "to paste into the comparison. --accept N writes suggestion N into the file, in its "
        "issue's section, with a placeholder rationale to replace.",
    )
    p.add_argument("comparison", metavar="COMPARISON", type=Path)
    p.add_argument("--top", type=int, default=10, metavar="K", help="how many (default 10)")
    p.add_argument("--map", dest="map_id", metavar="ID", help="only pairs with a statement of ID")
    p.add_argument(
        "--statement", metavar="TITLE", help="only pairs with this statement (e.g. 'V: Thesis')"
    )
    p.add_argument("--format", choices=("argdown", "json"), default="argdown")
    p.add_argument("--accept", type=int, metavar="N", help="write suggestion N into the file")
    p.add_argument(
        "--as",
        dest="kind",
        choices=("agree", "partial", "conflict"),
        help="with --accept: the correspondence type (default: the hint)",
    )
    p.add_argument("--rationale", help="with --accept: your rationale (default: a placeholder)")
    p.set_defaults(run=_run_suggest)


def _run_suggest(args: argparse.Namespace) -> int:
    from argmap import compare
    from argmap.analysis.suggest import fresh_title
    from argmap.errors import ArgmapError
    from argmap.formats.comparison_writer import insert_correspondence
    from argmap.model import Location

    where = Location(str(args.comparison))
    if args.top < 1:
        raise ArgmapError("--top must be at least 1", where)
    c = compare.load(args.comparison)
    try:
        found = compare.suggest(c, args.top, map_id=args.map_id, statement=args.statement)
    except KeyError as exc:
        raise ArgmapError(str(exc.args[0]), where) from None
    if args.accept is None:
        if args.format == "json":
            import json

            _out(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
        elif not found:
            _out("no suggestions: every pair of statements of different maps is linked")
        else:
            _out(found.argdown().rstrip("\n"))
        return 0
    if not 1 <= args.accept <= len(found):
        raise ArgmapError(f"--accept takes 1 to {len(found)}; got {args.accept}", where)
    chosen = found[args.accept - 1]
    title = fresh_title(chosen.id, {x.id for x in c.correspondences})
    block = chosen.argdown(type=args.kind, rationale=args.rationale, id=title)
    issue = c.issue(chosen.issue) if chosen.issue else None
    line = _issue_heading_line(args.comparison, chosen.issue) if issue else None
    text = args.comparison.read_text(encoding="utf-8")
    _write_new(args.comparison, insert_correspondence(text, block, line), replace=True)
    _out(
        f"added <{title}> to {args.comparison}" + (f" under issue {chosen.issue}" if issue else "")
    )
    if not args.rationale:
        _out("next: replace its REPLACE ME rationale with yours, then argmap check the file")
    return 0


def _issue_heading_line(path: Path, issue_id: str | None) -> int | None:
    """The line of the section heading of ``issue_id`` in the comparison file itself."""
    import os

    from argmap.formats import argdown

    doc = argdown.parse_file(path)
    for s in doc.sections:
        own = s.location is not None and os.path.samefile(s.location.path, path)
        if own and s.data and s.data.get("issue") == issue_id and s.location is not None:
            return s.location.line
    return None


#: Every subcommand's parser builder, in the order ``argmap --help`` lists them.
COMMANDS: list[Callable[[Subparsers], None]] = [
    _add_new,
    _add_new_comparison,
    _add_suggest,
    _add_quote,
    _add_anchor,
    _add_check,
    _add_build,
    _add_render,
    _add_export,
    _add_convert,
    _add_formats,
]


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of ``command`` alone when there is one by that name
    (what parsing that command's arguments needs, and quicker to build)."""
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Comparative argument mapping: Argdown maps of essays, quote-anchored.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    name = (command or "").replace("-", "_")
    for add in [add for add in COMMANDS if add.__name__ == f"_add_{name}"] or COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``argmap`` with ``argv`` (default: the process arguments); return the exit code.

    Without ``argv`` this is the process's own command line, and ``argmap check`` ends the
    process itself once its report is written (see :func:`_exit`).
    """
    words = sys.argv[1:] if argv is None else argv
    args = _parser(words[0] if words else None).parse_args(argv)
    args.exit_when_done = argv is None
    from argmap.errors import ArgmapError

    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except BrokenPipeError:
        # The reader went away (e.g. `argmap ... | head`): stop quietly.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except ArgmapError as exc:
        sys.stderr.write(f"argmap: {exc}\n")
    except UnicodeDecodeError as exc:
        sys.stderr.write(f"argmap: input is not UTF-8: {exc}\n")
    except OSError as exc:
        name = exc.filename if exc.filename is not None else ""
        reason = exc.strerror or str(exc)
        sys.stderr.write(f"argmap: {name}: {reason}\n" if name else f"argmap: {reason}\n")
    return 2
