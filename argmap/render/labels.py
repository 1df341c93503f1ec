"""Text in drawings: one line of clean text, wrapping, the two DOT escapers, ids and labels.

Every statement text goes through :func:`plain_label` (DOT escString) or :func:`html_text`
(DOT HTML-like labels), so no text can add nodes, close a bracket or inject markup.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Literal

import graphviz  # type: ignore[import-untyped]

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Stance, Statement
from argmap.render.style import Theme
from argmap.text import is_blank

__all__ = [
    "ComparisonView",
    "Detail",
    "html_text",
    "plain_label",
    "slug",
    "wrap",
]

Detail = Literal["summary", "full", "quotes"]
ComparisonView = Literal["summary", "full"]

DETAILS = ("summary", "full", "quotes")
VIEWS = ("summary", "full")


def _clean(text: str) -> str:
    """One line of printable text: whitespace runs (newlines too) become one space."""
    line = " ".join(text.split())
    if line.isprintable():  # the common case: nothing to drop
        return line
    return "".join(ch for ch in line if ch.isprintable())


class _Wrapper(textwrap.TextWrapper):
    """:class:`textwrap.TextWrapper` with its line filling rewritten to take linear time.

    The standard filling cuts a word longer than a line by slicing the rest of the word off
    again for every line, so a word of n characters costs n²/width. Here the word is cut at
    offsets, each character copied once; the lines are the standard ones (the same hyphen
    rule for long words, whitespace dropped at line ends). Splitting into chunks is the
    standard's (one regular-expression pass).
    """

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        width = self.width
        lines: list[str] = []
        i = 0  # the next chunk
        cut = 0  # how much of chunk i earlier lines took (a long word being cut)
        while i < len(chunks):
            line: list[str] = []
            size = 0
            if lines and cut == 0 and chunks[i].strip() == "":
                i += 1  # a line does not start with the space the previous one ended at
                continue
            while i < len(chunks):
                rest = len(chunks[i]) - cut
                if size + rest > width:
                    break
                line.append(chunks[i][cut:] if cut else chunks[i])
                size += rest
                i, cut = i + 1, 0
            if i < len(chunks) and len(chunks[i]) - cut > width:
                # a word longer than a line: as much as fits, or up to a hyphen in it
                room = width - size  # may be 0: the line is full, the word starts the next
                word = chunks[i]
                end = cut + room
                hyphen = word.rfind("-", cut, end)
                if hyphen > cut and word[cut:hyphen].strip("-"):
                    end = hyphen + 1
                line.append(word[cut:end])
                size += end - cut
                cut = end
            if line and line[-1].strip() == "":
                size -= len(line.pop())
            if line:
                lines.append("".join(line))
        return lines


def wrap(text: str, width: int) -> list[str]:
    """``text`` on lines of at most ``width`` characters (long words are broken).

    The lines are those of :func:`textwrap.wrap`, in time linear in the text's length, so a
    label of any length is drawn whole (no cut).

    >>> wrap("Baku pursues a pragmatic silent diplomacy.", 16)
    ['Baku pursues a', 'pragmatic silent', 'diplomacy.']
    >>> wrap("  ", 10)
    ['']
    >>> wrap("see abcdefghijklmnopq", 8)
    ['see abcd', 'efghijkl', 'mnopq']
    """
    return list(_wrapped(text, width))


@functools.lru_cache(maxsize=4096)
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    """:func:`wrap`, remembered: a build wraps each statement once per drawing it is in."""
    wrapper = _Wrapper(width, break_long_words=True, break_on_hyphens=True)
    return tuple(wrapper.wrap(_clean(text))) or ("",)


def plain_label(lines: Iterable[str]) -> str:
    r"""A DOT escString of ``lines`` joined by ``\n``, never read as DOT HTML.

    Backslashes are doubled (so ``\N`` or ``\l`` in a text stay literal), ``&`` becomes
    ``&amp;`` (Graphviz decodes entities even in plain labels and tooltips), and the result
    is a :func:`graphviz.nohtml` string, so ``<b>x</b>`` is drawn as it is written.

    >>> s = plain_label(["a\\b &lt;", "<b>x</b>"])
    >>> print(s)
    a\\b &amp;lt;\n<b>x</b>
    >>> print(graphviz.quoting.quote(s))
    "a\\b &amp;lt;\n<b>x</b>"
    """
    joined = "\\n".join(_clean(line).replace("\\", "\\\\").replace("&", "&amp;") for line in lines)
    result: str = graphviz.nohtml(joined)
    return result


def html_text(text: str) -> str:
    r"""Text made safe inside a DOT HTML-like label.

    Markup characters become entities; backslashes are doubled, because Graphviz expands
    ``\N`` and its kin even inside HTML-like labels.

    >>> html_text('<b>x</b> & "y"')
    '&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;'
    >>> print(html_text(r"a\N"))
    a\\N
    """
    return html.escape(_clean(text), quote=True).replace("\\", "\\\\")


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A DOT-safe identifier fragment: lowercase letters, digits and ``_``.

    >>> slug("V: Silent diplomacy")
    'v_silent_diplomacy'
    >>> slug("«»")
    'x'
    """
    return _SLUG.sub("_", text.lower()).strip("_") or "x"


class Ids:
    """Node ids derived from names: a slug, made unique with a digest of the name."""

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._by_key: dict[tuple[str, ...], str] = {}
        self._used: set[str] = set()

    def __call__(self, *key: str) -> str:
        if key in self._by_key:
            return self._by_key[key]
        base = self._prefix + "__".join(slug(k) for k in key)
        ident = base
        if ident in self._used:
            digest = hashlib.sha256("\x00".join(key).encode("utf-8")).hexdigest()
            ident = f"{base}_{digest[:10]}"
        self._used.add(ident)
        self._by_key[key] = ident
        return ident

    def get(self, *key: str) -> str | None:
        return self._by_key.get(key)


class Counter:
    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._n = 0

    def __call__(self) -> str:
        self._n += 1
        return f"{self._prefix}{self._n}"


_STANCES = {Stance.ENDORSES: "endorsed", Stance.REJECTS: "rejected", Stance.OPEN: "left open"}


def voice(s: Statement) -> str | None:
    """Whose statement it is when not the author's own: ``reported: Mammadov (rejected)``
    for a reported view, ``aside`` for background the author gives; ``None`` otherwise.

    >>> from argmap.model import Role, Stance, View
    >>> voice(Statement("X", "x", Role.CLAIM, view=View("Nevruz Mammadov", Stance.REJECTS)))
    'reported: Nevruz Mammadov (rejected)'
    """
    if s.view is not None:
        return f"reported: {s.view.holder} ({_STANCES[s.view.stance]})"
    if s.aside is not None:
        return "aside"
    return None


def statement_label(s: Statement, detail: Detail, theme: Theme) -> str:
    text = s.text if s.text.strip() else s.id
    whose = voice(s)
    if detail == "summary":
        return plain_label([*(wrap(whose, theme.wrap) if whose else []), *wrap(text, theme.wrap)])
    small = f'<FONT POINT-SIZE="{theme.small_fontsize:g}">'
    parts = [f"<B>{html_text(s.id)}</B>"]
    if whose:
        parts.insert(
            0, "<I>" + "<BR/>".join(html_text(x) for x in wrap(whose, theme.wrap)) + "</I>"
        )
    parts.extend(html_text(line) for line in wrap(text, theme.wrap))
    if s.citation and not is_blank(s.citation):  # an empty <I></I> breaks Graphviz
        cited = "<BR/>".join(html_text(x) for x in wrap(s.citation, theme.wrap + 6))
        parts.append(small + "<I>" + cited + "</I></FONT>")
    if detail == "quotes":
        for q in s.quotes:
            quoted = wrap(f"\u201c{q.text}\u201d", theme.wrap + 6)
            parts.append(small + "<I>" + "<BR/>".join(html_text(x) for x in quoted) + "</I></FONT>")
    return "<" + "<BR/>".join(parts) + ">"


def tooltip(s: Statement) -> str:
    lines = [f"{s.id} ({s.role.value})", *([voice(s) or ""] if voice(s) else []), s.text]
    if s.aside:
        lines.append(f"Aside: {s.aside}")
    lines.extend(f"\u201c{q.text}\u201d" for q in s.quotes)
    if s.citation:
        lines.append(s.citation)
    if s.note:
        lines.append(f"Note: {s.note}")
    return plain_label(lines)


def map_heading(m: ArgumentMap) -> str:
    """``Author (Year): Title`` for a map, from its source where known."""
    src = m.source
    title = (src.title if src and src.title else "") or m.title or m.id
    author = (src.attributed_author or src.author) if src else ""
    year = f" ({src.year})" if src and src.year else ""
    if author:
        return f"{author}{year}: {title}"
    return f"{title}{year}"


def check_choice(value: str, allowed: Sequence[str], what: str) -> None:
    if value not in allowed:
        raise ArgmapError(f"unknown {what} {value!r}; expected one of: {', '.join(allowed)}")
