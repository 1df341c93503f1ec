"""The explorer page without a browser: its data, the tags on the diagram nodes, the escaping
of the embedded JSON, the offline guarantees, and the command line."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from comparison_fixture import HOSTILE, small_comparison

from argmap import compare, explorer
from argmap.cli import main
from argmap.explorer.data import explorer_data, utf16_offsets
from argmap.explorer.diagrams import diagrams, node_refs, tag_nodes
from argmap.explorer.page import script_json, svg_pieces
from argmap.model import MapBuilder, Quote, Role
from argmap.quotes import verify

ROOT = Path(__file__).resolve().parent.parent
TWO = ROOT / "maps" / "comparison.argdown"
THREE = ROOT / "maps" / "comparison-three.argdown"


def embedded(page: str, ident: str) -> object:
    found = re.search(rf'<script type="application/json" id="{ident}">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def two_page() -> str:
    return explorer.explorer_html(compare.load(TWO))


def test_script_json_cannot_close_its_element() -> None:
    value = {"t": "</script><!-- & \u2028\u2029 <b>", "k": ["]]>"]}
    text = script_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_utf16_offsets_count_astral_characters_twice() -> None:
    text = "a\U0001f600b\U0001f600c"
    assert utf16_offsets(text, [0, 1, 2, 3, 4, 5]) == [0, 1, 3, 4, 6, 7]
    assert utf16_offsets("plain", [0, 5]) == [0, 5]


def test_every_statement_node_of_every_diagram_carries_its_reference() -> None:
    c = compare.load(THREE)
    refs = {f"{m.id}:{s.id}" for m in c.maps for s in m.statements}
    refs |= {f"{m.id}:{a.id}" for m in c.maps for a in m.arguments}
    drawn = diagrams(c)
    assert [d.key for d in drawn][:1] == ["comparison"]
    assert {d.key for d in drawn} >= {f"map:{m.id}" for m in c.maps}
    for d in drawn:
        nodes = re.findall(r'<g id="[^"]+" class="node ([^"]*)"([^>]*)>', d.svg)
        drawn_nodes = [(css, rest) for css, rest in nodes if "legend" not in css]
        statements = [
            rest for css, rest in drawn_nodes if css.startswith(("statement", "argument"))
        ]
        assert statements, d.key
        for rest in statements:
            found = re.search(r'data-ref="([^"]*)"', rest)
            assert found is not None, (d.key, rest)
            assert html.unescape(found.group(1)) in refs
        corr = [rest for css, rest in drawn_nodes if css.startswith("corr")]
        assert all("data-corr=" in rest for rest in corr), d.key
    for m in c.maps:  # a map's own diagram draws every statement of it
        own = next(d for d in drawn if d.key == f"map:{m.id}")
        assert own.svg.count('data-ref="') == len(m.statements) + len(m.arguments)


def test_every_drawing_is_cut_into_pieces_that_make_it_again() -> None:
    for d in diagrams(compare.load(THREE)):
        shell, *pieces = svg_pieces(d.svg, size=2000)
        assert pieces, d.key
        body = "".join(pieces)
        assert body.startswith("<g id=")
        at = d.svg.index(body)
        assert shell == d.svg[:at] + d.svg[at + len(body) :]
        nodes = [p.count('class="node') for p in pieces]
        assert sum(nodes) == d.svg.count('class="node')
        # a piece holds whole top-level groups: as many opened as closed
        assert all(len(re.findall(r"<g[\s>]", p)) == p.count("</g>") for p in pieces)
    assert svg_pieces("<svg><text>no group</text></svg>") == ["<svg><text>no group</text></svg>"]


def test_shared_slugs_are_told_apart() -> None:
    m = (
        MapBuilder("m")
        .statement("T: a", "first", Role.THESIS)
        .statement("T a", "second", Role.CLAIM)
        .support("T a", "T: a")
        .build()
    )
    svg = next(d.svg for d in diagrams(m))
    tags = re.findall(r'<g id="([^"]+)" class="node[^"]*" data-ref="([^"]*)"', svg)
    assert sorted(ref for _, ref in tags) == ["m:T a", "m:T: a"]
    assert len({ident for ident, _ in tags}) == 2
    assert tag_nodes('<g id="s_t_a" class="node statement">', node_refs(m, comparison=False))


def test_data_places_every_quote_of_the_two_essays(two_page: str) -> None:
    data = embedded(two_page, "argmap-data")
    assert isinstance(data, dict)
    assert data["kind"] == "comparison" and [m["id"] for m in data["maps"]] == [
        "valiyev-2011",
        "aslanli-2010",
    ]
    texts = {m["id"]: m["text"] for m in data["maps"]}
    quotes = [(s["map"], q) for s in data["statements"] for q in s["quotes"]]
    assert quotes and all(q["start"] is not None for _, q in quotes)
    # the texts have no characters outside the BMP, so offsets are the model's
    c = compare.load(TWO)
    model = {(m.id, q.text): (q.start, q.end) for m in c.maps for _, q in m.quotes()}
    for map_id, q in quotes:
        assert (q["start"], q["end"]) == model[(map_id, q["text"])]
        assert verify(texts[map_id], Quote(q["text"], q["start"], q["end"]))
    assert len(data["correspondences"]) == len(c.correspondences)
    assert data["diagrams"][0]["key"] == "comparison"


def test_unplaced_quotes_and_missing_texts_are_listed_not_fatal() -> None:
    m = (
        MapBuilder("m", "M")
        .statement("T", "Tax.", Role.THESIS, quote=["tax land", Quote("elsewhere", 100, 109)])
        .build()
    )
    data = explorer_data(m, {"m": "We tax land here."})
    quotes = data["statements"][0]["quotes"]
    assert quotes == [
        {"text": "tax land", "start": 3, "end": 11},
        {"text": "elsewhere", "start": None, "end": None},
    ]
    assert explorer_data(m)["maps"][0]["text"] is None  # built in Python: no file to read


def test_page_is_offline_and_hostile_text_is_only_data(tmp_path: Path) -> None:
    c = small_comparison(HOSTILE)
    page = explorer.explorer_html(c, texts={"alpha-2011": f"0123456789we must tax land {HOSTILE}"})
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts[-1] == "" and all('type="application/json"' in s for s in scripts[:-1])
    assert page.count("<script") == page.count("</script>") == len(scripts)
    assert "<script>alert" not in page
    head = page[: page.index("</head>")]
    assert "default-src 'none'" in head and "connect-src 'none'" in head
    # nothing is fetched: no src or href attribute, no url() in the style
    assert not re.search(r"\s(src|href)\s*=", page)
    assert "url(" not in page and "@import" not in page
    data = embedded(page, "argmap-data")
    assert isinstance(data, dict)
    assert HOSTILE in data["statements"][0]["text"]


def test_page_is_deterministic() -> None:
    c = small_comparison()
    assert explorer.explorer_html(c) == explorer.explorer_html(c)


def test_cli_explore_writes_a_map_or_a_comparison(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "three.html"
    assert main(["explore", str(THREE), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    data = embedded(out.read_text(encoding="utf-8"), "argmap-data")
    assert isinstance(data, dict) and len(data["maps"]) == 3
    single = tmp_path / "one.html"
    assert main(["explore", str(ROOT / "maps" / "valiyev-2011.argdown"), "-o", str(single)]) == 0
    data = embedded(single.read_text(encoding="utf-8"), "argmap-data")
    assert isinstance(data, dict) and data["kind"] == "map" and data["issues"] == []


def test_cli_explore_reports_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.argdown"
    assert main(["explore", str(missing), "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()
