"""Argdown Document to ArgumentMap, following docs/conventions.md."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import ConventionError
from argmap.formats._argdown_parser import JS_SPACE
from argmap.formats._argdown_syntax import ArgumentNode, SectionNode

if TYPE_CHECKING:
    from argmap.formats._argdown_document_nodes import Document
from argmap.model import (
    Argument,
    ArgumentMap,
    Location,
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

__all__ = [
    "RELATION_TYPES",
    "ROLE_TAGS",
    "Header",
    "Problem",
    "clean_text",
    "document_to_map",
    "make_argument",
    "make_statement",
    "slug",
]

ROLE_TAGS = {r.value: r for r in Role}
_SPACE = re.compile(r"[ \t\r\n]+")
_STATEMENT_KEYS = ("aside", "citation", "note", "quotes", "view")
_HEADING_KEYS = ("label", "map", "source")
_SECTION_KEYS = ("id",)
_SOURCE_KEYS = ("attributed_author", "author", "path", "sha256", "title", "venue", "year")
_QUOTE_KEYS = frozenset(("text", "start", "end"))
_ALLOWED: dict[tuple[str, ...], frozenset[str]] = {
    keys: frozenset(keys) for keys in (_STATEMENT_KEYS, _HEADING_KEYS, _SECTION_KEYS, ())
}
RELATION_TYPES = {
    "support": RelationType.SUPPORT,
    "entails": RelationType.SUPPORT,
    "attack": RelationType.ATTACK,
    "contrary": RelationType.ATTACK,
    "undercut": RelationType.UNDERCUT,
    "contradictory": RelationType.CONTRADICTION,
}


def clean_text(text: str | None) -> str:
    """Collapse runs of spaces and line breaks to one space and trim."""
    return _SPACE.sub(" ", text or "").strip(JS_SPACE)


def slug(title: str) -> str:
    """A section id from a title: lowercase words joined by ``-``.

    >>> slug("Three stages of relations!")
    'three-stages-of-relations'
    """
    s = re.sub(r"[^\w]+", "-", title.lower()).strip("-")
    return s or "section"


def _unknown(
    data: Mapping[str, Any], allowed: tuple[str, ...], what: str, where: Location | None
) -> None:
    if data.keys() <= _ALLOWED.get(allowed, frozenset(allowed)):
        return
    extra = sorted(str(k) for k in data if k not in allowed)
    if extra:
        raise ConventionError(
            f"unknown data key {extra[0]!r} on {what}; allowed: {', '.join(allowed)}", where
        )


def _opt_str(data: Mapping[str, Any], key: str, what: str, where: Location | None) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConventionError(f"{key} of {what} must be a string", where)
    return value


_STANCES = {s.value: s for s in Stance}
_VIEW_KEYS = frozenset(("holder", "stance"))


def _view(raw: Any, what: str, where: Location | None) -> View | None:
    """The ``view: {holder, stance}`` of a statement (docs/conventions.md)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConventionError(
            f'view of {what} must be a mapping: {{holder: "who holds it", stance: '
            f"{' | '.join(_STANCES)}}}",
            where,
        )
    if not raw.keys() <= _VIEW_KEYS:
        extra = sorted(str(k) for k in raw if k not in _VIEW_KEYS)
        raise ConventionError(
            f"unknown key {extra[0]!r} in the view of {what}; allowed: holder, stance", where
        )
    holder, stance = raw.get("holder"), raw.get("stance")
    if not isinstance(holder, str) or not holder.strip():
        raise ConventionError(
            f"view of {what} needs a holder: who holds the view, as the text names them "
            '(e.g. holder: "some analysts")',
            where,
        )
    if not isinstance(stance, str) or stance not in _STANCES:
        got = "none" if stance is None else repr(stance)
        raise ConventionError(
            f"view of {what} needs the author's stance towards it, one of "
            f"{', '.join(_STANCES)}; found {got}",
            where,
        )
    return View(holder, _STANCES[stance])


def _quotes(raw: Any, what: str, where: Location | None) -> tuple[Quote, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConventionError(f"quotes of {what} must be a list", where)
    out: list[Quote] = []
    for q in raw:
        try:
            if type(q) is dict and q.keys() == _QUOTE_KEYS:  # the common case, quickly
                text, start, end = q["text"], q["start"], q["end"]
                if type(text) is str and type(start) is int and type(end) is int:
                    out.append(_fast_quote(text, start, end))
                    continue
            if isinstance(q, str):
                out.append(Quote(q))
            elif isinstance(q, dict):
                if not q.keys() <= _QUOTE_KEYS:
                    extra = sorted(str(k) for k in q if k not in _QUOTE_KEYS)
                    raise ValueError(f"unknown quote key {extra[0]!r}; allowed: end, start, text")
                text, start, end = q.get("text"), q.get("start"), q.get("end")
                if not isinstance(text, str):
                    raise ValueError("a quote needs a text string")
                for v in (start, end):
                    if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
                        raise ValueError("quote start and end must be integers")
                out.append(Quote(text, start, end))
            else:
                raise ValueError("a quote is a string or {text, start, end}")
        except ValueError as e:
            raise ConventionError(f"bad quote on {what}: {e}", where) from None
    return tuple(out)


def _source(raw: Any, where: Location | None) -> Source | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConventionError("source must be a {path, sha256, ...} mapping", where)
    _unknown(raw, _SOURCE_KEYS, "the map source", where)
    path = raw.get("path")
    if not isinstance(path, str) or not path.strip():
        raise ConventionError("source needs a path", where)
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ConventionError("source year must be an integer", where)
    fields = {}
    for key in ("sha256", "title", "author"):
        v = raw.get(key, "")
        if not isinstance(v, str):
            raise ConventionError(f"source {key} must be a string", where)
        fields[key] = v
    return Source(
        path,
        fields["sha256"],
        fields["title"],
        fields["author"],
        _opt_str(raw, "attributed_author", "source", where),
        year,
        _opt_str(raw, "venue", "source", where),
    )


def _sections(
    nodes: tuple[SectionNode, ...],
) -> tuple[SectionNode | None, tuple[Section, ...], dict[str, str]]:
    heading = next((s for s in nodes if s.level == 1), None)
    out: list[Section] = []
    ids: dict[str, str] = {}
    stack: list[Section] = []
    for s in nodes:
        if s.level < 2:
            continue
        data = s.data or {}
        _unknown(data, _SECTION_KEYS, f"section {s.title!r}", s.location)
        raw_id = data.get("id")
        if raw_id is not None and (type(raw_id) not in (str, int)):
            raise ConventionError(f"section {s.title!r}: its id must be a string", s.location)
        sid = str(raw_id) if raw_id is not None else slug(clean_text(s.title))
        if not sid.strip():
            raise ConventionError(f"section {s.title!r}: its id must not be blank", s.location)
        while stack and stack[-1].level >= s.level:
            stack.pop()
        title = clean_text(_untagged_title(s))
        section = Section(sid, title, s.level, stack[-1].id if stack else None)
        out.append(section)
        stack.append(section)
        ids[s.id] = sid
    return heading, tuple(out), ids


def _untagged_title(s: SectionNode) -> str:
    title = s.title
    for tag in s.tags:
        for form in (f"#({tag})", f"#{tag}"):
            title = title.replace(form, " ")
    return title


class Header:
    """What the map heading and the section headings of a document give a map."""

    __slots__ = ("id", "label", "location", "section_ids", "sections", "source", "title")

    def __init__(self, nodes: tuple[SectionNode, ...], path: str) -> None:
        heading, self.sections, self.section_ids = _sections(nodes)
        where = heading.location if heading else Location(path, 1, 1)
        data = (heading.data or {}) if heading else {}
        _unknown(data, _HEADING_KEYS, "the map heading", where)
        map_id = data.get("map")
        if map_id is None:
            map_id = Path(path).stem
        if not isinstance(map_id, str) or not map_id.strip():
            raise ConventionError("map id must be a non-empty string", where)
        self.id: str = map_id
        self.title = clean_text(_untagged_title(heading)) if heading else ""
        self.source = _source(data.get("source"), where)
        label = data.get("label")
        if label is not None and (not isinstance(label, str) or not label.strip()):
            raise ConventionError("map label must be a non-empty string: label: Valiyev", where)
        self.label: str = clean_text(label)
        self.location = where

    def build(
        self,
        statements: list[Statement],
        arguments: list[Argument],
        relations: list[Relation],
    ) -> ArgumentMap:
        return ArgumentMap(
            self.id,
            self.title,
            self.source,
            self.sections,
            statements,
            arguments,
            relations,
            location=self.location,
            label=self.label,
        )


_STATEMENT_KEYS_SET = _ALLOWED[_STATEMENT_KEYS]


def make_statement(
    title: str,
    words: str,
    tags: tuple[str, ...] | list[str],
    data: Mapping[str, Any],
    section: str | None,
    location: Location | None,
) -> Statement:
    """The map statement of a statement node: its role from the tags, its quotes, citation,
    note, view and aside from the data; ``section`` is the map's section id."""
    if not title.strip():
        raise ConventionError(f"[{title}]: a statement title must not be blank", location)
    others: tuple[str, ...] = ()
    if len(tags) == 1 and tags[0] in ROLE_TAGS:  # the common case, quickly
        role = ROLE_TAGS[tags[0]]
    else:
        roles = [ROLE_TAGS[t] for t in tags if t in ROLE_TAGS]
        others = tuple(t for t in tags if t not in ROLE_TAGS)
        if len(roles) != 1:
            found = ", ".join("#" + t for t in tags if t in ROLE_TAGS) or "none"
            raise ConventionError(
                f"[{title}] needs exactly one role tag (#thesis, #claim, #evidence, "
                f"#counterclaim); found {found}",
                location,
            )
        role = roles[0]
    get = data.get
    raw = get("quotes")
    quotes: tuple[Quote, ...] | None = None
    if data.keys() <= _STATEMENT_KEYS_SET:
        if type(raw) is list and len(raw) == 1:  # _quotes() for one common quote, inline
            q = raw[0]
            if type(q) is dict and q.keys() == _QUOTE_KEYS:
                text, start, end = q["text"], q["start"], q["end"]
                if (
                    type(text) is str
                    and type(start) is int
                    and type(end) is int
                    and 0 <= start < end
                    and text.strip()
                ):  # a valid quote: anything else goes to _quotes() for its error
                    quotes = (_fast_quote(text, start, end),)
    else:
        _unknown(data, _STATEMENT_KEYS, f"[{title}]", location)
    if quotes is None:
        quotes = _quotes(raw, f"[{title}]", location)
    return _fast_statement(
        title,
        words,
        role,
        quotes,
        section,
        others,
        None if get("citation") is None else _opt_str(data, "citation", f"[{title}]", location),
        None if get("note") is None else _opt_str(data, "note", f"[{title}]", location),
        location,
        None if get("view") is None else _view(get("view"), f"[{title}]", location),
        None if get("aside") is None else _opt_str(data, "aside", f"[{title}]", location),
    )


def make_argument(a: ArgumentNode, section_ids: Mapping[str, str]) -> Argument:
    """The map argument of an argument node."""
    what = f"<{a.title}>"
    if not a.title.strip():
        raise ConventionError(f"{what}: an argument title must not be blank", a.location)
    if a.tags:
        raise ConventionError(f"{what}: arguments of a map take no tags", a.location)
    _unknown(a.data, (), what, a.location)
    words = clean_text(a.text)  # no tags (refused above): the text is the words
    rules = a.inferences[-1].rules if a.inferences else ()
    return Argument(
        a.title,
        words,
        tuple(p.title for p in a.pcs[:-1]),
        a.pcs[-1].title if a.pcs else None,
        ", ".join(rules) if rules else None,
        section_ids.get(a.section) if a.section else None,
        location=a.location,
    )


#: A convention broken in a document read leniently: a short code and the error.
Problem = tuple[str, ConventionError]


def _lenient_statement(
    title: str,
    words: str,
    tags: tuple[str, ...] | list[str],
    data: Mapping[str, Any],
    section: str | None,
    location: Location | None,
    problems: list[Problem],
) -> Statement:
    """:func:`make_statement`, with its errors added to ``problems``: a statement with no
    role tag or several gets its first role (``claim`` if none), one with bad data no data."""
    try:
        return make_statement(title, words, tags, data, section, location)
    except ConventionError as e:
        error = e
    roles = [t for t in tags if t in ROLE_TAGS]
    if len(roles) != 1:
        problems.append(("role", error))
        tags = [*(roles[:1] or ["claim"]), *(t for t in tags if t not in ROLE_TAGS)]
        try:
            return make_statement(title, words, tags, data, section, location)
        except ConventionError as e:
            error = e
    problems.append(("statement-data", error))
    return make_statement(title, words, tags, {}, section, location)


def document_to_map(doc: Document, path: str, problems: list[Problem] | None = None) -> ArgumentMap:
    """The argmap map a parsed Argdown document encodes.

    With ``problems``, the statements and arguments that break a convention are not fatal:
    each such error is added to ``problems`` with a code (``role``, ``statement-data``,
    ``undefined``, ``argument``) and the map is built without the bad part, so that a checker
    can report every problem of a file at once. Other errors are raised either way."""
    header = Header(doc.sections, path)
    section_ids = header.section_ids
    statements: list[Statement] = []
    # Maps list statements in the order they are defined (pcs may refer to them earlier).
    ordered = sorted(doc.statements, key=lambda s: s.defined if s.defined is not None else 1 << 62)
    space, js_space = _SPACE.sub, JS_SPACE
    for s in ordered:
        if s.defined is None:
            error = ConventionError(f"[{s.title}] is referenced but never defined", s.location)
            if problems is None:
                raise error
            problems.append(("undefined", error))
            continue
        plain = s.plain  # clean_text(), inline
        words = space(" ", plain).strip(js_space) if plain else ""
        section = section_ids.get(s.section) if s.section else None
        if problems is None:
            statements.append(make_statement(s.title, words, s.tags, s.data, section, s.location))
        else:
            statements.append(
                _lenient_statement(s.title, words, s.tags, s.data, section, s.location, problems)
            )
    if problems is None:
        arguments = [make_argument(a, section_ids) for a in doc.arguments]
    else:
        arguments = []
        for a in doc.arguments:
            try:
                arguments.append(make_argument(a, section_ids))
            except ConventionError as e:
                problems.append(("argument", e))
    relations = [
        _fast_relation(r.source, r.target, RELATION_TYPES[r.type], r.location)
        for r in doc.relations
    ]
    return header.build(statements, arguments, relations)
