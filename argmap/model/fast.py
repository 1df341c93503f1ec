"""Fast constructors for readers (private to :mod:`argmap.formats`).

A reader that builds hundreds of thousands of values whose types it already knows calls
these instead of the classes: the result is the same object (equal, same hash and repr),
built by setting the slots directly, without attrs' validator and converter calls. The
validators' checks are made inline; a value that fails one goes to the class itself, which
raises its usual error.
"""

from __future__ import annotations

from typing import Any

from argmap.model.values import Location, Quote, Relation, RelationType, Role, Statement, View

_new = object.__new__


def _slot_setters(cls: type, *names: str) -> tuple[Any, ...]:
    """The setters of ``cls``'s slots ``names`` (an attrs slotted class): calling one sets
    that slot of an instance directly, as the readers' fast constructors do."""
    return tuple(cls.__dict__[n].__set__ for n in names)


_QUOTE_SET = _slot_setters(Quote, "text", "start", "end")
_STATEMENT_SET = _slot_setters(
    Statement,
    "id",
    "text",
    "role",
    "quotes",
    "section",
    "tags",
    "citation",
    "note",
    "view",
    "aside",
    "location",
)
_RELATION_SET = _slot_setters(Relation, "source", "target", "type", "location")


def _fast_quote(text: str, start: int, end: int) -> Quote:
    """``Quote(text, start, end)`` for a str and two ints."""
    if not (0 <= start < end) or not text.strip():
        return Quote(text, start, end)
    q: Quote = _new(Quote)
    set_text, set_start, set_end = _QUOTE_SET
    set_text(q, text)
    set_start(q, start)
    set_end(q, end)
    return q


def _fast_statement(
    id: str,
    text: str,
    role: Role,
    quotes: tuple[Quote, ...],
    section: str | None,
    tags: tuple[str, ...],
    citation: str | None,
    note: str | None,
    location: Location | None,
    view: View | None = None,
    aside: str | None = None,
) -> Statement:
    """``Statement(...)`` for values of the declared types, ``quotes`` and ``tags`` tuples."""
    if not id.strip():
        return Statement(
            id, text, role, quotes, section, tags, citation, note, view, aside, location=location
        )
    s: Statement = _new(Statement)
    a, b, c, d, e, f, g, h, v, w, i = _STATEMENT_SET
    a(s, id)
    b(s, text)
    c(s, role)
    d(s, quotes)
    e(s, section)
    f(s, tags)
    g(s, citation)
    h(s, note)
    v(s, view)
    w(s, aside)
    i(s, location)
    return s


def _fast_relation(
    source: str, target: str, type: RelationType, location: Location | None
) -> Relation:
    """``Relation(source, target, type, location=location)`` for values of the declared types."""
    if not source.strip() or not target.strip():
        return Relation(source, target, type, location=location)
    r: Relation = _new(Relation)
    a, b, c, d = _RELATION_SET
    a(r, source)
    b(r, target)
    c(r, type)
    d(r, location)
    return r
