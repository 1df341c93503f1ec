"""The build pipeline: one comparison file in, every diagram, the report and the JSON out.

:func:`build` loads a comparison (which includes its maps) and writes, into one folder and
under fixed names:

* per map: ``<map-id>.svg``, ``<map-id>.png`` and ``<map-id>.dot`` (the summary view);
* the comparison: ``comparison-summary.{svg,png,dot}`` and ``comparison-full.{svg,png,dot}``;
* per issue: ``issue-<issue-id>.svg``;
* the report: ``report.md`` and ``report.html`` (with the summary diagram embedded);
* the JSON export of the maps and the comparison: ``comparison.json``.

Graphviz runs once per image; those calls run in a small thread pool, so a build of two
maps takes about a second. :func:`format_summary` gives the three-line headline a command
prints after building.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import attrs

from argmap import compare
from argmap.compare import Comparison, Summary
from argmap.errors import ArgmapError
from argmap.formats import json as json_format
from argmap.model import Location
from argmap.render import dot, output, report

__all__ = ["BuildResult", "build", "build_comparison", "format_summary", "output_names"]

#: Threads that run Graphviz: one per core (at least two, at most four); each call is a
#: subprocess, so the threads run in parallel.
WORKERS = max(2, min(4, os.cpu_count() or 2))

REPORT_MD = "report.md"
REPORT_HTML = "report.html"
JSON_EXPORT = "comparison.json"
SUMMARY_STEM = "comparison-summary"
FULL_STEM = "comparison-full"


def _paths(value: tuple[Path, ...] | list[Path]) -> tuple[Path, ...]:
    return tuple(value)


@attrs.frozen
class BuildResult:
    """What a build wrote (in a fixed order) and the comparison's headline counts."""

    out_dir: Path
    files: tuple[Path, ...] = attrs.field(converter=_paths)
    summary: Summary


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_ALL: tuple[output.Format, ...] = ("svg", "png", "dot")


def _drawing_jobs(c: Comparison, out: Path, png: bool) -> list[Callable[[], object]]:
    """One job per image file: the graphs are built here, Graphviz runs when a job runs.

    Rasterising is what costs (a PNG of the full comparison takes many times its SVG), so
    the jobs come biggest PNG first: the pool then finishes the long ones while the short
    ones fill the gaps.
    """
    formats = _ALL if png else tuple(f for f in _ALL if f != "png")
    only_svg: tuple[output.Format, ...] = ("svg",)
    drawings = [(m.id, dot.map_graph(m), formats) for m in c.maps]
    drawings.append((SUMMARY_STEM, dot.comparison_graph(c), formats))
    drawings.append((FULL_STEM, dot.comparison_graph(c, view="full"), formats))
    for issue in c.issues:
        drawings.append(
            (f"issue-{_slug(issue.id)}", dot.comparison_graph(c, issue=issue.id), only_svg)
        )
    jobs = [
        (fmt != "png", fmt == "dot", -len(graph.source), i, stem, graph, fmt)
        for i, (stem, graph, fmts) in enumerate(drawings)
        for fmt in fmts
    ]
    jobs.sort(key=lambda j: j[:4])
    return [partial(output.render, g, out / f"{stem}.{fmt}", fmt) for *_, stem, g, fmt in jobs]


def output_names(c: Comparison, *, png: bool = True) -> tuple[str, ...]:
    """The file names a build of ``c`` writes, in the order :class:`BuildResult` lists them.

    Raises :class:`ArgmapError` when two outputs would share a name (a map id equal to
    ``comparison-summary``, or two issue ids that differ only in punctuation).
    """
    formats = _ALL if png else tuple(f for f in _ALL if f != "png")
    names = [f"{m.id}.{fmt}" for m in c.maps for fmt in formats]
    for stem in (SUMMARY_STEM, FULL_STEM):
        names += [f"{stem}.{fmt}" for fmt in formats]
    names += [f"issue-{_slug(issue.id)}.svg" for issue in c.issues]
    names += [REPORT_MD, REPORT_HTML, JSON_EXPORT]
    seen: set[str] = set()
    for name in names:
        if name in seen or name.startswith("."):
            raise ArgmapError(f"two outputs of the build would be named {name!r}", c.location)
        seen.add(name)
    return tuple(names)


def _run(jobs: list[Callable[[], object]]) -> None:
    """Run ``jobs`` in the thread pool; the first failure (in job order) is raised."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(job) for job in jobs]
    for future in futures:
        future.result()


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ArgmapError(f"cannot write: {exc.strerror or exc}", Location(str(path))) from exc


def build_comparison(c: Comparison, out_dir: str | Path, *, png: bool = True) -> BuildResult:
    """Write every output of an already loaded comparison into ``out_dir`` (created if needed).

    ``png=False`` leaves out the PNG files, the slow part of a build.
    """
    out = Path(out_dir)
    names = output_names(c, png=png)
    if out.exists() and not out.is_dir():
        raise ArgmapError(f"output folder {out} is a file", Location(str(out)))
    out.mkdir(parents=True, exist_ok=True)

    jobs = _drawing_jobs(c, out, png)

    jobs.append(lambda: _write(out / REPORT_MD, report.markdown(c)))
    jobs.append(lambda: _write(out / JSON_EXPORT, json_format.dumps(c.maps, comparison=c)))
    _run(jobs)

    # The HTML report embeds the summary diagram, so it comes after the drawings.
    summary_svg = (out / f"{SUMMARY_STEM}.svg").read_text(encoding="utf-8")
    _write(out / REPORT_HTML, report.html(c, summary_svg))

    files = tuple(out / name for name in names)
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise ArgmapError(f"the build did not write {', '.join(missing)}", Location(str(out)))
    return BuildResult(out, files, c.summary())


def build(
    comparison_path: str | Path, out_dir: str | Path = "out", *, png: bool = True
) -> BuildResult:
    """Load the comparison at ``comparison_path`` and write every output into ``out_dir``."""
    return build_comparison(compare.load(comparison_path), out_dir, png=png)


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
