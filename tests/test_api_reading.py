"""Every API entry reads through argmap.formats.files.read_text, as the CLI does: an include
outside the root is refused (unless allowed), invalid UTF-8 is the same located error, and a
FIFO or a device never blocks a read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import compare
from argmap.errors import ArgmapError, LimitError, SourceError
from argmap.formats import argdown, registry
from argmap.formats import json as json_format

MAP = """\
# M {map: m}

[T]: Tax land. #thesis
"""
COMPARISON = "# C {comparison: c, title: C}\n\n@include(../outside/m.argdown)\n"

#: The entries that read a comparison (and the maps it includes) from a path.
ENTRIES: dict[str, Callable[..., Any]] = {
    "argmap.load": argmap.load,
    "registry.load": registry.load,
    "compare.load": compare.load,
    "argdown.load": argdown.load,
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "m.argdown").write_text(MAP, encoding="utf-8")
    root = tmp_path / "project"
    root.mkdir()
    (root / "c.argdown").write_text(COMPARISON, encoding="utf-8")
    return root


def _cli(*argv: str | Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return done.stdout + done.stderr


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_api_refuses_an_include_outside_the_root(project: Path, entry: str) -> None:
    c = project / "c.argdown"
    with pytest.raises(SourceError, match="outside") as err:
        ENTRIES[entry](c)
    assert str(err.value.location) == f"{c}:3:10"
    # ... as the CLI does, at the same place.
    assert f"{c}:3:10: error: include" in _cli("check", c)


@pytest.mark.parametrize("entry", ["argmap.load", "registry.load", "compare.load"])
def test_api_allows_an_include_outside_the_root_when_asked(project: Path, entry: str) -> None:
    c = ENTRIES[entry](project / "c.argdown", allow_outside=[project.parent / "outside"])
    assert [m.id for m in c.maps] == ["m"]


def test_argdown_load_allows_outside_when_asked(project: Path) -> None:
    doc = argdown.parse_file(project / "c.argdown", allow_outside=[project.parent / "outside"])
    assert [os.path.basename(d.path) for d in doc.includes] == ["m.argdown"]


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_api_gives_the_clis_located_decode_error(tmp_path: Path, entry: str) -> None:
    m = tmp_path / "m.argdown"
    m.write_bytes(MAP.encode("utf-8").replace(b"Tax", b"T\xffx"))
    with pytest.raises(SourceError) as err:
        ENTRIES[entry](m)
    assert str(err.value.location) == f"{m}:3:7"
    assert f"{m}:3:7: error: {err.value.message}" in _cli("check", m)


@pytest.mark.parametrize("entry", ["argmap.load", "json.load", "json.load_comparison"])
def test_json_entries_read_through_files(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(b'{"schema": "argmap/1",\n "maps": [\xff]}')
    load = {
        "argmap.load": argmap.load,
        "json.load": json_format.load,
        "json.load_comparison": json_format.load_comparison,
    }[entry]
    with pytest.raises(SourceError, match="not UTF-8") as err:
        load(path)
    assert str(err.value.location) == f"{path}:2:11"


@pytest.mark.parametrize("suffix", [".argdown", ".json"])
def test_a_fifo_does_not_block_the_api(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    code = (
        f"import argmap\ntry:\n    argmap.load({str(fifo)!r})\n"
        "except argmap.ArgmapError as e:\n    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert "FIFO" in done.stdout, done.stdout + done.stderr


def test_unknown_options_are_refused(project: Path) -> None:
    with pytest.raises(ArgmapError, match="no options"):
        argmap.load(project / "c.argdown", depth=3)


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_api_size_cap_is_an_option(project: Path, entry: str) -> None:
    """``max_bytes=`` caps every file read, the included maps too, with the located
    LimitError the CLI gives for ARGMAP_MAX_BYTES."""
    c = project / "c.argdown"  # 62 bytes
    outside = [project.parent / "outside"]
    (project.parent / "outside" / "m.argdown").write_text(  # 180 bytes
        MAP + "\n[E]: " + "x" * 120 + " #claim\n", encoding="utf-8"
    )
    if entry != "argdown.load":  # (it reads a map, not a comparison)
        ENTRIES[entry](c, allow_outside=outside, max_bytes=400)
    with pytest.raises(LimitError, match="over the limit of 20 bytes") as err:
        ENTRIES[entry](c, allow_outside=outside, max_bytes=20)
    assert str(err.value.location) == f"{c}:1:1"
    with pytest.raises(LimitError, match="over the limit of 100 bytes") as err:
        ENTRIES[entry](c, allow_outside=outside, max_bytes=100)  # the included map
    assert str(err.value.location) == f"{c}:3:10"


def test_check_reads_other_formats_through_the_registry(tmp_path: Path) -> None:
    """A JSON export beside its sources is checked as its maps; broken JSON is a located
    read error, not a syntax error from reading it as Argdown."""
    repo_maps = Path(__file__).resolve().parents[1] / "maps"
    m = argdown.load(repo_maps / "valiyev-2011.argdown")
    (tmp_path / "sources").mkdir()
    shutil.copy(repo_maps / "sources" / "valiyev-2011.txt", tmp_path / "sources")
    good = tmp_path / "export.json"  # beside the map's source
    argmap.dump(m, good)
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "argmap/1",\n "maps": [}', encoding="utf-8")
    out = _cli("check", good, bad)
    assert f"{bad}:2:11: error: invalid JSON" in out and "(read)" in out, out
    assert "2 files checked: 1 error" in out, out


def test_check_and_the_api_read_a_maps_includes_under_the_comparisons_root(
    tmp_path: Path,
) -> None:
    """A map in sub/ that includes ../part.argdown (inside the comparison's folder, outside
    its own) is read by check as build and the API read it: the root is the top file's."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "m.argdown").write_text(
        MAP + "\n@include(../part.argdown)\n", encoding="utf-8"
    )
    (tmp_path / "part.argdown").write_text("[E]: More. #claim\n    + [T]\n", encoding="utf-8")
    c = tmp_path / "c.argdown"
    c.write_text("# C {comparison: c, title: C}\n\n@include(sub/m.argdown)\n", encoding="utf-8")
    loaded = compare.load(c)
    assert [s.id for s in loaded.maps[0].statements] == ["T", "E"]
    out = _cli("check", c)
    assert "outside" not in out and "no quotes" in out, out
    # The map on its own: its folder is the root, and the include is refused, located.
    with pytest.raises(SourceError, match="outside"):
        argdown.load(tmp_path / "sub" / "m.argdown")
    assert f"{tmp_path / 'sub' / 'm.argdown'}:5:10: error: include" in _cli(
        "check", tmp_path / "sub" / "m.argdown"
    )
