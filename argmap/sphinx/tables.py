"""The ``argmap-table`` directive: a comparison's issues or correspondences as a docutils table.

``:show: issues`` (the default) gives one row per issue and one column per author; each cell
holds the author's answer, the statements that take that position and their quotes, or says
*not addressed*. ``:show: correspondences`` lists the agreements, partial agreements and
conflicts, each with both statements, their quotes and the analyst's rationale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from argmap.compare import Comparison, Correspondence, CorrespondenceType, Issue, Ref
from argmap.model import ArgumentMap
from argmap.sphinx._load import clean_nodes, load_comparison, warn

__all__ = ["ArgmapTableDirective", "correspondence_table", "issue_table", "map_label"]

_KIND_LABEL = {
    CorrespondenceType.AGREE: "agreement",
    CorrespondenceType.PARTIAL: "partial agreement",
    CorrespondenceType.CONFLICT: "conflict",
}


def map_label(m: ArgumentMap) -> str:
    """How a column names an author: ``Anar Valiyev (2011)``, ``A. Author (attributed,
    2010)`` when the text itself names no author; the map id when nothing is known."""
    src = m.source
    if src is None:
        return m.id
    if src.attributed_author:
        who, notes = src.attributed_author, ["attributed"]
    else:
        who, notes = src.author or m.id, []
    if src.year is not None:
        notes.append(str(src.year))
    return f"{who} ({', '.join(notes)})" if notes else who


def _para(*children: Node, classes: Sequence[str] = ()) -> nodes.paragraph:
    p = nodes.paragraph("", "", *children)
    p["classes"] += list(classes)
    return p


def _statement(c: Comparison, ref: Ref, *, with_map: bool = False) -> list[Node]:
    """A statement's id and text, then each of its quotes in quotation marks."""
    out: list[Node] = []
    if with_map:
        out.append(_para(nodes.emphasis("", map_label(c.map(ref.map_id)))))
    try:
        s = c.statement(ref)
    except KeyError:
        out.append(_para(nodes.strong("", ref.statement_id), nodes.Text(" (unknown statement)")))
        return out
    out.append(_para(nodes.strong("", s.id), nodes.Text(": " + s.text), classes=["argmap-st"]))
    out.extend(
        _para(nodes.Text(f"\u201c{q.text}\u201d"), classes=["argmap-quote"]) for q in s.quotes
    )
    return out


def _entry(children: Iterable[Node]) -> nodes.entry:
    entry = nodes.entry()
    entry.extend(children)
    return entry


def _table(
    kind: str, header: Sequence[str], widths: Sequence[int], rows: Iterable[Sequence[nodes.entry]]
) -> nodes.table:
    table = nodes.table(classes=["argmap-table", f"argmap-{kind}", "colwidths-given"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=w) for w in widths)
    head_row = nodes.row()
    head_row.extend(_entry([_para(nodes.Text(h))]) for h in header)
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        row.extend(cells)
        body += row
    group += body
    return table


def _position_cell(c: Comparison, issue: Issue, map_id: str) -> nodes.entry:
    position = issue.position(map_id)
    if not position.addressed:
        return _entry([_para(nodes.emphasis("", "not addressed"), classes=["argmap-none"])])
    children: list[Node] = []
    if position.answer:
        children.append(_para(nodes.Text(position.answer), classes=["argmap-answer"]))
    if position.statements:
        items = nodes.bullet_list()
        for ref in position.statements:
            items += nodes.list_item("", *_statement(c, ref))
        children.append(items)
    return _entry(children)


def issue_table(c: Comparison, issues: Sequence[Issue]) -> nodes.table:
    """Issues by authors: each author's answer, statements and quotes, or *not addressed*."""
    header = ["Issue", *(map_label(m) for m in c.maps)]
    rows = [
        [
            _entry(
                [
                    _para(nodes.strong("", issue.question)),
                    _para(nodes.literal("", issue.id), classes=["argmap-issue-id"]),
                ]
            ),
            *(_position_cell(c, issue, map_id) for map_id in c.map_ids),
        ]
        for issue in issues
    ]
    return _table("issues", header, [20] + [80 // max(len(c.maps), 1)] * len(c.maps), rows)


def correspondence_table(c: Comparison, found: Sequence[Correspondence]) -> nodes.table:
    """Agreements, then partial agreements, then conflicts, each in the file's order."""
    order = list(CorrespondenceType)
    ranked = sorted(found, key=lambda k: order.index(k.type))  # stable: file order kept
    rows = [
        [
            _entry([_para(nodes.Text(_KIND_LABEL[k.type]), classes=[f"corr-{k.type.value}"])]),
            _entry([_para(nodes.literal("", k.issue))] if k.issue else []),
            _entry(_statement(c, k.left, with_map=True)),
            _entry(_statement(c, k.right, with_map=True)),
            _entry([_para(nodes.Text(k.rationale))] if k.rationale else []),
        ]
        for k in ranked
    ]
    header = ["Relation", "Issue", "One side", "Other side", "Rationale"]
    return _table("correspondences", header, [10, 10, 30, 30, 20], rows)


class ArgmapTableDirective(SphinxDirective):
    """``.. argmap-table:: path/to/comparison.argdown`` — the issues or correspondences."""

    has_content = False
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {
        "show": lambda arg: directives.choice(arg, ("issues", "correspondences")),
        "issue": directives.unchanged_required,
        "caption": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[Node]:
        loaded = load_comparison(self)
        if loaded is None:
            return []
        c, path = loaded
        issues = c.issues
        wanted = self.options.get("issue")
        if wanted is not None:
            issues = tuple(i for i in c.issues if i.id == wanted)
            if not issues:
                known = ", ".join(i.id for i in c.issues) or "none"
                where = c.location or None
                warn(self, f"no issue {wanted!r} in {path} (issues: {known})", where)
                return []
        if self.options.get("show", "issues") == "issues":
            table = issue_table(c, issues)
        else:
            found = c.correspondences if wanted is None else c.in_issue(wanted)
            table = correspondence_table(c, found)
        table["classes"] += self.options.get("class", [])
        caption = self.options.get("caption")
        if caption:
            title_nodes, messages = self.parse_inline(caption)
            table.insert(0, nodes.title(caption, "", *title_nodes))
            self.set_source_info(table)
            self.add_name(table)
            return clean_nodes([table, *messages])
        self.set_source_info(table)
        self.add_name(table)
        return clean_nodes([table])
