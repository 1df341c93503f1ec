"""All DOT styling in one place: palette, node and edge styles, fonts, the replaceable Theme.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common forms of
colour blindness; every distinction drawn in colour is drawn a second way too (shape for
roles, line style and arrowhead for relations and correspondences), so a map printed in grey
still reads.

A :class:`Theme` is a frozen attrs value: replace parts of it with :func:`attrs.evolve`.

>>> import attrs
>>> dark = attrs.evolve(DEFAULT_THEME, fontname="Courier", fontsize=13.0)
>>> dark.role(Role.THESIS).shape
'box'
>>> dark.relation(RelationType.ATTACK).style
'dashed'
>>> node_attrs(dark.role(Role.EVIDENCE), dark)["shape"]
'note'
"""

from __future__ import annotations

import attrs

from argmap.compare import CorrespondenceType
from argmap.model import RelationType, Role

__all__ = [
    "DEFAULT_THEME",
    "EDGE_DEFAULTS",
    "NODE_DEFAULTS",
    "OKABE_ITO",
    "EdgeStyle",
    "NodeStyle",
    "Palette",
    "Theme",
    "edge_attrs",
    "node_attrs",
]


@attrs.frozen
class Palette:
    """The eight Okabe-Ito colours, by name."""

    black: str = "#000000"
    orange: str = "#E69F00"
    sky_blue: str = "#56B4E9"
    bluish_green: str = "#009E73"
    yellow: str = "#F0E442"
    blue: str = "#0072B2"
    vermillion: str = "#D55E00"
    reddish_purple: str = "#CC79A7"


OKABE_ITO = Palette()


@attrs.frozen
class NodeStyle:
    """How one kind of node is drawn: outline colour, fill, shape and Graphviz style flags."""

    shape: str
    color: str
    fillcolor: str
    style: str = "filled"
    penwidth: float = 1.5
    peripheries: int = 1
    fontcolor: str = "#000000"
    margin: str = "0.14,0.08"


@attrs.frozen
class EdgeStyle:
    """How one kind of edge is drawn: colour, line style, arrowheads and an optional label."""

    color: str
    style: str = "solid"
    arrowhead: str = "normal"
    arrowtail: str = "none"
    dir: str = "forward"
    penwidth: float = 1.5
    label: str = ""
    fontcolor: str = "#000000"


@attrs.frozen
class Theme:
    """Every style a drawing uses; replace fields with :func:`attrs.evolve` to restyle."""

    fontname: str = "Helvetica"
    fontsize: float = 12.0
    title_fontsize: float = 18.0
    cluster_fontsize: float = 14.0
    small_fontsize: float = 11.0
    wrap: int = 28
    nodesep: float = 0.3
    ranksep: float = 0.45
    splines: str = "spline"
    background: str = "#FFFFFF"
    cluster_color: str = "#888888"
    cluster_fill: str = "#F7F7F7"
    # roles
    thesis: NodeStyle = NodeStyle(
        "box", OKABE_ITO.blue, "#CCE3F0", "filled,bold", penwidth=2.5, peripheries=2
    )
    claim: NodeStyle = NodeStyle("box", OKABE_ITO.sky_blue, "#DDF0FB", "filled,rounded")
    evidence: NodeStyle = NodeStyle("note", OKABE_ITO.bluish_green, "#CCECE3")
    counterclaim: NodeStyle = NodeStyle(
        "octagon", OKABE_ITO.vermillion, "#F7DFCC", "filled", penwidth=2.0
    )
    argument: NodeStyle = NodeStyle(
        "hexagon", OKABE_ITO.reddish_purple, "#F5E4ED", "filled", margin="0.05,0.04"
    )
    issue: NodeStyle = NodeStyle("box", "#8A7D00", "#FBF8D2", "filled,diagonals", penwidth=2.0)
    # relations inside one map (source -> target, as Argdown gives them)
    support: EdgeStyle = EdgeStyle(OKABE_ITO.bluish_green, "solid", "normal")
    attack: EdgeStyle = EdgeStyle(OKABE_ITO.vermillion, "dashed", "tee", penwidth=1.8)
    undercut: EdgeStyle = EdgeStyle(OKABE_ITO.reddish_purple, "dotted", "teetee", penwidth=2.0)
    contradiction: EdgeStyle = EdgeStyle(
        OKABE_ITO.black, "bold", "normal", "normal", dir="both", penwidth=2.5
    )
    premise: EdgeStyle = EdgeStyle("#666666", "solid", "empty", penwidth=1.0)
    # correspondences between maps; the labels make them readable without colour
    agree: EdgeStyle = EdgeStyle(
        OKABE_ITO.bluish_green, "solid", "none", dir="none", penwidth=2.5, label="agree"
    )
    partial: EdgeStyle = EdgeStyle(
        OKABE_ITO.orange, "dashed", "none", dir="none", penwidth=2.5, label="partial"
    )
    conflict: EdgeStyle = EdgeStyle(
        OKABE_ITO.vermillion, "bold", "tee", "tee", dir="both", penwidth=3.0, label="conflict"
    )
    position: EdgeStyle = EdgeStyle("#8A7D00", "solid", "vee", penwidth=0.8)
    # correspondence nodes in a comparison: the type in colour, outline style and shape
    agree_node: NodeStyle = NodeStyle(
        "box", OKABE_ITO.bluish_green, "#CCECE3", "filled,rounded", penwidth=2.0, margin="0.1,0.05"
    )
    partial_node: NodeStyle = NodeStyle(
        "box", OKABE_ITO.orange, "#FBECCC", "filled,rounded,dashed", penwidth=2.0, margin="0.1,0.05"
    )
    conflict_node: NodeStyle = NodeStyle(
        "octagon", OKABE_ITO.vermillion, "#F7DFCC", "filled,bold", penwidth=2.5, margin="0.06,0.04"
    )

    def role(self, role: Role) -> NodeStyle:
        """The node style of a statement role."""
        styles = {
            Role.THESIS: self.thesis,
            Role.CLAIM: self.claim,
            Role.EVIDENCE: self.evidence,
            Role.COUNTERCLAIM: self.counterclaim,
        }
        return styles[role]

    def relation(self, kind: RelationType) -> EdgeStyle:
        """The edge style of an in-map relation type."""
        styles = {
            RelationType.SUPPORT: self.support,
            RelationType.ATTACK: self.attack,
            RelationType.UNDERCUT: self.undercut,
            RelationType.CONTRADICTION: self.contradiction,
        }
        return styles[kind]

    def correspondence(self, kind: CorrespondenceType) -> EdgeStyle:
        """The edge style of a correspondence type."""
        styles = {
            CorrespondenceType.AGREE: self.agree,
            CorrespondenceType.PARTIAL: self.partial,
            CorrespondenceType.CONFLICT: self.conflict,
        }
        return styles[kind]

    def correspondence_node(self, kind: CorrespondenceType) -> NodeStyle:
        """The node style of a correspondence drawn as a node between two maps."""
        styles = {
            CorrespondenceType.AGREE: self.agree_node,
            CorrespondenceType.PARTIAL: self.partial_node,
            CorrespondenceType.CONFLICT: self.conflict_node,
        }
        return styles[kind]


DEFAULT_THEME = Theme()


def _num(value: float) -> str:
    return f"{value:g}"


#: Attribute values most nodes share: the graph's node defaults, so nodes leave them out.
# (Not ``peripheries``: a default of 1 would draw a frame round plaintext nodes.)
NODE_DEFAULTS: dict[str, str] = {
    "penwidth": "1.5",
    "fontcolor": "#000000",
    "margin": "0.14,0.08",
}

#: Attribute values most edges share: the graph's edge defaults.
EDGE_DEFAULTS: dict[str, str] = {"arrowtail": "none", "dir": "forward", "penwidth": "1.5"}


def _without_defaults(values: dict[str, str], defaults: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in values.items() if defaults.get(k) != v}


def node_attrs(style: NodeStyle, theme: Theme) -> dict[str, str]:
    """DOT attributes for a node drawn in ``style`` (fixed key order, so DOT is stable).

    The font and the values in :data:`NODE_DEFAULTS` come from the graph's node defaults
    (set once), not from each node, which keeps large maps' DOT small and quick to write.
    """
    return _without_defaults(
        {
            "shape": style.shape,
            "style": style.style,
            "color": style.color,
            "fillcolor": style.fillcolor,
            "penwidth": _num(style.penwidth),
            "peripheries": str(style.peripheries),
            "fontcolor": style.fontcolor,
            "margin": style.margin,
        },
        NODE_DEFAULTS,
    )


def edge_attrs(style: EdgeStyle, theme: Theme) -> dict[str, str]:
    """DOT attributes for an edge drawn in ``style`` (fixed key order, so DOT is stable);
    the values in :data:`EDGE_DEFAULTS` come from the graph's edge defaults."""
    return _without_defaults(
        {
            "color": style.color,
            "style": style.style,
            "arrowhead": style.arrowhead,
            "arrowtail": style.arrowtail,
            "dir": style.dir,
            "penwidth": _num(style.penwidth),
            "fontcolor": style.fontcolor,
        },
        EDGE_DEFAULTS,
    )
