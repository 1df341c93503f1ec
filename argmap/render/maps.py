"""The DOT graph of one argument map: statements, arguments and relations, thesis on top."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap.errors import ArgmapError
from argmap.model import Argument, ArgumentMap, RelationType, Role, Section, Statement
from argmap.render.digraph import Digraph
from argmap.render.labels import (
    DETAILS,
    Counter,
    Detail,
    Ids,
    check_choice,
    map_heading,
    plain_label,
    slug,
    statement_label,
    tooltip,
    wrap,
)
from argmap.render.legend import map_legend, voice_style
from argmap.render.style import (
    DEFAULT_THEME,
    EDGE_DEFAULTS,
    NODE_DEFAULTS,
    EdgeStyle,
    Theme,
    edge_attrs,
    node_attrs,
)

__all__ = ["TIER_THRESHOLD", "add_body", "map_graph", "new_graph"]


def new_graph(
    name: str,
    css_class: str,
    title: Sequence[str],
    theme: Theme,
    *,
    columns: bool = False,
    ranksep: str | None = None,
) -> graphviz.Digraph:
    """An empty graph with the title on top.

    Maps are drawn bottom-to-top with ``newrank`` (so ``rank=same`` works inside section
    clusters); comparisons (``columns=True``) left-to-right without ``newrank`` and without
    any ``rank=same`` across clusters, a combination that makes ``dot`` fail ("trouble in
    init_rank", "triangulation failed").
    """
    g = Digraph(name=name)
    # maps: network simplex may search more edges per step when placing nodes across
    # (searchsize, default 30): the tiers of a big map then line up instead of one of them
    # standing off to the side (valiyev-2011: 1,914 pt wide instead of 2,222), at no cost
    layout = (
        {"rankdir": "LR", "ranksep": "0.35"} if columns else {"rankdir": "BT", "searchsize": "100"}
    )
    g.attr(
        "graph",
        _attributes={
            "class": css_class,
            "label": plain_label(title),
            "labelloc": "t",
            "fontname": theme.fontname,
            "fontsize": f"{theme.title_fontsize:g}",
            "rankdir": layout["rankdir"],
            "newrank": "true",
            "nodesep": f"{theme.nodesep:g}",
            "ranksep": ranksep or layout.get("ranksep", f"{theme.ranksep:g}"),
            **({"searchsize": layout["searchsize"]} if "searchsize" in layout else {}),
            "splines": theme.splines,
            "bgcolor": theme.background,
            "outputorder": "edgesfirst",
            "pad": "0.3",
        },
    )
    g.attr("node", fontname=theme.fontname, fontsize=f"{theme.fontsize:g}", **NODE_DEFAULTS)
    g.attr("edge", fontname=theme.fontname, fontsize=f"{theme.small_fontsize:g}", **EDGE_DEFAULTS)
    return g


def _add_statement(
    g: graphviz.Digraph,
    ident: str,
    s: Statement,
    detail: Detail,
    theme: Theme,
    *,
    extra_class: str = "",
) -> None:
    css = f"statement role-{s.role.value}" + (f" {extra_class}" if extra_class else "")
    attrs_ = {"id": ident, "class": css, **node_attrs(voice_style(theme.role(s.role), s), theme)}
    if s.view is not None:
        attrs_["class"] += " reported"
    elif s.aside is not None:
        attrs_["class"] += " aside"
    attrs_["tooltip"] = tooltip(s)
    if "focus" in extra_class.split():
        attrs_["penwidth"] = "4"
    g.node(ident, statement_label(s, detail, theme), _attributes=attrs_)


def _add_argument(
    g: graphviz.Digraph, ident: str, a: Argument, detail: Detail, theme: Theme
) -> None:
    lines = wrap(a.id, theme.wrap)
    if detail != "summary" and a.text.strip():
        lines += wrap(a.text, theme.wrap)
    attrs_ = {"id": ident, "class": "argument", **node_attrs(theme.argument, theme)}
    attrs_["tooltip"] = plain_label([a.id, a.text, *([a.inference] if a.inference else [])])
    g.node(ident, plain_label(lines), _attributes=attrs_)


def edge(
    g: graphviz.Digraph,
    tail: str,
    head: str,
    ident: str,
    css: str,
    style: EdgeStyle,
    theme: Theme,
    **extra: str,
) -> None:
    attrs_ = {"id": ident, "class": css, **edge_attrs(style, theme), **extra}
    g.edge(tail, head, _attributes=attrs_)


def add_body(
    g: graphviz.Digraph,
    m: ArgumentMap,
    node_id: Ids,
    edge_id: Counter,
    *,
    keep: frozenset[str] | None,
    detail: Detail,
    sections: bool,
    theme: Theme,
    key: tuple[str, ...] = (),
    focus: str | None = None,
    stagger: int = 3,
    constrain: bool = True,
    relations: bool = True,
    lowest: list[str] | None = None,
) -> tuple[set[Role], set[RelationType], bool]:
    """Add ``m``'s statements, arguments and relations (those in ``keep``, or all) to ``g``.

    With ``constrain=False`` the relations do not take part in ranking (``constraint=false``)
    and nothing is staggered or tied to the thesis: the caller places the nodes.
    Returns the roles and relation types drawn, and whether any argument was drawn;
    ``lowest`` receives the ids of the nodes of the last tier (of a map drawn in tiers).
    """
    statements = [s for s in m.statements if keep is None or s.id in keep]
    arguments = [a for a in m.arguments if keep is None or a.id in keep]
    drawn: dict[str, str] = {}
    roles: set[Role] = set()
    rels: set[RelationType] = set()

    def place(container: graphviz.Digraph, section: str | None) -> None:
        for s in statements:
            if s.section == section or (section is None and s.section not in known):
                ident = node_id(*key, s.id)
                extra = "focus" if s.id == focus else ""
                _add_statement(container, ident, s, detail, theme, extra_class=extra)
                drawn[s.id] = ident
                roles.add(s.role)
        for a in arguments:
            if a.section == section or (section is None and a.section not in known):
                ident = node_id(*key, "arg", a.id)
                _add_argument(container, ident, a, detail, theme)
                drawn[a.id] = ident

    known = {sec.id for sec in m.sections} if sections else set()
    children: dict[str | None, list[Section]] = {}
    for sec in m.sections:
        parent = sec.parent if sec.parent in known else None
        children.setdefault(parent, []).append(sec)

    # A section id reused by one of its own subsections would make the nesting a cycle; such
    # a child is drawn at most once per path, so the walks below always end.
    def nonempty(sec: Section, path: frozenset[str] = frozenset()) -> bool:
        return (
            any(x.section == sec.id for x in statements)
            or any(x.section == sec.id for x in arguments)
            or any(
                nonempty(c, path | {sec.id})
                for c in children.get(sec.id, [])
                if c.id not in path and c.id != sec.id
            )
        )

    def cluster(
        container: graphviz.Digraph, sec: Section, path: frozenset[str] = frozenset()
    ) -> None:
        name = "cluster_" + node_id(*key, "section", sec.id)
        with container.subgraph(name=name) as sub:
            sub.attr(
                "graph",
                _attributes={
                    "id": name,
                    "class": "cluster-section",
                    "label": plain_label(wrap(sec.title, 48)),
                    "labeljust": "l",
                    "labelloc": "b",
                    "style": "rounded,dashed",
                    "color": theme.cluster_color,
                    "fontname": theme.fontname,
                    "fontsize": f"{theme.small_fontsize:g}",
                },
            )
            place(sub, sec.id)
            inner = path | {sec.id}
            for child in children.get(sec.id, []):
                if child.id not in inner and nonempty(child, inner):
                    cluster(sub, child, inner)

    place(g, None)
    if sections:
        for sec in children.get(None, []):
            if nonempty(sec):
                cluster(g, sec)

    edges: list[tuple[str, str, str, EdgeStyle]] = []
    for r in m.relations if relations else ():
        if r.source in drawn and r.target in drawn:
            css = f"rel rel-{r.type.value}"
            edges.append((drawn[r.source], drawn[r.target], css, theme.relation(r.type)))
            rels.add(r.type)
    for a in arguments if relations else ():
        if a.id not in drawn:
            continue
        for p in a.premises:
            if p in drawn:
                edges.append((drawn[p], drawn[a.id], "premise", theme.premise))
        if a.conclusion is not None and a.conclusion in drawn:
            edges.append((drawn[a.id], drawn[a.conclusion], "inference", theme.support))
            rels.add(RelationType.SUPPORT)

    # Leaves hanging off one node go on 1..stagger ranks below it in turn (as Graphviz's
    # `unflatten -l` does), so a claim with ten pieces of evidence is not ten boxes wide.
    heads = {head for _, head, _, _ in edges}
    tails = {tail for tail, _, _, _ in edges}
    theses = [drawn[s.id] for s in statements if s.role is Role.THESIS]
    fan: dict[str, int] = {}
    lengths: list[int] = []
    for tail, _head, _css, _style in edges:
        minlen = 1
        if constrain and stagger > 1 and tail not in heads:
            k = fan.get(_head, 0)
            fan[_head] = k + 1
            minlen = 1 + k % stagger
        lengths.append(minlen)
    top_of: dict[str, str] = {}
    for sec in m.sections:
        parent = top_of.get(sec.parent) if sec.parent is not None else None
        top_of[sec.id] = parent or sec.id
    tier = _tiers(drawn, statements, arguments, theses, top_of if sections else {})
    name_of = {ident: node for node, ident in drawn.items()}
    section_of_node = {drawn[x.id]: x.section for x in statements if x.id in drawn}
    section_of_node.update({drawn[x.id]: x.section for x in arguments if x.id in drawn})
    for (tail, head, css, style), minlen in zip(edges, lengths, strict=True):
        extra: dict[str, str] = {} if constrain else {"constraint": "false"}
        if constrain and tier.get(tail, 0) != tier.get(head, 0):
            # Between tiers the relation ends at a connector beside its source that names
            # its target, instead of an edge across the tiers in between.
            connector = f"{tail}__to__{head}"
            home = top_of.get(section_of_node.get(tail) or "")
            holder = g.subgraph(name="cluster_" + node_id(*key, "section", home)) if home else g
            with holder as box:
                box.node(
                    connector,
                    plain_label(wrap(f"to [{name_of[head]}]", theme.wrap)),
                    _attributes={
                        "id": connector,
                        "class": "connector",
                        "shape": "plaintext",
                        "fontsize": f"{theme.small_fontsize:g}",
                        "fontcolor": style.color,
                        "margin": "0.02",
                        "tooltip": plain_label([f"{css.split()[-1]} to {name_of[head]}"]),
                    },
                )
            edge(g, tail, connector, edge_id(), css + " connector", style, theme)
            continue
        if constrain and minlen > 1:
            extra["minlen"] = str(minlen)
        edge(g, tail, head, edge_id(), css, style, theme, **extra)

    # The thesis above everything: every node of the first tier with nothing above it gets
    # an invisible edge up to the thesis (rank=max is not honoured together with newrank).
    # Each later tier hangs below the one before it from a hidden anchor between them.
    if constrain and len(theses) == 1:
        count = max(tier.values(), default=0)
        for ident in drawn.values():
            if ident != theses[0] and tier.get(ident, 0) == 0 and ident not in tails:
                g.edge(ident, theses[0], _attributes={"style": "invis", "weight": "0"})
        hidden = {"style": "invis", "shape": "point", "width": "0", "height": "0", "label": ""}
        for t in range(1, count + 1):
            anchor = f"tier_{t}"
            g.node(anchor, _attributes=hidden)
            for ident in drawn.values():
                if tier.get(ident, 0) == t:
                    g.edge(ident, anchor, _attributes={"style": "invis", "weight": "0"})
                elif tier.get(ident, 0) == t - 1 or (t == 1 and ident == theses[0]):
                    g.edge(anchor, ident, _attributes={"style": "invis", "weight": "0"})
        if lowest is not None and count:
            lowest.extend(i for i in drawn.values() if tier.get(i, 0) == count)
    return roles, rels, bool(arguments)


#: Maps with more statements than this, in three or more sections, are drawn in tiers.
TIER_THRESHOLD = 24

#: At most this many statements and arguments in one tier of sections.
TIER_SIZE = 10


def _tiers(
    drawn: dict[str, str],
    statements: Sequence[Statement],
    arguments: Sequence[Argument],
    theses: Sequence[str],
    top_of: dict[str, str],
) -> dict[str, int]:
    """The tier of each drawn node: the top-level sections of a big map stacked in tiers,
    one below the other, so the map is not one row of side-by-side sections. Consecutive
    sections share a tier while it holds at most :data:`TIER_SIZE` nodes; the thesis's
    section is the first. Empty (one tier) for small maps.
    """
    if len(theses) != 1 or len(statements) <= TIER_THRESHOLD:
        return {}
    placed = [(s.id, s.section) for s in statements] + [(a.id, a.section) for a in arguments]
    section_of = {drawn[i]: top_of.get(sec or "") for i, sec in placed if i in drawn}
    order = [sec for sec in dict.fromkeys(section_of.values()) if sec is not None]
    if len(order) < 3:
        return {}
    first = section_of.get(theses[0])
    order.sort(key=lambda sec: sec != first)
    size = {sec: sum(1 for x in section_of.values() if x == sec) for sec in order}
    tier_of: dict[str | None, int] = {}
    tier, used = 0, 0
    for sec in order:
        if used and used + size[sec] > TIER_SIZE:
            tier, used = tier + 1, 0
        tier_of[sec] = tier
        used += size[sec]
    return {node: tier_of.get(sec, 0) for node, sec in section_of.items()}


def map_graph(
    m: ArgumentMap,
    *,
    detail: Detail = "summary",
    focus: str | None = None,
    depth: int = 1,
    section: str | None = None,
    sections: bool = True,
    legend: bool = True,
    stagger: int = 3,
    theme: Theme = DEFAULT_THEME,
) -> graphviz.Digraph:
    """The argument map ``m`` as a DOT graph, its thesis at the top.

    Relations are drawn source → target with ``rankdir=BT``, so support arrows point up to
    what they support and the map reads top-down from the thesis. ``detail`` chooses the
    labels: ``"summary"`` the wrapped statement text, ``"full"`` the title in bold and the
    text, ``"quotes"`` those and the author's quotes (quotes are always in the tooltip).
    ``focus`` (a statement or argument id) draws only the nodes within ``depth`` steps;
    ``section`` (a section id) only the nodes of that section and its subsections, for
    per-section figures of a big map.
    Sections become clusters unless ``sections=False``. Leaves that hang off one node are
    spread over ``stagger`` ranks so that wide fans do not make the drawing very wide
    (``stagger=1`` puts them all on one rank).

    >>> from argmap.model import MapBuilder, Role
    >>> m = MapBuilder("m").statement("T", "t", Role.THESIS).statement("C", "c").build()
    >>> map_graph(m).name
    'argmap_m'
    >>> map_graph(m, focus="nope")
    Traceback (most recent call last):
    ...
    argmap.errors.ArgmapError: no statement or argument 'nope' in map 'm'
    """
    check_choice(detail, DETAILS, "detail")
    if depth < 0:
        raise ArgmapError(f"focus depth must be >= 0, got {depth}", m.location)
    shown = m
    if focus is not None:
        if not m.has_node(focus):
            raise ArgmapError(f"no statement or argument {focus!r} in map {m.id!r}", m.location)
        shown = m.submap(focus, depth)
    if section is not None:
        shown = _section_map(shown, section)
    title = [map_heading(m)]
    if focus is not None:
        title.append(f"around {focus} (depth {depth})")
    if section is not None:
        title.append(next(x.title for x in m.sections if x.id == section))
    g = new_graph(f"argmap_{slug(m.id)}", "argmap", title, theme)
    node_id = Ids("s_")
    lowest: list[str] = []
    roles, rels, has_args = add_body(
        g,
        shown,
        node_id,
        Counter("e_"),
        keep=None,
        detail=detail,
        sections=sections,
        theme=theme,
        focus=focus,
        stagger=stagger,
        lowest=lowest,
    )
    top = None
    if legend:
        top = map_legend(
            g,
            theme,
            roles=roles,
            relations=rels,
            arguments=has_args,
            reported=any(s.view is not None for s in shown.statements),
            asides=any(s.aside is not None for s in shown.statements),
        )
    if top is not None:
        # A map drawn in tiers has its legend below the last tier, on ranks of its own:
        # ranks it shared with the map would be as tall as the map's tallest statement on
        # them (a legend of 469 x 844 pt), and beside the last tier it made the map wider.
        for ident in lowest:
            g.edge(top, ident, _attributes={"style": "invis", "weight": "0"})
    return g


def _section_map(m: ArgumentMap, section: str) -> ArgumentMap:
    """The nodes of ``section`` and its subsections, with the relations between them."""
    if not any(x.id == section for x in m.sections):
        known = ", ".join(x.id for x in m.sections) or "none"
        raise ArgmapError(f"no section {section!r} in map {m.id!r} (sections: {known})", m.location)
    inside = {section}
    for x in m.sections:  # sections come parents first
        if x.parent in inside:
            inside.add(x.id)
    statements = [x for x in m.statements if x.section in inside]
    arguments = [x for x in m.arguments if x.section in inside]
    kept = {x.id for x in statements} | {x.id for x in arguments}
    return attrs.evolve(
        m,
        statements=statements,
        arguments=arguments,
        relations=[r for r in m.relations if r.source in kept and r.target in kept],
    )
