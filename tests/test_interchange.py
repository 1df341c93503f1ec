"""Argdown JSON in (the Argdown CLI's export) gives the map argmap reads from the source."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import argmap
from argmap.errors import FormatError
from argmap.formats import argdown, argdown_json

ROOT = Path(__file__).resolve().parent.parent

SMALL = """===
title: Small
===

# A small map {map: small}

## Part one {id: one}

[T]: Cities should tax land. #thesis
    {quotes: ["tax land"]}
    + [E]: Land values rose 40%. #evidence
    - [C]: Landlords pass it on. #counterclaim
        {note: "the author's aside", citation: "p. 3"}
    >< [X]: Never tax anything. #claim #extra

<A>: Taxing land works.
    _> <B>

## Part two

<B>: B's words.

(1) [E]
(2) [P2]: Fixed goods bear taxes well. #claim
-- Modus ponens --
(3) [T]
"""


def _export(cli: str, source: Path, out: Path) -> Path:
    subprocess.run([cli, "json", str(source), str(out)], check=True, capture_output=True)
    return out / (source.stem + ".json")


@pytest.mark.parametrize("name", ["valiyev-2011", "aslanli-2010", "small"])
def test_argdown_json_reads_as_the_source(argdown_cli: str, tmp_path: Path, name: str) -> None:
    if name == "small":
        source = tmp_path / "small.argdown"
        source.write_text(SMALL, encoding="utf-8")
    else:
        source = tmp_path / f"{name}.argdown"
        shutil.copy(ROOT / "maps" / f"{name}.argdown", source)
    exported = _export(argdown_cli, source, tmp_path / "out")
    from_json = argdown_json.load(exported)
    assert from_json == argdown.load(source)
    assert argmap.load(exported) == from_json  # the registry tells it from argmap's JSON
    if name == "small":
        assert [a.inference for a in from_json.arguments] == [None, "Modus ponens"]
        assert from_json.statement("C").note == "the author's aside"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '{"statements": []}',
        '{"statements": {"T": 3}}',
        '{"statements": {}, "relations": [{"from": 1}]}',
    ],
)
def test_bad_argdown_json_is_a_located_error(text: str) -> None:
    with pytest.raises(FormatError) as info:
        argdown_json.loads(text, "x.json")
    assert info.value.location is not None and info.value.location.path == "x.json"
