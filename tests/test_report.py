"""The comparison report: content, escaping, well-formed HTML, determinism."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from comparison_fixture import HOSTILE, small_comparison

from argmap import compare
from argmap.compare import Comparison, Correspondence, CorrespondenceType, Ref
from argmap.errors import ArgmapError
from argmap.render.report import html, markdown, md_escape

VOID = {"meta", "br", "hr", "img", "link", "input", "wbr", "source", "col", "area"}


class _Tree(HTMLParser):
    """Checks that every element is closed in order, and collects text and tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if self._cell is not None:
            self._cell.append(" ")  # an element boundary separates words
        if tag in ("td", "th"):
            self._cell = []
        if tag == "tr":
            self.rows.append([])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert tree.errors == []
    assert tree.stack == []
    return tree


def md_section(text: str, heading: str) -> str:
    """The Markdown from ``heading`` up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    start = text.index(heading + "\n")
    rest = text[start + len(heading) + 1 :]
    stop = re.search(rf"^#{{1,{level}}} ", rest, flags=re.MULTILINE)
    return rest[: stop.start()] if stop else rest


def md_cells(row: str) -> list[str]:
    """A Markdown table row split at its unescaped pipes."""
    assert row.startswith("| ") and row.endswith(" |")
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row[1:-1])]


@pytest.fixture
def comparison() -> Comparison:
    return small_comparison()


def test_title_names_comparison_and_essays(comparison: Comparison) -> None:
    md = markdown(comparison)
    assert md.startswith("# Alpha and Beta compared\n")
    tree = parse(html(comparison))
    text = "".join(tree.text)
    for m in comparison.maps:
        assert m.source is not None
        assert m.source.title in md
        assert m.source.title in text
    assert "Ann Alpha" in text and "Bo Beta (attributed, 2010)" in text


def test_theses_side_by_side_with_quotes(comparison: Comparison) -> None:
    md = md_section(markdown(comparison), "## Theses")
    rows = {md_cells(r)[0]: md_cells(r)[1:] for r in md.splitlines() if r.startswith("| ")}
    assert [c.split("**")[1] for c in rows["Thesis"]] == ["A: Tax land", "B: No tax"]
    assert "we must tax land" in rows["Quote"][0]
    assert "no tax on land" in rows["Quote"][1]
    assert rows["Year"] == ["2011", "2010"]
    page = html(comparison)
    theses = page[page.index('<section id="theses">') : page.index('<section id="issues">')]
    assert theses.index("A: Tax land") < theses.index("B: No tax")
    assert "we must tax land" in theses and "no tax on land" in theses


def test_every_issue_with_positions_and_not_addressed(comparison: Comparison) -> None:
    md = md_section(markdown(comparison), "## Issues")
    rows = [md_cells(r) for r in md.splitlines() if r.startswith("| **")]
    assert len(rows) == len(comparison.issues)
    for issue, row in zip(comparison.issues, rows, strict=True):
        assert issue.question in row[0]
        for m, cell in zip(comparison.maps, row[1:], strict=True):
            position = issue.position(m.id)
            if position.addressed:
                assert "not addressed" not in cell
                for ref in position.statements:
                    for q in comparison.statement(ref).quotes:
                        assert q.text in cell
            else:
                assert cell == "*not addressed*"
    assert rows[1][2] == "*not addressed*"  # Beta says nothing about parks.

    tree = parse(html(comparison))
    table = [r for r in tree.rows if r and r[0].startswith(("Land tax", "Parks"))]
    assert [r[0] for r in table] == [
        "Land tax Should cities tax land?",
        "Parks Do parks pay for themselves?",
    ]
    assert table[1][2] == "not addressed"
    assert "not addressed" not in table[0][1] + table[0][2] + table[1][1]
    assert "parks pay" in table[1][1]


def test_every_correspondence_with_both_statements_quotes_and_rationale(
    comparison: Comparison,
) -> None:
    md = markdown(comparison)
    page = html(comparison)
    for corr in comparison.correspondences:
        section = md_section(md, f"### {md_escape(corr.id)}")
        assert corr.rationale in section
        start = page.index(f"<h3>{corr.id}</h3>")
        article = page[start : page.index("</article>", start)]
        assert corr.rationale in article
        for ref in corr.refs():
            s = comparison.statement(ref)
            for text in (s.id, s.text, *(q.text for q in s.quotes)):
                assert text in section
                assert text in article
    # Each kind sits under its own heading.
    assert "Agree: values" in md_section(md, "## Agreements")
    assert "Partial: rents" in md_section(md, "## Partial agreements")
    assert "Conflict: tax" in md_section(md, "## Conflicts")
    assert "Conflict: tax" not in md_section(md, "## Agreements")


def test_correspondence_sides_follow_map_order(comparison: Comparison) -> None:
    # "Partial: rents" is written beta-first; the report shows alpha's side first.
    section = md_section(markdown(comparison), "### Partial: rents")
    assert section.index("A: Rents fall") < section.index("B: Rents fall")


def test_unique_claims(comparison: Comparison) -> None:
    md = md_section(markdown(comparison), "## Claims unique to each author")
    assert "A: Only alpha" in md_section(md, "### Ann Alpha (2011)")
    assert "B: Only beta" in md_section(md, "### Bo Beta (attributed, 2010)")
    for linked in ("A: Tax land", "A: Rents fall", "B: No tax", "B: Rents fall"):
        assert linked not in md
    page = html(comparison)
    unique = page[page.index('<section id="unique">') : page.index('<section id="counts">')]
    assert "A: Only alpha" in unique and "B: Only beta" in unique
    assert "A: Tax land" not in unique


def test_counts(comparison: Comparison) -> None:
    md = md_section(markdown(comparison), "## Counts")
    rows = {md_cells(r)[0]: md_cells(r)[1:] for r in md.splitlines() if r.startswith("| ")}
    for i, m in enumerate(comparison.maps):
        assert rows["quotes"][i] == str(sum(len(s.quotes) for s in m.statements))
        assert rows["statements"][i] == str(len(m.statements))
        assert rows["relations"][i] == str(len(m.relations))
        for role, n in m.count_roles().items():
            assert rows[f"{role.value} statements"][i] == str(n)
    summary = comparison.summary()
    assert rows["issues"] == [str(summary.issues)]
    assert rows["agreements"] == [str(summary.agreements)]
    assert rows["partial agreements"] == [str(summary.partial)]
    assert rows["conflicts"] == [str(summary.conflicts)]
    assert rows["issues addressed"] == ["2", "1"]


def test_hostile_text_is_escaped_in_markdown() -> None:
    md = markdown(small_comparison(HOSTILE))
    assert "<script>" not in md
    assert "&lt;script&gt;" in md
    assert re.search(r"(?<!\\)`", md) is None  # every backtick is escaped
    # Every table keeps its width: rows of one table have the same number of cells.
    for block in md.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("| ")]
        if rows:
            assert len({len(md_cells(r)) for r in rows}) == 1, block


def test_hostile_text_is_escaped_in_html() -> None:
    page = html(small_comparison(HOSTILE))
    tree = parse(page)
    assert "script" not in tree.tags
    assert "<script>" not in page
    assert "b &amp; c" in page
    # The hostile text reaches the reader intact, as text.
    assert HOSTILE in " ".join("".join(tree.text).split())


def test_html_is_standalone_and_well_formed(comparison: Comparison) -> None:
    page = html(comparison)
    assert page.startswith("<!DOCTYPE html>\n")
    tree = parse(page)
    assert tree.tags[:1] == ["html"]
    assert "style" in tree.tags
    assert "@media print" in page
    for external in ("<link", "src=", "http://", "https://", "@import"):
        assert external not in page


def test_embedded_svg_diagram(comparison: Comparison) -> None:
    svg = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg width="10pt" height="10pt" viewBox="0 0 10 10"><g><title>x</title>'
        '<path d="M0,0L10,10"/></g></svg>\n'
    )
    page = html(comparison, svg)
    tree = parse(page)
    assert "svg" in tree.tags and "path" in tree.tags
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    with pytest.raises(ArgmapError):
        html(comparison, "<html>not a drawing</html>")


def test_output_is_deterministic() -> None:
    assert markdown(small_comparison(HOSTILE)) == markdown(small_comparison(HOSTILE))
    assert html(small_comparison(HOSTILE)) == html(small_comparison(HOSTILE))


def test_unknown_statement_is_an_argmap_error(comparison: Comparison) -> None:
    broken = Comparison(
        comparison.id,
        comparison.title,
        comparison.maps,
        correspondences=(
            Correspondence(
                "Agree: ghost",
                Ref("alpha-2011", "A: Tax land"),
                Ref("beta-2010", "B: Ghost"),
                CorrespondenceType.AGREE,
            ),
        ),
    )
    with pytest.raises(ArgmapError, match="B: Ghost"):
        markdown(broken)
    with pytest.raises(ArgmapError, match="B: Ghost"):
        html(broken)


def test_question_equal_to_title_is_shown_once(comparison: Comparison) -> None:
    issue = comparison.issues[0]
    same = attrs.evolve(issue, title=issue.question)
    c = attrs.evolve(comparison, issues=(same, *comparison.issues[1:]))
    assert md_section(markdown(c), "## Issues").count(issue.question) == 1
    page = html(c)
    issues = page[page.index('<section id="issues">') : page.index('<section id="matrix">')]
    assert issues.count(issue.question) == 1
    assert md_section(markdown(comparison), "## Issues").count(issue.question) == 1


def test_real_comparison_report_is_complete() -> None:
    real = compare.load(Path(__file__).resolve().parent.parent / "maps" / "comparison.argdown")
    md = markdown(real)
    text = " ".join("".join(parse(html(real)).text).split())
    for issue in real.issues:
        assert md_escape(issue.question) in md
        assert " ".join(issue.question.split()) in text
    for corr in real.correspondences:
        assert f"### {md_escape(corr.id)}\n" in md
        for ref in corr.refs():
            for q in real.statement(ref).quotes:
                assert md_escape(q.text) in md_section(md, f"### {md_escape(corr.id)}")
                assert " ".join(q.text.split()) in text


def _tree_outline(c: Comparison) -> tuple[list[tuple[int, str]], list[int]]:
    """The headings (level, title) and the row counts of the tables of the report's tree,
    in document order."""
    from argmap.render.report_model import Block, Section, Sides, Table, report

    headings: list[tuple[int, str]] = []
    tables: list[int] = []

    def walk(block: Block, level: int) -> None:
        if isinstance(block, Section):
            headings.append((level, block.title))
            for b in block.blocks:
                walk(b, level + 1)
        elif isinstance(block, Sides):
            for g in block.groups:
                headings.append((level, g.title))
                for b in g.blocks:
                    walk(b, level)
        elif isinstance(block, Table):
            tables.append(len(block.rows))

    for section in report(c).sections:
        walk(section, 2)
    return headings, tables


@pytest.mark.parametrize("which", ["small", "three-way"])
def test_both_emitters_walk_the_same_tree(which: str) -> None:
    """The Markdown and the HTML report have the same headings at the same levels and the
    same tables with the same number of rows, in the same order: those of the one tree."""
    import html as html_module

    root = Path(__file__).resolve().parent.parent / "maps"
    c = small_comparison() if which == "small" else compare.load(root / "comparison-three.argdown")
    headings, tables = _tree_outline(c)
    assert len(headings) > 8 and len(tables) >= 6

    md = markdown(c)
    md_heads = [(len(h), t) for h, t in re.findall(r"^(#{2,6}) (.*)$", md, flags=re.MULTILINE)]
    assert md_heads == [(level, md_escape(title)) for level, title in headings]
    md_tables, run = [], 0
    for line in [*md.splitlines(), ""]:
        if line.startswith("| "):
            run += 1
        elif run:
            md_tables.append(run - 2)  # the header and the --- line
            run = 0
    assert md_tables == tables

    page = html(c)
    html_heads = [
        (int(level), html_module.unescape(text))
        for level, text in re.findall(r"<h([2-6])>(.*?)</h\1>", page)
    ]
    assert html_heads == [(level, " ".join(title.split())) for level, title in headings]
    bodies = re.findall(r"<tbody>(.*?)</tbody>", page, flags=re.DOTALL)
    assert [body.count("<tr>") for body in bodies] == tables
