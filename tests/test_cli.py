"""The command line, in-process through main() and once as a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "argdown"
VALIYEV = ROOT / "maps" / "sources" / "valiyev-2011.txt"


@pytest.fixture
def maps_dir(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "conventions-map.argdown", tmp_path / "map.argdown")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    return tmp_path


# -- quote -------------------------------------------------------------------------------


def test_quote_found_prints_offsets_and_context(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["quote", str(VALIYEV), "Russia's continued support of Armenia"])
    out = capsys.readouterr().out
    text = VALIYEV.read_text(encoding="utf-8")
    start = text.index("Russia\u2019s \ncontinued")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{VALIYEV}:14:70: start: {start}, end: {start + 38}"
    assert ">>>Russia\u2019s" in out and "of Armenia<<<" in out
    assert any(line.lstrip().startswith("13 |") for line in lines)  # the line before
    assert any(line.lstrip().startswith("16 |") for line in lines)  # the line after


def test_quote_ambiguous_lists_every_place(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["quote", str(VALIYEV), "Karabakh conflict"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    n = int(out[0].split("(")[1].split()[0])
    assert out[0] == f"{VALIYEV}: ambiguous ({n} places)"
    assert sum(": start: " in line for line in out) == n > 1


def test_quote_not_found(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quote", str(VALIYEV), "no such words anywhere"]) == 1
    assert capsys.readouterr().out == f"{VALIYEV}: not found, and no passage is close to it\n"


def test_missing_file_is_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["quote", str(missing), "x"]) == 2
    err = capsys.readouterr().err
    assert err == f"argmap: {missing}:1:1: cannot read source: No such file or directory\n"


def test_argdown_error_is_exit_2_with_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.argdown"
    shutil.copy(FIXTURES / "fail-relation-after-blank-line.argdown", bad)
    assert main(["export", str(bad), "--to", "json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"argmap: {bad}:")
    assert "Traceback" not in err
    line = err.split(":")[2]
    assert line.isdigit()


# -- check -------------------------------------------------------------------------------


def test_check_clean_and_dirty(maps_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(maps_dir)]) == 0
    assert capsys.readouterr().out == "1 file checked: 0 errors, 0 warnings\n"
    path = maps_dir / "map.argdown"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("start: 60, end: 120", "start: 59, end: 120"), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    line = text[: text.index("[O: Old bridge overloaded]")].count("\n") + 1
    assert out[0].startswith(f"{path}:{line}:1: error: quote ")
    assert "it is at start: 60, end: 120" in out[0]
    assert out[-1] == "1 file checked: 1 error, 0 warnings"


def test_check_json(maps_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = maps_dir / "map.argdown"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("start: 60, end: 120", "start: 59, end: 120"), encoding="utf-8")
    assert main(["check", "--format", "json", str(path)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] is False
    [finding] = doc["findings"]
    assert finding["code"] == "quote-offsets" and finding["severity"] == "error"
    assert finding["location"]["path"] == str(path)


# -- anchor ------------------------------------------------------------------------------


def test_anchor_writes_only_the_offsets(maps_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = maps_dir / "map.argdown"
    original = path.read_text(encoding="utf-8")
    survey = '{text: "the city\u2019s own survey says", start: 236, end: 262}'
    damaged = (
        original.replace(",\n               start: 60, end: 120}", "}")  # offsets missing
        .replace(survey, '"the city\u2019s own survey says"')  # a plain-string quote
        .replace("start: 264, end: 312", "start: 1, end: 2")  # wrong offsets
    )
    assert damaged.count("start:") == original.count("start:") - 2
    path.write_text(damaged, encoding="utf-8")

    assert main(["anchor", str(path)]) == 0  # every quote found: prints the fixes, changes nothing
    out = capsys.readouterr().out
    assert "start: 60, end: 120" in out and "(was start: 1, end: 2)" in out
    assert path.read_text(encoding="utf-8") == damaged

    assert main(["anchor", "--write", str(path)]) == 0
    assert "wrote offsets for 3 quotes" in capsys.readouterr().out
    expected = original.replace(",\n               start: 60, end: 120}", ", start: 60, end: 120}")
    assert path.read_text(encoding="utf-8") == expected
    assert main(["check", str(path)]) == 0


# -- export ------------------------------------------------------------------------------


def test_export_json(maps_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.formats import argdown
    from argmap.formats import json as json_format

    path = maps_dir / "map.argdown"
    assert main(["export", str(path), "--to", "json"]) == 0
    out = capsys.readouterr().out
    assert json_format.loads(out) == (argdown.load(path),)
    target = maps_dir / "out.json"
    assert main(["export", str(path), "--to", "json", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == out


# -- startup and subprocess --------------------------------------------------------------


def test_help_imports_nothing_heavy() -> None:
    probe = (
        "import sys, argmap.cli\n"
        "heavy = [m for m in sys.modules if m.startswith(('cattrs', 'argmap.check', "
        "'argmap.quotes', 'argmap.formats.', 'json'))]\n"
        "print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_subprocess_quote_and_error() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "argmap", "quote", str(VALIYEV), "silent diplomacy"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert ">>>silent" in ok.stdout and "diplomacy<<<" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "argmap", "export", "missing.argdown", "--to", "json"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("argmap: ") and "Traceback" not in bad.stderr


def test_export_comparison_exports_its_maps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.formats import json as json_format

    shutil.copy(FIXTURES / "conventions-comparison.argdown", tmp_path / "c.argdown")
    shutil.copy(FIXTURES / "conventions-map.argdown", tmp_path)
    (tmp_path / "parts").mkdir()
    shutil.copy(FIXTURES / "parts" / "bridge-petrova.argdown", tmp_path / "parts")
    assert main(["export", str(tmp_path / "c.argdown"), "--to", "json"]) == 0
    maps = json_format.loads(capsys.readouterr().out)
    assert [m.id for m in maps] == ["bridge-ozturk", "bridge-petrova"]


def test_render_a_focused_map_and_one_issue(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent / "maps"
    focus = tmp_path / "focus.svg"
    assert (
        main(
            [
                "render",
                str(root / "valiyev-2011.argdown"),
                "--focus",
                "V: Silent diplomacy",
                "-o",
                str(focus),
            ]
        )
        == 0
    )
    svg = focus.read_text(encoding="utf-8")
    full = tmp_path / "full.dot"
    assert main(["render", str(root / "valiyev-2011.argdown"), "-o", str(full)]) == 0
    # the focused view is a real subset: fewer statement nodes than the whole map
    dot = full.read_text(encoding="utf-8")
    assert 1 < svg.count('class="node statement ') < dot.count('class="statement ')
    issue = tmp_path / "drift.dot"
    args = ["render", str(root / "comparison.argdown"), "--issue", "drift", "-o", str(issue)]
    assert main(args) == 0
    assert "corr-conflict" in issue.read_text(encoding="utf-8")


def test_render_rejects_options_of_the_other_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).resolve().parent.parent / "maps"
    out = str(tmp_path / "x.svg")
    assert main(["render", str(root / "comparison.argdown"), "--focus", "x", "-o", out]) == 2
    assert "--focus is for maps" in capsys.readouterr().err
    assert main(["render", str(root / "valiyev-2011.argdown"), "--focus", "nope", "-o", out]) == 2
    assert "valiyev-2011.argdown:" in capsys.readouterr().err
    assert main(["render", str(root / "valiyev-2011.argdown"), "-o", str(tmp_path / "x.gif")]) == 2


# -- build --check -----------------------------------------------------------------------


@pytest.fixture
def comparison_dir(tmp_path: Path) -> Path:
    """The conventions fixtures: two maps and their comparison, with one warning (a
    placeholder the scaffold would have left in the comparison) and no error."""
    for name in ("conventions-map.argdown", "conventions-comparison.argdown"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "parts").mkdir()
    part = tmp_path / "parts" / "bridge-petrova.argdown"
    text = (FIXTURES / "parts" / "bridge-petrova.argdown").read_text(encoding="utf-8")
    unanchored = '"could start next spring"'
    assert unanchored in text
    anchored = '{text: "could start next spring", start: 408, end: 431}'
    part.write_text(text.replace(unanchored, anchored), encoding="utf-8")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    with (tmp_path / "conventions-comparison.argdown").open("a", encoding="utf-8") as f:
        f.write("\n## REPLACE ME: a section still to write\n")
    return tmp_path


def test_build_check_stops_on_errors_and_strict_on_warnings(
    comparison_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    comparison = comparison_dir / "conventions-comparison.argdown"
    out = comparison_dir / "out"
    # a warning: --strict prints it and builds nothing; --check prints it and builds
    assert main(["build", "--strict", str(comparison), "-o", str(out)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert "(placeholder)" in printed[0]
    assert printed[-1] == "3 files checked: 1 error, 0 warnings; nothing built"  # as check --strict
    assert not out.exists()
    assert main(["build", "--check", str(comparison), "-o", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert "(placeholder)" in printed[0] and ": warning: " in printed[0]
    assert printed[1] == "3 files checked: 0 errors, 1 warning"
    assert printed[2].startswith("wrote ") and (out / "report.html").is_file()
    # an error in an included map: nothing is built, the finding is located
    shutil.rmtree(out)
    m = comparison_dir / "conventions-map.argdown"
    m.write_text(
        m.read_text(encoding="utf-8").replace("start: 60, end: 120", "start: 59, end: 120"),
        encoding="utf-8",
    )
    assert main(["build", "--check", str(comparison), "-o", str(out)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{m}:") and ": error: quote " in line for line in printed)
    assert printed[-1].endswith("; nothing built") and not out.exists()


def test_build_check_reads_each_file_once_for_check_and_build(
    comparison_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The build reuses the documents the check read (argdown.shared_documents): the maps are
    parsed once, the comparison once with its includes and once alone (the check's own look)."""
    from collections import Counter

    from argmap.formats import argdown

    parsed: Counter[tuple[str, bool]] = Counter()
    real = argdown._parse_clean

    def counting(text: str, path: str, include: bool, *rest: object) -> argdown.Document:
        parsed[Path(path).name, include] += 1
        return real(text, path, include, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(argdown, "_parse_clean", counting)
    comparison = comparison_dir / "conventions-comparison.argdown"
    assert main(["build", "--check", str(comparison), "-o", str(comparison_dir / "out")]) == 0
    capsys.readouterr()
    assert parsed == {
        ("conventions-comparison.argdown", True): 1,
        ("conventions-comparison.argdown", False): 1,
        ("conventions-map.argdown", True): 1,
        ("bridge-petrova.argdown", True): 1,
    }
    with argdown.shared_documents():
        text = comparison.read_text(encoding="utf-8")
        first = argdown.parse(text, str(comparison))
        assert argdown.parse(text, str(comparison)) is first
        assert argdown.parse(text, str(comparison), allow_outside=[comparison_dir]) is not first
    assert argdown.parse(text, str(comparison)) is not first  # nothing kept after the block


def test_build_check_draws_the_maps_while_checking(
    comparison_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The maps are laid out once, ahead, in a folder of their own while the check runs; the
    build copies them in, and the files are those a plain build writes. A failed check leaves
    neither the output folder nor the drawings made ahead."""
    import argmap
    from argmap.render import output
    from argmap.text import slug

    drawn: list[Path] = []
    real = output.render_all

    def counting(graph: object, stem: Path, formats: object, **kw: object) -> object:
        drawn.append(Path(stem))
        return real(graph, stem, formats, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(output, "render_all", counting)
    comparison = comparison_dir / "conventions-comparison.argdown"
    out, plain = comparison_dir / "out", comparison_dir / "plain"
    c = argmap.load(comparison)
    maps = {slug(m.id) for m in c.maps}  # type: ignore[union-attr]
    assert main(["build", "--check", str(comparison), "-o", str(out)]) == 0
    ahead = [p for p in drawn if p.name in maps]
    assert sorted(p.name for p in ahead) == sorted(maps)  # each map drawn once,
    assert all(p.parent != out for p in ahead)  # outside the output folder,
    assert not any(p.parent.exists() for p in ahead)  # which is removed after the build
    assert all(p.parent == out for p in drawn if p.name not in maps)
    assert main(["build", str(comparison), "-o", str(plain)]) == 0
    capsys.readouterr()
    files = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert files == sorted(p.name for p in plain.iterdir() if not p.name.startswith("."))
    assert {f"{m}.png" for m in maps} <= set(files)
    for name in files:
        assert (out / name).read_bytes() == (plain / name).read_bytes(), name
    # a failed check: nothing written, the drawings made ahead removed
    drawn.clear()
    text = comparison.read_text(encoding="utf-8")
    comparison.write_text(text + "\n[Nowhere]: no map defines it.\n  + [Also nowhere]\n", "utf-8")
    failed = comparison_dir / "failed"
    assert main(["build", "--check", str(comparison), "-o", str(failed)]) == 1
    assert "error" in capsys.readouterr().out
    assert not failed.exists()
    assert drawn and not any(p.parent.exists() for p in drawn)
