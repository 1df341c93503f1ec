"""The build pipeline: every promised file, written deterministically, with the summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest
from comparison_fixture import HOSTILE, small_comparison

from argmap import compare
from argmap.build import BuildResult, build, build_comparison, format_summary, output_names
from argmap.compare import Comparison
from argmap.errors import ArgmapError
from argmap.model import MapBuilder, Role
from argmap.render import dot, report

REAL = Path(__file__).resolve().parent.parent / "maps" / "comparison.argdown"


@pytest.fixture(scope="module")
def real() -> Comparison:
    return compare.load(REAL)


@pytest.fixture(scope="module")
def built(real: Comparison, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(REAL, tmp_path_factory.mktemp("build") / "nested" / "out")


def expected_names(c: Comparison, png: bool = True) -> set[str]:
    kinds = ("svg", "png", "dot") if png else ("svg", "dot")
    return {
        *(f"{m.id}.{ext}" for m in c.maps for ext in kinds),
        *(f"comparison-summary.{ext}" for ext in kinds),
        "comparison-full.svg",
        "comparison-full.dot",
        *(f"issue-{i.id}.svg" for i in c.issues),
        *(f"{stem}.{ext}" for stem in ("matrix", "network") for ext in kinds),
        "matrix.csv",
        "network.graphml",
        *(f"network-{k}.csv" for k in ("agree", "partial", "conflict")),
        "report.md",
        "report.html",
        "comparison.json",
        "explorer.html",
    }


def check_files(result: BuildResult, expected: set[str]) -> None:
    names = [p.name for p in result.files]
    assert len(names) == len(set(names)) == len(expected)
    assert set(names) == expected
    # Besides the outputs, only the build's hidden lock and list of files written.
    listed = sorted(p.name for p in result.out_dir.iterdir())
    assert listed == sorted([*expected, ".argmap-build.json", ".argmap-build.lock"])
    for path in result.files:
        assert path.parent == result.out_dir
        data = path.read_bytes()
        if path.suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n"), path
        elif path.suffix == ".svg":
            assert b"<svg" in data and data.rstrip().endswith(b"</svg>"), path
        elif path.suffix == ".dot":
            assert data.lstrip().startswith(b"digraph"), path


def test_real_build_writes_every_promised_file(real: Comparison, built: BuildResult) -> None:
    assert len(real.maps) == 2 and real.issues  # the two essays, with issues to draw
    check_files(built, expected_names(real))
    assert [p.name for p in built.files] == list(output_names(real))


def test_real_report_and_json(real: Comparison, built: BuildResult) -> None:
    out = built.out_dir
    images = report.Images.of(real)
    assert (out / "report.md").read_text(encoding="utf-8") == report.markdown(real, images)
    for name in (images.matrix, images.network, *(n for _, n in images.issues)):
        assert (out / name).is_file(), name  # report.md links only files written beside it
    page = (out / "report.html").read_text(encoding="utf-8")

    def read(stem: str) -> str:
        return (out / f"{stem}.svg").read_text(encoding="utf-8")

    figures = report.Figures(
        read("matrix"), read("network"), tuple((i.id, read(f"issue-{i.id}")) for i in real.issues)
    )
    assert page == report.html(real, read("comparison-summary"), figures)
    assert page.count("<svg") == 3 + len(real.issues)
    assert "<figure" in page and "<svg" in page
    doc = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in doc["maps"]] == list(real.map_ids)
    assert len(doc["comparison"]["correspondences"]) == len(real.correspondences)
    assert built.summary == real.summary()


def test_build_is_deterministic_without_png(built: BuildResult, tmp_path: Path) -> None:
    again = build(REAL, tmp_path, png=False)
    by_name = {p.name: p for p in built.files}
    assert again.files
    for path in again.files:
        assert path.suffix != ".png"
        if path.name == "report.md":  # links the SVGs where there are no PNGs
            assert "](matrix.svg)" in path.read_text(encoding="utf-8")
            continue
        assert path.read_bytes() == by_name[path.name].read_bytes(), path.name


def test_unchanged_drawings_are_kept_and_changed_ones_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second build into the same folder lays out only what changed: a drawing whose DOT
    source is the same and whose files are as the last build wrote them is kept; a damaged
    image or a changed map is drawn again. The files are the same bytes as a fresh build's."""
    from argmap.render import output

    drawn: list[str] = []
    real_render_all = output.render_all

    def counting(graph: object, stem: Path, formats: object) -> object:
        drawn.append(Path(stem).name)
        return real_render_all(graph, stem, formats)  # type: ignore[arg-type]

    c = small_comparison()
    first = build_comparison(c, tmp_path / "out")
    before = {p.name: p.read_bytes() for p in first.files}
    monkeypatch.setattr(output, "render_all", counting)

    build_comparison(c, tmp_path / "out")
    assert drawn == []
    assert {p.name: p.read_bytes() for p in first.files} == before

    (tmp_path / "out" / "matrix.png").write_bytes(b"not a png")
    build_comparison(c, tmp_path / "out")
    assert drawn == ["matrix"]
    assert (tmp_path / "out" / "matrix.png").read_bytes() == before["matrix.png"]

    drawn.clear()
    m = c.maps[0]
    s = m.statements[0]
    changed = attrs.evolve(
        c,
        maps=(
            attrs.evolve(m, statements=(attrs.evolve(s, text="Changed."), *m.statements[1:])),
            *c.maps[1:],
        ),
    )
    again = build_comparison(changed, tmp_path / "out")
    assert m.id in drawn and "network" not in drawn
    fresh = build_comparison(changed, tmp_path / "fresh")
    for a, b in zip(again.files, fresh.files, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_small_hostile_comparison_builds(tmp_path: Path) -> None:
    c = small_comparison(HOSTILE)
    result = build_comparison(c, tmp_path / "out")
    check_files(result, expected_names(c))
    assert "<script>" not in (result.out_dir / "report.html").read_text(encoding="utf-8")


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


def test_missing_comparison_file_is_an_argmap_error(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError):
        build(tmp_path / "nowhere.argdown", tmp_path / "out")


def test_format_summary(real: Comparison, built: BuildResult) -> None:
    lines = format_summary(built).splitlines()
    assert len(lines) == 3
    s = real.summary()
    assert lines[0].split()[:2] == ["issues:", str(s.issues)]
    assert lines[1].split()[:2] == ["agreements:", str(s.agreements)]
    assert f"{s.partial} partial" in lines[1]
    assert lines[2].split() == ["conflicts:", str(s.conflicts)]
    assert format_summary(built.summary) == format_summary(built)


def test_readme_figure_is_up_to_date() -> None:
    committed = (
        Path(__file__).resolve().parent.parent / "docs" / "images" / "comparison-summary.dot"
    )
    fresh = dot.comparison_graph(compare.load(REAL)).source.encode("utf-8")
    assert committed.is_file(), f"{committed} is missing: run `make demo`"
    assert committed.read_bytes() == fresh, (
        f"{committed} is stale against maps/: run `make demo` to refresh the README figure"
    )


def test_figure_dir_gets_the_summary_svg_and_dot(tmp_path: Path) -> None:
    c = small_comparison()
    result = build_comparison(c, tmp_path / "out", png=False, figure_dir=tmp_path / "fig")
    for ext in ("svg", "dot"):
        name = f"comparison-summary.{ext}"
        assert (tmp_path / "fig" / name).read_bytes() == (result.out_dir / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "fig").iterdir()) == [
        "comparison-summary.dot",
        "comparison-summary.svg",
    ]


def test_report_md_links_the_issue_drawings_the_build_writes(tmp_path: Path) -> None:
    """An issue id with accents and punctuation: report.md links the file the build wrote
    (one slug rule names both), and issue drawings are SVG only."""
    c = small_comparison()
    odd = "Qarabağ \u2013 Baku?"
    c = attrs.evolve(
        c,
        issues=tuple(attrs.evolve(i, id=odd) if i.id == "tax" else i for i in c.issues),
        correspondences=tuple(
            attrs.evolve(x, issue=odd) if x.issue == "tax" else x for x in c.correspondences
        ),
    )
    result = build_comparison(c, tmp_path)
    names = {p.name for p in result.files}
    assert "issue-qarabag-baku.svg" in names
    assert not any(n.startswith("issue-") and n.endswith(".png") for n in names)
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+\.(?:png|svg))\)", text)
    assert "issue-qarabag-baku.svg" in links
    for link in links:
        assert (tmp_path / link).is_file(), link
