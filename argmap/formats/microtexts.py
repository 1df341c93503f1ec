"""arg-microtexts in: the corpus's ``arggraph`` XML (and the ``.txt`` beside it) as a map.

The mapping (also in ``docs/formats.md``):

- each ADU becomes a statement, its text the EDUs it is segmented from (through joints too),
  each EDU a quote anchored at its offsets in the ``.txt`` (found in text order);
- the root ADU (the source of no argumentative edge) is the thesis, opponent (``opp``) ADUs
  are counterclaims, sources of ``exa`` (support by example) are evidence, the rest claims;
- ``sup`` and ``exa`` are supports and ``reb`` attacks; a support that an ``und`` undercuts
  or that ``add`` edges give further premises becomes a premise-conclusion argument, the
  undercut pointing at it; an ``und`` aimed at an attack (a map has no attack on an attack)
  becomes an attack on the attacking unit.

Statement ids are ``<text>: <adu>`` (``b006: a1``), so the maps of one question can be
compared without clashes.
"""

from __future__ import annotations

import hashlib
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from argmap.errors import FormatError
from argmap.formats.files import decode, read_bytes
from argmap.model import (
    Argument,
    ArgumentMap,
    Location,
    Quote,
    Relation,
    RelationType,
    Role,
    Source,
    Statement,
)

__all__ = ["load", "loads", "read_path", "sniff"]

_SUPPORT = ("sup", "exa")
_EDGE_TYPES = frozenset({"seg", "sup", "exa", "add", "reb", "und"})


def _where(text: str, path: str, element_id: str | None) -> Location:
    if element_id:
        found = re.search(rf'\bid="{re.escape(element_id)}"', text)
        if found:
            at = found.start()
            return Location(path, text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))
    return Location(path)


class _Graph:
    def __init__(self, xml: str, path: str) -> None:
        self.xml = xml
        self.path = path
        if "<!ENTITY" in xml:
            raise FormatError(
                "entity declarations are not read (arggraph files have none)",
                _where(xml, path, None),
            )
        try:
            root = ET.fromstring(xml)
        except ET.ParseError as exc:
            line, col = exc.position
            raise FormatError(f"not XML: {exc}", Location(path, line, col + 1)) from None
        if root.tag != "arggraph":
            raise FormatError(
                f"expected an <arggraph> document, found <{root.tag}>", Location(path)
            )
        self.root = root
        self.edus: dict[str, str] = {}
        self.joints: set[str] = set()
        self.adus: dict[str, str] = {}
        self.edges: dict[str, tuple[str, str, str]] = {}
        for el in root:
            el_id = el.get("id")
            if el.tag in ("edu", "joint", "adu", "edge") and not el_id:
                raise self.error(f"<{el.tag}> without an id", None)
            assert el_id is not None or el.tag not in ("edu", "joint", "adu", "edge")
            if el_id is not None and el_id in self._ids():
                raise self.error(f"duplicate id {el_id!r}", el_id)
            if el.tag == "edu" and el_id:
                self.edus[el_id] = el.text or ""
            elif el.tag == "joint" and el_id:
                self.joints.add(el_id)
            elif el.tag == "adu" and el_id:
                kind = el.get("type")
                if kind not in ("pro", "opp"):
                    raise self.error(f'ADU type must be "pro" or "opp", not {kind!r}', el_id)
                self.adus[el_id] = kind
            elif el.tag == "edge" and el_id:
                src, trg, kind = el.get("src"), el.get("trg"), el.get("type")
                if kind not in _EDGE_TYPES or not src or not trg:
                    raise self.error(
                        "an edge needs src, trg and a type of " + ", ".join(sorted(_EDGE_TYPES)),
                        el_id,
                    )
                self.edges[el_id] = (src, trg, kind)
        for el_id, (src, trg, _) in self.edges.items():
            for end in (src, trg):
                if end not in self._ids():
                    raise self.error(f"edge {el_id!r} names {end!r}, which is not defined", el_id)

    def _ids(self) -> set[str]:
        return {*self.edus, *self.joints, *self.adus, *self.edges}

    def error(self, message: str, element_id: str | None) -> FormatError:
        return FormatError(message, _where(self.xml, self.path, element_id))


def _segments(g: _Graph, adu: str) -> list[str]:
    """The EDUs of an ADU in document order, through joints."""
    found: list[str] = []
    frontier = [adu]
    while frontier:
        node = frontier.pop()
        for src, trg, kind in g.edges.values():
            if kind == "seg" and trg == node:
                if src in g.edus:
                    found.append(src)
                else:
                    frontier.append(src)
    order = list(g.edus)
    return sorted(set(found), key=order.index)


def _anchors(g: _Graph, text: str | None) -> dict[str, Quote]:
    quotes: dict[str, Quote] = {}
    cursor = 0
    for edu_id, words in g.edus.items():
        clean = words.strip()
        if not clean:
            continue
        at = text.find(clean, cursor) if text is not None else -1
        if at < 0 and text is not None:
            at = text.find(clean)
        if at >= 0:
            quotes[edu_id] = Quote(clean, at, at + len(clean))
            cursor = at + len(clean)
        else:
            quotes[edu_id] = Quote(clean)
    return quotes


def to_map(g: _Graph, text: str | None, source: Source | None) -> ArgumentMap:
    arg_id = g.root.get("id") or Path(g.path).stem
    code = arg_id.removeprefix("micro_")
    map_id = re.sub(r"[^a-z0-9-]+", "-", arg_id.lower()).strip("-") or "microtext"

    def sid(adu: str) -> str:
        return f"{code}: {adu}"

    quotes = _anchors(g, text)
    arguing = [(e, s, t, k) for e, (s, t, k) in g.edges.items() if k != "seg"]
    sources = {s for _, s, _, _ in arguing}
    examples = {s for _, s, _, k in arguing if k == "exa"}
    extra: dict[str, list[str]] = {}
    undercut: set[str] = set()
    for _, s, t, k in arguing:
        if k == "add":
            target = t
            if t in g.adus:  # joined to a unit: the premise of that unit's first relation
                target = next((e for e, s2, _, k2 in arguing if s2 == t and k2 != "add"), t)
            extra.setdefault(target, []).append(s)
        elif k == "und":
            undercut.add(t)
    statements = []
    for adu, kind in g.adus.items():
        edus = _segments(g, adu)
        if kind == "opp":
            role = Role.COUNTERCLAIM
        elif adu not in sources:
            role = Role.THESIS
        elif adu in examples:
            role = Role.EVIDENCE
        else:
            role = Role.CLAIM
        words = " ".join(g.edus[e].strip() for e in edus)
        statements.append(
            Statement(sid(adu), words, role, tuple(quotes[e] for e in edus if e in quotes))
        )
    arguments: list[Argument] = []
    relations: list[Relation] = []
    as_argument: dict[str, str] = {}
    for e, s, t, k in arguing:
        if k in _SUPPORT and (e in undercut or e in extra) and t in g.adus:
            premises = (sid(s), *(sid(x) for x in extra.get(e, ())))
            inference = "example" if k == "exa" else None
            arguments.append(Argument(f"{code}: {e}", "", premises, sid(t), inference))
            as_argument[e] = f"{code}: {e}"
    for e, s, t, k in arguing:
        if k in _SUPPORT and t in g.adus:
            if e not in as_argument:
                for p in (s, *extra.get(e, ())):
                    relations.append(Relation(sid(p), sid(t), RelationType.SUPPORT))
        elif k == "reb" and t in g.adus:
            for p in (s, *extra.get(e, ())):
                relations.append(Relation(sid(p), sid(t), RelationType.ATTACK))
        elif k == "und":
            if t in as_argument:
                relations.append(Relation(sid(s), as_argument[t], RelationType.UNDERCUT))
            elif t in g.edges and g.edges[t][0] in g.adus:
                relations.append(Relation(sid(s), sid(g.edges[t][0]), RelationType.ATTACK))
            else:
                raise g.error(f"undercut {e!r} aims at {t!r}, which is no relation", e)
        elif k in _SUPPORT or k == "reb":
            raise g.error(f"{k} edge {e!r} must point at a unit (ADU), not {t!r}", e)
    topic = (g.root.get("topic_id") or "").replace("_", " ")
    stance = g.root.get("stance")
    title = arg_id + (f": {topic}" if topic else "") + (f" ({stance})" if stance else "")
    return ArgumentMap(map_id, title, source, (), statements, arguments, relations)


def loads(xml: str | bytes, path: str = "<arggraph>", text: str | None = None) -> ArgumentMap:
    """The map of an arggraph document; ``text`` is the corpus text it segments."""
    raw = decode(xml, path) if isinstance(xml, bytes) else xml
    return to_map(_Graph(raw, path), text, None)


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """The map of an arggraph file; the ``.txt`` beside it anchors the quotes."""
    p = os.fspath(path)
    g = _Graph(decode(read_bytes(p, what="arggraph file"), p), p)
    sidecar = Path(p).with_suffix(".txt")
    text = source = None
    if sidecar.is_file():
        data = read_bytes(sidecar, what="microtext")
        text = decode(data, sidecar)
        source = Source(
            sidecar.name,
            hashlib.sha256(data).hexdigest(),
            title=g.root.get("topic_id", "").replace("_", " "),
        )
    return to_map(g, text, source)


def sniff(head: bytes) -> bool:
    """Whether a file's first bytes look like an arggraph document."""
    return b"<arggraph" in head


def read_path(path: Path, options: Mapping[str, Any]) -> ArgumentMap:
    """The registry's arg-microtexts reader (no options)."""
    if options:
        raise FormatError(
            f"the microtexts format takes no options (got {', '.join(sorted(options))})",
            Location(str(path)),
        )
    return load(path)
