"""The fast paths of ``argmap check`` agree with the slow, obviously correct code they skip."""

from __future__ import annotations

import re
from typing import Any

import attrs
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError
from argmap.formats._argdown_data import (
    _ONE_QUOTE,
    _PLAIN_FLOW,
    _SIMPLE_FLOW,
    _space_colons,
    load_yaml,
)
from argmap.formats._argdown_document_nodes import (
    Member,
    RelationNode,
    StatementNode,
    _fast_member,
    _fast_relation_node,
    _fast_statement_node,
)
from argmap.formats._argdown_lexer import Tok, _Lexer, tokenize_fast
from argmap.formats._argdown_lines import _BODY, _WHITESPACE_BUT_SPACE
from argmap.formats._argdown_parser import (
    parse_text,
)
from argmap.model import (
    Location,
    Quote,
    Relation,
    RelationType,
    Role,
    Statement,
    _fast_quote,
    _fast_relation,
    _fast_statement,
)
from argmap.quotes import _build, normalise

# Characters the normalisation rules treat specially, plus ordinary letters and digits.
_TRICKY = (
    "aZ09_ -\n\t\r\u00a0\u2028\u3000\u00ad\u200b\ufeff\u2019\u201c\u2013\u2014\u2212"
    "\ufb01\ufb03\u00e7\u0434.,'\"!\u0660\u00b2"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=30) | st.text(max_size=30))
def test_normalise_equals_the_indexed_build(text: str) -> None:
    assert normalise(text) == _build(text).text


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=30))
def test_line_breaks_normalise_like_spaces(text: str) -> None:
    # verify() relies on this to skip normalising passages wrapped across lines
    assert normalise(text) == normalise(text.replace("\n", " "))


def test_normalise_examples() -> None:
    for text, expected in [
        ("Kara-\nbakh", "Karabakh"),
        ("a\u00ad-b", "ab"),
        ("a -b", "a -b"),
        ("a--b", "a--b"),
        ("  x\u2013y  ", "xy"),
        ("e\ufb01- x", "efix"),
        ("plain text", "plain text"),
    ]:
        assert normalise(text) == expected == _build(text).text


# -- YAML data: the JSON fast path ------------------------------------------------------------

_KEYS = st.sampled_from(["quotes", "text", "start", "end", "a", "_b", "Yes", "off", "NULL", "y"])
_CHARS = st.text(alphabet="ab :#,{}[]'\"\\\t\n\u00e7\u2028\u0085\ufeff\u00a0\U0001f600", max_size=8)
_SPACE = st.sampled_from(["", " ", "  ", "\t"])


def _flow(depth: int) -> st.SearchStrategy[str]:
    scalars = st.one_of(
        st.integers(-(10**20), 10**20).map(str),
        st.sampled_from(["01", "-0", "+1", "1.5", "1_000", "0x1f", "true", "null", "~", "x y"]),
        _CHARS.map(lambda s: f'"{s}"'),
        _CHARS,
    )
    if depth == 0:
        return scalars
    inner = _flow(depth - 1)
    pair = st.tuples(_KEYS, st.sampled_from([": ", ":", " : ", ":  "]), inner).map("".join)
    mapping = st.tuples(_SPACE, st.lists(pair, max_size=3), _SPACE, st.sampled_from(["", ","]))
    sequence = st.tuples(_SPACE, st.lists(inner, max_size=3), _SPACE, st.sampled_from(["", ","]))
    return st.one_of(
        scalars,
        mapping.map(lambda t: "{" + t[0] + ", ".join(t[1]) + t[3] + t[2] + "}"),
        sequence.map(lambda t: "[" + t[0] + " ,".join(t[1]) + t[3] + t[2] + "]"),
    )


def _yaml_or_error(text: str) -> str:
    """libyaml's reading, with the one documented difference of load_yaml: a key's ":" right
    before "[" or "{" ends the key, as in js-yaml (`{x:[1]}` is {x: [1]})."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return repr(yaml.load(text, Loader=loader))
    except yaml.YAMLError as e:
        if getattr(e, "problem", None) == "found unexpected ':'":
            try:
                return repr(yaml.load(_space_colons(text), Loader=loader))
            except yaml.YAMLError:
                pass
        return "error"


def _fast_or_error(text: str) -> str:
    try:
        return repr(load_yaml(text))
    except yaml.YAMLError:
        return "error"


@settings(max_examples=3000, deadline=None)
@given(_flow(3).map(lambda s: "{a: " + s + "}") | _flow(3), _SPACE)
def test_load_yaml_equals_libyaml(text: str, tail: str) -> None:
    # repr tells True from 1 and keeps key order, so types and order must agree too.
    assert _fast_or_error(text + tail) == _yaml_or_error(text + tail)


_PLAIN_SCALARS = st.sampled_from(
    ["bench-100.txt", "sources/x-1.txt", "3736b4", "1e5", "0x1f", "1_0", "Yes", "NULL", "null",
     "true", "True", "false", "e", "a.b", "x_y", "1a", "01a", ".inf", "-a", "a-", "N", "on", "y",
     "Off", "nan", "a:b", "a b", "2024-01-02", "12:30", "b#c", "Benchmarks", "é", "_x", "a/"]
)  # fmt: skip
_BREAK = st.sampled_from(["", " ", "\n", " \n  ", "\n\n", "  "])


def _plain_flow(depth: int) -> st.SearchStrategy[str]:
    scalars = st.one_of(
        st.integers(-(10**5), 10**5).map(str), _PLAIN_SCALARS, _CHARS.map(lambda s: f'"{s}"')
    )
    if depth == 0:
        return scalars
    inner = _plain_flow(depth - 1)
    pair = st.tuples(_KEYS, st.sampled_from([": ", ":", ":\n", ": \n "]), inner).map("".join)
    items = st.lists(st.tuples(_BREAK, pair).map("".join), max_size=3)
    values = st.lists(st.tuples(_BREAK, inner).map("".join), max_size=3)
    return st.one_of(
        scalars,
        st.tuples(items, _BREAK).map(lambda t: "{" + ",".join(t[0]) + t[1] + "}"),
        st.tuples(values, _BREAK).map(lambda t: "[" + ",".join(t[0]) + t[1] + "]"),
    )


@settings(max_examples=3000, deadline=None)
@given(_plain_flow(3).map(lambda s: "{a: " + s + "}") | _plain_flow(3))
def test_load_yaml_with_plain_values_and_line_breaks_equals_libyaml(text: str) -> None:
    assert _fast_or_error(text) == _yaml_or_error(text)


def test_load_yaml_fast_path_is_taken_for_headings() -> None:
    text = (
        "{map: bench-100, source: {\n    path: bench-100.txt, sha256: 3736b43db384eda,\n"
        '    title: "Generated essay", year: 2024, venue: Benchmarks, attributed_author: null}}'
    )
    assert _PLAIN_FLOW.fullmatch(text)
    assert load_yaml(text) == yaml.safe_load(text)
    assert _PLAIN_FLOW.fullmatch("{id: part-2}")


_NUMBERS = st.one_of(
    st.integers(0, 10**19).map(str), st.sampled_from(["00", "01", "-1", "1_0", "0x1", "1e3", ""])
)


@settings(max_examples=2000, deadline=None)
@given(_CHARS | st.text(max_size=12), _NUMBERS, _NUMBERS)
def test_one_quote_data_equals_libyaml(text: str, start: str, end: str) -> None:
    data = f'{{quotes: [{{text: "{text}", start: {start}, end: {end}}}]}}'
    assert _fast_or_error(data) == _yaml_or_error(data)


def test_load_yaml_fast_path_is_taken_for_quote_data() -> None:
    text = '{quotes: [{text: "Öztürk\u2019s view: yes", start: 10, end: 33}]}'
    assert _SIMPLE_FLOW.fullmatch(text)
    assert _ONE_QUOTE.fullmatch(text)
    assert load_yaml(text) == {
        "quotes": [{"text": "Öztürk\u2019s view: yes", "start": 10, "end": 33}]
    }


# -- Argdown paragraphs: the line-level fast path of the lexer and parser ---------------------

_PLAIN_WORDS = ["The", "case", "0.", "Öztürk\u2019s", "3.5", "a,", "(x)", "x;", "well-known"]
_ODD_WORDS = [
    "->",
    ">",
    "10:30",
    "+1",
    "#thesis",
    "#claim",
    "#t-1",
    "#Ärger",
    "#a^b",
    "#",
    "C#",
    "e.g.",
    ":smile:",
    ".A.",
    ":+1:",
    "*em*",
    "_x_",
    "**b**",
    "@[T]",
    "@<A>",
    "[l](u)",
    "[T]",
    "<A>",
    "//c",
    "/*c*/",
    "<!--c-->",
    "\\#",
    "{d}",
    "x}",
    "===",
    "a=b",
    "#(x y)",
    "-",
    "--",
    "\u00a0",
    "\u2028",
    "x\u00a0#y",
    "#a\u00a0b",
    "\t",
    "(1)",
    "1.",
    "*",
    "@",
    ";",
    ".",
    ":",
]
# Mostly words the fast path takes, so that many paragraphs take it and some do not.
_WORDS = st.sampled_from(_PLAIN_WORDS * 30 + ["#claim", "#a-b"] * 15 + _ODD_WORDS)
_SEPARATORS = st.sampled_from([" "] * 60 + ["", "  ", "\t"])
_TITLES = st.sampled_from(["T", "B: s0", "a b", "x.y", "T2", "Ö"] * 6 + ["-x", "", " T ", "x]y"])
_OPS = st.sampled_from(
    ["+", "-", "+>", "->", "_", "_>", "><"] * 15 + ["<+", "<_", "--", "*", "1.", "+>>"]
)
_DATA = st.sampled_from(
    [
        '{quotes: [{text: "a b.", start: 1, end: 4}]}',
        "{a: 1}",
        "{x: [1, 2], y: {z: 3}}",
    ]
    * 20
    + [
        "{a: } b}",
        '{a: "b} c"}',
        "{ }",
        "{bad",
        "{a: 1}}",
        "{a: 1} ",
        "{a: [}",
        "{yes: 1}",
    ]
)
_OTHER_OK = [
    "# Heading {map: m}",
    "## Part two {id: part-2}",
    "<A>: an argument",
    "(1) [P]: premise\n----\n(2) [C]: conclusion",
    "(1) [P]\n-- rule --\n(2) [T]",
    "/* a comment */",
    "// a comment",
    "[T]: text\n  continued",
    "[T]: x /* spans\n\n[U]: y */",
    "\\[T]: escaped",
    "[T]: an _emphasised_ word",
]
_OTHER_BAD = [
    "===\nmodel: {mode: strict}\n===",
    "- [X]: relation first",
    "    + [Y]: indented start",
    "* [L]: list item",
    "[T]: *open",
    "{a: 1}",
]
_OTHER = st.sampled_from(_OTHER_OK * 8 + _OTHER_BAD)

_RARELY = st.integers(0, 29).map(lambda k: k == 0)


@st.composite
def _fast_shaped(draw: st.DrawFn) -> str:
    """A statement paragraph in the shapes of real maps, now and then with an odd part."""

    def body() -> str:
        words = draw(st.lists(_WORDS, min_size=0 if draw(_RARELY) else 1, max_size=6))
        out = ""
        for w in words:
            out += (draw(_SEPARATORS) if out else "") + w
        return out + (draw(st.sampled_from([" ", "\t", "  "])) if draw(_RARELY) else "")

    def node_line(indent: int, op: str | None) -> str:
        head = " " * indent + (op + draw(st.sampled_from([" ", " ", "  "])) if op else "")
        title = draw(_TITLES)
        if draw(st.booleans()):
            space = draw(st.sampled_from(["", "  "])) if draw(_RARELY) else " "
            return f"{head}[{title}]:{space}{body()}"
        tags = draw(st.lists(st.sampled_from(["#a", "#b-c", "#a"]), max_size=2))
        return f"{head}[{title}]" + "".join(" " + t for t in tags)

    def data_line(indent: int) -> str:
        return " " * (indent + draw(st.sampled_from([4, 2, 0]))) + draw(_DATA)

    def move() -> str:
        if draw(_RARELY):
            return draw(st.sampled_from(["up", "odd"]))
        return draw(st.sampled_from(["same", "deeper", "up"]))

    lines = [node_line(0, None)]
    if draw(st.booleans()):
        lines.append(data_line(0))
    levels = [0]
    for _ in range(draw(st.integers(0, 6))):
        step = move()
        if step == "deeper" or len(levels) == 1:
            levels.append(levels[-1] + draw(st.sampled_from([4, 4, 2, 3])))
        elif step == "up" and len(levels) > 2:
            levels.pop()
        elif step == "odd":
            levels.append(levels[-1] + draw(st.sampled_from([-1, 1, 0])))
        width = max(levels[-1], 0)
        lines.append(node_line(width, draw(_OPS)))
        if draw(st.integers(0, 2)) == 0:
            lines.append(data_line(width))
    return "\n".join(lines)


@st.composite
def _heading_shaped(draw: st.DrawFn) -> str:
    """A one-line heading in the shapes of real maps, now and then with an odd part."""
    marks = draw(st.sampled_from(["#", "##", "###", "######", "#######"]))
    space = draw(st.sampled_from(["", "\t", "  "])) if draw(_RARELY) else " "
    words = draw(st.lists(_WORDS, min_size=0 if draw(_RARELY) else 1, max_size=5))
    body = ""
    for w in words:
        body += (draw(_SEPARATORS) if body else "") + w
    line = marks + space + body
    if draw(st.booleans()):
        line += draw(st.sampled_from([" "] * 10 + ["", "  "])) + draw(_DATA)
    if draw(_RARELY):
        line += draw(st.sampled_from([" ", "\n", "\ncontinued", "\n    + [X]: y"]))
    return line


@st.composite
def _pcs_shaped(draw: st.DrawFn) -> str:
    """A premise-conclusion paragraph in the shapes of real maps, now and then with an odd part."""

    def numbered(k: int) -> str:
        head = draw(st.sampled_from([f"({k}) "] * 20 + [f"({k})  ", f"({k})", "(x) ", f"{k}. "]))
        title = draw(_TITLES)
        if draw(st.booleans()):
            words = draw(st.lists(_WORDS, min_size=0 if draw(_RARELY) else 1, max_size=4))
            body = ""
            for w in words:
                body += (draw(_SEPARATORS) if body else "") + w
            return f"{head}[{title}]: {body}"
        tags = draw(st.lists(st.sampled_from(["#a", "#b-c", "#a"]), max_size=2))
        return f"{head}[{title}]" + "".join(" " + t for t in tags)

    inference = st.sampled_from(["----"] * 20 + ["-----", "---", "-- r --", "----{a: 1}", "----\n"])
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        lines += [
            numbered(len(lines) + 1) for _ in range(draw(st.integers(0 if draw(_RARELY) else 1, 2)))
        ]
        if draw(_RARELY):
            lines.append(draw(st.sampled_from(["  _ [U]: undercut", "  + [V]", "text"])))
        lines.append(draw(inference))
    if not draw(_RARELY):
        lines.append(numbered(len(lines) + 1))
    return "\n".join(lines)


_ARGUMENT_TITLES = st.sampled_from(
    ["A", "B: a1", "a b", "x.y", "Ö", "a1"] * 6
    + ["-x", "+x", "_x", "!--x", "!x", "", " A ", "a>b", "a<b", "a]b", "[x]", "a\tb", "a\u2028b"]
)


# What now and then follows an argument description on its lines.
_ARGUMENT_TAILS = st.sampled_from(
    [
        " ", "\t", "\n", "\ncontinued", "\n    + [X]: y", "\n  - <C>: z", " {a: 1}", "\n{a: 1}",
        "\n(1) [P]\n----\n(2) [C]", "\r\n", "\n<D>: next", "\n\u2028", "\n{a: 1}\r",
        "\n{a: 1,\u2029b: 2}", "\n{a: 1\r}", "\n  {a:\u2028[1]}",
    ]
)  # fmt: skip


@st.composite
def _argument_shaped(draw: st.DrawFn) -> str:
    """An argument description in the shapes of real maps, now and then with an odd part, and
    now and then with the premise-conclusion paragraph that belongs to it."""
    title = draw(_ARGUMENT_TITLES)
    if draw(st.integers(0, 3)):
        space = draw(st.sampled_from(["", "  ", "\t"])) if draw(_RARELY) else " "
        words = draw(st.lists(_WORDS, min_size=0 if draw(_RARELY) else 1, max_size=6))
        body = ""
        for w in words:
            body += (draw(_SEPARATORS) if body else "") + w
        line = f"<{title}>:{space}{body}"
    else:
        tags = draw(
            st.lists(st.sampled_from(["#a", "#b-c", "#a"] * 5 + ["#é", "#a^b"]), max_size=3)
        )
        line = f"<{title}>" + "".join(" " + t for t in tags)
    if draw(st.integers(0, 3)) == 0:
        line += "\n" + " " * draw(st.sampled_from([0, 0, 2, 4])) + draw(_DATA)
    if draw(st.integers(0, 5)) == 0:
        line += draw(_ARGUMENT_TAILS)
    if draw(st.integers(0, 2)) == 0:
        line += draw(st.sampled_from(["\n\n", "\n\n", "\n \n", "\r\n\r\n"]))
        line += draw(_pcs_shaped())
    return line


_DOCUMENTS = st.lists(
    st.one_of(
        *[_fast_shaped()] * 4,
        *[_heading_shaped()] * 2,
        *[_pcs_shaped()] * 2,
        *[_argument_shaped()] * 2,
        _OTHER,
        st.sampled_from(["<A>: an argument", "<B>", "<A>"]),
    ),
    min_size=1,
    max_size=6,
).flatmap(
    lambda paragraphs: st.tuples(
        st.just(paragraphs),
        st.lists(
            st.sampled_from(["\n\n"] * 30 + ["\n \n", "\n\n\n", "\n", "\r\n\r\n"]),
            min_size=len(paragraphs),
            max_size=len(paragraphs),
        ),
    )
)


def _parse_or_error(text: str, fast: bool) -> object:
    def locate(offset: int) -> Location:
        return Location("t", 1, offset + 1)

    try:
        return attrs.asdict(parse_text(text, "t", locate, fast=fast))
    except ArgmapError as e:
        return ("error", e.message, e.location)


@settings(max_examples=1500, deadline=None)
@given(_DOCUMENTS)
def test_fast_paragraphs_parse_as_the_general_path(doc: tuple[list[str], list[str]]) -> None:
    paragraphs, separators = doc
    text = "".join(p + s for p, s in zip(paragraphs, separators, strict=True))
    for variant in (text, text.rstrip("\n"), text.rstrip("\n") + "\n"):
        # asdict keeps the locations, which the documents' equality leaves out.
        assert _parse_or_error(variant, True) == _parse_or_error(variant, False)


def test_fast_path_is_taken_for_map_shaped_paragraphs() -> None:
    text = (
        "[B: s1]: The union reviewed the quotas in case 1. #claim\n"
        '    {quotes: [{text: "The union reviewed the quotas in case 1.", start: 3, end: 43}]}\n'
        "    +> [B: s0]\n"
        "    + [B: s3]: Öztürk\u2019s fund (the regional one) negotiated, in 2010. #evidence\n"
        '          {quotes: [{text: "x", start: 1, end: 2}]}\n'
        "        _ [B: s4] #counterclaim\n"
        "    - [B: s5]: A well-known objection at 10:30 > 3.5; #a-b #counterclaim\n"
        "\n"
        "[B: s6]: Another paragraph. #claim\n"
    )
    tokens, blocks, headings, pcs, arguments = tokenize_fast(text)
    assert [t.kind for t in tokens] == [Tok.FAST_BLOCK, Tok.EMPTYLINE, Tok.FAST_BLOCK, Tok.NEWLINE]
    assert not headings and not pcs and not arguments
    assert [n.title for n in blocks[0]] == ["B: s1", "B: s0", "B: s3", "B: s4", "B: s5"]
    assert blocks[0][4].tags == ("a-b", "counterclaim")
    assert _parse_or_error(text, True) == _parse_or_error(text, False)


def _assert_general_path(text: str) -> None:
    """No fast path reads ``text``, and the general path reads it as with the fast paths on."""
    tokens, blocks, headings, pcs, arguments = tokenize_fast(text)
    assert not blocks and not headings and not pcs and not arguments, text
    fast_kinds = {Tok.FAST_BLOCK, Tok.FAST_HEADING, Tok.FAST_PCS, Tok.FAST_ARGUMENT}
    assert not fast_kinds & {t.kind for t in tokens}, text
    assert _parse_or_error(text, True) == _parse_or_error(text, False), text


def test_fast_path_is_not_taken_for_unusual_lines() -> None:
    for line in [
        "[T]: an *emphasised* word",
        "[T]: e.g. a shortcode-like word",
        "[T]: two  spaces",
        "[T]: trailing space ",
        "[T]: a @[mention]",
        "[T]: a // comment",
        "[T]: a {data} in the text",
    ]:
        _assert_general_path(line + "\n")


def test_fast_path_is_taken_for_map_shaped_headings() -> None:
    text = (
        "# Essay, part 1: the case {map: m, source: {path: x.txt}}\n"
        "\n"
        "## Section 2 #a-b #b #a-b {id: section-2}\n"
        "\n"
        "### Part 2.1\n"
    )
    tokens, blocks, headings, pcs, arguments = tokenize_fast(text)
    assert not blocks and not pcs and not arguments
    kinds = [t.kind for t in tokens]
    assert kinds == [Tok.FAST_HEADING, Tok.EMPTYLINE] * 2 + [Tok.FAST_HEADING, Tok.NEWLINE]
    assert [(h.level, h.tags) for h in headings.values()] == [
        (1, ()),
        (2, ("a-b", "b", "a-b")),
        (3, ()),
    ]
    assert _parse_or_error(text, True) == _parse_or_error(text, False)
    sections = parse_text(text, "t", lambda o: Location("t", 1, o + 1)).sections
    assert [(s.title, s.tags, s.parent) for s in sections] == [
        ("Essay, part 1: the case", (), None),
        ("Section 2 #a-b #b #a-b", ("a-b", "b"), "s1"),
        ("Part 2.1", (), "s2"),
    ]


def test_fast_path_is_taken_for_map_shaped_pcs() -> None:
    text = (
        "<B: a1>: Reconstruction 1.\n"
        "\n"
        "(1) [B: s15]\n"
        "(2) [B: s16]: A premise, with text. #a\n"
        "----\n"
        "(3) [B: s14] #b #b\n"
        "-----\n"
        "(4) [B: s13]\n"
    )
    tokens, blocks, headings, pcs, arguments = tokenize_fast(text)
    assert not blocks and not headings
    assert [t.kind for t in tokens] == [Tok.FAST_ARGUMENT, Tok.EMPTYLINE, Tok.FAST_PCS, Tok.NEWLINE]
    assert [a.title for a in arguments.values()] == ["B: a1"]
    lines = pcs[text.index("(1)")]
    assert [line and line.title for line in lines] == [
        "B: s15", "B: s16", None, "B: s14", None, "B: s13"
    ]  # fmt: skip
    assert _parse_or_error(text, True) == _parse_or_error(text, False)
    (argument,) = parse_text(text, "t", lambda o: Location("t", 1, o + 1)).arguments
    assert [(item.title, item.role) for item in argument.pcs] == [
        ("B: s15", "premise"),
        ("B: s16", "premise"),
        ("B: s14", "intermediary"),
        ("B: s13", "conclusion"),
    ]
    assert [i.conclusion for i in argument.inferences] == [2, 3]


def test_fast_path_is_taken_for_map_shaped_arguments() -> None:
    text = (
        "# Part 1\n"
        "\n"
        "<B: a1>: Reconstruction 1.\n"
        "\n"
        "(1) [B: s15]\n"
        "----\n"
        "(2) [B: s13]\n"
        "\n"
        "<B: a2> #x-1 #y #x-1\n"
        "    {note: checked}\n"
        "\n"
        "<B: a1>: Argument 1 again, with a tag. #y\n"
        "\n"
        "<B: a3>\n"
    )
    tokens, blocks, headings, pcs, arguments = tokenize_fast(text)
    assert not blocks and len(headings) == 1 and len(pcs) == 1
    assert [t.kind for t in tokens] == [
        Tok.FAST_HEADING, Tok.EMPTYLINE, Tok.FAST_ARGUMENT, Tok.EMPTYLINE, Tok.FAST_PCS,
        Tok.EMPTYLINE, Tok.FAST_ARGUMENT, Tok.EMPTYLINE, Tok.FAST_ARGUMENT, Tok.EMPTYLINE,
        Tok.FAST_ARGUMENT, Tok.NEWLINE,
    ]  # fmt: skip
    assert [(a.title, a.text, a.tags, a.reference) for a in arguments.values()] == [
        ("B: a1", "Reconstruction 1.", (), False),
        ("B: a2", "#x-1 #y #x-1", ("x-1", "y", "x-1"), True),
        ("B: a1", "Argument 1 again, with a tag. #y", ("y",), False),
        ("B: a3", "", (), True),
    ]
    a2 = arguments[text.index("<B: a2>")]
    assert text[a2.data_start : a2.data_end] == "{note: checked}"
    assert _parse_or_error(text, True) == _parse_or_error(text, False)
    document = parse_text(text, "t", lambda o: Location("t", 1, o + 1))
    a1, a2_node, a3 = document.arguments
    assert [(item.title, item.role) for item in a1.pcs] == [
        ("B: s15", "premise"),
        ("B: s13", "conclusion"),
    ]
    assert (a1.text, a1.tags, a1.section) == ("Argument 1 again, with a tag. #y", ("y",), "s1")
    assert (a2_node.tags, a2_node.data) == (("x-1", "y"), {"note": "checked"})
    assert a2_node.members[0].text == "#x-1 #y #x-1 "  # the space before the data line
    assert (a3.text, a3.members[0].text) == (None, None)


def test_fast_path_is_not_taken_for_unusual_arguments() -> None:
    for text in [
        "<A>: an *emphasised* word\n",
        "<A>: two  spaces\n",
        "<A>: trailing space \n",
        "<A>: a line\ncontinued\n",
        "<A>: data {a: 1} on the line\n",
        "<A>: relations\n  + [B]: below\n",
        "<A> #é\n",
        "<A> text after a reference\n",
        "<+A>: a relation\n",
        "<_A>: a relation\n",
        "<!--A-->: after a comment\n",
        "<a>b>: a title with >\n",
        "<>: no title\n",
        "<A>:\n",
        "<A>: x\r\n",
    ]:
        _assert_general_path(text)


def test_fast_path_is_not_taken_for_unusual_headings() -> None:
    for text in [
        "# A *bold* heading\n",
        "# Two  spaces\n",
        "# Trailing space \n",
        "# A heading\ncontinued on the next line\n",
        "# Data {a: 1} then text\n",
        "# A tag #é\n",
        "#No space\n",
    ]:
        _assert_general_path(text)


# -- the fast line pattern: the same lines as the word-by-word pattern it replaced -------------

# The lexer's fast line pattern before it checked a line's text with one character class: a
# word-by-word pattern, slower but plainly right. Kept here as the reference.
_OLD_WORD_CH = r"[^\s\\@#*_\[\]</{}=.:]"
_OLD_WORD = rf"(?:{_OLD_WORD_CH}+(?:[.:]{_OLD_WORD_CH}*)?|[.:]{_OLD_WORD_CH}*)"
_OLD_TOKEN = rf"(?:#[a-zA-Z0-9\-]+|{_OLD_WORD})"
_OLD_BODY = rf"{_OLD_TOKEN}(?: {_OLD_TOKEN})*"
_OLD_FAST_LINE = re.compile(
    r"( *)(?:(\+>|->|_>|><|\+|-|_) +)?"
    r"\[([^\[\]\n\r\u2028\u2029\-][^\[\]\n\r\u2028\u2029]*)\]"
    rf"(?:: ?({_OLD_BODY})|((?: #[a-zA-Z0-9\-]+)*))"
    r"(?:\n *(\{[^\n\r\u2028\u2029]*\})(?!\s*[,}]))?"
    r"(?:(?=\n[ \t]*\r?\n|\n?\Z)(?P<last>)|(?=\n))"
)


def test_whitespace_but_space_is_what_backslash_s_takes_but_the_space() -> None:
    every = "".join(map(chr, range(0x110000)))
    expected = [c for c in re.findall(r"\s", every) if c != " "]
    assert re.findall(f"[{_WHITESPACE_BUT_SPACE}]", every) == expected


# Pieces of words: mostly letters and punctuation, now and then what the text rules treat
# specially (".", ":", "#" and tags, other rules' characters, whitespace other than the space).
_PIECES = st.sampled_from(
    ["a", "Zz", "0", "\u00f6", "\u2019", "(", ")", ",", ";", "-", "+", ">", "!", "'", '"', "&"] * 40
    + [".", ":", "#", "#a", "#b-1", "#\u00c4", "#a^b"] * 12
    + list("\\@*_[]</{}=\t\u00a0\u2028\u2029\r\x0b\x1c\u3000\u200a\x85\ufeff")
    + ["\n"]
)
_BODY_TEXTS = st.lists(
    st.tuples(st.lists(_PIECES, min_size=1, max_size=3).map("".join), _SEPARATORS),
    max_size=6,
).map(lambda words: "".join(w + s for w, s in words).removesuffix(" "))


@settings(max_examples=2500, deadline=None)
@given(_BODY_TEXTS, st.sampled_from(["", "\n", "\nx", " {a: 1}", " ", "\n\n"]))
def test_fast_body_takes_the_texts_of_the_word_by_word_pattern(body: str, after: str) -> None:
    # Where a line's text ends: the end of the line or text, or (in a heading) its data.
    end = r"(?=\n|\Z| \{)"
    old = re.match(rf"({_OLD_BODY}){end}", body + after)
    new = re.match(rf"({_BODY}){end}", body + after)
    if new is not None and "  " in new[1]:
        new = None  # the lexer declines these (see _fast_words)
    assert (old and old[1]) == (new and new[1])


_NODE_LINES = st.tuples(
    st.sampled_from(["[T]", "[B: s1]"] * 10 + ["[-x]", "[]", "[a]b]", "[T\u2028]"]),
    st.sampled_from([": "] * 10 + [":", " ", ":  ", ""]),
    _BODY_TEXTS,
    st.sampled_from(["\n    "] * 10 + ["", "\n", "\n  "]),
    st.lists(
        st.sampled_from(
            ["a", ": ", ", ", "[", "]", "{", "}"] * 10
            + [" ", "} ", "}\t", "\r", "\u2028", "\u2029", "\t", "\u00a0", "\n"]
        ),
        max_size=8,
    ).map(lambda parts: "{" + "".join(parts) + "}" if parts else ""),
    st.sampled_from(["", "\n", "\n\n"] * 5 + ["\n \n", "\n}", "\n  ,", "\nx", "\r\n\r\n", " "]),
).map(lambda t: t[0] + t[1] + t[2] + (t[3] + t[4] if t[4] else "") + t[5])


def _old_first_line(text: str) -> object:
    """What the fast path read from a paragraph of one line with the reference pattern."""
    m = _OLD_FAST_LINE.match(text)
    if m is None or m["last"] is None:
        return None
    _, _, title, body, reftags, data, _ = m.groups()
    if data is not None and re.search(r"\}\s", data):
        return None
    if body is not None and "  " in body:
        raise AssertionError("the reference pattern takes no two spaces in a row")
    words = body if body is not None else (reftags or " ")[1:]
    return title, words, body is None, m.span(6) if data is not None else (-1, -1), m.end()


@settings(max_examples=2500, deadline=None)
@given(_NODE_LINES)
def test_fast_block_takes_the_lines_of_the_word_by_word_pattern(text: str) -> None:
    lexer = _Lexer(text, fast=True)
    end = lexer.fast_block(0)
    new: object = None
    if end != -1:
        (node,) = lexer.blocks[0]
        new = node.title, node.text, node.reference, (node.data_start, node.data_end), end
    assert new == _old_first_line(text)


# -- fast constructors: the same objects as the attrs classes build -----------------------

_IDS = st.text(max_size=6)
_OPT = st.none() | st.text(max_size=6)
_LOCS = st.none() | st.builds(Location, st.text(max_size=4), st.integers(1, 9), st.integers(1, 9))


def _same(fast: object, slow: object) -> None:
    assert type(fast) is type(slow)
    assert fast == slow
    assert _built(hash, fast) == _built(hash, slow)  # or the same error (a dict inside)
    assert repr(fast) == repr(slow)
    fields = attrs.fields(type(slow))
    assert [getattr(fast, f.name) for f in fields] == [getattr(slow, f.name) for f in fields]


def _built(make: Any, *args: Any, **kwargs: Any) -> object:
    """What ``make`` returns, or the type and message of the error it raises."""
    try:
        return make(*args, **kwargs)
    except (ValueError, TypeError) as e:
        return (type(e), str(e))


@settings(max_examples=1500, deadline=None)
@given(st.text(max_size=5), st.integers(-2, 6), st.integers(-2, 6))
def test_fast_quote_is_a_quote(text: str, start: int, end: int) -> None:
    fast, slow = _built(_fast_quote, text, start, end), _built(Quote, text, start, end)
    if isinstance(slow, tuple):
        assert fast == slow  # the same error
    else:
        _same(fast, slow)


@settings(max_examples=1500, deadline=None)
@given(
    _IDS,
    st.text(max_size=6),
    st.sampled_from(list(Role)),
    st.lists(st.builds(Quote, st.just("q"), st.just(1), st.integers(2, 4)), max_size=2),
    _OPT,
    st.lists(st.text(max_size=3), max_size=2),
    _OPT,
    _OPT,
    _LOCS,
)
def test_fast_statement_is_a_statement(
    id: str,
    text: str,
    role: Role,
    quotes: list[Quote],
    section: str | None,
    tags: list[str],
    citation: str | None,
    note: str | None,
    location: Location | None,
) -> None:
    args = (id, text, role, tuple(quotes), section, tuple(tags), citation, note)
    fast = _built(_fast_statement, *args, location)
    slow = _built(Statement, *args, location=location)
    if isinstance(slow, tuple):
        assert fast == slow
    else:
        _same(fast, slow)
        # location stays out of equality, as in the class
        assert fast == attrs.evolve(slow, location=None)


@settings(max_examples=1000, deadline=None)
@given(_IDS, _IDS, st.sampled_from(list(RelationType)), _LOCS)
def test_fast_relation_is_a_relation(
    source: str, target: str, type_: RelationType, location: Location | None
) -> None:
    fast = _built(_fast_relation, source, target, type_, location)
    slow = _built(Relation, source, target, type_, location=location)
    if isinstance(slow, tuple):
        assert fast == slow
    else:
        _same(fast, slow)


_MEMBERS = st.builds(
    Member,
    _IDS,
    _OPT,
    st.sampled_from(["statement", "relation-statement", "premise"]),
    st.lists(st.text(max_size=3), max_size=2).map(tuple),
    st.none() | st.just({"quotes": [{"text": "a", "start": 0, "end": 1}]}),
    st.booleans(),
    _OPT,
    _LOCS,
    _OPT,
)


@settings(max_examples=1000, deadline=None)
@given(_MEMBERS)
def test_fast_member_is_a_member(m: Member) -> None:
    values = [getattr(m, f.name) for f in attrs.fields(Member)]
    _same(_fast_member(*values), m)


@settings(max_examples=500, deadline=None)
@given(
    _IDS,
    _OPT,
    st.lists(st.text(max_size=3), max_size=2).map(tuple),
    st.lists(_MEMBERS, max_size=2).map(tuple),
    _OPT,
    _LOCS,
    st.none() | st.integers(0, 9),
    st.sampled_from(["support", "attack"]),
)
def test_fast_statement_and_relation_nodes(
    title: str,
    text: str | None,
    tags: tuple[str, ...],
    members: tuple[Member, ...],
    section: str | None,
    location: Location | None,
    defined: int | None,
    rel: str,
) -> None:
    node = (title, text, tags, {"k": 1}, members, section, location, defined)
    _same(_fast_statement_node(*node), StatementNode(*node))
    relation = (title, "statement", section or "x", "argument", rel, location)
    _same(_fast_relation_node(*relation), RelationNode(*relation))
