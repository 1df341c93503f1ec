"""The new-essay workflow of the tutorial, through the CLI: new, edit, anchor, check, compare,
build; and the scaffold's own guarantees."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.formats import argdown
from argmap.scaffold import PLACEHOLDER_MARK, new_map

REPO = Path(__file__).resolve().parents[1]
MAPS = REPO / "maps"
ESSAY = MAPS / "tutorial" / "sources" / "tutorial-essay.txt"

# What a user types into the scaffold: the thesis replaces the placeholder, statements are
# appended; quotes are the author's words without offsets (line breaks written as spaces).
THESIS = """\
[T: Baku hedges]: Since 2008 Baku has hedged between its partners, and what looks like
drift is the price of that insurance. #thesis
    {quotes: ["This essay argues for a third reading: Baku hedges."]}
    + [T: Balanced ties]
    - [T: Drift in all but name]
"""
APPENDED = """
## Why hedging {id: why-hedging}

[T: Balanced ties]: Each of Azerbaijan's ties to one partner is balanced by a tie to another. #claim
    {quotes: [{text: "Each tie to one partner is balanced by a tie to another."}]}

## The drift objection {id: drift-objection}

[T: Drift in all but name]: Critics call hedging drift in all but name. #counterclaim
    {quotes: ["Critics say that this is drift in all but name"]}
    - [T: No sign of dependence]

[T: No sign of dependence]: Moscow cannot make Baku act against its interest. #claim
    {quotes: ["Moscow could make Baku act against its own interest, and there is little sign"]}
"""


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A copy of maps/ without the tutorial's map and comparison, which the test recreates."""
    shutil.copytree(
        MAPS, tmp_path / "maps", ignore=shutil.ignore_patterns("tutorial-2026.argdown", "*three*")
    )
    return tmp_path / "maps"


def test_new_essay_from_text_to_built_comparison(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    essay = workspace / "tutorial" / "sources" / "tutorial-essay.txt"
    new = workspace / "tutorial" / "tutorial-2026.argdown"

    # 1. The scaffold, and a check that fails on it with the place to fix.
    code, out = _run(
        capsys,
        "new", essay, new,
        "--id", "tutorial-2026",
        "--title", "Tutorial example: Hedging, not drifting",
        "--author", "A. N. Example",
        "--year", "2026",
    )  # fmt: skip
    assert code == 0, out
    scaffold = new.read_text(encoding="utf-8")
    placeholder = next(
        n for n, line in enumerate(scaffold.splitlines(), 1) if PLACEHOLDER_MARK in line
    )
    code, out = _run(capsys, "check", new)
    assert code == 1
    assert f"{new}:{placeholder}:" in out and "[T: Thesis]" in out and "quote" in out

    # 2. The user writes the map: thesis over the placeholder, statements appended.
    lines = scaffold.splitlines(keepends=True)
    lines[placeholder - 1] = THESIS
    new.write_text("".join(lines) + APPENDED, encoding="utf-8")
    code, out = _run(capsys, "check", new)
    assert code == 1 and "start:" in out  # quotes found, offsets still to be written

    # 3. Anchor the quotes in place; the check is then clean.
    code, out = _run(capsys, "anchor", "--write", new)
    assert code == 0, out
    written = argdown.load(new)
    text = essay.read_text(encoding="utf-8")
    quotes = [q for _s, q in written.quotes()]
    assert len(quotes) == 4 and all(q.anchored for q in quotes)
    assert text[quotes[0].start : quotes[0].end] == (
        "This essay argues for a\nthird reading: Baku hedges."
    )
    code, out = _run(capsys, "check", new)
    assert code == 0, out

    # 4. Join the comparison: one @include line and a correspondence.
    comparison = workspace / "comparison-three.argdown"
    original = (workspace / "comparison.argdown").read_text(encoding="utf-8")
    last_include = list(re.finditer(r"^@include\(.*\)\n", original, re.M))[-1]
    valiyev = argdown.load(workspace / "valiyev-2011.argdown").thesis.id
    comparison.write_text(
        original[: last_include.end()]
        + "\n@include(tutorial/tutorial-2026.argdown)\n"
        + original[last_include.end() :].rstrip("\n")
        + "\n\n<Partial: hedging as balance>: Both see Baku balance its partners. #partial\n"
        + f"    + [{valiyev}]\n    + [T: Baku hedges]\n",
        encoding="utf-8",
    )
    code, out = _run(capsys, "check", comparison)
    assert code == 0, out

    # 5. Build: diagrams, report and JSON, with the new map in them.
    out_dir = tmp_path / "out"
    code, out = _run(capsys, "build", comparison, "-o", out_dir)
    assert code == 0, out
    for name in ("tutorial-2026.svg", "comparison-summary.svg", "report.html", "comparison.json"):
        assert (out_dir / name).is_file(), name
    assert "<svg" in (out_dir / "tutorial-2026.svg").read_text(encoding="utf-8")
    exported = json.loads((out_dir / "comparison.json").read_text(encoding="utf-8"))
    assert "tutorial-2026" in [m["id"] for m in exported["maps"]]
    assert "Partial: hedging as balance" in json.dumps(exported["comparison"])
    assert "T: Baku hedges" in (out_dir / "report.html").read_text(encoding="utf-8")


# -- the scaffold -----------------------------------------------------------------------------


def _essay(tmp_path: Path, data: bytes = b"Cities should tax land.\n") -> Path:
    path = tmp_path / "sources" / "essay.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_scaffold_reads_back_with_the_source_metadata(tmp_path: Path) -> None:
    source = _essay(tmp_path)
    title = "Tax land: #1 [really] *now* <b> @x // not a comment \\ end"
    path = new_map(
        source,
        tmp_path / "land-2026.argdown",
        map_id="land-2026",
        title=title,
        author='A. "Quoted" Writer',
        year=2026,
        venue="Journal: of tests",
        attributed_author="Someone Else",
    )
    m = argdown.load(path)
    assert m.id == "land-2026"
    assert m.title == title  # Argdown markup in the title is escaped, not interpreted
    assert m.source is not None
    assert m.source.path == "sources/essay.txt"  # relative to the map
    assert m.source.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (m.source.author, m.source.attributed_author) == ('A. "Quoted" Writer', "Someone Else")
    assert (m.source.year, m.source.venue) == (2026, "Journal: of tests")
    assert [s.id for s in m.statements] == ["L: Thesis"]
    assert m.thesis.text.startswith(PLACEHOLDER_MARK) and m.thesis.quotes == ()


def test_scaffold_refuses_to_overwrite(tmp_path: Path) -> None:
    source = _essay(tmp_path)
    target = tmp_path / "m.argdown"
    target.write_text("my work\n", encoding="utf-8")
    with pytest.raises(ArgmapError, match="overwrite") as err:
        new_map(source, target, map_id="m", title="T", author="A", year=2026)
    assert err.value.location is not None and err.value.location.path == str(target)
    assert target.read_text(encoding="utf-8") == "my work\n"


@pytest.mark.parametrize("bad", ["", "Valiyev-2011", "a b", "a--b", "-a", "a_b", "v:2011"])
def test_scaffold_validates_the_id(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ArgmapError, match="invalid map id"):
        new_map(_essay(tmp_path), tmp_path / "m.argdown", map_id=bad, title="T", author="A", year=1)
    assert not (tmp_path / "m.argdown").exists()


def test_scaffold_rejects_bad_sources_and_metadata(tmp_path: Path) -> None:
    target = tmp_path / "m.argdown"
    with pytest.raises(ArgmapError, match=r"cannot read (the )?source") as err:
        new_map(tmp_path / "nope.txt", target, map_id="m", title="T", author="A", year=1)
    assert err.value.location is not None and err.value.location.path.endswith("nope.txt")
    latin1 = _essay(tmp_path, "Baku\u2019s".encode("cp1252"))
    with pytest.raises(ArgmapError, match="not UTF-8"):
        new_map(latin1, target, map_id="m", title="T", author="A", year=1)
    good = _essay(tmp_path)
    for title, match in (("", "empty"), ("two\nlines", "one line"), ("a {b}", "braces")):
        with pytest.raises(ArgmapError, match=match):
            new_map(good, target, map_id="m", title=title, author="A", year=1)
    assert not target.exists()


def test_tutorial_map_is_marked_fictional_and_checks_clean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = ESSAY.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("Tutorial example — not a published essay")
    m = argdown.load(MAPS / "tutorial" / "tutorial-2026.argdown")
    assert m.title.startswith("Tutorial example — not a published essay")
    assert 400 <= len(ESSAY.read_text(encoding="utf-8").split()) <= 700
    code, out = _run(capsys, "check", MAPS / "tutorial", MAPS / "comparison-three.argdown")
    assert code == 0, out


# -- a new user's whole path: two essays, a new comparison, suggestions, check, build --------

ESSAY_A = (
    "Cities should tax land, not buildings. A land tax cannot be passed on to tenants,\n"
    "and it rewards owners who build homes on empty plots.\n"
)
ESSAY_B = (
    "A land tax is unfair to farmers, who own much land and earn little from it.\n"
    "Taxing buildings is simpler, and a land tax would raise rents for tenants.\n"
)
MAP_A = """\
[{p}: Tax land]: Cities should tax land rather than buildings. #thesis
    {{quotes: ["Cities should tax land, not buildings."]}}
    + [{p}: Not passed on]
    + [{p}: Rewards building]

[{p}: Not passed on]: A land tax cannot be passed on to tenants. #claim
    {{quotes: ["A land tax cannot be passed on to tenants"]}}

[{p}: Rewards building]: A land tax rewards owners who build homes. #claim
    {{quotes: ["it rewards owners who build homes on empty plots"]}}
"""
MAP_B = """\
[{p}: Tax buildings]: Taxing buildings is better than a land tax. #thesis
    {{quotes: ["Taxing buildings is simpler"]}}
    + [{p}: Unfair to farmers]
    + [{p}: Raises rents]

[{p}: Unfair to farmers]: A land tax is unfair to farmers. #claim
    {{quotes: ["A land tax is unfair to farmers"]}}

[{p}: Raises rents]: A land tax would raise rents for tenants. #claim
    {{quotes: ["a land tax would raise rents for tenants"]}}
"""


def _fill(path: Path, body: str, prefix: str) -> None:
    """What the user does in an editor: the placeholder thesis replaced by the map."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if PLACEHOLDER_MARK in line)
    lines[at] = body.format(p=prefix)
    path.write_text("".join(lines), encoding="utf-8")


def _strict() -> list[str]:
    """``["--strict"]`` once ``argmap check`` has the option (issue 10), else nothing."""
    from argmap.cli import _parser

    _args, unknown = _parser("check").parse_known_args(["check", "--strict", "x.argdown"])
    return [] if unknown else ["--strict"]


def test_two_new_essays_to_a_built_comparison(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "essays"
    (work / "sources").mkdir(parents=True)
    (work / "sources" / "a.txt").write_text(ESSAY_A, encoding="utf-8")
    (work / "sources" / "b.txt").write_text(ESSAY_B, encoding="utf-8")

    # 1. Two scaffolds: the second gets a different prefix although both ids start with "l";
    #    an anonymous text without a date is accepted.
    code, out = _run(
        capsys, "new", work / "sources/a.txt", work / "land-a.argdown",
        "--id", "land-a", "--title", "Tax land", "--author", "Anonymous", "--label", "Text A",
    )  # fmt: skip
    assert code == 0 and "'L: '" in out, out
    assert argdown.load(work / "land-a.argdown").label == "Text A"
    code, out = _run(
        capsys, "new", work / "sources/b.txt", work / "land-b.argdown",
        "--id", "land-b", "--title", "Tax buildings", "--year", "n.d.",
    )  # fmt: skip
    assert code == 0 and "'LB: '" in out, out
    b_map = argdown.load(work / "land-b.argdown")
    assert b_map.source is not None and b_map.source.year is None
    code, out = _run(
        capsys, "new", work / "sources/b.txt", work / "other.argdown",
        "--id", "other", "--title", "T", "--prefix", "LB",
    )  # fmt: skip
    assert code == 2 and "already used by" in out and "land-b.argdown" in out
    assert not (work / "other.argdown").exists()

    # 2. The user maps both essays; anchor finds every quote (exit 0) and writes the offsets.
    _fill(work / "land-a.argdown", MAP_A, "L")
    _fill(work / "land-b.argdown", MAP_B, "LB")
    code, out = _run(capsys, "anchor", work / "land-a.argdown", work / "land-b.argdown")
    assert code == 0, out  # every quote was found; nothing written yet
    code, out = _run(capsys, "anchor", "--write", work / "land-a.argdown", work / "land-b.argdown")
    assert code == 0, out
    code, out = _run(capsys, "check", work / "land-a.argdown", work / "land-b.argdown")
    assert code == 0, out

    # 3. The comparison skeleton: clean but for warnings naming the placeholders.
    comparison = work / "comparison.argdown"
    code, out = _run(
        capsys, "new-comparison", work / "land-a.argdown", work / "land-b.argdown",
        "-o", comparison, "--title", "Land or buildings?",
    )  # fmt: skip
    assert code == 0, out
    text = comparison.read_text(encoding="utf-8")
    assert "@include(land-a.argdown)" in text and "@include(land-b.argdown)" in text
    assert max(len(line) for line in text.splitlines()) <= 110  # positions spread over lines
    code, out = _run(capsys, "check", comparison)
    assert code == 0, out
    warnings = [line for line in out.splitlines() if "warning:" in line]
    assert warnings and all("(placeholder)" in w and "REPLACE ME" in w for w in warnings)

    # 4. The analyst fills the issue in.
    text = text.replace(
        "## REPLACE ME: the first question the authors answer", "## What should cities tax?"
    )
    text = text.replace("REPLACE ME: the first question the authors answer?", "What to tax?")
    text = text.replace("REPLACE ME: land-a's answer in a few words", "Land.")
    text = text.replace("REPLACE ME: land-b's answer in a few words", "Buildings.")
    comparison.write_text(text, encoding="utf-8")
    code, out = _run(capsys, "check", comparison)
    assert code == 0 and "0 warnings" in out, out

    # 5. Suggestions: the two claims about tenants are among the top three, as Argdown.
    code, out = _run(capsys, "suggest", comparison, "--top", "3")
    assert code == 0, out
    assert "[L: Not passed on]" in out and "[LB: Raises rents]" in out
    assert "hint" in out and "issue: issue-1" in out
    code, out = _run(capsys, "suggest", comparison, "--top", "3", "--format", "json")
    found = json.loads(out)
    number = 1 + next(
        n
        for n, s in enumerate(found)
        if {s["left"], s["right"]} == {"land-a:L: Not passed on", "land-b:LB: Raises rents"}
    )
    code, out = _run(
        capsys, "suggest", comparison, "--top", "3", "--accept", str(number),
        "--as", "conflict", "--rationale", "One says tenants are spared, the other that "
        "rents rise.",
    )  # fmt: skip
    assert code == 0 and "under issue issue-1" in out, out

    # 6. Check (strictly, where `check --strict` exists: warnings fail it) and build: the
    #    accepted correspondence is in the report and the JSON.
    code, out = _run(capsys, "check", *_strict(), comparison)
    assert code == 0 and "0 warnings" in out, out
    code, out = _run(capsys, "suggest", comparison, "--format", "json")
    assert {"land-a:L: Not passed on", "land-b:LB: Raises rents"} not in [
        {s["left"], s["right"]} for s in json.loads(out)
    ]  # a linked pair is never suggested again
    out_dir = tmp_path / "out"
    code, out = _run(capsys, "build", comparison, "-o", out_dir)
    assert code == 0, out
    exported = json.loads((out_dir / "comparison.json").read_text(encoding="utf-8"))
    [accepted] = exported["comparison"]["correspondences"]
    assert accepted["type"] == "conflict" and accepted["issue"] == "issue-1"
    assert accepted["rationale"].startswith("One says tenants are spared")
    assert "LB: Raises rents" in (out_dir / "report.html").read_text(encoding="utf-8")

    # 7. A third essay joins with one command.
    (work / "sources" / "c.txt").write_text("Tax land and buildings alike.\n", encoding="utf-8")
    code, out = _run(
        capsys, "new", work / "sources/c.txt", work / "land-c.argdown",
        "--id", "land-c", "--title", "Both",
    )  # fmt: skip
    assert code == 0 and "'LC: '" in out, out
    _fill(
        work / "land-c.argdown",
        '[{p}: Both]: Tax both. #thesis\n    {{quotes: ["Tax land and buildings alike."]}}\n',
        "LC",
    )
    assert _run(capsys, "anchor", "--write", work / "land-c.argdown")[0] == 0
    code, out = _run(capsys, "new-comparison", "--add", work / "land-c.argdown", "-o", comparison)
    assert code == 0, out
    code, out = _run(capsys, "check", comparison)
    assert code == 0 and "1 warning" in out and "land-c's answer" in out, out


def test_tutorial_reads_as_plain_markdown_and_its_examples_match_the_files() -> None:
    page = (REPO / "docs" / "tutorial.md").read_text(encoding="utf-8")
    joining = page.split("## 6. Join the comparison", 1)[1].split("## 7.", 1)[0]
    assert "{literalinclude}" not in joining  # the examples are on the page itself
    comparison = (MAPS / "comparison-three.argdown").read_text(encoding="utf-8")
    block = joining.split("<Conflict: drift or insurance>", 1)[1].split("```", 1)[0]
    for line in ("<Conflict: drift or insurance>" + block).strip("\n").splitlines():
        assert line in comparison, line
    for command in ("argmap new-comparison", "argmap suggest", "--add", "--accept"):
        assert command in joining
