"""ArgumentMap to canonical Argdown text that reads back to the same map."""

from __future__ import annotations

import io
import json
import os
import re
from typing import IO, Any

import yaml

from argmap.errors import ArgmapError
from argmap.model import Argument, ArgumentMap, RelationType, Statement

__all__ = ["comment", "data_string", "dump", "dumps", "escape"]

_SPECIAL = set("\\@#*_[],.:;</>-(){}=+~^'\"`!?|$%&")
_ROLE_NAMES = {"thesis", "claim", "evidence", "counterclaim"}
_TAG_WORD = re.compile(r"[a-zA-Z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+")
_YAML_BAD = re.compile(r"\}\s[^,}]|[\r\n\u2028\u2029\x85]")
_NOT_PRINTABLE = re.compile(
    "[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]"
)
_BREAKS = "\n\r\u2028\u2029"


def escape(text: str) -> str:
    """Backslash every character Argdown could read as markup.

    >>> escape("1. [A] #x")
    '1\\\\. \\\\[A\\\\] \\\\#x'
    """
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def comment(text: str) -> str:
    """``text`` as Argdown line comments: ``// `` before each of its lines, each ending in
    ``\\n``. Every Unicode line separator starts a new comment line, so no text (a file name
    with a line break in it) can end the comment and be read as Argdown.

    >>> print(comment("Written by a tool.\\n\\nsee x\\u2028[A]: not a statement"), end="")
    // Written by a tool.
    //
    // see x
    // [A]: not a statement
    """
    return "".join(f"// {line}".rstrip() + "\n" for line in text.splitlines() or [""])


def _check_title(title: str, close: str) -> None:
    bad = (
        not title.strip()
        or close in title
        or any(b in title for b in _BREAKS)
        or title.startswith("-")
        or (close == ">" and (title[0] in "+_" or title.startswith("!--")))
    )
    if bad:
        raise ArgmapError(f"{title!r} cannot be written as an Argdown title")


def _tag(tag: str) -> str:
    if _TAG_WORD.fullmatch(tag):
        return "#" + tag
    if not tag or ")" in tag or any(b in tag for b in _BREAKS):
        raise ArgmapError(f"tag {tag!r} cannot be written in Argdown")
    return f"#({tag})"


def _data(value: dict[str, Any]) -> str:
    """Flow-style YAML that the Argdown data token cannot cut short."""
    text: str = yaml.safe_dump(
        value, default_flow_style=True, width=2**31 - 1, allow_unicode=True, sort_keys=False
    ).strip()
    if not _YAML_BAD.search(text) and not _NOT_PRINTABLE.search(text):
        try:
            if yaml.safe_load(text) == value:
                return text
        except yaml.YAMLError:
            pass
    return _json(value)


def _json(value: Any) -> str:
    """JSON (a subset of YAML flow style) with braces and unprintables in strings escaped."""
    if isinstance(value, dict):
        items = (f"{_json(str(k))}: {_json(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_json(v) for v in value) + "]"
    if isinstance(value, str):
        out = json.dumps(value, ensure_ascii=False).replace("}", "\\u007d")
        return _NOT_PRINTABLE.sub(lambda m: "".join(f"\\u{b:04x}" for b in _utf16(m.group())), out)
    return json.dumps(value)


def data_string(text: str) -> str:
    """``text`` as a string in ``{...}`` data: a YAML double-quoted scalar (JSON's string
    syntax) with ``}`` and unprintable characters escaped, so the Argdown data token (which
    the CLI ends at a ``}`` even inside a string) cannot be cut short.

    >>> print(data_string('a "b"} c'))
    "a \\"b\\"\\u007d c"
    """
    return _json(text)


def _utf16(ch: str) -> list[int]:
    data = ch.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def _heading(level: int, title: str, data: dict[str, Any]) -> str:
    body = escape(title)
    if not body:
        return "#" * level + " \n" + _data(data)
    return "#" * level + " " + body + " " + _data(data)


def _statement(s: Statement) -> str:
    _check_title(s.id, "]")
    parts = [f"[{s.id}]:"]
    if s.text:
        parts.append(escape(s.text))
    parts.append("#" + s.role.value)
    for t in s.tags:
        if t in _ROLE_NAMES:
            raise ArgmapError(f"[{s.id}]: tag #{t} is a role and cannot be a free tag")
        parts.append(_tag(t))
    data: dict[str, Any] = {}
    if s.quotes:
        data["quotes"] = [
            {"text": q.text, "start": q.start, "end": q.end} if q.anchored else q.text
            for q in s.quotes
        ]
    if s.citation is not None:
        data["citation"] = s.citation
    if s.note is not None:
        data["note"] = s.note
    if s.view is not None:
        data["view"] = {"holder": s.view.holder, "stance": s.view.stance.value}
    if s.aside is not None:
        data["aside"] = s.aside
    if data:
        parts.append(_data(data))
    return " ".join(parts)


def _rule(text: str) -> str:
    return escape(text)


def _argument(a: Argument) -> str:
    _check_title(a.id, ">")
    head = f"<{a.id}>: {escape(a.text)}" if a.text else f"<{a.id}>"
    if not a.premises and a.conclusion is None:
        return head
    if not a.premises or a.conclusion is None:
        raise ArgmapError(
            f"<{a.id}>: a premise-conclusion structure needs premises and a conclusion"
        )
    lines = [head, ""]
    for i, p in enumerate(a.premises, 1):
        _check_title(p, "]")
        lines.append(f"({i}) [{p}]")
    if a.inference is not None:
        if not a.inference.strip():
            raise ArgmapError(f"<{a.id}>: an inference rule must not be blank")
        lines.append(f"-- {_rule(a.inference)} --")
    else:
        lines.append("----")
    _check_title(a.conclusion, "]")
    lines.append(f"({len(a.premises) + 1}) [{a.conclusion}]")
    return "\n".join(lines)


def _ref(m: ArgumentMap, node_id: str) -> str:
    if any(a.id == node_id for a in m.arguments) and not any(s.id == node_id for s in m.statements):
        _check_title(node_id, ">")
        return f"<{node_id}>"
    _check_title(node_id, "]")
    return f"[{node_id}]"


_SYMBOL = {
    RelationType.SUPPORT: "+",
    RelationType.ATTACK: "-",
    RelationType.UNDERCUT: "_",
}


def dumps(m: ArgumentMap) -> str:
    """Canonical Argdown for a map; ``loads(dumps(m)) == m``."""
    blocks: list[str] = []
    head: dict[str, Any] = {"map": m.id}
    if m.label:
        head["label"] = m.label
    if m.source is not None:
        src: dict[str, Any] = {"path": m.source.path}
        for key in ("sha256", "title", "author"):
            if getattr(m.source, key):
                src[key] = getattr(m.source, key)
        for key in ("attributed_author", "year", "venue"):
            if getattr(m.source, key) is not None:
                src[key] = getattr(m.source, key)
        head["source"] = src
    blocks.append(_heading(1, m.title, head))
    known = {s.id for s in m.sections}
    placed: list[tuple[str, str | None]] = [(s.id, s.section) for s in m.statements]
    placed += [(a.id, a.section) for a in m.arguments]
    for node_id, section in placed:
        if section is not None and section not in known:
            raise ArgmapError(f"{node_id!r} is in unknown section {section!r}")
    order: list[str | None] = [None, *(s.id for s in m.sections)]
    for section_id in order:
        if section_id is not None:
            sec = next(s for s in m.sections if s.id == section_id)
            if sec.level < 2:
                raise ArgmapError(f"section {sec.id!r}: levels start at 2")
            blocks.append(_heading(sec.level, sec.title, {"id": sec.id}))
        for s in m.statements:
            if s.section == section_id:
                blocks.append(_statement(s))
        for a in m.arguments:
            if a.section == section_id:
                blocks.append(_argument(a))
    for r in m.relations:
        if r.type is RelationType.CONTRADICTION:
            blocks.append(f"{_ref(m, r.source)}\n    >< {_ref(m, r.target)}")
        elif r.type is RelationType.UNDERCUT:
            # `_>` from the source: Argdown aims a `_` child at the last inference read.
            blocks.append(f"{_ref(m, r.source)}\n    _> {_ref(m, r.target)}")
        else:
            blocks.append(f"{_ref(m, r.target)}\n    {_SYMBOL[r.type]} {_ref(m, r.source)}")
    return "\n\n".join(blocks) + "\n"


def dump(m: ArgumentMap, path_or_file: str | os.PathLike[str] | IO[str]) -> None:
    """Write :func:`dumps` output to a path (UTF-8) or an open text file."""
    text = dumps(m)
    if isinstance(path_or_file, (str, os.PathLike)):
        from argmap.formats.files import write_text  # atomic: a temporary file renamed

        write_text(path_or_file, text)
    elif isinstance(path_or_file, io.TextIOBase) or hasattr(path_or_file, "write"):
        path_or_file.write(text)
