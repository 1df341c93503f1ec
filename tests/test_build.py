"""The build pipeline: every promised file, written deterministically, with the summary."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from comparison_fixture import HOSTILE, small_comparison

from argmap.build import BuildResult, build_comparison, format_summary, output_names
from argmap.compare import Comparison
from argmap.errors import ArgmapError
from argmap.model import MapBuilder, Role
from argmap.render import report


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Comparison, BuildResult]:
    c = small_comparison(HOSTILE)
    return c, build_comparison(c, tmp_path_factory.mktemp("build") / "nested" / "out")


def test_writes_every_promised_file(built: tuple[Comparison, BuildResult]) -> None:
    c, result = built
    names = [p.name for p in result.files]
    expected = {
        *(f"{m.id}.{ext}" for m in c.maps for ext in ("svg", "png", "dot")),
        *(f"comparison-{v}.{ext}" for v in ("summary", "full") for ext in ("svg", "png", "dot")),
        "issue-tax.svg",
        "issue-parks.svg",
        "report.md",
        "report.html",
        "comparison.json",
    }
    assert set(names) == expected
    assert len(names) == len(expected)
    assert names == list(output_names(c))
    assert sorted(p.name for p in result.out_dir.iterdir()) == sorted(expected)
    for path in result.files:
        assert path.parent == result.out_dir
        data = path.read_bytes()
        if path.suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n"), path
        elif path.suffix == ".svg":
            assert b"<svg" in data and data.rstrip().endswith(b"</svg>"), path
        elif path.suffix == ".dot":
            assert data.lstrip().startswith(b"digraph"), path


def test_report_and_json_contents(built: tuple[Comparison, BuildResult]) -> None:
    c, result = built
    out = result.out_dir
    assert (out / "report.md").read_text(encoding="utf-8") == report.markdown(c)
    page = (out / "report.html").read_text(encoding="utf-8")
    svg = (out / "comparison-summary.svg").read_text(encoding="utf-8")
    assert page == report.html(c, svg)
    assert "<figure" in page and "<svg" in page
    doc = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in doc["maps"]] == list(c.map_ids)
    assert "comparison" in doc
    assert result.summary == c.summary()


def test_build_is_deterministic(built: tuple[Comparison, BuildResult], tmp_path: Path) -> None:
    c, first = built
    second = build_comparison(c, tmp_path)
    for a, b in zip(first.files, second.files, strict=True):
        assert a.name == b.name
        if a.suffix != ".png":  # PNG bytes may carry renderer details; the rest must not vary
            assert a.read_bytes() == b.read_bytes(), a.name


def test_clashing_output_names_are_refused(tmp_path: Path) -> None:
    c = small_comparison()
    clash = MapBuilder("comparison-summary").statement("X: t", "T.", Role.THESIS, quote="t")
    bad = attrs.evolve(c, maps=(*c.maps, clash.build()))
    with pytest.raises(ArgmapError, match="comparison-summary"):
        build_comparison(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ArgmapError, match="is a file"):
        build_comparison(small_comparison(), target)


def test_format_summary(built: tuple[Comparison, BuildResult]) -> None:
    c, result = built
    lines = format_summary(result).splitlines()
    assert len(lines) == 3
    s = c.summary()
    assert lines[0].split()[:2] == ["issues:", str(s.issues)]
    assert lines[1].split()[:2] == ["agreements:", str(s.agreements)]
    assert f"{s.partial} partial" in lines[1]
    assert lines[2].split() == ["conflicts:", str(s.conflicts)]
    assert format_summary(result.summary) == format_summary(result)
