"""The format registry and argmap.load/dump: dispatch by suffix and content, round trips."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.comparison import Comparison
from argmap.errors import ArgmapError, FormatError
from argmap.formats import registry
from argmap.formats.registry import Format, by_name, for_path, formats, lazy, register

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "maps" / "valiyev-2011.argdown"
COMPARISON = ROOT / "maps" / "comparison.argdown"


def test_argdown_and_json_are_registered() -> None:
    names = [f.name for f in formats()]
    assert names[:2] == ["argdown", "json"]
    assert for_path("x.ARGDOWN").name == "argdown"
    assert for_path("x.json").name == "json"


def test_load_gives_a_map_or_a_comparison_by_content() -> None:
    m = argmap.load(MAP)
    assert isinstance(m, argmap.ArgumentMap) and m.id == "valiyev-2011"
    c = argmap.load(COMPARISON)
    assert isinstance(c, Comparison) and "valiyev-2011" in c.map_ids


def test_json_round_trips_a_map_and_a_comparison(tmp_path: Path) -> None:
    m = argmap.load(MAP)
    argmap.dump(m, tmp_path / "m.json")
    assert argmap.load(tmp_path / "m.json") == m
    c = argmap.load(COMPARISON)
    assert isinstance(c, Comparison)
    argmap.dump(c, tmp_path / "c.json")
    assert argmap.load(tmp_path / "c.json") == c


def test_argdown_round_trips_a_map(tmp_path: Path) -> None:
    m = argmap.load(MAP)
    argmap.dump(m, tmp_path / "m.argdown")
    assert argmap.load(tmp_path / "m.argdown") == m


def test_a_comparison_cannot_be_written_as_argdown(tmp_path: Path) -> None:
    c = argmap.load(COMPARISON)
    with pytest.raises(FormatError, match="only a map"):
        argmap.dump(c, tmp_path / "c.argdown")


def test_unknown_suffix_and_unknown_name_are_located_errors(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"no format reads \.txt") as info:
        argmap.load(tmp_path / "essay.txt")
    assert info.value.location is not None
    assert str(info.value).startswith(str(tmp_path / "essay.txt"))
    with pytest.raises(FormatError, match="unknown format 'mermaid'"):
        argmap.load(MAP, format="mermaid")


def test_named_format_overrides_the_suffix(tmp_path: Path) -> None:
    target = tmp_path / "map.txt"
    target.write_text(MAP.read_text(encoding="utf-8"), encoding="utf-8")
    assert argmap.load(target, format="argdown") == argmap.load(MAP)


def test_json_that_is_not_an_export_is_a_format_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "argmap/1", "maps": [1]}', encoding="utf-8")
    with pytest.raises(ArgmapError, match="map 0"):
        argmap.load(bad)


def test_content_sniffing_picks_between_formats_sharing_a_suffix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "_FORMATS", dict(registry._FORMATS))
    seen: list[str] = []

    def other(path: Path, options: object) -> argmap.ArgumentMap:
        seen.append(path.name)
        return argmap.MapBuilder("other").build()

    register(Format("other", (".json",), "test", load=other, sniff=lambda h: b"OTHER" in h))
    (tmp_path / "a.json").write_bytes(b'{"OTHER": 1}')
    (tmp_path / "b.json").write_bytes(b'{"schema": "argmap/1", "maps": []}')
    assert for_path(tmp_path / "a.json").name == "other"
    assert for_path(tmp_path / "b.json").name == "json"
    argmap.load(tmp_path / "a.json")
    assert seen == ["a.json"]


def test_lazy_imports_on_first_call_only() -> None:
    code = (
        "import sys, argmap.formats as f; "
        "print('argmap.formats.json' in sys.modules, 'argmap.formats.comparison' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    loads = lazy("argmap.formats.json:sniff")
    assert loads(b'{"schema": "argmap/1"}') is True
    assert by_name("json").sniff is not None


def test_argmap_formats_lists_the_registry() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "argmap", "formats"], capture_output=True, text=True, check=True
    )
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["argdown", ".argdown", ".ad"]
    assert lines[1].split()[:3] == ["json", ".json", "read/write"]
