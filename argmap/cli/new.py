"""Subcommands that start files: ``new``, ``new-comparison``, ``suggest``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

from argmap.cli._common import Subparsers, _out, _write_new

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
    from argmap.errors import ArgmapError
    from argmap.formats.comparison import map_files
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
    from argmap.formats.files import read_text
    from argmap.model import Location
    from argmap.scaffold import MAP_ID_PATTERN

    out: Path = args.output
    where = Location(str(out))
    loaded = [(p, argdown.load(p)) for p in args.maps]
    if args.add:
        text = read_text(out, what="comparison")
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
    from argmap.formats.files import read_text
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
    text = read_text(args.comparison, what="comparison")
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
