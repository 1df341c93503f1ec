"""Checks of a comparison file's own content: issues, positions and correspondences.

The comparison is read leniently (:func:`argmap.formats.comparison.from_document` with a
problems list), so that every broken issue, position and correspondence is reported at once,
and then checked for what the reader accepts but the conventions do not:

* ``issue-question`` (error): an issue heading (``{issue: ID}``) with no ``#issue`` question
  under it;
* ``no-issue`` (error): a correspondence that stands under no issue heading (it would lose
  its issue);
* ``correspondence-relations`` (error): a correspondence whose sides are written with other
  relation symbols than its type asks for (``+``/``+`` for ``#agree`` and ``#partial``,
  ``+``/``-`` for ``#conflict``);
* ``correspondence-side`` (error): a left side from a map included after the right side's;
* ``reported-side`` (warning): a side that is a view its author reports, when the rationale
  names neither the view's holder nor the word "report";
* ``bad-id`` (error): an issue id with a ``/`` or ``\\``, ``..``, NUL or another control
  character (issue ids name output files, as map ids do).
"""

from __future__ import annotations

import os
import re

from argmap.check.findings import Finding, _error, _warning
from argmap.comparison import Comparison, CorrespondenceType, Ref
from argmap.errors import ArgmapError, ConventionError
from argmap.formats import argdown
from argmap.formats import comparison as comparison_file
from argmap.model import Location, Stance, View
from argmap.text import bad_id_char

__all__ = ["check_comparison_text"]

#: The relation types each correspondence type asks for, left side then right side.
_EXPECTED = {
    CorrespondenceType.AGREE: ("support", "support"),
    CorrespondenceType.PARTIAL: ("support", "support"),
    CorrespondenceType.CONFLICT: ("support", "attack"),
}
_SYMBOL = {
    "support": "+",
    "entails": "+",
    "attack": "-",
    "contrary": "-",
    "undercut": "_",
    "contradictory": "><",
}
_STANCE = {
    Stance.ENDORSES: "endorses it",
    Stance.REJECTS: "rejects it",
    Stance.OPEN: "leaves it open",
}
#: Words of a holder too common to show that a rationale names the holder.
_COMMON = frozenset(
    ("some", "many", "other", "others", "certain", "several", "the", "of", "and", "a", "an")
)
_WORD = re.compile(r"\w+")


def check_comparison_text(text: str, path: str, reported: set[str]) -> list[Finding]:
    """Findings about a comparison file's issues, positions and correspondences.

    ``reported``: messages already reported about the file (an unknown statement found by
    the reference scan is not reported again by the reader)."""
    problems: list[ConventionError] = []
    try:
        doc = argdown.parse(text, path)
        c = comparison_file.from_document(doc, path, problems)
    except ArgmapError as exc:
        return [_error("comparison", exc.message, exc.location or Location(path))]
    here = Location(path)
    out = [
        _error("comparison", e.message, e.location or here)
        for e in problems
        if e.message not in reported
    ]
    out += _issue_ids(doc, c, path)
    out += _issue_headings(doc, path)
    out += _correspondences(doc, c, here)
    return out


def _issue_ids(doc: argdown.Document, c: Comparison, path: str) -> list[Finding]:
    """An error for each issue id that cannot name a file, at the heading that gives it
    (``{issue: ID}``), else at the issue's question."""
    heading = {
        str(s.data["issue"]): s.location
        for s in doc.sections
        if _own(s.location, path) and s.data and s.data.get("issue") is not None
    }
    out: list[Finding] = []
    for issue in c.issues:
        bad = bad_id_char(issue.id)
        if bad is not None:
            where = heading.get(issue.id) or issue.location or Location(path)
            out.append(
                _error(
                    "bad-id",
                    f"issue id {issue.id!r} contains {bad}; issue ids name output files: "
                    "use letters, digits and hyphens",
                    where,
                )
            )
    return out


def _own(location: Location | None, path: str) -> bool:
    return location is not None and os.path.normpath(location.path) == os.path.normpath(path)


def _issue_headings(doc: argdown.Document, path: str) -> list[Finding]:
    asked = {s.section for s in doc.statements if "issue" in s.tags and _own(s.location, path)}
    out: list[Finding] = []
    for s in doc.sections:
        if not _own(s.location, path) or not s.data or s.data.get("issue") is None:
            continue
        if s.id not in asked:
            out.append(
                _error(
                    "issue-question",
                    f"issue heading {s.title!r} {{issue: {s.data['issue']}}} has no question: "
                    "write the question under it as a statement tagged #issue, with the "
                    "positions in its data",
                    s.location or Location(path),
                )
            )
    return out


def _correspondences(doc: argdown.Document, c: Comparison, here: Location) -> list[Finding]:
    order = {m: i for i, m in enumerate(c.map_ids)}
    out: list[Finding] = []
    for x in c.correspondences:
        where = x.location or here
        tag = f"<{x.id}> (#{x.type.value})"
        if x.issue is None:
            out.append(
                _error(
                    "no-issue",
                    f"correspondence {tag} stands under no issue heading, so it belongs to "
                    "no issue: move it into the section of the issue it bears on (a heading "
                    "with {issue: ID})",
                    where,
                )
            )
        sides = [r for r in doc.relations if r.target == x.id and r.target_kind == "argument"]
        found = tuple(r.type for r in sides)
        expected = _EXPECTED[x.type]
        if len(found) == 2 and found != expected:
            want = " and ".join(_SYMBOL[t] for t in expected)
            got = " and ".join(_SYMBOL.get(t, t) for t in found)
            out.append(
                _error(
                    "correspondence-relations",
                    f"correspondence {tag} has its sides written with {got}: write the left "
                    f"side with {want.split(' and ')[0]} and the right side with "
                    f"{want.split(' and ')[1]}",
                    sides[0].location or where,
                )
            )
        if order[x.left.map_id] > order[x.right.map_id]:
            out.append(
                _error(
                    "correspondence-side",
                    f"correspondence {tag}: its left side [{x.left.statement_id}] is from "
                    f"{x.left.map_id} and its right side [{x.right.statement_id}] from "
                    f"{x.right.map_id}: put the statement of {x.right.map_id} first (sides "
                    "follow the order of the @include lines)",
                    where,
                )
            )
        for side, ref in (("left", x.left), ("right", x.right)):
            view = c.view(ref)
            if view is not None and not _says_reported(x.rationale, view):
                out.append(_reported_side(tag, side, ref, view, where))
    return out


def _says_reported(rationale: str, view: View) -> bool:
    """Whether a rationale says that a side is a reported view: it names the holder (one
    of the holder's own words will do) or speaks of a report."""
    text = rationale.casefold()
    if "report" in text or view.holder.casefold() in text:
        return True
    words = set(_WORD.findall(text))
    return any(w in words for w in _WORD.findall(view.holder.casefold()) if w not in _COMMON)


def _reported_side(tag: str, side: str, ref: Ref, view: View, where: Location) -> Finding:
    return _warning(
        "reported-side",
        f"correspondence {tag}: its {side} side [{ref.statement_id}] is a view {ref.map_id} "
        f"reports ({view.holder}; the author {_STANCE[view.stance]}), but the rationale "
        f"does not say so: name {view.holder} or say that the author reports the view",
        where,
    )
