"""GraphML out: a map or a comparison as a graph for network tools (Gephi, yEd, NetworkX).

A node per statement and argument (``kind``, ``text``, ``role``, ``section``, ``map``, and for a
reported statement ``holder``/``stance``), an edge per relation (``type``: support, attack,
undercut, contradiction), an edge from each premise to its argument and from the argument to
its conclusion (``premise``, ``conclusion``), and for a comparison an edge per correspondence
(``agree``, ``partial``, ``conflict``, with the rationale). Node ids are ``<map>:<id>`` with
XML's special characters escaped; characters XML 1.0 cannot hold are dropped. The output is
deterministic. (The author network is written by :mod:`argmap.analysis.network`.)

>>> from argmap.model import MapBuilder, Role
>>> m = MapBuilder("m").statement("T", "Tax <land> & more", Role.THESIS).build()
>>> "<data key=\\"text\\">Tax &lt;land&gt; &amp; more</data>" in dumps(m)
True
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from argmap.comparison import Comparison
from argmap.errors import FormatError
from argmap.model import ArgumentMap, Location

__all__ = ["dump", "dumps", "write"]

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_NODE_KEYS = ("kind", "map", "text", "role", "section", "holder", "stance")
_EDGE_KEYS = ("type", "rationale")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _attr(text: str) -> str:
    return quoteattr(_clean(text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


class _Out:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.edges = 0

    def node(self, node_id: str, data: dict[str, Any]) -> None:
        self.lines.append(f"    <node id={_attr(node_id)}>")
        self._data(data, _NODE_KEYS)
        self.lines.append("    </node>")

    def edge(self, source: str, target: str, data: dict[str, Any]) -> None:
        self.edges += 1
        self.lines.append(
            f'    <edge id="e{self.edges}" source={_attr(source)} target={_attr(target)}>'
        )
        self._data(data, _EDGE_KEYS)
        self.lines.append("    </edge>")

    def _data(self, data: dict[str, Any], keys: tuple[str, ...]) -> None:
        for key in keys:
            value = data.get(key)
            if value is not None:
                self.lines.append(f'      <data key="{key}">{escape(_clean(str(value)))}</data>')


def _add_map(out: _Out, m: ArgumentMap) -> None:
    def ref(node_id: str) -> str:
        return f"{m.id}:{node_id}"

    for s in m.statements:
        view = s.view
        out.node(
            ref(s.id),
            {
                "kind": "statement",
                "map": m.id,
                "text": s.text,
                "role": s.role.value,
                "section": s.section,
                "holder": view.holder if view else None,
                "stance": view.stance.value if view else None,
            },
        )
    for a in m.arguments:
        out.node(ref(a.id), {"kind": "argument", "map": m.id, "text": a.text, "section": a.section})
    for a in m.arguments:
        for p in a.premises:
            out.edge(ref(p), ref(a.id), {"type": "premise"})
        if a.conclusion is not None:
            out.edge(ref(a.id), ref(a.conclusion), {"type": "conclusion"})
    for r in m.relations:
        out.edge(ref(r.source), ref(r.target), {"type": r.type.value})


_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"""


def dumps(obj: ArgumentMap | Comparison) -> str:
    """The GraphML document of a map or a comparison."""
    out = _Out()
    maps = obj.maps if isinstance(obj, Comparison) else (obj,)
    for m in maps:
        _add_map(out, m)
    if isinstance(obj, Comparison):
        for c in obj.correspondences:
            out.edge(str(c.left), str(c.right), {"type": c.type.value, "rationale": c.rationale})
    keys = [
        f'  <key id="{k}" for="node" attr.name="{k}" attr.type="string"/>' for k in _NODE_KEYS
    ] + [f'  <key id="{k}" for="edge" attr.name="{k}" attr.type="string"/>' for k in _EDGE_KEYS]
    graph_id = _attr(obj.id)
    return "\n".join(
        [
            _HEAD,
            *keys,
            f'  <graph id={graph_id} edgedefault="directed">',
            *out.lines,
            "  </graph>",
            "</graphml>",
            "",
        ]
    )


def dump(obj: ArgumentMap | Comparison, path: str | os.PathLike[str]) -> None:
    """Write :func:`dumps` to ``path`` (UTF-8, atomically: see
    :func:`argmap.formats.files.write_text`)."""
    from argmap.formats.files import write_text

    write_text(path, dumps(obj))


def write(obj: object, path: Path) -> None:
    """The registry's GraphML writer."""
    if not isinstance(obj, ArgumentMap | Comparison):
        raise FormatError(f"cannot write a {type(obj).__name__} as GraphML", Location(str(path)))
    dump(obj, path)


def read(path: Path, options: object) -> ArgumentMap:
    """GraphML is written only: a located error."""
    raise FormatError(
        "GraphML is an export format: argmap does not read it back", Location(str(path))
    )
