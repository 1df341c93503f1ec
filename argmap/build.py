"""The build pipeline: one comparison file in, every diagram, the report and the JSON out.

:func:`build` loads a comparison (which includes its maps) and writes, into one folder and
under fixed names:

* per map: ``<map-id>.svg``, ``<map-id>.png`` and ``<map-id>.dot`` (the summary view);
* the comparison: ``comparison-summary.{svg,png,dot}`` and ``comparison-full.{svg,dot}``;
* per issue: ``issue-<issue-id>.svg`` (SVG only: ``argmap render --issue`` draws a PNG);
* the issue matrix: ``matrix.{svg,png}`` and ``matrix.csv`` (issues by authors);
* the author network: ``network.{svg,png}``, ``network.graphml`` and one CSV adjacency matrix
  per kind of correspondence (``network-agree.csv``, ``network-partial.csv``,
  ``network-conflict.csv``);
* the report: ``report.md`` (linking the PNGs beside it) and ``report.html`` (with the
  summary diagram, the matrix, the network and each issue's diagram embedded);
* the JSON export of the maps and the comparison: ``comparison.json``;
* the explorer (diagrams beside the source texts, one offline page): ``explorer.html``.

Graphviz lays each drawing out once and writes its SVG and PNG from that layout; those calls
run in a small thread pool. A drawing whose DOT source is the same as at the last build into
the folder, with its images still as that build wrote them (checked by their SHA-256), is not
laid out again: ``.argmap-build.json`` records, per drawing, a digest of its DOT source and
the Graphviz that drew it, and the digests of the files written. The files are the same
bytes either way.
:func:`format_summary` gives the three-line headline a command prints after building.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap import compare
from argmap.compare import Comparison, CorrespondenceType, Summary
from argmap.errors import ArgmapError, ConventionError, RenderError
from argmap.explorer import EXPLORER_HTML
from argmap.formats.files import rooted, write_bytes, write_text
from argmap.model import Location
from argmap.render import dot, figures, output
from argmap.render.output import issue_stem
from argmap.text import slug

if TYPE_CHECKING:
    from argmap.build_ahead import Ahead

__all__ = [
    "FORMATS",
    "BuildResult",
    "build",
    "build_comparison",
    "drawings",
    "format_summary",
    "load",
    "manifest",
    "output_names",
    "source_digest",
]

#: Threads that run Graphviz: one per core (at least two, at most four); each call is a
#: subprocess, so the threads run in parallel (and beside the thread building the graphs).
WORKERS = max(2, min(4, os.cpu_count() or 2))

REPORT_MD = "report.md"
REPORT_HTML = "report.html"
JSON_EXPORT = "comparison.json"
SUMMARY_STEM = "comparison-summary"
FULL_STEM = "comparison-full"
MATRIX_STEM = "matrix"
NETWORK_STEM = "network"
MATRIX_CSV = "matrix.csv"
NETWORK_GRAPHML = "network.graphml"
NETWORK_CSVS = tuple((k, f"network-{k.value}.csv") for k in CorrespondenceType)


#: The build lock and the list of files the last build wrote, in the output folder.
LOCK = ".argmap-build.lock"
MANIFEST = ".argmap-build.json"


def _paths(value: tuple[Path, ...] | list[Path]) -> tuple[Path, ...]:
    return tuple(value)


@attrs.frozen
class BuildResult:
    """What a build wrote (in a fixed order) and the comparison's headline counts."""

    out_dir: Path
    files: tuple[Path, ...] = attrs.field(converter=_paths)
    summary: Summary


def _stem(map_id: str) -> str:
    """The file-name stem of a map's drawings (the one slug rule, :func:`argmap.text.slug`)."""
    return slug(map_id)


#: The formats of a drawing that a build writes in all of them.
FORMATS: tuple[output.Format, ...] = ("svg", "png", "dot")


#: Per drawing (file stem): the digest of what it was drawn from, and of each file written.
Drawn = dict[str, dict[str, object]]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_digest(
    graph: graphviz.Digraph, formats: tuple[output.Format, ...], identity: str
) -> str:
    """What a drawing is made from: its DOT source, its formats and the Graphviz that draws
    it (:func:`argmap.render.output.layout_identity`)."""
    return _digest(f"{identity}\n{','.join(formats)}\n{graph.source}".encode())


def _kept(stem: Path, formats: tuple[output.Format, ...], source: str, before: Drawn) -> bool:
    """Whether the last build into ``stem``'s folder drew ``source`` and its files are still
    the ones it wrote (the drawing is then kept as it is)."""
    old = before.get(stem.name, {})
    files = old.get("files") if old.get("source") == source else None
    names = [f"{stem.name}.{fmt}" for fmt in formats]
    return (
        isinstance(files, dict)
        and sorted(files) == sorted(names)
        and all(_same(stem.parent / name, files[name]) for name in names)
    )


def _draw(
    graph: graphviz.Digraph,
    stem: Path,
    formats: tuple[output.Format, ...],
    identity: str,
    before: Drawn,
    now: Drawn,
    ahead: Ahead | None = None,
) -> None:
    """Write one drawing, unless it is :func:`_kept`; files drawn ahead of the build from the
    same source (``ahead``) are copied in instead of drawing them again."""
    source = source_digest(graph, formats, identity)
    names = [f"{stem.name}.{fmt}" for fmt in formats]
    if _kept(stem, formats, source, before):
        now[stem.name] = before[stem.name]
        return
    drawn = ahead.take(stem.name, source) if ahead is not None else None
    if drawn is None:
        output.render_all(graph, stem, formats)
    else:  # written as render_all writes: each file atomically
        for name in names:
            write_bytes(stem.parent / name, (drawn.parent / name).read_bytes())
    written = {name: _digest((stem.parent / name).read_bytes()) for name in names}
    now[stem.name] = {"source": source, "files": written}


def _same(path: Path, digest: object) -> bool:
    """Whether ``path`` is a regular file (not a link) with the SHA-256 ``digest``."""
    try:
        return not path.is_symlink() and path.is_file() and _digest(path.read_bytes()) == digest
    except OSError:
        return False


def drawings(
    c: Comparison, png: bool
) -> Iterator[tuple[str, Callable[[], graphviz.Digraph], tuple[output.Format, ...]]]:
    """Every drawing of a build (file stem, how to build its graph, its formats), the ones
    Graphviz takes longest over first (the essay maps, then the comparison summary), so the
    pool starts on them while the rest are still being built. The full view comes last:
    neither the HTML report nor the explorer shows it, so they are written while Graphviz
    draws it."""
    formats = FORMATS if png else tuple(f for f in FORMATS if f != "png")
    no_png = tuple(f for f in formats if f != "png")  # the full view is for zooming: SVG
    for m in c.maps:
        yield _stem(m.id), partial(dot.map_graph, m), formats
    yield SUMMARY_STEM, partial(dot.comparison_graph, c), formats
    yield MATRIX_STEM, partial(figures.matrix_graph, c), formats
    yield NETWORK_STEM, partial(figures.network_graph, c), formats
    for issue in c.issues:
        graph = partial(dot.comparison_graph, c, issue=issue.id)
        yield issue_stem(issue.id), graph, ("svg",)
    yield FULL_STEM, partial(dot.comparison_graph, c, view="full"), no_png


def output_names(c: Comparison, *, png: bool = True) -> tuple[str, ...]:
    """The file names a build of ``c`` writes, in the order :class:`BuildResult` lists them.

    Raises :class:`ArgmapError` when two outputs would share a name (a map id equal to
    ``comparison-summary``, or two issue ids that differ only in punctuation).
    """
    names = [f"{stem}.{fmt}" for stem, _graph, formats in drawings(c, png) for fmt in formats]
    names += [MATRIX_CSV, NETWORK_GRAPHML, *(name for _, name in NETWORK_CSVS)]
    names += [REPORT_MD, REPORT_HTML, JSON_EXPORT, EXPLORER_HTML]
    seen: set[str] = set()
    for name in names:
        if name in seen or name.startswith("."):
            raise ArgmapError(f"two outputs of the build would be named {name!r}", c.location)
        seen.add(name)
    return tuple(names)


def _write(path: Path, text: str) -> None:
    write_text(path, text)


def _drawn(c: Comparison, out: Path) -> dict[str, str]:
    """The drawings this build wrote that the explorer shows, by the explorer's keys."""
    files = {"comparison": out / f"{SUMMARY_STEM}.svg"}
    files.update({f"map:{m.id}": out / f"{m.id}.svg" for m in c.maps})
    files.update({f"issue:{i.id}": out / f"{issue_stem(i.id)}.svg" for i in c.issues})
    return {key: path.read_text(encoding="utf-8") for key, path in files.items() if path.is_file()}


def build_comparison(
    c: Comparison,
    out_dir: str | Path,
    *,
    png: bool = True,
    figure_dir: str | Path | None = None,
    ahead: Ahead | None = None,
) -> BuildResult:
    """Write every output of an already loaded comparison into ``out_dir`` (created if needed).

    ``png=False`` leaves out the PNG files, the slowest part of a build. ``figure_dir`` (for
    instance ``docs/images``) also receives copies of ``comparison-summary.svg`` and
    ``comparison-summary.dot``, the README's figure; they are not listed in the result.
    ``ahead``: drawings Graphviz started before the build (:mod:`argmap.build_ahead`).
    """
    out = Path(out_dir)
    names = output_names(c, png=png)
    if out.exists() and not out.is_dir():
        raise ArgmapError(f"output folder {out} is a file", Location(str(out)))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"cannot create: {exc.strerror or exc}", Location(str(out))) from exc
    with _locked(out):
        before_names, before = manifest(out)
        now: Drawn = {}
        result = _write_all(c, out, names, png, figure_dir, before, now, ahead)
        _forget_stale(out, names, before_names, now)
    return result


def _locked(out: Path) -> contextlib.AbstractContextManager[None]:
    """Hold the build lock of ``out`` (``.argmap-build.lock``): a second build into the same
    folder waits until the first has finished, so their files never mix."""
    return _Lock(out / LOCK)


class _Lock:
    """The build lock: an OS file lock taken through ``filelock`` (``flock`` on POSIX,
    ``msvcrt.locking`` on Windows). The operating system drops it when the holder exits,
    however it exits (a killed build leaves no stale lock); the file itself stays. A symlink
    at the lock's name is refused, never followed."""

    def __init__(self, path: Path) -> None:
        import filelock

        self.path = path
        self.lock = filelock.FileLock(path, is_singleton=False)

    def __enter__(self) -> None:
        import filelock

        try:
            try:
                self.lock.acquire(timeout=0)
            except filelock.Timeout:
                sys.stderr.write(f"waiting for another build into {self.path.parent}\u2026\n")
                sys.stderr.flush()
                self.lock.acquire()
        except OSError as exc:
            raise RenderError(
                f"cannot take the build lock: {exc.strerror or exc}", Location(str(self.path))
            ) from exc

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def manifest(out: Path) -> tuple[list[object], Drawn]:
    """The file names the last build into ``out`` wrote and what its drawings were made
    from (``.argmap-build.json``; an older build's plain list of names is read too)."""
    try:
        raw = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [], {}
    if isinstance(raw, list):
        return raw, {}
    if not isinstance(raw, dict):
        return [], {}
    names, drawn = raw.get("files"), raw.get("drawings")
    drawings = (
        {k: v for k, v in drawn.items() if isinstance(v, dict)} if isinstance(drawn, dict) else {}
    )
    return (names if isinstance(names, list) else []), drawings


def _forget_stale(out: Path, names: tuple[str, ...], before: list[object], drawn: Drawn) -> None:
    """Remove what the previous build into ``out`` wrote and this one did not (``before``,
    from ``.argmap-build.json``), and temporary files left by a killed build; record this
    build's names and drawings."""
    keep = set(names)
    for name in before:
        if (
            isinstance(name, str)
            and name not in keep
            and name == Path(name).name
            and not name.startswith(".")
        ):
            (out / name).unlink(missing_ok=True)
    for leftover in out.glob(".*.tmp"):
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)
    manifest = {"files": sorted(names), "drawings": drawn}
    write_text(out / MANIFEST, json.dumps(manifest, indent=0, sort_keys=True) + "\n")


def _write_all(
    c: Comparison,
    out: Path,
    names: tuple[str, ...],
    png: bool,
    figure_dir: str | Path | None,
    before: Drawn,
    now: Drawn,
    ahead: Ahead | None,
) -> BuildResult:
    identity = output.layout_identity(FORMATS if png else ("svg",))
    futures = []
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        # each graph goes to the pool (Graphviz in a subprocess) as soon as it is built;
        # this thread meanwhile builds the next ones and writes the text outputs (their
        # modules are imported only now, while Graphviz is busy)
        for stem, graph, fmts in drawings(c, png):
            made = ahead.graph(stem) if ahead is not None else None
            made = graph() if made is None else made
            job = partial(_draw, made, out / stem, fmts, identity, before, now, ahead)
            futures.append(pool.submit(job))
        from argmap.analysis.matrix import issue_matrix
        from argmap.analysis.network import author_network
        from argmap.explorer import explorer_html
        from argmap.formats import json as json_format
        from argmap.render import report

        _write(out / REPORT_MD, report.markdown(c, report.Images.of(c, png=png)))
        _write(out / MATRIX_CSV, issue_matrix(c).csv())
        net = author_network(c)
        _write(out / NETWORK_GRAPHML, net.graphml())
        for kind, name in NETWORK_CSVS:
            _write(out / name, net.adjacency_csv(kind))
        _write(out / JSON_EXPORT, json_format.dumps(c.maps, comparison=c))
        # the first failure, in the order of the drawings; the last drawing (the full view)
        # is shown by neither page, so they are written while Graphviz may still draw it
        *shown, last = futures
        for future in shown:
            future.result()

        # The HTML report and the explorer embed the drawings, so they come after them.
        def read(stem: str) -> str:
            return (out / f"{stem}.svg").read_text(encoding="utf-8")

        svgs = report.Figures(
            read(MATRIX_STEM),
            read(NETWORK_STEM),
            tuple((i.id, read(issue_stem(i.id))) for i in c.issues),
        )
        _write(out / REPORT_HTML, report.html(c, read(SUMMARY_STEM), svgs))
        _write(out / EXPLORER_HTML, explorer_html(c, drawn=_drawn(c, out)))
        last.result()

    if figure_dir is not None:
        figures = Path(figure_dir)
        try:
            figures.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArgmapError(
                f"cannot create: {exc.strerror or exc}", Location(str(figures))
            ) from exc
        for ext in ("svg", "dot"):
            name = f"{SUMMARY_STEM}.{ext}"
            _write(figures / name, (out / name).read_text(encoding="utf-8"))

    files = tuple(out / name for name in names)
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise ArgmapError(f"the build did not write {', '.join(missing)}", Location(str(out)))
    return BuildResult(out, files, c.summary())


def build(
    comparison_path: str | Path,
    out_dir: str | Path = "out",
    *,
    png: bool = True,
    figure_dir: str | Path | None = None,
) -> BuildResult:
    """Load the comparison at ``comparison_path`` and write every output into ``out_dir``.

    ``figure_dir``: see :func:`build_comparison`.
    """
    return build_comparison(load(comparison_path), out_dir, png=png, figure_dir=figure_dir)


def load(comparison_path: str | Path) -> Comparison:
    """The comparison at ``comparison_path`` (with its maps), read as :func:`build` reads it:
    its folder is the root that includes and sources must lie in."""
    with rooted(Path(comparison_path).parent):
        return _load(comparison_path)


def _load(path: str | Path) -> Comparison:
    """An Argdown comparison file, or a comparison in any other registered format."""
    if Path(path).suffix.lower() == ".argdown":
        return compare.load(path)
    from argmap.formats import registry

    loaded = registry.load(path)
    if not isinstance(loaded, Comparison):
        raise ConventionError(
            "argmap build needs a comparison; for one map use argmap render", Location(str(path))
        )
    return loaded


def format_summary(result: BuildResult | Summary) -> str:
    """The three-line headline of a comparison (no trailing newline).

    >>> print(format_summary(Summary(2, 5, 3, 1, 4, (("a", 2), ("b", 1)))))
    issues:     5 across 2 maps
    agreements: 3 (and 1 partial)
    conflicts:  4
    """
    s = result.summary if isinstance(result, BuildResult) else result
    return "\n".join(
        (
            f"issues:     {s.issues} across {s.maps} maps",
            f"agreements: {s.agreements} (and {s.partial} partial)",
            f"conflicts:  {s.conflicts}",
        )
    )
