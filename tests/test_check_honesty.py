"""The structure and honesty checks of issue 10: one failing map per finding code, and
``check`` reporting every problem of a file in one pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap.check import Finding, Severity, check_comparison, check_paths, check_structure
from argmap.model import MapBuilder, Role, Stance, View

HEAD = "# M {map: m, source: {path: s.txt}}\n\n"


def _found(findings: list[Finding] | tuple[Finding, ...], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def _base() -> MapBuilder:
    return (
        MapBuilder("m")
        .statement("T", "t", Role.THESIS, quote="q")
        .statement("C", "c", Role.CLAIM, quote="q")
        .support("C", "T")
    )


# -- reaching the thesis --------------------------------------------------------------------


def test_statement_that_does_not_reach_the_thesis_is_a_warning() -> None:
    m = (
        _base()
        .statement("X", "x", Role.CLAIM, quote="q")
        .statement("Y", "y", Role.EVIDENCE, quote="q")
        .support("Y", "X")  # X and Y relate to each other, not to the thesis
        .support("T", "Z")  # the thesis supporting something does not make it reach
        .statement("Z", "z", Role.CLAIM, quote="q")
        .build()
    )
    found = _found(check_structure(m, "m.argdown"), "unreachable")
    assert [f.message.split("]")[0] for f in found] == [
        "statement [X",
        "statement [Y",
        "statement [Z",
    ]
    assert all(f.severity is Severity.WARNING for f in found)
    assert "does not reach the thesis [T]" in found[0].message
    assert 'aside: "reason"' in found[0].message


def test_attacks_undercuts_contradictions_and_arguments_reach_the_thesis() -> None:
    m = (
        _base()
        .statement("K", "k", Role.COUNTERCLAIM, quote="q")
        .statement("R", "r", Role.CLAIM, quote="q")
        .statement("P", "p", Role.EVIDENCE, quote="q")
        .statement("U", "u", Role.CLAIM, quote="q")
        .statement("D", "d", Role.CLAIM, quote="q")
        .attack("K", "T")  # a counterclaim attacking the thesis
        .attack("R", "K")  # the author's rebuttal of it
        .argument("A", ["P"], "C")  # a premise of an argument for a claim that reaches
        .relate("U", "A", "undercut")  # an undercut of that argument
        .relate("D", "C", "contradiction")  # a contradiction counts both ways
        .build()
    )
    assert _found(check_structure(m), "unreachable") == []
    assert _found(check_structure(m), "orphan") == []


def test_aside_with_a_reason_silences_it_and_an_empty_one_does_not() -> None:
    m = (
        _base()
        .statement("B", "b", Role.EVIDENCE, quote="q", aside="about the author, not the bridge")
        .statement("E", "e", Role.EVIDENCE, quote="q", aside="  ")
        .statement("F", "f", Role.CLAIM, quote="q", aside="background")
        .statement("G", "g", Role.CLAIM, quote="q")
        .support("G", "F")
        .build()
    )
    found = check_structure(m)
    assert [(f.code, f.message.split("]")[0]) for f in found] == [
        ("orphan", "statement [E"),
        ("unreachable", "statement [G"),
    ]
    assert "(its aside gives no reason)" in found[0].message


def test_no_thesis_no_reachability_warnings() -> None:
    m = (
        MapBuilder("m")
        .statement("C", "c", Role.CLAIM, quote="q")
        .statement("D", "d", Role.CLAIM, quote="q")
    )
    found = check_structure(m.support("D", "C").build())
    assert [f.code for f in found] == ["thesis"]


# -- counterclaims --------------------------------------------------------------------------


def test_counterclaim_that_attacks_nothing_and_nothing_attacks() -> None:
    m = (
        _base()
        .statement("K", "k", Role.COUNTERCLAIM, quote="q")
        .statement("L", "l", Role.COUNTERCLAIM, quote="q")
        .statement("M", "m", Role.COUNTERCLAIM, quote="q")
        .support("K", "T")  # related, but attacks nothing: idle
        .attack("C", "L")  # attacked by the author: fine
        .relate("M", "C", "undercut")  # undercuts: fine (and M reaches through C)
        .build()
    )
    found = _found(check_structure(m), "idle-counterclaim")
    assert [f.message.split("]")[0] for f in found] == ["counterclaim [K"]
    assert found[0].severity is Severity.WARNING
    assert "relate it with - or ->" in found[0].message


# -- role tags and one pass -----------------------------------------------------------------


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "s.txt").write_text("q r s t u v", encoding="utf-8")
    path = tmp_path / "m.argdown"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_statement_without_a_role_tag_is_an_error_and_the_rest_is_still_checked(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        "[T]: t #thesis\n    {quotes: [q]}\n\n"
        "[N]: no role\n    {quotes: [r]}\n    +> [T]\n\n"
        "[Two]: two roles #claim #evidence\n    {quotes: [s]}\n    +> [T]\n\n"
        "[Bad data]: data #claim\n    {quotes: 3}\n    +> [T]\n\n"
        "[Lonely]: nothing #claim\n    {quotes: [t]}\n",
    )
    report = check_paths([path])
    codes = [(f.code, f.location.line) for f in report.findings]
    assert ("role", 6) in codes and ("role", 10) in codes
    assert ("statement-data", 14) in codes
    # the rest of the map is still checked in the same pass: the orphan, the quotes
    assert ("orphan", 18) in codes
    assert any(f.code == "source-hash" for f in report.findings)
    # a statement read without its bad data is not also reported for having no quotes
    assert not any(f.code == "no-quotes" for f in report.findings)
    role = next(f for f in report.findings if f.code == "role")
    assert role.severity is Severity.ERROR and "needs exactly one role tag" in role.message


def test_reported_view_is_still_the_authors_map_statement() -> None:
    m = (
        _base()
        .statement("V", "v", Role.COUNTERCLAIM, quote="q", view=View("critics", Stance.REJECTS))
        .attack("V", "T")
        .build()
    )
    assert check_structure(m) == []


# -- comparisons ----------------------------------------------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "argdown"


@pytest.fixture
def bridge(tmp_path: Path) -> Path:
    """The conventions comparison and its two maps, copied to a scratch folder; returns the
    comparison file."""
    for name in ("conventions-map.argdown", "conventions-comparison.argdown"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "parts").mkdir()
    shutil.copy(FIXTURES / "parts" / "bridge-petrova.argdown", tmp_path / "parts")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    return tmp_path / "conventions-comparison.argdown"


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def _line(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_the_bridge_comparison_is_clean(bridge: Path) -> None:
    report = check_paths([bridge])
    assert [f.code for f in report.findings] == ["quote-unanchored"]  # kept on purpose


def test_issue_heading_without_its_question(bridge: Path) -> None:
    text = bridge.read_text(encoding="utf-8")
    start = text.index("[Q: buses]")
    end = text.index("<Agree: buses>")
    bridge.write_text(text[:start] + text[end:], encoding="utf-8")
    [f] = _found(check_comparison(bridge), "issue-question")
    assert f.severity is Severity.ERROR
    assert f.location.line == _line(text, "## Do buses matter?")
    assert "tagged #issue" in f.message


def test_correspondence_outside_any_issue(bridge: Path) -> None:
    text = _edit(
        bridge,
        "# Issues and correspondences\n",
        "# Issues and correspondences\n\n<Agree: stray>: Both mention buses. #agree\n"
        "    + [O: Buses share the queue]\n    + [P: Cheaper alternative]\n",
    )
    [f] = _found(check_comparison(bridge), "no-issue")
    assert f.severity is Severity.ERROR and f.location.line == _line(text, "<Agree: stray>")
    assert "<Agree: stray> (#agree)" in f.message and "{issue: ID}" in f.message


def test_wrong_relation_symbols_for_the_type(bridge: Path) -> None:
    text = _edit(bridge, "    + [P: Loan not gift]", "    - [P: Loan not gift]")
    _edit(bridge, "    - [P: Full again]", "    + [P: Full again]")
    found = _found(check_comparison(bridge), "correspondence-relations")
    assert [f.message.split(":")[0] for f in found] == [
        "correspondence <Conflict",
        "correspondence <Partial",
    ]
    assert "written with + and +: write the left side with + and the right side with -" in (
        found[0].message
    )
    assert "written with + and -" in found[1].message
    assert found[1].location.line == _line(text, "    + [O: Fund pays most]")


def test_correspondence_sides_in_the_wrong_order(bridge: Path) -> None:
    _edit(
        bridge,
        "    + [O: Buses share the queue]\n    + [P: Cheaper alternative]",
        "    + [P: Cheaper alternative]\n    + [O: Buses share the queue]",
    )
    [f] = _found(check_comparison(bridge), "correspondence-side")
    assert f.severity is Severity.ERROR
    assert "put the statement of bridge-ozturk first" in f.message


@pytest.mark.parametrize(
    ("rationale", "warned"),
    [
        ("Both want buses out of the queue on the old bridge.", True),
        ("Both want buses out; Petrova reports the transport office's plan.", False),
        ("Both want buses out; the Office says a ferry is cheaper.", False),
    ],
)
def test_reported_side_the_rationale_does_not_mention(
    bridge: Path, rationale: str, warned: bool
) -> None:
    _edit(
        bridge.parent / "parts" / "bridge-petrova.argdown",
        '    {quotes: [{text: "A ferry line',
        '    {view: {holder: "the transport office", stance: endorses},\n'
        '     quotes: [{text: "A ferry line',
    )
    _edit(bridge, "Both want buses out of the queue on the old bridge.", rationale)
    found = _found(check_comparison(bridge), "reported-side")
    assert len(found) == warned
    if warned:
        assert found[0].severity is Severity.WARNING
        assert "right side [P: Cheaper alternative]" in found[0].message
        assert "the transport office; the author endorses it" in found[0].message


def test_every_problem_of_a_comparison_in_one_pass(bridge: Path) -> None:
    """A mistyped map id, a correspondence with one side, wrong symbols and an error in an
    included map: all reported by one run."""
    _edit(bridge, 'bridge-petrova: {answer: "Only', 'bridge-petrova2: {answer: "Only')
    _edit(bridge, "    + [O: Buses share the queue]\n", "")
    _edit(bridge, "    - [P: Full again]", "    + [P: Full again]")
    _edit(bridge.parent / "conventions-map.argdown", "#evidence", "")
    report = check_paths([bridge])
    messages = [(f.code, f.message) for f in report.findings]
    assert any(c == "role" for c, _ in messages)
    assert any(c == "comparison" and "bridge-petrova2" in m for c, m in messages)
    assert any(c == "comparison" and "<Agree: buses> needs exactly two" in m for c, m in messages)
    assert any(c == "correspondence-relations" for c, _ in messages)


# -- --strict -------------------------------------------------------------------------------


def test_strict_turns_warnings_into_errors(
    bridge: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main

    petrova = bridge.parent / "parts" / "bridge-petrova.argdown"
    _edit(
        petrova,
        '"could start next spring"]}',
        '{text: "could start next spring", start: 408, end: 431}]}',
    )
    _edit(
        petrova,
        '#claim\n    {quotes: [{text: "The money',
        '#counterclaim\n    {quotes: [{text: "The money',
    )
    _edit(petrova, "    +> [P: No second bridge]\n\n[P: Cheaper", "\n[P: Cheaper")
    assert main(["check", str(bridge)]) == 0
    out = capsys.readouterr().out
    assert "warning: counterclaim [P: Loan not gift]" in out
    assert out.splitlines()[-1] == "3 files checked: 0 errors, 2 warnings"
    assert main(["check", "--strict", str(bridge)]) == 1
    out = capsys.readouterr().out
    assert "error: counterclaim [P: Loan not gift]" in out
    assert out.splitlines()[-1] == "3 files checked: 2 errors, 0 warnings"
