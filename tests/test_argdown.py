"""The Argdown reader and writer: constructs, errors, includes, round trips, fuzzing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import argument_maps

from argmap.errors import ArgmapError
from argmap.formats.argdown import dumps, load, loads, parse, parse_file
from argmap.model import MapBuilder, Quote, RelationType, Role, Source


def _rels(text: str) -> list[tuple[str, str, str]]:
    return [(r.source, r.target, r.type) for r in parse(text).relations]


# -- syntax ---------------------------------------------------------------------


def test_statement_definition_text_tags_and_data() -> None:
    doc = parse("[A]: Hello  world. #claim #(two words) {a: 1}\n")
    (s,) = doc.statements
    assert s.title == "A"
    assert s.text == "Hello  world. #claim #(two words) "
    assert s.tags == ("claim", "two words")
    assert s.data == {"a": 1}
    assert doc.tags == ("claim", "two words")


def test_canonical_text_is_last_member_with_text() -> None:
    doc = parse("[A]: first\n\n[A]: second\n\n[A]\n")
    assert doc.statement("A").text == "second"
    assert [m.text for m in doc.statement("A").members] == ["first", "second", None]


def test_multiline_text_and_data_on_following_lines() -> None:
    doc = parse("[A]: one\n  two\n    {quotes: [x,\n      y]}\n")
    s = doc.statement("A")
    assert s.text == "one two"
    assert s.data == {"quotes": ["x", "y"]}


def test_inline_formatting_mentions_and_escapes() -> None:
    doc = parse("[A]: *it* **bo** [l](http://x) @[B] @<C> \\[e\\] \\#t 1.A. .A. x\n")
    assert doc.statement("A").text == "it bo l @[B] @<C> [e] #t 1∀ ∀ x"  # as the CLI gives it
    assert doc.statement("A").tags == ()


def test_all_relation_symbols() -> None:
    text = "[A]\n  + [B]\n  - [C]\n  _ [D]\n  +> [E]\n  -> [F]\n  _> [G]\n  >< [H]\n  <+ [I]\n"
    assert _rels(text) == [
        ("B", "A", "support"),
        ("C", "A", "attack"),
        ("D", "A", "undercut"),
        ("A", "E", "support"),
        ("A", "F", "attack"),
        ("A", "G", "undercut"),
        ("A", "H", "contradictory"),
        ("I", "A", "support"),
    ]


def test_nested_relation_trees_follow_indentation() -> None:
    assert _rels("[A]\n  + [B]\n    - [C]\n  + [D]\n") == [
        ("C", "B", "attack"),
        ("B", "A", "support"),
        ("D", "A", "support"),
    ]


def test_strict_mode_relation_types() -> None:
    text = "===\nmodel:\n    mode: strict\n===\n\n[A]\n  + [B]\n  - [C]\n"
    doc = parse(text)
    assert doc.frontmatter == {"model": {"mode": "strict"}}
    assert [r.type for r in doc.relations] == ["entails", "contrary"]


def test_pcs_with_rules_and_untitled_statements() -> None:
    doc = parse("<Arg>: Desc.\n\n(1) [P]: p\n(2) q\n-- Rule a, rule b {uses: [1]} --\n(3) [C]\n")
    arg = doc.argument("Arg")
    assert arg.text == "Desc."
    assert [(p.title, p.role) for p in arg.pcs] == [
        ("P", "premise"),
        ("Untitled 1", "premise"),
        ("C", "conclusion"),
    ]
    assert arg.inferences[0].rules == ("Rule a", "rule b")
    assert arg.inferences[0].data == {"uses": [1]}


def test_relation_from_reconstructed_argument_moves_to_conclusion() -> None:
    text = "<Arg>\n  +> [T]\n\n<Arg>\n\n(1) p\n----\n(2) [C]\n"
    assert _rels(text) == [("C", "T", "support")]


def test_sections_lists_and_comments() -> None:
    doc = parse(
        "# Top #t {map: m}\n\n## Sub {id: x}\n\n* [A]: a // gone\n* [B]: b /* gone */\n\n"
        "<!-- c -->\n### Deep\n\n1. [C]: c\n"
    )
    assert [(s.id, s.title, s.level, s.parent) for s in doc.sections] == [
        ("s1", "Top #t", 1, None),
        ("s2", "Sub", 2, "s1"),
        ("s3", "Deep", 3, "s2"),
    ]
    assert doc.sections[0].data == {"map": "m"}
    assert [(s.title, s.text, s.section) for s in doc.statements] == [
        ("A", "a ", "s2"),
        ("B", "b ", "s2"),
        ("C", "c", "s3"),
    ]


def test_locations_are_line_and_column() -> None:
    doc = parse("\n[A]: a\n  + [B]: b\n", "f.argdown")
    assert str(doc.statement("A").location) == "f.argdown:2:1"
    assert str(doc.statement("B").location) == "f.argdown:3:5"


# -- errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("[A]: text\n\n    + [B]: x\n", "3:1", "a relation must follow its parent line directly"),
        ("[A]: x\n    + [B]: y\n  - [C]: z\n", "3:1", "indented inconsistently"),
        ("[A]: text\n[B]: two\n", "2:1", "expected an empty line"),
        ("[A]: a {b: [1}\n", "1:8", "invalid YAML in data"),
        ("[A]: snake_case\n", "1:11", "unclosed italic text"),
        ("[A]: x \\\n", "1:8", "backslash"),
        ("(1) p\n(2) q\n", "3:1", "expected a numbered conclusion"),
        ("[A]: a\n\n===\nx: 1\n===\n", "3:1", "unexpected a === frontmatter block"),
        ("[A]: a\x00b\n", "1:7", "control character U+0000"),
    ],
)
def test_errors_are_located(text: str, where: str, message: str) -> None:
    with pytest.raises(ArgmapError) as info:
        parse(text, "e.argdown")
    assert str(info.value.location) == f"e.argdown:{where}"
    assert message in info.value.message


def test_not_utf8_is_located(tmp_path: Path) -> None:
    p = tmp_path / "bad.argdown"
    p.write_bytes(b"[A]: ok\n[B]: \xff\n")
    with pytest.raises(ArgmapError) as info:
        parse_file(p)
    assert info.value.location is not None
    assert (info.value.location.line, info.value.location.column) == (2, 6)
    assert "not UTF-8" in info.value.message


# -- includes -------------------------------------------------------------------


def test_includes_merge_and_keep_file_locations(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.argdown").write_text("[B]: from b\n", encoding="utf-8")
    main = tmp_path / "main.argdown"
    main.write_text("[A]: from a\n\n@include(sub/b.argdown)\n\n[A]\n  + [B]\n", encoding="utf-8")
    doc = parse_file(main)
    assert [s.title for s in doc.statements] == ["A", "B"]
    loc = doc.statement("B").location
    assert loc is not None and loc.path.endswith("b.argdown") and loc.line == 1
    assert [s.title for s in doc.includes[0].statements] == ["B"]
    assert [(r.source, r.target) for r in doc.relations] == [("B", "A")]
    # Without includes the @include line is plain text, as in Argdown's core parser.
    plain = parse_file(main, include=False)
    assert [s.title for s in plain.statements] == ["A", "Untitled 1", "B"]


def test_missing_include_is_located(tmp_path: Path) -> None:
    main = tmp_path / "main.argdown"
    main.write_text("[A]: a\n\n@include(nope.argdown)\n", encoding="utf-8")
    with pytest.raises(ArgmapError, match="included file not found") as info:
        parse_file(main)
    assert info.value.location is not None and info.value.location.line == 3


def test_include_cycles_include_each_file_once_as_the_cli_does(tmp_path: Path) -> None:
    (tmp_path / "x.argdown").write_text("[X]: x\n\n@include(y.argdown)\n", encoding="utf-8")
    (tmp_path / "y.argdown").write_text("[Y]: y\n\n@include(x.argdown)\n", encoding="utf-8")
    doc = parse_file(tmp_path / "x.argdown")
    assert [s.title for s in doc.statements] == ["X", "Y"]
    # The CLI does not count the top-level file: y includes x's text once more, whose
    # @include(y.argdown) is then left out.
    assert [
        m.location.path.endswith("x.argdown") for m in doc.statement("X").members if m.location
    ] == [True, True]
    selfish = tmp_path / "self.argdown"
    selfish.write_text("[S]: s\n\n@include(self.argdown)\n", encoding="utf-8")
    assert [len(s.members) for s in parse_file(selfish).statements] == [2]


# -- layer 2: maps ------------------------------------------------------------------

MAP = """# An essay {map: demo, source: {path: src.txt, sha256: abc, author: Someone, year: 2011}}

## Part one

[T]: Cities should tax land. #thesis #core
    {quotes: [{text: "tax land", start: 3, end: 11}]}

[E]: Land values rose 40%. #evidence {quotes: ["rose 40%"], citation: "fn 1"}

[T]
    + [E]
"""


def test_loads_map() -> None:
    m = loads(MAP, "maps/demo.argdown")
    assert m.id == "demo" and m.title == "An essay"
    assert m.source == Source("src.txt", "abc", "", "Someone", None, 2011, None)
    assert [(s.id, s.title, s.level) for s in m.sections] == [("part-one", "Part one", 2)]
    t = m.statement("T")
    assert (t.text, t.role, t.tags, t.section) == (
        "Cities should tax land.",
        Role.THESIS,
        ("core",),
        "part-one",
    )
    assert t.quotes == (Quote("tax land", 3, 11),)
    assert m.statement("E").citation == "fn 1"
    assert [(r.source, r.target, r.type) for r in m.relations] == [("E", "T", RelationType.SUPPORT)]
    assert str(m.relations[0].location) == "maps/demo.argdown:11:1"


def test_map_id_from_file_stem_without_heading(tmp_path: Path) -> None:
    p = tmp_path / "my-map.argdown"
    p.write_text("[T]: t #thesis\n", encoding="utf-8")
    m = load(p)
    assert (m.id, m.title, m.source) == ("my-map", "", None)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("[T]: t\n", "needs exactly one role tag", 1),
        ("[T]: t #thesis #claim\n", "needs exactly one role tag", 1),
        ("[T]: t #thesis {colour: red}\n", "unknown data key 'colour'", 1),
        ("\n[T]: t #thesis {quotes: [{text: x, start: 5, end: 2}]}\n", "bad quote", 2),
        ("[T]: t #thesis\n  + [U]\n", "[U] is referenced but never defined", 2),
    ],
)
def test_map_errors(text: str, message: str, line: int) -> None:
    with pytest.raises(ArgmapError) as info:
        loads(text, "m.argdown")
    assert message in info.value.message
    assert info.value.location is not None and info.value.location.line == line


def test_dumps_is_deterministic_and_round_trips_hostile_text() -> None:
    m = (
        MapBuilder("demo", "A: title #1 {x}", Source("s.txt", year=2011))
        .section("intro", "Intro [x] <y>", 2)
        .statement(
            "T",
            "1. [x] #no {a} \\ * _ @[y] // c <b> === 'q' \"q\"",
            Role.THESIS,
            quote=Quote("a } b", 1, 2),
            tags=("a b", "x"),
            note="n}  x\u2028",
        )
        .statement("E", "Rose 40%.", Role.EVIDENCE, quote="rose")
        .support("E", "T")
        .argument("Ar", ["E"], "T", "desc: x", "rule, two")
        .build()
    )
    text = dumps(m)
    assert text == dumps(m)
    assert loads(text) == m


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(argument_maps())
def test_round_trip_random_maps(m: object) -> None:
    from argmap.model import ArgumentMap

    assert isinstance(m, ArgumentMap)
    assert loads(dumps(m)) == m


_PIECES = st.sampled_from(
    [*"[]<>{}()#*_@/\\:.,-+=!\n \tab1", "\n\n", "    ", "===", "(1) ", "----", "-- ",
     "<!--", "-->", "/*", "*/", "//", "+ ", ">< ", "_ ", "[A]: ", "<B>: ", "# ", "{a: 1}",
     "* ", "1. ", "@include(x)"]
)  # fmt: skip


@settings(max_examples=400, suppress_health_check=list(HealthCheck), deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_random_text_parses_or_raises_argmap_error(text: str) -> None:
    try:
        parse(text)
    except ArgmapError as e:
        assert e.location is not None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_parse_or_raise_argmap_error(data: bytes) -> None:
    import os
    import tempfile

    fd, name = tempfile.mkstemp(suffix=".argdown")
    try:
        os.write(fd, data)
        os.close(fd)
        try:
            parse_file(name)
        except ArgmapError as e:
            assert e.location is not None
    finally:
        os.unlink(name)


@pytest.mark.parametrize("unit", ["{", "[a", "#(", "a.", "*a ", "/*", "<a", "[a](b"])
def test_long_hostile_input_parses_or_raises(unit: str) -> None:
    # 100k repetitions of a construct that could make a naive scanner backtrack: the reader
    # finishes with a document or a located error (its speed is measured in benchmarks/).
    try:
        parse(unit * 100_000)
    except ArgmapError as e:
        assert e.location is not None


def test_cli_reads_dumps_like_we_do(tmp_path: Path, argdown_cli: str) -> None:
    import json
    import subprocess

    m = loads(MAP)
    hostile = loads(dumps(m).replace("Cities should tax land.", "1. [x] #no {a} \\\\ \\* \\_"))
    for i, each in enumerate((m, hostile)):
        p = tmp_path / f"m{i}.argdown"
        p.write_text(dumps(each), encoding="utf-8")
        out = subprocess.run(
            [argdown_cli, "json", "--stdout", "--silent", str(p)],
            capture_output=True,
            text=True,
            check=True,
        )
        golden = json.loads(out.stdout)
        doc = parse_file(p)
        assert sorted(golden["statements"]) == sorted(s.title for s in doc.statements)
        assert [(r["from"], r["to"], r["relationType"]) for r in golden["relations"]] == [
            (r.source, r.target, r.type) for r in doc.relations
        ]


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        ("[ ]: text. #thesis", "3:1", "[ ]: a statement title must not be blank"),
        ("[A]: a. #thesis\n    + [ ]", "4:7", "[ ] is referenced but never defined"),
        ("[A]: a. #thesis\n    + [ ]: b. #claim", "4:7", "a statement title must not be blank"),
        ("[A]: a. #thesis\n\n< >: x\n\n(1) [A]\n----\n(2) [A]", "5:1", "argument title"),
        ('## S {id: " "}\n\n[A]: a. #thesis', "3:1", "section 'S': its id must not be blank"),
    ],
)
def test_blank_titles_and_ids_are_located_errors(body: str, where: str, message: str) -> None:
    with pytest.raises(ArgmapError) as info:
        loads(f"# M {{map: m}}\n\n{body}\n", "m.argdown")
    assert str(info.value.location) == f"m.argdown:{where}"
    assert message in info.value.message


# -- conformance bugs of issue 9 (fixtures with CLI goldens: canonical-text, include-cycle,
# data-flow-adjacent, frontmatter-settings) -------------------------------------------------


def test_a_later_reference_does_not_replace_the_text_of_a_map_statement() -> None:
    text = (
        "# M {map: m}\n\n[T]: Cities should tax land. #thesis\n\n[E]: Values rose. #evidence\n"
        "\n[T]\n    + [E]\n\n[T] #thesis\n"
    )
    m = loads(text, "m.argdown")
    assert m.statement("T").text == "Cities should tax land."
    # The general path agrees with the direct builder.
    assert loads("===\nmodel: {mode: loose}\n===\n\n" + text, "m.argdown").statement("T").text == (
        "Cities should tax land."
    )


def test_the_last_definition_gives_the_text() -> None:
    m = loads("# M {map: m}\n\n[T]: First. #thesis\n\n[T]: Second. #thesis\n", "m.argdown")
    assert m.statement("T").text == "Second."


@pytest.mark.parametrize(
    "setting",
    [
        "model: {explodeArguments: true}",
        "model: {transformArgumentRelations: false}",
        "group: {regroup: [{title: A, statements: [T]}]}",
        'model: {shortcodes: {":x:": "not a mapping"}}',
    ],
)
def test_frontmatter_settings_not_applied_give_a_located_warning(setting: str) -> None:
    from argmap.formats._argdown_settings import ArgdownSettingWarning

    with pytest.warns(ArgdownSettingWarning, match="not applied") as record:
        parse(f"===\n{setting}\n===\n\n[T]: text\n", "s.argdown")
    warning = record[0].message
    assert isinstance(warning, ArgdownSettingWarning)
    assert warning.location is not None and warning.location.line == 1
    assert str(warning).startswith("s.argdown:1:1: ")
