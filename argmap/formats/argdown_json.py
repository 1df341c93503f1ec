"""Argdown JSON in: the Argdown CLI's ``argdown json`` export read into a map.

The export is turned into the parsed-document form argmap's own Argdown reader produces, and
that reader's conventions make the map (roles from tags, quotes from the statement's data,
section ids), so a map read from the export equals the map read from the Argdown source.
Locations are the Argdown source's lines and columns, reported against the JSON file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from argmap.errors import FormatError
from argmap.formats._argdown_document_nodes import Document, Member, RelationNode, StatementNode
from argmap.formats._argdown_map import document_to_map
from argmap.formats._argdown_syntax import ArgumentNode, Inference, PcsItem, SectionNode
from argmap.formats.files import decode, read_bytes
from argmap.model import ArgumentMap, Location

__all__ = ["load", "loads", "read_path", "sniff"]

_PCS_ROLES = {"premise": "premise", "intermediary-conclusion": "intermediary"}


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path

    def error(self, message: str, pointer: str) -> FormatError:
        return FormatError(message, Location(self.path), pointer=pointer)

    def where(self, raw: Mapping[str, Any]) -> Location:
        line, col = raw.get("startLine"), raw.get("startColumn")
        if isinstance(line, int) and isinstance(col, int):
            return Location(self.path, max(line, 1), max(col, 1))
        return Location(self.path)

    def dict_of(self, doc: Mapping[str, Any], key: str) -> dict[str, Any]:
        value = doc.get(key, {})
        if not isinstance(value, dict):
            raise self.error(f'"{key}" must be an object', f"/{key}")
        return value

    def member(self, raw: Any, pointer: str) -> Member:
        if not isinstance(raw, dict) or not isinstance(raw.get("title", ""), str):
            raise self.error("a member must be an object with a title", pointer)
        text = raw.get("text")
        if text is not None and not isinstance(text, str):
            raise self.error("a member's text must be a string", f"{pointer}/text")
        plain = text
        if plain is not None:
            # The words without the tags, as argmap's reader reads them.
            cuts = sorted(
                (r["start"], r["stop"])
                for r in raw.get("ranges") or ()
                if isinstance(r, dict)
                and r.get("type") == "tag"
                and isinstance(r.get("start"), int)
                and isinstance(r.get("stop"), int)
            )
            for start, stop in reversed(cuts):
                plain = plain[:start] + " " + plain[stop + 1 :]
        tags = raw.get("tags") or ()
        return Member(
            str(raw.get("title", "")),
            text,
            str(raw.get("role", "")),
            tuple(str(t) for t in tags),
            raw.get("data"),
            bool(raw.get("isReference")),
            raw.get("section"),
            location=self.where(raw),
            plain=plain,
        )

    def statement(self, title: str, raw: Any, order: int) -> StatementNode:
        at = f"/statements/{title.replace('~', '~0').replace('/', '~1')}"
        if not isinstance(raw, dict):
            raise self.error("a statement must be an object", at)
        members = tuple(
            self.member(m, f"{at}/members/{i}") for i, m in enumerate(raw.get("members") or ())
        )
        defining = [m for m in members if not m.is_reference and m.location is not None]
        first = min(defining, key=lambda m: (m.location.line, m.location.column), default=None)  # type: ignore[union-attr]
        data = raw.get("data") or {}
        if not isinstance(data, dict):
            raise self.error("a statement's data must be an object", f"{at}/data")
        canonical = _canonical(members)
        return StatementNode(
            title,
            canonical.text if canonical else raw.get("text"),
            tuple(str(t) for t in raw.get("tags") or ()),
            data,
            members,
            raw.get("section"),
            location=first.location if first else Location(self.path),
            defined=None if first is None else order,
            plain=canonical.plain if canonical else None,
        )

    def argument(self, title: str, raw: Any) -> ArgumentNode:
        at = f"/arguments/{title.replace('~', '~0').replace('/', '~1')}"
        if not isinstance(raw, dict):
            raise self.error("an argument must be an object", at)
        members = tuple(
            self.member(m, f"{at}/members/{i}")
            for i, m in enumerate(raw.get("members") or ())
            if isinstance(m, dict) and m.get("role") == "argument-description"
        )
        pcs_raw = [p for p in raw.get("pcs") or () if isinstance(p, dict)]
        pcs = tuple(
            PcsItem(str(p.get("title", "")), _PCS_ROLES.get(str(p.get("role")), "conclusion"))
            for p in pcs_raw
        )
        inferences = []
        for i, p in enumerate(pcs_raw):
            inf = p.get("inference")
            if isinstance(inf, dict):
                rules = tuple(str(r) for r in inf.get("inferenceRules") or ())
                inferences.append(Inference(i, rules, inf.get("data")))
        where = next((m.location for m in members if not m.is_reference), None)
        canonical = _canonical(members)
        return ArgumentNode(
            title,
            canonical.text if canonical else raw.get("text"),
            tuple(str(t) for t in raw.get("tags") or ()),
            raw.get("data") or {},
            members,
            pcs,
            tuple(inferences),
            raw.get("section"),
            location=where or Location(self.path),
        )

    def sections(self, raw: Any) -> list[SectionNode]:
        out: list[SectionNode] = []

        def walk(items: Any, pointer: str) -> None:
            if not isinstance(items, list):
                raise self.error("sections must be a list", pointer)
            for i, s in enumerate(items):
                if not isinstance(s, dict):
                    raise self.error("a section must be an object", f"{pointer}/{i}")
                out.append(
                    SectionNode(
                        str(s.get("id")),
                        str(s.get("title", "")),
                        int(s.get("level", 1)),
                        tuple(str(t) for t in s.get("tags") or ()),
                        s.get("data"),
                        s.get("parent"),
                        location=self.where(s),
                    )
                )
                walk(s.get("children") or [], f"{pointer}/{i}/children")

        walk(raw or [], "/sections")
        return out

    def relation(self, raw: Any, i: int) -> RelationNode:
        if not isinstance(raw, dict) or not all(
            isinstance(raw.get(k), str) for k in ("from", "to", "relationType")
        ):
            raise self.error("a relation needs from, to and relationType", f"/relations/{i}")
        kinds = {"argument": "argument", "inference": "argument"}
        return RelationNode(
            raw["from"],
            kinds.get(str(raw.get("fromType")), "statement"),
            raw["to"],
            kinds.get(str(raw.get("toType")), "statement"),
            raw["relationType"],
        )


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _canonical(members: tuple[Member, ...]) -> Member | None:
    """The member whose text a node takes, by the reader's rule (argdown-core's): the last
    definition whose data has a true ``isCanonical``, else the last definition."""
    defining = [m for m in members if not m.is_reference]
    pinned = [m for m in defining if isinstance(m.data, dict) and m.data.get("isCanonical") is True]
    chosen = pinned or defining
    return chosen[-1] if chosen else None


def loads(text: str | bytes, path: str = "<argdown-json>") -> ArgumentMap:
    """The map of an ``argdown json`` export given as text."""
    raw = decode(text, path) if isinstance(text, bytes) else text
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not JSON: {exc.msg}", Location(path, exc.lineno, exc.colno)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("statements"), dict):
        raise FormatError(
            'not an Argdown JSON export: expected an object with "statements"',
            Location(path),
            pointer="",
        )
    r = _Reader(path)
    statements_raw = r.dict_of(doc, "statements")

    # Statements in the order of their first definition in the Argdown source.
    # (argmap's reader counts a definition when it ends, so a statement comes after the
    # statements defined in its indented children.)
    def first_line(item: tuple[str, Any]) -> tuple[int, int, int, int]:
        members = item[1].get("members") if isinstance(item[1], dict) else None
        spots = [
            (
                _int(m.get("endLine"), 1 << 30),
                _int(m.get("endColumn"), 0),
                -_int(m.get("startLine"), 0),
                -_int(m.get("startColumn"), 0),
            )
            for m in members or ()
            if isinstance(m, dict) and not m.get("isReference")
        ]
        return min(spots, default=(1 << 30, 0, 0, 0))

    ordered = sorted(statements_raw.items(), key=first_line)
    statements = tuple(r.statement(t, s, i) for i, (t, s) in enumerate(ordered))
    arguments = tuple(r.argument(t, a) for t, a in r.dict_of(doc, "arguments").items())
    relations_raw = doc.get("relations") or []
    if not isinstance(relations_raw, list):
        raise r.error('"relations" must be a list', "/relations")
    relations = tuple(r.relation(x, i) for i, x in enumerate(relations_raw))
    sections = tuple(r.sections(doc.get("sections")))
    tags = tuple(str(t) for t in (doc.get("tags") or {}))
    document = Document(path, {}, statements, arguments, relations, sections, tags)
    return document_to_map(document, path)


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """The map of an ``argdown json`` export file."""
    p = os.fspath(path)
    return loads(read_bytes(p, what="Argdown JSON file"), p)


def sniff(head: bytes) -> bool:
    """Whether a file's first bytes look like the Argdown CLI's JSON export."""
    return head.lstrip()[:1] == b"{" and any(
        marker in head for marker in (b'"equivalence-class"', b'"relationType"', b'"pcs"')
    )


def read_path(path: Path, options: Mapping[str, Any]) -> ArgumentMap:
    """The registry's Argdown JSON reader (no options)."""
    if options:
        raise FormatError(
            f"the argdown-json format takes no options (got {', '.join(sorted(options))})",
            Location(str(path)),
        )
    return load(path)
