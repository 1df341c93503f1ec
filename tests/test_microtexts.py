"""arg-microtexts (third-party, in ../shared/microtexts) read into maps, and bad XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import FormatError
from argmap.formats import microtexts
from argmap.model import RelationType, Role
from tests.aif_samples import shared_dir


def _texts() -> list[Path]:
    return sorted(shared_dir("microtexts").glob("micro_*.xml"))


def test_every_microtext_reads_with_anchored_quotes() -> None:
    assert len(_texts()) >= 14
    for path in _texts():
        m = microtexts.load(path)
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        assert m.thesis is not None  # exactly one root unit
        for _, q in m.quotes():
            assert q.start is not None and text[q.start : q.end] == q.text
        # Every unit of the graph is a statement; every argumentative edge is used.
        xml = path.read_text(encoding="utf-8")
        assert len(m.statements) == xml.count("<adu ")
        assert len(m.relations) + len(m.arguments) >= xml.count('type="sup"') + xml.count(
            'type="reb"'
        ) + xml.count('type="exa"')


def test_roles_and_an_undercut_of_an_attack() -> None:
    m = microtexts.load(shared_dir("microtexts") / "micro_b006.xml")
    roles = {s.id: s.role for s in m.statements}
    assert roles["b006: a1"] is Role.THESIS and roles["b006: a4"] is Role.COUNTERCLAIM
    kinds = {(r.source, r.target): r.type for r in m.relations}
    assert kinds[("b006: a4", "b006: a1")] is RelationType.ATTACK
    # a5 undercuts the rebuttal c4; a map has no attack on an attack: a5 attacks a4.
    assert kinds[("b006: a5", "b006: a4")] is RelationType.ATTACK
    assert "introduce capital punishment (con)" in m.title


def test_undercut_linked_premises_and_examples() -> None:
    xml = """<arggraph id="micro_x1" topic_id="t" stance="pro">
  <edu id="e1">We should act.</edu><edu id="e2">It is cheap.</edu>
  <edu id="e3">And it is quick.</edu><edu id="e4">Only if prices hold.</edu>
  <edu id="e5">Oslo did it.</edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="pro"/>
  <adu id="a4" type="opp"/><adu id="a5" type="pro"/>
  <edge id="s1" src="e1" trg="a1" type="seg"/><edge id="s2" src="e2" trg="a2" type="seg"/>
  <edge id="s3" src="e3" trg="a3" type="seg"/><edge id="s4" src="e4" trg="a4" type="seg"/>
  <edge id="s5" src="e5" trg="a5" type="seg"/>
  <edge id="c1" src="a2" trg="a1" type="sup"/><edge id="c2" src="a3" trg="c1" type="add"/>
  <edge id="c3" src="a4" trg="c1" type="und"/><edge id="c4" src="a5" trg="a1" type="exa"/>
</arggraph>"""
    m = microtexts.loads(xml, "x.xml", text="We should act. It is cheap. And it is quick.")
    [arg] = m.arguments
    assert arg.premises == ("x1: a2", "x1: a3") and arg.conclusion == "x1: a1"
    assert (m.relations[0].source, m.relations[0].target) == ("x1: a4", arg.id)
    assert m.relations[0].type is RelationType.UNDERCUT
    assert m.statement("x1: a5").role is Role.EVIDENCE
    assert m.statement("x1: a2").quotes[0].start == 15
    assert not m.statement("x1: a5").quotes[0].anchored  # not in the text given


@pytest.mark.parametrize(
    ("xml", "words", "line"),
    [
        ("<arggraph id='a'><edu id='e1'>x</edu>\n<adu id='a1' type='pro'/>\n<edge", "not XML", 3),
        (
            '<arggraph id="a">\n<adu id="a1" type="pro"/>\n<edge id="c1" src="a1" trg="a9" '
            'type="sup"/></arggraph>',
            "'a9', which is not defined",
            3,
        ),
        ('<arggraph id="a">\n<adu id="a1" type="maybe"/></arggraph>', "ADU type", 2),
        ("<graph/>", "expected an <arggraph>", 1),
        ('<!DOCTYPE x [<!ENTITY a "b">]><arggraph id="a"/>', "entity", 1),
    ],
)
def test_bad_arggraph_is_a_located_error(xml: str, words: str, line: int) -> None:
    with pytest.raises(FormatError) as info:
        microtexts.loads(xml, "bad.xml")
    assert words in str(info.value)
    assert info.value.location is not None and info.value.location.line == line
