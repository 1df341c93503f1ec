"""Subcommands that move maps between formats: ``export``, ``convert``, ``formats``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.comparison import Comparison
    from argmap.model import ArgumentMap

from argmap.cli._common import Subparsers, _allow_outside, _guard_output, _out

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
    _allow_outside(p)
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
    from argmap.formats import argdown, files
    from argmap.formats.comparison import is_comparison, map_files

    # A single comparison file exports its maps and the comparison itself; otherwise a
    # comparison file contributes the maps it includes.
    first = args.files[0]
    if len(args.files) == 1 and is_comparison(files.read_text(first)):
        from argmap import compare

        with files.rooted(first.parent):
            c = compare.load(first)
        maps: list[ArgumentMap] = list(c.maps)
        text = _export_text(args.to, c)
    else:
        maps = []
        for given in args.files:
            with files.rooted(given.parent):
                maps += [argdown.loads(files.read_text(p), str(p)) for p in map_files(given)]
        text = _export_text(args.to, list(maps))
    if args.output is None:
        sys.stdout.write(text)
    else:
        _guard_output(args.output, args.files, maps)
        files.write_text(args.output, text)
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
    from argmap.formats.files import write_text

    _guard_output(args.output, [args.input], [])
    write_text(args.output, text)
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
