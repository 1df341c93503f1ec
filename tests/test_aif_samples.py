"""Real AIF from AIFdb corpora (third-party, in ../shared/aif-samples): every file loads and
every node and edge is either in the map or in the report, with a reason."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.formats import aif
from argmap.model import RelationType, Role
from tests.aif_samples import shared_dir


def _samples() -> list[Path]:
    return sorted(shared_dir("aif-samples").glob("*/*.json"))


def test_there_are_samples() -> None:
    assert len(_samples()) >= 19


def _resolve(doc: object, pointer: str) -> object:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]  # type: ignore[index]
    return doc


def test_every_sample_loads_and_nothing_is_dropped_silently() -> None:
    for path in _samples():
        doc = json.loads(path.read_bytes())
        result = aif.read(path.read_bytes(), str(path))
        [m] = result.maps
        report = result.report
        assert (report.nodes, report.edges) == (len(doc["nodes"]), len(doc["edges"]))
        # Every proposition is a statement; every listed node and edge is the one its pointer
        # names, listed once.
        i_nodes = [n for n in doc["nodes"] if n["type"] == "I"]
        assert len(m.statements) == len(i_nodes), path
        seen = set()
        for u in report.unmapped:
            target = _resolve(doc, u.pointer)
            assert isinstance(target, dict)
            assert str(target["edgeID" if u.kind == "edge" else "nodeID"]) == u.id
            assert u.reason and u.pointer not in seen
            seen.add(u.pointer)
        # Scheme nodes that are not listed became relations or arguments, and no more.
        s_nodes = {str(n["nodeID"]) for n in doc["nodes"] if n["type"] in ("RA", "CA")}
        listed = {u.id for u in report.unmapped_nodes}
        mapped = s_nodes - listed
        args = {a.id.removeprefix("ra") for a in m.arguments}
        assert args <= mapped
        assert len(mapped) >= len(args) + (1 if m.relations else 0)
        assert len(m.relations) + len(m.arguments) >= len(mapped) - sum(
            1 for r in m.relations if r.type is RelationType.CONTRADICTION
        )


def test_an_araucaria_map_reads_by_the_role_rule() -> None:
    path = shared_dir("aif-samples") / "araucaria" / "nodeset513.json"
    m = aif.load(path)
    assert not isinstance(m, tuple)
    roles = {s.id: s.role for s in m.statements}  # type: ignore[union-attr]
    assert roles == {"n4701": Role.THESIS, "n4702": Role.COUNTERCLAIM, "n4703": Role.EVIDENCE}


def test_sidecar_text_anchors_microtext_quotes() -> None:
    path = shared_dir("aif-samples") / "microtexts" / "nodeset6455.json"
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    result = aif.read(path.read_bytes(), str(path))
    [m] = result.maps
    anchored = [q for _, q in m.quotes() if q.anchored]
    assert len(anchored) == len(m.statements)
    for q in anchored:
        assert q.start is not None and text[q.start : q.end] == q.text


def test_dialogue_layer_gives_quotes_and_illocutions() -> None:
    path = shared_dir("aif-samples") / "qt30" / "nodeset21318.json"
    result = aif.read(path.read_bytes(), str(path))
    [m] = result.maps
    quoted = [s for s in m.statements if s.quotes]
    assert len(quoted) == 5
    assert any(q.text.startswith("I got slightly worried") for s in quoted for q in s.quotes)
    kinds = {u.kind for u in result.report.unmapped_nodes}
    assert "I" not in kinds and "TA" in kinds  # transitions are listed, not kept


def test_speakers_listed_in_the_report_summary() -> None:
    path = shared_dir("aif-samples") / "us-2016" / "nodeset11083.json"
    result = aif.read(path.read_bytes(), str(path))
    assert "not mapped: CA 1, L 2, TA 1, YA 1" in result.report.summary()
    assert any("Disagreeing" in u.reason for u in result.report.unmapped)
