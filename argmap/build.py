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

#: Threads that run Graphviz; each call is a subprocess, so threads overlap well.
WORKERS = 4

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


def _drawing_jobs(c: Comparison, out: Path) -> list[Callable[[], object]]:
    """One job per image file: the graphs are built here, Graphviz runs when a job runs."""
    drawings = [(m.id, dot.map_graph(m), _ALL) for m in c.maps]
    drawings.append((SUMMARY_STEM, dot.comparison_graph(c), _ALL))
    drawings.append((FULL_STEM, dot.comparison_graph(c, view="full"), _ALL))
    only_svg: tuple[output.Format, ...] = ("svg",)
    for issue in c.issues:
        drawings.append(
            (f"issue-{_slug(issue.id)}", dot.comparison_graph(c, issue=issue.id), only_svg)
        )
    return [
        partial(output.render, graph, out / f"{stem}.{fmt}", fmt)
        for stem, graph, formats in drawings
        for fmt in formats
    ]


def output_names(c: Comparison) -> tuple[str, ...]:
    """The file names a build of ``c`` writes, in the order :class:`BuildResult` lists them.

    Raises :class:`ArgmapError` when two outputs would share a name (a map id equal to
    ``comparison-summary``, or two issue ids that differ only in punctuation).
    """
    names = [f"{m.id}.{fmt}" for m in c.maps for fmt in _ALL]
    for stem in (SUMMARY_STEM, FULL_STEM):
        names += [f"{stem}.{fmt}" for fmt in _ALL]
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


def build_comparison(c: Comparison, out_dir: str | Path) -> BuildResult:
    """Write every output of an already loaded comparison into ``out_dir`` (created if needed)."""
    out = Path(out_dir)
    names = output_names(c)
    if out.exists() and not out.is_dir():
        raise ArgmapError(f"output folder {out} is a file", Location(str(out)))
    out.mkdir(parents=True, exist_ok=True)

    jobs = _drawing_jobs(c, out)

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


def build(comparison_path: str | Path, out_dir: str | Path = "out") -> BuildResult:
    """Load the comparison at ``comparison_path`` and write every output into ``out_dir``."""
    return build_comparison(compare.load(comparison_path), out_dir)


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
