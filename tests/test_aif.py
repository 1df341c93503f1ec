"""AIF JSON: round trips of argmap's own maps, determinism, and located errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import compare
from argmap.comparison import Comparison, Correspondence, CorrespondenceType, Ref
from argmap.errors import ArgmapError, FormatError, SourceError
from argmap.formats import aif, argdown
from argmap.model import ArgumentMap, MapBuilder, RelationType, Role
from tests.comparison_fixture import HOSTILE, small_comparison
from tests.strategies import argument_maps

ROOT = Path(__file__).resolve().parent.parent
ESSAYS = sorted((ROOT / "maps").glob("*-20*.argdown"))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_round_trip_of_generated_maps(m: ArgumentMap) -> None:
    text = aif.dumps(m)
    assert aif.loads(text) == m
    assert aif.dumps(m) == text  # the same map, the same bytes


@pytest.mark.parametrize("path", ESSAYS, ids=lambda p: p.name)
def test_round_trip_of_the_essays(path: Path) -> None:
    m = argdown.load(path)
    assert aif.loads(aif.dumps(m)) == m


def test_comparison_round_trip_keeps_maps_issues_and_correspondences() -> None:
    c = compare.load(ROOT / "maps" / "comparison.argdown")
    back = aif.loads(aif.dumps(c))
    assert isinstance(back, compare.Comparison)
    assert back == c
    hostile = small_comparison(HOSTILE)
    assert aif.loads(aif.dumps(hostile)) == hostile


def test_comparison_uses_aif_cross_speaker_encoding() -> None:
    c = small_comparison()
    doc = aif.document(c)
    kinds = {n["nodeID"]: n for n in doc["nodes"]}
    anchors = [
        (kinds[e["fromID"]]["text"], kinds[e["toID"]]["type"])
        for e in doc["edges"]
        if kinds[e["fromID"]]["type"] == "YA" and kinds[e["toID"]]["type"] in ("MA", "CA")
    ]
    expected = [
        (
            "Agreeing" if x.type.value != "conflict" else "Disagreeing",
            "CA" if x.type.value == "conflict" else "MA",
        )
        for x in c.correspondences
    ]
    assert anchors == expected


def test_aif_structure_of_a_map() -> None:
    m = (
        MapBuilder("demo", source=None)
        .statement("T", "Tax land.", Role.THESIS)
        .statement("P1", "Land is fixed.", Role.CLAIM)
        .statement("P2", "Fixed goods bear taxes well.", Role.CLAIM)
        .statement("C", "Landlords pass it on.", Role.COUNTERCLAIM)
        .statement("U", "Only where demand is rigid.", Role.CLAIM)
        .argument("A", ["P1", "P2"], "T", inference="Modus ponens")
        .attack("C", "T")
        .undercut("U", "A")
        .contradict("C", "P1")
        .build()
    )
    doc = aif.document(m)
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    pairs = [(nodes[e["fromID"]]["type"], nodes[e["toID"]]["type"]) for e in doc["edges"]]
    ra = [n for n in doc["nodes"] if n["type"] == "RA"]
    assert [n["scheme"] for n in ra] == ["Modus ponens"]
    assert pairs.count(("I", "RA")) == 2 and pairs.count(("RA", "I")) == 1
    assert ("CA", "RA") in pairs  # the undercut points at the inference
    assert sum(1 for n in doc["nodes"] if n["type"] == "CA") == 4  # attack, undercut, 2 x contra
    assert all("timestamp" not in n for n in doc["nodes"])
    # Read as plain AIF (argmap's own data dropped), the structure still reads the same way.
    del doc["argmap"]
    plain = aif.loads(json.dumps(doc))
    assert isinstance(plain, ArgumentMap)
    kinds = sorted(r.type.value for r in plain.relations)
    assert kinds == ["attack", "contradiction", "undercut"]
    [arg] = plain.arguments
    assert arg.inference == "Modus ponens" and len(arg.premises) == 2
    assert plain.thesis.text == "Tax land."


def test_quotes_become_anchored_locutions() -> None:
    c = small_comparison()
    m = c.maps[0]
    doc = aif.document(m)
    texts = {n["nodeID"]: n["text"] for n in doc["nodes"]}
    anchored = [loc for loc in doc["locutions"] if loc["start"] is not None]
    assert anchored and all(loc["source"] == "alpha.txt" for loc in anchored)
    first = anchored[0]
    assert texts[first["nodeID"]] == "Ann Alpha : we must tax land"
    assert (first["start"], first["end"]) == (10, 26)
    assert doc["participants"][0] == {"participantID": "1", "firstname": "Ann", "surname": "Alpha"}


# -- malformed input ----------------------------------------------------------------------

GOOD = {
    "nodes": [
        {"nodeID": "1", "text": "A", "type": "I"},
        {"nodeID": "2", "text": "B", "type": "I"},
        {"nodeID": "3", "text": "Default Inference", "type": "RA"},
    ],
    "edges": [
        {"edgeID": "1", "fromID": "2", "toID": "3"},
        {"edgeID": "2", "fromID": "3", "toID": "1"},
    ],
    "locutions": [],
}


def _broken(change: str) -> str:
    doc = json.loads(json.dumps(GOOD))
    if change == "dangling":
        doc["edges"][1]["toID"] = "99"
    elif change == "duplicate":
        doc["nodes"][2]["nodeID"] = "1"
    elif change == "type":
        doc["nodes"][1]["type"] = "XA"
    elif change == "edge-id":
        doc["edges"][1]["edgeID"] = "1"
    elif change == "locution":
        doc["locutions"] = [{"nodeID": "7", "personID": "1"}]
    return json.dumps(doc, indent=1)


@pytest.mark.parametrize(
    ("change", "pointer", "words"),
    [
        ("dangling", "/edges/1/toID", "dangling edge"),
        ("duplicate", "/nodes/2/nodeID", "duplicate nodeID"),
        ("type", "/nodes/1/type", "unknown node type 'XA'"),
        ("edge-id", "/edges/1/edgeID", "duplicate edgeID"),
        ("locution", "/locutions/0/nodeID", "dangling locution"),
    ],
)
def test_malformed_aif_is_a_located_error(change: str, pointer: str, words: str) -> None:
    text = _broken(change)
    with pytest.raises(FormatError) as info:
        aif.loads(text, "bad.json")
    err = info.value
    assert err.pointer == pointer and words in err.message
    assert err.location is not None and err.location.path == "bad.json"
    # The line is where the offending element stands in the file.
    line = text.splitlines()[err.location.line - 1]
    assert pointer.split("/")[-1] in line or pointer.split("/")[1] in line


@pytest.mark.parametrize(
    "text", ["", "[1, 2]", '{"nodes": {}}', '{"nodes": [1]}', '{"nodes": [], "edges": 3}']
)
def test_not_aif_at_all(text: str) -> None:
    with pytest.raises(FormatError):
        aif.loads(text, "x.json")


def test_non_utf8_sidecar_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "n.txt").write_bytes(
        "Caf\u00e9 \u2014 ok\nsecond \u201cquoted\u201d".encode("cp1252")
    )
    with pytest.raises(SourceError) as info:
        aif.load(tmp_path / "n.json")
    assert str(info.value).startswith(f"{tmp_path / 'n.txt'}:1:4: not UTF-8")


def test_sidecar_anchors_statement_texts(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "n.txt").write_text("So A, because B.", encoding="utf-8")
    m = aif.load(tmp_path / "n.json")
    assert isinstance(m, ArgumentMap)
    quotes = {s.text: s.quotes[0] for s in m.statements}
    assert (quotes["A"].start, quotes["B"].start) == (3, 14)
    assert m.relations[0].type is RelationType.SUPPORT
    assert (m.thesis.text, m.statement("n2").role) == ("A", Role.EVIDENCE)
    assert m.source is not None and m.source.path == "n.txt" and len(m.source.sha256) == 64


def test_reported_views_are_locutions_by_the_holder() -> None:
    from argmap.model import Quote, Source, Stance, Statement, View

    m = ArgumentMap(
        "v",
        "Views",
        Source("v.txt", author="Anar Valiyev"),
        statements=(
            Statement("T", "Baku balances.", Role.THESIS, (Quote("balances", 0, 8),)),
            Statement(
                "M",
                "Baku drifts to Moscow.",
                Role.COUNTERCLAIM,
                (Quote("some say it drifts", 20, 38),),
                view=View("Nevruz Mammadov", Stance.REJECTS),
                aside="background",
            ),
        ),
    )
    doc = aif.document(m)
    texts = [n["text"] for n in doc["nodes"]]
    assert "Nevruz Mammadov : Baku drifts to Moscow." in texts
    assert "Anar Valiyev : some say it drifts" in texts
    assert "Disagreeing" in texts  # the author's quote of a view he rejects
    names = [(p["firstname"], p["surname"]) for p in doc["participants"]]
    assert names == [("Anar", "Valiyev"), ("Nevruz", "Mammadov")]
    assert aif.loads(aif.dumps(m)) == m
    # Read as plain AIF, the holder's locution makes the statement his reported view.
    del doc["argmap"]
    plain = aif.loads(json.dumps(doc))
    assert isinstance(plain, ArgumentMap)
    holders = {s.text: (s.view.holder if s.view else None) for s in plain.statements}
    assert holders["Baku balances."] == "Anar Valiyev"


@st.composite
def _comparisons(draw: st.DrawFn) -> Comparison:
    a = draw(argument_maps())
    b = attrs.evolve(draw(argument_maps()), id=a.id + "-b")
    corrs = []
    for i in range(draw(st.integers(0, 4))):
        left = draw(st.sampled_from(a.statements)).id
        right = draw(st.sampled_from(b.statements)).id
        kind = draw(st.sampled_from(list(CorrespondenceType)))
        rationale = draw(st.text(max_size=20))
        corrs.append(Correspondence(f"c{i}", Ref(a.id, left), Ref(b.id, right), kind, rationale))
    return Comparison("cmp", draw(st.text(max_size=10)), (a, b), (), tuple(corrs))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(_comparisons())
def test_round_trip_of_generated_comparisons(c: Comparison) -> None:
    text = aif.dumps(c)
    assert aif.loads(text) == c
    assert aif.dumps(c) == text


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_keys = st.sampled_from(
    ["nodeID", "type", "text", "scheme", "edgeID", "fromID", "toID", "start", "end", "personID"]
)


@st.composite
def _damaged(draw: st.DrawFn) -> str:
    """An AIF document argmap wrote, with random values put in random places."""
    doc = aif.document(draw(argument_maps()))
    head = doc["argmap"]["maps"][0]
    places = [doc["argmap"], head, head["nodes"], *head["nodes"].values()]
    names = ["schema", "maps", "id", "nodes", "1", "2", "source", "kind", "role", "type"]
    for _ in range(draw(st.integers(1, 4))):
        section = draw(st.sampled_from(["nodes", "edges", "locutions", "argmap"]))
        value = draw(_json_values)
        if section == "argmap":
            draw(st.sampled_from(places))[draw(st.sampled_from(names))] = value
        elif doc[section]:
            item = draw(st.sampled_from(doc[section]))
            item[draw(_keys)] = value
    return json.dumps(doc)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(_damaged())
def test_damaged_aif_is_read_or_refused_never_a_traceback(text: str) -> None:
    try:
        aif.loads(text, "d.json")
    except ArgmapError as exc:
        assert exc.location is not None and exc.location.path == "d.json"
