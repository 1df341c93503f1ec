"""The parser's steps for the paragraphs the lexer's fast path read whole.

The lexer (``_argdown_lines.py``) reads most paragraphs of real maps line by line: statement
paragraphs with their relation lines, one-line headings, premise-conclusion paragraphs and
one-line argument descriptions. The steps here report them to the sink exactly as the general
grammar (``_argdown_parser.py``) reports the same paragraphs read token by token: the same
nodes, members and relations in the same order. tests/test_fast_paths.py and
tests/test_direct_map.py compare both.
"""

from __future__ import annotations

from typing import Any

from argmap.errors import LimitError
from argmap.formats._argdown_data import read_data
from argmap.formats._argdown_lexer import FastHeading, FastNode
from argmap.formats._argdown_nodes import ARGUMENT, STATEMENT, Equivalence
from argmap.formats._argdown_parser_base import JS_SPACE, MAX_DEPTH, ParserBase
from argmap.formats._argdown_syntax import Inference, PcsItem

__all__ = ["FastParagraphs"]


class FastParagraphs(ParserBase):
    """The fast paragraphs' steps of the parser (see the module docstring)."""

    def fast_heading(self, heading: FastHeading, start: int) -> None:
        """What heading() does for a heading the lexer's fast path has read."""
        tags: list[str] = []
        for tag in heading.tags:
            if tag not in tags:
                tags.append(tag)
            self.tags.setdefault(tag, None)
        data: dict[str, Any] | None = None
        if heading.data_start >= 0:
            data = read_data(self.text, heading.data_start, heading.data_end, self.locate)
        self.section(heading.level, heading.text.strip(JS_SPACE), tags, data, start)

    def fast_argument(self, line: FastNode) -> Equivalence:
        """What argument() and finish() do for an argument description the lexer's fast path
        has read (a paragraph of its own): the argument."""
        _, _, _, start, title, text, plain, tags, reference, data_start, data_end = line
        own_tags = tags if len(tags) < 2 else tuple(dict.fromkeys(tags))
        for tag in own_tags:
            self.tags.setdefault(tag, None)
        if data_start != -1 and reference and not text.endswith(" "):
            text += " "  # node_newline(): a space before the data on the next line
            plain += " "
        node = self.sink.node(title, ARGUMENT)
        self.sink.member(
            node,
            text or None,
            plain if text else None,
            own_tags,
            data_start,
            data_end,
            reference,
            "argument-description",
            self.current_section,
            start,
        )
        return node

    def fast_node(self, nodes: list[FastNode], i: int, role: str) -> tuple[Equivalence, int]:
        """What statement() and finish() do for a line of a fast paragraph (and the relation
        lines below it): its node, and the index of the next line not below it."""
        width, _, _, start, title, text, plain, tags, reference, data_start, data_end = nodes[i]
        own_tags: tuple[str, ...] = tags if len(tags) < 2 else tuple(dict.fromkeys(tags))
        if tags:
            doc_tags = self.tags
            for tag in own_tags:
                if tag not in doc_tags:
                    doc_tags[tag] = None
        j = i + 1
        children = j < len(nodes) and nodes[j][0] > width
        if data_start != -1:
            if (reference or children) and not text.endswith(" "):
                # node_newline(): a space before data or relations that follow on later lines
                text += " "
                plain += " "
        elif reference and children and not text.endswith(" "):
            text += " "
            plain += " "
        sink = self.sink
        node = sink.statements.get(title)
        if node is None:
            node = sink.node(title, STATEMENT)
        if children:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise LimitError(
                    f"nested more than {MAX_DEPTH} levels deep", self.locate(nodes[j][2])
                )
            n = len(nodes)
            while j < n:
                line = nodes[j]
                if line[0] <= width:
                    break
                child, j = self.fast_node(nodes, j, "relation-statement")
                self.relate_line(line[1], node, child, line[2])
            self.depth -= 1
        stack = self.section_stack
        sink.member(
            node,
            text or None,
            plain if text else None,
            own_tags,
            data_start,
            data_end,
            reference,
            role,
            stack[-1].id if stack else None,
            start,
        )
        return node, j

    def fast_pcs(
        self, previous: Equivalence | None, lines: list[FastNode | None], start: int
    ) -> None:
        """What pcs() does for a premise-conclusion paragraph the lexer's fast path has read."""
        argument = self.pcs_owner(previous, start)
        items: list[PcsItem] = []
        inferences: list[Inference] = []
        after_inference = False
        for line in lines:
            if line is None:
                self.inference_owner = argument
                inferences.append(Inference(len(items)))
                after_inference = True
            else:
                title = self.fast_node([line], 0, "premise")[0].title
                items.append(PcsItem(title, "intermediary" if after_inference else "premise"))
                after_inference = False
        items[-1] = PcsItem(items[-1].title, "conclusion")
        argument.pcs = items
        argument.inferences = inferences
