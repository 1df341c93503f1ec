"""The essays' maps: the structure a reader relies on, checked on the real files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from argmap.check import check_paths
from argmap.formats import argdown
from argmap.model import ArgumentMap, RelationType, Role
from argmap.quotes import normalise, verify

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"
ESSAYS = {
    "valiyev-2011": (
        "Introduction",
        "All Quiet on the Karabakh Front",
        "Unholy Alliance: Turkish-Armenian Protocols and Russian-Azerbaijani Opposition",
        "Azerbaijan and Russia “Rivalry” in the Post-Soviet Space",
        "Azerbaijani and Russian Caucasus: From Self Destruction to Mutual Benefit",
        "Conclusion",
    ),
    "aslanli-2010": (
        "Introduction",
        "Azerbaijan - Russia Relations Following Independence",
        "Azerbaijan - Russia Relations during the Presidency of Heydar Aliyev",
        "The Putin Period: Mutual Visits",
        "Change of Leadership",
        "Conclusion",
    ),
}


def load(map_id: str) -> tuple[ArgumentMap, str]:
    m = argdown.load(MAPS / f"{map_id}.argdown")
    assert m.source is not None
    text = (MAPS / m.source.path).read_text(encoding="utf-8")
    return m, text


@pytest.mark.parametrize("map_id", sorted(ESSAYS))
def test_one_thesis_and_every_section(map_id: str) -> None:
    m, text = load(map_id)
    assert m.id == map_id
    assert m.thesis.quotes
    assert tuple(s.title for s in m.sections) == ESSAYS[map_id]
    for section in m.sections:
        # the essay's own heading (the untitled opening aside), with statements under it
        if section.title != "Introduction":
            assert normalise(section.title) in normalise(text), section.title
        assert m.in_section(section.id), f"section {section.title!r} has no statement"
    assert 30 <= len(m.statements) <= 70


@pytest.mark.parametrize("map_id", sorted(ESSAYS))
def test_every_statement_is_quoted_in_the_body(map_id: str) -> None:
    m, text = load(map_id)
    for s, q in m.quotes():
        assert q.anchored, s.id
        assert verify(text, q), (s.id, q.text)
    assert all(s.quotes for s in m.statements)
    assert len(text) > 10_000  # the whole essay, not an excerpt


@pytest.mark.parametrize("map_id", sorted(ESSAYS))
def test_evidence_supports_and_counterclaims_are_rebutted(map_id: str) -> None:
    m, _ = load(map_id)
    in_arguments = {p for a in m.arguments for p in a.premises}
    for s in m.by_role(Role.EVIDENCE):
        supports = m.outgoing(s.id, RelationType.SUPPORT)
        assert supports or s.id in in_arguments, f"evidence {s.id} supports nothing"
    counterclaims = m.by_role(Role.COUNTERCLAIM)
    assert counterclaims, "the author answers no view at all?"
    for s in counterclaims:
        rebuttals = [
            n for n in m.attackers(s.id) if getattr(n, "role", None) is not Role.COUNTERCLAIM
        ]
        assert rebuttals, f"counterclaim {s.id} is not answered"


@pytest.mark.parametrize("map_id", sorted(ESSAYS))
def test_source_metadata(map_id: str) -> None:
    m, _ = load(map_id)
    assert m.source is not None
    assert m.source.venue == "Turkish Policy Quarterly"
    assert m.source.year == int(map_id[-4:])
    if map_id == "aslanli-2010":
        # the text names no author: the attribution is recorded as such
        assert m.source.attributed_author == "Araz Aslanl\u0131"
        assert "Aslanl" not in m.source.author
    else:
        assert m.source.author == "Anar Valiyev" and m.source.attributed_author is None


def test_the_maps_folder_checks_clean() -> None:
    report = check_paths([str(MAPS)])
    assert report.ok, "\n".join(str(f) for f in report.findings)


def test_the_real_argdown_cli_reads_the_maps(argdown_cli: str) -> None:
    cli = argdown_cli
    c = argdown.parse_file(MAPS / "comparison.argdown")
    done = subprocess.run(
        [cli, "json", "--stdout", "--silent", str(MAPS / "comparison.argdown")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    golden = json.loads(done.stdout)
    assert sorted(golden["statements"]) == sorted(s.title for s in c.statements)
    assert len(golden["relations"]) == len(c.relations)
