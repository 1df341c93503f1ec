"""Drawing ahead: Graphviz starts on a build's longest drawings while ``argmap build --check``
is still checking.

A check keeps one core busy for a while, and a cold build spends most of its Graphviz time on
the maps' drawings (their PNGs above all). :class:`Ahead` lays those out meanwhile, on the
other core, into a private temporary folder. The build then takes each one over
(:func:`argmap.build.build_comparison` with ``ahead=``) when it was drawn from the same DOT
source it would draw; when the check fails, the drawings are thrown away with the folder and
nothing reaches the output folder. A drawing the output folder already holds for the same
source (the build's cache, ``.argmap-build.json``) is not drawn ahead.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import graphviz  # type: ignore[import-untyped]

from argmap.build import FORMATS, drawings, manifest, source_digest
from argmap.compare import Comparison
from argmap.errors import ArgmapError
from argmap.render import output

__all__ = ["Ahead"]


class Ahead:
    """The maps' drawings of a comparison, started in two Graphviz threads (the check runs
    beside them); a context manager that removes the drawings it holds when it ends."""

    def __init__(self, c: Comparison, out_dir: str | Path, *, png: bool = True) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="argmap-ahead-"))
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._jobs: dict[str, tuple[str, Future[tuple[Path, ...]]]] = {}
        self._graphs: dict[str, graphviz.Digraph] = {}
        out = Path(out_dir)
        before = manifest(out)[1] if out.is_dir() else {}
        try:
            identity = output.layout_identity(FORMATS if png else ("svg",))
        except ArgmapError:  # no Graphviz: nothing to draw ahead (the build says what to do)
            return
        for stem, graph, formats in itertools.islice(drawings(c, png), len(c.maps)):
            g = self._graphs[stem] = graph()
            source = source_digest(g, formats, identity)
            if before.get(stem, {}).get("source") == source:
                continue  # the last build drew it (the build checks that its files are intact)
            job = self._pool.submit(output.render_all, g, self.folder / stem, formats)
            self._jobs[stem] = (source, job)

    def graph(self, stem: str) -> graphviz.Digraph | None:
        """The graph of the drawing ``stem`` as made here (the build need not make it again)."""
        return self._graphs.get(stem)

    def take(self, stem: str, source: str) -> Path | None:
        """Where the files drawn ahead for ``stem`` from ``source`` are (their stem path),
        once Graphviz has finished them; None when there are none (or they failed: the
        build then draws them itself and reports what goes wrong)."""
        job = self._jobs.pop(stem, None)
        if job is None or job[0] != source or job[1].cancel():
            return None  # (a drawing Graphviz has not started yet is the build's to draw)
        try:
            job[1].result()
        except Exception:  # the build draws it again and reports the error
            return None
        return self.folder / stem

    def close(self) -> None:
        """Stop what has not started, wait for what has, and remove the folder."""
        for _source, job in self._jobs.values():
            job.cancel()
        self._pool.shutdown(wait=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
