"""Lay out DOT graphs and write them as SVG, PNG, PDF or DOT, with Graphviz or graphviz-pure.

The layout program is Graphviz's ``dot`` from ``PATH``. Where there is none, the
``graphviz-pure`` command (``pip install argmap[pure]``: a self-contained port of Graphviz
that installs a ``graphviz-pure`` command, not a ``dot``) is used instead; it writes SVG and
PNG but no PDF. Without either, :class:`~argmap.errors.ArgmapError` says what to install.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap.errors import LimitError, RenderError
from argmap.formats.files import atomic_target, write_bytes
from argmap.model import Location
from argmap.text import slug

__all__ = [
    "FORMATS",
    "PNG_DPI",
    "PROGRESS_NODES",
    "TIMEOUT",
    "Format",
    "Layout",
    "find_layout",
    "issue_stem",
    "layout_identity",
    "render",
    "render_all",
    "svg",
    "timeout",
]

Format = Literal["svg", "png", "pdf", "dot"]
FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")

#: Resolution of the PNGs :func:`render_all` writes: one pixel per point, so a drawing is as
#: many pixels wide as its SVG is points wide (Graphviz's default, 96, costs twice the time).
PNG_DPI = 72

#: Seconds Graphviz may take for one drawing before it is stopped with a
#: :class:`~argmap.errors.LimitError`; the environment variable ``ARGMAP_GRAPHVIZ_TIMEOUT``
#: (seconds) overrides it.
TIMEOUT = 300.0

#: Drawings with at least this many nodes print a progress line on stderr before Graphviz
#: lays them out (a large drawing takes from seconds to minutes).
PROGRESS_NODES = 150


def issue_stem(issue_id: str) -> str:
    """The file stem of an issue's drawing: ``issue-`` and the id's slug (:func:`slug`)."""
    return f"issue-{slug(issue_id)}"


_INSTALL = (
    "no Graphviz layout program found: install Graphviz "
    "(apt-get install graphviz, brew install graphviz, or graphviz.org/download) "
    "or the pure fallback (pip install argmap[pure], which installs graphviz-pure)"
)


@attrs.frozen
class Layout:
    """The layout program found: its path and which formats it can write."""

    executable: str
    name: str
    formats: tuple[str, ...]


def find_layout() -> Layout:
    """Graphviz's ``dot`` on ``PATH``, else ``graphviz-pure``; :class:`ArgmapError` if neither."""
    dot = shutil.which("dot")
    if dot is not None:
        return Layout(dot, "dot", ("svg", "png", "pdf"))
    pure = shutil.which("graphviz-pure")
    if pure is not None:
        return Layout(pure, "graphviz-pure", ("svg", "png"))
    raise RenderError(_INSTALL)


@functools.cache
def _png_device(executable: str) -> str:
    """``png:cairo:gd`` when this ``dot`` has it, else ``png``.

    Cairo draws the image either way (antialiased, the same pixels at 100 %); the gd plugin
    writes it as a PNG with a 256-colour palette, which takes about half the time of cairo's
    own 32-bit PNG writer on a large drawing and gives a file a third of the size. Asked once
    per process (``dot -Tpng:?`` lists the PNG devices).
    """
    try:
        done = subprocess.run([executable, "-Tpng:?"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "png"
    listed = (done.stdout + done.stderr).decode("utf-8", "replace").split()
    return "png:cairo:gd" if "png:cairo:gd" in listed else "png"


def _device(layout: Layout, fmt: str) -> str:
    """The ``-T`` value for ``fmt``: PNGs through :func:`_png_device` with Graphviz."""
    return _png_device(layout.executable) if fmt == "png" and layout.name == "dot" else fmt


def layout_identity(formats: Sequence[str] = ("svg", "png")) -> str:
    """What the images of a drawing depend on besides its DOT source: the layout program
    (path, size and time of change of the file, so an upgrade counts), the PNG device and
    the PNG resolution. A build keeps an image when this and the DOT source are unchanged."""
    layout = find_layout()
    try:
        info = os.stat(layout.executable)
        stamp = f"{info.st_size}:{info.st_mtime_ns}"
    except OSError:
        stamp = "?"
    device = _device(layout, "png") if "png" in formats else ""
    return f"{layout.name} {layout.executable} {stamp} {device} {PNG_DPI}"


def _engine(graph: graphviz.Digraph) -> str:
    """The ``-K`` option of the graph's layout engine (``dot`` unless the graph asks for
    ``neato``, as the author network does)."""
    engine = str(getattr(graph, "engine", "dot") or "dot")
    return f"-K{engine if engine in ('dot', 'neato') else 'dot'}"


def timeout() -> float:
    """The Graphviz time limit in force: ``ARGMAP_GRAPHVIZ_TIMEOUT`` or :data:`TIMEOUT`."""
    raw = os.environ.get("ARGMAP_GRAPHVIZ_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return TIMEOUT
    return value if value > 0 else TIMEOUT


_NODE = re.compile(r"^\t+(?!(?:node|edge|graph)\b)(?:\w+|\"(?:[^\"\\]|\\.)*\") \[", re.MULTILINE)


def _progress(graph: graphviz.Digraph, name: str) -> int:
    """The number of nodes of ``graph``; a line on stderr when there are many."""
    nodes = len(_NODE.findall(graph.source))
    if nodes >= PROGRESS_NODES:
        sys.stderr.write(f"rendering {name} ({nodes} nodes)\u2026\n")
        sys.stderr.flush()
    return nodes


def _run_graphviz(
    command: list[str], graph: graphviz.Digraph, where: Location, name: str
) -> subprocess.CompletedProcess[bytes]:
    """Run a layout ``command`` on ``graph`` with the time limit; errors are located."""
    nodes = _progress(graph, Path(where.path).stem)
    limit = timeout()
    started = time.monotonic()
    try:
        return subprocess.run(
            command,
            input=graph.source.encode("utf-8"),
            capture_output=True,
            check=False,
            timeout=limit,
        )
    except subprocess.TimeoutExpired:
        raise LimitError(
            f"{name} took longer than {limit:g} s to lay out {graph.name or 'the drawing'} "
            f"({nodes} nodes) and was stopped after {time.monotonic() - started:.0f} s; "
            "draw a smaller view (--focus, --issue) or raise the limit with the environment "
            "variable ARGMAP_GRAPHVIZ_TIMEOUT (seconds)",
            where,
        ) from None
    except OSError as exc:
        raise RenderError(f"cannot run {command[0]}: {exc}", where) from exc


_PDF_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z\)")


def _reproducible(data: bytes, fmt: str) -> bytes:
    """PDFs with a fixed creation date (``SOURCE_DATE_EPOCH`` if set, else 1970-01-01), so
    the same drawing gives the same bytes. The date keeps its length, so the PDF's table of
    byte offsets stays valid."""
    if fmt != "pdf":
        return data
    raw = os.environ.get("SOURCE_DATE_EPOCH", "0")
    seconds = int(raw) if raw.isdigit() and len(raw) < 12 else 0
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(seconds)).encode("ascii")
    return _PDF_DATE.sub(b"/CreationDate (D:" + stamp + b"Z)", data)


def _layout(graph: graphviz.Digraph, fmt: str, where: Location) -> bytes:
    layout = find_layout()
    if fmt not in layout.formats:
        raise RenderError(
            f"{layout.name} cannot write {fmt.upper()}; for {fmt.upper()} install Graphviz "
            "(apt-get install graphviz), or write svg or png",
            where,
        )
    command = [layout.executable, _engine(graph), f"-T{_device(layout, fmt)}"]
    done = _run_graphviz(command, graph, where, layout.name)
    if done.returncode != 0:
        raise RenderError(_failure(layout.name, done), where)
    return _reproducible(done.stdout, fmt)


def _failure(name: str, done: subprocess.CompletedProcess[bytes]) -> str:
    message = done.stderr.decode("utf-8", "replace").strip()
    # Graphviz's messages quote the input; keep them short and free of control characters.
    message = "".join(c if c.isprintable() else " " for c in message[:2000])
    return f"{name} failed (exit {done.returncode}): {message}"


def render(graph: graphviz.Digraph, path: str | os.PathLike[str], format: Format = "svg") -> Path:
    """Write ``graph`` to ``path`` as ``format`` and return the path.

    ``"dot"`` writes the DOT source and needs no Graphviz.

    >>> import tempfile
    >>> g = graphviz.Digraph(name="g")
    >>> g.edge("a", "b")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = render(g, Path(d) / "g.dot", "dot")
    ...     print(out.read_text(encoding="utf-8").strip().splitlines()[0])
    digraph g {
    """
    target = Path(path)
    where = Location(str(target))
    if format not in FORMATS:
        raise RenderError(
            f"unknown output format {format!r}; expected one of: {', '.join(FORMATS)}", where
        )
    data = graph.source.encode("utf-8") if format == "dot" else _layout(graph, format, where)
    write_bytes(target, data)
    return target


def render_all(
    graph: graphviz.Digraph,
    stem: str | os.PathLike[str],
    formats: Sequence[Format],
    *,
    dpi: int = PNG_DPI,
) -> tuple[Path, ...]:
    """Write ``graph`` as ``<stem>.<format>`` for each format, laying it out only once.

    Graphviz's ``dot`` writes every image format from one layout in one call (``-Tsvg -o
    a.svg -Tpng -o a.png``); PNGs are rasterised at ``dpi`` by cairo and written with a
    palette where Graphviz can (:func:`_png_device`). The DOT source is written by
    Python. Other layout programs get one call per format.
    """
    base = Path(stem)
    targets = [(fmt, base.with_name(f"{base.name}.{fmt}")) for fmt in formats]
    for fmt, target in targets:
        if fmt not in FORMATS:
            raise RenderError(
                f"unknown output format {fmt!r}; expected one of: {', '.join(FORMATS)}",
                Location(str(target)),
            )
    images = [(fmt, target) for fmt, target in targets if fmt != "dot"]
    for fmt, target in targets:
        if fmt == "dot":
            render(graph, target, "dot")
    if not images:
        return tuple(t for _, t in targets)
    layout = find_layout()
    where = Location(str(images[0][1]))
    if layout.name != "dot":
        for fmt, target in images:
            render(graph, target, fmt)
        return tuple(t for _, t in targets)
    command = [layout.executable, _engine(graph), f"-Gdpi={dpi}"]
    with contextlib.ExitStack() as stack:
        # dot writes each image into a temporary file beside it; all are renamed into place
        # once dot has succeeded, so no reader sees a half-written image.
        temps = [(fmt, stack.enter_context(atomic_target(target))) for fmt, target in images]
        for fmt, tmp in temps:
            command += [f"-T{_device(layout, fmt)}", f"-o{tmp}"]
        done = _run_graphviz(command, graph, where, layout.name)
        if done.returncode != 0:
            raise RenderError(_failure(layout.name, done), where)
        for fmt, tmp in temps:
            if fmt == "pdf":
                tmp.write_bytes(_reproducible(tmp.read_bytes(), fmt))
    return tuple(t for _, t in targets)


def svg(graph: graphviz.Digraph) -> str:
    """The SVG drawing of ``graph`` as text."""
    return _layout(graph, "svg", Location(f"<{graph.name or 'graph'}>")).decode("utf-8")
