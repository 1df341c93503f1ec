"""Conformance with the real Argdown CLI: every fixture against the CLI's own JSON export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import ArgmapError
from argmap.formats.argdown import Document, parse_file

FIXTURES = Path(__file__).parent / "fixtures" / "argdown"
CASES = sorted(
    p for p in FIXTURES.glob("*.argdown") if (FIXTURES / "golden" / f"{p.stem}.json").exists()
)


def _golden(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / "golden" / f"{path.stem}.json").read_text(encoding="utf-8")
    )
    return data


def _canonical(members: list[dict[str, Any]]) -> str | None:
    """The CLI's canonical member's text: the last definition whose data marks it
    ``isCanonical``, else the last definition (never a reference)."""
    definitions = [m for m in members if not m.get("isReference")]
    marked = [m for m in definitions if (m.get("data") or {}).get("isCanonical")]
    chosen = (marked or definitions or [None])[-1]
    return chosen.get("text") if chosen else None


def _pcs_role(role: str) -> str:
    return {
        "premise": "premise",
        "intermediary-conclusion": "intermediary",
        "main-conclusion": "conclusion",
    }[role]


def _sections(sections: list[dict[str, Any]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for s in sections:
        out.append((s["title"], s["level"]))
        out.extend(_sections(s.get("children", [])))
    return out


def test_fixtures_exist() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_against_cli(path: Path) -> None:
    golden = _golden(path)
    if "error" in golden:
        with pytest.raises(ArgmapError) as info:
            parse_file(path)
        assert info.value.location is not None
        return
    doc: Document = parse_file(path)

    statements = {s.title: s for s in doc.statements}
    # Goldens are written with sorted keys, so compare the sets of titles.
    assert sorted(statements) == sorted(golden["statements"])
    for title, ec in golden["statements"].items():
        mine = statements[title]
        assert mine.text == _canonical(ec["members"]), title
        assert list(mine.tags) == ec.get("tags", []), title
        assert [m.text for m in mine.members] == [m.get("text") for m in ec["members"]], title
        assert [m.data or None for m in mine.members] == [m.get("data") for m in ec["members"]], (
            title
        )

    arguments = {a.title: a for a in doc.arguments}
    assert sorted(arguments) == sorted(golden["arguments"])
    for title, arg in golden["arguments"].items():
        mine_arg = arguments[title]
        assert mine_arg.text == _canonical(arg.get("members", [])), title
        expected = [(p["title"], _pcs_role(p["role"])) for p in arg["pcs"]]
        assert [(p.title, p.role) for p in mine_arg.pcs] == expected, title
        assert list(mine_arg.tags) == arg.get("tags", []), title

    relations = [(r.source, r.target, r.type) for r in doc.relations]
    expected_rel = [(r["from"], r["to"], r["relationType"]) for r in golden["relations"]]
    assert relations == expected_rel

    assert [(s.title, s.level) for s in doc.sections] == _sections(golden["sections"])
