"""Build Graphviz DOT graphs of argument maps and comparisons (pure: no files, no processes).

Both builders return a :class:`graphviz.Digraph`; its ``source`` is byte-identical for
identical input. Every statement text goes through :func:`plain_label` or :func:`html_text`,
so no text can add nodes, close a bracket or inject markup.

>>> from argmap.model import MapBuilder, Role
>>> m = (
...     MapBuilder("demo", "Land tax")
...     .statement("T", 'Cities should "tax" <land>.', Role.THESIS, quote="tax land")
...     .statement("E", "Land values rose 40%.", Role.EVIDENCE, quote="rose 40%")
...     .support("E", "T")
...     .build()
... )
>>> g = map_graph(m, legend=False)
>>> print([line.strip() for line in g.source.splitlines() if "->" in line][0][:34])
s_e -> s_t [arrowhead=normal class
>>> print([line.strip() for line in g.source.splitlines() if "s_t [" in line][0][:42])
s_t [label="Cities should \\"tax\\" <land>."

"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Literal, TypeVar

import attrs
import graphviz  # type: ignore[import-untyped]

from argmap.compare import Comparison, CorrespondenceType, Issue, Ref
from argmap.errors import ArgmapError
from argmap.model import Argument, ArgumentMap, RelationType, Role, Section, Statement
from argmap.render.style import (
    DEFAULT_THEME,
    EDGE_DEFAULTS,
    NODE_DEFAULTS,
    EdgeStyle,
    NodeStyle,
    Theme,
    edge_attrs,
    node_attrs,
)

__all__ = [
    "ComparisonView",
    "Detail",
    "comparison_graph",
    "html_text",
    "map_graph",
    "plain_label",
    "slug",
    "wrap",
]

Detail = Literal["summary", "full", "quotes"]
ComparisonView = Literal["summary", "full"]

_T = TypeVar("_T")

_DETAILS = ("summary", "full", "quotes")
_VIEWS = ("summary", "full")


# -- text --------------------------------------------------------------------


def _clean(text: str) -> str:
    """One line of printable text: whitespace runs (newlines too) become one space."""
    line = " ".join(text.split())
    if line.isprintable():  # the common case: nothing to drop
        return line
    return "".join(ch for ch in line if ch.isprintable())


def wrap(text: str, width: int) -> list[str]:
    """``text`` on lines of at most ``width`` characters (long words are broken).

    >>> wrap("Baku pursues a pragmatic silent diplomacy.", 16)
    ['Baku pursues a', 'pragmatic silent', 'diplomacy.']
    >>> wrap("  ", 10)
    ['']
    """
    lines = textwrap.wrap(_clean(text), width, break_long_words=True, break_on_hyphens=True)
    return lines or [""]


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


class _Ids:
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


# -- shared pieces -----------------------------------------------------------


def _new_graph(
    name: str, css_class: str, title: Sequence[str], theme: Theme, *, columns: bool = False
) -> graphviz.Digraph:
    """An empty graph with the title on top.

    Maps are drawn bottom-to-top with ``newrank`` (so ``rank=same`` works inside section
    clusters); comparisons (``columns=True``) left-to-right without ``newrank`` and without
    any ``rank=same`` across clusters, a combination that makes ``dot`` fail ("trouble in
    init_rank", "triangulation failed").
    """
    g = graphviz.Digraph(name=name)
    layout = {"rankdir": "LR", "ranksep": "0.35"} if columns else {"rankdir": "BT"}
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
            "ranksep": layout.get("ranksep", f"{theme.ranksep:g}"),
            "splines": theme.splines,
            "bgcolor": theme.background,
            "outputorder": "edgesfirst",
            "pad": "0.3",
        },
    )
    g.attr("node", fontname=theme.fontname, fontsize=f"{theme.fontsize:g}", **NODE_DEFAULTS)
    g.attr("edge", fontname=theme.fontname, fontsize=f"{theme.small_fontsize:g}", **EDGE_DEFAULTS)
    return g


def _statement_label(s: Statement, detail: Detail, theme: Theme) -> str:
    text = s.text if s.text.strip() else s.id
    if detail == "summary":
        return plain_label(wrap(text, theme.wrap))
    small = f'<FONT POINT-SIZE="{theme.small_fontsize:g}">'
    parts = [f"<B>{html_text(s.id)}</B>"]
    parts.extend(html_text(line) for line in wrap(text, theme.wrap))
    if s.citation:
        cited = "<BR/>".join(html_text(x) for x in wrap(s.citation, theme.wrap + 6))
        parts.append(small + "<I>" + cited + "</I></FONT>")
    if detail == "quotes":
        for q in s.quotes:
            quoted = wrap(f"\u201c{q.text}\u201d", theme.wrap + 6)
            parts.append(small + "<I>" + "<BR/>".join(html_text(x) for x in quoted) + "</I></FONT>")
    return "<" + "<BR/>".join(parts) + ">"


def _tooltip(s: Statement) -> str:
    lines = [f"{s.id} ({s.role.value})", s.text]
    lines.extend(f"\u201c{q.text}\u201d" for q in s.quotes)
    if s.citation:
        lines.append(s.citation)
    if s.note:
        lines.append(f"Note: {s.note}")
    return plain_label(lines)


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
    attrs_ = {"id": ident, "class": css, **node_attrs(theme.role(s.role), theme)}
    attrs_["tooltip"] = _tooltip(s)
    if "focus" in extra_class.split():
        attrs_["penwidth"] = "4"
    g.node(ident, _statement_label(s, detail, theme), _attributes=attrs_)


def _add_argument(
    g: graphviz.Digraph, ident: str, a: Argument, detail: Detail, theme: Theme
) -> None:
    lines = wrap(a.id, theme.wrap)
    if detail != "summary" and a.text.strip():
        lines += wrap(a.text, theme.wrap)
    attrs_ = {"id": ident, "class": "argument", **node_attrs(theme.argument, theme)}
    attrs_["tooltip"] = plain_label([a.id, a.text, *([a.inference] if a.inference else [])])
    g.node(ident, plain_label(lines), _attributes=attrs_)


def _edge(
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


class _Counter:
    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._n = 0

    def __call__(self) -> str:
        self._n += 1
        return f"{self._prefix}{self._n}"


def _add_body(
    g: graphviz.Digraph,
    m: ArgumentMap,
    node_id: _Ids,
    edge_id: _Counter,
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
) -> tuple[set[Role], set[RelationType], bool]:
    """Add ``m``'s statements, arguments and relations (those in ``keep``, or all) to ``g``.

    With ``constrain=False`` the relations do not take part in ranking (``constraint=false``)
    and nothing is staggered or tied to the thesis: the caller places the nodes.
    Returns the roles and relation types drawn, and whether any argument was drawn.
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

    def nonempty(sec: Section) -> bool:
        return (
            any(x.section == sec.id for x in statements)
            or any(x.section == sec.id for x in arguments)
            or any(nonempty(c) for c in children.get(sec.id, []))
        )

    def cluster(container: graphviz.Digraph, sec: Section) -> None:
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
            for child in children.get(sec.id, []):
                if nonempty(child):
                    cluster(sub, child)

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
    lift = _tiers(
        drawn, statements, arguments, edges, lengths, theses, known if sections else set()
    )
    for (tail, head, css, style), minlen in zip(edges, lengths, strict=True):
        extra: dict[str, str] = {} if constrain else {"constraint": "false"}
        minlen += lift.get((tail, head), 0) if constrain else 0
        if constrain and minlen > 1:
            extra["minlen"] = str(minlen)
        _edge(g, tail, head, edge_id(), css, style, theme, **extra)

    # The thesis above everything: every node with nothing above it gets an invisible edge
    # up to the thesis (rank=max is not honoured together with newrank).
    if constrain and len(theses) == 1:
        for ident in drawn.values():
            if ident not in tails and ident != theses[0]:
                extra = {"style": "invis", "weight": "0"}
                if lift.get((ident, theses[0])):
                    extra["minlen"] = str(1 + lift[(ident, theses[0])])
                g.edge(ident, theses[0], _attributes=extra)
    return roles, rels, bool(arguments)


#: Maps with more statements than this, in three or more sections, are drawn in two tiers.
TIER_THRESHOLD = 24


def _tiers(
    drawn: dict[str, str],
    statements: Sequence[Statement],
    arguments: Sequence[Argument],
    edges: Sequence[tuple[str, str, str, EdgeStyle]],
    lengths: Sequence[int],
    theses: Sequence[str],
    sections: set[str],
) -> dict[tuple[str, str], int]:
    """Extra ``minlen`` per edge that drops the later half of the top-level sections to a
    second tier, below the deepest rank of the first half, so a big map is not one row of
    side-by-side sections (about twice as tall, half as wide). Empty for small maps.
    """
    if len(theses) != 1 or len(statements) <= TIER_THRESHOLD:
        return {}
    section_of = {drawn[s.id]: s.section for s in statements if s.id in drawn}
    section_of.update({drawn[a.id]: a.section for a in arguments if a.id in drawn})
    order = [sec for sec in dict.fromkeys(s.section for s in statements) if sec in sections]
    if len(order) < 3:
        return {}
    lower = set(order[(len(order) + 1) // 2 :])
    # the rank below the thesis each node would get (longest path up to the thesis)
    up: dict[str, list[tuple[str, int]]] = {}
    for (tail, head, _, _), n in zip(edges, lengths, strict=True):
        up.setdefault(tail, []).append((head, n))
    depth: dict[str, int] = {}

    def rank(node: str, seen: frozenset[str]) -> int:
        if node in depth:
            return depth[node]
        best = 1 if node != theses[0] else 0
        for head, n in up.get(node, []):
            if head not in seen:
                best = max(best, rank(head, seen | {node}) + n)
        depth[node] = best
        return best

    top = max(
        (rank(n, frozenset()) for n, sec in section_of.items() if sec not in lower),
        default=0,
    )
    lift: dict[tuple[str, str], int] = {}
    for tail, head, _, _ in edges:
        if section_of.get(tail) in lower and section_of.get(head) not in lower:
            lift[(tail, head)] = max(0, top - rank(head, frozenset()))
    for node, sec in section_of.items():
        if sec in lower and node not in up:
            lift[(node, theses[0])] = top
    return lift


def _legend_cluster(theme: Theme, *, labelloc: str) -> dict[str, str]:
    """The attributes of a legend's cluster (maps put the title below, comparisons above)."""
    return {
        "id": "cluster_legend",
        "class": "legend",
        "label": "Legend",
        "labeljust": "l",
        "labelloc": labelloc,
        "style": "rounded,filled",
        "color": theme.cluster_color,
        "fillcolor": "#FFFFFF",
        "fontname": theme.fontname,
        "fontsize": f"{theme.small_fontsize:g}",
    }


def _legend(
    g: graphviz.Digraph,
    theme: Theme,
    *,
    roles: Iterable[Role] = (),
    relations: Iterable[RelationType] = (),
    arguments: bool = False,
) -> None:
    """A map's legend cluster: one sample node per role, one sample edge per relation kind."""
    nodes: list[tuple[str, str, NodeStyle]] = [
        (f"role-{r.value}", r.value, theme.role(r)) for r in Role if r in set(roles)
    ]
    if arguments:
        nodes.append(("argument", "argument", theme.argument))
    edges: list[tuple[str, str, EdgeStyle]] = [
        (f"rel-{t.value}", t.value, theme.relation(t)) for t in RelationType if t in set(relations)
    ]
    if arguments:
        edges.append(("premise", "premise", theme.premise))
    if not nodes and not edges:
        return
    with g.subgraph(name="cluster_legend") as sub:
        sub.attr("graph", _attributes=_legend_cluster(theme, labelloc="b"))
        # rows of at most three samples: the nodes on top, then the edges (each drawn left
        # to right as a flat edge within its row); invisible edges stack the rows
        rows: list[list[str]] = []
        for chunk in _chunks(nodes, 3):
            row_ids: list[str] = []
            with sub.subgraph() as row:
                row.attr("graph", rank="same")
                for css, name, nstyle in chunk:
                    ident = f"legend_{slug(css)}"
                    node = {
                        "id": ident,
                        "class": f"legend legend-{css}",
                        **node_attrs(nstyle, theme),
                        "fontsize": f"{theme.small_fontsize:g}",
                    }
                    row.node(ident, name, _attributes=node)
                    row_ids.append(ident)
                for left, right in itertools.pairwise(row_ids):
                    row.edge(left, right, _attributes={"style": "invis"})
            rows.append(row_ids)
        common = {"class": "legend", "shape": "plaintext", "fontsize": f"{theme.small_fontsize:g}"}
        for echunk in _chunks(edges, 3):
            row_ids = []
            with sub.subgraph() as row:
                row.attr("graph", rank="same")
                for css, name, estyle in echunk:
                    tail = f"legend_{slug(css)}_from"
                    head = f"legend_{slug(css)}_to"
                    row.node(tail, name, _attributes=common)
                    row.node(head, "", _attributes={**common, "width": "0.3", "height": "0.1"})
                    attrs_ = {"class": f"legend legend-{css}", **edge_attrs(estyle, theme)}
                    attrs_["minlen"] = "2"
                    row.edge(tail, head, _attributes=attrs_)
                    row_ids += [tail, head]
                for left, right in itertools.pairwise(row_ids):
                    if left.endswith("_to"):
                        row.edge(left, right, _attributes={"style": "invis"})
            rows.append(row_ids)
        for upper, lower in itertools.pairwise(rows):
            sub.edge(lower[0], upper[0], _attributes={"style": "invis"})


def _chunks(items: Sequence[_T], size: int) -> list[Sequence[_T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _map_heading(m: ArgumentMap) -> str:
    """``Author (Year): Title`` for a map, from its source where known."""
    src = m.source
    title = (src.title if src and src.title else "") or m.title or m.id
    author = (src.attributed_author or src.author) if src else ""
    year = f" ({src.year})" if src and src.year else ""
    if author:
        return f"{author}{year}: {title}"
    return f"{title}{year}"


def _check_choice(value: str, allowed: Sequence[str], what: str) -> None:
    if value not in allowed:
        raise ArgmapError(f"unknown {what} {value!r}; expected one of: {', '.join(allowed)}")


# -- one map -----------------------------------------------------------------


def map_graph(
    m: ArgumentMap,
    *,
    detail: Detail = "summary",
    focus: str | None = None,
    depth: int = 1,
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
    ``focus`` (a statement or argument id) draws only the nodes within ``depth`` steps.
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
    _check_choice(detail, _DETAILS, "detail")
    if depth < 0:
        raise ArgmapError(f"focus depth must be >= 0, got {depth}", m.location)
    shown = m
    if focus is not None:
        if not m.has_node(focus):
            raise ArgmapError(f"no statement or argument {focus!r} in map {m.id!r}", m.location)
        shown = m.submap(focus, depth)
    title = [_map_heading(m)]
    if focus is not None:
        title.append(f"around {focus} (depth {depth})")
    g = _new_graph(f"argmap_{slug(m.id)}", "argmap", title, theme)
    node_id = _Ids("s_")
    roles, rels, has_args = _add_body(
        g,
        shown,
        node_id,
        _Counter("e_"),
        keep=None,
        detail=detail,
        sections=sections,
        theme=theme,
        focus=focus,
        stagger=stagger,
    )
    if legend:
        _legend(g, theme, roles=roles, relations=rels, arguments=has_args)
    return g


# -- comparisons -------------------------------------------------------------


@attrs.frozen
class _Selection:
    """What a comparison view draws: per map the statement ids, and the issues."""

    keep: tuple[tuple[str, frozenset[str] | None], ...]
    issue_ids: tuple[str, ...]
    correspondence_ids: tuple[int, ...]


def _select(c: Comparison, view: ComparisonView, issue: str | None) -> _Selection:
    if issue is not None:
        try:
            issues: tuple[Issue, ...] = (c.issue(issue),)
        except KeyError:
            raise ArgmapError(f"no issue {issue!r} in comparison {c.id!r}", c.location) from None
        corr = tuple(i for i, x in enumerate(c.correspondences) if x.issue == issue)
    else:
        issues = c.issues
        corr = tuple(range(len(c.correspondences)))
    refs: set[Ref] = set()
    for i in corr:
        refs.update(c.correspondences[i].refs())
    keep: list[tuple[str, frozenset[str] | None]] = []
    for m in c.maps:
        if view == "full" and issue is None:
            keep.append((m.id, None))
            continue
        ids = {r.statement_id for r in refs if r.map_id == m.id}
        ids.update(s.id for s in m.by_role(Role.THESIS))
        keep.append((m.id, frozenset(ids)))
    return _Selection(tuple(keep), tuple(i.id for i in issues), corr)


def _corr_label(kind: CorrespondenceType, ident: str, width: int) -> list[str]:
    """``agree`` and the correspondence's id, without a repeated ``Agree:`` prefix."""
    head, sep, rest = ident.partition(":")
    text = rest if sep and head.strip().lower() == kind.value else ident
    return [kind.value.upper(), *wrap(text, width)]


class _Columns:
    """Pins nodes to columns (ranks of an LR layout) and rows with a chain of hidden anchors.

    Every pinned node sits between the anchors of the columns before and after it, joined by
    invisible zero-weight edges; no ``rank=same`` is needed, so clusters stay legal for dot.
    The anchors order their out-edges (``ordering=out``), so each column lists its nodes top
    to bottom in the order of their keys.
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self._pins: list[tuple[int, tuple[int, ...], int, str]] = []

    @staticmethod
    def anchor(rank: int) -> str:
        return f"col_{rank}"

    def pin(self, ident: str, rank: int, key: tuple[int, ...] = (), *, tied: bool = False) -> None:
        """Put ``ident`` in column ``rank``; ``tied`` nodes are held there by visible edges."""
        self._pins.append((rank, key, len(self._pins), "" if tied else ident))

    def emit(self, g: graphviz.Digraph) -> None:
        hidden = {
            "style": "invis",
            "shape": "point",
            "width": "0",
            "height": "0",
            "label": "",
            "ordering": "out",
        }
        for r in range(self.count):
            g.node(self.anchor(r), _attributes=hidden)
        for r in range(self.count - 1):
            g.edge(self.anchor(r), self.anchor(r + 1), _attributes={"style": "invis"})
        invisible = {"style": "invis", "weight": "0"}
        for rank, _key, _n, ident in sorted(self._pins):
            if not ident:
                continue
            if rank > 0:
                g.edge(self.anchor(rank - 1), ident, _attributes=invisible)
            if rank < self.count - 1:
                g.edge(ident, self.anchor(rank + 1), _attributes=invisible)


def _legend_columns(
    g: graphviz.Digraph,
    theme: Theme,
    rank: int,
    columns: _Columns,
    *,
    roles: Iterable[Role],
    relations: Iterable[RelationType],
    arguments: bool,
    correspondences: Iterable[CorrespondenceType],
) -> None:
    """The legend of a comparison: a column of sample nodes and sample edges, far right."""
    nodes: list[tuple[str, str, NodeStyle]] = [
        (f"role-{r.value}", r.value, theme.role(r)) for r in Role if r in set(roles)
    ]
    if arguments:
        nodes.append(("argument", "argument", theme.argument))
    kinds = [t for t in CorrespondenceType if t in set(correspondences)]
    nodes.extend((f"corr-{t.value}", t.value, theme.correspondence_node(t)) for t in kinds)
    edges: list[tuple[str, str, EdgeStyle]] = [
        (f"rel-{t.value}", t.value, theme.relation(t)) for t in RelationType if t in set(relations)
    ]
    if arguments and relations:
        edges.append(("premise", "premise", theme.premise))
    edges.extend((f"corr-edge-{t.value}", t.value, _corr_edge_style(theme, t)) for t in kinds)
    if not nodes and not edges:
        return
    small = f"{theme.small_fontsize:g}"
    with g.subgraph(name="cluster_legend") as sub:
        sub.attr("graph", _attributes=_legend_cluster(theme, labelloc="t"))
        # The samples run left to right in rows as wide as the drawing's columns (a tall
        # column of samples would push the maps down), chained by invisible edges.
        samples: list[list[str]] = []
        for css, name, nstyle in nodes:
            ident = f"legend_{slug(css)}"
            attrs_ = {
                "id": ident,
                "class": f"legend legend-{css}",
                **node_attrs(nstyle, theme),
                "fontsize": small,
            }
            sub.node(ident, name, _attributes=attrs_)
            samples.append([ident])
        common = {"class": "legend", "shape": "plaintext", "fontsize": small}
        for css, name, estyle in edges:
            tail = f"legend_{slug(css)}_from"
            head = f"legend_{slug(css)}_to"
            sub.node(tail, name, _attributes=common)
            sub.node(head, "", _attributes={**common, "width": "0.3", "height": "0.1"})
            sub.edge(
                tail,
                head,
                _attributes={"class": f"legend legend-{css}", **edge_attrs(estyle, theme)},
            )
            samples.append([tail, head])
        per_row = max(2, columns.count - 1)
        used = 0
        previous: str | None = None
        for sample in samples:
            if used + len(sample) > per_row:
                used, previous = 0, None
            if previous is not None:
                sub.edge(previous, sample[0], _attributes={"style": "invis"})
            used += len(sample)
            previous = sample[-1]


def _corr_edge_style(theme: Theme, kind: CorrespondenceType) -> EdgeStyle:
    """A correspondence's half edge: its colour, line style and width, no arrowheads."""
    style = theme.correspondence(kind)
    return attrs.evolve(style, arrowhead="none", arrowtail="none", dir="none", label="")


def comparison_graph(
    c: Comparison,
    *,
    view: ComparisonView = "summary",
    issue: str | None = None,
    detail: Detail = "summary",
    legend: bool = True,
    theme: Theme = DEFAULT_THEME,
) -> graphviz.Digraph:
    """The maps of ``c`` as columns, left to right, with the correspondences between them.

    The drawing reads like a table: each map is a cluster in its own column (the maps in the
    comparison's order), and between two neighbouring columns one small cluster per issue
    (labelled with its question) holds one node per correspondence ("AGREE", "PARTIAL" or
    "CONFLICT" and its id, styled by type in colour, shape and outline) joined by two short
    edges to the statement on each side. A correspondence between maps that are not
    neighbours sits right of its left map and reaches across with an edge that does not
    shape the layout. Correspondences without an issue go in an "Other correspondences"
    cluster. Positions are not drawn (the report's table lists them).

    ``view="summary"`` draws each map's thesis and the statements that take part in a
    correspondence; ``"full"`` every statement and in-map relation, the statements without
    a correspondence in two further columns on the outer side of their map. ``issue``
    restricts the drawing to one issue and its correspondences (with each map's thesis).

    >>> from argmap.compare import Correspondence
    >>> from argmap.model import MapBuilder, Role
    >>> a = MapBuilder("a").statement("A: t", "Tax land.", Role.THESIS).build()
    >>> b = MapBuilder("b").statement("B: t", "Do not.", Role.THESIS).build()
    >>> k = Correspondence("k", Ref("a", "A: t"), Ref("b", "B: t"), CorrespondenceType.CONFLICT)
    >>> g = comparison_graph(Comparison("ab", "A vs B", (a, b), correspondences=(k,)))
    >>> 'class="corr corr-conflict"' in g.source
    True
    """
    _check_choice(view, _VIEWS, "view")
    _check_choice(detail, _DETAILS, "detail")
    sel = _select(c, view, issue)
    title = [c.title or c.id, *(_map_heading(m) for m in c.maps)]
    if issue is not None:
        title.append(f"issue: {c.issue(issue).question}")
    g = _new_graph(f"comparison_{slug(c.id)}", "comparison", title, theme, columns=True)
    full = view == "full" and issue is None
    node_id = _Ids("")
    edge_id = _Counter("e_")
    roles: set[Role] = set()
    rels: set[RelationType] = set()
    has_args = False
    keep = dict(sel.keep)
    order = {m.id: n for n, m in enumerate(c.maps)}

    # Columns: map n spans `width` ranks from base(n); the gap after it holds the nodes of
    # the correspondences whose left statement is in map n. In the full view a map's
    # statements without a correspondence go on the outer ranks.
    width = 3 if full else 1

    def base(n: int) -> int:
        return n * (width + 1)

    last = len(c.maps) - 1
    columns = _Columns(base(last) + width + 2)

    # Each correspondence oriented in map order, grouped by (gap, issue), in display order.
    groups: dict[tuple[int, str | None], list[tuple[int, Ref, Ref]]] = {}
    for i in sel.correspondence_ids:
        k = c.correspondences[i]
        left, right = k.left, k.right
        if left.map_id not in order or right.map_id not in order:
            continue
        if order[left.map_id] > order[right.map_id]:
            left, right = right, left
        groups.setdefault((order[left.map_id], k.issue), []).append((i, left, right))
    issue_order = {iid: n for n, iid in enumerate(sel.issue_ids)}
    for question in sel.issue_ids:  # an issue without correspondences still gets a cluster
        if not any(key[1] == question for key in groups):
            groups[(0, question)] = []

    def cluster_key(key: tuple[int, str | None]) -> tuple[int, int]:
        return (key[0], issue_order.get(key[1] or "", len(issue_order)))

    clusters = sorted(groups, key=cluster_key)
    oriented = [item for key in clusters for item in groups[key]]
    row = {i: n for n, (i, _, _) in enumerate(oriented)}
    linked_left: dict[Ref, int] = {}  # statement -> first row of a correspondence to its right
    linked_right: dict[Ref, int] = {}  # statement -> first row of one to its left
    adjacent_right: set[Ref] = set()  # the right end of a correspondence between neighbours
    for i, left, right in oriented:
        linked_left.setdefault(left, row[i])
        linked_right.setdefault(right, row[i])
        if order[right.map_id] == order[left.map_id] + 1:
            adjacent_right.add(right)

    def place(m: ArgumentMap, ref: Ref, thesis: bool, nth: int) -> tuple[int, tuple[int, ...]]:
        """The column and the row key of a node of map ``m``; ``nth`` counts unlinked ones."""
        n = order[m.id]
        if ref in linked_right or ref in linked_left:
            first = min(linked_right.get(ref, len(row)), linked_left.get(ref, len(row)))
            inner = base(n) if ref in linked_right or n == 0 else base(n) + width - 1
            if n == 0 and ref in linked_left:
                inner = base(n) + width - 1
            return inner, (0 if thesis else 1, first)
        if width == 1:
            return base(n), (0 if thesis else 2, nth)
        outer = [base(n) + d for d in (range(width - 1) if n == 0 else range(1, width))]
        if thesis:
            return outer[-1] if n == 0 else outer[0], (0, nth)
        return outer[nth % len(outer)], (2, nth)

    for m in c.maps:
        name = "cluster_map_" + slug(m.id)
        # theses first, so that they are drawn first (on top) in their column
        shown = attrs.evolve(
            m, statements=sorted(m.statements, key=lambda s: s.role is not Role.THESIS)
        )
        with g.subgraph(name=name) as sub:
            sub.attr(
                "graph",
                _attributes={
                    "id": name,
                    "class": "cluster-map",
                    "label": plain_label(wrap(_map_heading(m), 44)),
                    "labelloc": "t",
                    "style": "rounded,filled",
                    "color": theme.cluster_color,
                    "fillcolor": theme.cluster_fill,
                    "fontname": theme.fontname,
                    "fontsize": f"{theme.cluster_fontsize:g}",
                    "penwidth": "1.5",
                },
            )
            r, t, a = _add_body(
                sub,
                shown,
                node_id,
                edge_id,
                keep=keep[m.id],
                detail=detail,
                sections=False,
                theme=theme,
                key=(m.id,),
                constrain=False,
                relations=full,
            )
            roles.update(r)
            rels.update(t)
            has_args = has_args or a
        nth = 0
        for s in shown.statements:
            ident = node_id.get(m.id, s.id)
            if ident is not None:
                nth += 1
                ref = Ref(m.id, s.id)
                rank, key = place(m, ref, s.role is Role.THESIS, nth)
                # in the summary, linked statements are held in place by their correspondences
                tied = width == 1 and (
                    (order[m.id] == 0 and ref in linked_left) or ref in adjacent_right
                )
                columns.pin(ident, rank, key, tied=tied)
        for arg in m.arguments:
            ident = node_id.get(m.id, "arg", arg.id)
            if ident is not None:
                nth += 1
                columns.pin(ident, *place(m, Ref("", ""), False, nth))

    kinds: set[CorrespondenceType] = set()
    small = f"{theme.small_fontsize:g}"
    for number, (gap, iid) in enumerate(clusters):
        rank = base(gap) + width
        if iid is not None and iid in issue_order:
            iss = c.issue(iid)
            label = wrap(iss.question, 34)
            silent = [m.id for m in c.maps if not iss.position(m.id).addressed]
            if silent:
                label += wrap("not addressed: " + ", ".join(silent), 40)
            name = f"cluster_issue_{node_id('issue', iid)}_{gap}"
        else:
            label = ["Other correspondences"]
            name = f"cluster_issue_other_{gap}"
        with g.subgraph(name=name) as sub:
            sub.attr(
                "graph",
                _attributes={
                    "id": name,
                    "class": "cluster-issue issue",
                    "label": plain_label(label),
                    "labelloc": "t",
                    "style": "rounded,filled",
                    "color": theme.issue.color,
                    "fillcolor": theme.issue.fillcolor,
                    "fontname": theme.fontname,
                    "fontsize": small,
                },
            )
            if not groups[(gap, iid)]:
                ident = f"{node_id('issue', iid or '')}_empty"
                note = {
                    "id": ident,
                    "class": "issue-empty",
                    "shape": "plaintext",
                    "fontsize": small,
                }
                sub.node(ident, "no correspondence", _attributes=note)
                columns.pin(ident, rank, (-1, number))
            for i, _left, _right in groups[(gap, iid)]:
                k = c.correspondences[i]
                kinds.add(k.type)
                attrs_ = {
                    "id": _corr_id(k.id, i),
                    "class": f"corr corr-{k.type.value}",
                    **node_attrs(theme.correspondence_node(k.type), theme),
                    "fontsize": small,
                    "tooltip": plain_label([f"{k.type.value}: {k.id}", k.rationale]),
                }
                label_ = plain_label(_corr_label(k.type, k.id, 26))
                sub.node(_corr_id(k.id, i), label_, _attributes=attrs_)
                adjacent = order[_right.map_id] == order[_left.map_id] + 1
                columns.pin(_corr_id(k.id, i), rank, (row[i],), tied=adjacent and width == 1)

    for i, left, right in oriented:
        k = c.correspondences[i]
        estyle = _corr_edge_style(theme, k.type)
        css = f"corr-edge corr-edge-{k.type.value}"
        tip = {"tooltip": plain_label([f"{k.type.value}: {k.id}"])}
        tail = node_id.get(left.map_id, left.statement_id)
        head = node_id.get(right.map_id, right.statement_id)
        adjacent = order[right.map_id] == order[left.map_id] + 1
        if tail is not None:
            _edge(g, tail, _corr_id(k.id, i), edge_id(), css, estyle, theme, weight="4", **tip)
        if head is not None:
            extra = {"weight": "4"} if adjacent else {"constraint": "false"}
            _edge(g, _corr_id(k.id, i), head, edge_id(), css, estyle, theme, **extra, **tip)

    if legend:
        _legend_columns(
            g,
            theme,
            base(last) + width,
            columns,
            roles=roles,
            relations=rels,
            arguments=has_args,
            correspondences=kinds,
        )
    columns.emit(g)
    return g


def _corr_id(ident: str, index: int) -> str:
    return f"c_{slug(ident)}_{index + 1}"
