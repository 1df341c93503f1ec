"""Hypothesis strategies for random, hostile but representable ArgumentMaps."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from argmap.formats._argdown_parser import JS_SPACE
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
)

__all__ = ["argument_maps", "clean", "texts"]

_HOSTILE = "[]#{}<>*_@/\\\"'.:;,()-=+1234567890 \u00a0\u2019é中😀\t`!?~^|$%&"


def clean(text: str) -> str:
    """Whitespace collapsed the way the Argdown reader collapses it."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(JS_SPACE)


texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(_HOSTILE), st.characters(codec="utf-8", exclude_characters="\x00")
    ),
    max_size=40,
).map(clean)
non_empty = texts.filter(lambda s: bool(s.strip()))  # the model rejects blank values
_ids = st.text(
    alphabet=st.one_of(
        st.sampled_from("abcXYZ: 12.#{}*_'\"/"),
        st.characters(codec="utf-8", exclude_characters="\x00"),
    ),
    min_size=1,
    max_size=12,
).filter(
    lambda s: (
        s.strip()
        and not re.search(r"[\]>\n\r\u2028\u2029]", s)
        and not s.startswith(("-", "+", "_", "!--"))
    )
)
_tags = st.text(alphabet=st.sampled_from("abc XY-1é#"), min_size=1, max_size=8).filter(
    lambda t: t.strip() and t not in {"thesis", "claim", "evidence", "counterclaim"}
)
_quotes = st.builds(
    lambda text, anchored, start, length: (
        Quote(text, start, start + length) if anchored else Quote(text)
    ),
    st.text(min_size=1, max_size=30).filter(lambda s: s.strip()),
    st.booleans(),
    st.integers(0, 10**6),
    st.integers(1, 1000),
)


@st.composite
def argument_maps(draw: st.DrawFn) -> ArgumentMap:
    ids = draw(st.lists(_ids, min_size=1, max_size=6, unique=True))
    n_args = draw(st.integers(0, min(2, len(ids) - 1)))
    arg_ids = ids[:n_args]
    stmt_ids = ids[n_args:]
    sections: list[Section] = []
    for i in range(draw(st.integers(0, 3))):
        level = draw(st.integers(2, 4))
        parent = next((s.id for s in reversed(sections) if s.level < level), None)
        sections.append(Section(f"sec-{i}", draw(texts), level, parent))
    section_ids: list[str | None] = [None, *(s.id for s in sections)]
    statements = []
    for sid in stmt_ids:
        statements.append(
            Statement(
                sid,
                draw(texts),
                draw(st.sampled_from(list(Role))),
                tuple(draw(st.lists(_quotes, max_size=2))),
                draw(st.sampled_from(section_ids)),
                tuple(draw(st.lists(_tags, max_size=2, unique=True))),
                draw(st.none() | st.text(max_size=20)),
                draw(st.none() | st.text(max_size=20)),
                draw(st.none() | st.builds(View, non_empty, st.sampled_from(list(Stance)))),
                draw(st.none() | st.text(max_size=20)),
            )
        )
    statements.sort(key=lambda s: section_ids.index(s.section))
    arguments = []
    for aid in arg_ids:
        with_pcs = draw(st.booleans())
        premises = tuple(draw(st.lists(st.sampled_from(stmt_ids), min_size=1, max_size=3)))
        arguments.append(
            Argument(
                aid,
                draw(texts),
                premises if with_pcs else (),
                draw(st.sampled_from(stmt_ids)) if with_pcs else None,
                draw(st.none() | non_empty) if with_pcs else None,
                draw(st.sampled_from(section_ids)),
            )
        )
    arguments.sort(key=lambda a: section_ids.index(a.section))
    # Relations between statements, and from arguments without a premise-conclusion
    # structure (Argdown moves relations of reconstructed arguments to their conclusion).
    # Relations touching reconstructed arguments are rewritten by Argdown, so only
    # arguments without one take part.
    sources = stmt_ids + [a.id for a in arguments if a.conclusion is None]
    plain_args = [a.id for a in arguments if a.conclusion is None]
    relations: list[Relation] = []
    seen: set[tuple[str, str, RelationType]] = set()
    for _ in range(draw(st.integers(0, 5))):
        src = draw(st.sampled_from(sources))
        dst = draw(st.sampled_from(stmt_ids + plain_args))
        kind = draw(st.sampled_from(list(RelationType)))
        if src == dst:  # Argdown merges a self-loop into the node's other relations
            continue
        if kind is RelationType.CONTRADICTION and (src in arg_ids or dst in arg_ids):
            continue
        key = (src, dst, kind)
        if key in seen or (kind is RelationType.CONTRADICTION and (dst, src, kind) in seen):
            continue
        seen.add(key)
        relations.append(Relation(src, dst, kind))
    source = draw(
        st.none()
        | st.builds(
            Source,
            non_empty,
            st.text(alphabet="0123456789abcdef", max_size=8),
            st.text(max_size=15),
            st.text(max_size=15),
            st.none() | st.text(max_size=10),
            st.none() | st.integers(1900, 2100),
            st.none() | st.text(max_size=10),
        )
    )
    map_id = draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True))
    return ArgumentMap(map_id, draw(texts), source, sections, statements, arguments, relations)
