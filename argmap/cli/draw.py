"""Subcommands that draw: ``build`` (every output of a comparison), ``render`` and
``explore`` (the explorer page)."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.build import BuildResult
    from argmap.model import ArgumentMap

from argmap.cli._common import Subparsers, _allow_outside, _guard_output, _out

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
        help="comparison file (default, inside the argmap repository: maps/comparison.argdown)",
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
    p.add_argument(
        "--check",
        action="store_true",
        help="first check the comparison and its maps as argmap check does; build only "
        "when there are no errors",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="with --check (implied): warnings stop the build too",
    )
    _allow_outside(p)
    p.set_defaults(run=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    import time

    from argmap.build import build, format_summary

    if args.comparison == Path("maps/comparison.argdown") and not args.comparison.exists():
        from argmap.errors import ArgmapError

        raise ArgmapError(
            "which comparison? Pass its file: argmap build COMPARISON.argdown -o OUT "
            "(without one, build looks for maps/comparison.argdown, which is not here)"
        )
    started = time.perf_counter()
    if args.check or args.strict:
        checked = _checked_build(args)
        if checked is None:
            return 1
        result = checked
    else:
        result = build(args.comparison, args.output, figure_dir=args.figure)
    elapsed = time.perf_counter() - started
    _out(f"wrote {len(result.files)} files to {result.out_dir}/ in {elapsed:.1f} s:")
    for path in result.files:
        _out(f"  {path}")
    _out(format_summary(result))
    return 0


def _checked_build(args: argparse.Namespace) -> BuildResult | None:
    """``argmap build --check``: the checks, then the build; None (nothing built) when the
    checks fail. The comparison is read once for both (shared documents), and Graphviz draws
    the maps into a folder of its own while the checks run (:mod:`argmap.build_ahead`)."""
    from argmap.build import build, build_comparison, load
    from argmap.build_ahead import Ahead
    from argmap.errors import ArgmapError
    from argmap.formats.argdown import shared_documents

    with shared_documents():
        try:
            loaded = load(args.comparison)
        except ArgmapError:
            loaded = None  # the checks say what is wrong
        with Ahead(loaded, args.output) if loaded else contextlib.nullcontext() as ahead:
            if not _checked(args.comparison, strict=args.strict):
                return None
            if loaded is None:  # clean to the checks, yet not readable: the reader's error
                return build(args.comparison, args.output, figure_dir=args.figure)
            return build_comparison(loaded, args.output, figure_dir=args.figure, ahead=ahead)


def _checked(comparison: Path, *, strict: bool) -> bool:
    """``argmap check [--strict] COMPARISON`` in this process: its findings and summary
    printed as that command prints them; whether the build may go on."""
    from argmap.check import check_paths

    report = check_paths([comparison])
    if strict:
        report = report.strict()
    for finding in report.findings:
        _out(str(finding))
    _out(report.summary() + ("" if report.ok else "; nothing built"))
    return report.ok


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
    _allow_outside(p)
    p.set_defaults(run=_run_render)


def _run_render(args: argparse.Namespace) -> int:
    from argmap.comparison import Comparison
    from argmap.errors import ArgmapError
    from argmap.formats.registry import load
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
    from argmap.formats import files

    with files.rooted(args.file.parent):
        loaded = load(args.file)
    maps: Sequence[ArgumentMap]
    if isinstance(loaded, Comparison):
        if args.focus:
            raise ArgmapError("--focus is for maps; use --issue", Location(str(args.file)))
        maps = loaded.maps
        graph = comparison_graph(loaded, view=args.view, issue=args.issue, detail=args.detail)
    else:
        if args.issue:
            raise ArgmapError("--issue is for comparison files", Location(str(args.file)))
        maps = [loaded]
        graph = map_graph(loaded, detail=args.detail, focus=args.focus, depth=args.depth)
    _guard_output(args.output, [args.file], maps)
    _out(str(render(graph, args.output, fmt)))
    return 0


# -- explore -----------------------------------------------------------------------------


def _add_explore(sub: Subparsers) -> None:
    p = sub.add_parser(
        "explore",
        help="write the explorer: diagram and source texts, linked, in one offline HTML file",
        description="Write one self-contained HTML page for a map or a comparison file: the "
        "diagram with pan and zoom, each author's text with every quote highlighted, selection "
        "both ways, a side panel, filters, search and deep links (OUT#<map>/<statement>).",
    )
    p.add_argument("file", metavar="FILE", type=Path, help="a map or a comparison file")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="the HTML file to write"
    )
    p.set_defaults(run=_run_explore)


def _run_explore(args: argparse.Namespace) -> int:
    from argmap import explorer

    _out(str(explorer.write(explorer.load(args.file), args.output)))
    return 0
