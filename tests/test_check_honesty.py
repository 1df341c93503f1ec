"""The structure and honesty checks of issue 10: one failing map per finding code, and
``check`` reporting every problem of a file in one pass."""

from __future__ import annotations

from pathlib import Path

from argmap.check import Finding, Severity, check_paths, check_structure
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
