"""How fast the explorer opens and answers a click, in headless Chromium.

Generates a comparison of MAPS maps with STATEMENTS statements in all (default 10 and 5,000),
each statement quoting its own synthetic source text, with issues and correspondences; writes
its explorer page; then opens the page from disk in headless Chromium (Debian's chromium and
chromium-driver, driven by selenium) several times and measures:

* open: from navigation start until the page is interactive (its script has built the texts,
  the filters and the first diagram: the ``argmap-ready`` performance mark), and until the
  frame after that has been painted (``argmap-painted``);
* click: from the click event (its ``timeStamp``) until the handlers are done, and until the
  next frame, for clicks on diagram nodes, on highlighted passages, and on passages whose
  statement the current diagram does not draw (the page then parses its map's diagram).

The competitor is Chromium itself on the same drawings: the comparison diagram and the largest
map diagram opened as plain SVG files (until their load event and the next painted frame),
which is what a reader gets without the explorer.

Goals (issue 12): open in at most 2 s, a click answered in under 100 ms. Not a timed test:
run ``python benchmarks/bench_explorer.py`` and read the figures.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import start_chrome, stop_chrome  # noqa: E402

from argmap.compare import (  # noqa: E402
    Comparison,
    Correspondence,
    CorrespondenceType,
    Issue,
    Position,
    Ref,
)
from argmap.explorer.data import explorer_data  # noqa: E402
from argmap.explorer.diagrams import diagrams  # noqa: E402
from argmap.explorer.page import page  # noqa: E402
from argmap.model import MapBuilder, Quote, Role, Source  # noqa: E402

WORDS = tuple(
    [
        "balance",
        "power",
        "energy",
        "pipeline",
        "border",
        "policy",
        "treaty",
        "west",
        "east",
        "region",
        "security",
        "trade",
        "army",
        "election",
        "reform",
        "pressure",
        "partner",
        "rival",
        "market",
        "investment",
        "dialogue",
        "conflict",
        "neutral",
        "alliance",
        "summit",
        "visit",
        "gas",
        "oil",
        "route",
        "diplomacy",
        "sovereignty",
        "influence",
    ]
)

CLAIMS_EVERY = 10  # every tenth statement is a claim, the rest evidence for it


def generate(maps: int, statements: int, seed: int = 12) -> tuple[Comparison, dict[str, str]]:
    """A comparison of ``maps`` maps, ``statements`` statements in all, with texts."""
    rnd = random.Random(seed)
    per_map = statements // maps
    built = []
    texts: dict[str, str] = {}
    claims: dict[str, list[str]] = {}
    for k in range(maps):
        mid = f"author-{k:02d}"
        b = MapBuilder(
            mid,
            f"Essay {k}",
            Source(f"{mid}.txt", title=f"Essay {k}", author=f"Author {k}", year=2000 + k),
        )
        parts: list[str] = []
        size = 0
        ids: list[str] = []
        for i in range(per_map):
            if i % 50 == 0:
                b.section(f"s{i // 50}", f"Part {i // 50 + 1}")
                parts.append(f"\n\nPart {i // 50 + 1}\n\n")
                size += len(parts[-1])
            words = [rnd.choice(WORDS) for _ in range(rnd.randint(14, 26))]
            sentence = f"Point {k}.{i}: " + " ".join(words) + ". "
            lead = len(f"Point {k}.{i}: ")
            quoted = " ".join(words[2:12])
            start = size + lead + len(" ".join(words[:2])) + 1
            parts.append(sentence + ("\n" if i % 5 == 4 else ""))
            size += len(parts[-1])
            sid = f"A{k}: S{i}"
            ids.append(sid)
            role = Role.THESIS if i == 0 else Role.CLAIM if i % CLAIMS_EVERY == 1 else Role.EVIDENCE
            b.statement(
                sid,
                f"Statement {i} of author {k}: " + " ".join(words[:9]),
                role,
                quote=Quote(quoted, start, start + len(quoted)),
            )
        for i in range(1, per_map):
            target = (
                ids[0] if i % CLAIMS_EVERY == 1 else ids[(i // CLAIMS_EVERY) * CLAIMS_EVERY + 1]
            )
            if i % 17 == 0:
                b.attack(ids[i], target)
            else:
                b.support(ids[i], target)
        built.append(b.build())
        texts[mid] = "".join(parts)
        claims[mid] = [s for n, s in enumerate(ids) if n % CLAIMS_EVERY == 1]
    issues = []
    corrs = []
    kinds = list(CorrespondenceType)
    for j in range(min(20, per_map // CLAIMS_EVERY)):
        iid = f"q{j}"
        positions = [Position(m.id, (Ref(m.id, claims[m.id][j]),), f"Answer {j}") for m in built]
        issues.append(Issue(iid, f"Question {j}: {' '.join(rnd.sample(WORDS, 5))}?", positions))
        for k in range(maps - 1):
            a, b2 = built[k].id, built[k + 1].id
            corrs.append(
                Correspondence(
                    f"K{j}-{k}",
                    Ref(a, claims[a][j]),
                    Ref(b2, claims[b2][j]),
                    kinds[(j + k) % 3],
                    f"Rationale {j}-{k}",
                    issue=iid,
                )
            )
    c = Comparison(
        "bench", f"Benchmark: {maps} maps, {statements} statements", built, issues, corrs
    )
    return c, texts


def _wait_ready(chrome: Any, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if chrome.execute_script(
            "return performance.getEntriesByName('argmap-painted').length > 0"
        ):
            return
        time.sleep(0.02)
    raise RuntimeError("the page did not become ready")


def _mark(chrome: Any, name: str) -> float:
    value: float = chrome.execute_script(
        "return performance.getEntriesByName(arguments[0])[0].startTime", name
    )
    return value


def open_page(chrome: Any, path: Path) -> tuple[float, float]:
    chrome.get("about:blank")
    chrome.get(path.as_uri())
    _wait_ready(chrome)
    return _mark(chrome, "argmap-ready"), _mark(chrome, "argmap-painted")


def open_svg(chrome: Any, path: Path) -> tuple[float, float]:
    chrome.get("about:blank")
    chrome.get(path.as_uri())
    result: list[float] = chrome.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const load = performance.getEntriesByType('navigation')[0].loadEventEnd;"
        "requestAnimationFrame(() => setTimeout(() => done([load, performance.now()])));"
    )
    return result[0], result[1]


_LATENCY = """
window.__lat = [];
let t0 = null;
document.addEventListener('click', (ev) => { t0 = ev.timeStamp; }, true);
window.addEventListener('click', () => {
  if (t0 === null) return;
  const s = t0;
  t0 = null;
  const handled = performance.now() - s;
  requestAnimationFrame(() => setTimeout(() =>
    window.__lat.push([handled, performance.now() - s])));
});
"""


def clicks(chrome: Any, selector: str, count: int, seed: int) -> list[tuple[float, float]]:
    """Click ``count`` random elements matching ``selector``; their latencies (ms)."""
    from selenium.webdriver.common.action_chains import ActionChains

    chrome.execute_script(_LATENCY)
    refs: list[str] = chrome.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute('data-ref'))",
        selector,
    )
    rnd = random.Random(seed)
    chosen = rnd.sample(sorted(set(refs)), min(count, len(set(refs))))
    for ref in chosen:
        quoted = ref.replace("\\", "\\\\").replace('"', '\\"')
        element = chrome.find_element("css selector", f'{selector}[data-ref="{quoted}"]')
        chrome.execute_script(
            "if (arguments[0].closest('.text-body')) arguments[0].scrollIntoView({block:'center'});"
            "else window.argmapExplorer.reveal(arguments[1]);",
            element,
            ref,
        )
        ActionChains(chrome).move_to_element(element).click().perform()
        time.sleep(0.05)
    time.sleep(0.2)
    result: list[list[float]] = chrome.execute_script("return window.__lat")
    return [(a, b) for a, b in result]


def _ms(values: list[float]) -> str:
    if not values:
        return "-"
    return f"median {statistics.median(values):7.1f}   max {max(values):7.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=10)
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="page opens to measure")
    parser.add_argument("--clicks", type=int, default=15, help="clicks of each kind")
    parser.add_argument("--keep", type=Path, help="write the page and drawings into this folder")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    c, texts = generate(args.maps, args.statements)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    drawn = diagrams(c)
    drawn_s = time.perf_counter() - started
    started = time.perf_counter()
    data = explorer_data(c, texts, [d.info() for d in drawn])
    html = page(data["title"], data, [d.svg for d in drawn])
    written_s = time.perf_counter() - started
    folder = args.keep or Path(tempfile.mkdtemp(prefix="argmap-bench-explorer-"))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "explorer.html"
    target.write_text(html, encoding="utf-8")
    summary_svg = folder / "comparison.svg"
    summary_svg.write_text(drawn[0].svg, encoding="utf-8")
    biggest = max((d for d in drawn if d.kind == "map"), key=lambda d: len(d.svg))
    map_svg = folder / "map.svg"
    map_svg.write_text(biggest.svg, encoding="utf-8")

    quotes = sum(len(s.quotes) for m in c.maps for s in m.statements)
    print(
        f"comparison: {len(c.maps)} maps, {sum(len(m.statements) for m in c.maps)} statements, "
        f"{quotes} quotes, {len(c.issues)} issues, {len(c.correspondences)} correspondences"
    )
    print(
        f"generate {generated:.1f} s, Graphviz {len(drawn)} drawings {drawn_s:.1f} s, "
        f"page {written_s:.2f} s; {target} {len(html.encode()) / 1e6:.1f} MB"
    )

    chrome, profile = start_chrome()
    try:
        opens = [open_page(chrome, target) for _ in range(args.runs)]
        svg_opens = [open_svg(chrome, summary_svg) for _ in range(args.runs)]
        map_opens = [open_svg(chrome, map_svg) for _ in range(args.runs)]
        open_page(chrome, target)
        node_clicks = clicks(chrome, "#diagram g.node[data-ref]", args.clicks, 1)
        open_page(chrome, target)
        passage_clicks = clicks(chrome, "#texts mark[data-ref]", args.clicks, 2)
        # passages whose statements the comparison diagram does not draw: the map's diagram
        # is parsed and shown (the first time for each map)
        open_page(chrome, target)
        switch = clicks(chrome, "#texts mark.r-evidence[data-ref]", args.clicks, 3)
        logs = [e for e in chrome.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        stop_chrome(chrome, profile)

    print("\nopen (ms from navigation start; median of", args.runs, "runs)")
    print(f"  explorer interactive      {statistics.median(o[0] for o in opens):8.0f}")
    print(f"  explorer painted          {statistics.median(o[1] for o in opens):8.0f}")
    print(
        f"  plain comparison SVG      {statistics.median(o[0] for o in svg_opens):8.0f} loaded"
        f"  {statistics.median(o[1] for o in svg_opens):8.0f} painted"
    )
    print(
        f"  plain largest map SVG     {statistics.median(o[0] for o in map_opens):8.0f} loaded"
        f"  {statistics.median(o[1] for o in map_opens):8.0f} painted"
    )
    print("\nclick (ms from the click event: handlers done / next frame)")
    for name, values in (
        ("diagram node", node_clicks),
        ("passage", passage_clicks),
        ("passage, switches diagram", switch),
    ):
        print(
            f"  {name:<26} handled {_ms([v[0] for v in values])}   "
            f"painted {_ms([v[1] for v in values])}   ({len(values)} clicks)"
        )
    if logs:
        print("\nbrowser errors:", *logs, sep="\n  ")
    ok = statistics.median(o[0] for o in opens) <= 2000 and all(
        v[1] < 100 for v in node_clicks + passage_clicks
    )
    print("\ngoals (open <= 2 s, clicks < 100 ms):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
