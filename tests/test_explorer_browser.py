"""The explorer in a real browser: headless Chromium (Debian's chromium and chromium-driver)
driven by selenium. Clicks a node and a passage, filters by issue, searches, opens deep links,
and checks that hostile text stays text. Screenshots go to the build folder and are copied to
.pytest-artifacts/explorer/ (git-ignored) for a person to look at."""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from browser import browser_paths, start_chrome, stop_chrome

from argmap import compare, explorer
from argmap.build import build
from argmap.compare import Comparison, Correspondence, CorrespondenceType, Issue, Position, Ref
from argmap.model import MapBuilder, Quote, Role, Source, Stance, View

ROOT = Path(__file__).resolve().parent.parent
TWO = ROOT / "maps" / "comparison.argdown"
THREE = ROOT / "maps" / "comparison-three.argdown"
ARTIFACTS = ROOT / ".pytest-artifacts" / "explorer"

pytestmark = pytest.mark.skipif(
    browser_paths() is None and not os.environ.get("CI"),
    reason="Chromium and chromedriver are not installed (make chromium)",
)


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    pytest.importorskip("selenium")
    session, profile = start_chrome()
    try:
        yield session
    finally:
        stop_chrome(session, profile)


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two essays' explorer, as ``argmap build`` writes it."""
    out = tmp_path_factory.mktemp("explorer-build")
    result = build(TWO, out, png=False)
    page = result.out_dir / "explorer.html"
    assert page in result.files
    return page


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return explorer.write(compare.load(THREE), tmp_path_factory.mktemp("three") / "three.html")


def open_page(chrome: Any, page: Path, fragment: str = "") -> None:
    chrome.get("about:blank")
    chrome.get(page.as_uri() + fragment)
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(chrome, 20).until(
        lambda d: d.execute_script("return document.documentElement.dataset.ready === 'true'")
    )
    assert chrome.execute_script("return window.argmapExplorer.ready") is True
    assert not errors(chrome)


def wait_for(chrome: Any, script: str, value: object) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(chrome, 10).until(lambda d: d.execute_script(script) == value)


def errors(chrome: Any) -> list[str]:
    return [e["message"] for e in chrome.get_log("browser") if e["level"] == "SEVERE"]


def shot(chrome: Any, page: Path, name: str) -> Path:
    """Save a screenshot beside the page and a copy under .pytest-artifacts/explorer/."""
    path = page.parent / f"{name}.png"
    chrome.save_screenshot(str(path))
    assert path.read_bytes().startswith(b"\x89PNG")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, ARTIFACTS / path.name)
    return path


def css(value: str) -> str:
    """``value`` as a quoted CSS string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


#: The diagram shown (the others stay in the page, hidden, so showing one again is quick).
SHOWN = "#diagram > .sheet:not([hidden])"


def node(chrome: Any, ref: str) -> Any:
    return chrome.find_element("css selector", f"{SHOWN} g.node[data-ref={css(ref)}]")


def shown_node(chrome: Any, ref: str) -> Any:
    """The diagram node of ``ref``, brought into view (the page's own pan and zoom)."""
    assert chrome.execute_script("return window.argmapExplorer.reveal(arguments[0])", ref)
    return node(chrome, ref)


def marks(chrome: Any, ref: str) -> list[Any]:
    found: list[Any] = chrome.find_elements("css selector", f"#texts mark[data-ref={css(ref)}]")
    return found


def selected(chrome: Any) -> list[str]:
    found: list[str] = chrome.execute_script(
        "return [...document.querySelectorAll('[aria-selected=\"true\"]')]"
        ".map(e => e.tagName.toLowerCase() + ' ' + e.getAttribute('data-ref'))"
    )
    return found


def in_view(chrome: Any, element: Any) -> bool:
    """Whether ``element`` is visible inside its scrolling text column."""
    result: bool = chrome.execute_script(
        "const e = arguments[0], r = e.getBoundingClientRect();"
        "const b = e.closest('.text-body').getBoundingClientRect();"
        "return r.bottom > b.top && r.top < b.bottom && r.right > b.left && r.left < b.right;",
        element,
    )
    return result


def click(chrome: Any, element: Any) -> None:
    """A real click at the element's centre (through the browser's input pipeline)."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(chrome).move_to_element(element).click().perform()


V_INDEPENDENT = "valiyev-2011:V: Independent course preserved"
A_SMALL = "aslanli-2010:A: Small state balancing"


def test_clicking_a_node_marks_its_passages(chrome: Any, two: Path) -> None:
    open_page(chrome, two)
    shot(chrome, two, "explorer-two-essays")
    click(chrome, shown_node(chrome, V_INDEPENDENT))
    passages = marks(chrome, V_INDEPENDENT)
    assert passages
    assert all(m.get_attribute("aria-selected") == "true" for m in passages)
    assert in_view(chrome, passages[0])
    assert node(chrome, V_INDEPENDENT).get_attribute("aria-selected") == "true"
    # the other author's side of the conflict is scrolled into view and marked as linked
    other = marks(chrome, A_SMALL)
    assert other and "linked-conflict" in (other[0].get_attribute("class") or "")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(chrome, 10).until(lambda _: in_view(chrome, other[0]))
    panel = chrome.find_element("id", "panel").text
    assert "V: Independent course preserved" in panel and "CONFLICT" in panel.upper()
    assert chrome.execute_script("return location.hash") == "#valiyev-2011/" + quote(
        "V: Independent course preserved", safe=""
    )
    shot(chrome, two, "explorer-two-essays-selected")


def test_clicking_a_passage_selects_its_node(chrome: Any, two: Path) -> None:
    open_page(chrome, two)
    passage = marks(chrome, A_SMALL)[0]
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'})", passage)
    click(chrome, passage)
    assert node(chrome, A_SMALL).get_attribute("aria-selected") == "true"
    assert chrome.find_element("css selector", "#panel h2").text == "A: Small state balancing"
    # a statement the comparison diagram does not draw: its map's diagram is shown
    evidence = chrome.execute_script(
        f"const drawn = new Set([...document.querySelectorAll('{SHOWN} [data-ref]')]"
        ".map(e => e.getAttribute('data-ref')));"
        "return [...document.querySelectorAll('#texts mark[data-ref^=\"valiyev-2011:\"]')]"
        ".map(e => e.getAttribute('data-ref')).find(r => !drawn.has(r));"
    )
    assert evidence is not None
    passage = marks(chrome, evidence)[0]
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'})", passage)
    click(chrome, passage)
    # the texts and the panel answer at once, the map's diagram follows a frame later
    title = evidence.split(":", 1)[1]
    assert chrome.find_element("css selector", "#panel h2").text == title
    wait_for(chrome, "return document.getElementById('diagram-select').value", "map:valiyev-2011")
    # shown once it is built (at once when the page has built it in idle time)
    wait_for(
        chrome, f"return document.querySelector('{SHOWN}').dataset.diagram", "map:valiyev-2011"
    )
    assert node(chrome, evidence).get_attribute("aria-selected") == "true"
    assert {f"g {evidence}", f"mark {evidence}"} == set(selected(chrome))


def drawn_nodes(page: Path) -> dict[str, int]:
    """The number of nodes of each diagram the page holds, by key (read from the page)."""
    text = page.read_text(encoding="utf-8")
    found = re.search(
        r'<script type="application/json" id="argmap-data">(.*?)</script>', text, re.S
    )
    assert found is not None
    counts = {}
    for n, d in enumerate(json.loads(found.group(1))["diagrams"]):
        mo = re.search(rf'id="argmap-svg-{n}"( data-encoding="gzip")?>(.*?)</script>', text, re.S)
        assert mo is not None
        value = json.loads(mo.group(2))
        svg = gzip.decompress(base64.b64decode(value)).decode() if mo.group(1) else value
        counts[d["key"]] = svg.count('class="node')
    return counts


def test_every_diagram_is_built_once_whole_and_one_is_shown(chrome: Any, two: Path) -> None:
    expected = drawn_nodes(two)
    open_page(chrome, two)
    # a passage clicked at once: its map's diagram is built first if need be, then shown
    evidence = chrome.execute_script(
        f"const drawn = new Set([...document.querySelectorAll('{SHOWN} [data-ref]')]"
        ".map(e => e.getAttribute('data-ref')));"
        "return [...document.querySelectorAll('#texts mark[data-ref^=\"aslanli-2010:\"]')]"
        ".map(e => e.getAttribute('data-ref')).find(r => !drawn.has(r));"
    )
    passage = marks(chrome, evidence)[0]
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'})", passage)
    click(chrome, passage)
    wait_for(
        chrome, f"return document.querySelector('{SHOWN}').dataset.diagram", "map:aslanli-2010"
    )
    wait_for(chrome, "return performance.getEntriesByName('argmap-diagrams-built').length", 1)
    built = chrome.execute_script(
        "return [...document.querySelectorAll('#diagram > .sheet')].map((s) =>"
        " [s.dataset.diagram, s.hidden, s.querySelectorAll('g.node').length])"
    )
    assert sorted(key for key, _, _ in built) == sorted(expected)
    assert [key for key, hidden, _ in built if not hidden] == ["map:aslanli-2010"]
    assert {key: count for key, _, count in built} == expected
    chrome.execute_script("window.argmapExplorer.showDiagram('comparison')")
    assert len(chrome.find_elements("css selector", "#diagram > .sheet")) == len(expected)
    assert not errors(chrome)


def test_filter_by_issue(chrome: Any, two: Path) -> None:
    from selenium.webdriver.support.ui import Select

    open_page(chrome, two)
    Select(chrome.find_element("id", "issue-filter")).select_by_value("drift")
    assert chrome.find_element("id", "diagram-select").get_attribute("value") == "issue:drift"
    inside = marks(chrome, "aslanli-2010:A: Move towards Russia")
    outside = marks(chrome, "valiyev-2011:V: Yeltsin-era frictions")
    assert inside and outside
    assert "dim" not in (inside[0].get_attribute("class") or "")
    assert "dim" in (outside[0].get_attribute("class") or "")
    shown = chrome.find_element("id", "shown-count").text
    assert shown.endswith("statements shown") and not shown.startswith("113 of")
    shot(chrome, two, "explorer-two-essays-issue-drift")
    Select(chrome.find_element("id", "issue-filter")).select_by_value("")
    assert chrome.find_element("id", "diagram-select").get_attribute("value") == "comparison"
    assert "dim" not in (outside[0].get_attribute("class") or "")


def test_search(chrome: Any, two: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(chrome, two)
    box = chrome.find_element("id", "search")
    box.send_keys("Finlandization")
    box.send_keys(Keys.ENTER)
    count = chrome.find_element("id", "search-count").text
    assert count.endswith("match") or count.endswith("matches")
    first = chrome.execute_script("return window.argmapExplorer.selected()")
    assert first is not None
    text = chrome.execute_script(
        "const s = JSON.parse(document.getElementById('argmap-data').textContent)"
        ".statements.find(x => x.ref === arguments[0]);"
        "return (s.text + s.quotes.map(q => q.text).join(' ') + s.id).toLowerCase()",
        first,
    )
    assert "finlandization" in text
    dimmed = marks(chrome, "valiyev-2011:V: Yeltsin-era frictions")[0]
    assert "dim" in (dimmed.get_attribute("class") or "")
    box.send_keys(Keys.ESCAPE)
    assert chrome.find_element("id", "search-count").text == ""


def test_deep_link_opens_with_the_statement_selected(chrome: Any, two: Path) -> None:
    ref = "valiyev-2011:V: Putin stage pragmatic"
    open_page(chrome, two, "#valiyev-2011/" + quote("V: Putin stage pragmatic", safe=""))
    assert chrome.execute_script("return window.argmapExplorer.selected()") == ref
    assert node(chrome, ref).get_attribute("aria-selected") == "true"
    assert all(m.get_attribute("aria-selected") == "true" for m in marks(chrome, ref))
    assert in_view(chrome, marks(chrome, ref)[0])
    # a link in the panel jumps to the other side
    link = chrome.find_element(
        "css selector", f"#panel a[data-goto={css('aslanli-2010:A: Putin-era rapprochement')}]"
    )
    link.click()
    assert chrome.execute_script("return window.argmapExplorer.selected()") == (
        "aslanli-2010:A: Putin-era rapprochement"
    )
    assert chrome.execute_script("return location.hash").startswith("#aslanli-2010/")


def test_keyboard_and_zoom(chrome: Any, two: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(chrome, two)
    chrome.find_element("tag name", "body").click()
    ActionChains(chrome).send_keys("j").perform()
    first = chrome.execute_script("return window.argmapExplorer.selected()")
    assert first == "valiyev-2011:V: Silent diplomacy"
    ActionChains(chrome).send_keys("j").perform()
    assert chrome.execute_script("return window.argmapExplorer.selected()") != first
    ActionChains(chrome).send_keys(Keys.ESCAPE).perform()
    assert chrome.execute_script("return window.argmapExplorer.selected()") is None
    assert selected(chrome) == []
    # the drawing's width on screen, and whether it lies inside the diagram's box
    box = (
        f"const r = document.querySelector('{SHOWN} svg').getBoundingClientRect(),"
        " b = document.getElementById('diagram').getBoundingClientRect();"
        "return [Math.round(r.width), r.left >= b.left - 1 && r.right <= b.right + 1"
        " && r.top >= b.top - 1 && r.bottom <= b.bottom + 1];"
    )
    zoomed_in = chrome.execute_script(box)  # selecting zoomed in on the node
    ActionChains(chrome).send_keys("0").perform()
    fitted = chrome.execute_script(box)
    assert fitted[1] is True and fitted[0] < zoomed_in[0]
    chrome.find_element("id", "zoom-in").click()
    zoomed = chrome.execute_script(box)
    assert zoomed[0] > fitted[0]
    chrome.find_element("id", "zoom-fit").click()
    assert chrome.execute_script(box) == fitted


def test_three_authors(chrome: Any, three: Path) -> None:
    open_page(chrome, three)
    columns = chrome.find_elements("css selector", "#texts .text-col")
    assert [c.get_attribute("data-map") for c in columns] == [
        "valiyev-2011",
        "aslanli-2010",
        "tutorial-2026",
    ]
    ref = "tutorial-2026:T: Baku hedges"
    click(chrome, shown_node(chrome, ref))
    assert all(m.get_attribute("aria-selected") == "true" for m in marks(chrome, ref))
    assert marks(chrome, ref)
    shot(chrome, three, "explorer-three-way-selected")


def test_single_map(chrome: Any, tmp_path: Path) -> None:
    page = explorer.write(
        explorer.load(ROOT / "maps" / "valiyev-2011.argdown"), tmp_path / "v.html"
    )
    open_page(chrome, page, "#valiyev-2011/" + quote("V: Silent diplomacy", safe=""))
    assert len(chrome.find_elements("css selector", "#texts .text-col")) == 1
    assert not chrome.find_elements("id", "issue-filter")
    assert node(chrome, "valiyev-2011:V: Silent diplomacy").get_attribute("aria-selected") == (
        "true"
    )
    shot(chrome, page, "explorer-single-map")


EVIL = (
    '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2"> & \u2028 \U0001f600'
)


def hostile() -> tuple[Comparison, dict[str, str]]:
    """Two maps whose ids, texts, quotes, titles and rationale all carry ``EVIL``."""
    text_a = f"Intro {EVIL} and then: we must tax land {EVIL} today."
    start = text_a.index("we must")
    quote_a = f"we must tax land {EVIL}"
    sid = 'A: "<b>bold</b>"'
    a = (
        MapBuilder("alpha", f"Alpha {EVIL}", Source("a.txt", title=EVIL, author=EVIL, year=2020))
        .section("s", EVIL)
        .statement(sid, EVIL, Role.THESIS, quote=Quote(quote_a, start, start + len(quote_a)))
        .statement(
            "A: plain",
            "Plain.",
            Role.CLAIM,
            quote="today",
            note=EVIL,
            view=View(EVIL, Stance.REJECTS),
            aside=EVIL,
        )
        .support("A: plain", sid)
        .build()
    )
    b = MapBuilder("beta", "Beta").statement("B: t", EVIL, Role.THESIS, quote="no").build()
    c = Comparison(
        "evil",
        EVIL,
        (a, b),
        (Issue("i", EVIL, (Position("alpha", (Ref("alpha", sid),), EVIL),)),),
        (
            Correspondence(
                "k",
                Ref("alpha", sid),
                Ref("beta", "B: t"),
                CorrespondenceType.CONFLICT,
                EVIL,
                issue="i",
            ),
        ),
    )
    return c, {"alpha": text_a, "beta": f"{EVIL} no"}


def test_hostile_text_stays_inert(chrome: Any, tmp_path: Path) -> None:
    c, texts = hostile()
    page = explorer.write(c, tmp_path / "evil.html", texts=texts)
    sid = 'A: "<b>bold</b>"'
    open_page(chrome, page, "#alpha/" + quote(sid, safe=""))
    assert chrome.execute_script("return window.__pwned") is None
    assert chrome.execute_script("return document.querySelectorAll('img, b').length") == 0
    diagrams = 1 + len(c.issues) + len(c.maps)  # comparison, issues, maps
    assert chrome.execute_script("return document.scripts.length") == 1 + diagrams + 1
    ref = f"alpha:{sid}"
    assert node(chrome, ref).get_attribute("aria-selected") == "true"
    assert chrome.find_element("css selector", "#panel h2").text == sid
    panel = chrome.execute_script("return document.getElementById('panel').textContent")
    assert EVIL in panel
    passage = "".join(m.get_attribute("textContent") for m in marks(chrome, ref))
    assert passage == f"we must tax land {EVIL}"  # offsets past an emoji land right
    svg_text = chrome.execute_script(f"return document.querySelector('{SHOWN} svg').textContent")
    assert "<script>window.__pwned=1</script>" in svg_text
    chrome.execute_script("window.argmapExplorer.select('alpha:A: plain')")
    panel = chrome.execute_script("return document.getElementById('panel').textContent")
    assert f"Reported view of {EVIL}; the author rejects it." in panel
    assert f"Aside: {EVIL}" in panel
    assert "reported" in (marks(chrome, "alpha:A: plain")[0].get_attribute("class") or "")
    chrome.execute_script("window.argmapExplorer.search(arguments[0])", "<script>")
    assert chrome.execute_script("return window.__pwned") is None
    assert not errors(chrome)
    shot(chrome, page, "explorer-hostile")
