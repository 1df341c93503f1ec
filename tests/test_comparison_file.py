"""Reading comparison files, the essays' comparison, and its JSON export."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from argmap import compare
from argmap.cli import main
from argmap.compare import CorrespondenceType, Ref
from argmap.errors import ArgmapError
from argmap.formats import json as json_format
from argmap.formats.comparison import loads

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"

MAP_A = """# Essay A {map: a, source: {path: a.txt}}

[A: t]: Tax land. #thesis
    {quotes: ["tax land"]}
    + [A: c]: Land is scarce. #claim
        {quotes: ["land is scarce"]}
"""

MAP_B = """# Essay B {map: b, source: {path: b.txt}}

[B: t]: Do not tax land. #thesis
    {quotes: ["do not tax"]}
"""

HEAD = """# Cmp {comparison: ab, title: "A against B"}

@include(a.argdown)

@include(b.argdown)

# Issues

## Tax? {issue: tax}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.argdown").write_text(MAP_A, encoding="utf-8")
    (tmp_path / "b.argdown").write_text(MAP_B, encoding="utf-8")
    return tmp_path


def read(folder: Path, body: str) -> compare.Comparison:
    path = folder / "cmp.argdown"
    path.write_text(HEAD + body, encoding="utf-8")
    return loads(path.read_text(encoding="utf-8"), str(path))


def test_small_comparison(folder: Path) -> None:
    c = read(
        folder,
        """
[Q: tax]: Should land be taxed? #issue
    {positions: {a: {answer: "Yes.", statements: ["A: t"]}, b: null}}

<Conflict: tax>: A says yes, B says no. #conflict
    + [A: t]
    - [B: t]
""",
    )
    assert (c.id, c.title, c.map_ids) == ("ab", "A against B", ("a", "b"))
    (issue,) = c.issues
    assert (issue.id, issue.question, issue.title) == ("tax", "Should land be taxed?", "Tax?")
    assert [p.addressed for p in c.positions("tax")] == [True, False]
    (x,) = c.correspondences
    assert (x.left, x.right, x.type, x.issue) == (
        Ref("a", "A: t"),
        Ref("b", "B: t"),
        CorrespondenceType.CONFLICT,
        "tax",
    )
    assert x.rationale == "A says yes, B says no."


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        ("<Agree: x>: y. #agree\n    + [A: t]\n    + [A: c]\n", "two statements of map 'a'", 11),
        ("<Agree: x>: y. #agree\n    + [A: t]\n", "exactly two statements", 11),
        ("<Agree: x>: y. #agree\n    + [A: t]\n    + [Z: nope]\n", "not a statement of any", 13),
        ("<Agree: x>: y. #agree #conflict\n    + [A: t]\n    + [B: t]\n", "2 correspondence", 11),
        (
            '[Q: q]: Q? #issue\n    {positions: {c: {answer: "x"}}}\n',
            "not included",
            11,
        ),
        (
            '[Q: q]: Q? #issue\n    {positions: {a: {statements: ["B: t"]}}}\n',
            "belongs to map 'b'",
            11,
        ),
        (
            '[Q: q]: Q? #issue\n    {positions: {a: {answer: "x", stance: 1}}}\n',
            "unknown key 'stance'",
            11,
        ),
    ],
)
def test_bad_comparisons_give_located_errors(
    folder: Path, body: str, message: str, line: int
) -> None:
    with pytest.raises(ArgmapError, match=message) as info:
        read(folder, "\n" + body)
    assert info.value.location is not None
    assert info.value.location.path.endswith(".argdown")
    assert info.value.location.line == line


def test_a_comparison_must_include_maps(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="must @include"):
        loads("# C {comparison: c}\n", str(tmp_path / "c.argdown"))


def test_titles_shared_by_two_maps_are_rejected(folder: Path) -> None:
    (folder / "b.argdown").write_text(MAP_B.replace("B: t", "A: t"), encoding="utf-8")
    with pytest.raises(ArgmapError, match=r"\[A: t\] is defined in maps 'a' and 'b'"):
        read(folder, "")


def test_the_essays_comparison() -> None:
    c = compare.load(MAPS / "comparison.argdown")
    assert c.map_ids == ("valiyev-2011", "aslanli-2010")
    s = c.summary()
    assert s.issues >= 6 and s.agreements >= 5 and s.conflicts >= 2 and s.partial >= 5
    # every issue is answered by both essays, and every correspondence has an issue
    for issue in c.issues:
        assert all(p.addressed for p in c.positions(issue.id)), issue.id
    assert all(x.issue for x in c.correspondences)
    # every correspondence links quoted statements of both essays
    for x in c.correspondences:
        for ref in x.refs():
            assert c.statement(ref).quotes, ref
    # the real disagreement the design card names: independence of Baku's policy
    conflicts = {(x.left.statement_id, x.right.statement_id) for x in c.conflicts()}
    assert ("V: Independent course preserved", "A: Small state balancing") in conflicts
    # and the closing tilts, towards the West (2011) and towards Russia (2010)
    assert ("V: Russian policy pushes Baku West", "A: Move towards Russia") in conflicts
    v_thesis = Ref("valiyev-2011", c.map("valiyev-2011").thesis.id)
    assert c.about(v_thesis, by="aslanli-2010")


def test_export_has_the_comparison_object_and_fits_the_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", str(MAPS / "comparison.argdown"), "--to", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    schema = json.loads((ROOT / "argmap" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    assert [m["id"] for m in doc["maps"]] == ["valiyev-2011", "aslanli-2010"]
    corr = doc["comparison"]["correspondences"]
    assert {x["type"] for x in corr} == {"agree", "partial", "conflict"}
    for x in corr:
        assert x["left"].startswith("valiyev-2011:") and x["right"].startswith("aslanli-2010:")
        assert x["rationale"]
    c = compare.load(MAPS / "comparison.argdown")
    assert json_format.dumps(c.maps, comparison=c) == json_format.dumps(c.maps, comparison=c)


def test_check_reports_a_broken_comparison_with_its_location(folder: Path) -> None:
    from argmap.check import check_paths

    path = folder / "cmp.argdown"
    path.write_text(HEAD + "\n<Agree: x>: y. #agree\n    + [A: t]\n    + [A: c]\n")
    report = check_paths([str(path)])
    assert not report.ok
    (finding,) = [f for f in report.findings if f.code == "comparison"]
    assert finding.location is not None and finding.location.line == 11
    assert "two statements of map 'a'" in finding.message
