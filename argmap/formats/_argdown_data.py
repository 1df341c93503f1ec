"""The YAML data of Argdown (``{...}`` blocks and frontmatter): reading it fast, and safely.

:func:`load_yaml` reads what ``yaml.safe_load`` reads, with two shortcuts for the data nearly
every map is made of (one quote with its offsets; one-line flow mappings that mean the same in
JSON) and three limits on what a hostile file can make it build: aliases may not expand to
more than :data:`MAX_NODES` values (a 600-byte "billion laughs" would otherwise grow to
gigabytes), nesting is at most :data:`MAX_DEPTH` deep, and integers have at most
:data:`MAX_INT_DIGITS` digits. The limits are checked on the YAML node graph, before anything
is built. :func:`merge_data` is Argdown's merge of the data of members with one title.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from typing import Any

from argmap.errors import ArgdownSyntaxError, ArgmapError, LimitError
from argmap.model import Location

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "DataLimitError",
    "compose_yaml",
    "data_body",
    "data_error",
    "load_yaml",
    "merge_data",
    "read_data",
    "yaml_error_types",
]

#: The most values (scalars, lists, mappings) one data block may expand to through aliases.
MAX_NODES = 100_000
#: The deepest nesting of lists and mappings in one data block.
MAX_DEPTH = 100
#: The most digits of an integer in data.
MAX_INT_DIGITS = 40


class DataLimitError(ValueError):
    """Data over one of this module's limits (the caller adds the location)."""


def _yaml() -> Any:
    """PyYAML, imported when some data is not simple enough to read as JSON."""
    import yaml

    return yaml


def yaml_error_types() -> tuple[type[Exception], ...]:
    """What :func:`load_yaml` raises for data it cannot read (PyYAML's errors, the limits)."""
    return (_yaml().YAMLError, DataLimitError)


# A one-line flow mapping made only of plain keys (not YAML 1.1 booleans or nulls), decimal
# integers, double-quoted strings without escapes or line breaks (printable YAML characters
# only), braces, brackets, commas and spaces means the same in YAML as in JSON once its keys
# are quoted: json.loads reads it far faster than YAML (tests/test_fast_paths.py checks this).
_FLOW_TOKEN = (
    r" *(?:[{}\[\],]"
    r'|"[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*"'
    r"|-?(?:0|[1-9][0-9]{0,17})(?= *[,}\]])"
    r"|(?!(?i:(?:yes|no|y|n|true|false|on|off|null):))[A-Za-z_][A-Za-z0-9_]{0,99}:(?= ))"
)
_SIMPLE_FLOW = re.compile(rf"\{{(?:{_FLOW_TOKEN})* *")
# The data of nearly every statement of a map: one quote with its offsets, read directly.
_STRING = r'"([^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*)"'
_INT = r"(0|[1-9][0-9]{0,17})"
_ONE_QUOTE = re.compile(rf"\{{quotes: \[\{{text: {_STRING}, start: {_INT}, end: {_INT}\}}\]\}}")
# Outside strings a letter or "_" can only start a key and ":" only end one.
_KEY_START = re.compile(r"(?<![A-Za-z0-9_])(?=[A-Za-z_])")
# The same over several lines, with plain (unquoted) values that YAML 1.1 reads as strings:
# a letter then letters, digits and "_.-/" (not a boolean or null word), or digits then a
# letter then letters and digits (no int, float or date has that form); and the JSON literals
# null, true and false, which YAML reads the same. Used for headings like
# `{map: m, source: {path: essay.txt, sha256: 3f...}}` and `{id: part-2}`.
_PLAIN = (
    r"(?:(?!(?i:yes|no|y|n|true|false|on|off|null)(?![A-Za-z0-9_./-]))[A-Za-z][A-Za-z0-9_./-]{0,199}"
    r"|[1-9][0-9]{0,30}[A-Za-z][A-Za-z0-9]{0,199})"
)
_FLOW_TOKEN_PLAIN = (
    r"[ \n]*(?:[{}\[\],]"
    r'|"[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*"'
    rf"|(?:-?(?:0|[1-9][0-9]{{0,17}})|null|true|false|{_PLAIN})(?= *[,}}\]])"
    r"|(?!(?i:(?:yes|no|y|n|true|false|on|off|null):))[A-Za-z_][A-Za-z0-9_]{0,99}:(?= ))"
)
_PLAIN_FLOW = re.compile(rf"\{{(?:{_FLOW_TOKEN_PLAIN})*[ \n]*")
_TO_JSON = re.compile(
    r'"[^"]*"|(?P<key>[A-Za-z_][A-Za-z0-9_]*):'
    rf"|(?P<literal>(?:null|true|false)(?![A-Za-z0-9_./-]))|(?P<plain>{_PLAIN})"
)


def _json_token(m: re.Match[str]) -> str:
    key, literal, plain = m.group("key", "literal", "plain")
    if key is not None:
        return f'"{key}":'
    if plain is not None:
        return f'"{plain}"'
    return literal if literal is not None else m.group()


# js-yaml ends a plain key at a ":" followed by "[" or "{" in a flow collection (`{x:[1, 2]}` is
# {x: [1, 2]} to the Argdown CLI); PyYAML rejects it. Outside quoted strings such a ":" gets a
# space after it, and the data is read again.
_ADJACENT_COLON = re.compile(
    r'"(?:[^"\\]|\\.)*"'  # a double-quoted string
    r"|'(?:[^']|'')*'"  # a single-quoted string
    r"|(?<=[^\s,\[\]{}]):(?=[\[{])"  # a key's colon right before a list or mapping
)
_INT_TAG = "tag:yaml.org,2002:int"


def _space_colons(text: str) -> str:
    return _ADJACENT_COLON.sub(lambda m: ": " if m.group() == ":" else m.group(), text)


def _check_graph(root: Any) -> None:
    """Refuse a YAML node graph over the limits, without building it: its values counted as
    aliases expand them, its depth, its integers' digits (iterative: no recursion to exhaust).
    """
    yaml = _yaml()
    size: dict[int, int] = {}  # id(node) -> values it expands to, once known
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node, yaml)
            total = 1 + sum(size[id(c)] for c in children)
            deep = 1 + max((height[id(c)] for c in children), default=0)
            if total > MAX_NODES:
                raise DataLimitError(
                    f"the data expands to more than {MAX_NODES:,} values (through YAML "
                    "aliases?); write it out, or split it"
                )
            if deep > MAX_DEPTH:
                raise DataLimitError(f"the data is nested more than {MAX_DEPTH} levels deep")
            size[key] = total
            height[key] = deep
            continue
        if key in size:
            continue
        if key in on_path:
            raise DataLimitError("a YAML alias refers to the value it is part of")
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _INT_TAG and len(node.value) > MAX_INT_DIGITS:
                raise DataLimitError(
                    f"an integer in the data has more than {MAX_INT_DIGITS} digits"
                )
            size[key] = 1
            height[key] = 0
            continue
        on_path.add(key)
        stack.append((node, True))
        if len(on_path) > MAX_DEPTH + 1:
            raise DataLimitError(f"the data is nested more than {MAX_DEPTH} levels deep")
        stack.extend((c, False) for c in _children(node, yaml))


def _children(node: Any, yaml: Any) -> list[Any]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _safe_load(text: str) -> Any:
    """``yaml.safe_load`` (libyaml's parser where installed) with the limits checked on the
    node graph before it is built."""
    yaml = _yaml()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_graph(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` within this module's limits; simple flow mappings read as JSON.

    Raises PyYAML's ``YAMLError`` for data YAML cannot read and :class:`DataLimitError`
    for data over the limits.
    """
    one = _ONE_QUOTE.fullmatch(text)
    if one is not None:
        quote, start, end = one.groups()
        return {"quotes": [{"text": quote, "start": int(start), "end": int(end)}]}
    # (Deeper nesting than MAX_DEPTH needs that many brackets: such data takes the checked path.)
    if text.startswith("{") and text.count("[") + text.count("{") <= MAX_DEPTH:
        converted = None
        if _SIMPLE_FLOW.fullmatch(text):
            parts = text.split('"')  # even parts lie outside strings, where letters are keys
            # One substitution over all outside parts joined by NUL (which the pattern keeps out).
            outside = _KEY_START.sub('"', "\x00".join(parts[::2])).replace(":", '":')
            parts[::2] = outside.split("\x00")
            converted = '"'.join(parts)
        elif _PLAIN_FLOW.fullmatch(text):
            converted = _TO_JSON.sub(_json_token, text)
        if converted is not None:
            try:
                return json.loads(converted)
            except ValueError:  # not well-formed: YAML reads it below and reports the problem
                converted = None
    try:
        return _safe_load(text)
    except _yaml().YAMLError as e:
        if getattr(e, "problem", None) != "found unexpected ':'":
            raise
        spaced = _space_colons(text)
        if spaced == text:
            raise
        return _safe_load(spaced)


def merge_data(old: Any, new: Any) -> Any:
    """Deep merge the way Argdown merges the data of equal titles (lists by index).

    Data is at most :data:`MAX_DEPTH` deep, so the recursion is bounded.
    """
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for k, v in new.items():
            out[k] = merge_data(out[k], v) if k in out else v
        return out
    if isinstance(old, list) and isinstance(new, list):
        out_list = list(old)
        for i, v in enumerate(new):
            if i < len(out_list):
                out_list[i] = merge_data(out_list[i], v)
            else:
                out_list.append(v)
        return out_list
    return old if new is None else new


def data_error(e: Exception, what: str, where: Location, raw: str = "") -> ArgmapError:
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


def data_body(raw: str) -> tuple[int, str]:
    """The YAML of a ``{...}`` data token and where it starts in the token: the token itself
    (a flow mapping), or, when a line break follows the opening brace, the block of YAML
    lines between the braces.

    >>> data_body("{quotes: [a]}"), data_body("{\\n  quotes:\\n    - a\\n}")
    ((0, '{quotes: [a]}'), (2, '  quotes:\\n    - a\\n'))
    """
    if raw.startswith("{") and raw[1:2] in (" ", "\t", "\n"):
        head = raw[1:].lstrip(" \t")
        if head.startswith("\n"):  # a block of YAML lines between the braces
            body = head[1:].rstrip()
            return len(raw) - len(head) + 1, body[:-1] if body.endswith("}") else body
    return 0, raw


def compose_yaml(text: str) -> tuple[Any, Callable[[int], int]]:
    """The YAML node graph of ``text`` (positions, not values: PyYAML's own composer, whose
    marks are code point offsets), under this module's limits, and a function taking the
    offsets of its marks to offsets in ``text`` (they differ where a key's colon before a
    list or mapping was spaced, as :func:`load_yaml` spaces it). Raises what
    :func:`load_yaml` raises."""
    yaml = _yaml()

    def compose(body: str) -> Any:
        loader = yaml.SafeLoader(body)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is not None:
            _check_graph(node)
        return node

    try:
        return compose(text), lambda offset: offset
    except yaml.YAMLError as e:
        if getattr(e, "problem", None) != "found unexpected ':'":
            raise
        spaced = _space_colons(text)
        if spaced == text:
            raise
    # Each spaced colon put one character into the text: offsets after it move back.
    added: list[int] = []
    for m in _ADJACENT_COLON.finditer(text):
        if m.group() == ":":
            added.append(m.start() + 1 + len(added))  # where the space stands in ``spaced``
    return compose(spaced), lambda offset: offset - bisect.bisect_right(added, offset)


def read_data(text: str, start: int, end: int, locate: Callable[[int], Location]) -> dict[str, Any]:
    """The mapping of the ``{...}`` data token at ``text[start:end]``; located errors."""
    one = _ONE_QUOTE.fullmatch(text, start, end)
    if one is not None:  # what load_yaml() returns for it, without the calls
        quote, begin, stop = one.groups()
        return {"quotes": [{"text": quote, "start": int(begin), "end": int(stop)}]}
    raw = text[start:end]
    body = data_body(raw)[1]
    try:
        value = load_yaml(body)
    except yaml_error_types() as e:  # evaluated only when something is raised
        raise data_error(e, "data", locate(start), raw) from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ArgdownSyntaxError("data must be a {key: value} mapping", locate(start))
    return value
