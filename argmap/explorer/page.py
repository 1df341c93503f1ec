"""The explorer page: one HTML file with its style, script, data and diagrams inline.

The data and each diagram are JSON inside ``<script type="application/json">`` elements
(diagrams after the first as gzip in base64, inflated by the browser when first shown; each
diagram cut into pieces by :func:`svg_pieces`, so the browser can draw a large one a piece at
a time between clicks),
with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so no text can close the element or
start markup; the page's script reads them with ``JSON.parse`` and builds its DOM with
``textContent``. A Content-Security-Policy allows only the page's own script (by its
SHA-256) and no connection of any kind.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import itertools
import json
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

__all__ = ["page", "script_json", "svg_pieces"]

_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe as the content of a ``<script>`` element.

    >>> script_json({"a": "</script><b>&\\u2028"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _ESCAPES:
        text = text.replace(char, escape)
    return text


#: About this many characters of drawing go into one piece (a few dozen nodes and edges,
#: laid out by the browser in a few milliseconds).
PIECE = 32_000

_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)


def svg_pieces(svg: str, size: int = PIECE) -> list[str]:
    """``svg`` (one ``<svg>`` element as Graphviz writes it) cut into a shell and pieces.

    The shell is the whole element without the drawing's nodes, edges and clusters (the
    ``<g>`` elements inside its top group); each piece after it holds some of those, in
    order, about ``size`` characters in all. Put back in the top group, they make the
    drawing again. Anything shaped otherwise is one piece, the whole element.

    >>> svg = '<svg><g id="graph0"><title>t</title><g id="a"/><!-- b --><g id="b">x</g></g></svg>'
    >>> for piece in svg_pieces(svg, size=1):
    ...     print(piece)
    <svg><g id="graph0"><title>t</title></g></svg>
    <g id="a"/><!-- b -->
    <g id="b">x</g>
    """
    depth = 0
    first = end = -1
    cuts: list[int] = []
    for mo in _TAG.finditer(svg):
        if mo.group(2) is None:  # a comment
            continue
        closing = mo.group(1) == "/"
        if closing:
            depth -= 1
            if depth == 1:  # the top group ends
                end = mo.start()
                break
            continue
        name = mo.group(2)
        if depth < 2 and name != ("svg", "g")[depth]:
            return [svg]  # not the shape Graphviz writes
        if depth == 2 and name == "g" and (not cuts or mo.start() - cuts[-1] >= size):
            first = mo.start() if first < 0 else first
            cuts.append(mo.start())
        if not mo.group(3).endswith("/"):
            depth += 1
    if first < 0 or end < 0:
        return [svg]
    bounds = [*cuts, end]
    return [svg[:first] + svg[end:]] + [svg[a:b] for a, b in itertools.pairwise(bounds)]


def _asset(name: str) -> str:
    return resources.files("argmap.explorer").joinpath(name).read_text(encoding="utf-8")


_BODY = """<header id="bar">
<h1 id="title"></h1>
<div id="search-box" role="search">
<input id="search" type="search" autocomplete="off" spellcheck="false"
 placeholder="Search statements and quotes  ( / )" aria-label="Search statements and quotes">
<span id="search-count" aria-live="polite"></span>
<ul id="results" hidden></ul>
</div>
</header>
<div id="filters" role="group" aria-label="Filters"><span id="shown-count"></span></div>
<div id="main">
<section id="diagram-pane" aria-label="Diagram">
<div class="toolbar">
<label for="diagram-select">Diagram</label> <select id="diagram-select"></select>
<button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">\u2212</button>
<button type="button" id="zoom-fit" title="Fit (0)">Fit</button>
<span id="diagram-status" aria-live="polite"></span>
<span class="hint">drag to pan, wheel to zoom, click a node</span>
</div>
<div id="diagram" tabindex="0" aria-label="Diagram: arrow keys pan, + and - zoom"></div>
</section>
<section id="texts-pane" aria-label="Source texts">
<div class="toolbar" id="legend"></div>
<div id="texts"></div>
</section>
<aside id="panel-pane" aria-label="Selected statement">
<div id="panel" aria-live="polite"></div>
</aside>
</div>
"""


def page(title: str, data: dict[str, Any], svgs: Sequence[str]) -> str:
    """The whole page: ``data`` from :func:`argmap.explorer.data.explorer_data`, and the
    diagrams' SVG in the order of ``data["diagrams"]``."""
    script = "\n".join(_asset(name) for name in ("view.js", "sheets.js", "explorer.js"))
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (
        "default-src 'none'; "
        f"script-src 'sha256-{digest}'; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="argmap explorer">\n',
        f"<title>{html.escape(title)} \u2014 argmap explorer</title>\n",
        f"<style>\n{_asset('explorer.css')}</style>\n</head>\n<body>\n",
        _BODY,
        f'<script type="application/json" id="argmap-data">{script_json(data)}</script>\n',
    ]
    for n, svg in enumerate(svgs):
        text = "\0".join(svg_pieces(svg))  # SVG holds no NUL
        if n == 0:  # shown first: parsed as the page opens
            attrs, value = "", script_json(text)
        else:  # gzip (no timestamp, so the page is the same for the same input) in base64
            packed = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
            attrs, value = ' data-encoding="gzip"', script_json(base64.b64encode(packed).decode())
        parts.append(
            f'<script type="application/json" id="argmap-svg-{n}"{attrs}>{value}</script>\n'
        )
    parts.append(f"<script>{script}</script>\n</body>\n</html>\n")
    return "".join(parts)
