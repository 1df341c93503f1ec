"""Argdown tokens to a model: the grammar of Argdown 1.7 in one walk, reported to a sink.

The parser reads every paragraph, whether the lexer's fast path read it whole or token by
token, and reports nodes, members and relations to a sink (``_argdown_nodes.py``, which holds
the rules that merge them): a ``DocumentSink`` builds Argdown's document, a ``MapSink`` an
argmap map. Where ``_`` aims, which member a line adds and which text it carries are decided
here, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.errors import ArgdownSyntaxError
from argmap.formats._argdown_data import data_error, load_yaml, yaml_error_types
from argmap.formats._argdown_lexer import RELATION_KINDS, Tok
from argmap.formats._argdown_nodes import ARGUMENT, STATEMENT, Equivalence
from argmap.formats._argdown_parser_base import JS_SPACE, Lexed, Locate, lex
from argmap.formats._argdown_parser_fast import FastParagraphs
from argmap.formats._argdown_settings import read_settings, wants_general_lexer
from argmap.formats._argdown_syntax import Inference, PcsItem

if TYPE_CHECKING:
    from argmap.formats._argdown_document_nodes import Document

__all__ = ["JS_SPACE", "Lexed", "Locate", "Parser", "TextParts", "lex", "parse_text"]

_CONTENT = frozenset(
    {
        Tok.FREESTYLE,
        Tok.CONTROL_CHAR,
        Tok.ESCAPED,
        Tok.SPECIAL,
        Tok.LINK,
        Tok.BOLD_START,
        Tok.ITALIC_START,
        Tok.TAG,
        Tok.ARGUMENT_MENTION,
        Tok.STATEMENT_MENTION,
        Tok.NEWLINE,
    }
)
_FREE = frozenset({Tok.FREESTYLE, Tok.CONTROL_CHAR, Tok.ESCAPED, Tok.SPECIAL})


class TextParts:
    """A statement, argument description or heading while its text is being read."""

    __slots__ = ("data", "parts", "plain", "start", "tags", "title")

    def __init__(self, start: int) -> None:
        self.parts: list[str] = []
        self.plain: list[str] = []
        self.tags: list[str] = []
        self.title: str | None = None
        self.data = (-1, -1)  # the span of its {...} data (-1: none)
        self.start = start

    def put(self, s: str) -> None:
        if s:
            self.parts.append(s)
            self.plain.append(s)

    def put_tag(self, s: str, keep: bool = True) -> None:
        """A tag: part of the text unless ``keep`` is false (removeTagsFromText)."""
        if keep:
            self.parts.append(s)
        self.plain.append(" ")

    def ends_with_space(self) -> bool:
        return bool(self.parts) and self.parts[-1].endswith(" ")

    def text(self) -> str | None:
        return "".join(self.parts) if self.parts else None

    def plain_text(self) -> str | None:
        return "".join(self.plain) if self.parts else None


class Parser(FastParagraphs):
    """One walk over the tokens of a text, reporting to ``sink``: the general grammar, token
    by token, and the fast paragraphs (``FastParagraphs``) where the lexer read them whole."""

    # -- text ------------------------------------------------------------------

    def content(self, target: TextParts) -> None:
        if self.peek() not in _CONTENT:
            raise self.fail("statement text")
        text = self.text
        tokens = self.tokens
        while True:
            tok = tokens[self.i]
            kind = tok.kind
            if kind not in _CONTENT:
                return
            self.i += 1
            if kind == Tok.FREESTYLE or kind == Tok.CONTROL_CHAR:
                target.put(text[tok.start : tok.end])
            elif kind == Tok.ESCAPED:
                target.put(text[tok.start + 1 : tok.end])
            elif kind == Tok.SPECIAL:
                img = text[tok.start : tok.end]
                code = self.shortcodes.get(img.strip())
                if code is None:
                    target.put(img)
                else:
                    target.put(code + (" " if img.endswith(" ") else ""))
            elif kind == Tok.NEWLINE:
                if tokens[self.i].kind in _CONTENT and not target.ends_with_space():
                    target.put(" ")
            elif kind == Tok.TAG:
                img = text[tok.start : tok.end]
                target.put_tag(img, self.keep_tags)
                self.tag(target, img)
            elif kind == Tok.LINK:
                img = text[tok.start : tok.end]
                close = img.rfind("](")
                target.put(img[1:close])
                if img.endswith(" "):
                    target.put(" ")
            elif kind in (Tok.STATEMENT_MENTION, Tok.ARGUMENT_MENTION):
                target.put(text[tok.start : tok.end])
            else:  # bold or italic
                end_kind = Tok.BOLD_END if kind == Tok.BOLD_START else Tok.ITALIC_END
                if self.peek() in _CONTENT:
                    self.deeper(tok.start)
                    self.content(target)
                    self.depth -= 1
                if self.peek() != end_kind:
                    what = "bold" if end_kind == Tok.BOLD_END else "italic"
                    mark = text[tok.start : tok.end]
                    raise ArgdownSyntaxError(
                        f"unclosed {what} text: close it with {mark} or escape it as \\{mark[0]}",
                        self.locate(tok.start),
                    )
                end = self.take()
                if text[end.end - 1] == " ":
                    target.put(" ")

    def tag(self, target: TextParts, img: str) -> None:
        body = img[1:].rstrip(" \t")
        tag = body[1:-1] if body.startswith("(") else body
        if tag not in target.tags:
            target.tags.append(tag)
        self.tags.setdefault(tag, None)

    def free_text(self) -> str:
        parts: list[str] = []
        while self.peek() in _FREE:
            tok = self.take()
            img = self.image(tok)
            if tok.kind == Tok.ESCAPED:
                parts.append(img[1:])
            elif tok.kind == Tok.SPECIAL and img.strip() in self.shortcodes:
                parts.append(self.shortcodes[img.strip()] + (" " if img.endswith(" ") else ""))
            else:
                parts.append(img)
        return "".join(parts)

    # -- blocks ----------------------------------------------------------------

    def document(self) -> None:
        self.refill()
        if self.peek() == Tok.NEWLINE:
            self.take()
        if self.peek() == Tok.EMPTYLINE:
            self.take()
        if self.peek() == Tok.FRONT_MATTER:
            tok = self.take()
            raw = self.image(tok).strip("=")
            try:
                fm = load_yaml(raw)
            except yaml_error_types() as e:  # evaluated only when something is raised
                raise data_error(e, "frontmatter", self.locate(tok.start)) from None
            self.frontmatter = fm if isinstance(fm, dict) else {}
            settings = read_settings(self.frontmatter, self.locate(tok.start))
            self.keep_tags = not settings.remove_tags
            self.shortcodes = settings.shortcodes
            if self.peek() == Tok.NEWLINE:
                self.take()
            self.expect(Tok.EMPTYLINE)
        previous: Equivalence | None = None
        refill = self.refill
        while True:
            refill()
            previous = self.block(previous)
            if self.peek() == Tok.EMPTYLINE:
                self.take()
                continue
            if self.peek() in RELATION_KINDS or self.peek() == Tok.DEDENT:
                raise ArgdownSyntaxError(
                    "this line is indented inconsistently with the relations above it",
                    self.locate(self.tokens[self.i].start),
                )
            if self.peek() != Tok.EOF:
                raise self.fail("an empty line before the next paragraph")
            return

    def block(self, previous: Equivalence | None) -> Equivalence | None:
        kind = self.peek()
        if kind == Tok.FAST_BLOCK:
            # popped: each paragraph's lines are freed once read, and their memory serves
            # the model (a caller that falls back to the general path lexes again)
            nodes = self.blocks.pop(self.take().start)
            self.fast_node(nodes, 0, "top-level-statement")
            if self.peek() == Tok.NEWLINE:
                self.take()
            return None
        if kind == Tok.FAST_HEADING:
            start = self.take().start
            self.fast_heading(self.headings.pop(start), start)
            if self.peek() == Tok.NEWLINE:
                self.take()
            return None
        if kind == Tok.HEADING_START:
            self.heading()
            return None
        if kind == Tok.FAST_PCS:
            start = self.take().start
            self.fast_pcs(previous, self.fast_pcs_lines.pop(start), start)
            if self.peek() == Tok.NEWLINE:
                self.take()
            return None
        if kind == Tok.STATEMENT_NUMBER:
            self.pcs(previous)
            return None
        if kind == Tok.FAST_ARGUMENT:
            start = self.take().start
            argument = self.fast_argument(self.fast_arguments.pop(start))
            if self.peek() == Tok.NEWLINE:
                self.take()
            return argument
        if kind in (Tok.ARGUMENT_DEFINITION, Tok.ARGUMENT_REFERENCE):
            return self.argument("argument-description")
        if kind == Tok.INDENT and self.tokens[self.i + 1].kind in (
            Tok.ORDERED_ITEM,
            Tok.UNORDERED_ITEM,
        ):
            self.take()
            while self.peek() in (Tok.ORDERED_ITEM, Tok.UNORDERED_ITEM):
                self.take()
                if self.peek() in (Tok.ARGUMENT_DEFINITION, Tok.ARGUMENT_REFERENCE):
                    self.argument("argument-description")
                else:
                    self.statement("list-item")
            self.expect(Tok.DEDENT)
            return None
        if kind in _CONTENT or kind in (Tok.STATEMENT_DEFINITION, Tok.STATEMENT_REFERENCE):
            self.statement("top-level-statement")
            return None
        if kind in RELATION_KINDS or kind == Tok.INDENT:
            raise ArgdownSyntaxError(
                "a relation must follow its parent line directly: remove the empty line "
                "above it, or indent it consistently under its parent",
                self.locate(self.tokens[self.i].start),
            )
        raise self.fail("a statement, argument, heading or list")

    def heading(self) -> None:
        start = self.take()
        level = start.end - start.start - 1
        target = TextParts(start.start)
        self.content(target)
        data: dict[str, Any] | None = None
        if self.peek() == Tok.DATA:
            data = self.data(self.take())
            if self.peek() == Tok.NEWLINE:
                self.take()
        self.section(level, (target.text() or "").strip(JS_SPACE), target.tags, data, start.start)

    def statement(self, role: str) -> Equivalence:
        start = self.tokens[self.i]
        target = TextParts(start.start)
        reference = False
        kind = start.kind
        if kind == Tok.STATEMENT_REFERENCE:
            self.take()
            target.title = self.image(start)[1:-1]
            reference = True
            while self.peek() == Tok.TAG:
                tok = self.take()
                target.put_tag(self.image(tok), self.keep_tags)
                self.tag(target, self.image(tok))
            self.node_newline(target)
        elif kind == Tok.STATEMENT_DEFINITION:
            self.take()
            target.title = self.image(start)[1:-2]
            self.content(target)
        else:
            self.content(target)
        return self.finish(target, role, reference, STATEMENT)

    def argument(self, role: str) -> Equivalence:
        start = self.take()
        target = TextParts(start.start)
        reference = start.kind == Tok.ARGUMENT_REFERENCE
        if reference:
            target.title = self.image(start)[1:-1]
            while self.peek() == Tok.TAG:
                tok = self.take()
                target.put_tag(self.image(tok), self.keep_tags)
                self.tag(target, self.image(tok))
            self.node_newline(target)
        else:
            target.title = self.image(start)[1:-2]
            self.content(target)
        return self.finish(target, role, reference, ARGUMENT)

    def node_newline(self, target: TextParts) -> None:
        """A line break that is a child of the statement itself: Argdown adds a space to
        the text when more of the statement (data, relations) follows."""
        if self.peek() != Tok.NEWLINE:
            return
        self.take()
        if self.peek() in (Tok.DATA, Tok.INDENT) and not target.ends_with_space():
            target.put(" ")

    def finish(self, target: TextParts, role: str, reference: bool, kind: str) -> Equivalence:
        """The rest of a statement or argument line (data, relations below it) and the member
        it adds; its node."""
        if self.peek() == Tok.DATA:
            tok = self.take()
            target.data = (tok.start, tok.end)
            self.node_newline(target)
        if self.peek() == Tok.INDENT:
            if target.title is None:
                target.title = self.unique()
            self.relations_block(self.node(target.title, kind))
        if target.title is None:
            target.title = self.unique()
        node = self.node(target.title, kind)
        data_start, data_end = target.data
        self.sink.member(
            node,
            target.text(),
            target.plain_text(),
            tuple(target.tags),
            data_start,
            data_end,
            reference,
            role,
            self.current_section,
            target.start,
        )
        return node

    def relations_block(self, parent: Equivalence) -> None:
        self.deeper(self.tokens[self.i].start)
        self.expect(Tok.INDENT)
        if self.peek() not in RELATION_KINDS:
            raise self.fail("a relation")
        while self.peek() in RELATION_KINDS:
            tok = self.take()
            kind = tok.kind
            if kind == Tok.CONTRADICTION or self.peek() not in (
                Tok.ARGUMENT_DEFINITION,
                Tok.ARGUMENT_REFERENCE,
            ):
                other = self.statement("relation-statement")
            else:
                other = self.argument("argument-description")
            self.relate_line(kind, parent, other, tok.start)
        if self.peek() != Tok.DEDENT:
            raise ArgdownSyntaxError(
                "this line is indented inconsistently with the relations above it",
                self.locate(self.tokens[self.i].start),
            )
        self.take()
        self.depth -= 1

    def pcs(self, previous: Equivalence | None) -> None:
        argument = self.pcs_owner(previous, self.tokens[self.i].start)
        items: list[PcsItem] = []
        inferences: list[Inference] = []
        after_inference = False
        seen_inference = False
        while True:
            kind = self.peek()
            if kind == Tok.STATEMENT_NUMBER:
                self.take()
                premise = self.statement("premise")
                items.append(
                    PcsItem(premise.title, "intermediary" if after_inference else "premise")
                )
                after_inference = False
            elif kind == Tok.INFERENCE_START:
                if after_inference:
                    raise self.fail("a numbered statement after the inference")
                self.inference_owner = argument
                inferences.append(self.inference(len(items), argument))
                after_inference = True
                seen_inference = True
            else:
                break
        if after_inference or not seen_inference:
            raise self.fail("a numbered conclusion after an inference line (----)")
        items[-1] = PcsItem(items[-1].title, "conclusion")
        argument.pcs = items
        argument.inferences = inferences

    def inference(self, index: int, owner: Equivalence) -> Inference:
        self.take()
        rules: list[str] = []
        if self.peek() == Tok.NEWLINE and self.tokens[self.i + 1].kind in _FREE:
            self.take()
        if self.peek() in _FREE:
            rules.append(self.free_text().strip(JS_SPACE))
            while self.peek() == Tok.LIST_DELIMITER:
                self.take()
                if self.peek() not in _FREE:
                    raise self.fail("an inference rule after the comma")
                rules.append(self.free_text().strip(JS_SPACE))
        if self.peek() == Tok.NEWLINE:
            self.take()
        data: dict[str, Any] | None = None
        if self.peek() == Tok.DATA:
            data = self.data(self.take())
            if self.peek() == Tok.NEWLINE:
                self.take()
        self.expect(Tok.INFERENCE_END)
        self.expect(Tok.NEWLINE)
        if self.peek() == Tok.INDENT:
            self.take()
            while self.peek() == Tok.OUTGOING_UNDERCUT:
                tok = self.take()
                if self.peek() in (Tok.ARGUMENT_DEFINITION, Tok.ARGUMENT_REFERENCE):
                    child = self.argument("argument-description")
                else:
                    child = self.statement("relation-statement")
                # An undercut of the inference is recorded against its argument.
                self.sink.relate(child, owner, "undercut", tok.start)
            self.expect(Tok.DEDENT)
        return Inference(index, tuple(rules), data)


def parse_text(text: str, path: str, locate: Locate, *, fast: bool = True) -> Document:
    """Parse Argdown ``text`` (includes already resolved) into its document; ``locate`` maps
    offsets to locations.

    ``fast=False`` turns off the paragraph fast path (the result is the same, slower).
    """
    from argmap.formats._argdown_document import DocumentSink  # the general path only

    if fast and wants_general_lexer(text):
        fast = False  # the fast paths keep tags in the text
    sink = DocumentSink(text, locate)
    parser = Parser(text, locate, sink, fast)
    try:
        parser.document()
        return sink.result(path, parser.frontmatter, parser.sections, parser.tags)
    finally:
        sink.release()
