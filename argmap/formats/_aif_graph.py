"""An AIF JSON document checked and indexed: nodes by id, edges in and out, locutions.

Every structural fault (not JSON, not an object, a node without an id or of an unknown type,
duplicate ids, an edge or locution naming a node that does not exist) is a
:class:`~argmap.errors.FormatError` with the file, the line where it can be found and a JSON
pointer to the offending value.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.errors import FormatError
from argmap.formats._aif_schema import AIF_TYPES
from argmap.formats.files import decode
from argmap.model import Location

__all__ = ["AifGraph", "escape", "parse"]


def escape(token: str) -> str:
    """One JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


_SECTION = {
    "nodes": ("nodes", "nodeID"),
    "edges": ("edges", "edgeID"),
    "locutions": ("locutions", "nodeID"),
}


def _line_of(text: str, path: str, pointer: str) -> Location:
    """Where the value at ``pointer`` starts, found by counting the array's ids in the text
    (good for AIFdb's layout: one id key per element); the file's start otherwise."""
    parts = pointer.split("/")
    if len(parts) >= 3 and parts[1] in _SECTION and parts[2].isdigit():
        key, id_key = _SECTION[parts[1]]
        head = re.search(rf'(?<!\\)"{key}"\s*:\s*\[', text)
        if head is not None:
            found = list(re.finditer(rf'(?<!\\)"{id_key}"\s*:', text[head.end() :]))
            index = int(parts[2])
            if index < len(found):
                at = head.end() + found[index].start()
                if len(parts) >= 4:  # the key inside the element, from the element's brace
                    brace = text.rfind("{", 0, at)
                    key_at = re.compile(rf'"{re.escape(parts[3])}"\s*:').search(text, brace)
                    if key_at is not None:
                        at = key_at.start()
                line = text.count("\n", 0, at) + 1
                return Location(path, line, at - (text.rfind("\n", 0, at) + 1) + 1)
        if head is not None:
            at = head.start()
            return Location(path, text.count("\n", 0, at) + 1, 1)
    return Location(path)


class AifGraph:
    """The checked document: ``order`` lists node ids as they stand, ``kind``/``text`` give
    each node's type and text, ``outgoing``/``incoming`` the indices of its edges."""

    def __init__(self, doc: dict[str, Any], text: str, path: str) -> None:
        self.doc = doc
        self.text = text
        self.path = path
        self.order: list[str] = []
        self.kind: dict[str, str] = {}
        self.label: dict[str, str] = {}
        self.index: dict[str, int] = {}
        self._raw_nodes: list[Any] = []
        self.edges: list[tuple[str, str, str]] = []
        self.outgoing: dict[str, list[int]] = {}
        self.incoming: dict[str, list[int]] = {}
        self.locution: dict[str, dict[str, Any]] = {}
        self.people: dict[str, str] = {}
        self._nodes()
        self._edges()
        self._locutions()
        self._participants()

    def error(self, message: str, pointer: str) -> FormatError:
        return FormatError(message, _line_of(self.text, self.path, pointer), pointer=pointer)

    def _list(self, key: str, required: bool) -> list[Any]:
        value = self.doc.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            raise self.error(f'"{key}" must be a list', f"/{escape(key)}")
        return value

    def _id(self, value: Any, pointer: str, what: str) -> str:
        if type(value) is str and value:
            return value
        if isinstance(value, bool) or not isinstance(value, str | int) or str(value) == "":
            raise self.error(f"{what} must be a non-empty string or a number", pointer)
        return str(value)

    def _nodes(self) -> None:
        self._raw_nodes = nodes = self._list("nodes", True)
        order, kind_of, label, index = self.order, self.kind, self.label, self.index
        outgoing, incoming = self.outgoing, self.incoming
        types = AIF_TYPES
        for i, node in enumerate(nodes):
            if type(node) is not dict:
                raise self.error("a node must be an object", f"/nodes/{i}")
            node_id = node.get("nodeID")
            if type(node_id) is not str or not node_id:
                node_id = self._id(node_id, f"/nodes/{i}/nodeID", "nodeID")
            if node_id in kind_of:
                raise self.error(
                    f"duplicate nodeID {node_id!r} (first at {self.pointer(node_id)}): "
                    "every node needs its own id",
                    f"/nodes/{i}/nodeID",
                )
            kind = node.get("type")
            if type(kind) is not str or kind not in types:
                raise self.error(
                    f"unknown node type {kind!r}: AIF nodes are of type "
                    + ", ".join(sorted(AIF_TYPES)),
                    f"/nodes/{i}/type",
                )
            text = node.get("text", "")
            if type(text) is not str:
                raise self.error("a node's text must be a string", f"/nodes/{i}/text")
            order.append(node_id)
            kind_of[node_id] = kind
            label[node_id] = text
            index[node_id] = i
            outgoing[node_id] = []
            incoming[node_id] = []

    def pointer(self, node_id: str) -> str:
        """The JSON pointer of a node."""
        return f"/nodes/{self.index[node_id]}"

    def node(self, node_id: str) -> dict[str, Any]:
        """A node's object as the document has it."""
        found: dict[str, Any] = self._raw_nodes[self.index[node_id]]
        return found

    def _edges(self) -> None:
        seen: dict[str, int] = {}
        kind_of, outgoing, incoming, edges = self.kind, self.outgoing, self.incoming, self.edges
        for i, edge in enumerate(self._list("edges", True)):
            if type(edge) is not dict:
                raise self.error("an edge must be an object", f"/edges/{i}")
            edge_id, src, dst = edge.get("edgeID"), edge.get("fromID"), edge.get("toID")
            if type(edge_id) is not str or not edge_id:
                edge_id = self._id(edge_id, f"/edges/{i}/edgeID", "edgeID")
            if edge_id in seen:
                raise self.error(
                    f"duplicate edgeID {edge_id!r} (first at /edges/{seen[edge_id]})",
                    f"/edges/{i}/edgeID",
                )
            seen[edge_id] = i
            if (
                type(src) is not str
                or type(dst) is not str
                or src not in kind_of
                or dst not in kind_of
            ):
                src, dst = (self._end(edge, i, key) for key in ("fromID", "toID"))
            edges.append((edge_id, src, dst))
            outgoing[src].append(i)
            incoming[dst].append(i)

    def _end(self, edge: dict[str, Any], i: int, key: str) -> str:
        end = self._id(edge.get(key), f"/edges/{i}/{key}", key)
        if end not in self.kind:
            raise self.error(
                f"dangling edge: {key} {end!r} names no node of the document", f"/edges/{i}/{key}"
            )
        return end

    def _locutions(self) -> None:
        for i, loc in enumerate(self._list("locutions", False)):
            at = f"/locutions/{i}"
            if not isinstance(loc, dict):
                raise self.error("a locution must be an object", at)
            node_id = self._id(loc.get("nodeID"), f"{at}/nodeID", "nodeID")
            if node_id not in self.kind:
                raise self.error(
                    f"dangling locution: nodeID {node_id!r} names no node", f"{at}/nodeID"
                )
            self.locution.setdefault(node_id, loc)

    def _participants(self) -> None:
        for i, person in enumerate(self._list("participants", False)):
            at = f"/participants/{i}"
            if not isinstance(person, dict):
                raise self.error("a participant must be an object", at)
            pid = self._id(person.get("participantID"), f"{at}/participantID", "participantID")
            first, last = person.get("firstname") or "", person.get("surname") or ""
            if not isinstance(first, str) or not isinstance(last, str):
                raise self.error("a participant's names must be strings", at)
            self.people[pid] = f"{first} {last}" if last else first

    def speaker(self, node_id: str) -> str | None:
        """The participant named by a locution's ``personID``, if the document lists them."""
        loc = self.locution.get(node_id)
        if loc is None or loc.get("personID") is None:
            return None
        return self.people.get(str(loc["personID"]))


def parse(data: bytes | str, path: str) -> AifGraph:
    """Decode, parse and check an AIF document."""
    text = decode(data, path) if isinstance(data, bytes) else data
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not JSON: {exc.msg}", Location(path, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise FormatError("JSON nested too deeply", Location(path)) from None
    if not isinstance(doc, dict):
        raise FormatError(
            'an AIF document is a JSON object with "nodes" and "edges"', Location(path), pointer=""
        )
    return AifGraph(doc, text, path)
