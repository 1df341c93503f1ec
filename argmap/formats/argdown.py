"""Read and write Argdown: ``parse`` gives what Argdown sees, ``load``/``dump`` give argmap maps.

>>> doc = parse("[T]: Cities should tax land. #thesis")
>>> doc.statements[0].title, doc.statements[0].tags
('T', ('thesis',))
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs
from attrs import evolve

from argmap.errors import SourceError
from argmap.formats._argdown_data import compose_yaml, data_body, data_error, yaml_error_types
from argmap.formats._argdown_include import (
    directives,
    expand,
    line_starts,
    locate_in,
    locator,
    read_file,
)
from argmap.formats._argdown_parser import lex, parse_text
from argmap.formats._argdown_parser_base import lex_lazily
from argmap.formats._argdown_syntax import ArgumentNode, Inference, PcsItem, SectionNode
from argmap.formats._argdown_tokens import Tok
from argmap.formats.files import allowed_outside, current_root, default_max_bytes, limited
from argmap.model import ArgumentMap, Location

if TYPE_CHECKING:
    from argmap.formats._argdown_document_nodes import Document, Member, RelationNode, StatementNode

__all__ = [
    "ArgumentNode",
    "DataNode",
    "Document",
    "Inference",
    "Member",
    "PcsItem",
    "RelationNode",
    "SectionNode",
    "StatementNode",
    "comment",
    "data_nodes",
    "data_spans",
    "dump",
    "dumps",
    "escape",
    "includes",
    "is_comparison",
    "load",
    "loads",
    "parse",
    "parse_file",
    "shared_documents",
]

#: The general reader's document values, imported on first use (reading a map straight
#: needs none of them).
_DOCUMENT_NODES = frozenset({"Document", "Member", "RelationNode", "StatementNode"})


def __getattr__(name: str) -> Any:
    """:class:`Document`, :class:`Member`, :class:`StatementNode` and :class:`RelationNode`,
    imported on first use."""
    if name in _DOCUMENT_NODES:
        from argmap.formats import _argdown_document_nodes

        return getattr(_argdown_document_nodes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_DOCUMENT_NODES])


_BAD_CHARS = re.compile(r"\x00")
_Paths = Sequence[str | os.PathLike[str]]


def _check_chars(text: str, path: str) -> None:
    m = _BAD_CHARS.search(text)
    if m:
        raise SourceError(
            f"control character U+{ord(m.group()):04X} in text (binary file?)",
            locate_in(path, text, m.start()),
        )


def _clean(text: str) -> str:
    """The one line-end rule (see formats/files.py): CRLF and lone CR become LF; a byte order
    mark at the start is dropped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _root(path: str) -> Path:
    return Path(path).parent if path != "<string>" else Path(".")


def _read_top(path: str) -> str:
    """The text of a file the user named (no containment: it defines the root)."""
    return read_file(path, root=None, where=Location(path, 1, 1), what="Argdown file")


#: Documents already read inside :func:`shared_documents` blocks, by everything a reading
#: depends on (None: no block in force, nothing is kept).
_SHARED: contextvars.ContextVar[dict[tuple[object, ...], Document] | None] = contextvars.ContextVar(
    "argmap_shared_documents", default=None
)


@contextlib.contextmanager
def shared_documents() -> Iterator[None]:
    """Within the block, a text read again in the same way (same path, includes, folder,
    allowed folders and size cap) gives the document of its first reading instead of being
    parsed again; documents are immutable, so sharing them is safe. ``argmap build --check``
    reads a comparison and its maps once for the check and once for the build: inside one
    block the second reading is free. An included file changed between the two readings is
    seen as the first reading saw it. The documents are dropped when the block ends."""
    token = _SHARED.set({} if _SHARED.get() is None else _SHARED.get())
    try:
        yield
    finally:
        _SHARED.reset(token)


def _parse(
    text: str,
    path: str,
    include: bool,
    allow_outside: _Paths,
    root: Path | None = None,
    open_files: tuple[str, ...] = (),
) -> Document:
    """The document of ``text``; ``open_files``: the files whose documents are being read
    around this one (an include of one of them is left out of ``includes``)."""
    text = _clean(text)
    shared = _SHARED.get()
    if shared is None:
        return _parse_clean(text, path, include, allow_outside, root, open_files)
    key = (
        text,
        path,
        include,
        tuple(os.fspath(p) for p in allow_outside),
        root,
        open_files,
        current_root(),
        allowed_outside(),
        default_max_bytes(),
    )
    found = shared.get(key)
    if found is None:
        found = shared[key] = _parse_clean(text, path, include, allow_outside, root, open_files)
    return found


def _parse_clean(
    text: str,
    path: str,
    include: bool,
    allow_outside: _Paths,
    root: Path | None,
    open_files: tuple[str, ...],
) -> Document:
    """:func:`_parse` of a text whose line ends are already made ``\\n``."""
    _check_chars(text, path)
    if include and "@include(" in text:
        if root is None:  # the top-level file's folder (see files.rooted), else this file's
            root = current_root() or _root(path)
        expanded = expand(text, path, root=root, allow_outside=allow_outside)
        if expanded.direct or expanded.text != text:
            doc = parse_text(expanded.text, path, expanded.source_map.locate)
            open_files = (*open_files, os.path.abspath(path))
            documents: list[Document] = []
            for target in dict.fromkeys(expanded.direct):  # a file included twice: once
                if os.path.abspath(target) in open_files:
                    continue  # an include cycle: that document is being read already
                child = read_file(target, root=root, allow_outside=allow_outside, what="include")
                documents.append(_parse(child, target, True, allow_outside, root, open_files))
            return evolve(doc, includes=tuple(documents))
    return parse_text(text, path, locator(path, line_starts(text)))


def parse(
    text: str, path: str = "<string>", *, include: bool = True, allow_outside: _Paths = ()
) -> Document:
    """Parse Argdown text; ``@include`` paths are relative to ``path`` and must lie in its
    folder (or in one of the ``allow_outside`` folders)."""
    return _parse(text, path, include, allow_outside)


def parse_file(
    path: str | os.PathLike[str],
    *,
    include: bool = True,
    allow_outside: _Paths = (),
    max_bytes: int | None = None,
) -> Document:
    """Parse an Argdown file (UTF-8, or UTF-16/32 with a byte order mark); see :func:`parse`
    and, for ``max_bytes``, :func:`load`."""
    p = os.fspath(path)
    with limited(max_bytes):
        return _parse(_read_top(p), p, include, allow_outside)


def includes(text: str) -> list[tuple[str, int]]:
    """The files ``text`` ``@include``\\ s, as written, with the offset of each ``@include``
    (in the text with its line ends made ``\\n``).

    This is the reader's own rule (argmap/formats/_argdown_include.py): a directive on a
    line of its own, outside data, frontmatter and comments; anywhere else ``@include(...)``
    is text. Not followed into the included files.

    >>> includes("# C\\n\\n@include(a.argdown)\\n\\n// @include(b.argdown)\\n")
    [('a.argdown', 5)]
    """
    text = _clean(text)
    return [(d.target, text.index("@", d.start)) for d in directives(text, "<string>")]


#: Tokens that end the element a data block could belong to.
_ELEMENT_TOKENS = frozenset(
    {
        Tok.EMPTYLINE,
        Tok.HEADING_START,
        Tok.STATEMENT_REFERENCE,
        Tok.ARGUMENT_DEFINITION,
        Tok.ARGUMENT_REFERENCE,
        Tok.INCOMING_SUPPORT,
        Tok.INCOMING_ATTACK,
        Tok.OUTGOING_SUPPORT,
        Tok.OUTGOING_ATTACK,
        Tok.CONTRADICTION,
        Tok.INCOMING_UNDERCUT,
        Tok.OUTGOING_UNDERCUT,
        Tok.INFERENCE_START,
        Tok.STATEMENT_NUMBER,
        Tok.FRONT_MATTER,
    }
)


def data_spans(text: str, path: str = "<string>") -> dict[str, list[tuple[int, int]]]:
    """Where the ``{...}`` data of each statement definition is: title -> the ``(start, end)``
    offsets (end exclusive) of each definition's data block, in the order of the text.

    The reader's own lexer finds them, so comments, escapes and data of other elements are
    told apart as the reader tells them apart (tools that edit data in place use this).

    >>> text = '[T]: Tax. #thesis\\n    {quotes: ["tax"]}\\n\\n[E]: e {quotes: [x]}\\n  + [T]\\n'
    >>> spans = data_spans(text)
    >>> {title: [text[a:b] for a, b in found] for title, found in spans.items()}
    {'T': ['{quotes: ["tax"]}'], 'E': ['{quotes: [x]}']}
    """
    tokens = lex(text, locator(path, line_starts(text)), fast=False)[0]
    out: dict[str, list[tuple[int, int]]] = {}
    owner: str | None = None  # the statement definition the paragraph is about
    for tok in tokens:
        kind = tok.kind
        if kind == Tok.STATEMENT_DEFINITION:
            inner = text[tok.start : tok.end].strip()[1:].rstrip(":").rstrip()[:-1]
            owner = " ".join(inner.split())
        elif kind == Tok.DATA:
            if owner is not None:
                out.setdefault(owner, []).append((tok.start, tok.end))
                owner = None
        elif kind in _ELEMENT_TOKENS:
            owner = None
    return out


@attrs.frozen
class DataNode:
    """A value in a ``{...}`` data block and where it stands in the text (``start``/``end``:
    offsets, end exclusive). ``kind`` is ``"map"`` (``keys``: its entries), ``"list"``
    (``items``), ``"scalar"`` (``value``: the string as YAML reads it; ``style``: PyYAML's
    ``'"'``, ``"'"``, ``"|"``, ``">"`` or ``""`` for plain) or ``"alias"`` (a value written
    once and used again: it has no place of its own). ``flow``: written in flow style."""

    start: int
    end: int
    kind: str
    value: str = ""
    style: str = ""
    flow: bool = True
    items: tuple[DataNode, ...] = ()
    keys: tuple[tuple[str, DataNode], ...] = ()


def _data_tree(root: object, shift: int, back: Callable[[int], int]) -> DataNode:
    """The :class:`DataNode` of a YAML node (``shift``: where its text starts; ``back``:
    its marks to offsets in that text). Data is at most MAX_DEPTH deep (checked before)."""
    import yaml

    seen: set[int] = set()

    def tree(node: yaml.Node) -> DataNode:
        start = shift + back(node.start_mark.index)
        end = shift + back(node.end_mark.index)
        if id(node) in seen:
            return DataNode(start, end, "alias")
        seen.add(id(node))
        flow = bool(getattr(node, "flow_style", True))
        if isinstance(node, yaml.MappingNode):
            keys = tuple((str(k.value), tree(v)) for k, v in node.value)
            return DataNode(start, end, "map", flow=flow, keys=keys)
        if isinstance(node, yaml.SequenceNode):
            return DataNode(start, end, "list", flow=flow, items=tuple(map(tree, node.value)))
        return DataNode(start, end, "scalar", str(node.value), getattr(node, "style", "") or "")

    return tree(root)  # type: ignore[arg-type]


def data_nodes(text: str, path: str = "<string>") -> dict[str, list[DataNode]]:
    """The data of each statement definition with where each value stands: title -> one
    :class:`DataNode` tree per definition's data block, in the order of the text.

    The blocks are where :func:`data_spans` finds them and their YAML is read as the reader
    reads it, so a tool that edits data in place (``argmap anchor``) edits what the reader
    will see. Data the reader refuses raises the reader's located error.

    >>> text = '[T]: Tax. #thesis\\n    {quotes: ["tax", {text: rose, start: 1, end: 2}]}\\n'
    >>> quotes = dict(data_nodes(text)["T"][0].keys)["quotes"]
    >>> [text[q.start : q.end] for q in quotes.items]
    ['"tax"', '{text: rose, start: 1, end: 2}']
    """
    out: dict[str, list[DataNode]] = {}
    locate = locator(path, line_starts(text))
    for title, spans in data_spans(text, path).items():
        for start, end in spans:
            raw = text[start:end]
            at, body = data_body(raw)
            try:
                root, back = compose_yaml(body)
            except yaml_error_types() as e:
                raise data_error(e, "data", locate(start), raw) from None
            if root is not None:
                out.setdefault(title, []).append(_data_tree(root, start + at, back))
    return out


def is_comparison(text: str) -> bool:
    """Whether an Argdown text is a comparison file: it ``@include``\\ s other files.

    The rule is the reader's (:func:`argmap.formats.argdown.includes`), so a file is a
    comparison exactly when reading it includes other files.

    >>> is_comparison("# C\\n\\n@include(a.argdown)\\n")
    True
    >>> is_comparison("[A]: a map's statement\\n")
    False
    """
    return bool(includes(text))


def escape(text: str) -> str:
    """``text`` with every character Argdown could read as markup backslashed (the writer's
    one escaping rule; ``@`` included, so no ``@include(...)`` in text becomes a directive).

    >>> print(escape("see @include(x) #tag"))
    see \\@include\\(x\\) \\#tag
    """
    from argmap.formats._argdown_writer import escape as _escape  # not needed to read maps

    return _escape(text)


def comment(text: str) -> str:
    """``text`` as Argdown line comments (``// `` before each line; every line separator
    starts a new one, so nothing in ``text`` can end the comment).

    >>> comment("a\\nb")
    '// a\\n// b\\n'
    """
    from argmap.formats._argdown_writer import comment as _comment

    return _comment(text)


def dumps(m: ArgumentMap) -> str:
    """Canonical Argdown for a map; ``loads(dumps(m)) == m``."""
    from argmap.formats._argdown_writer import dumps as _dumps  # not needed to read maps

    return _dumps(m)


def dump(m: ArgumentMap, path_or_file: str | os.PathLike[str] | IO[str]) -> None:
    """Write :func:`dumps` output to a path (UTF-8) or an open text file."""
    from argmap.formats._argdown_writer import dump as _dump

    _dump(m, path_or_file)


def _load(text: str, path: str, allow_outside: _Paths = ()) -> ArgumentMap:
    from argmap.formats._argdown_map import document_to_map

    text = _clean(text)
    if "@include(" in text:
        return document_to_map(_parse(text, path, True, allow_outside), path)
    # Without includes: straight to the map where the direct builder can, else the general
    # path (which lexes the text again: the direct builder consumes the tokens). The direct
    # builder lexes as it reads (a lexing error makes it decline: the general path reports it).
    from argmap.formats._argdown_direct import direct_map

    _check_chars(text, path)
    locate = locator(path, line_starts(text))
    found = direct_map(text, path, locate, *lex_lazily(text))
    if found is not None:
        return found
    return document_to_map(parse_text(text, path, locate), path)


def loads(text: str, path: str = "<string>", *, allow_outside: _Paths = ()) -> ArgumentMap:
    """Read an argmap map from Argdown text (see :func:`parse` for ``@include``)."""
    return _load(text, path, allow_outside)


def load(
    path: str | os.PathLike[str], *, allow_outside: _Paths = (), max_bytes: int | None = None
) -> ArgumentMap:
    """Read an argmap map from an Argdown file (see :func:`parse` for ``@include``).

    Files are read by :func:`argmap.formats.files.read_text`; ``max_bytes``: the size cap
    of each (default :func:`~argmap.formats.files.default_max_bytes`)."""
    p = os.fspath(path)
    with limited(max_bytes):
        return _load(_read_top(p), p, allow_outside)
