"""``argmap export --to`` and ``argmap convert``: every output format, and back again."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest

from argmap import comparison, load
from argmap.cli import main
from argmap.formats import aif, argdown
from tests.aif_samples import shared_dir

ROOT = Path(__file__).resolve().parent.parent
VALIYEV = ROOT / "maps" / "valiyev-2011.argdown"
COMPARISON = ROOT / "maps" / "comparison.argdown"


@pytest.mark.parametrize("fmt", ["json", "aif", "argdown", "graphml", "dot"])
def test_export_writes_every_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"v.{fmt}"
    assert main(["export", str(VALIYEV), "--to", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    m = argdown.load(VALIYEV)
    if fmt == "aif":
        assert aif.loads(text) == m
    elif fmt == "argdown":
        assert argdown.loads(text, str(tmp_path / "valiyev-2011.argdown")) == m
    elif fmt == "graphml":
        root = ET.fromstring(text)
        ns = "{http://graphml.graphdrawing.org/xmlns}"
        nodes = root.findall(f"{ns}graph/{ns}node")
        assert len(nodes) == len(m.statements) + len(m.arguments)
    elif fmt == "dot":
        assert text.startswith("digraph")
    else:
        assert json.loads(text)["maps"][0]["id"] == m.id


def test_convert_round_trips_through_aif(tmp_path: Path) -> None:
    assert main(["convert", str(COMPARISON), str(tmp_path / "c.aif.json")]) == 0
    assert main(["convert", str(tmp_path / "c.aif.json"), str(tmp_path / "c.json")]) == 0
    original = load(COMPARISON)
    back = load(tmp_path / "c.json")
    assert isinstance(original, comparison.Comparison)
    assert isinstance(back, comparison.Comparison)
    # The maps' source paths now lead from the output's folder to the same texts.
    for before, after in zip(original.maps, back.maps, strict=True):
        assert before.source is not None and after.source is not None
        same = (tmp_path / after.source.path).resolve()
        assert same == (COMPARISON.parent / before.source.path).resolve()
    assert attrs.evolve(back, maps=original.maps) == original
    assert main(["convert", str(tmp_path / "c.aif.json"), str(tmp_path / "c.graphml")]) == 0
    text = (tmp_path / "c.graphml").read_text(encoding="utf-8")
    assert text.count('<data key="type">agree</data>') == len(original.agreements())
    # A comparison has no Argdown form of one map: a located message, exit 2.
    assert main(["convert", str(tmp_path / "c.aif.json"), str(tmp_path / "c.argdown")]) == 2


def test_convert_real_aif_reports_what_is_not_mapped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = shared_dir("aif-samples") / "qt30" / "nodeset21318.json"
    out = tmp_path / "q.argdown"
    assert main(["convert", str(sample), str(out)]) == 0
    assert "not mapped: L 5, MA 1, TA 4, YA 3" in capsys.readouterr().err
    m = argdown.load(out)
    assert len(m.statements) == 5 and m.thesis.text.startswith("Lisa Nandy got")
    # A corpus text beside the AIF becomes the map's source; its quotes check out.
    micro = shared_dir("aif-samples") / "microtexts" / "nodeset6455.json"
    assert main(["convert", str(micro), str(tmp_path / "m.argdown")]) == 0
    # Its source stays in the shared corpus, outside the map's folder: allowed explicitly.
    allow = ["--allow-outside", str(shared_dir("aif-samples"))]
    assert main(["check", *allow, str(tmp_path / "m.argdown")]) == 0


def test_convert_microtexts_then_compare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = shared_dir("microtexts")
    for name in ("micro_b006", "micro_k009"):
        assert (
            main(["convert", str(folder / f"{name}.xml"), str(tmp_path / f"{name}.argdown")]) == 0
        )
    m = argdown.load(tmp_path / "micro_b006.argdown")
    assert m.thesis.id == "b006: a1"
    # The converted maps find their texts (sources rebased) and every quote stands there.
    allow = ["--allow-outside", str(folder)]  # the texts stay in the shared corpus
    assert main(["check", *allow, str(tmp_path / "micro_b006.argdown")]) == 0
    cmp = tmp_path / "cp.argdown"
    maps = [str(tmp_path / f"{n}.argdown") for n in ("micro_b006", "micro_k009")]
    assert main(["new-comparison", *maps, "-o", str(cmp), "--title", "Two texts"]) == 0
    capsys.readouterr()
    assert "micro_b006.argdown" in cmp.read_text(encoding="utf-8")
    # suggest proposes correspondences between the two texts' statements to start from.
    assert main(["suggest", str(cmp), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.count("[b006: a") == 3 and out.count("[k009: a") == 3


def test_hostile_text_stays_text_in_graphml(tmp_path: Path) -> None:
    from argmap.formats import graphml
    from argmap.model import MapBuilder, Role

    evil = 'x"/><node id="pwn"/><!-- \x01 \u2028'
    m = MapBuilder('m"<').statement(evil, evil, Role.THESIS).build()
    root = ET.fromstring(graphml.dumps(m))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    [node] = root.findall(f"{ns}graph/{ns}node")
    assert node.get("id") == 'm"<:x"/><node id="pwn"/><!--  \u2028'


def test_registry_tells_the_json_formats_apart(tmp_path: Path) -> None:
    from argmap.formats.registry import for_path

    m = argdown.load(VALIYEV)
    (tmp_path / "a.json").write_text(aif.dumps(m), encoding="utf-8")
    assert for_path(tmp_path / "a.json").name == "aif"
    assert load(tmp_path / "a.json") == m
    assert for_path(tmp_path / "new.json").name == "json"  # writing: argmap's own JSON
    sample = shared_dir("microtexts") / "micro_b006.xml"
    assert for_path(sample).name == "microtexts"
