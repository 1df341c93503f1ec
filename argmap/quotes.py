"""Anchor verbatim quotes in a source text that carries PDF-extraction damage.

A quote is matched against the source after both are *normalised* the same way, so that
the damage a PDF extraction leaves behind does not hide a passage:

* every run of whitespace (line breaks, several spaces, the non-breaking space) is one space;
* typographic quotes and apostrophes become straight ones, en and em dashes become ``-``;
* a hyphen between two word characters is dropped together with any whitespace after it,
  so ``Azerbai-\\njan`` matches ``Azerbaijan`` and ``Russia-\\nGeorgian`` matches
  ``Russia-Georgian`` (both sides lose the hyphen);
* soft hyphens and zero-width characters are dropped.

A source is normalised with whole-string operations, a slice of some 32,000 characters at
a time cut where two letters meet (the rules never reach across such a cut). Only a slice
that holds a match is then indexed character by character, to map the match back to the
exact original passage: memory and time stay proportional to the source.

>>> text = "Both were cau-\\ntious, said the “experts”.\\n"
>>> m = find(text, 'cautious, said the "experts"')
>>> m.status.value, text[m.start:m.end]
('found', 'cau-\\ntious, said the “experts”')
"""

from __future__ import annotations

import array
import bisect
import enum
import functools
import re
from collections.abc import Iterable

import attrs

from argmap.model import Quote, Statement

__all__ = [
    "Match",
    "MatchStatus",
    "Span",
    "find",
    "misplaced",
    "normalise",
    "stands_at_offsets",
    "verify",
]

_TRANSLATE: dict[str, str] = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",  # single high-reversed-9 quotation mark
    "\u2032": "'",  # prime
    "\u02bc": "'",  # modifier letter apostrophe
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u201f": '"',  # double high-reversed-9 quotation mark
    "\u2033": '"',  # double prime
    "\u00ab": '"',  # left guillemet
    "\u00bb": '"',  # right guillemet
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2015": "-",  # horizontal bar
    "\u2212": "-",  # minus sign
    "\ufb01": "fi",  # ligatures left by some extractors
    "\ufb02": "fl",
    "\ufb00": "ff",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
}
_DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# The same rules as :func:`_build`, as whole-string operations (for the text alone): drop,
# translate, join hyphens between alphanumerics ([^\W_] is str.isalnum), collapse whitespace
# (\s is str.isspace). Equivalence with _build is property-tested.
_REPLACE: dict[str, str] = {**_TRANSLATE, **dict.fromkeys(_DROP, "")}
_SPECIAL = re.compile("[" + re.escape("".join(_TRANSLATE) + "".join(_DROP)) + r"\-]|\s(?<! )|  ")
_TRANSLATED = re.compile("[" + re.escape("".join(_TRANSLATE) + "".join(_DROP)) + "]")
_JOIN = re.compile(r"-(?<=[^\W_]-)\s*(?=[^\W_])")  # "-" first: the search skips to hyphens
_KEPT_BREAK = re.compile(r"-\n(?:(?<![^\W_]-\n)|(?![^\W_]))")  # "-\n" not between alphanumerics


class MatchStatus(enum.Enum):
    """Whether a quote was found once, not at all, or in several places."""

    FOUND = "found"
    NOT_FOUND = "not found"
    AMBIGUOUS = "ambiguous"


@attrs.frozen(order=True)
class Span:
    """A passage of the source: code-point offsets, end exclusive."""

    start: int
    end: int


@attrs.frozen
class Match:
    """The result of :func:`find`.

    ``places`` lists every occurrence in source order; ``span`` is the one the quote
    anchors to when ``status`` is FOUND (the only occurrence, or the one its stored offsets
    pick), else ``None``.
    """

    status: MatchStatus
    places: tuple[Span, ...] = ()
    span: Span | None = None

    @property
    def found(self) -> bool:
        """Whether the quote was found exactly once."""
        return self.status is MatchStatus.FOUND

    @property
    def count(self) -> int:
        """How many places the quote was found at."""
        return len(self.places)

    @property
    def start(self) -> int:
        """Where the found passage starts (:class:`ValueError` if it was not found once)."""
        if self.span is None:
            raise ValueError(f"quote {self.status.value}: no start")
        return self.span.start

    @property
    def end(self) -> int:
        """Where the found passage ends, exclusive (:class:`ValueError` if not found once)."""
        if self.span is None:
            raise ValueError(f"quote {self.status.value}: no end")
        return self.span.end


@attrs.frozen
class _Index:
    """A normalised text and where each of its characters came from in the original.

    Memory is proportional to the text, not one entry per character: the map from
    normalised positions to original offsets is piecewise linear, and only the points where
    it changes course (a run of white space collapsed, a character dropped, a hyphen
    joined, a ligature expanded) are stored, in two arrays of 8-byte integers.
    """

    text: str
    breaks: array.array[int]  # normalised positions where a linear piece starts
    origins: array.array[int]  # the original offset at each of those positions
    joins: frozenset[int]  # normalised positions right after a dropped in-line hyphen

    def start(self, pos: int) -> int:
        """The original offset of the normalised character at ``pos`` (not a space)."""
        k = bisect.bisect_right(self.breaks, pos) - 1
        return self.origins[k] + pos - self.breaks[k]


# Translations of one character into one other that is not a hyphen (quotes, apostrophes):
# they keep offsets one for one and cannot join words, so runs may hold them.
_ONE_FOR_ONE = {k: v for k, v in _TRANSLATE.items() if len(v) == 1 and v != "-"}
_ONE_FOR_ONE_TABLE = str.maketrans(_ONE_FOR_ONE)
_SPECIAL_CHARS = re.escape("".join(k for k in _TRANSLATE if k not in _ONE_FOR_ONE) + "".join(_DROP))
# A run the slow path would copy one for one: characters that are neither white space, nor
# a hyphen, nor dropped or translated into something longer or into a hyphen, with single
# white-space characters between them (each becomes one space, at the same offset).
_PLAIN = re.compile(rf"[^\s\-{_SPECIAL_CHARS}]+(?:\s[^\s\-{_SPECIAL_CHARS}]+)*")
_OTHER_SPACE = re.compile(r"[^\S ]")
_ASCII_SPACE = bytes.maketrans(
    bytes(c for c in range(128) if chr(c).isspace()),
    b" " * sum(chr(c).isspace() for c in range(128)),
)


def _build(text: str) -> _Index:
    parts: list[str] = []
    breaks: array.array[int] = array.array("q")
    origins: array.array[int] = array.array("q")
    joins: set[int] = set()
    size = 0  # length of the normalised text so far
    last = ""  # its last character

    def emit(piece: str, origin: int) -> None:
        # ``piece`` is copied one for one from ``origin`` on.
        nonlocal size, last
        if not breaks or origins[-1] + size - breaks[-1] != origin:
            breaks.append(size)
            origins.append(origin)
        parts.append(piece)
        size += len(piece)
        last = piece[-1]

    n = len(text)
    plain = _PLAIN.match
    i = 0
    while i < n:
        mo = plain(text, i)
        if mo is not None:
            run = mo.group()
            if not run.isascii():
                run = run.translate(_ONE_FOR_ONE_TABLE)
            if not run.isalnum():
                run = _OTHER_SPACE.sub(" ", run)
            emit(run, i)
            i = mo.end()
            continue
        raw = text[i]
        if raw in _DROP:
            i += 1
            continue
        ch = _TRANSLATE.get(raw, raw)
        if ch.isspace():
            j = i + 1
            while j < n and (text[j].isspace() or text[j] in _DROP):
                j += 1
            if last and last != " ":
                emit(" ", i)
            i = j
            continue
        if ch == "-" and last.isalnum():
            j = i + 1
            while j < n and (text[j].isspace() or text[j] in _DROP):
                j += 1
            if j < n and _TRANSLATE.get(text[j], text[j])[0].isalnum():
                if j == i + 1:
                    # An in-line hyphen joins two words: a quote may start or end there.
                    # At a line end it may be a split word, so no boundary is assumed.
                    joins.add(size)
                i = j
                continue
        for c in ch:
            emit(c, i)
        i += 1
    if last == " ":
        parts.pop()
        size -= 1
    return _Index("".join(parts), breaks, origins, frozenset(joins))


# Where a source may be cut into slices that normalise independently: between two
# alphanumerics that are copied as they are (not translated, not dropped). Nothing the rules
# do reaches across such a cut: a run of white space or a hyphen never touches it, and both
# sides of it are copied whatever comes before or after.
_PLAIN_WORD = rf"[^\W_{re.escape(''.join(_TRANSLATE) + ''.join(_DROP))}]"
_CUT = re.compile(rf"{_PLAIN_WORD}(?={_PLAIN_WORD})")
_SLICE = 1 << 15  # characters in a slice, about


class _Source:
    """A source text normalised for the search, slice by slice, and the slices' exact
    indexes (:func:`_build`), made only for the slices a match lands in.

    ``text`` is :func:`normalise` of the whole source (slice boundaries where
    :data:`_CUT` allows, so the slices' normalised texts put together are the whole's);
    ``starts`` and ``normal_starts`` are where each slice starts in the source and in
    ``text``. The only other memory is the indexes of the slices looked at.
    """

    def __init__(self, source: str, size: int = 0) -> None:
        size = size or _SLICE
        self.source = source
        self.starts: array.array[int] = array.array("q")
        self.normal_starts: array.array[int] = array.array("q")
        self._slices: dict[int, _Index] = {}
        parts: list[str] = []
        done = 0  # length of the normalised text so far
        n = len(source)
        i = 0
        while i < n:
            cut = i + size
            if cut >= n:
                cut = n
            else:
                mo = _CUT.search(source, cut)
                cut = n if mo is None else mo.end()
            part = normalise(source[i:cut])
            self.starts.append(i)
            self.normal_starts.append(done)
            parts.append(part)
            done += len(part)
            i = cut
        self.text = "".join(parts)

    def _slice(self, pos: int) -> tuple[int, _Index]:
        """The slice the normalised position ``pos`` lies in: its number and its index."""
        k = bisect.bisect_right(self.normal_starts, pos) - 1
        index = self._slices.get(k)
        if index is None:
            stop = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.source)
            index = self._slices[k] = _build(self.source[self.starts[k] : stop])
        return k, index

    def start(self, pos: int) -> int:
        """The original offset of the normalised character at ``pos`` (not a space)."""
        k, index = self._slice(pos)
        return self.starts[k] + index.start(pos - self.normal_starts[k])

    def joined(self, pos: int) -> bool:
        """Whether an in-line hyphen was dropped right before the normalised ``pos``."""
        k, index = self._slice(pos)
        return pos - self.normal_starts[k] in index.joins


@functools.lru_cache(maxsize=4)
def _index(text: str) -> _Source:
    """The normalised source, kept for the next quotes of the same source (a check)."""
    return _Source(text)


def normalise(text: str) -> str:
    """The text as quotes are compared: see the module docstring.

    >>> normalise("  Kara-\\nbakh\\u2019s  \\u201cfear\\u201d\\u00a0of  Russia \\u2013 again ")
    'Karabakh\\'s "fear" of Russia - again'
    """
    if (text.isascii() and text.isprintable() and "-" not in text and "  " not in text) or (
        _SPECIAL.search(text) is None
    ):
        # Single spaces only, nothing to translate or join (the first test is the same for
        # ASCII text, where the only white space that is printable is the space, and faster).
        return text.strip(" ")
    # One str.replace per distinct character to translate or drop (few in a text), not a
    # table look-up per character; the search stops once the text is ASCII (a constant-time
    # test: str.replace returns ASCII text when the last wider character is gone).
    at = 0
    while not text.isascii():
        mo = _TRANSLATED.search(text, at)
        if mo is None:
            break
        ch = mo.group()
        text = text.replace(ch, _REPLACE[ch])
        at = mo.start()
    if "-" in text:
        text = _JOIN.sub("", text)
    # Each white-space character one space (ASCII text: one bytes.translate), then each run
    # of spaces one space, none at the ends.
    if text.isascii():
        text = text.encode("ascii").translate(_ASCII_SPACE).decode("ascii")
    else:
        text = text.replace("\n", " ")
        if _OTHER_SPACE.search(text) is not None:
            text = _OTHER_SPACE.sub(" ", text)
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


def _boundary_ok(index: _Source, pos: int) -> bool:
    """No word continues across ``pos`` (a dropped hyphen counts as a boundary)."""
    s = index.text
    if pos <= 0 or pos >= len(s):
        return True
    return not (s[pos - 1].isalnum() and s[pos].isalnum()) or index.joined(pos)


def find(source_text: str, quote: str | Quote) -> Match:
    """Where ``quote`` stands in ``source_text``.

    A :class:`~argmap.model.Quote` with offsets disambiguates a passage that occurs
    several times: the occurrence at its offsets (or the only one overlapping them) is taken.

    >>> src = "He said: war is\\nnear. Later: war is near."
    >>> m = find(src, "war is near")
    >>> m.status.value, [(p.start, p.end) for p in m.places]
    ('ambiguous', [(9, 20), (29, 40)])
    >>> find(src, Quote("war is near", 29, 40)).span
    Span(start=29, end=40)
    >>> find(src, "peace").status.value
    'not found'
    """
    if isinstance(quote, Quote) and stands_at_offsets(source_text, quote):
        # The stated occurrence is the passage: no need to search the whole source (this
        # keeps checking linear in the size of the map), and repeats elsewhere do not matter.
        span = Span(quote.start or 0, quote.end or 0)
        return Match(MatchStatus.FOUND, (span,), span)
    text = quote.text if isinstance(quote, Quote) else quote
    needle = normalise(text)
    if not needle:
        return Match(MatchStatus.NOT_FOUND)
    index = _index(source_text)
    hay = index.text
    places: list[Span] = []
    pos = hay.find(needle)
    while pos >= 0:
        stop = pos + len(needle)
        if _boundary_ok(index, pos) and _boundary_ok(index, stop):
            places.append(Span(index.start(pos), index.start(stop - 1) + 1))
        pos = hay.find(needle, pos + 1)
    if not places:
        return Match(MatchStatus.NOT_FOUND)
    if len(places) == 1:
        return Match(MatchStatus.FOUND, tuple(places), places[0])
    if isinstance(quote, Quote) and quote.start is not None and quote.end is not None:
        stored = Span(quote.start, quote.end)
        if stored in places:
            return Match(MatchStatus.FOUND, tuple(places), stored)
        overlapping = [p for p in places if p.start < stored.end and stored.start < p.end]
        if len(overlapping) == 1:
            return Match(MatchStatus.FOUND, tuple(places), overlapping[0])
    return Match(MatchStatus.AMBIGUOUS, tuple(places))


def misplaced(source_text: str, statements: Iterable[Statement]) -> list[tuple[Statement, Quote]]:
    """The statements' quotes that do not stand at their offsets (no offsets, or
    :func:`stands_at_offsets` is false), in order.

    >>> from argmap.model import Role
    >>> s = Statement("S", "s", Role.CLAIM, (Quote("a b", 0, 3), Quote("b c", 0, 3), Quote("c")))
    >>> [q.text for _, q in misplaced("a\\nb c", [s])]
    ['b c', 'c']
    """
    # The common case, a passage that differs from the quote at most by line breaks where
    # the quote has spaces, is tested here without slicing the source or calling
    # stands_at_offsets (which then also holds): a line break normalises like a space, it
    # has the same length, and it is white space and not alphanumeric like a space.
    flat = source_text.replace("\n", " ")
    size = len(source_text)
    out: list[tuple[Statement, Quote]] = []
    for statement in statements:
        for quote in statement.quotes:
            start = quote.start
            end = quote.end
            text = quote.text
            if (
                start is not None
                and end is not None
                and end - start == len(text)
                and flat.startswith(text, start)
                and text.strip() == text
                and not (start and source_text[start - 1].isalnum() and text[0].isalnum())
                and not (end < size and source_text[end].isalnum() and text[-1].isalnum())
            ) or (start is not None and stands_at_offsets(source_text, quote)):
                continue
            out.append((statement, quote))
    return out


def stands_at_offsets(source_text: str, quote: Quote) -> bool:
    """The quote verifies at its offsets and no word runs on across either end (then
    :func:`find` anchors it there, whatever else the source holds)."""
    if not verify(source_text, quote):
        return False
    start, end = quote.start or 0, quote.end or 0
    before = start > 0 and source_text[start - 1].isalnum() and source_text[start].isalnum()
    after = end < len(source_text) and source_text[end].isalnum() and source_text[end - 1].isalnum()
    return not (before or after)


def verify(source_text: str, quote: Quote) -> bool:
    """Whether ``source_text[quote.start:quote.end]`` is the quote's passage.

    >>> verify("a hyphen-\\nated word", Quote("hyphenated word", 2, 19))
    True
    >>> verify("a hyphen-\\nated word", Quote("hyphenated word", 0, 19))
    False
    """
    if quote.start is None or quote.end is None or quote.end > len(source_text):
        return False
    passage = source_text[quote.start : quote.end]
    if passage != passage.strip():
        return False
    text = quote.text
    # A line break is white space like a space to normalise(): the common case of a passage
    # wrapped across lines needs no normalising.
    if passage.replace("\n", " ") == text:
        return True
    if (
        "-\n" in passage
        and passage.replace("-\n", "").replace("\n", " ") == text
        and (passage.isascii() or _TRANSLATED.search(passage) is None)
        and _KEPT_BREAK.search(passage) is None
    ):
        # Nothing to translate or drop (that is never ASCII), and words split at line ends
        # with a hyphen between two alphanumerics, which normalise() joins: it would find the
        # two equal.
        return True
    return normalise(passage) == normalise(text)
