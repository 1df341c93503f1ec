"""The passages of a source nearest to a quote that is not in it ("did you mean").

A quote copied by hand differs from its source in small ways: case, a hyphen or a line break,
typographic quotes and dashes, a word dropped or changed. :func:`nearest` ranks windows of the
source by RapidFuzz's similarity to the quote (case and typographic variants folded first,
code point for code point, so offsets stay those of the source) and returns the best few, each
as offsets into the source and the passage as it stands there.

>>> src = "After the war the former Cold War opponents met again in Geneva."
>>> [(n.text, n.start, n.end) for n in nearest(src, "former cold-war opponents")]
[('former Cold War opponents', 18, 43)]
>>> quote_data(nearest(src, "former cold-war opponents")[0])
'{text: "former Cold War opponents", start: 18, end: 43}'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

__all__ = ["Near", "nearest", "quote_data"]

# Typographic characters folded to their ASCII look-alikes, one code point each, so that the
# folded text keeps the source's offsets.
_FOLD: dict[str, str] = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
    "\n": " ",
    "\t": " ",
    "\r": " ",
    "\u0130": "i",  # the dotted capital I, the one letter whose lower case is two code points
}
_FOLDED = re.compile("[" + re.escape("".join(_FOLD)) + "]")


@attrs.frozen
class Near:
    """A passage of the source close to a quote: offsets, the passage, a score out of 100."""

    start: int
    end: int
    text: str
    score: float


def _fold(text: str) -> str:
    # One str.replace per distinct character to fold (few in a text), not a table look-up
    # per character: the same as text.translate(_FOLD), many times faster on a large text.
    mo = _FOLDED.search(text)
    while mo is not None:
        ch = mo.group()
        text = text.replace(ch, _FOLD[ch])
        mo = _FOLDED.search(text, mo.start())
    return text.lower()


_HAY_SLICE = 1 << 20
_AFTER_SPACE = re.compile("[ \n]")


def _hay(source: str) -> str:
    """``_fold(source)`` with hyphens as spaces, a slice at a time, so that only one slice's
    copies are alive besides the result. Slices end after a space or a line break: str.lower
    looks at the letters around a sigma, but not across white space."""
    parts: list[str] = []
    n = len(source)
    i = 0
    while i < n:
        mo = _AFTER_SPACE.search(source, i + _HAY_SLICE) if i + _HAY_SLICE < n else None
        j = n if mo is None else mo.end()
        parts.append(_fold(source[i:j]).replace("-", " "))
        i = j
    return "".join(parts)


def _words_at(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved out to whole words (and trimmed of white space)."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _take_edge_words(source: str, start: int, end: int, first: str, last: str) -> tuple[int, int]:
    """Widen the passage by the word just before (after) it when that word is the quote's
    first (last) one: the alignment may leave out a short word at either end. Words are
    runs of non-white space, as for str.split; only the characters around the passage are
    read, never the whole source."""
    n = len(source)
    if start > 0 and source[start - 1].isspace():
        stop = start
        while stop > 0 and source[stop - 1].isspace():
            stop -= 1
        at = stop
        while at > 0 and not source[at - 1].isspace():
            at -= 1
        word = source[at:stop]
        if word and _fold(word).strip("\"'.,;:") == first:
            start = at
    if end < n and source[end].isspace():
        at = end
        while at < n and source[at].isspace():
            at += 1
        stop = at
        while stop < n and not source[stop].isspace():
            stop += 1
        word = source[at:stop]
        if word and _fold(word).strip("\"'.,;:") == last:
            end = at + len(word.rstrip(".,;:"))
    return start, end


_GROUP = 1 << 13  # characters of a large source whose windows are ruled out together


def _worth_scoring(
    hay: str, needle: str, starts: range, width: int, cutoff: float
) -> Iterator[int]:
    """The window starts of ``starts`` that may score ``cutoff``: on a large source, windows
    are taken in groups, and a group is skipped when no window in it can reach the cutoff.

    A window's score is the similarity 2·LCS/(len(needle) + len(t)) of the best of its
    substrings t of at most len(needle) characters. A t of len(needle) characters lies in
    the group's stretch of text, and a shorter one scoring s lies in a substring of
    len(needle) characters there that scores at least s/(2 - s) (its common subsequence
    with the needle is as long, and t is at least s·len(needle)/(2 - s) long). So when the
    best substring of the whole stretch (one partial_ratio, which prunes far more than
    scoring each window) scores under c/(2 - c), with c the cutoff, no window in it scores c.
    """
    from rapidfuzz import fuzz

    if len(hay) < 8 * _GROUP:
        yield from starts
        return
    c = cutoff / 100
    floor = 100 * c / (2 - c) - 1e-6
    per = max(_GROUP // starts.step, 1)
    for k in range(0, len(starts), per):
        group = starts[k : k + per]
        stretch = hay[group[0] : group[-1] + width]
        if fuzz.partial_ratio(needle, stretch, score_cutoff=max(floor, 0)) >= floor:
            yield from group


def nearest(source: str, quote: str, *, limit: int = 3, cutoff: float = 70.0) -> list[Near]:
    """Up to ``limit`` passages of ``source`` most like ``quote`` (score ≥ ``cutoff``, 0-100),
    best first, none overlapping another."""
    from rapidfuzz import fuzz

    needle = " ".join(_fold(quote).replace("-", " ").split())
    if not needle or not source:
        return []
    hay = _hay(source)
    width = max(len(needle) * 2, 40)
    step = max(len(needle) // 2, 10)
    found: list[Near] = []
    starts = range(0, max(len(hay) - width, 0) + step, step)
    scored = []
    for at in _worth_scoring(hay, needle, starts, width, cutoff):
        window = hay[at : at + width]
        result = fuzz.partial_ratio_alignment(needle, window)
        if result is not None and result.score >= cutoff:
            scored.append((result.score, at + result.dest_start, at + result.dest_end))
    scored.sort(key=lambda t: (-t[0], t[1]))
    first, last = needle.split()[0], needle.split()[-1]
    for score, start, end in scored:
        start, end = _words_at(source, start, end)
        start, end = _take_edge_words(source, start, end, first, last)
        if start >= end or any(start < n.end and n.start < end for n in found):
            continue
        found.append(Near(start, end, source[start:end], round(score, 1)))
        if len(found) == limit:
            break
    return found


def quote_data(near: Near) -> str:
    """The passage as Argdown quote data: ``{text: "...", start: S, end: E}``.

    The text is the passage with its line breaks written as spaces, as a string in data by
    the Argdown writer's rule (:func:`argmap.formats._argdown_writer.data_string`)."""
    from argmap.formats._argdown_writer import data_string

    text = data_string(" ".join(near.text.split()))
    return f"{{text: {text}, start: {near.start}, end: {near.end}}}"
