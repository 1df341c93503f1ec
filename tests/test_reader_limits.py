"""The reader against hostile input: the robustness review's reproductions (issue 15).

Each test is one reproduction: an ``@include`` outside a directive line, a YAML alias bomb,
deep nesting, huge integers, include cycles and chains. Every one must end in a document, a
map or an ArgmapError with a location; never a traceback, a hang or unbounded memory.
"""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from argmap.errors import ArgmapError, LimitError, SourceError
from argmap.formats import argdown
from argmap.formats._argdown_include import MAX_INCLUDE_DEPTH
from argmap.formats.comparison import is_comparison, map_files

SECRET = "password hunter2 very secret"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A project folder beside a folder with a secret file."""
    (tmp_path / "secretdir").mkdir()
    (tmp_path / "secretdir" / "secret.env").write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "inside.argdown").write_text("[I]: inside #claim\n", encoding="utf-8")
    return tmp_path / "proj"


_MAP = "# M {map: m}\n\n[T]: Thesis. #thesis\n"


@pytest.mark.parametrize(
    "where",
    [
        '    {note: "see @include(../secretdir/secret.env)"}\n',
        '    {note: "see \n@include(../secretdir/secret.env)"}\n',
        "\n[U]: see @include(../secretdir/secret.env) here #claim\n",
        "\n[U]: see \\@include(../secretdir/secret.env) #claim\n",
        "\n// @include(../secretdir/secret.env)\n",
        "\n/*\n@include(../secretdir/secret.env)\n*/\n",
        "\n<!--\n@include(../secretdir/secret.env)\n-->\n",
    ],
    ids=["note", "note-own-line", "mid-line", "escaped", "line-comment", "comment", "html"],
)
def test_include_outside_a_directive_line_is_literal_text(tree: Path, where: str) -> None:
    path = tree / "m.argdown"
    path.write_text(_MAP + where, encoding="utf-8")
    m = argdown.load(path)
    assert SECRET not in repr(m)
    assert argdown.includes(path.read_text(encoding="utf-8")) == []
    assert not is_comparison(path.read_text(encoding="utf-8"))
    assert map_files(path) == (path,)


def test_a_note_with_include_round_trips_as_text(tree: Path) -> None:
    path = tree / "m.argdown"
    path.write_text(_MAP + '    {note: "see @include(inside.argdown) here"}\n', encoding="utf-8")
    m = argdown.load(path)
    assert m.statements[0].note == "see @include(inside.argdown) here"
    again = tree / "again.argdown"
    argdown.dump(m, again)
    assert argdown.load(again).statements[0].note == m.statements[0].note
    assert argdown.includes(again.read_text(encoding="utf-8")) == []


def test_include_directive_outside_the_root_is_refused(tree: Path) -> None:
    path = tree / "c.argdown"
    path.write_text("@include(../secretdir/secret.env)\n", encoding="utf-8")
    with pytest.raises(SourceError, match="outside") as info:
        argdown.parse_file(path)
    assert info.value.location is not None and info.value.location.line == 1
    assert SECRET not in str(info.value)
    # ... unless the caller allows the folder
    doc = argdown.parse_file(path, allow_outside=[tree.parent / "secretdir"])
    assert doc.statements[0].text == SECRET


def test_include_directive_is_honoured_on_its_own_line(tree: Path) -> None:
    path = tree / "c.argdown"
    path.write_text("[A]: a #claim\n\n  @include(inside.argdown)  \n", encoding="utf-8")
    assert [s.title for s in argdown.parse_file(path).statements] == ["A", "I"]
    assert map_files(path) == (tree / "inside.argdown",)


def test_include_cycle_reads_each_file_once(tree: Path) -> None:
    (tree / "a.argdown").write_text("[A]: a #claim\n\n@include(b.argdown)\n", encoding="utf-8")
    (tree / "b.argdown").write_text("[B]: b #claim\n\n@include(a.argdown)\n", encoding="utf-8")
    doc = argdown.parse_file(tree / "a.argdown")
    assert sorted(s.title for s in doc.statements) == ["A", "B"]
    assert [d.path for d in doc.includes] == [str(tree / "b.argdown")]


def test_a_long_include_chain_is_a_located_limit(tree: Path) -> None:
    n = MAX_INCLUDE_DEPTH * 10  # 640 files: the review's 600 crashed with RecursionError
    for i in range(n):
        (tree / f"f{i}.argdown").write_text(
            f"[S{i}]: s #claim\n\n@include(f{i + 1}.argdown)\n", encoding="utf-8"
        )
    (tree / f"f{n}.argdown").write_text("[End]: end #claim\n", encoding="utf-8")
    with pytest.raises(LimitError, match="nested more than") as info:
        argdown.parse_file(tree / "f0.argdown")
    assert info.value.location is not None
    # A chain within the limit reads.
    short = MAX_INCLUDE_DEPTH - 1
    (tree / f"f{n - short}.argdown").write_text(
        f"[S{n - short}]: s #claim\n\n@include(f{n - short + 1}.argdown)\n", encoding="utf-8"
    )
    doc = argdown.parse_file(tree / f"f{n - short}.argdown")
    assert len(doc.statements) == short + 1


_BOMB = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(
    "text",
    [
        f"===\n{_BOMB}\ntitle: *a9\n===\n\n[A]: a #claim\n",
        "## Intro {id: [&l0 [x, x, x, x, x, x, x, x, x], "
        + ", ".join(f"&l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10))
        + "]}\n\n[A]: a #claim\n",
        "[A]: a #claim\n    {\n    " + _BOMB.replace("\n", "\n    ") + "\n    note: *a9\n    }\n",
    ],
    ids=["frontmatter", "section-id", "statement-data"],
)
def test_a_yaml_alias_bomb_is_refused_before_it_grows(text: str) -> None:
    before = _peak_mb()
    with pytest.raises(LimitError, match="expands to more than") as info:
        argdown.parse(text, "bomb.argdown")
    assert info.value.location is not None
    assert _peak_mb() - before < 200  # the review saw 9.4 GB


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{quotes: " + "[" * 1000 + "]" * 1000 + "}", "nesting depth"),
        ("{note: " + "[" * 150 + "]" * 150 + "}", "nested more than 100"),
        ("{quotes: [{text: a, start: " + "9" * 5000 + ", end: 2}]}", "digits"),
        ("{\n    a: &x [*x]\n    }", "refers to the value"),
    ],
    ids=["json-1000-deep", "yaml-150-deep", "5000-digits", "recursive-alias"],
)
def test_data_limits_are_located_errors(data: str, message: str) -> None:
    with pytest.raises(ArgmapError, match=message) as info:
        argdown.loads(f"[A]: a #claim\n    {data}\n", "m.argdown")
    assert info.value.location is not None
    assert (info.value.location.line, info.value.location.column) == (2, 5)


def test_long_include_argument_is_a_located_error(tree: Path) -> None:
    path = tree / "c.argdown"
    path.write_text("@include(" + "x" * 5000 + ")\n", encoding="utf-8")
    with pytest.raises(ArgmapError) as info:
        argdown.parse_file(path)
    assert info.value.location is not None


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_lone_cr_read_as_lf(ending: str) -> None:
    text = "# M {map: m}\n\n[T]: Thesis. #thesis\n    + [E]: Evidence. #evidence\n"
    want = argdown.loads(text, "m.argdown")
    got = argdown.loads(text.replace("\n", ending), "m.argdown")
    assert got == want
    assert [s.location for s in got.statements] == [s.location for s in want.statements]


def test_check_does_not_read_an_include_outside_the_folder(tree: Path) -> None:
    from argmap.check import check_paths

    path = tree / "c.argdown"
    path.write_text("@include(../secretdir/secret.env)\n", encoding="utf-8")
    report = check_paths([path])
    codes = [f.code for f in report.findings]
    assert "include-outside" in codes
    assert all(SECRET not in f.message for f in report.findings)
    assert not any("secret.env" in name for name in report.files)
