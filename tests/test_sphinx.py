"""The Sphinx extension: each directive in a tiny project, in reST and MyST; broken maps warn."""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

A_SOURCE = "Cities should tax land. In ten years land values rose by half.\n"
B_SOURCE = "A land tax would drive farmers away. Nobody should tax land.\n"


def _map(map_id: str, prefix: str, author: str, source: str, body: str) -> str:
    sha = hashlib.sha256(source.encode()).hexdigest()
    heading = (
        f"# Essay {prefix} {{map: {map_id}, source: {{path: {map_id}.txt, sha256: {sha}, "
        f'title: "Essay {prefix}", author: "{author}", year: 2020}}}}'
    )
    return f"{heading}\n\n## Main {{id: main}}\n\n{textwrap.dedent(body).strip()}\n"


MAP_A = _map(
    "map-a",
    "A",
    "Ann Author",
    A_SOURCE,
    """
    [A: Tax land]: Cities should tax land. #thesis
        {quotes: [{text: "Cities should tax land.", start: 0, end: 23}]}
        + [A: Values rose]

    [A: Values rose]: Land values rose by half in ten years. #evidence
        {quotes: [{text: "land values rose by half", start: 37, end: 61}]}
    """,
)
MAP_B = _map(
    "map-b",
    "B",
    "Bob Writer",
    B_SOURCE,
    """
    [B: No land tax]: Nobody should tax land. #thesis
        {quotes: [{text: "Nobody should tax land.", start: 37, end: 60}]}
        + [B: Farmers leave]

    [B: Farmers leave]: A land tax drives farmers away. #claim
        {quotes: [{text: "A land tax would drive farmers away.", start: 0, end: 36}]}
    """,
)
COMPARISON = """\
===
title: Land tax, two views
===

# Comparison: land tax {comparison: land-tax, title: "Land tax, two views"}

@include(map-a.argdown)

@include(map-b.argdown)

# Issues and correspondences

## Should cities tax land? {issue: tax}

[Q: tax]: Should cities tax land? #issue
    {positions: {map-a: {answer: "Yes, values rose.", statements: ["A: Tax land"]}}}

<Conflict: tax>: One essay asks for the tax, the other refuses it. #conflict
    + [A: Tax land]
    - [B: No tax land]
"""
# The conflict above names [B: No land tax]: keep the title in one place.
COMPARISON = COMPARISON.replace("B: No tax land", "B: No land tax")

CONF = """\
extensions = ["myst_parser", "argmap.sphinx"]
graphviz_output_format = "svg"
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
"""


def _project(tmp_path: Path, pages: dict[str, str]) -> Path:
    src = tmp_path / "src"
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "map-a.txt").write_text(A_SOURCE, encoding="utf-8")
    (maps / "map-b.txt").write_text(B_SOURCE, encoding="utf-8")
    (maps / "map-a.argdown").write_text(MAP_A, encoding="utf-8")
    (maps / "map-b.argdown").write_text(MAP_B, encoding="utf-8")
    (maps / "comparison.argdown").write_text(COMPARISON, encoding="utf-8")
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    for name, text in pages.items():
        (src / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return src


def _build(src: Path, *, strict: bool = False) -> tuple[Sphinx, str]:
    warnings = io.StringIO()
    out = src.parent / "_build"
    # Each build registers its nodes and directives in docutils' global tables; the namespace
    # restores them afterwards, as sphinx.testing does.
    with docutils_namespace():
        app = _sphinx(src, out, warnings, strict)
        app.build()
    return app, warnings.getvalue()


def _sphinx(src: Path, out: Path, warnings: io.StringIO, strict: bool) -> Sphinx:
    return Sphinx(
        src,
        src,
        out / "html",
        out / "doctrees",
        "html",
        status=io.StringIO(),
        warning=warnings,
        freshenv=True,
        warningiserror=strict,
        keep_going=strict,
    )


def _html(src: Path, page: str) -> str:
    return (src.parent / "_build" / "html" / f"{page}.html").read_text(encoding="utf-8")


def _diagrams(src: Path, html: str) -> list[str]:
    """The SVG files the page embeds, read from the output folder."""
    out = src.parent / "_build" / "html"
    found: list[str] = []
    for chunk in html.split('<object data="')[1:]:
        name = chunk.split('"', 1)[0]
        assert name.startswith("_images/argmap-") and name.endswith(".svg"), name
        found.append((out / name).read_text(encoding="utf-8"))
    return found


def _classes(svg: str) -> set[str]:
    """Every CSS class used in an SVG (Graphviz writes a '-' in a class as '&#45;')."""
    root = ElementTree.fromstring(svg)
    return {c for el in root.iter() for c in el.get("class", "").split()}


INDEX_RST = """\
Maps
====

.. toctree::

   myst

.. argmap:: ../maps/map-a.argdown
   :view: quotes
   :caption: The map of essay A
   :alt: Essay A & its <evidence>

.. argmap-comparison:: ../maps/comparison.argdown
   :view: full

.. argmap-table:: ../maps/comparison.argdown

.. argmap-table:: ../maps/comparison.argdown
   :show: correspondences

.. argmap-matrix:: ../maps/comparison.argdown

.. argmap-matrix:: ../maps/comparison.argdown
   :show: network
"""

MYST_MD = """\
# In Markdown

```{argmap} /../maps/map-b.argdown
:view: full
:focus: "B: Farmers leave"
:depth: 1
```

```{argmap-comparison} ../maps/comparison.argdown
:issue: tax
```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Sphinx, str]:
    src = _project(tmp_path_factory.mktemp("docs"), {"index.rst": INDEX_RST, "myst.md": MYST_MD})
    app, warnings = _build(src)
    return src, app, warnings


def test_build_is_clean(built: tuple[Path, Sphinx, str]) -> None:
    _src, app, warnings = built
    assert warnings == ""
    assert app.statuscode == 0


def test_map_diagram_is_an_svg_of_the_map(built: tuple[Path, Sphinx, str]) -> None:
    src, _app, _warnings = built
    html = _html(src, "index")
    svgs = _diagrams(src, html)
    assert len(svgs) == 3  # the map, the comparison and the author network
    assert 'class="author-network"' in svgs[2] or "author_" in svgs[2]
    assert "<svg" in svgs[0]
    assert "Cities should tax land." in svgs[0]
    assert "land values rose by half" in svgs[0]  # view: quotes shows the quotes
    assert "The map of essay A" in html  # the caption
    assert "Essay A &amp; its &lt;evidence&gt;" in html  # the alt text, escaped
    assert 'class="argmap-diagram graphviz argmap"' in html


def test_comparison_diagram_shows_both_maps(built: tuple[Path, Sphinx, str]) -> None:
    src, _app, _warnings = built
    comparison = _diagrams(src, _html(src, "index"))[1]
    for text in ("Cities should tax land.", "Nobody should tax land.", "Should cities tax land?"):
        assert text in comparison
    assert {"corr-conflict", "cluster-map", "issue"} <= _classes(comparison)


def test_issue_table_has_answers_quotes_and_not_addressed(built: tuple[Path, Sphinx, str]) -> None:
    src, _app, _warnings = built
    html = _html(src, "index")
    table = html.split("argmap-table argmap-issues")[1].split("</table>")[0]
    assert "<th" in table and "Ann Author (2020)" in table and "Bob Writer (2020)" in table
    assert "Should cities tax land?" in table
    assert "Yes, values rose." in table
    assert "\u201cCities should tax land.\u201d" in table  # the quote of the position
    assert "not addressed" in table  # map-b has no position on the issue


def test_matrix_table_has_a_row_per_issue_and_a_column_per_author(
    built: tuple[Path, Sphinx, str],
) -> None:
    src, _app, _warnings = built
    html = _html(src, "index")
    table = html.split("argmap-table argmap-matrix")[1].split("</table>")[0]
    assert table.count('<th class="head"') == 3  # Issue and the two authors
    assert table.count("<tr") == 2  # the header and one row for the one issue (tax)
    assert "not addressed" in table or "conflict" in table


def test_correspondence_table(built: tuple[Path, Sphinx, str]) -> None:
    src, _app, _warnings = built
    html = _html(src, "index")
    table = html.split("argmap-table argmap-correspondences")[1].split("</table>")[0]
    assert "conflict" in table
    assert "One essay asks for the tax, the other refuses it." in table
    assert "\u201cNobody should tax land.\u201d" in table
    assert "A: Tax land" in table and "B: No land tax" in table


def test_myst_directives_and_focus(built: tuple[Path, Sphinx, str]) -> None:
    src, _app, _warnings = built
    svgs = _diagrams(src, _html(src, "myst"))
    assert len(svgs) == 2
    focused, issue = svgs
    assert "A land tax drives farmers away." in focused
    assert "Cities should tax land." not in focused  # another map's statement
    assert "Should cities tax land?" in issue


def test_every_file_read_is_a_dependency(built: tuple[Path, Sphinx, str]) -> None:
    src, app, _warnings = built
    maps = (src.parent / "maps").resolve()
    index = {Path(p).resolve() for p in app.env.dependencies["index"]}
    for name in ("map-a.argdown", "map-b.argdown", "comparison.argdown", "map-a.txt", "map-b.txt"):
        assert maps / name in index, name
    myst = {Path(p).resolve() for p in app.env.dependencies["myst"]}
    assert maps / "map-b.argdown" in myst and maps / "map-b.txt" in myst


def test_broken_map_warns_at_its_line_and_fails_under_w(tmp_path: Path) -> None:
    src = _project(
        tmp_path, {"index.rst": "Broken\n======\n\n.. argmap:: ../maps/broken.argdown\n"}
    )
    broken = src.parent / "maps" / "broken.argdown"
    broken.write_text(
        MAP_A + "\n[A: Two roles]: A statement with two roles. #claim #evidence\n", "utf-8"
    )
    line = len(MAP_A.splitlines()) + 2
    app, warnings = _build(src, strict=True)
    assert app.statuscode != 0
    assert f"broken.argdown:{line}:" in warnings
    assert "index.rst:4" in warnings  # the page that shows the map is named too


def test_missing_file_and_unknown_issue_warn(tmp_path: Path) -> None:
    page = """\
    Missing
    =======

    .. argmap:: ../maps/nope.argdown

    .. argmap-comparison:: ../maps/comparison.argdown
       :issue: nope

    .. argmap:: ../maps/map-a.argdown
       :focus: A: No such statement
    """
    src = _project(tmp_path, {"index.rst": page})
    app, warnings = _build(src, strict=True)
    assert app.statuscode != 0
    assert "index.rst:4" in warnings and "file not found" in warnings
    assert "no issue 'nope'" in warnings and "comparison.argdown:" in warnings
    assert "A: No such statement" in warnings and "map-a.argdown:" in warnings


def test_setup_metadata() -> None:
    from argmap.sphinx import setup

    class _App:
        def __init__(self) -> None:
            self.calls: list[str] = []

        def __getattr__(self, name: str) -> object:
            return lambda *args, **kwargs: self.calls.append(name)

    app = _App()
    meta = setup(app)  # type: ignore[arg-type]
    assert meta["parallel_read_safe"] is True and meta["parallel_write_safe"] is True
    assert meta["version"]
    assert app.calls[0] == "setup_extension"


def test_outline_lists_source_thesis_and_sections(tmp_path: Path) -> None:
    page = "Outline\n=======\n\n.. argmap-outline:: ../maps/map-a.argdown\n   :quotes:\n"
    src = _project(tmp_path, {"index.rst": page})
    app, warnings = _build(src)
    assert warnings == "" and app.statuscode == 0
    html = _html(src, "index")
    assert "Ann Author" in html and "map-a.txt" in html
    assert "Thesis" in html and "Cities should tax land." in html
    section = html.split("argmap-sections")[1]
    assert "Main" in section and "A: Values rose" in section and "evidence" in section
    assert "\u201cland values rose by half\u201d" in section  # :quotes: adds every quote


# -- the documentation's CLI page stays in sync with the parser -------------------------------

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    from argmap import cli

    parser = cli._parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("argmap has no subcommands")


def test_cli_page_documents_every_command_and_option() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = _subcommands()
    documented = set(re.findall(r"^## argmap (\S+)$", page, re.M))
    assert documented == set(commands)
    for name, sub in commands.items():
        section = page.split(f"## argmap {name}\n", 1)[1].split("\n## ", 1)[0]
        for action in sub._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert flag in section, f"argmap {name} {flag} is not on the CLI page"
            if not action.option_strings and action.metavar:
                assert str(action.metavar) in section, f"argmap {name} {action.metavar}"


def test_docs_toctree_reaches_every_page() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    pages = {p.stem for p in DOCS.glob("*.md")} | {p.stem for p in DOCS.glob("*.rst")}
    listed = set(re.findall(r"^([a-z0-9-]+)$", index, re.M))
    assert pages - {"index"} <= listed
