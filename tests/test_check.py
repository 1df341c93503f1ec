"""The checker: each kind of finding, on built maps and on Argdown files."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from argmap.check import (
    Finding,
    Severity,
    check_comparison,
    check_map,
    check_paths,
    check_quotes,
    check_structure,
    is_comparison,
    map_files,
)
from argmap.model import ArgumentMap, Location, MapBuilder, Quote, Role, Source, Statement

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "argdown"
SOURCE_TEXT = (
    "The old bridge carries twice the traffic it was de-\nsigned for. Critics call it\n"
    "\u201ca monument to the car\u201d. The city should build it. The city should build it.\n"
)
SHA = hashlib.sha256(SOURCE_TEXT.encode("utf-8")).hexdigest()


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def good_map(sha: str = SHA, *quotes: Quote) -> ArgumentMap:
    q = quotes or (Quote("twice the traffic it was designed for", 23, 62),)
    return (
        MapBuilder("bridge", "Bridge", Source("src.txt", sha))
        .statement("T", "Build it.", Role.THESIS, quote=Quote("Critics call it", 64, 79))
        .statement("C", "Old bridge overloaded.", Role.CLAIM, quote=q)
        .support("C", "T")
        .build()
    )


@pytest.fixture
def src_dir(tmp_path: Path) -> Path:
    (tmp_path / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return tmp_path


def test_clean_map_has_no_findings(src_dir: Path) -> None:
    assert SOURCE_TEXT[23:62] == "twice the traffic it was de-\nsigned for"
    assert check_map(good_map(), src_dir / "m.argdown") == []


def test_wrong_offsets_say_where_the_quote_is(src_dir: Path) -> None:
    m = good_map(SHA, Quote("twice the traffic it was designed for", 20, 60))
    [f] = check_quotes(m, src_dir / "m.argdown")
    assert f.code == "quote-offsets" and f.severity is Severity.ERROR
    assert "start: 20, end: 60" in f.message and "start: 23, end: 62" in f.message


def test_missing_offsets_report_what_to_write(src_dir: Path) -> None:
    m = good_map(SHA, Quote("\u201ca monument to the car\u201d"))
    [f] = check_quotes(m, src_dir / "m.argdown")
    assert f.code == "quote-unanchored"
    start = SOURCE_TEXT.index("\u201ca monument")
    assert f"start: {start}, end: {start + 23}" in f.message


def test_quote_not_found_and_ambiguous(src_dir: Path) -> None:
    m = good_map(SHA, Quote("a bridge too far"), Quote("The city should build it."))
    found = check_quotes(m, src_dir / "m.argdown")
    assert codes(found) == ["quote-not-found", "quote-ambiguous"]
    assert "2 places" in found[1].message
    first = SOURCE_TEXT.index("The city should")
    assert f"start: {first}, end: {first + 25}" in found[1].message
    # The stored offsets pick the second occurrence: no finding.
    second = SOURCE_TEXT.index("The city should", first + 1)
    m = good_map(SHA, Quote("The city should build it.", second, second + 25))
    assert check_quotes(m, src_dir / "m.argdown") == []


def test_source_missing_and_hash_mismatch(src_dir: Path) -> None:
    m = good_map("0" * 64)
    [f] = check_quotes(m, src_dir / "m.argdown")
    assert f.code == "source-hash"
    assert SHA in f.message and "0" * 64 in f.message
    [f] = check_quotes(m, src_dir / "sub" / "m.argdown")
    assert f.code == "source-missing"
    assert "src.txt" in f.message
    [f] = check_quotes(good_map(""), src_dir / "m.argdown")
    assert f.code == "source-hash" and SHA in f.message


def test_thesis_count() -> None:
    none = MapBuilder("m").statement("C", "c", Role.CLAIM, quote="q").build()
    assert "thesis" in codes(check_structure(none))
    two = (
        MapBuilder("m")
        .statement("A", "a", Role.THESIS, quote="q")
        .statement("B", "b", Role.THESIS, quote="q")
        .support("A", "B")
        .build()
    )
    [f] = [f for f in check_structure(two) if f.code == "thesis"]
    assert "[B]" in f.message and "2 theses" in f.message


def test_duplicate_ids_including_statement_vs_argument() -> None:
    loc = Location("m.argdown", 7, 1)
    m = (
        MapBuilder("m")
        .statement("T", "t", Role.THESIS, quote="q")
        .statement("P", "p", Role.CLAIM, quote="q")
        .argument("T", ["P"], "T")
        .build()
    )
    m = ArgumentMap(
        m.id,
        statements=(
            *m.statements,
            Statement("P", "again", Role.CLAIM, (Quote("q"),), location=loc),
        ),
        arguments=m.arguments,
    )
    dups = [f for f in check_structure(m) if f.code == "duplicate-id"]
    assert len(dups) == 2
    assert dups[0].location == loc and "statement id 'P'" in dups[0].message
    assert "argument id 'T' is already used by a statement" in dups[1].message


def test_unknown_references_and_premises() -> None:
    m = (
        MapBuilder("m")
        .statement("T", "t", Role.THESIS, quote="q")
        .statement("P", "p", Role.CLAIM, quote="q")
        .argument("A1", ["P", "ghost"], "T")
        .argument("A2", ["A1"], "T")
        .support("P", "T")
        .attack("nobody", "T")
        .build()
    )
    found = check_structure(m)
    unknown = [f.message for f in found if f.code == "unknown-node"]
    assert unknown == ["attack relation 'nobody' -> 'T': no statement or argument 'nobody'"]
    premises = [f.message for f in found if f.code == "not-a-statement"]
    assert premises == [
        "premise 'ghost' of argument <A1> is unknown",
        "premise 'A1' of argument <A2> is an argument, not a statement",
    ]


def test_orphans_are_warnings_and_the_thesis_is_exempt() -> None:
    m = (
        MapBuilder("m")
        .statement("T", "t", Role.THESIS, quote="q")
        .statement("Lonely", "l", Role.EVIDENCE, quote="q")
        .statement("P", "p", Role.CLAIM, quote="q")
        .argument("A", ["P"], "T")
        .build()
    )
    found = check_structure(m)
    assert [(f.code, f.severity) for f in found] == [("orphan", Severity.WARNING)]
    assert "[Lonely]" in found[0].message


def test_support_cycle_through_an_argument_is_reported() -> None:
    m = (
        MapBuilder("m")
        .statement("T", "t", Role.THESIS, quote="q")
        .statement("A", "a", Role.CLAIM, quote="q")
        .statement("B", "b", Role.CLAIM, quote="q")
        .support("A", "T")
        .support("B", "A")
        .argument("Arg", ["A"], "B")
        .attack("T", "B")  # attacks do not make support cycles
        .build()
    )
    [f] = [f for f in check_structure(m) if f.code == "support-cycle"]
    assert f.message == "support cycle: A -> Arg -> B -> A"
    acyclic = (
        MapBuilder("m")
        .statement("T", "t", Role.THESIS, quote="q")
        .statement("A", "a", Role.CLAIM, quote="q")
        .support("A", "T")
        .attack("T", "A")
        .build()
    )
    assert "support-cycle" not in codes(check_structure(acyclic))


def test_statement_without_quotes() -> None:
    m = MapBuilder("m").statement("T", "t", Role.THESIS).build()
    assert codes(check_structure(m)) == ["no-quotes"]


def test_is_comparison() -> None:
    assert is_comparison("# C\n\n@include(a.argdown)\n")
    assert not is_comparison("# C\n\n[A]: a\n")
    # The reader's rule: only a directive on its own line includes a file; in a comment or
    # a statement's text it is text, so check and the reader agree on what is a comparison.
    assert not is_comparison("# C\n\n// see @include(a.argdown)\n[A]: a\n")
    assert not is_comparison("# C\n\n[A]: see @include(a.argdown)\n")


# -- files (read with argmap.formats.argdown) --------------------------------------------


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """The conventions fixtures (two maps, one comparison) copied to a scratch folder."""
    for name in ("conventions-map.argdown", "conventions-comparison.argdown"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "parts").mkdir()
    shutil.copy(FIXTURES / "parts" / "bridge-petrova.argdown", tmp_path / "parts")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    return tmp_path


def test_folder_checks_each_map_once(fixture_dir: Path) -> None:
    report = check_paths([fixture_dir])
    names = sorted(Path(f).name for f in report.files)
    assert names == [
        "bridge-petrova.argdown",
        "conventions-comparison.argdown",
        "conventions-map.argdown",
    ]
    # The fixture keeps one plain-string quote, as authors write while drafting.
    [finding] = report.findings
    assert finding.code == "quote-unanchored"
    assert finding.location.path.endswith("bridge-petrova.argdown")
    assert '"could start next spring"' in finding.message


def test_comparison_reports_unknown_references(fixture_dir: Path) -> None:
    path = fixture_dir / "conventions-comparison.argdown"
    text = path.read_text(encoding="utf-8")
    text = text.replace("- [P: Full again]", "- [P: Fulll again]")
    text = text.replace('statements: ["P: Loan not gift"]', 'statements: ["P: Loan, not gift"]')
    path.write_text(text, encoding="utf-8")
    found = [f for f in check_comparison(path) if f.code == "unknown-statement"]
    assert [f.message for f in found] == [
        "[P: Fulll again] is not a statement of any included map",
        "[P: Loan, not gift] is not a statement of any included map",
    ]
    line = text[: text.index("[P: Fulll again]")].count("\n") + 1
    assert found[0].location.line == line


def test_syntax_error_becomes_a_finding_and_checking_goes_on(fixture_dir: Path) -> None:
    bad = fixture_dir / "broken.argdown"
    shutil.copy(FIXTURES / "fail-relation-after-blank-line.argdown", bad)
    m = fixture_dir / "conventions-map.argdown"
    text = m.read_text(encoding="utf-8").replace("start: 60, end: 120", "start: 61, end: 120")
    m.write_text(text, encoding="utf-8")
    report = check_paths([bad, m])
    assert codes(list(report.findings)) == ["syntax", "quote-offsets"]
    syntax = report.findings[0]
    assert syntax.location.path.endswith("broken.argdown") and syntax.location.line > 1
    assert "start: 60, end: 120" in report.findings[1].message
    assert report.findings[1].location.line == text[: text.index("[O: Old bridge")].count("\n") + 1
    assert not report.ok
    assert report.summary() == "2 files checked: 2 errors, 0 warnings"


def test_missing_path_is_a_finding(tmp_path: Path) -> None:
    report = check_paths([tmp_path / "nope.argdown"])
    assert codes(list(report.findings)) == ["read"]


def test_comparison_include_missing_and_ids_shared_across_maps(fixture_dir: Path) -> None:
    path = fixture_dir / "conventions-comparison.argdown"
    text = path.read_text(encoding="utf-8")
    petrova = fixture_dir / "parts" / "bridge-petrova.argdown"
    petrova.write_text(
        petrova.read_text(encoding="utf-8").replace("[P: Full again]", "[O: Money exists]"),
        encoding="utf-8",
    )
    path.write_text(text + "\n@include(parts/gone.argdown)\n", encoding="utf-8")
    found = check_comparison(path)
    [missing] = [f for f in found if f.code == "include-missing"]
    assert missing.location.line == text.count("\n") + 2 and "gone.argdown" in missing.message
    [shared] = [f for f in found if f.code == "duplicate-id"]
    assert "'O: Money exists'" in shared.message and "'bridge-ozturk'" in shared.message
    assert map_files(path)[-1] == fixture_dir / "parts" / "gone.argdown"
