"""Reported views, asides and undercuts in the drawings and the report (issue 10's fixture)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from argmap.compare import Comparison, Correspondence, CorrespondenceType, Ref
from argmap.formats import argdown
from argmap.model import MapBuilder, Role
from argmap.render import map_graph, svg
from argmap.render.report import html, markdown

SVG = "{http://www.w3.org/2000/svg}"
AGREE = CorrespondenceType.AGREE
FIXTURE = Path(__file__).parent / "fixtures" / "argdown" / "conventions-views.argdown"


def nodes(root: ET.Element, css: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if css in (g.get("class") or "").split()]


def text(element: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def test_reported_view_is_marked_on_its_first_line_with_a_dashed_border() -> None:
    m = argdown.load(FIXTURE)
    for detail in ("summary", "full"):
        root = ET.fromstring(svg(map_graph(m, detail=detail)))
        [reported] = nodes(root, "reported")
        assert text(reported)[0] == "reported: critics (rejected)"
        outline = next(e for e in reported.iter() if e.tag == f"{SVG}polygon")
        assert outline.get("stroke-dasharray"), "a reported view has a dashed outline"
        [aside] = nodes(root, "aside")
        assert text(aside)[0] == "aside"
        own = [n for n in nodes(root, "statement") if n not in (reported, aside)]
        assert own and not any(t.startswith("reported") for n in own for t in text(n))
    legend = ET.fromstring(svg(map_graph(m)))
    assert nodes(legend, "legend-reported") and nodes(legend, "legend-aside")


def test_undercut_of_an_argument_is_drawn_to_the_argument() -> None:
    m = argdown.load(FIXTURE)
    root = ET.fromstring(svg(map_graph(m)))
    [undercut] = nodes(root, "rel-undercut")
    title = "".join(next(undercut.iter(f"{SVG}title")).itertext())
    assert title.endswith("arg__o_survey_argument")


def test_report_names_whose_view_it_is() -> None:
    m = argdown.load(FIXTURE)
    other = MapBuilder("other").statement("X: Cars", "It is for cars.", Role.THESIS).build()
    corr = (
        Correspondence(
            "agree: cars", Ref(m.id, "O: Monument to the car"), Ref("other", "X: Cars"), AGREE
        ),
        Correspondence(
            "agree: author", Ref(m.id, "O: Author teaches planning"), Ref("other", "X: Cars"), AGREE
        ),
    )
    c = Comparison("two", "Two essays", (m, other), correspondences=corr)
    page = html(c)
    assert "reported: critics (rejected)" in page
    assert "Aside: about the author, not the bridge" in page
    assert "*reported: critics (rejected)*" in markdown(c)


def test_section_drawing_shows_only_that_section() -> None:
    m = argdown.load(Path(__file__).resolve().parent.parent / "maps" / "valiyev-2011.argdown")
    root = ET.fromstring(svg(map_graph(m, section="karabakh")))
    drawn = {"".join(next(n.iter(f"{SVG}title")).itertext()) for n in nodes(root, "statement")}
    wanted = [s for s in m.statements if s.section == "karabakh"]
    assert wanted and len(drawn) == len(wanted)


def test_essay_maps_default_drawings_are_at_most_about_2000_px_wide(tmp_path: Path) -> None:
    import struct

    from argmap.render.output import render_all

    root = Path(__file__).resolve().parent.parent / "maps"
    for name in ("valiyev-2011", "aslanli-2010"):
        m = argdown.load(root / f"{name}.argdown")
        [png] = render_all(map_graph(m), tmp_path / name, ("png",))
        width, _height = struct.unpack(">II", png.read_bytes()[16:24])
        assert width <= 2100, (name, width)  # at 72 dpi; 4,629 px before the tiers
        drawn = ET.fromstring(svg(map_graph(m)))
        assert len(nodes(drawn, "statement")) == len(m.statements)  # none dropped


def _extent(element: ET.Element) -> tuple[float, float, float, float]:
    """The bounding box of every path and polygon in ``element``."""
    import re

    xs: list[float] = []
    ys: list[float] = []
    for shape in element.iter():
        if shape.tag in (f"{SVG}path", f"{SVG}polygon"):
            raw = shape.get("d") or shape.get("points") or ""
            nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", raw)]
            xs += nums[0::2]
            ys += nums[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def test_essay_legends_are_compact_and_below_the_map() -> None:
    """The legend of a map drawn in tiers sits below every statement, at most 250 points
    tall (it was 844 tall when it shared the map's ranks)."""
    root = Path(__file__).resolve().parent.parent / "maps"
    for name in ("valiyev-2011", "aslanli-2010"):
        drawn = ET.fromstring(svg(map_graph(argdown.load(root / f"{name}.argdown"))))
        [legend] = [g for g in drawn.iter(f"{SVG}g") if g.get("id") == "cluster_legend"]
        _x0, top, _x1, bottom = _extent(legend)
        assert bottom - top <= 250, (name, bottom - top)
        lowest = max(_extent(n)[3] for n in nodes(drawn, "statement"))
        assert lowest < top, name  # SVG y grows downwards


def test_comparison_legends_are_compact() -> None:
    """The two essays' comparison legend is a short column of the roles drawn (the
    correspondence nodes name their kind): 86 x 196 points, where it was 813 x 196."""
    from argmap import compare
    from argmap.render import comparison_graph

    c = compare.load(Path(__file__).resolve().parent.parent / "maps" / "comparison.argdown")
    drawn = ET.fromstring(svg(comparison_graph(c)))
    [legend] = [g for g in drawn.iter(f"{SVG}g") if g.get("id") == "cluster_legend"]
    x0, y0, x1, y1 = _extent(legend)
    assert x1 - x0 <= 150 and y1 - y0 <= 250, (x1 - x0, y1 - y0)
    samples = [n for n in nodes(drawn, "legend") if "node" in (n.get("class") or "")]
    assert {"legend-role-thesis", "legend-role-claim"} <= {
        c for n in samples for c in (n.get("class") or "").split()
    }
