"""anchor.apply edits the data blocks the Argdown reader sees, and nothing else."""

from __future__ import annotations

import pytest

from argmap.anchor import Fix, apply
from argmap.errors import ArgmapError, SourceError
from argmap.formats import argdown

TEXT = """\
// [T]: an old copy in a comment {quotes: ["tax land"]}
/* [T]: another {quotes: ["tax land"]} */
[T]: Tax. #thesis
    {quotes: ["tax land"]}

[R]: Rents rose. #evidence
  + [S]: Supported. #claim {quotes: ["rents", {text: "rose", start: 1, end: 2}]}
"""


def test_only_the_definitions_data_is_edited() -> None:
    fixes = (Fix("T", 0, "tax land", 10, 18), Fix("S", 1, "rose", 30, 34))
    out = apply(TEXT, fixes)
    lines = out.splitlines()
    assert lines[:2] == TEXT.splitlines()[:2]  # the comments stay as they were
    assert lines[3] == '    {quotes: [{text: "tax land", start: 10, end: 18}]}'
    assert lines[6].endswith('{quotes: ["rents", {text: "rose", start: 30, end: 34}]}')
    m = argdown.loads(out.replace("#evidence", "#evidence {quotes: [r]}"))
    assert (m.statement("T").quotes[0].start, m.statement("S").quotes[1].end) == (10, 34)


def test_a_statement_without_quote_data_is_a_located_error() -> None:
    with pytest.raises(SourceError, match=r"no quotes data found for \[R\]"):
        apply(TEXT, (Fix("R", 0, "r", 1, 2),), "m.argdown")


def test_offsets_are_written_where_the_reader_sees_the_quotes() -> None:
    """Block YAML between the braces, a key's colon right before its list (read as the
    Argdown CLI reads it), single quotes and CRLF line ends: every edit lands on the quote."""
    text = (
        "[A]: a #thesis\r\n  {\r\n  quotes:\r\n    - text: 'tax, land'\r\n      start: 0\r\n"
        "      end: 0\r\n  }\r\n"
        '\r\n[B]: b #claim {quotes:["rents rose", {text: "x", start: 7, end: 9}]}\r\n  + [A]\r\n'
    )
    fixes = (
        Fix("A", 0, "tax, land", 1, 2),
        Fix("B", 0, "rents rose", 5, 6),
        Fix("B", 1, "x", 70, 71),
    )
    out = apply(text, fixes)
    assert out.count("\r\n") == text.count("\r\n") and "\n" not in out.replace("\r\n", "")
    m = argdown.loads(out)
    got = [(q.text, q.start, q.end) for s in m.statements for q in s.quotes]
    assert got == [("tax, land", 1, 2), ("rents rose", 5, 6), ("x", 70, 71)]
    assert out.replace("start: 70, end: 71", "start: 7, end: 9").count("start:") == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{quotes: [&q {text: a}, *q]}", "not text"),
        ("{quotes: [[a]]}", "not text"),
        ("{\n  quotes:\n    - text: a\n}", "block mapping"),
        ("{\n  quotes:\n    - a\n}", "block-style"),
    ],
)
def test_quotes_anchor_cannot_write_are_located_errors(data: str, message: str) -> None:
    text = f"[T]: t #thesis\n  {data}\n"
    with pytest.raises(SourceError, match=message) as err:
        apply(text, (Fix("T", 1 if "*q" in data else 0, "a", 1, 2),), "m.argdown")
    assert err.value.location is not None and err.value.location.line >= 2


def test_data_the_reader_refuses_is_the_readers_error() -> None:
    with pytest.raises(ArgmapError, match="invalid YAML") as err:
        apply("[T]: t #thesis\n  {quotes: [a}\n", (Fix("T", 0, "a", 1, 2),), "m.argdown")
    assert str(err.value.location) == "m.argdown:2:3"
