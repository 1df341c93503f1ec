"""Reported views and asides: model, both Argdown reader paths, the writer and the JSON export."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import jsonschema  # type: ignore[import-untyped]
import pytest

from argmap.compare import Comparison, Correspondence, CorrespondenceType, Issue, Position, Ref
from argmap.errors import ArgmapError
from argmap.formats import argdown
from argmap.formats import json as json_format
from argmap.formats._argdown_map import document_to_map
from argmap.model import Location, MapBuilder, Role, Stance, Statement, View

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "argdown"
VIEWS = FIXTURES / "conventions-views.argdown"
SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "argmap" / "schema.json").read_text("utf-8")
)

HEAD = "# M {map: m, source: {path: s.txt}}\n\n[T]: Thesis. #thesis\n    {quotes: [t]}\n\n"


def _general(text: str, path: str = "m.argdown") -> object:
    m = document_to_map(argdown.parse(text, path), path)
    return attrs.asdict(m), [s.location for s in m.statements]


def _loaded(text: str, path: str = "m.argdown") -> object:
    m = argdown.loads(text, path)
    return attrs.asdict(m), [s.location for s in m.statements]


def test_model_view_and_aside() -> None:
    s = Statement("S", "s", Role.CLAIM, view=View("some analysts", Stance.REJECTS), aside=None)
    assert s.reported
    assert not Statement("S", "s", Role.CLAIM).reported
    with pytest.raises(ValueError, match="holder"):
        View(" ", Stance.OPEN)
    with pytest.raises(TypeError):
        View("critics", "rejects")  # type: ignore[arg-type]


def test_fixture_reads_views_asides_and_undercut() -> None:
    m = argdown.load(VIEWS)
    by_id = {s.id: s for s in m.statements}
    assert by_id["O: Monument to the car"].view == View("critics", Stance.REJECTS)
    assert by_id["O: Author teaches planning"].aside == "about the author, not the bridge"
    assert [s.id for s in m.statements if s.reported] == ["O: Monument to the car"]
    assert [
        (r.source, r.target, r.type.value) for r in m.relations if r.type.value == "undercut"
    ] == [("O: Survey not independent", "O: Survey argument", "undercut")]


@pytest.mark.parametrize(
    "data",
    [
        '{view: {holder: "Nevruz Mammadov", stance: endorses}, quotes: [v]}',
        "{quotes: [v], view: {holder: some media, stance: open}, aside: background}",
        '{aside: "not on the thesis", quotes: [{text: v, start: 1, end: 2}]}',
    ],
)
def test_both_reader_paths_agree(data: str) -> None:
    text = HEAD + f"[V]: A view. #claim\n    {data}\n    -> [T]\n"
    assert _loaded(text) == _general(text)
    # the same data written on one line with the statement
    one_line = HEAD + f"[V]: A view. #claim {data}\n"
    assert _loaded(one_line) == _general(one_line)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{view: critics, quotes: [v]}", "view of [V] must be a mapping"),
        ("{view: [critics], quotes: [v]}", "view of [V] must be a mapping"),
        ("{view: {holder: critics, stance: denies}, quotes: [v]}", "one of endorses, rejects"),
        ("{view: {holder: critics}, quotes: [v]}", "found none"),
        ('{view: {holder: "", stance: open}, quotes: [v]}', "needs a holder"),
        ("{view: {holder: 3, stance: open}, quotes: [v]}", "needs a holder"),
        ("{view: {holder: x, stance: open, since: 2010}, quotes: [v]}", "unknown key 'since'"),
        ("{aside: [a, b], quotes: [v]}", "aside of [V] must be a string"),
    ],
)
def test_bad_values_are_located_errors(data: str, message: str) -> None:
    text = HEAD + f"[V]: A view. #claim\n    {data}\n"
    for read in (argdown.loads, lambda t, p: document_to_map(argdown.parse(t, p), p)):
        with pytest.raises(ArgmapError, match=re.escape(message)) as info:
            read(text, "m.argdown")
        assert info.value.location == Location("m.argdown", 6, 1)


def _demo() -> MapBuilder:
    return (
        MapBuilder("m", "M")
        .statement("T", "Thesis.", Role.THESIS, quote="t")
        .statement(
            "V",
            "Baku has moved into Russia's camp.",
            Role.COUNTERCLAIM,
            quote="v",
            view=View("Nevruz Mammadov", Stance.REJECTS),
        )
        .statement("W", "Background.", Role.CLAIM, quote="w", aside="about the author: {x}, y")
        .attack("V", "T")
    )


def test_argdown_round_trip() -> None:
    m = _demo().build()
    text = argdown.dumps(m)
    assert "view: {holder: Nevruz Mammadov, stance: rejects}" in text
    back = argdown.loads(text)
    assert back == m
    assert argdown.dumps(back) == text


def test_json_round_trip_and_schema() -> None:
    m = _demo().build()
    text = json_format.dumps([m])
    doc = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    statements = doc["maps"][0]["statements"]
    assert statements[1]["view"] == {"holder": "Nevruz Mammadov", "stance": "rejects"}
    assert statements[0]["view"] is None and statements[0]["aside"] is None
    assert statements[2]["aside"] == "about the author: {x}, y"
    assert json_format.loads(text) == (m,)


@pytest.mark.parametrize(
    "view",
    [{"holder": "", "stance": "open"}, {"holder": "x", "stance": "denies"}, "critics"],
)
def test_schema_and_reader_reject_bad_json_views(view: object) -> None:
    doc = json.loads(json_format.dumps([_demo().build()]))
    doc["maps"][0]["statements"][1]["view"] = view
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(doc)
    with pytest.raises(ArgmapError):
        json_format.loads(json.dumps(doc))


# -- comparisons --------------------------------------------------------------------------


def _comparison() -> Comparison:
    a = _demo().build()
    b = (
        MapBuilder("b", "B")
        .statement("B: t", "Baku balances.", Role.THESIS, quote="t")
        .statement("B: m", "The balance is kept.", Role.CLAIM, quote="m", view=MAMMADOV)
        .support("B: m", "B: t")
        .build()
    )
    return Comparison(
        "ab",
        "A and B",
        (a, b),
        issues=(
            Issue(
                "camp",
                "Has Baku joined Russia's camp?",
                (Position("m", (Ref("m", "T"), Ref("m", "V")), "No."), Position("b", ())),
            ),
        ),
        correspondences=(
            Correspondence("own", Ref("m", "T"), Ref("b", "B: t"), CorrespondenceType.AGREE, "r"),
            Correspondence(
                "rep", Ref("m", "V"), Ref("b", "B: m"), CorrespondenceType.CONFLICT, "r", "camp"
            ),
        ),
    )


MAMMADOV = View("Nevruz Mammadov", Stance.OPEN)


def test_comparison_says_which_sides_are_reported() -> None:
    c = _comparison()
    own, rep = c.correspondences
    assert c.reported_sides(own) == ()
    assert c.reported_sides(rep) == (Ref("m", "V"), Ref("b", "B: m"))
    assert c.view(Ref("b", "B: m")) == MAMMADOV
    assert c.view(Ref("m", "T")) is None
    a_position, b_position = c.positions("camp")
    assert c.reported_statements(a_position) == (Ref("m", "V"),)
    assert c.reported_statements(b_position) == ()
    with pytest.raises(KeyError):
        c.view(Ref("b", "B: nothing"))


def test_comparison_json_carries_reported_sides() -> None:
    c = _comparison()
    doc = json.loads(json_format.dumps(c.maps, comparison=c))
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    own, rep = doc["comparison"]["correspondences"]
    assert (own["left_view"], own["right_view"]) == (None, None)
    assert rep["left_view"] == {"holder": "Nevruz Mammadov", "stance": "rejects"}
    assert rep["right_view"] == {"holder": "Nevruz Mammadov", "stance": "open"}
    positions = doc["comparison"]["issues"][0]["positions"]
    assert positions[0]["reported"] == [
        {"statement": "m:V", "holder": "Nevruz Mammadov", "stance": "rejects"}
    ]
    assert positions[1]["reported"] == []


# -- build with an undercut and a reported view ---------------------------------------------


def test_build_of_a_comparison_with_an_undercut_and_a_reported_view(tmp_path: Path) -> None:
    import shutil

    from argmap.build import build_comparison
    from argmap.check import check_paths
    from argmap.formats import comparison as comparison_file

    shutil.copy(VIEWS, tmp_path / "views.argdown")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    (tmp_path / "parts").mkdir()
    shutil.copy(FIXTURES / "parts" / "bridge-petrova.argdown", tmp_path / "parts")
    path = tmp_path / "c.argdown"
    path.write_text(
        "# C {comparison: c, title: C}\n\n@include(views.argdown)\n\n"
        "@include(parts/bridge-petrova.argdown)\n\n"
        "## Is the bridge only for cars? {issue: cars}\n\n"
        "[Q: cars]: Is the bridge only for cars? #issue\n"
        "    {positions: {bridge-views: "
        '{answer: "No", statements: ["O: Buses share the queue"]}}}\n\n'
        "<Conflict: cars>: The critics whom Öztürk reports call it a monument to the car; "
        "Petrova's induced traffic points the same way. #conflict\n"
        "    + [O: Monument to the car]\n    - [P: Full again]\n",
        encoding="utf-8",
    )
    report = check_paths([path])
    assert [f.code for f in report.findings] == ["quote-unanchored"]  # kept in the fixture
    c = comparison_file.load(path)
    result = build_comparison(c, tmp_path / "out", png=False)
    written = {p.name for p in result.files}
    assert {"bridge-views.svg", "report.html", "comparison.json"} <= written
    doc = json.loads((tmp_path / "out" / "comparison.json").read_text(encoding="utf-8"))
    views = next(m for m in doc["maps"] if m["id"] == "bridge-views")
    assert {
        "from": "O: Survey not independent",
        "to": "O: Survey argument",
        "type": "undercut",
    } in (views["relations"])
    [x] = doc["comparison"]["correspondences"]
    assert x["left_view"] == {"holder": "critics", "stance": "rejects"}
