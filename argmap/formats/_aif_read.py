"""Read AIF JSON into argument maps; what has no place in a map is listed, never dropped.

Two paths share the graph walk: a document argmap wrote carries an ``"argmap"`` object
(ids, roles, sections, tags, notes) and reads back into an equal map or comparison; any other
AIF document is read by the rules in ``docs/formats.md`` (roles from the graph's shape,
speakers from the dialogue layer).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import cattrs

from argmap.errors import FormatError
from argmap.formats._aif_graph import AifGraph, escape
from argmap.formats._aif_roles import roles as role_rule
from argmap.formats._aif_schema import (
    ARGMAP_KEY,
    ARGMAP_SCHEMA,
    DEFAULT_INFERENCE,
    DIALOGUE_TYPES,
)
from argmap.formats.json import shared_converter
from argmap.model import (
    Argument,
    ArgumentMap,
    Quote,
    Relation,
    RelationType,
    Role,
    Section,
    Source,
    Stance,
    Statement,
    View,
    _fast_quote,
    _fast_relation,
    _fast_statement,
)

__all__ = ["MapParts", "read_maps"]

_GENERIC_INFERENCES = frozenset({"", "RA", DEFAULT_INFERENCE})


@attrs.define
class MapParts:
    """One map being assembled, with the AIF nodes that became its statements."""

    map: ArgumentMap
    statement_of: dict[str, str]


def _strip_speaker(text: str, speaker: str | None, exact: bool) -> tuple[str | None, str]:
    if speaker is not None and text.startswith(f"{speaker} : "):
        return speaker, text[len(speaker) + 3 :]
    if exact:
        return speaker, text
    for sep in (" : ", ": "):
        name, found, words = text.partition(sep)
        if found and name.strip() and words.strip():
            return name.strip(), words.strip()
    return speaker, text


def _offset(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _tag(illocution: str) -> str:
    return re.sub(r"[^\w]+", "-", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", illocution).lower()).strip(
        "-"
    )


class _Reader:
    """Walks the graph once for one map; ``used_nodes``/``used_edges`` record what it took."""

    def __init__(
        self,
        g: AifGraph,
        meta: dict[str, dict[str, Any]] | None,
        meta_at: str,
        used_nodes: set[str],
        used_edges: set[int],
        sidecar: str | None,
    ) -> None:
        self.g = g
        self.meta = meta
        self.meta_at = meta_at
        self.used_nodes = used_nodes
        self.used_edges = used_edges
        self.sidecar = sidecar
        self.model_id: dict[str, str] = {}
        self.statements: dict[str, Statement] = {}
        self.quotes: dict[str, list[Quote]] = {}
        self.tags: dict[str, list[str]] = {}
        self.speakers: dict[str, list[str]] = {}
        self.arguments: list[tuple[int, Argument]] = []
        self.relations: list[tuple[int, Relation]] = []

    # -- helpers ---------------------------------------------------------------

    def _mine(self, node_id: str) -> bool:
        return self.meta is None or node_id in self.meta

    def _meta(self, node_id: str) -> dict[str, Any] | None:
        return None if self.meta is None else self.meta.get(node_id)

    def _bad_meta(self, node_id: str, detail: str) -> FormatError:
        return FormatError(
            f"argmap data for node {node_id!r} cannot be read: {detail}",
            self.g.error("", self.g.pointer(node_id)).location,
            pointer=f"{self.meta_at}/{escape(node_id)}",
        )

    def _structure(self, node_id: str, data: dict[str, Any], cls: type[Any]) -> Any:
        try:
            return shared_converter().structure(data, cls)
        except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
            raise self._bad_meta(node_id, f"{type(exc).__name__}: {exc}") from None

    def _use(self, node_id: str, *edges: int) -> None:
        self.used_nodes.add(node_id)
        self.used_edges.update(edges)

    # -- statements --------------------------------------------------------------

    def statements_pass(self) -> None:
        g = self.g
        for node_id in g.order:
            if g.kind[node_id] != "I" or not self._mine(node_id):
                continue
            meta = self._meta(node_id)
            if meta is not None:
                quick = _statement_from_meta(meta, g.label[node_id])
                if quick is not None:
                    s = quick
                else:  # the converter, for its error messages
                    data = {k: v for k, v in meta.items() if k != "kind"}
                    data.update(text=g.label[node_id], quotes=[])
                    s = self._structure(node_id, data, Statement)
            else:
                s = _fast_statement(
                    f"n{node_id}", g.label[node_id], Role.CLAIM, (), None, (), None, None, None
                )
            self.statements[node_id] = s
            self.model_id[node_id] = s.id
            self.quotes[node_id] = []
            self._use(node_id)

    def locutions_pass(self) -> None:
        """L --YA--> I: the locution's words become a quote of the statement, its speaker
        the statement's holder."""
        g = self.g
        for node_id in g.order:
            if g.kind[node_id] != "L" or not self._mine(node_id):
                continue
            meta = self._meta(node_id)
            for e in g.outgoing[node_id]:
                ya = g.edges[e][2]
                if g.kind[ya] != "YA":
                    continue
                for f in g.outgoing[ya]:
                    target = g.edges[f][2]
                    if target not in self.statements:
                        continue
                    self._use(node_id, e, f)
                    self._use(ya)
                    if meta is not None and meta.get("kind") == "view":
                        continue
                    self._quote(node_id, ya, target, exact=meta is not None)

    def _quote(self, node_id: str, ya: str, target: str, exact: bool) -> None:
        g = self.g
        speaker, words = _strip_speaker(g.label[node_id], g.speaker(node_id), exact)
        loc = g.locution.get(node_id, {})
        start, end = _offset(loc.get("start")), _offset(loc.get("end"))
        if not exact:
            illocution = str(g.node(ya).get("scheme") or g.label[ya])
            if illocution != "Asserting" and _tag(illocution):
                self.tags.setdefault(target, []).append(_tag(illocution))
            if speaker:
                self.speakers.setdefault(target, []).append(speaker)
            if start is None and self.sidecar is not None:
                found = self.sidecar.find(words) if words.strip() else -1
                if found >= 0:
                    start, end = found, found + len(words)
        if not words.strip():
            return
        if start is not None and end is not None and 0 <= start < end:
            self.quotes[target].append(_fast_quote(words, start, end))
        else:
            self.quotes[target].append(Quote(words))

    def sidecar_quotes(self) -> None:
        """Statements no locution anchors: their text, where it stands in the sidecar."""
        if self.sidecar is None or self.meta is not None:
            return
        for node_id, s in self.statements.items():
            if self.quotes[node_id] or not s.text.strip():
                continue
            found = self.sidecar.find(s.text)
            if found >= 0:
                self.quotes[node_id].append(Quote(s.text, found, found + len(s.text)))

    # -- scheme nodes ---------------------------------------------------------------

    def _ends(self, node_id: str, model_only: bool) -> tuple[list[int], list[int]]:
        """Incoming and outgoing argument edges (the dialogue layer left out)."""
        g = self.g

        def keep(other: str) -> bool:
            if g.kind[other] in DIALOGUE_TYPES:
                return False
            return other in self.model_id if model_only else g.kind[other] == "I"

        ins = [e for e in g.incoming[node_id] if keep(g.edges[e][1])]
        outs = [
            e
            for e in g.outgoing[node_id]
            if g.kind[g.edges[e][2]] not in DIALOGUE_TYPES
            and (g.edges[e][2] in self.model_id or not model_only)
        ]
        return ins, outs

    def schemes_pass(self) -> None:
        if self.meta is not None:
            self._schemes_with_meta()
        else:
            self._schemes_generic()

    def _schemes_with_meta(self) -> None:
        g = self.g
        assert self.meta is not None
        kinds = {n: m.get("kind") for n, m in self.meta.items()}
        for node_id in g.order:  # arguments first: relations may point at them
            if kinds.get(node_id) == "argument" and g.kind[node_id] == "RA":
                self.model_id[node_id] = str(self.meta[node_id].get("id"))
        for index, node_id in enumerate(g.order):
            kind = kinds.get(node_id)
            if kind == "argument" and g.kind[node_id] == "RA":
                ins = [e for e in g.incoming[node_id] if g.edges[e][1] in self.statements]
                outs = [e for e in g.outgoing[node_id] if g.edges[e][2] in self.statements]
                data = {k: v for k, v in self.meta[node_id].items() if k != "kind"}
                data["premises"] = [self.model_id[g.edges[e][1]] for e in ins]
                data["conclusion"] = self.model_id[g.edges[outs[0]][2]] if outs else None
                arg = self._structure(node_id, data, Argument)
                self.arguments.append((index, arg))
                self._use(node_id, *ins, *outs[:1])
            elif kind == "relation" and g.kind[node_id] in ("RA", "CA"):
                ins, outs = self._ends(node_id, model_only=True)
                if len(ins) != 1 or len(outs) != 1:
                    raise self._bad_meta(node_id, "a relation needs one edge in and one out")
                try:
                    rtype = RelationType(self.meta[node_id].get("type"))
                except ValueError as exc:
                    raise self._bad_meta(node_id, str(exc)) from None
                self._use(node_id, ins[0], outs[0])
                if not self.meta[node_id].get("mirror"):
                    src, dst = g.edges[ins[0]][1], g.edges[outs[0]][2]
                    rel = _fast_relation(self.model_id[src], self.model_id[dst], rtype, None)
                    self.relations.append((index, rel))

    def _schemes_generic(self) -> None:
        g = self.g
        scheme_kinds = ("RA", "CA")
        shape: dict[str, tuple[list[int], list[int]]] = {}
        targeted: set[str] = set()
        for node_id in g.order:
            if g.kind[node_id] in scheme_kinds:
                ins, outs = self._ends(node_id, model_only=False)
                shape[node_id] = (ins, outs)
                for e in outs:
                    if g.kind[g.edges[e][2]] in scheme_kinds:
                        targeted.add(g.edges[e][2])
        # Inferences that are argued about, have several premises or a named scheme
        # become arguments (nodes a relation can point at); the rest are support relations.
        for index, node_id in enumerate(g.order):
            if g.kind[node_id] != "RA":
                continue
            ins, outs = shape[node_id]
            scheme = str(g.node(node_id).get("scheme") or g.label[node_id]).strip()
            named = scheme not in _GENERIC_INFERENCES
            to_i = [e for e in outs if g.kind[g.edges[e][2]] == "I"]
            partial = not ins or len(outs) != 1 or not to_i
            # An inference without full structure is kept only as a node that is argued about.
            if partial and not (node_id in targeted and len(to_i) == len(outs) <= 1):
                continue
            if node_id in targeted or len(ins) > 1 or named:
                arg = Argument(
                    f"ra{node_id}",
                    "",
                    tuple(self.model_id[g.edges[e][1]] for e in ins),
                    self.model_id[g.edges[to_i[0]][2]] if to_i else None,
                    scheme if named else None,
                )
                self.model_id[node_id] = arg.id
                self.arguments.append((index, arg))
                self._use(node_id, *ins, *to_i)
        for index, node_id in enumerate(g.order):
            kind = g.kind[node_id]
            if kind not in scheme_kinds or node_id in self.used_nodes:
                continue
            ins, outs = shape[node_id]
            if not ins or len(outs) != 1 or g.edges[outs[0]][2] not in self.model_id:
                continue
            target = g.edges[outs[0]][2]
            if kind == "RA":
                rtype = RelationType.SUPPORT
            elif g.kind[target] == "I":
                rtype = RelationType.ATTACK
            else:
                rtype = RelationType.UNDERCUT
            for e in ins:
                src = self.model_id[g.edges[e][1]]
                self.relations.append(
                    (index, _fast_relation(src, self.model_id[target], rtype, None))
                )
            self._use(node_id, *ins, *outs)
        self._pair_contradictions()

    def _pair_contradictions(self) -> None:
        """Two attacks between the same statements, one each way, are one contradiction."""
        attacks = {
            (r.source, r.target): i
            for i, (_, r) in enumerate(self.relations)
            if r.type is RelationType.ATTACK
        }
        drop: set[int] = set()
        for (src, dst), i in attacks.items():
            j = attacks.get((dst, src))
            if j is not None and i < j and i not in drop:
                index, r = self.relations[i]
                self.relations[i] = (index, attrs.evolve(r, type=RelationType.CONTRADICTION))
                drop.add(j)
        self.relations = [x for k, x in enumerate(self.relations) if k not in drop]

    # -- the map ----------------------------------------------------------------------

    def build(self, head: dict[str, Any] | None, map_id: str, title: str) -> MapParts:
        self.statements_pass()
        self.locutions_pass()
        self.sidecar_quotes()
        self.schemes_pass()
        relations = [r for _, r in sorted(self.relations, key=lambda x: x[0])]
        arguments = [a for _, a in self.arguments]
        generic = self.meta is None
        found = role_rule(list(self.statements.values()), arguments, relations) if generic else {}
        view_of = _views(self.speakers) if generic else {}
        statements = []
        for node_id, s in self.statements.items():
            extra = self.tags.get(node_id)
            tags = tuple(dict.fromkeys([*s.tags, *extra])) if extra else s.tags
            statements.append(
                _fast_statement(
                    s.id,
                    s.text,
                    found.get(s.id, s.role),
                    tuple(self.quotes[node_id]),
                    s.section,
                    tags,
                    s.citation,
                    s.note,
                    None,
                    view_of.get(node_id, s.view),
                    s.aside,
                )
            )
        source = sections = None
        if head is not None:
            source = head.get("source")
            sections = head.get("sections")
        m = ArgumentMap(
            map_id,
            title,
            None if source is None else shared_converter().structure(source, Source),
            () if not sections else shared_converter().structure(sections, list[Section]),
            statements,
            arguments,
            relations,
        )
        return MapParts(m, {n: s.id for n, s in self.statements.items()})


_META_KEYS = frozenset(
    ("kind", "id", "role", "section", "tags", "citation", "note", "view", "aside")
)
_ROLES = {r.value: r for r in Role}
_STANCES = {s.value: s for s in Stance}


def _opt(value: Any) -> bool:
    return value is None or type(value) is str


def _statement_from_meta(meta: dict[str, Any], text: str) -> Statement | None:
    """The statement argmap's data describes, built directly when every value has the type
    the writer gives it; ``None`` sends anything else to the converter."""
    get = meta.get
    sid, role_name, tags, view = get("id"), get("role"), get("tags"), get("view")
    role = _ROLES.get(role_name) if type(role_name) is str else None
    section, citation, note, aside = get("section"), get("citation"), get("note"), get("aside")
    if (
        type(sid) is not str
        or not sid.strip()
        or role is None
        or type(tags) is not list
        or not all(type(t) is str for t in tags)
        or not (_opt(section) and _opt(citation) and _opt(note) and _opt(aside))
        or not meta.keys() <= _META_KEYS
    ):
        return None
    made_view = None
    if view is not None:
        if type(view) is not dict or view.keys() != {"holder", "stance"}:
            return None
        holder, stance = view["holder"], _STANCES.get(view["stance"])
        if type(holder) is not str or not holder.strip() or stance is None:
            return None
        made_view = View(holder, stance)
    return _fast_statement(
        sid, text, role, (), section, tuple(tags), citation, note, None, made_view, aside
    )


def _views(speakers: dict[str, list[str]]) -> dict[str, View]:
    """Statements whose locutions name one speaker are that speaker's reported view."""
    out: dict[str, View] = {}
    for node_id, names in speakers.items():
        unique = list(dict.fromkeys(names))
        if len(unique) == 1:
            out[node_id] = View(unique[0], Stance.OPEN)
    return out


def read_maps(
    g: AifGraph, sidecar: str | None
) -> tuple[list[MapParts], dict[str, Any] | None, set[str], set[int]]:
    """The maps of a document, its argmap data (if any) and the nodes and edges taken."""
    used_nodes: set[str] = set()
    used_edges: set[int] = set()
    data = g.doc.get(ARGMAP_KEY)
    if data is not None and (not isinstance(data, dict) or data.get("schema") != ARGMAP_SCHEMA):
        data = None  # someone else's "argmap" key: read the document as plain AIF
    out: list[MapParts] = []
    if data is None:
        stem = Path(g.path).stem
        map_id = re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-") or "aif"
        reader = _Reader(g, None, "", used_nodes, used_edges, sidecar)
        out.append(reader.build(None, map_id, Path(g.path).name))
        return out, None, used_nodes, used_edges
    maps = data.get("maps")
    if not isinstance(maps, list) or not maps:
        raise g.error('"maps" must be a non-empty list', f"/{ARGMAP_KEY}/maps")
    for k, head in enumerate(maps):
        at = f"/{ARGMAP_KEY}/maps/{k}"
        if not isinstance(head, dict) or not isinstance(head.get("nodes"), dict):
            raise g.error('a map entry needs "id" and "nodes"', at)
        if not isinstance(head.get("id"), str) or not head["id"].strip():
            raise g.error("a map entry needs a non-empty id", f"{at}/id")
        nodes = {str(n): v for n, v in head["nodes"].items() if isinstance(v, dict)}
        reader = _Reader(g, nodes, f"{at}/nodes", used_nodes, used_edges, None)
        try:
            out.append(reader.build(head, head["id"], str(head.get("title") or "")))
        except (cattrs.BaseValidationError, ValueError, TypeError, AttributeError, KeyError) as exc:
            raise g.error(f"map {head['id']!r} cannot be read: {exc}", at) from None
    return out, data, used_nodes, used_edges
