"""Check argument maps: quotes anchored in their sources, references, thesis, ids, cycles.

:func:`check_paths` reads Argdown files and folders and returns a :class:`Report` of
:class:`Finding` objects, each with a severity, a short code, a message and the location it
points at. A file that does not parse becomes one ``syntax`` finding and checking goes on.

>>> from argmap.model import MapBuilder, Role
>>> m = (MapBuilder("demo").statement("T", "t", Role.THESIS, quote="q")
...      .statement("C", "c", Role.CLAIM).support("C", "T").support("T", "C").build())
>>> for f in check_structure(m, "demo.argdown"):
...     print(f)
demo.argdown:1:1: error: statement [C] has no quotes (no-quotes)
demo.argdown:1:1: error: support cycle: T -> C -> T (support-cycle)
"""

from __future__ import annotations

import contextlib
import enum
import gc
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from argmap.errors import ArgmapError
from argmap.model import (
    Argument,
    ArgumentMap,
    Location,
    Relation,
    RelationType,
    Role,
    Statement,
)
from argmap.quotes import MatchStatus, find, misplaced

__all__ = [
    "Finding",
    "Report",
    "Severity",
    "check_comparison",
    "check_file",
    "check_map",
    "check_paths",
    "check_quotes",
    "check_structure",
    "is_comparison",
    "map_files",
]


class Severity(enum.Enum):
    """How bad a finding is: errors fail ``argmap check``, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(order=True)
class Finding:
    """One problem found in a map, with where it is."""

    location: Location
    severity: Severity = attrs.field(order=lambda s: s.value)
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} ({self.code})"


@attrs.frozen
class Report:
    """The findings of one check run, in file order, and the files that were checked."""

    findings: tuple[Finding, ...] = ()
    files: tuple[str, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors

    def summary(self) -> str:
        n = len(self.files)
        return (
            f"{n} file{'s' * (n != 1)} checked: {_plural(len(self.errors), 'error')}, "
            f"{_plural(len(self.warnings), 'warning')}"
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _error(code: str, message: str, location: Location) -> Finding:
    return Finding(location, Severity.ERROR, code, message)


def _warning(code: str, message: str, location: Location) -> Finding:
    return Finding(location, Severity.WARNING, code, message)


def _loc(node: Statement | Argument | ArgumentMap | None, fallback: Location) -> Location:
    if node is not None and node.location is not None:
        return node.location
    return fallback


# -- structure ---------------------------------------------------------------------------


def check_structure(m: ArgumentMap, path: str = "<map>") -> list[Finding]:
    """Findings about the map itself: thesis, ids, references, orphans, cycles, quotes."""
    here = _loc(m, Location(path))
    links = _Links(m, here)
    out = _thesis(m, here)
    if links.duplicates:
        out += _duplicates(m, here)
    out += links.findings
    out += _orphans(m, links, here)
    out += [
        _error("no-quotes", f"statement [{s.id}] has no quotes", _loc(s, here))
        for s in m.statements
        if not s.quotes
    ]
    out += _cycles(m, links, here)
    return out


def _thesis(m: ArgumentMap, here: Location) -> list[Finding]:
    theses = m.by_role(Role.THESIS)
    out: list[Finding] = []
    if not theses:
        out.append(_error("thesis", f"map {m.id!r} has no #thesis (it needs exactly one)", here))
    for extra in theses[1:]:
        out.append(
            _error(
                "thesis",
                f"map {m.id!r} has {len(theses)} theses; [{extra.id}] is one too many "
                f"(the first is [{theses[0].id}])",
                _loc(extra, here),
            )
        )
    return out


def _duplicates(m: ArgumentMap, here: Location) -> Iterator[Finding]:
    seen: dict[str, Statement | Argument] = {}
    nodes: list[Statement | Argument] = [*m.statements, *m.arguments]
    for node in nodes:
        first = seen.get(node.id)
        if first is None:
            seen[node.id] = node
            continue
        kinds = {Statement: "statement", Argument: "argument"}
        where = f" at {first.location}" if first.location else ""
        yield _error(
            "duplicate-id",
            f"{kinds[type(node)]} id {node.id!r} is already used by a {kinds[type(first)]}{where}",
            _loc(node, here),
        )


class _Links:
    """One pass over a map's relations and arguments.

    It numbers the nodes (statement ids, then argument ids, each id once, in map order) and
    collects the ``unknown-node`` and ``not-a-statement`` findings in order, which node
    numbers some relation or argument uses, and the edges ``src[k] -> dst[k]`` of the support
    graph in map order (a premise supports its argument, an argument its conclusion; an edge
    may repeat). Ids that are no node get numbers after the nodes, in the order the support
    graph meets them.
    """

    def __init__(self, m: ArgumentMap, here: Location) -> None:
        names = m.node_ids
        ids = dict(zip(names, range(len(names)), strict=True))
        self.duplicates = len(ids) < len(names)
        if self.duplicates:  # number each id once, where it first occurs
            ids = dict(zip(dict.fromkeys(names), range(len(names)), strict=False))
            n_statements = len(set(names[: len(m.statements)]))
        else:
            n_statements = len(m.statements)
        self.ids = ids
        self.n_statements = n_statements
        self.names = list(ids)  # node number -> id
        self.unknown: dict[str, int] = {}  # ids of no node in the support graph -> number
        self.used = bytearray(len(ids))  # 1 for the nodes a relation or an argument names
        self.src: list[int] = []
        self.dst: list[int] = []
        self.findings: list[Finding] = []
        self._here = here
        used, get = self.used, ids.get
        add_src, add_dst = self.src.append, self.dst.append
        support = RelationType.SUPPORT
        for r in m.relations:
            a = get(r.source)
            b = get(r.target)
            if a is None or b is None:
                self._unknown_end(r, a, b)
                continue
            used[a] = used[b] = 1
            if r.type is support:
                add_src(a)
                add_dst(b)
        for arg in m.arguments:
            x = ids[arg.id]
            for p in arg.premises:
                add_src(self._member(p, "premise", arg))
                add_dst(x)
            if arg.conclusion is not None:
                add_src(x)
                add_dst(self._member(arg.conclusion, "conclusion", arg))

    def _number(self, name: str) -> int:
        """The support-graph number of ``name``, a new one for an id of no node."""
        i = self.ids.get(name)
        if i is None:
            i = self.unknown.get(name)
            if i is None:
                i = self.unknown[name] = len(self.names)
                self.names.append(name)
                self.used.append(0)
        return i

    def _unknown_end(self, r: Relation, a: int | None, b: int | None) -> None:
        """A relation with an end that is no node: its findings, its ends used, its edge."""
        for end, i in ((r.source, a), (r.target, b)):
            if i is None:
                self.findings.append(
                    _error(
                        "unknown-node",
                        f"{r.type.value} relation {r.source!r} -> {r.target!r}: "
                        f"no statement or argument {end!r}",
                        _loc_rel(r.location, self._here),
                    )
                )
            else:
                self.used[i] = 1
        if r.type is RelationType.SUPPORT:
            self.src.append(self._number(r.source))
            self.dst.append(self._number(r.target))

    def _member(self, ref: str, what: str, arg: Argument) -> int:
        """A premise or the conclusion of ``arg``: marked used, its finding if it is no
        statement; its support-graph number."""
        i = self.ids.get(ref)
        if i is None or i >= self.n_statements:
            problem = "is unknown" if i is None else "is an argument, not a statement"
            self.findings.append(
                _error(
                    "not-a-statement",
                    f"{what} {ref!r} of argument <{arg.id}> {problem}",
                    _loc(arg, self._here),
                )
            )
            if i is None:
                return self._number(ref)
        self.used[i] = 1
        return i

    def successors(self) -> list[list[int]]:
        """The support graph: per node, the nodes it supports, in map order, each once."""
        succ: list[list[int]] = [[] for _ in self.names]
        for a, b in zip(self.src, self.dst, strict=True):
            if b not in succ[a]:
                succ[a].append(b)
        return succ


def _loc_rel(location: Location | None, here: Location) -> Location:
    return location if location is not None else here


def _orphans(m: ArgumentMap, links: _Links, here: Location) -> list[Finding]:
    statements = m.statements
    if links.duplicates:
        used = bytearray(links.used[links.ids[s.id]] for s in statements)
    else:
        used = links.used[: len(statements)]  # statement i is node i
    out: list[Finding] = []
    i = used.find(0)
    while i >= 0:
        s = statements[i]
        if s.role is not Role.THESIS:
            out.append(
                _warning(
                    "orphan",
                    f"statement [{s.id}] is in no relation and no argument",
                    _loc(s, here),
                )
            )
        i = used.find(0, i + 1)
    return out


def _acyclic(n: int, src: list[int], dst: list[int]) -> bool:
    """Whether the graph of ``n`` nodes and edges ``src[k] -> dst[k]`` has no cycle (Kahn's
    algorithm: far cheaper than finding them)."""
    # Most nodes support one node: first[a] is that node, -1 for none, and for a node with
    # several successors -2 - i, where more[i] lists them.
    first = [-1] * n
    more: list[list[int]] = []
    indegree = [0] * n
    for a, b in zip(src, dst, strict=True):
        indegree[b] += 1
        f = first[a]
        if f == -1:
            first[a] = b
        elif f >= 0:
            first[a] = -2 - len(more)
            more.append([f, b])
        else:
            more[-2 - f].append(b)
    ready = [node for node, d in enumerate(indegree) if not d]
    append = ready.append
    for node in ready:  # ready grows while it is walked: each node is removed once
        b = first[node]
        if b >= 0:
            indegree[b] -= 1
            if not indegree[b]:
                append(b)
        elif b < -1:
            for c in more[-2 - b]:
                indegree[c] -= 1
                if not indegree[c]:
                    append(c)
    return len(ready) == n


def _strongly_connected(succ: list[list[int]]) -> list[list[int]]:
    """Tarjan's algorithm, iterative; components in discovery order."""
    index = [-1] * len(succ)
    low = [0] * len(succ)
    on_stack = bytearray(len(succ))
    stack: list[int] = []
    out: list[list[int]] = []
    count = 0
    for root in range(len(succ)):
        if index[root] >= 0:
            continue
        work: list[tuple[int, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = count
                count += 1
                stack.append(node)
                on_stack[node] = 1
            edges = succ[node]
            if i < len(edges):
                work.append((node, i + 1))
                nxt = edges[i]
                if index[nxt] < 0:
                    work.append((nxt, 0))
                elif on_stack[nxt]:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp: list[int] = []
                while True:
                    w = stack.pop()
                    on_stack[w] = 0
                    comp.append(w)
                    if w == node:
                        break
                out.append(comp)
    return out


def _cycle_through(succ: list[list[int]], members: set[int], start: int) -> list[int]:
    """A shortest cycle from ``start`` back to itself inside one component."""
    previous: dict[int, int] = {}
    frontier = [start]
    while frontier:
        nxt: list[int] = []
        for node in frontier:
            for b in succ[node]:
                if b not in members:
                    continue
                if b == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if b not in previous:
                    previous[b] = node
                    nxt.append(b)
        frontier = nxt
    return [start, start]


def _cycles(m: ArgumentMap, links: _Links, here: Location) -> list[Finding]:
    if _acyclic(len(links.names), links.src, links.dst):
        return []
    succ = links.successors()
    first: dict[str, Statement | Argument] = {}  # what m.node() returns
    nodes: list[Statement | Argument] = [*m.statements, *m.arguments]
    for node in nodes:
        first.setdefault(node.id, node)
    names = links.names
    out: list[Finding] = []
    for comp in _strongly_connected(succ):
        if len(comp) == 1 and comp[0] not in succ[comp[0]]:
            continue
        start = min(comp)  # the first in map order
        cycle = _cycle_through(succ, set(comp), start)
        out.append(
            _error(
                "support-cycle",
                "support cycle: " + " -> ".join(names[i] for i in cycle),
                _loc(first.get(names[start]), here),
            )
        )
    return out


# -- quotes ------------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"


def check_quotes(m: ArgumentMap, path: str | Path) -> list[Finding]:
    """Findings about the source file and every quote's anchor in it.

    ``path`` is the map file: the source path in the map is relative to its folder.
    """
    here = _loc(m, Location(str(path)))
    if m.source is None:
        return [_error("source", f"map {m.id!r} names no source", here)]
    source_path = Path(path).parent / m.source.path
    try:
        data = source_path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return [_error("source-missing", f"source {source_path}: {reason}", here)]
    out: list[Finding] = []
    actual = _sha256(data)
    if not m.source.sha256:
        out.append(_error("source-hash", f"source has no sha256; write sha256: {actual}", here))
    elif m.source.sha256.lower() != actual:
        out.append(
            _error(
                "source-hash",
                f"source {source_path} has sha256 {actual}, the map says {m.source.sha256}",
                here,
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        out.append(_error("source-encoding", f"source {source_path} is not UTF-8: {exc}", here))
        return out
    # A quote that stands at its offsets is what find() reports first, and nothing is wrong
    # with it: only the others are looked for.
    for statement, quote in misplaced(text, m.statements):
        where = _loc(statement, here)
        label = f'quote "{_short(quote.text)}" of [{statement.id}]'
        match = find(text, quote)
        if match.status is MatchStatus.NOT_FOUND:
            out.append(_error("quote-not-found", f"{label} is not in {m.source.path}", where))
        elif match.status is MatchStatus.AMBIGUOUS:
            places = ", ".join(f"start: {p.start}, end: {p.end}" for p in match.places)
            out.append(
                _error(
                    "quote-ambiguous",
                    f"{label} occurs in {match.count} places ({places}); "
                    "give the offsets of the one meant",
                    where,
                )
            )
        elif not quote.anchored:
            out.append(
                _error(
                    "quote-unanchored",
                    f"{label} has no offsets: write start: {match.start}, end: {match.end}",
                    where,
                )
            )
        elif (quote.start, quote.end) != (match.start, match.end):
            out.append(
                _error(
                    "quote-offsets",
                    f"{label} is not at start: {quote.start}, end: {quote.end}; "
                    f"it is at start: {match.start}, end: {match.end}",
                    where,
                )
            )
    return out


def check_map(m: ArgumentMap, path: str | Path) -> list[Finding]:
    """Every finding about one map read from ``path``."""
    return check_structure(m, str(path)) + check_quotes(m, path)


# -- files -------------------------------------------------------------------------------

_INCLUDE = re.compile(r"^[ \t]*@include\(([^)\n]*)\)", re.MULTILINE)
_COMMENT = re.compile(r"/\*.*?\*/|<!--.*?-->|(?<![:\w])//[^\n]*", re.DOTALL)
_REFERENCE = re.compile(r"\[([^\[\]\n]+)\](?![:(])")
_DEFINITION = re.compile(r"\[([^\[\]\n]+)\]:")
_POSITION_LIST = re.compile(r"statements:\s*\[([^\]]*)\]")
_QUOTED = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'")


def is_comparison(text: str) -> bool:
    """Whether an Argdown text is a comparison file (it ``@include``\\ s other files)."""
    if "@include(" not in text:  # blanking comments cannot create one
        return False
    return _INCLUDE.search(_blank_comments(text)) is not None


def _includes(path: Path, text: str) -> list[tuple[Path, Location]]:
    """The files a comparison text ``@include``\\ s, with where each is named."""
    return [
        (
            path.parent / mo.group(1).strip().strip("\"'"),
            _location_at(str(path), text, mo.start(1)),
        )
        for mo in _INCLUDE.finditer(_blank_comments(text))
    ]


def map_files(path: str | Path) -> tuple[Path, ...]:
    """The map files behind ``path``: itself, or the files a comparison file includes.

    >>> map_files("maps/valiyev-2011.argdown")
    (PosixPath('maps/valiyev-2011.argdown'),)
    """
    path = Path(path)
    if path.suffix != ".argdown" or not path.is_file():
        return (path,)
    text = path.read_text(encoding="utf-8")
    if not is_comparison(text):
        return (path,)
    return tuple(included for included, _ in _includes(path, text))


def _blank_comments(text: str) -> str:
    """Comments replaced by spaces (line breaks kept), so offsets stay the same."""
    return _COMMENT.sub(lambda mo: re.sub(r"[^\n]", " ", mo.group(0)), text)


def _location_at(path: str, text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(path, line, column)


def _read_map(path: Path, text: str | None = None) -> tuple[ArgumentMap | None, list[Finding]]:
    """The map in ``path`` (``text``: its contents, when already read) or a finding."""
    from argmap.formats import argdown

    try:
        if text is not None:
            return argdown.loads(text, str(path)), []
        return argdown.load(path), []
    except ArgmapError as exc:
        where = exc.location or Location(str(path))
        return None, [_error("syntax", exc.message, where)]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [_error("read", f"cannot read {path}: {exc}", Location(str(path)))]


@contextlib.contextmanager
def _no_gc(freeze: bool = False) -> Iterator[None]:
    """Pause the cycle collector: reading a big map allocates millions of objects that all
    stay alive, and generational passes over them cost much time and free nothing.

    ``freeze``: move every object then alive out of the collector's sight for good (objects
    kept alive after the block would otherwise all be traversed by its next pass)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def check_file(path: str | Path) -> list[Finding]:
    """Every finding about one map file (a comparison file: see :func:`check_comparison`)."""
    with _no_gc():
        return _Run().file(Path(path))


def check_comparison(path: str | Path, text: str | None = None) -> list[Finding]:
    """Findings about a comparison file: its included maps and its statement references.

    The included maps are checked as maps. Every ``[Title]`` reference and every title in a
    ``statements: [...]`` list must name a statement of an included map or of the file.
    """
    with _no_gc():
        return _Run().comparison(Path(path), text)


class _Run:
    """One check run: each map file is read and checked once."""

    def __init__(self) -> None:
        self.maps: dict[Path, ArgumentMap | None] = {}
        self.findings: list[Finding] = []
        self.files: list[str] = []

    def load(self, path: Path, text: str | None = None) -> tuple[ArgumentMap | None, list[Finding]]:
        key = path.resolve()
        if key in self.maps:
            return self.maps[key], []
        m, problems = _read_map(path, text)
        self.maps[key] = m
        self.files.append(str(path))
        if m is not None:
            problems += check_map(m, path)
        return m, problems

    def file(self, path: Path) -> list[Finding]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.files.append(str(path))
            return [_error("read", f"cannot read {path}: {exc}", Location(str(path)))]
        if is_comparison(text):
            return self.comparison(path, text)
        return self.load(path, text)[1]

    def comparison(self, path: Path, text: str | None) -> list[Finding]:
        if path.resolve() in self.maps:
            return []
        self.maps[path.resolve()] = None
        self.files.append(str(path))
        if text is None:
            text = path.read_text(encoding="utf-8")
        plain = _blank_comments(text)
        out: list[Finding] = []
        known: dict[str, str] = {}  # statement id -> map id
        readable = True  # every included map could be read (it may still have findings)
        for included, where in _includes(path, text):
            if not included.is_file():
                out.append(_error("include-missing", f"included file {included} not found", where))
                readable = False
                continue
            m, problems = self.load(included)
            out += problems
            if m is None:
                readable = False
                continue
            for s in m.statements:
                other = known.setdefault(s.id, m.id)
                if other != m.id:
                    out.append(
                        _error(
                            "duplicate-id",
                            f"statement id {s.id!r} is in maps {other!r} and {m.id!r} "
                            "(Argdown merges equal titles across included files)",
                            _loc(s, where),
                        )
                    )
        defined = {mo.group(1).strip() for mo in _DEFINITION.finditer(plain)}
        before = len(out)
        for title, offset in _comparison_refs(plain):
            if title not in known and title not in defined:
                out.append(
                    _error(
                        "unknown-statement",
                        f"[{title}] is not a statement of any included map",
                        _location_at(str(path), text, offset),
                    )
                )
        duplicates = any(f.code == "duplicate-id" for f in out)
        if readable and not duplicates and len(out) == before:
            # The maps could be read and every reference resolves: read the comparison itself
            # (issues, positions, correspondences) the way build and export will.
            from argmap import comparison_file

            try:
                comparison_file.loads(text, str(path))
            except ArgmapError as exc:
                out.append(_error("comparison", exc.message, exc.location or Location(str(path))))
        return out


def _blank_data(text: str) -> str:
    """``{...}`` data and the frontmatter replaced by spaces (line breaks kept)."""
    chars = list(text)
    depth = 0
    quote = ""
    i = 0
    fm = re.match(r"\s*===\n.*?\n===[ \t]*\n", text, re.DOTALL)
    if fm:
        chars[: fm.end()] = ["\n" if c == "\n" else " " for c in fm.group(0)]
        i = fm.end()
    while i < len(chars):
        c = chars[i]
        if depth:
            if quote:
                if c == "\\":
                    chars[i] = " "
                    i += 1
                elif c == quote:
                    quote = ""
            elif c in "\"'":
                quote = c
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
        elif c == "{":
            depth = 1
        if (depth or c == "}") and i < len(chars) and chars[i] != "\n":
            chars[i] = " "
        i += 1
    return "".join(chars)


def _comparison_refs(plain: str) -> Iterator[tuple[str, int]]:
    """Statement titles referred to in a comparison text, with their offsets."""
    for mo in _REFERENCE.finditer(_blank_data(plain)):
        yield mo.group(1).strip(), mo.start(1)
    for mo in _POSITION_LIST.finditer(plain):
        for q in _QUOTED.finditer(mo.group(1)):
            title = q.group(1) if q.group(1) is not None else q.group(2)
            yield title, mo.start(1) + q.start()


def _argdown_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.argdown") if p.is_file())


#: The check runs of :func:`check_paths` called with ``keep=True``.
_KEPT: list[_Run] = []


def check_paths(paths: Iterable[str | Path], *, keep: bool = False) -> Report:
    """Check files and folders (every ``*.argdown`` below a folder, each map once).

    In a folder, comparison files are checked first so that the maps they include are
    checked as part of them; maps that no comparison includes are checked on their own.

    ``keep``: leave the maps read in memory for good, for a process that ends right after
    without freeing them (``argmap check``: freeing a map of 100,000 statements one object
    at a time takes a tenth of a second).
    """
    with _no_gc(freeze=keep):
        return _check_paths(paths, _KEPT if keep else None)


def _check_paths(paths: Iterable[str | Path], keep: list[_Run] | None = None) -> Report:
    run = _Run()
    if keep is not None:
        keep.append(run)
    findings: list[Finding] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = _argdown_files(path)
            texts: dict[Path, str | None] = {}
            for f in files:
                try:
                    texts[f] = f.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    texts[f] = None
            comparisons = [f for f in files if is_comparison(texts[f] or "")]
            for f in comparisons:
                findings += run.comparison(f, texts[f])
            for f in files:
                if f not in comparisons:
                    findings += run.file(f)
        elif path.exists():
            findings += run.file(path)
        else:
            run.files.append(str(path))
            findings.append(_error("read", f"no such file or folder: {path}", Location(str(path))))
    return Report(tuple(findings), tuple(run.files))
