"""Regression tests for the robustness review (../shared/reviews/robustness.md) outside the
Argdown reader: bounded memory in quote search, line ends, devices, clean text out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.quotes import _DROP, _TRANSLATE, _build, find
from argmap.text import bad_id_char, clean, is_blank, slug, terminal
from tests.test_quote_search import _reference

_ALPHABET = st.sampled_from(
    [*"ab Z9-.\n\t", "\u00a0", "\u2028", "\r", *_DROP, *list(_TRANSLATE)[:8]]
)


@settings(max_examples=400, derandomize=True)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_compact_quote_index_maps_like_the_per_character_one(text: str) -> None:
    """M6: the index keeps only the turning points of the offset map, and agrees with the
    per-character index at every non-space character."""
    index = _build(text)
    expected, starts, _ = _reference(text)
    assert index.text == expected
    for pos, ch in enumerate(expected):
        if ch != " ":
            assert index.start(pos) == starts[pos]


def test_quote_index_is_small_for_a_large_source() -> None:
    """M6: memory proportional to the source, not eight bytes per character per table."""
    line = "The quick brown fox jumps over the lazy dog, again and again.\n"
    text = line * 20_000 + "a hyphen-\nated needle at the end\n"
    index = _build(text)
    assert len(index.breaks) < 1000
    m = find(text, "hyphenated needle")
    assert m.found and text[m.start : m.end] == "hyphen-\nated needle"


def test_slug_never_escapes_and_is_never_empty() -> None:
    """H2: ids become file names only through the one slug rule."""
    for hostile in ("/tmp/argmap-audit-pwn", "a/../../x", "m\0one", "..", "", "\u202e", "C:\\x"):
        name = slug(hostile)
        assert name and "/" not in name and "\\" not in name and ".." not in name
        assert "\0" not in name and not name.startswith(".")
    assert slug("valiyev-2011") == "valiyev-2011"


def test_bad_id_characters_are_named() -> None:
    """H2: check refuses ids with /, .., NUL or control characters."""
    assert bad_id_char("/tmp/x") == "'/'"
    assert bad_id_char("a..b") == "'..'"
    assert bad_id_char("m\0one") == "U+0000"
    assert bad_id_char("a\u2028b") == "U+2028"
    assert bad_id_char("valiyev-2011") is None


def test_clean_and_terminal_text() -> None:
    """L7-L9: invisible characters removed, escape sequences shown, blank citations found."""
    assert clean("a\u202eb\u200bc\u2066d") == "abcd"
    assert terminal("[T\x1b[2J\x1b[31mX]") == "[T\\x1b[2J\\x1b[31mX]"
    assert terminal("a\nb\tc") == "a\nb\tc"
    assert is_blank("\ue000") and is_blank("\u200b") and not is_blank("Valiyev")
