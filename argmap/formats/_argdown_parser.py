"""Argdown tokens to a Document: the grammar and model rules of Argdown 1.7 in one walk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from argmap.errors import ArgdownSyntaxError, ArgmapError, LimitError
from argmap.formats._argdown_data import (
    _ONE_QUOTE,
    DataLimitError,
    load_yaml,
    merge_data,
    yaml_error_types,
)
from argmap.formats._argdown_lexer import (
    RELATION_KINDS,
    FastHeading,
    FastNode,
    LexError,
    Tok,
    Token,
    tokenize,
    tokenize_fast,
)
from argmap.formats._argdown_settings import SHORTCODES, read_settings, wants_general_lexer
from argmap.formats._argdown_syntax import (
    ArgumentNode,
    Document,
    Inference,
    Member,
    PcsItem,
    SectionNode,
    StatementNode,
    _fast_member,
    _fast_relation_node,
    _fast_statement_node,
    canonical_member,
)
from argmap.model import Location

__all__ = ["JS_SPACE", "Lexed", "lex", "load_yaml", "merge_data", "parse_text"]


Locate = Callable[[int], Location]

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
_MAX_DEPTH = 200
_FREE = frozenset({Tok.FREESTYLE, Tok.CONTROL_CHAR, Tok.ESCAPED, Tok.SPECIAL})
_INCOMING = frozenset(
    {Tok.INCOMING_SUPPORT, Tok.INCOMING_ATTACK, Tok.CONTRADICTION, Tok.INCOMING_UNDERCUT}
)
_REL_TYPE = {
    Tok.INCOMING_SUPPORT: "support",
    Tok.OUTGOING_SUPPORT: "support",
    Tok.INCOMING_ATTACK: "attack",
    Tok.OUTGOING_ATTACK: "attack",
    Tok.CONTRADICTION: "contradictory",
    Tok.INCOMING_UNDERCUT: "undercut",
    Tok.OUTGOING_UNDERCUT: "undercut",
}
_NAMES = {
    Tok.EMPTYLINE: "an empty line",
    Tok.NEWLINE: "a line break",
    Tok.INDENT: "an indented line",
    Tok.DEDENT: "the end of an indented block",
    Tok.EOF: "the end of the file",
    Tok.DATA: "a {...} data block",
    Tok.FRONT_MATTER: "a === frontmatter block",
    Tok.INFERENCE_START: "an inference line (--)",
    Tok.INFERENCE_END: "the end of an inference (--)",
}
# What JavaScript's String.prototype.trim removes.
JS_SPACE = (
    "\t\n\x0b\x0c\r \u00a0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)


def _data_error(e: Exception, what: str, where: Location, raw: str = "") -> ArgmapError:
    """The located error for data (``what``: "data" or "frontmatter") load_yaml refused;
    ``raw``: the data as written, for plain words about common slips."""
    if isinstance(e, DataLimitError):
        return LimitError(f"{what}: {e}", where)
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    message = f"invalid YAML in {what}: {problem}"
    if raw:
        from argmap.formats.yaml_words import explain

        hint = explain(raw)  # plain words for the common slips, when one fits
        if hint:
            message = f"{hint} ({message})"
    return ArgdownSyntaxError(message, where)


def _describe(kind: int) -> str:
    if kind in _NAMES:
        return _NAMES[kind]
    if kind in RELATION_KINDS:
        return "a relation"
    return "text"


# The tokens of a text (ending with EOF) and the lines the lexer's fast paths read: statement
# paragraphs, headings, premise-conclusion paragraphs and argument descriptions.
Lexed = tuple[
    list[Token],
    dict[int, list[FastNode]],
    dict[int, FastHeading],
    dict[int, list[FastNode | None]],
    dict[int, FastNode],
]


def lex(text: str, locate: Locate, fast: bool = True) -> Lexed:
    """The tokens of ``text`` for the parser; a located error where no token rule applies."""
    try:
        if fast:
            tokens, blocks, headings, pcs, arguments = tokenize_fast(text)
        else:
            tokens, blocks, headings, pcs, arguments = tokenize(text), {}, {}, {}, {}
    except LexError as e:
        raise ArgdownSyntaxError(e.message, locate(e.offset)) from None
    tokens.append(Token(Tok.EOF, len(text), len(text)))
    return tokens, blocks, headings, pcs, arguments


class _Target:
    """A statement, argument description or heading while its text is being read."""

    __slots__ = ("data", "parts", "plain", "start", "tags", "title")

    def __init__(self, start: int) -> None:
        self.parts: list[str] = []
        self.plain: list[str] = []
        self.tags: list[str] = []
        self.title: str | None = None
        self.data: dict[str, Any] | None = None
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


class _Class:
    """An equivalence class or argument being collected."""

    __slots__ = (
        "data",
        "defined",
        "has_section",
        "inferences",
        "kind",
        "location",
        "members",
        "out",
        "pcs",
        "section",
        "tags",
        "title",
    )

    def __init__(self, title: str, kind: str) -> None:
        self.title = title
        self.kind = kind
        self.members: list[Member] = []
        self.tags: list[str] = []
        self.data: Any = None
        self.section: str | None = None
        self.has_section = False
        self.pcs: list[PcsItem] | None = None
        self.inferences: list[Inference] = []
        self.location: Location | None = None
        self.out: list[list[Any]] = []  # relations touching this node
        self.defined: int | None = None


class _Parser:
    def __init__(
        self, text: str, locate: Locate, fast: bool = True, lexed: Lexed | None = None
    ) -> None:
        self.text = text
        self.locate = locate
        if lexed is None:
            lexed = lex(text, locate, fast)
        self.lexed = lexed
        self.tokens, self.blocks, self.headings, self.fast_pcs_lines, self.fast_arguments = lexed
        self.i = 0
        self.counter = 0
        self.definitions = 0
        self.depth = 0
        self.inference_owner: _Class | None = None
        self.statements: dict[str, _Class] = {}
        self.arguments: dict[str, _Class] = {}
        self.relations: list[list[Any]] = []  # [from, to, type, location]
        # (id(from), id(to), type) and (id(to), type) of every relation: see relate()
        self.relation_keys: set[tuple[int, int, str]] = set()
        self.incoming_keys: set[tuple[int, str]] = set()
        self.sections: list[SectionNode] = []
        self.section_stack: list[SectionNode] = []
        self.tags: dict[str, None] = {}
        self.frontmatter: dict[str, Any] = {}
        # Frontmatter settings the reader applies (see _argdown_settings.py).
        self.keep_tags = True
        self.shortcodes: Mapping[str, str] = SHORTCODES
        self.parents: list[_Class] = []

    # -- token helpers -------------------------------------------------------

    def peek(self) -> int:
        return self.tokens[self.i].kind

    def image(self, tok: Token) -> str:
        return self.text[tok.start : tok.end]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, expected: str) -> ArgdownSyntaxError:
        tok = self.tokens[self.i]
        return ArgdownSyntaxError(
            f"unexpected {_describe(tok.kind)}; expected {expected}", self.locate(tok.start)
        )

    def expect(self, kind: int) -> Token:
        if self.peek() != kind:
            raise self.fail(_describe(kind))
        return self.take()

    def unique(self) -> str:
        self.counter += 1
        return f"Untitled {self.counter}"

    def data(self, tok: Token) -> dict[str, Any]:
        return self.data_at(tok.start, tok.end)

    def data_at(self, start: int, end: int) -> dict[str, Any]:
        raw = self.text[start:end]
        body = raw
        if raw.startswith("{") and raw[1:2] in (" ", "\t", "\n"):
            head = raw[1:].lstrip(" \t")
            if head.startswith("\n") or head.startswith("\n\r"):
                body = head[1:].rstrip()
                body = body[:-1] if body.endswith("}") else body
        try:
            value = load_yaml(body)
        except yaml_error_types() as e:  # evaluated only when something is raised
            raise _data_error(e, "data", self.locate(start), raw) from None
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ArgdownSyntaxError("data must be a {key: value} mapping", self.locate(start))
        return value

    # -- text ------------------------------------------------------------------

    def content(self, target: _Target) -> None:
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
                    self.deeper(tok)
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

    def tag(self, target: _Target, img: str) -> None:
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
                raise _data_error(e, "frontmatter", self.locate(tok.start)) from None
            self.frontmatter = fm if isinstance(fm, dict) else {}
            settings = read_settings(self.frontmatter, self.locate(tok.start))
            self.keep_tags = not settings.remove_tags
            self.shortcodes = settings.shortcodes
            if self.peek() == Tok.NEWLINE:
                self.take()
            self.expect(Tok.EMPTYLINE)
        previous: _Class | None = None
        while True:
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

    def block(self, previous: _Class | None) -> _Class | None:
        kind = self.peek()
        if kind == Tok.FAST_BLOCK:
            nodes = self.blocks[self.take().start]
            self.fast_node(nodes, 0, "top-level-statement")
            if self.peek() == Tok.NEWLINE:
                self.take()
            return None
        if kind == Tok.FAST_HEADING:
            start = self.take().start
            self.fast_heading(self.headings[start], start)
            if self.peek() == Tok.NEWLINE:
                self.take()
            return None
        if kind == Tok.HEADING_START:
            self.heading()
            return None
        if kind == Tok.FAST_PCS:
            start = self.take().start
            self.fast_pcs(previous, self.fast_pcs_lines[start], start)
            if self.peek() == Tok.NEWLINE:
                self.take()
            return None
        if kind == Tok.STATEMENT_NUMBER:
            self.pcs(previous)
            return None
        if kind == Tok.FAST_ARGUMENT:
            start = self.take().start
            argument = self.fast_argument(self.fast_arguments[start])
            if self.peek() == Tok.NEWLINE:
                self.take()
            return argument
        if kind in (Tok.ARGUMENT_DEFINITION, Tok.ARGUMENT_REFERENCE):
            return self.arguments[self.argument("argument-description").title]
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
        target = _Target(start.start)
        self.content(target)
        data: dict[str, Any] | None = None
        if self.peek() == Tok.DATA:
            data = self.data(self.take())
            if self.peek() == Tok.NEWLINE:
                self.take()
        self.section(level, (target.text() or "").strip(JS_SPACE), target.tags, data, start.start)

    def fast_heading(self, heading: FastHeading, start: int) -> None:
        """What heading() does for a heading the lexer's fast path has read."""
        tags: list[str] = []
        for tag in heading.tags:
            if tag not in tags:
                tags.append(tag)
            self.tags.setdefault(tag, None)
        data: dict[str, Any] | None = None
        if heading.data_start >= 0:
            data = self.data_at(heading.data_start, heading.data_end)
        self.section(heading.level, heading.text.strip(JS_SPACE), tags, data, start)

    def section(
        self, level: int, title: str, tags: list[str], data: dict[str, Any] | None, start: int
    ) -> None:
        """A heading's section, placed under the nearest open heading of a lower level."""
        while self.section_stack and self.section_stack[-1].level >= level:
            self.section_stack.pop()
        parent = self.section_stack[-1].id if self.section_stack else None
        section = SectionNode(
            f"s{len(self.sections) + 1}",
            title,
            level,
            tuple(tags),
            data,
            parent,
            self.locate(start),
        )
        self.sections.append(section)
        self.section_stack.append(section)

    @property
    def current_section(self) -> str | None:
        return self.section_stack[-1].id if self.section_stack else None

    def statement(self, role: str) -> Member:
        start = self.tokens[self.i]
        target = _Target(start.start)
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
        return self.finish(target, role, reference, "statement")

    def argument(self, role: str) -> Member:
        start = self.take()
        target = _Target(start.start)
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
        return self.finish(target, role, reference, "argument")

    def fast_argument(self, line: FastNode) -> _Class:
        """What argument(), finish() and member() do for an argument description the lexer's
        fast path has read (a paragraph of its own): the argument."""
        _, _, _, start, title, text, plain, tags, reference, data_start, data_end = line
        own_tags = tags if len(tags) < 2 else tuple(dict.fromkeys(tags))
        for tag in own_tags:
            self.tags.setdefault(tag, None)
        data: dict[str, Any] | None = None
        if data_start != -1:
            if reference and not text.endswith(" "):
                text += " "  # node_newline(): a space before the data on the next line
                plain += " "
            data = self.data_at(data_start, data_end)
        self.add_member(
            title,
            text or None,
            plain if text else None,
            own_tags,
            data,
            reference,
            "argument-description",
            "argument",
            start,
        )
        return self.arguments[title]

    def node_newline(self, target: _Target) -> None:
        """A line break that is a child of the statement itself: Argdown adds a space to
        the text when more of the statement (data, relations) follows."""
        if self.peek() != Tok.NEWLINE:
            return
        self.take()
        if self.peek() in (Tok.DATA, Tok.INDENT) and not target.ends_with_space():
            target.put(" ")

    def node(self, title: str, kind: str) -> _Class:
        table = self.statements if kind == "statement" else self.arguments
        found = table.get(title)
        if found is None:
            found = table[title] = _Class(title, kind)
        return found

    def finish(self, target: _Target, role: str, reference: bool, kind: str) -> Member:
        if self.peek() == Tok.DATA:
            target.data = self.data(self.take())
            self.node_newline(target)
        if self.peek() == Tok.INDENT:
            if target.title is None:
                target.title = self.unique()
            self.relations_block(self.node(target.title, kind))
        if target.title is None:
            target.title = self.unique()
        return self.member(target, role, reference, kind)

    def member(self, target: _Target, role: str, reference: bool, kind: str) -> Member:
        """The member a statement or argument read into ``target`` adds to its node."""
        title = target.title
        assert title is not None
        return self.add_member(
            title,
            target.text(),
            target.plain_text(),
            tuple(target.tags),
            target.data,
            reference,
            role,
            kind,
            target.start,
        )

    def add_member(
        self,
        title: str,
        text: str | None,
        plain: str | None,
        tags: tuple[str, ...],
        data: dict[str, Any] | None,
        reference: bool,
        role: str,
        kind: str,
        start: int,
    ) -> Member:
        """The member of a statement or argument with these parts, added to its node."""
        cls = self.node(title, kind)
        section = self.current_section
        member = Member(
            title, text, role, tags, data, reference, section, self.locate(start), plain
        )
        cls.members.append(member)
        first_definition = cls.defined is None and not reference
        if first_definition:
            self.definitions += 1
            cls.defined = self.definitions
        for t in tags:
            if t not in cls.tags:
                cls.tags.append(t)
        if data is not None:
            cls.data = merge_data(cls.data, data)
        if (kind == "argument" or not reference) and not cls.has_section:
            cls.section = section
            cls.has_section = section is not None
        if cls.location is None or first_definition:
            cls.location = member.location  # the first definition, else the first mention
        return member

    def deeper(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise LimitError(f"nested more than {_MAX_DEPTH} levels deep", self.locate(tok.start))

    def fast_node(self, nodes: list[FastNode], i: int, role: str) -> tuple[Member, int]:
        """What statement(), finish() and member() do for a line of a fast paragraph (and the
        relation lines below it): the member, and the index of the next line not below it."""
        (width, _, _, start, title, text, plain, tags, reference, data_start, data_end) = nodes[i]
        own_tags: tuple[str, ...] = tags if len(tags) < 2 else tuple(dict.fromkeys(tags))
        if tags:
            doc_tags = self.tags
            for tag in own_tags:
                if tag not in doc_tags:
                    doc_tags[tag] = None
        j = i + 1
        children = j < len(nodes) and nodes[j][0] > width
        data: dict[str, Any] | None = None
        if data_start != -1:
            # node_newline(): a space before data or relations that follow on later lines
            if (reference or children) and not text.endswith(" "):
                text += " "
                plain += " "
            one = _ONE_QUOTE.fullmatch(self.text, data_start, data_end)
            if one is not None:  # what data_at() returns for it, without the calls
                quote, begin, end = one.groups()
                data = {"quotes": [{"text": quote, "start": int(begin), "end": int(end)}]}
            else:
                data = self.data_at(data_start, data_end)
        elif reference and children:
            text += " "
            plain += " "
        table = self.statements
        if children:
            parent = table.get(title)
            if parent is None:
                parent = table[title] = _Class(title, "statement")
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise ArgdownSyntaxError(
                    f"nested more than {_MAX_DEPTH} levels deep", self.locate(nodes[j][2])
                )
            relate = self.relate
            locate = self.locate
            while j < len(nodes) and nodes[j][0] > width:
                line = nodes[j]
                child, j = self.fast_node(nodes, j, "relation-statement")
                other = table[child.title]
                kind = line[1]
                here = parent
                if kind == Tok.OUTGOING_UNDERCUT and self.inference_owner is not None:
                    here = self.inference_owner
                if kind in _INCOMING:
                    relate(here, other, _REL_TYPE[kind], locate(line[2]))
                else:
                    relate(other, here, _REL_TYPE[kind], locate(line[2]))
            self.depth -= 1
        cls = table.get(title)
        if cls is None:
            cls = table[title] = _Class(title, "statement")
        stack = self.section_stack
        section = stack[-1].id if stack else None
        member = _fast_member(
            title,
            text or None,
            role,
            own_tags,
            data,
            reference,
            section,
            self.locate(start),
            plain if text else None,
        )
        cls.members.append(member)
        if cls.defined is None and not reference:
            self.definitions += 1
            cls.defined = self.definitions
            cls.location = member.location
        elif cls.location is None:
            cls.location = member.location
        if own_tags:
            cls_tags = cls.tags
            for t in own_tags:
                if t not in cls_tags:
                    cls_tags.append(t)
        if data is not None:
            cls.data = data if cls.data is None else merge_data(cls.data, data)
        if not reference and not cls.has_section:
            cls.section = section
            cls.has_section = section is not None
        return member, j

    def relations_block(self, parent: _Class) -> None:
        self.deeper(self.tokens[self.i])
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
                child = self.statement("relation-statement")
                other = self.node(child.title, "statement")
            else:
                child = self.argument("argument-description")
                other = self.node(child.title, "argument")
            here = parent
            if (
                kind == Tok.OUTGOING_UNDERCUT
                and parent.kind == "statement"
                and self.inference_owner is not None
            ):
                # Argdown aims `_` under a statement at the last inference read so far.
                here = self.inference_owner
            if kind in _INCOMING:
                src, dst = here, other
            else:
                src, dst = other, here
            self.relate(src, dst, _REL_TYPE[kind], self.locate(tok.start))
        if self.peek() != Tok.DEDENT:
            raise ArgdownSyntaxError(
                "this line is indented inconsistently with the relations above it",
                self.locate(self.tokens[self.i].start),
            )
        self.take()
        self.depth -= 1

    def relate(self, src: _Class, dst: _Class, rel: str, where: Location) -> None:
        # Argdown checks every relation touching the source, incoming ones included: one
        # from src to dst of this type, a reversed contradiction, or (for a relation of
        # src to itself) any relation of this type into src. Sets keep this constant-time.
        if (id(src), id(dst), rel) in self.relation_keys:
            return
        if rel == "contradictory" and (id(dst), id(src), rel) in self.relation_keys:
            return
        if dst is src and (id(dst), rel) in self.incoming_keys:
            return
        self.relation_keys.add((id(src), id(dst), rel))
        self.incoming_keys.add((id(dst), rel))
        r = [src, dst, rel, where]
        src.out.append(r)
        if dst is not src:
            dst.out.append(r)
        self.relations.append(r)

    def pcs_owner(self, previous: _Class | None, start: int) -> _Class:
        """The argument a premise-conclusion structure starting at ``start`` belongs to."""
        if previous is not None and previous.kind == "argument":
            argument = previous
        else:
            argument = self.node(self.unique(), "argument")
        if argument.pcs:
            raise ArgdownSyntaxError(
                f"argument <{argument.title}> already has a premise-conclusion structure",
                self.locate(start),
            )
        argument.section = self.current_section
        argument.has_section = True
        if argument.location is None:
            argument.location = self.locate(start)
        return argument

    def fast_pcs(
        self,
        previous: _Class | None,
        lines: list[FastNode | None],
        start: int,
        read: Callable[[FastNode], str] | None = None,
    ) -> None:
        """What pcs() does for a premise-conclusion paragraph the lexer's fast path has read;
        ``read`` takes in a numbered line's statement and gives its title (the default is
        fast_node())."""
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
                title = read(line) if read else self.fast_node([line], 0, "premise")[0].title
                items.append(PcsItem(title, "intermediary" if after_inference else "premise"))
                after_inference = False
        items[-1] = PcsItem(items[-1].title, "conclusion")
        argument.pcs = items
        argument.inferences = inferences

    def pcs(self, previous: _Class | None) -> None:
        argument = self.pcs_owner(previous, self.tokens[self.i].start)
        items: list[PcsItem] = []
        inferences: list[Inference] = []
        after_inference = False
        seen_inference = False
        while True:
            kind = self.peek()
            if kind == Tok.STATEMENT_NUMBER:
                self.take()
                member = self.statement("premise")
                items.append(
                    PcsItem(member.title, "intermediary" if after_inference else "premise")
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

    def inference(self, index: int, owner: _Class) -> Inference:
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
                    title = self.argument("argument-description").title
                    child = self.node(title, "argument")
                else:
                    child = self.node(self.statement("relation-statement").title, "statement")
                # An undercut of the inference is recorded against its argument.
                self.relate(child, owner, "undercut", self.locate(tok.start))
            self.expect(Tok.DEDENT)
        return Inference(index, tuple(rules), data)

    # -- results ---------------------------------------------------------------

    def result(self, path: str) -> Document:
        strict = (self.frontmatter.get("model") or {}) if self.frontmatter else {}
        mode = strict.get("mode") if isinstance(strict, dict) else None
        relations = self.transform(mode == "strict")
        statements = tuple(self.freeze_statement(c) for c in self.statements.values())
        arguments = tuple(self.freeze_argument(c) for c in self.arguments.values())
        rel_nodes = tuple(
            _fast_relation_node(r[0].title, r[0].kind, r[1].title, r[1].kind, r[2], r[3])
            for r in relations
        )
        return Document(
            path,
            self.frontmatter,
            statements,
            arguments,
            rel_nodes,
            tuple(self.sections),
            tuple(self.tags),
        )

    def transform(self, strict: bool) -> list[list[Any]]:
        out: list[list[Any]] = []
        for r in self.relations:
            src, dst, rel = r[0], r[1], r[2]
            if src.kind == "argument" and src.pcs:
                conclusion = self.statements[src.pcs[-1].title]
                src.out.remove(r)
                if any(o[1] is dst and o[2] == rel for o in conclusion.out):
                    if dst is not src:
                        dst.out.remove(r)
                    continue
                r[0] = conclusion
                conclusion.out.append(r)
            out.append(r)
        if strict:
            kept: list[list[Any]] = []
            for r in out:
                if r[0].kind == "statement" and r[1].kind == "statement":
                    if r[2] == "support":
                        r[2] = "entails"
                    elif r[2] == "attack":
                        if any(
                            k[2] == "contrary"
                            and {k[0].title, k[1].title} == {r[0].title, r[1].title}
                            for k in kept
                        ):
                            continue
                        r[2] = "contrary"
                kept.append(r)
            out = kept
        final: list[list[Any]] = []
        for r in out:
            src, dst = r[0], r[1]
            if src.kind == "statement" and r[2] == "attack" and dst.kind == "argument" and dst.pcs:
                premises = {p.title for p in dst.pcs if p.role == "premise"}
                redundant = any(
                    o is not r
                    and (
                        (o[2] == "attack" and o[0] is src) or o[2] in ("contradictory", "contrary")
                    )
                    and (src in (o[0], o[1]))
                    and (o[1] if o[0] is src else o[0]).kind == "statement"
                    and (o[1] if o[0] is src else o[0]).title in premises
                    for o in out
                )
                if redundant:
                    continue
            final.append(r)
        return final

    def release(self) -> None:
        """Break the cycles between classes and their relations, so that reference counting
        frees the parser's tables (a cycle collection over them costs far more)."""
        for table in (self.statements, self.arguments):
            for c in table.values():
                c.out = []
        self.relations = []

    def freeze_statement(self, c: _Class) -> StatementNode:
        canonical = canonical_member(c.members)
        text = canonical.text if canonical is not None else None
        section = c.section if c.has_section else (c.members[0].section if c.members else None)
        return _fast_statement_node(
            c.title,
            text,
            tuple(c.tags),
            c.data if isinstance(c.data, dict) else {},
            tuple(c.members),
            section,
            c.location,
            c.defined,
        )

    def freeze_argument(self, c: _Class) -> ArgumentNode:
        canonical = canonical_member(c.members)
        text = canonical.text if canonical is not None else None
        section = c.section if c.has_section else (c.members[0].section if c.members else None)
        return ArgumentNode(
            c.title,
            text,
            tuple(c.tags),
            c.data if isinstance(c.data, dict) else {},
            tuple(c.members),
            tuple(c.pcs or ()),
            tuple(c.inferences),
            section,
            c.location,
        )


def parse_text(text: str, path: str, locate: Locate, *, fast: bool = True) -> Document:
    """Parse Argdown ``text`` (includes already resolved); ``locate`` maps offsets.

    ``fast=False`` turns off the paragraph fast path (the result is the same, slower).
    """
    if fast and wants_general_lexer(text):
        fast = False  # the fast paths keep tags in the text
    parser = _Parser(text, locate, fast)
    try:
        parser.document()
        return parser.result(path)
    finally:
        parser.release()
