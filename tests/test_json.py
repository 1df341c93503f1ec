"""JSON export: shape, key order, determinism, schema validity and round trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import argument_maps  # the parser's map strategy (tests/strategies.py)

from argmap.errors import ArgmapError
from argmap.formats.json import KEY_ORDER, SCHEMA, dump, dumps, load, loads
from argmap.model import (
    Argument,
    ArgumentMap,
    Location,
    MapBuilder,
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

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "argmap" / "schema.json"
SCHEMA_DOC = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA_DOC)

# -- a map strategy ------------------------------------------------------------------------

ids = st.text(min_size=1, max_size=12).filter(lambda s: bool(s.strip()))
texts = st.text(max_size=30)
maybe_text = st.none() | texts


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    text = draw(ids)
    if draw(st.booleans()):
        return Quote(text)
    start = draw(st.integers(0, 10_000))
    return Quote(text, start, start + draw(st.integers(1, 500)))


sources = st.builds(
    Source,
    path=ids,
    sha256=st.text(alphabet="0123456789abcdef", max_size=64),
    title=texts,
    author=texts,
    attributed_author=maybe_text,
    year=st.none() | st.integers(1900, 2100),
    venue=maybe_text,
)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    sections = draw(
        st.lists(
            st.builds(Section, ids, texts, st.integers(1, 4), st.none() | ids),
            max_size=3,
        )
    )
    section_ids = st.none() | st.sampled_from([s.id for s in sections]) if sections else st.none()
    statements = draw(
        st.lists(
            st.builds(
                Statement,
                id=ids,
                text=texts,
                role=st.sampled_from(Role),
                quotes=st.lists(quotes(), max_size=3).map(tuple),
                section=section_ids,
                tags=st.lists(texts, max_size=3).map(tuple),
                citation=maybe_text,
                note=maybe_text,
                view=st.none() | st.builds(View, ids, st.sampled_from(Stance)),
                aside=maybe_text,
                location=st.none() | st.builds(Location, ids, st.integers(1, 99)),
            ),
            max_size=5,
        )
    )
    node_ids = [s.id for s in statements] or ["x"]
    nodes = st.sampled_from(node_ids)
    arguments = draw(
        st.lists(
            st.builds(
                Argument,
                id=ids,
                text=texts,
                premises=st.lists(nodes, max_size=3).map(tuple),
                conclusion=st.none() | nodes,
                inference=maybe_text,
                section=section_ids,
            ),
            max_size=3,
        )
    )
    relations = draw(
        st.lists(st.builds(Relation, nodes, nodes, st.sampled_from(RelationType)), max_size=5)
    )
    return ArgumentMap(
        draw(ids),
        draw(texts),
        draw(st.none() | sources),
        sections,
        statements,
        arguments,
        relations,
        location=Location("m.argdown"),
    )


# -- tests -----------------------------------------------------------------------------


def demo_map() -> ArgumentMap:
    return (
        MapBuilder(
            "valiyev-2011",
            "Azerbaijan-Russia Relations",
            Source("sources/v.txt", "ab12", "Title", "Anar Valiyev", None, 2011, "TPQ"),
        )
        .section("stages", "Three stages")
        .statement(
            "V: Silent diplomacy",
            "Baku pursues a \u201csilent diplomacy\u201d.",
            Role.THESIS,
            quote=Quote("silent diplomacy", 10, 26),
            tags=["thesis", "core"],
        )
        .statement("V: Gas", "Gas deals grew.", Role.EVIDENCE, quote="gas", citation="fn 3")
        .argument("V: Arg", ["V: Gas"], "V: Silent diplomacy", "Because gas.")
        .support("V: Gas", "V: Silent diplomacy")
        .build()
    )


def test_shape_and_key_order() -> None:
    doc = json.loads(dumps([demo_map()]))
    assert list(doc) == ["schema", "maps"]
    assert doc["schema"] == SCHEMA
    m = doc["maps"][0]
    assert tuple(m) == KEY_ORDER[ArgumentMap]
    assert tuple(m["source"]) == KEY_ORDER[Source]
    st0 = m["statements"][0]
    assert list(st0) == [
        "id",
        "text",
        "role",
        "section",
        "tags",
        "citation",
        "note",
        "view",
        "aside",
        "quotes",
    ]
    assert st0["role"] == "thesis"
    assert st0["quotes"] == [{"text": "silent diplomacy", "start": 10, "end": 26}]
    assert m["statements"][1]["quotes"] == [{"text": "gas", "start": None, "end": None}]
    assert m["arguments"][0] == {
        "id": "V: Arg",
        "text": "Because gas.",
        "premises": ["V: Gas"],
        "conclusion": "V: Silent diplomacy",
        "inference": None,
        "section": "stages",
    }
    assert m["relations"] == [{"from": "V: Gas", "to": "V: Silent diplomacy", "type": "support"}]


def test_text_formatting() -> None:
    out = dumps([demo_map()])
    assert out.endswith("}\n") and not out.endswith("\n\n")
    assert "\u201csilent diplomacy\u201d" in out  # ensure_ascii=False
    assert '\n  "maps": [' in out  # indent 2
    assert "location" not in out


def test_comparison_object() -> None:
    from argmap.compare import Comparison, Correspondence, CorrespondenceType, Issue, Position, Ref

    a = demo_map()
    b = MapBuilder("other", "Other").statement("O: t", "No.", Role.THESIS, quote="no").build()
    thesis = a.thesis.id
    c = Comparison(
        "cmp",
        "Demo against other",
        (a, b),
        issues=(Issue("q", "Should it?", (Position(a.id, ()),)),),
        correspondences=(
            Correspondence(
                "x", Ref(a.id, thesis), Ref("other", "O: t"), CorrespondenceType.CONFLICT, "r"
            ),
        ),
    )
    doc = json.loads(dumps([a, b], comparison=c))
    assert list(doc) == ["schema", "maps", "comparison"]
    assert list(doc["comparison"]) == ["id", "title", "maps", "issues", "correspondences"]
    assert doc["comparison"]["maps"] == [a.id, "other"]
    # every map gets a position, "not addressed" included
    assert [p["addressed"] for p in doc["comparison"]["issues"][0]["positions"]] == [False, False]
    assert doc["comparison"]["correspondences"][0] == {
        "id": "x",
        "type": "conflict",
        "left": f"{a.id}:{thesis}",
        "right": "other:O: t",
        "issue": None,
        "rationale": "r",
        "left_view": None,
        "right_view": None,
    }
    VALIDATOR.validate(doc)


def test_files_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "m.json"
    dump([demo_map()], out)
    assert load(out) == (demo_map(),)
    assert out.read_text(encoding="utf-8") == dumps([demo_map()])


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{not json", "invalid JSON"),
        ('{"schema": "other/9", "maps": []}', "not an argmap export"),
        ('{"schema": "argmap/1", "maps": {}}', "must be a list"),
        ('{"schema": "argmap/1", "maps": [{"id": "m", "bogus": 1}]}', "bogus"),
        ('{"schema": "argmap/1", "maps": [{"id": "m", "statements": [{"id": "s"}]}]}', "map 0"),
        (
            '{"schema": "argmap/1", "maps": [{"id": "m", "statements": '
            '[{"id": "s", "text": "", "role": "boss"}]}]}',
            "boss",
        ),
    ],
)
def test_bad_input_raises_argmap_error(text: str, fragment: str) -> None:
    with pytest.raises(ArgmapError) as info:
        loads(text, "x.json")
    assert fragment in str(info.value)
    assert info.value.location is not None and info.value.location.path == "x.json"


def test_invalid_json_location() -> None:
    with pytest.raises(ArgmapError) as info:
        loads('{\n  "schema": "argmap/1",\n  "maps": [,]\n}')
    assert info.value.location == Location("<json>", 3, 12)


def test_schema_rejects_what_the_model_rejects() -> None:
    doc: dict[str, Any] = json.loads(dumps([demo_map()]))
    doc["maps"][0]["statements"][0]["role"] = "boss"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)
    del doc["maps"][0]["statements"][0]["role"]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)


@settings(max_examples=150, deadline=None)
@given(st.lists(maps(), max_size=3))
def test_round_trip_and_schema(ms: list[ArgumentMap]) -> None:
    text = dumps(ms)
    VALIDATOR.validate(json.loads(text))
    back = loads(text)
    assert back == tuple(ms)
    assert dumps(back) == text  # byte-identical for identical input


@settings(max_examples=60, deadline=None)
@given(st.lists(argument_maps(), max_size=2))
def test_round_trip_of_argdown_shaped_maps(ms: list[ArgumentMap]) -> None:
    text = dumps(ms)
    VALIDATOR.validate(json.loads(text))
    assert loads(text) == tuple(ms)
