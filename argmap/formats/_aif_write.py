"""Write argument maps and comparisons as AIF JSON (AIFdb form); see ``docs/formats.md``.

Node, edge and participant ids are counters in map order, so the same map always gives the
same file; no timestamps are written (a map knows its source's year, not when anything was
said).
"""

from __future__ import annotations

from typing import Any

from argmap.comparison import Comparison
from argmap.errors import FormatError
from argmap.formats._aif_schema import (
    ARGMAP_KEY,
    ARGMAP_SCHEMA,
    DEFAULT_CONFLICT,
    DEFAULT_INFERENCE,
    DEFAULT_REPHRASE,
    DEFAULT_TRANSITION,
    SCHEME_IDS,
    STANCE_ILLOCUTION,
)
from argmap.formats.json import shared_converter
from argmap.model import Argument, ArgumentMap, Relation, RelationType, Statement

__all__ = ["comparison_document", "map_document"]

#: The author's name when the source names none (the participant of the author's quotes).
ANONYMOUS = "Author"


class _Writer:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []
        self.participants: list[dict[str, Any]] = []
        self._people: dict[str, str] = {}

    def node(self, kind: str, text: str, scheme: str | None = None) -> str:
        node_id = str(len(self.nodes) + 1)
        node: dict[str, Any] = {"nodeID": node_id, "text": text, "type": kind}
        if scheme is not None:
            node["scheme"] = scheme
            if scheme in SCHEME_IDS:
                node["schemeID"] = SCHEME_IDS[scheme]
        self.nodes.append(node)
        return node_id

    def edge(self, source: str, target: str) -> None:
        edge_id = str(len(self.edges) + 1)
        self.edges.append({"edgeID": edge_id, "fromID": source, "toID": target, "formEdgeID": None})

    def person(self, name: str) -> str:
        if name not in self._people:
            pid = str(len(self.participants) + 1)
            first, _, last = name.rpartition(" ") if " " in name else (name, "", "")
            if not last:
                first, last = name, ""
            self.participants.append({"participantID": pid, "firstname": first, "surname": last})
            self._people[name] = pid
        return self._people[name]

    def known(self, name: str) -> str | None:
        """The participant id of ``name``, if a locution of theirs was written."""
        return self._people.get(name)

    def locution(
        self, speaker: str, words: str, start: int | None, end: int | None, source: str | None
    ) -> str:
        node_id = self.node("L", f"{speaker} : {words}")
        self.locutions.append(
            {
                "nodeID": node_id,
                "personID": self.person(speaker),
                "start": start,
                "end": end,
                "source": source,
            }
        )
        return node_id

    def anchor(self, locution: str, illocution: str, target: str) -> str:
        ya = self.node("YA", illocution, illocution)
        self.edge(locution, ya)
        self.edge(ya, target)
        return ya


def author_name(m: ArgumentMap) -> str:
    """The speaker of a map's quotes: the attributed author, else the author, else "Author"."""
    if m.source is not None:
        return m.source.attributed_author or m.source.author or ANONYMOUS
    return ANONYMOUS


def _statement_meta(s: Statement) -> dict[str, Any]:
    data: dict[str, Any] = shared_converter().unstructure(s, Statement)
    del data["text"], data["quotes"]
    return {"kind": "statement", **data}


def _argument_meta(a: Argument) -> dict[str, Any]:
    data: dict[str, Any] = shared_converter().unstructure(a, Argument)
    del data["premises"], data["conclusion"]
    return {"kind": "argument", **data}


class _MapWriter:
    """One map's nodes in a document (a comparison writes several into one)."""

    def __init__(self, out: _Writer, m: ArgumentMap) -> None:
        self.out = out
        self.m = m
        self.meta: dict[str, dict[str, Any]] = {}
        self.node_of: dict[str, str] = {}
        self.first_locution: dict[str, str] = {}

    def _claim(self, node_id: str, model_id: str) -> None:
        if model_id in self.node_of:
            raise FormatError(
                f"map {self.m.id!r} has two nodes with the id {model_id!r}; AIF needs one node "
                "per id (argmap check reports the duplicate)",
                self.m.location,
            )
        self.node_of[model_id] = node_id

    def _node(self, model_id: str, what: str) -> str:
        try:
            return self.node_of[model_id]
        except KeyError:
            raise FormatError(
                f"map {self.m.id!r}: {what} names {model_id!r}, which is not a node of the map "
                "(argmap check reports unknown references)",
                self.m.location,
            ) from None

    def write(self) -> dict[str, Any]:
        out, m = self.out, self.m
        speaker = author_name(m)
        source_path = m.source.path if m.source is not None else None
        for s in m.statements:
            i_node = out.node("I", s.text)
            self._claim(i_node, s.id)
            self.meta[i_node] = _statement_meta(s)
            view = getattr(s, "view", None)
            stance = None if view is None else str(view.stance.value)
            for q in s.quotes:
                loc = out.locution(speaker, q.text, q.start, q.end, source_path)
                self.meta[loc] = {"kind": "quote"}
                out.anchor(loc, STANCE_ILLOCUTION[stance], i_node)
                self.first_locution.setdefault(s.id, loc)
            if view is not None:
                loc = out.locution(str(view.holder), s.text, None, None, None)
                self.meta[loc] = {"kind": "view"}
                out.anchor(loc, "Asserting", i_node)
                self.first_locution.setdefault(s.id, loc)
        for a in m.arguments:
            scheme = a.inference or DEFAULT_INFERENCE
            ra = out.node("RA", scheme, scheme)
            self._claim(ra, a.id)
            self.meta[ra] = _argument_meta(a)
        for a in m.arguments:
            ra = self.node_of[a.id]
            for p in a.premises:
                out.edge(self._node(p, f"argument {a.id!r}'s premise"), ra)
            if a.conclusion is not None:
                out.edge(ra, self._node(a.conclusion, f"argument {a.id!r}'s conclusion"))
        for r in m.relations:
            self._relation(r)
        return {
            **{
                k: v
                for k, v in shared_converter().unstructure(m, ArgumentMap).items()
                if k in _MAP_KEYS
            },
            "author": out.known(speaker),
            "nodes": self.meta,
        }

    def _relation(self, r: Relation) -> None:
        src = self._node(r.source, f"a relation's source ({r.type.value})")
        dst = self._node(r.target, f"a relation's target ({r.type.value})")
        if r.type is RelationType.SUPPORT:
            node = self.out.node("RA", DEFAULT_INFERENCE, DEFAULT_INFERENCE)
        else:
            node = self.out.node("CA", DEFAULT_CONFLICT, DEFAULT_CONFLICT)
        self.out.edge(src, node)
        self.out.edge(node, dst)
        self.meta[node] = {"kind": "relation", "type": r.type.value}
        if r.type is RelationType.CONTRADICTION:
            mirror = self.out.node("CA", DEFAULT_CONFLICT, DEFAULT_CONFLICT)
            self.out.edge(dst, mirror)
            self.out.edge(mirror, src)
            self.meta[mirror] = {"kind": "relation", "type": r.type.value, "mirror": True}


_MAP_KEYS = ("id", "title", "source", "sections")


def _document(out: _Writer, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "nodes": out.nodes,
        "edges": out.edges,
        "locutions": out.locutions,
        "participants": out.participants,
        ARGMAP_KEY: {"schema": ARGMAP_SCHEMA, **meta},
    }


def map_document(m: ArgumentMap) -> dict[str, Any]:
    """The AIF document (a JSON-ready dict) of one map."""
    out = _Writer()
    return _document(out, {"maps": [_MapWriter(out, m).write()]})


def comparison_document(c: Comparison) -> dict[str, Any]:
    """One AIF document holding every map of ``c``; agreements and partial agreements are MA
    nodes anchored by YA Agreeing, conflicts CA nodes anchored by YA Disagreeing."""
    out = _Writer()
    writers: dict[str, _MapWriter] = {}
    maps_meta: list[dict[str, Any]] = []
    for m in c.maps:
        writers[m.id] = _MapWriter(out, m)
        maps_meta.append(writers[m.id].write())
    corr_meta: dict[str, dict[str, Any]] = {}
    for corr in c.correspondences:
        ends: list[str] = []
        for ref in corr.refs():
            if ref.map_id not in writers:
                raise FormatError(
                    f"correspondence {corr.id!r} names the map {ref.map_id!r}, which the "
                    "comparison does not hold",
                    corr.location,
                )
            ends.append(writers[ref.map_id]._node(ref.statement_id, f"correspondence {corr.id!r}"))
        conflict = corr.type.value == "conflict"
        if conflict:
            node = out.node("CA", DEFAULT_CONFLICT, DEFAULT_CONFLICT)
        else:
            node = out.node("MA", DEFAULT_REPHRASE, DEFAULT_REPHRASE)
        out.edge(ends[0], node)
        out.edge(node, ends[1])
        illocution = "Disagreeing" if conflict else "Agreeing"
        ya = out.node("YA", illocution, illocution)
        out.edge(ya, node)
        first = [writers[ref.map_id].first_locution.get(ref.statement_id) for ref in corr.refs()]
        if first[0] is not None and first[1] is not None:
            ta = out.node("TA", DEFAULT_TRANSITION, DEFAULT_TRANSITION)
            out.edge(first[0], ta)
            out.edge(ta, first[1])
            out.edge(ta, ya)
        corr_meta[node] = {
            "kind": "correspondence",
            "id": corr.id,
            "type": corr.type.value,
            "rationale": corr.rationale,
            "issue": corr.issue,
        }
    comparison = {
        "id": c.id,
        "title": c.title,
        "issues": [_issue(i) for i in c.issues],
        "nodes": corr_meta,
    }
    return _document(out, {"maps": maps_meta, "comparison": comparison})


def _issue(issue: Any) -> dict[str, Any]:
    return {
        "id": issue.id,
        "title": issue.title,
        "question": issue.question,
        "positions": [
            {"map": p.map_id, "statements": [str(r) for r in p.statements], "answer": p.answer}
            for p in issue.positions
        ],
    }
