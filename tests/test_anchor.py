"""anchor.apply edits the data blocks the Argdown reader sees, and nothing else."""

from __future__ import annotations

import pytest

from argmap.anchor import Fix, apply
from argmap.errors import SourceError
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
