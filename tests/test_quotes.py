"""Quote anchoring: PDF damage in the real sources, ambiguity, and property tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap.model import Quote
from argmap.quotes import MatchStatus, Span, find, normalise, verify

SOURCES = Path(__file__).resolve().parent.parent / "maps" / "sources"
VALIYEV = (SOURCES / "valiyev-2011.txt").read_text(encoding="utf-8")
ASLANLI = (SOURCES / "aslanli-2010.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        # a word hyphenated across a line, written whole
        (
            "ups and downs throughout the modern history",
            "ups and downs through-\nout the modern history",
        ),
        # a real hyphen that falls at a line end
        ("adopted a pro-Russian", "adopted a pro-\nRussian"),
        # typographic apostrophe and a line break with a trailing space
        ("Russia's continued support of Armenia", "Russia\u2019s \ncontinued support of Armenia"),
        # the hyphenated word is the last word of the quote
        (
            "procrastination in the resolution of Karabakh",
            "procrastination in the resolution of Kara-\nbakh",
        ),
    ],
)
def test_damage_in_valiyev(quote: str, passage: str) -> None:
    m = find(VALIYEV, quote)
    assert m.status is MatchStatus.FOUND
    assert VALIYEV[m.start : m.end] == passage
    assert verify(VALIYEV, Quote(quote, m.start, m.end))


def test_straight_double_quotes_match_typographic() -> None:
    m = find(VALIYEV, 'Azerbaijan moved away from "fearing" an')
    assert m.found
    assert VALIYEV[m.start : m.end] == "Azerbaijan moved away from \u201cfearing\u201d an"


def test_non_breaking_space_matches_a_space() -> None:
    i = VALIYEV.index("\u00a0")
    passage = VALIYEV[i - 12 : i + 12].strip()
    words = " ".join(passage.replace("\u00a0", " ").split()[1:-1])
    m = find(VALIYEV, words)
    assert m.found
    assert "\u00a0" in VALIYEV[m.start : m.end]


def test_en_dash_matches_hyphen() -> None:
    i = VALIYEV.index("\u2013")
    window = VALIYEV[i - 15 : i + 15]
    words = window.split()[1:-1]
    quote = " ".join(words).replace("\u2013", "-")
    m = find(VALIYEV, quote)
    assert m.found
    assert "\u2013" in VALIYEV[m.start : m.end]


def test_common_word_is_ambiguous_with_every_place() -> None:
    m = find(VALIYEV, "Karabakh conflict")
    assert m.status is MatchStatus.AMBIGUOUS
    assert m.count == len(m.places) > 1
    assert all(normalise(VALIYEV[p.start : p.end]) == "Karabakh conflict" for p in m.places)
    assert list(m.places) == sorted(m.places)
    with pytest.raises(ValueError):
        _ = m.start


def test_stored_offsets_pick_an_occurrence() -> None:
    places = find(VALIYEV, "Karabakh conflict").places
    second = places[1]
    m = find(VALIYEV, Quote("Karabakh conflict", second.start, second.end))
    assert m.found and m.span == second
    # Offsets that are slightly off still pick the one occurrence they overlap.
    m = find(VALIYEV, Quote("Karabakh conflict", second.start + 2, second.end + 3))
    assert m.found and m.span == second
    # Offsets that overlap none leave it ambiguous.
    m = find(VALIYEV, Quote("Karabakh conflict", 0, 5))
    assert m.status is MatchStatus.AMBIGUOUS


def test_not_found() -> None:
    assert find(ASLANLI, "this sentence is not in the essay").status is MatchStatus.NOT_FOUND
    assert find(ASLANLI, "   ").status is MatchStatus.NOT_FOUND


def test_quotes_match_whole_words_only() -> None:
    text = "Russian policy and Russia"
    m = find(text, "Russia")
    assert m.found and m.span == Span(19, 25)


def test_in_line_hyphen_is_a_word_boundary() -> None:
    text = "after the Russia-Georgian conflict ended"
    m = find(text, "Georgian conflict")
    assert m.found and text[m.start : m.end] == "Georgian conflict"


def test_verify_rejects_wrong_or_padded_offsets() -> None:
    m = find(ASLANLI, "Azerbaijan")
    assert m.count > 1
    p = m.places[0]
    assert verify(ASLANLI, Quote("Azerbaijan", p.start, p.end))
    assert not verify(ASLANLI, Quote("Azerbaijan", p.start + 1, p.end + 1))
    assert not verify(ASLANLI, Quote("Azerbaijan", max(p.start - 1, 0), p.end))
    assert not verify(ASLANLI, Quote("Azerbaijan"))
    assert not verify(ASLANLI, Quote("Azerbaijan", 1, len(ASLANLI) + 5))


# -- properties ------------------------------------------------------------------------

WORDS = st.lists(
    st.text(alphabet="abcdefgh", min_size=1, max_size=7).flatmap(
        lambda w: st.sampled_from([w, w[:1] + "'" + w[1:]]) if len(w) > 1 else st.just(w)
    ),
    min_size=3,
    max_size=40,
)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str, str]:
    """(clean text, a quote from it, the text with PDF damage inserted)."""
    words = draw(WORDS)
    clean = " ".join(words)
    a = draw(st.integers(0, len(words) - 1))
    b = draw(st.integers(a + 1, len(words)))
    quote = " ".join(words[a:b])
    out: list[str] = []
    for i, word in enumerate(words):
        w = word.replace("'", draw(st.sampled_from(["'", "\u2019"])))
        if len(word) > 2 and draw(st.booleans()):
            cut = draw(st.integers(1, len(word) - 1))
            if word[cut - 1].isalpha() and word[cut].isalpha():
                w = word[:cut] + "-" + draw(st.sampled_from(["\n", " \n", "\n  "])) + word[cut:]
        out.append(w)
        if i < len(words) - 1:
            out.append(draw(st.sampled_from([" ", " ", "\n", " \n", "  ", "\u00a0", "\n\n"])))
    return clean, quote, "".join(out)


@settings(max_examples=300, deadline=None)
@given(damaged())
def test_damage_never_loses_a_unique_quote(case: tuple[str, str, str]) -> None:
    clean, quote, text = case
    assume(find(clean, quote).status is MatchStatus.FOUND)
    m = find(text, quote)
    assert m.status is MatchStatus.FOUND
    passage = text[m.start : m.end]
    assert passage == passage.strip()
    assert normalise(passage) == normalise(quote)
    assert verify(text, Quote(quote, m.start, m.end))


@settings(max_examples=300, deadline=None)
@given(damaged(), st.text(min_size=1, max_size=12))
def test_found_offsets_always_map_back(case: tuple[str, str, str], needle: str) -> None:
    _, _, text = case
    for q in (needle, text[len(text) // 3 : len(text) // 2]):
        m = find(text, q)
        for p in m.places:
            passage = text[p.start : p.end]
            assert passage == passage.strip()
            assert normalise(passage) == normalise(q)
