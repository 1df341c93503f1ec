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
from argmap.model import Argument, ArgumentMap, Location, RelationType, Role, Statement
from argmap.quotes import MatchStatus, find, stands_at_offsets

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
    out: list[Finding] = []
    out += _thesis(m, here)
    out += _duplicates(m, here)
    out += _references(m, here)
    out += _orphans(m, here)
    out += [
        _error("no-quotes", f"statement [{s.id}] has no quotes", _loc(s, here))
        for s in m.statements
        if not s.quotes
    ]
    out += _cycles(m, here)
    return out


def _thesis(m: ArgumentMap, here: Location) -> Iterator[Finding]:
    theses = m.by_role(Role.THESIS)
    if not theses:
        yield _error("thesis", f"map {m.id!r} has no #thesis (it needs exactly one)", here)
    for extra in theses[1:]:
        yield _error(
            "thesis",
            f"map {m.id!r} has {len(theses)} theses; [{extra.id}] is one too many "
            f"(the first is [{theses[0].id}])",
            _loc(extra, here),
        )


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


def _references(m: ArgumentMap, here: Location) -> Iterator[Finding]:
    statements = {s.id for s in m.statements}
    arguments = {a.id for a in m.arguments}
    for r in m.relations:
        for end in (r.source, r.target):
            if end not in statements and end not in arguments:
                yield _error(
                    "unknown-node",
                    f"{r.type.value} relation {r.source!r} -> {r.target!r}: "
                    f"no statement or argument {end!r}",
                    _loc_rel(r.location, here),
                )
    for a in m.arguments:
        members = [("premise", p) for p in a.premises]
        if a.conclusion is not None:
            members.append(("conclusion", a.conclusion))
        for what, ref in members:
            if ref in statements:
                continue
            problem = "is an argument, not a statement" if ref in arguments else "is unknown"
            yield _error(
                "not-a-statement",
                f"{what} {ref!r} of argument <{a.id}> {problem}",
                _loc(a, here),
            )


def _loc_rel(location: Location | None, here: Location) -> Location:
    return location if location is not None else here


def _orphans(m: ArgumentMap, here: Location) -> Iterator[Finding]:
    used = {end for r in m.relations for end in (r.source, r.target)}
    for a in m.arguments:
        used.update(a.premises)
        if a.conclusion is not None:
            used.add(a.conclusion)
    for s in m.statements:
        if s.id not in used and s.role is not Role.THESIS:
            yield _warning(
                "orphan",
                f"statement [{s.id}] is in no relation and no argument",
                _loc(s, here),
            )


def _support_graph(m: ArgumentMap) -> dict[str, list[str]]:
    """Edges ``a -> b`` where ``a`` supports ``b``, in map order."""
    order = list(dict.fromkeys(m.node_ids))
    graph: dict[str, list[str]] = {n: [] for n in order}

    def add(a: str, b: str) -> None:
        graph.setdefault(a, [])
        graph.setdefault(b, [])
        if b not in graph[a]:
            graph[a].append(b)

    support = RelationType.SUPPORT
    for r in m.relations:
        if r.type is support:
            a, b = r.source, r.target
            succ = graph.get(a)
            if succ is not None and b in graph:  # both known: add() without the calls
                if b not in succ:
                    succ.append(b)
            else:
                add(a, b)
    for arg in m.arguments:
        for p in arg.premises:
            add(p, arg.id)
        if arg.conclusion is not None:
            add(arg.id, arg.conclusion)
    return graph


def _strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components in discovery order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            succ = graph[node]
            if i < len(succ):
                work.append((node, i + 1))
                nxt = succ[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                out.append(comp)
    return out


def _cycle_through(graph: dict[str, list[str]], members: set[str], start: str) -> list[str]:
    """A shortest cycle from ``start`` back to itself inside one component."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt: list[str] = []
        for node in frontier:
            for succ in graph[node]:
                if succ not in members:
                    continue
                if succ == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if succ not in previous:
                    previous[succ] = node
                    nxt.append(succ)
        frontier = nxt
    return [start, start]


def _acyclic(graph: dict[str, list[str]]) -> bool:
    """Whether the graph has no cycle (Kahn's algorithm: far cheaper than finding them)."""
    indegree = dict.fromkeys(graph, 0)
    for succ in graph.values():
        for b in succ:
            indegree[b] += 1
    ready = [n for n, d in indegree.items() if d == 0]
    removed = 0
    while ready:
        node = ready.pop()
        removed += 1
        for b in graph[node]:
            indegree[b] -= 1
            if indegree[b] == 0:
                ready.append(b)
    return removed == len(graph)


def _cycles(m: ArgumentMap, here: Location) -> Iterator[Finding]:
    graph = _support_graph(m)
    if _acyclic(graph):
        return
    rank = {n: i for i, n in enumerate(graph)}
    for comp in _strongly_connected(graph):
        if len(comp) == 1 and comp[0] not in graph[comp[0]]:
            continue
        start = min(comp, key=rank.__getitem__)
        cycle = _cycle_through(graph, set(comp), start)
        node = m.node(start) if m.has_node(start) else None
        yield _error("support-cycle", "support cycle: " + " -> ".join(cycle), _loc(node, here))


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
    for statement, quote in m.quotes():
        if quote.start is not None and stands_at_offsets(text, quote):
            continue  # what find() reports first, and nothing is wrong with it
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
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector: reading a big map allocates millions of objects that all
    stay alive, and generational passes over them cost much time and free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
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


def check_paths(paths: Iterable[str | Path]) -> Report:
    """Check files and folders (every ``*.argdown`` below a folder, each map once).

    In a folder, comparison files are checked first so that the maps they include are
    checked as part of them; maps that no comparison includes are checked on their own.
    """
    with _no_gc():
        return _check_paths(paths)


def _check_paths(paths: Iterable[str | Path]) -> Report:
    run = _Run()
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
