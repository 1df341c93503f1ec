"""Quote search on a source cut into slices finds what a per-character search finds.

The search normalises a source slice by slice and indexes only the slices a match lands in
(:class:`argmap.quotes._Source`). These tests cut small texts into slices of one to a few
characters, so that every cut the rules allow is taken, and compare every place found with a
plain reference: the source normalised one character at a time, with the original offset of
each character and the places where an in-line hyphen was dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import quotes
from argmap.quotes import _DROP, _TRANSLATE, _Source, find, normalise


def _reference(text: str) -> tuple[str, list[int], set[int]]:
    """The normalised text, the original offset of each of its characters, and the
    normalised positions right after a hyphen dropped between two words on one line."""
    out: list[str] = []
    starts: list[int] = []
    joins: set[int] = set()
    n = len(text)
    i = 0
    while i < n:
        raw = text[i]
        if raw in _DROP:
            i += 1
            continue
        ch = _TRANSLATE.get(raw, raw)
        if ch.isspace():
            j = i + 1
            while j < n and (text[j].isspace() or text[j] in _DROP):
                j += 1
            if out and out[-1] != " ":
                out.append(" ")
                starts.append(i)
            i = j
            continue
        if ch == "-" and out and out[-1].isalnum():
            j = i + 1
            while j < n and (text[j].isspace() or text[j] in _DROP):
                j += 1
            if j < n and _TRANSLATE.get(text[j], text[j])[0].isalnum():
                if j == i + 1:
                    joins.add(len(out))
                i = j
                continue
        for c in ch:
            out.append(c)
            starts.append(i)
        i += 1
    if out and out[-1] == " ":
        out.pop()
        starts.pop()
    return "".join(out), starts, joins


def _reference_places(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place of ``quote`` in ``text``: whole words, offsets of the original."""
    hay, starts, joins = _reference(text)
    needle = _reference(quote)[0]
    if not needle:
        return []

    def boundary(pos: int) -> bool:
        if pos <= 0 or pos >= len(hay):
            return True
        return not (hay[pos - 1].isalnum() and hay[pos].isalnum()) or pos in joins

    out = []
    for pos in range(len(hay) - len(needle) + 1):
        stop = pos + len(needle)
        if hay.startswith(needle, pos) and boundary(pos) and boundary(stop):
            out.append((starts[pos], starts[stop - 1] + 1))
    return out


@contextmanager
def _slices_of(size: int) -> Iterator[None]:
    """find() cuts sources into slices of about ``size`` characters."""
    saved = quotes._SLICE
    quotes._SLICE = size
    quotes._index.cache_clear()
    try:
        yield
    finally:
        quotes._SLICE = saved
        quotes._index.cache_clear()


_ALPHABET = st.sampled_from(
    [*"ab Z9_-.'\n\t", "\u00a0", "\u2028", "\r", "\u00e7", "\u0434", *_DROP, *_TRANSLATE]
)
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_TEXT, st.integers(1, 6))
def test_slices_put_together_are_the_normalised_source(text: str, size: int) -> None:
    index = _Source(text, size)
    assert index.text == normalise(text) == _reference(text)[0]
    assert list(index.starts) == sorted(set(index.starts))
    hay, starts, joins = _reference(text)
    for pos, ch in enumerate(hay):
        if ch != " ":
            assert index.start(pos) == starts[pos]
        assert index.joined(pos) == (pos in joins)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_TEXT, st.integers(0, 40), st.integers(1, 12), st.integers(1, 6), _TEXT)
def test_search_finds_the_places_a_per_character_search_finds(
    text: str, at: int, length: int, size: int, other: str
) -> None:
    with _slices_of(size):
        for quote in (text[at : at + length], other[:length], text):
            expected = _reference_places(text, quote)
            m = find(text, quote)
            assert [(p.start, p.end) for p in m.places] == expected
            assert m.found == (len(expected) == 1)


def test_a_large_source_is_cut_into_slices_and_indexed_only_where_a_quote_is() -> None:
    line = "The quick brown fox jumps over the lazy dog, again and again.\n"
    text = line * 20_000 + "a hyphen-\nated \u201cneedle\u201d at the end\n"
    index = _Source(text)
    assert len(index.starts) > 10
    m = find(text, 'hyphenated "needle"')
    assert m.found and text[m.start : m.end] == "hyphen-\nated \u201cneedle\u201d"
    index = quotes._index(text)
    assert list(index._slices) == [len(index.starts) - 1]


def test_nearest_passages_keep_offsets_after_a_dotted_capital_i() -> None:
    """'İ'.lower() is two code points: folding keeps it, so later offsets stay the source's."""
    from argmap.formats.nearest import nearest

    src = "\u0130lham \u0130. Aliyev spoke. Then the former Cold War opponents met in Geneva."
    [near] = nearest(src, "former cold-war opponents")
    assert (near.text, src[near.start : near.end]) == ("former Cold War opponents",) * 2


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(["land", "tax", "Rent", "city", "value", "x", "owner-occupied"]),
        min_size=150,
        max_size=300,
    ),
    st.integers(0, 140),
    st.integers(1, 12),
    st.sampled_from(["", "e", "and some words that are not there"]),
    st.sampled_from([50.0, 70.0, 90.0]),
)
def test_nearest_skips_only_windows_that_cannot_reach_the_cutoff(
    words: list[str], at: int, length: int, extra: str, cutoff: float
) -> None:
    """Groups of windows ruled out by one partial_ratio over their stretch of text: the same
    passages as scoring every window (groups of 16 characters here, so that many are tried)."""
    from argmap.formats import nearest as near

    text = " ".join(words)
    quote = " ".join(words[at : at + length]).replace("a", "e", 1) + extra
    saved = near._GROUP
    try:
        near._GROUP = 16
        grouped = near.nearest(text, quote, cutoff=cutoff)
        near._GROUP = 1 << 40
        every = near.nearest(text, quote, cutoff=cutoff)
    finally:
        near._GROUP = saved
    assert grouped == every


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.text(alphabet="a\u03a3\u03c3Z \n\t.'\u2019\u0130-x\u201c", max_size=30), st.integers(1, 5)
)
def test_nearest_folds_a_source_slice_by_slice_as_a_whole(text: str, size: int) -> None:
    """Slices end after white space, where lower() looks no further (final sigma)."""
    from argmap.formats import nearest as near

    saved = near._HAY_SLICE
    try:
        near._HAY_SLICE = size
        assert near._hay(text) == near._fold(text).replace("-", " ")
    finally:
        near._HAY_SLICE = saved
    assert len(near._fold(text)) == len(text)


def _edge_words_reference(
    source: str, start: int, end: int, first: str, last: str
) -> tuple[int, int]:
    """The passage widened by a quote's first (last) word as it was first written: by
    splitting everything before (after) the passage into words."""
    from argmap.formats.nearest import _fold

    before = source[:start].rstrip()
    word = before.split()[-1] if before.split() else ""
    if word and _fold(word).strip("\"'.,;:") == first and source[start - 1 : start].isspace():
        start = len(before) - len(word)
    after = source[end:]
    words = after.split()
    if words and _fold(words[0]).strip("\"'.,;:") == last and after[:1].isspace():
        end = end + after.index(words[0]) + len(words[0].rstrip(".,;:"))
    return start, end


_WORDS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "a.", "'a'", "ab", "b:", "x"]),
        st.sampled_from([" ", "\n", "  ", "\u00a0", "\t\n"]),
    ).map("".join),
    max_size=8,
).map("".join)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(
    _WORDS,
    st.integers(0, 30),
    st.integers(0, 30),
    st.sampled_from(["a", "b", "ab"]),
    st.sampled_from(["a", "b", "ab"]),
)
def test_nearest_edge_words_read_only_around_the_passage(
    source: str, start: int, end: int, first: str, last: str
) -> None:
    from argmap.formats.nearest import _take_edge_words

    start, end = sorted((min(start, len(source)), min(end, len(source))))
    expected = _edge_words_reference(source, start, end, first, last)
    assert _take_edge_words(source, start, end, first, last) == expected
