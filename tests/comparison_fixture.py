"""A small two-author comparison built in Python, shared by the report and build tests."""

from __future__ import annotations

from argmap.compare import Comparison, Correspondence, CorrespondenceType, Issue, Position, Ref
from argmap.model import MapBuilder, Quote, Role, Source

__all__ = ["HOSTILE", "small_comparison"]

HOSTILE = "<script>alert('x')</script> a | b & c `tick`"


def small_comparison(hostile: str = "") -> Comparison:
    """Two maps, two issues (one left unaddressed by the second author), three correspondences.

    ``hostile`` is appended to a thesis text, a quote, an answer and a rationale, so escaping
    can be checked in every part of the report.
    """
    suffix = f" {hostile}" if hostile else ""
    a = (
        MapBuilder(
            "alpha-2011",
            "Alpha essay",
            Source("alpha.txt", title="Land and Tax", author="Ann Alpha", year=2011),
        )
        .section("one", "One")
        .statement(
            "A: Tax land",
            "Cities should tax land." + suffix,
            Role.THESIS,
            quote=Quote("we must tax land" + suffix, 10, 26 + len(suffix)),
        )
        .statement("A: Values rose", "Land values rose 40%.", Role.EVIDENCE, quote="rose 40%")
        .statement("A: Rents fall", "Rents will fall.", Role.CLAIM, quote="rents will fall")
        .statement("A: Only alpha", "Parks pay for themselves.", Role.CLAIM, quote="parks pay")
        .support("A: Values rose", "A: Tax land")
        .support("A: Rents fall", "A: Tax land")
        .build()
    )
    b = (
        MapBuilder(
            "beta-2010",
            "Beta essay",
            Source("beta.txt", title="Against Land Tax", attributed_author="Bo Beta", year=2010),
        )
        .statement("B: No tax", "Cities should not tax land.", Role.THESIS, quote="no tax on land")
        .statement("B: Rents fall", "Rents may fall a little.", Role.CLAIM, quote="may fall")
        .statement("B: Owners", "Owners pay already.", Role.COUNTERCLAIM, quote="pay already")
        .statement("B: Only beta", "Roads matter more.", Role.CLAIM, quote="roads matter")
        .attack("B: Owners", "B: No tax")
        .build()
    )
    issues = (
        Issue(
            "tax",
            "Should cities tax land?",
            (
                Position("alpha-2011", (Ref("alpha-2011", "A: Tax land"),), "Yes" + suffix),
                Position("beta-2010", (Ref("beta-2010", "B: No tax"),), "No"),
            ),
            title="Land tax",
        ),
        Issue(
            "parks",
            "Do parks pay for themselves?",
            (Position("alpha-2011", (Ref("alpha-2011", "A: Only alpha"),), "Yes"),),
            title="Parks",
        ),
    )
    correspondences = (
        Correspondence(
            "Conflict: tax",
            Ref("alpha-2011", "A: Tax land"),
            Ref("beta-2010", "B: No tax"),
            CorrespondenceType.CONFLICT,
            "One says tax, the other says no." + suffix,
            issue="tax",
        ),
        Correspondence(
            "Partial: rents",
            # Written right-to-left on purpose: the report turns it to map order.
            Ref("beta-2010", "B: Rents fall"),
            Ref("alpha-2011", "A: Rents fall"),
            CorrespondenceType.PARTIAL,
            "Both expect rents to fall, by different amounts.",
            issue="tax",
        ),
        Correspondence(
            "Agree: values",
            Ref("alpha-2011", "A: Values rose"),
            Ref("beta-2010", "B: Owners"),
            CorrespondenceType.AGREE,
            "Both note owners gained.",
        ),
    )
    return Comparison("alpha-beta", "Alpha and Beta compared", (a, b), issues, correspondences)
