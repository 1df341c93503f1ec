"""Pure string helpers shared by every layer: one slug rule for file names, clean text out.

* :func:`slug` turns an id into a file-name stem (the only rule argmap uses for that);
* :func:`clean` removes the invisible characters that can reorder or hide text (bidi
  controls, zero-width characters) from text that goes into an output;
* :func:`terminal` makes a string safe to print on a terminal (escape sequences shown, not
  sent);
* :func:`bad_id_char` finds what an id may not contain (path separators, ``..``, NUL,
  control characters).

>>> slug("V: Silent diplomacy"), slug("/tmp/x"), slug("a/../../x")
('v-silent-diplomacy', 'tmp-x', 'a-x')
>>> clean("safe\\u202egnp.exe\\u200b")
'safegnp.exe'
>>> terminal("T\\x1b[2JX")
'T\\\\x1b[2JX'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["INVISIBLE", "bad_id_char", "clean", "is_blank", "slug", "terminal"]

#: Characters removed from every output: bidirectional embedding, override and isolate
#: controls and marks, and zero-width characters (the byte order mark included).
INVISIBLE = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
    "\u200e\u200f\u061c"  # marks
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width
)
_INVISIBLE_TABLE = {ord(c): None for c in INVISIBLE}
_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")

#: The longest file-name stem :func:`slug` makes (file systems allow 255 bytes).
SLUG_MAX = 100


def clean(text: str) -> str:
    """``text`` without bidi controls and zero-width characters (see :data:`INVISIBLE`)."""
    if text.isascii() or _INVISIBLE_RE.search(text) is None:
        return text
    return text.translate(_INVISIBLE_TABLE)


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: empty once invisible and non-printing characters
    and white space are taken out (such a label must not reach Graphviz as ``<I></I>``).

    >>> is_blank("\\u200b \\ue000"), is_blank("x")
    (True, False)
    """
    return not any(c.isprintable() and not c.isspace() for c in clean(text))


def slug(text: str) -> str:
    """The file-name stem for an id: ASCII letters (accents dropped) and digits, lowercase,
    every other run of characters one ``-``, at most :data:`SLUG_MAX` characters. An id with
    no letter or digit gets ``id-`` and a short hash of itself, so the stem is never empty and
    never contains ``/``, ``.`` or anything a file system treats specially.

    >>> slug("Qarabağ\\u2013Baku"), slug("..."), slug("")
    ('qarabag-baku', 'id-ab5df625', 'id-e3b0c442')
    """
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn"
    )
    out = re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")[:SLUG_MAX].strip("-")
    if not out:
        return "id-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return out


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def terminal(text: str) -> str:
    """``text`` safe to print: control characters (escape sequences included) shown as
    ``\\xNN`` and invisible characters removed, tabs and line ends kept."""
    text = clean(text)
    if text.isprintable():
        return text
    return _CONTROL.sub(
        lambda mo: (
            mo.group()
            if mo.group() in "\n\t"
            else f"\\x{ord(mo.group()):02x}"
            if ord(mo.group()) < 0x100
            else f"\\u{ord(mo.group()):04x}"
        ),
        text,
    )


def bad_id_char(text: str) -> str | None:
    """What makes ``text`` unusable as an id that may become a file name: a ``/`` or ``\\``,
    ``..``, NUL or another control character; ``None`` when there is nothing.

    >>> bad_id_char("a/b"), bad_id_char("a..b"), bad_id_char("ok-1")
    ("'/'", "'..'", None)
    """
    for ch in text:
        if ch in "/\\":
            return repr(ch)
        if unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029\x85":
            return f"U+{ord(ch):04X}"
    if ".." in text:
        return "'..'"
    return None
