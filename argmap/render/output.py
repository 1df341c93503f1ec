"""Lay out DOT graphs and write them as SVG, PNG, PDF or DOT, with Graphviz or graphviz-pure.

The layout program is Graphviz's ``dot`` from ``PATH``. Where there is none, the
``graphviz-pure`` command (``pip install argmap[pure]``: a self-contained port of Graphviz
that installs a ``graphviz-pure`` command, not a ``dot``) is used instead; it writes SVG and
PNG but no PDF. Without either, :class:`~argmap.errors.ArgmapError` says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap.errors import RenderError
from argmap.model import Location

__all__ = ["FORMATS", "PNG_DPI", "Format", "Layout", "find_layout", "render", "render_all", "svg"]

Format = Literal["svg", "png", "pdf", "dot"]
FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")

#: Resolution of the PNGs :func:`render_all` writes: one pixel per point, so a drawing is as
#: many pixels wide as its SVG is points wide (Graphviz's default, 96, costs twice the time).
PNG_DPI = 72

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


def _engine(graph: graphviz.Digraph) -> str:
    """The ``-K`` option of the graph's layout engine (``dot`` unless the graph asks for
    ``neato``, as the author network does)."""
    engine = str(getattr(graph, "engine", "dot") or "dot")
    return f"-K{engine if engine in ('dot', 'neato') else 'dot'}"


def _layout(graph: graphviz.Digraph, fmt: str, where: Location) -> bytes:
    layout = find_layout()
    if fmt not in layout.formats:
        raise RenderError(
            f"{layout.name} cannot write {fmt.upper()}; for {fmt.upper()} install Graphviz "
            "(apt-get install graphviz), or write svg or png",
            where,
        )
    try:
        done = subprocess.run(
            [layout.executable, _engine(graph), f"-T{fmt}"],
            input=graph.source.encode("utf-8"),
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise RenderError(f"cannot run {layout.executable}: {exc}", where) from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"{layout.name} failed (exit {done.returncode}): {message}", where)
    out: bytes = done.stdout
    return out


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
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise RenderError(f"cannot write: {exc.strerror or exc}", where) from exc
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
    a.svg -Tpng -o a.png``); PNGs are rasterised at ``dpi``. The DOT source is written by
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
    for fmt, target in images:
        command += [f"-T{fmt}", f"-o{target}"]
    try:
        done = subprocess.run(
            command, input=graph.source.encode("utf-8"), capture_output=True, check=False
        )
    except OSError as exc:
        raise RenderError(f"cannot run {layout.executable}: {exc}", where) from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"{layout.name} failed (exit {done.returncode}): {message}", where)
    return tuple(t for _, t in targets)


def svg(graph: graphviz.Digraph) -> str:
    """The SVG drawing of ``graph`` as text."""
    return _layout(graph, "svg", Location(f"<{graph.name or 'graph'}>")).decode("utf-8")
