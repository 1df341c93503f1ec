"""Path and output safety, end to end through the command line: the reproductions of the
robustness review (../shared/reviews/robustness.md) that are not the Argdown reader's own.

Each test builds a small project in a temporary folder: a map ``m.argdown`` quoting
``s.txt``, and the files or links a finding needs.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main

SOURCE = "First line of the essay.\nSecond line says land should be taxed.\nThird line.\n"


def _map(source: str, *, map_id: str = "m-one", path: str = "s.txt", extra: str = "") -> str:
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    start = source.index("Second line says")
    end = start + len("Second line says land should be taxed.")
    return (
        f"# Essay {{map: {map_id!r}, source: {{path: {path!r}, sha256: {digest}, "
        'title: "An essay", author: "A. Author", year: 2020}}\n\n'
        f"[T]: Land should be taxed{extra}. #thesis\n"
        f'    {{quotes: [{{text: "Second line says land should be taxed.", '
        f"start: {start}, end: {end}}}]}}\n"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "s.txt").write_text(SOURCE, encoding="utf-8")
    (root / "m.argdown").write_text(_map(SOURCE), encoding="utf-8")
    (tmp_path / "secret.env").write_text("password hunter2 very secret\n", encoding="utf-8")
    return root


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_project_checks_clean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "check", project / "m.argdown")
    assert code == 0, out


# -- reading: sources and includes stay inside the root (L12, H1's reach) --------------


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink"])
def test_source_outside_the_root_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    secret = project.parent / "secret.env"
    if kind == "symlink":
        (project / "link.txt").symlink_to(secret)
        path = "link.txt"
    else:
        path = "../secret.env" if kind == "dotdot" else str(secret)
    (project / "m.argdown").write_text(_map(SOURCE, path=path), encoding="utf-8")
    code, out = _run(capsys, "check", project / "m.argdown")
    assert code == 1
    assert "outside" in out and "--allow-outside" in out
    assert "hunter2" not in out and "sha256" not in out.split("outside")[0].split("\n")[-1]
    assert f"{project / 'm.argdown'}:1:" in out  # located at the map's heading


def test_allow_outside_opts_in(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = project.parent / "shared"
    shared.mkdir()
    (shared / "s.txt").write_text(SOURCE, encoding="utf-8")
    (project / "m.argdown").write_text(_map(SOURCE, path="../shared/s.txt"), encoding="utf-8")
    code, out = _run(capsys, "check", project / "m.argdown")
    assert code == 1 and "outside" in out
    code, out = _run(capsys, "check", "--allow-outside", shared, project / "m.argdown")
    assert code == 0, out


def test_comparison_include_outside_the_root_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sub = project / "sub"
    sub.mkdir()
    (sub / "c.argdown").write_text("# C {comparison: c}\n\n@include(../m.argdown)\n")
    code, out = _run(capsys, "check", sub / "c.argdown")
    assert code == 1 and "outside" in out, out
    assert f"{sub / 'c.argdown'}:3:" in out


# -- devices, FIFOs, folders (M3) --------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "export", "render", "anchor", "quote"])
def test_device_as_input_is_refused_quickly(
    command: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    argv: list[str | Path] = {
        "check": ["check", "/dev/zero"],
        "export": ["export", "--to", "json", "/dev/zero"],
        "render": ["render", "/dev/zero", "-o", tmp_path / "x.svg"],
        "anchor": ["anchor", "/dev/zero"],
        "quote": ["quote", "/dev/zero", "words"],
    }[command]
    code, out = _run(capsys, *argv)
    assert code in (1, 2)
    # Refused at once, with a location: as a device, or (render) as a file of no known format.
    assert "/dev/zero:1:1" in out and "Traceback" not in out
    assert "device" in out or (command == "render" and "no format" in out)


def test_device_as_source_is_a_finding(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "zero.txt").symlink_to("/dev/zero")
    (project / "m.argdown").write_text(_map(SOURCE, path="zero.txt"), encoding="utf-8")
    # /dev/zero is outside the root; allowed explicitly it is still no regular file.
    code, out = _run(capsys, "check", "--allow-outside", "/dev", project / "m.argdown")
    assert code == 1 and "device" in out, out


def test_fifo_as_map_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.argdown"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and "FIFO" in done.stdout


# -- writing: ids, symlinks, own inputs (H2, M4, L5) --------------------------------------


def _comparison(project: Path, map_id: str) -> Path:
    (project / "m.argdown").write_text(_map(SOURCE, map_id=map_id), encoding="utf-8")
    c = project / "c.argdown"
    c.write_text("# C {comparison: c, title: Compared}\n\n@include(m.argdown)\n", encoding="utf-8")
    return c


@pytest.mark.parametrize("map_id", ["/tmp/argmap-audit-pwn", "a/../../x"])
def test_hostile_map_id_is_refused_by_check_and_cannot_escape_build(
    project: Path, capsys: pytest.CaptureFixture[str], map_id: str
) -> None:
    c = _comparison(project, map_id)
    code, out = _run(capsys, "check", project / "m.argdown")
    assert code == 1 and "bad-id" in out, out
    before = set(Path("/tmp").glob("argmap-audit-pwn*"))
    out_dir = project.parent / "out"
    _run(capsys, "build", c, "-o", out_dir)  # builds or refuses: either way, nothing escapes
    written = {p.resolve() for p in out_dir.rglob("*")}
    assert all(out_dir.resolve() in p.parents for p in written)
    assert set(Path("/tmp").glob("argmap-audit-pwn*")) == before


@pytest.mark.parametrize("issue_id", ["../../x", "a/b", "x\\u0000y", "a\\u001bb", "a..b"])
def test_hostile_issue_id_is_a_located_check_error(
    project: Path, capsys: pytest.CaptureFixture[str], issue_id: str
) -> None:
    c = _comparison(project, "m-one")
    c.write_text(
        c.read_text(encoding="utf-8")
        + f'\n## Q {{issue: "{issue_id}"}}\n\n[Q: one]: What? #issue\n'
        + '    {positions: {m-one: {answer: "Land.", statements: ["T"]}}}\n',
        encoding="utf-8",
    )
    code, out = _run(capsys, "check", c)
    bad = [line for line in out.splitlines() if "(bad-id)" in line]
    assert code == 1 and len(bad) == 1, out
    assert bad[0].startswith(f"{c}:5:1: error: issue id ")
    assert "\x1b" not in out and "\x00" not in out


def test_build_replaces_symlinks_in_the_output_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = _comparison(project, "m-one")
    out_dir = project.parent / "out2"
    out_dir.mkdir()
    (out_dir / "report.md").symlink_to(project / "s.txt")
    (out_dir / "m-one.dot").symlink_to(project / "m.argdown")
    map_before = (project / "m.argdown").read_bytes()
    code, out = _run(capsys, "build", c, "-o", out_dir)
    assert code == 0, out
    assert (project / "s.txt").read_text(encoding="utf-8") == SOURCE
    assert (project / "m.argdown").read_bytes() == map_before
    assert not (out_dir / "report.md").is_symlink()
    assert not (out_dir / "m-one.dot").is_symlink()


def test_build_removes_stale_outputs_and_leaves_no_temporary_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = _comparison(project, "m-one")
    out_dir = project.parent / "out3"
    assert _run(capsys, "build", c, "-o", out_dir)[0] == 0
    assert (out_dir / "m-one.svg").is_file()
    _comparison(project, "m-two")
    assert _run(capsys, "build", c, "-o", out_dir)[0] == 0
    assert (out_dir / "m-two.svg").is_file() and not (out_dir / "m-one.svg").exists()
    assert not list(out_dir.glob("*.tmp")) and not list(out_dir.glob(".*.tmp"))


@pytest.mark.parametrize("target", ["s.txt", "m.argdown"])
def test_render_and_export_refuse_to_overwrite_their_inputs(
    project: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    before = (project / target).read_bytes()
    code, out = _run(
        capsys, "render", project / "m.argdown", "-o", project / target, "--format", "dot"
    )
    assert code == 2 and "refusing to overwrite" in out
    code, out = _run(
        capsys, "export", "--to", "json", project / "m.argdown", "-o", project / target
    )
    assert code == 2 and "refusing to overwrite" in out
    assert (project / target).read_bytes() == before


# -- one reading: CRLF and lone CR (M7, M8), encodings (L4) ------------------------------


def test_crlf_source_gives_the_same_offsets_in_quote_and_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crlf = SOURCE.replace("\n", "\r\n")
    (project / "s.txt").write_bytes(crlf.encode("utf-8"))
    code, out = _run(capsys, "quote", project / "s.txt", "Second line says")
    assert code == 0 and "start: 25, end: 41" in out
    digest = hashlib.sha256(crlf.encode("utf-8")).hexdigest()
    text = _map(SOURCE).replace(hashlib.sha256(SOURCE.encode()).hexdigest(), digest)
    (project / "m.argdown").write_text(text, encoding="utf-8")
    code, out = _run(capsys, "check", project / "m.argdown")
    assert code == 0, out


def test_anchor_write_keeps_crlf_line_ends(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unanchored = _map(SOURCE).replace(", start: 25, end: 63", "").replace("\n", "\r\n")
    assert "start:" not in unanchored
    (project / "m.argdown").write_bytes(unanchored.encode("utf-8"))
    code, out = _run(capsys, "anchor", "--write", project / "m.argdown")
    assert code == 0, out
    written = (project / "m.argdown").read_bytes()
    assert written.count(b"\r\n") == unanchored.count("\r\n")
    assert written.count(b"\n") == written.count(b"\r\n")
    assert b"start: 25, end: 63" in written


def test_anchor_write_failure_leaves_the_map_whole(project: Path) -> None:
    """M5: a write that fails (a full disk, here RLIMIT_FSIZE) never truncates the map."""
    unanchored = _map(SOURCE).replace(", start: 25, end: 63", "")
    padding = "// " + "x" * 2000 + "\n"
    text = unanchored + padding * 40
    (project / "m.argdown").write_text(text, encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run(
        [sys.executable, "-m", "argmap", "anchor", "--write", str(project / "m.argdown")],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert (project / "m.argdown").read_text(encoding="utf-8") == text
    assert "m.argdown" in done.stderr and "Traceback" not in done.stderr
    assert not list(project.glob(".*.tmp"))


def test_invalid_utf8_is_located_in_every_command(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = project / "bad.argdown"
    bad.write_bytes(b"# Essay\n\n[T]: caf\xff. #thesis\n")
    for argv in (
        ["check", bad],
        ["export", "--to", "json", bad],
        ["render", bad, "-o", tmp_path / "bad.svg"],
        ["anchor", bad],
    ):
        code, out = _run(capsys, *argv)
        assert code in (1, 2)
        assert f"{bad}:3:9" in out, (argv, out)


# -- clean text out (L8, L9, L10) ----------------------------------------------------------


def test_check_does_not_echo_escape_sequences(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _map(SOURCE) + "\n[Orphan \x1b[2J\x1b[31mX]: Nothing. #claim\n"
    (project / "m.argdown").write_text(text, encoding="utf-8")
    _code, out = _run(capsys, "check", project / "m.argdown")
    assert "\x1b" not in out and "\\x1b" in out


def test_bidi_controls_are_removed_from_json_and_reports(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = _comparison(project, "m-one")
    text = (project / "m.argdown").read_text(encoding="utf-8")
    (project / "m.argdown").write_text(
        text.replace("Land should be taxed", "Land \u202eshould\u200b be taxed"), encoding="utf-8"
    )
    out_dir = project.parent / "out4"
    code, out = _run(capsys, "build", c, "-o", out_dir, "--allow-outside", project)
    assert code == 0, out
    for name in ("report.md", "report.html", "comparison.json", "m-one.svg", "m-one.dot"):
        data = (out_dir / name).read_text(encoding="utf-8")
        assert "\u202e" not in data and "\u200b" not in data, name


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x1c"])
def test_new_refuses_every_line_separator(
    project: Path, capsys: pytest.CaptureFixture[str], separator: str
) -> None:
    target = project / "n.argdown"
    code, out = _run(
        capsys, "new", project / "s.txt", target, "--id", "n", "--title", f"A{separator}B",
        "--author", "A", "--year", "2020",
    )  # fmt: skip
    assert code == 2 and "one line" in out
    assert not target.exists()


# -- resources (L2, L3, L11) ----------------------------------------------------------------


def test_huge_depth_ends(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(
        capsys, "render", project / "m.argdown", "-o", project.parent / "f.dot",
        "--focus", "T", "--depth", "99999999999999999999",
    )  # fmt: skip
    assert code == 0, out


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
def test_graphviz_timeout_is_a_clear_error(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_TIMEOUT", "0.000001")
    code, out = _run(capsys, "render", project / "m.argdown", "-o", project.parent / "m.svg")
    assert code == 2 and "ARGMAP_GRAPHVIZ_TIMEOUT" in out and "m.svg" in out
    assert not (project.parent / "m.svg").exists()


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
def test_pdf_output_is_reproducible(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = project.parent / "a.pdf", project.parent / "b.pdf"
    assert _run(capsys, "render", project / "m.argdown", "-o", first)[0] == 0
    assert _run(capsys, "render", project / "m.argdown", "-o", second)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"/CreationDate (D:19700101000000Z)" in first.read_bytes()


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
@pytest.mark.parametrize("citation", ["\\u200b", "\\ue000"])
def test_invisible_citation_renders(
    project: Path, capsys: pytest.CaptureFixture[str], citation: str
) -> None:
    """L7: a citation of only invisible characters gave <I></I>, which Graphviz rejects."""
    text = _map(SOURCE).replace("]}\n", f'], citation: "{citation}"}}\n', 1)
    assert "citation" in text
    (project / "m.argdown").write_text(text, encoding="utf-8")
    svg = project.parent / "full.svg"
    code, out = _run(capsys, "render", project / "m.argdown", "-o", svg, "--detail", "full")
    assert code == 0, out
    assert "<svg" in svg.read_text(encoding="utf-8")
