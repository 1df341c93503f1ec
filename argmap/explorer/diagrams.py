"""The explorer's diagrams: argmap's own Graphviz drawings, each node tagged with the
reference of what it draws.

A comparison gets its comparison diagram, one diagram per issue and one per map (the map's
diagram draws every statement); a single map gets its map diagram. Graphviz runs in a small
thread pool. :func:`tag_nodes` adds ``data-ref="<map id>:<statement id>"`` to every node of
a statement or argument (and ``data-corr`` to a correspondence's node), found from the node
ids :mod:`argmap.render.dot` derives from the names.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap.compare import Comparison
from argmap.model import ArgumentMap
from argmap.render import dot, output

__all__ = ["Diagram", "diagrams", "node_refs", "tag_nodes"]

WORKERS = max(2, min(4, os.cpu_count() or 2))


@attrs.frozen
class Diagram:
    """One drawing of the page: its key, label, kind, what it is about, and its SVG."""

    key: str
    label: str
    kind: str  # "comparison" | "issue" | "map"
    svg: str
    map_id: str | None = None
    issue_id: str | None = None

    def info(self) -> dict[str, str | None]:
        return {
            "key": self.key,
            "label": self.label,
            "kind": self.kind,
            "map": self.map_id,
            "issue": self.issue_id,
        }


def _idents(prefix: str, keys: Iterable[tuple[tuple[str, ...], str]]) -> dict[str, list[str]]:
    """Every node id the renderer may give each key: its slug, or the slug and a digest."""
    out: dict[str, list[str]] = {}
    for key, value in keys:
        base = prefix + "__".join(dot.slug(k) for k in key)
        digest = hashlib.sha256("\x00".join(key).encode("utf-8")).hexdigest()
        out.setdefault(base, []).append(value)
        out.setdefault(f"{base}_{digest[:10]}", []).append(value)
    return out


def node_refs(obj: ArgumentMap | Comparison, *, comparison: bool) -> dict[str, list[str]]:
    """Candidate references by node id, for a map diagram or a comparison diagram."""
    maps = obj.maps if isinstance(obj, Comparison) else (obj,)
    keys: list[tuple[tuple[str, ...], str]] = []
    for m in maps:
        lead: tuple[str, ...] = (m.id,) if comparison else ()
        keys.extend(((*lead, s.id), f"{m.id}:{s.id}") for s in m.statements)
        keys.extend(((*lead, "arg", a.id), f"{m.id}:{a.id}") for a in m.arguments)
    return _idents("" if comparison else "s_", keys)


_NODE = re.compile(r'<g id="([^"]+)" class="node([^"]*)">')
_CORR = re.compile(r"c_([a-z0-9_]+)_(\d+)$")


def tag_nodes(svg: str, refs: dict[str, list[str]], corr_ids: Sequence[str] = ()) -> str:
    """``svg`` with ``data-ref`` on each node whose id names a statement or argument.

    When a slug is shared (two names that differ only in punctuation), the renderer gives
    the first the bare slug and the others a digest: the bare one is then the candidate
    whose digested id the drawing does not use.
    """
    used = set(_NODE_ID.findall(svg))

    def one(mo: re.Match[str]) -> str:
        ident, css = mo.group(1), mo.group(2)
        extra = ""
        candidates = refs.get(ident, [])
        if len(candidates) > 1:
            candidates = [c for c in candidates if not _digested_in(ident, c, refs, used)]
        if candidates:
            extra = f' data-ref="{html.escape(candidates[0], quote=True)}" tabindex="0"'
        else:
            corr = _CORR.match(ident)
            if corr and "corr" in css:
                index = int(corr.group(2)) - 1
                if 0 <= index < len(corr_ids):
                    extra = f' data-corr="{html.escape(corr_ids[index], quote=True)}" tabindex="0"'
        return f'<g id="{ident}" class="node{css}"{extra}>'

    return _NODE.sub(one, svg)


_NODE_ID = re.compile(r'<g id="([^"]+)" class="node')


def _digested_in(ident: str, candidate: str, refs: dict[str, list[str]], used: set[str]) -> bool:
    """Whether ``candidate`` is drawn under another (digested) id than ``ident``."""
    return any(
        other != ident and candidate in values
        for other, values in refs.items()
        if other in used and other.startswith(ident + "_")
    )


_PROLOG = re.compile(r"<svg[\s>]")


def svg_element(svg: str) -> str:
    """The ``<svg>`` element alone (no XML declaration, doctype or comments before it)."""
    found = _PROLOG.search(svg)
    return svg[found.start() :].strip() if found else svg


Job = tuple[str, str, str, Callable[[], graphviz.Digraph], str | None, str | None]


def _jobs(obj: ArgumentMap | Comparison) -> list[Job]:
    """(key, label, kind, graph maker, map id, issue id) of every diagram, in page order."""
    if not isinstance(obj, Comparison):
        return [
            (f"map:{obj.id}", obj.title or obj.id, "map", partial(dot.map_graph, obj), obj.id, None)
        ]
    jobs: list[Job] = [
        ("comparison", "Comparison", "comparison", partial(dot.comparison_graph, obj), None, None)
    ]
    for issue in obj.issues:
        graph = partial(dot.comparison_graph, obj, issue=issue.id)
        label = f"Issue: {issue.title or issue.question}"
        jobs.append((f"issue:{issue.id}", label, "issue", graph, None, issue.id))
    for m in obj.maps:
        label = f"Map: {m.title or m.id}"
        jobs.append((f"map:{m.id}", label, "map", partial(dot.map_graph, m), m.id, None))
    return jobs


def diagrams(
    obj: ArgumentMap | Comparison, drawn: Mapping[str, str] | None = None
) -> list[Diagram]:
    """Every diagram of the page, drawn and tagged.

    ``drawn`` holds SVG already drawn by key (``"comparison"``, ``"issue:<id>"``,
    ``"map:<id>"``) from the same graphs, as ``argmap build`` writes them; Graphviz draws
    the others, in a small thread pool (the maps first: they are the biggest).
    """
    jobs = _jobs(obj)
    corr_ids = [k.id for k in obj.correspondences] if isinstance(obj, Comparison) else []
    comp_refs = node_refs(obj, comparison=True) if isinstance(obj, Comparison) else {}
    ready = drawn or {}

    def run(job: Job) -> Diagram:
        key, label, kind, graph, map_id, issue_id = job
        if kind == "map":
            m = obj.map(map_id or "") if isinstance(obj, Comparison) else obj
            refs = node_refs(m, comparison=False)
        else:
            refs = comp_refs
        svg = ready.get(key)
        if svg is None:
            svg = output.svg(graph())
        return Diagram(
            key, label, kind, tag_nodes(svg_element(svg), refs, corr_ids), map_id, issue_id
        )

    order = sorted(range(len(jobs)), key=lambda i: (jobs[i][2] != "map", i))
    if all(jobs[i][0] in ready for i in order):
        return [run(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {i: pool.submit(run, jobs[i]) for i in order}
    return [futures[i].result() for i in range(len(jobs))]
