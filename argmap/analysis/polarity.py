"""A polarity hint for a pair of statements: ``agree`` or ``conflict``, from surface cues.

A negation on one side only, or a pair of antonyms split across the two statements, is a
conflict cue. It is a hint for the analyst, not a verdict: similarity does not tell agreement
from disagreement.

>>> polarity("Baku has an independent course.", "Baku has no independent course.")
(<CorrespondenceType.CONFLICT: 'conflict'>, ('negation: "no" in one statement only',))
>>> polarity("Russia's influence will increase.", "Russia's influence will decrease.")
(<CorrespondenceType.CONFLICT: 'conflict'>, ('antonyms: "increase" / "decrease"',))
>>> polarity("Baku balances its partners.", "Azerbaijan balances the powers.")
(<CorrespondenceType.AGREE: 'agree'>, ())
"""

from __future__ import annotations

import re

from argmap.comparison import CorrespondenceType

__all__ = ["polarity"]

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "cannot",
        "can't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "won't",
        "wouldn't",
        "shouldn't",
        "couldn't",
        "hasn't",
        "haven't",
        "hadn't",
        "nor",
        "neither",
        "none",
        "nobody",
        "nothing",
        "without",
        "lack",
        "lacks",
        "lacked",
        "fail",
        "fails",
        "failed",
    ]
)
# Pairs of words of opposite sense that essays on policy use; matched on simple stems.
_ANTONYMS = (
    ("increase", "decrease"),
    ("rise", "fall"),
    ("grow", "shrink"),
    ("more", "less"),
    ("strong", "weak"),
    ("strengthen", "weaken"),
    ("independent", "dependent"),
    ("independence", "dependence"),
    ("support", "oppose"),
    ("accept", "reject"),
    ("agree", "disagree"),
    ("allow", "forbid"),
    ("benefit", "harm"),
    ("gain", "loss"),
    ("win", "lose"),
    ("success", "failure"),
    ("succeed", "fail"),
    ("good", "bad"),
    ("positive", "negative"),
    ("friend", "enemy"),
    ("ally", "rival"),
    ("cooperation", "confrontation"),
    ("peace", "war"),
    ("stable", "unstable"),
    ("legal", "illegal"),
    ("safe", "dangerous"),
    ("cheap", "expensive"),
    ("high", "low"),
    ("close", "distant"),
    ("pro", "anti"),
    ("rapprochement", "estrangement"),
    ("always", "never"),
    ("should", "shouldn't"),
)


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "ed", "ing", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_ANTONYM_STEMS = tuple((_stem(a), _stem(b), a, b) for a, b in _ANTONYMS)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def polarity(left: str, right: str) -> tuple[CorrespondenceType, tuple[str, ...]]:
    """A hint whether two statements agree or conflict, and the cues behind it.

    A negation in one statement only, or a pair of antonyms split across the two, is a
    conflict cue; with no cue the hint is ``agree``. Cues are surface evidence only.
    """
    words_l, words_r = _words(left), _words(right)
    cues: list[str] = []
    neg_l = [w for w in words_l if w in _NEGATIONS or w.endswith("n't")]
    neg_r = [w for w in words_r if w in _NEGATIONS or w.endswith("n't")]
    if bool(neg_l) != bool(neg_r):
        cues.append(f'negation: "{(neg_l or neg_r)[0]}" in one statement only')
    stems_l, stems_r = {_stem(w) for w in words_l}, {_stem(w) for w in words_r}
    for a, b, word_a, word_b in _ANTONYM_STEMS:
        if (a in stems_l and b in stems_r and b not in stems_l and a not in stems_r) or (
            b in stems_l and a in stems_r and a not in stems_l and b not in stems_r
        ):
            cues.append(f'antonyms: "{word_a}" / "{word_b}"')
    kind = CorrespondenceType.CONFLICT if cues else CorrespondenceType.AGREE
    return kind, tuple(cues)
