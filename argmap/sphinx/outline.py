"""The ``argmap-outline`` directive: a map's source, thesis and sections as text.

Essay pages show what a map says without a diagram: the source metadata, the thesis with the
author's words, and, section by section, every statement with its role. Written from the map
at build time, so the page cannot drift from the map.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from argmap.model import ArgumentMap, Role, Statement
from argmap.sphinx._load import clean_nodes, load_map

__all__ = ["ArgmapOutlineDirective", "outline"]


def _field(name: str, value: str) -> nodes.field:
    return nodes.field(
        "", nodes.field_name("", name), nodes.field_body("", nodes.paragraph("", value))
    )


def _source_fields(m: ArgumentMap) -> nodes.field_list:
    fields = nodes.field_list(classes=["argmap-source"])
    src = m.source
    if src is not None:
        if src.title:
            fields += _field("Title", src.title)
        if src.author:
            fields += _field("Author", src.author)
        if src.attributed_author:
            fields += _field("Attributed to", f"{src.attributed_author} (not named in the text)")
        if src.year is not None:
            fields += _field("Year", str(src.year))
        if src.venue:
            fields += _field("Venue", src.venue)
        fields += _field("Source text", f"{src.path} (sha256 {src.sha256[:12]}…)")
    roles = m.count_roles()
    counted = ", ".join(f"{roles[r]} {r.value}" for r in Role if roles[r])
    fields += _field(
        "Map",
        f"{m.id}: {len(m.statements)} statements ({counted}), {len(m.arguments)} arguments, "
        f"{len(m.relations)} relations",
    )
    return fields


def _quotes(s: Statement) -> nodes.block_quote:
    quote = nodes.block_quote(classes=["argmap-quotes"])
    quote.extend(nodes.paragraph("", f"\u201c{q.text}\u201d") for q in s.quotes)
    return quote


def _statement_item(s: Statement) -> nodes.list_item:
    line = nodes.paragraph(
        "",
        "",
        nodes.inline("", s.role.value, classes=["argmap-role", f"role-{s.role.value}"]),
        nodes.Text(" "),
        nodes.strong("", s.id),
        nodes.Text(": " + s.text),
    )
    return nodes.list_item("", line)


def outline(m: ArgumentMap, *, quotes: bool = False) -> list[Node]:
    """Source fields, the thesis (with its quotes) and the statements of each section."""
    out: list[Node] = [_source_fields(m)]
    theses = m.by_role(Role.THESIS)
    if theses:
        out.append(nodes.rubric("", "Thesis"))
        for t in theses:
            out.append(nodes.paragraph("", "", nodes.strong("", t.id), nodes.Text(": " + t.text)))
            out.append(_quotes(t))
    out.append(nodes.rubric("", "Sections"))
    sections = nodes.definition_list(classes=["argmap-sections"])
    groups: list[tuple[str, str | None]] = [(s.title, s.id) for s in m.sections]
    if any(s.section is None for s in m.statements):
        groups.insert(0, ("(before the first section)", None))
    for title, section_id in groups:
        items = nodes.bullet_list()
        for s in m.statements:
            if s.section == section_id:
                item = _statement_item(s)
                if quotes:
                    item += _quotes(s)
                items += item
        body = nodes.definition("", items) if len(items) else nodes.definition()
        sections += nodes.definition_list_item("", nodes.term("", title), body)
    out.append(sections)
    return out


class ArgmapOutlineDirective(SphinxDirective):
    """``.. argmap-outline:: path/to/map.argdown`` (``:quotes:`` adds every quote)."""

    has_content = False
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {"quotes": directives.flag}

    def run(self) -> list[Node]:
        loaded = load_map(self)
        if loaded is None:
            return []
        m, _path = loaded
        container = nodes.container(classes=["argmap-outline"])
        container.extend(outline(m, quotes="quotes" in self.options))
        self.set_source_info(container)
        return clean_nodes([container])
