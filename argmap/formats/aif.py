"""AIF JSON (AIFdb's form) in and out: maps and comparisons; mapping tables in ``docs/formats.md``.

Writing is deterministic (ids are counters in map order, no timestamps) and keeps what AIF
has no place for (statement ids, roles, sections, tags, notes) under a top-level ``"argmap"``
key that AIFdb and OVA ignore, so a map read back from its AIF equals the original. Reading
any other AIF document follows documented rules and returns a report listing every node and
edge that has no place in a map.

>>> from argmap.model import MapBuilder, Role
>>> m = (MapBuilder("demo").statement("T", "Tax land.", Role.THESIS)
...      .statement("E", "Land values rose.", Role.EVIDENCE).support("E", "T").build())
>>> loads(dumps(m)) == m
True
>>> [(n["type"], n["text"]) for n in json.loads(dumps(m))["nodes"]]
[('I', 'Tax land.'), ('I', 'Land values rose.'), ('RA', 'Default Inference')]
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from argmap.comparison import Comparison
from argmap.errors import FormatError
from argmap.formats._aif_graph import AifGraph, parse
from argmap.formats._aif_read import MapParts, read_maps
from argmap.formats._aif_unmapped import Unmapped, leftovers
from argmap.formats._aif_write import comparison_document, map_document
from argmap.formats.files import decode, read_bytes, write_text
from argmap.model import ArgumentMap, Location, Source

__all__ = ["AifReport", "AifResult", "Unmapped", "dump", "dumps", "load", "loads", "read"]


@attrs.frozen
class AifReport:
    """What reading an AIF document took and what it left: every node and edge of the
    document is either part of the map or listed in ``unmapped`` with the reason."""

    path: str
    nodes: int
    edges: int
    unmapped: tuple[Unmapped, ...] = ()

    @property
    def unmapped_nodes(self) -> tuple[Unmapped, ...]:
        return tuple(u for u in self.unmapped if u.kind != "edge")

    @property
    def unmapped_edges(self) -> tuple[Unmapped, ...]:
        return tuple(u for u in self.unmapped if u.kind == "edge")

    def summary(self) -> str:
        """One line: how much of the document the map holds, and what kinds were left."""
        kinds: dict[str, int] = {}
        for u in self.unmapped_nodes:
            kinds[u.kind] = kinds.get(u.kind, 0) + 1
        left = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none"
        return (
            f"{self.path}: mapped {self.nodes - len(self.unmapped_nodes)}/{self.nodes} nodes, "
            f"{self.edges - len(self.unmapped_edges)}/{self.edges} edges; not mapped: {left}"
        )


@attrs.frozen
class AifResult:
    """The maps of an AIF document (several when it holds a comparison), the comparison
    if it holds one, and the report."""

    maps: tuple[ArgumentMap, ...]
    comparison: Comparison | None
    report: AifReport

    @property
    def value(self) -> ArgumentMap | Comparison:
        """The comparison when the document holds one, else its one map."""
        if self.comparison is not None:
            return self.comparison
        if len(self.maps) != 1:
            raise FormatError(
                f"the AIF document holds {len(self.maps)} maps but no comparison",
                Location(self.report.path),
            )
        return self.maps[0]


def _sidecar(path: str) -> tuple[str, Source] | None:
    """The source text beside an AIF file (``x.json`` -> ``x.txt``), when there is one, and
    the map's source naming it (relative to the AIF file, with its sha256)."""
    if path.startswith("<"):
        return None
    candidate = Path(path).with_suffix(".txt")
    if not candidate.is_file():
        return None
    data = read_bytes(candidate, what="AIF source text")
    text = decode(data, candidate)
    return text, Source(candidate.name, hashlib.sha256(data).hexdigest())


def read(data: bytes | str, path: str = "<aif>", *, sidecar: bool = True) -> AifResult:
    """Read an AIF document; ``sidecar``: anchor quotes in the ``.txt`` beside ``path``."""
    g = parse(data, path)
    found = _sidecar(path) if sidecar else None
    parts, meta, used_nodes, used_edges = read_maps(g, found[0] if found else None)
    if found is not None and meta is None:  # plain AIF: the text beside it is the source
        parts[0].map = attrs.evolve(parts[0].map, source=found[1])
    comparison = None
    if meta is not None and isinstance(meta.get("comparison"), dict):
        from argmap.formats._aif_comparison import read_comparison

        comparison = read_comparison(g, parts, meta["comparison"], used_nodes, used_edges)
    report = AifReport(
        path, len(g.order), len(g.edges), tuple(leftovers(g, used_nodes, used_edges))
    )
    return AifResult(tuple(p.map for p in parts), comparison, report)


def loads(text: str | bytes, path: str = "<aif>") -> ArgumentMap | Comparison:
    """The map (or comparison) of an AIF document given as text."""
    return read(text, path, sidecar=False).value


def load(path: str | os.PathLike[str]) -> ArgumentMap | Comparison:
    """The map (or comparison) of an AIF file; its ``.txt`` sidecar anchors quotes."""
    p = os.fspath(path)
    return read(read_bytes(p, what="AIF file"), p).value


def document(obj: ArgumentMap | Comparison) -> dict[str, Any]:
    """The AIF document of a map or comparison, as JSON-ready data."""
    if isinstance(obj, ArgumentMap):
        return map_document(obj)
    return comparison_document(obj)


def dumps(obj: ArgumentMap | Comparison) -> str:
    """The AIF JSON text of a map or comparison (two-space indent, a final newline)."""
    return json.dumps(document(obj), ensure_ascii=False, indent=2) + "\n"


def dump(obj: ArgumentMap | Comparison, path: str | os.PathLike[str]) -> None:
    """Write :func:`dumps` to ``path`` (UTF-8, atomically: see
    :func:`argmap.formats.files.write_text`)."""
    write_text(path, dumps(obj))


__all__ += ["AifGraph", "MapParts", "document", "read_path", "sniff", "write"]


def sniff(head: bytes) -> bool:
    """Whether a file's first bytes look like AIF JSON (nodes with AIF node ids)."""
    return head.lstrip()[:1] == b"{" and b'"nodeID"' in head


def read_path(path: Path, options: Mapping[str, Any]) -> ArgumentMap | Comparison:
    """The registry's AIF reader; option ``sidecar`` (default true): anchor quotes in the
    ``.txt`` beside the file."""
    unknown = set(options) - {"sidecar"}
    if unknown:
        raise FormatError(
            f"the aif format takes only the option sidecar (got {', '.join(sorted(unknown))})",
            Location(str(path)),
        )
    p = str(path)
    return read(read_bytes(p, what="AIF file"), p, sidecar=bool(options.get("sidecar", True))).value


def write(obj: object, path: Path) -> None:
    """The registry's AIF writer: a map, or a comparison with its maps."""
    if not isinstance(obj, ArgumentMap | Comparison):
        raise FormatError(f"cannot write a {type(obj).__name__} as AIF", Location(str(path)))
    dump(obj, path)
