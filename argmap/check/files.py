"""Checks of files and folders: maps, comparison files and the maps they include."""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from argmap.check.findings import Finding, Report, _error, _loc, _warning
from argmap.check.quotes import check_quotes
from argmap.check.structure import check_structure
from argmap.errors import ArgmapError, ConventionError, FormatError, SourceError
from argmap.formats import argdown, registry
from argmap.formats._argdown_direct import keeping
from argmap.formats._argdown_map import Problem, document_to_map
from argmap.formats.argdown import is_comparison
from argmap.formats.files import check_inside, current_root, read_text, rooted
from argmap.model import ArgumentMap, Location


def check_map(m: ArgumentMap, path: str | Path) -> list[Finding]:
    """Every finding about one map read from ``path``."""
    return check_structure(m, str(path)) + check_quotes(m, path)


# -- files -------------------------------------------------------------------------------


def _includes(path: Path, text: str) -> list[tuple[Path, Location]]:
    """The files a comparison text ``@include``\\ s (the reader's rule), with where each is
    named."""
    return [
        (path.parent / target, _location_at(str(path), text, offset + len("@include(")))
        for target, offset in argdown.includes(text)
    ]


def _location_at(path: str, text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(path, line, column)


def _read_map(path: Path, text: str | None = None) -> tuple[ArgumentMap | None, list[Finding]]:
    """The map in ``path`` (``text``: its contents, when already read) or a finding.

    A map that breaks conventions statement by statement (a missing role tag, bad data) is
    read again leniently: every such problem becomes a finding and the rest of the map is
    still checked."""
    try:
        if text is not None:
            return argdown.loads(text, str(path)), []
        return argdown.load(path), []
    except ConventionError:
        return _read_leniently(path, text)
    except ArgmapError as exc:
        where = exc.location or Location(str(path))
        # A file that cannot be read (an include outside the root, bad bytes) is no syntax error.
        code = "read" if isinstance(exc, SourceError) else "syntax"
        return None, [_error(code, exc.message, where)]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [_error("read", f"cannot read {path}: {exc}", Location(str(path)))]


def _read_leniently(path: Path, text: str | None) -> tuple[ArgumentMap | None, list[Finding]]:
    problems: list[Problem] = []
    try:
        if text is not None:
            doc = argdown.parse(text, str(path), include=False)
        else:
            doc = argdown.parse_file(path, include=False)
        m = document_to_map(doc, str(path), problems)
    except ArgmapError as exc:
        return None, [_error("syntax", exc.message, exc.location or Location(str(path)))]
    out = [_error(code, e.message, e.location or Location(str(path))) for code, e in problems]
    return m, out


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
            # a statement read without its bad data has no quotes: that is no news
            bad_data = {f.location for f in problems if f.code == "statement-data"}
            problems += [
                f for f in check_map(m, path) if f.code != "no-quotes" or f.location not in bad_data
            ]
        return m, problems

    def file(self, path: Path) -> list[Finding]:
        fmt = _format(path)
        if fmt is not None and fmt.name != "argdown":
            return self.exported(path, fmt)
        with rooted(path.parent):
            try:
                text = read_text(path)
            except ArgmapError as exc:
                self.files.append(str(path))
                return [_error("read", exc.message, exc.location or Location(str(path)))]
            if is_comparison(text):
                return self.comparison(path, text)
            return self.load(path, text)[1]

    def exported(self, path: Path, fmt: registry.Format) -> list[Finding]:
        """A file of another registered format (JSON, AIF, ...): read by its reader through
        the registry, then each of its maps checked as a map read from ``path``."""
        self.files.append(str(path))
        with rooted(path.parent):
            try:
                found = fmt.load(path, {})
            except ArgmapError as exc:
                return [_error("read", exc.message, exc.location or Location(str(path)))]
            maps = (found,) if isinstance(found, ArgumentMap) else found.maps
            return [f for m in maps for f in check_map(m, path)]

    def comparison(self, path: Path, text: str | None) -> list[Finding]:
        if path.resolve() in self.maps:
            return []
        self.maps[path.resolve()] = None
        self.files.append(str(path))
        if text is None:
            try:
                text = read_text(path)
            except ArgmapError as exc:
                return [_error("read", exc.message, exc.location or Location(str(path)))]
        out: list[Finding] = []
        known: dict[str, str] = {}  # statement id -> map id
        readable = True  # every included map could be read (it may still have findings)
        for included, where in _includes(path, text):
            try:
                check_inside(
                    included, root=current_root() or path.parent, location=where, what="include"
                )
            except ArgmapError as exc:
                out.append(_error("include-outside", exc.message, where))
                readable = False
                continue
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
        # The file alone, as the reader reads it (its includes are checked above).
        try:
            own = argdown.parse(text, str(path), include=False)
            # where each data value stands: read (a second YAML pass) only when a finding
            # needs it, which :func:`_needs_data_nodes` tells from the parsed data
            needed = _needs_data_nodes(text, own, known)
            data = argdown.data_nodes(text, str(path)) if needed else {}
        except ArgmapError as exc:
            return [*out, _error("syntax", exc.message, exc.location or Location(str(path)))]
        before = len(out)
        out += _unknown_references(str(path), text, own, data, known)
        duplicates = any(f.code == "duplicate-id" for f in out)
        if readable and not duplicates:
            # The maps could be read: read the comparison itself (issues, positions,
            # correspondences) the way build and export will, every problem at once.
            told = {f.message for f in out[before:]}
            from argmap.check.comparison import check_comparison_text  # comparisons only

            out += check_comparison_text(text, str(path), told)
        out += _placeholders(str(path), text, own, data)
        return out


_UNKNOWN = "[{}] is not a statement of any included map"


def _defined(own: argdown.Document) -> set[str]:
    """The titles the comparison file itself defines (not only references)."""
    return {s.title for s in own.statements if not all(m.is_reference for m in s.members)}


def _needs_data_nodes(text: str, own: argdown.Document, known: Mapping[str, str]) -> bool:
    """Whether the comparison's data may hold a finding: a title in an issue's
    ``positions`` that is not plainly a known statement (found from each definition's
    parsed data, as :func:`_position_titles` finds them in the data's nodes), or a
    placeholder (its first word is in the text, or an escape could spell it)."""
    from argmap.formats.comparison_writer import PLACEHOLDER_MARK

    if PLACEHOLDER_MARK.split()[0] in text or "\\" in text:
        return True
    defined = _defined(own)
    for s in own.statements:
        if "issue" not in s.tags:
            continue
        for member in s.members:
            positions = member.data.get("positions") if member.data else None
            if positions is None:
                continue
            if not isinstance(positions, dict):
                return True
            for position in positions.values():
                titles = position.get("statements") if isinstance(position, dict) else []
                if not isinstance(titles, list):
                    return True
                if any(
                    not isinstance(t, str) or (t not in known and t not in defined) for t in titles
                ):
                    return True
    return False


def _unknown_references(
    path: str,
    text: str,
    own: argdown.Document,
    data: dict[str, list[argdown.DataNode]],
    known: Mapping[str, str],
) -> list[Finding]:
    """An error for each title the comparison file names that neither an included map nor
    the file itself defines: in its relations and references (``own``: the reader's document
    of the file alone), then in the ``statements`` lists of its issues' positions (each title
    where it stands, from the reader's data positions)."""
    defined = _defined(own)
    out: list[Finding] = []
    for s in own.statements:
        if s.title not in known and s.title not in defined:
            where = s.members[0].location or s.location or Location(path)
            out.append(_error("unknown-statement", _UNKNOWN.format(s.title), where))
    for s in own.statements:
        if "issue" not in s.tags:
            continue
        for block in data.get(s.title, ()):
            for title, node in _position_titles(block):
                if title not in known and title not in defined:
                    where = _location_at(path, text, node.start)
                    out.append(_error("unknown-statement", _UNKNOWN.format(title), where))
    return sorted(out, key=lambda f: (f.location.line, f.location.column))


def _position_titles(block: argdown.DataNode) -> Iterator[tuple[str, argdown.DataNode]]:
    """The titles in ``{positions: {MAP: {statements: [...]}}}`` data, with their nodes."""
    positions = dict(block.keys).get("positions")
    for _map_id, position in positions.keys if positions is not None else ():
        titles = dict(position.keys).get("statements")
        for item in titles.items if titles is not None else ():
            if item.kind == "scalar":
                yield item.value, item


def _placeholders(
    path: str, text: str, own: argdown.Document, data: dict[str, list[argdown.DataNode]]
) -> list[Finding]:
    """A warning for each placeholder a scaffold wrote that is still there: in headings,
    statement and argument texts, and data strings (comments are not read)."""
    from argmap.formats.comparison_writer import PLACEHOLDER_MARK

    found: list[tuple[Location, str]] = []
    here = Location(path)
    texts = [(s.title, s.location) for s in own.sections]
    members = [m for s in own.statements for m in s.members]
    members += [m for a in own.arguments for m in a.members]
    texts += [(m.text, m.location) for m in members if m.text]
    for words, where in texts:
        start = words.find(PLACEHOLDER_MARK)
        if start >= 0:
            found.append((where or here, re.split(r" \{| #", words[start:])[0]))
    stack = [node for blocks in data.values() for node in blocks]
    while stack:
        node = stack.pop()
        stack += [*node.items, *(value for _key, value in node.keys)]
        start = node.value.find(PLACEHOLDER_MARK) if node.kind == "scalar" else -1
        if start >= 0:
            found.append((_location_at(path, text, node.start), node.value[start:]))
    return [
        _warning("placeholder", f"placeholder still to fill: {words[:70]!r}", where)
        for where, words in sorted(found, key=lambda f: (f[0].line, f[0].column))
    ]


def _format(path: Path) -> registry.Format | None:
    """The registered format of ``path``; None when no format claims its suffix (such a
    file is read as Argdown, as ``check`` always has)."""
    try:
        return registry.for_path(path)
    except FormatError:
        return None


def _argdown_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.argdown") if p.is_file())


#: The check runs of :func:`check_paths` called with ``keep=True``, and what their readers left.
_KEPT: list[object] = []


def check_paths(paths: Iterable[str | Path], *, keep: bool = False) -> Report:
    """Check files and folders (every ``*.argdown`` below a folder, each map once).

    In a folder, comparison files are checked first so that the maps they include are
    checked as part of them; maps that no comparison includes are checked on their own.

    ``keep``: leave the maps read in memory for good, for a process that ends right after
    without freeing them (``argmap check``: freeing a map of 100,000 statements one object
    at a time takes a tenth of a second), and what the reader built them with (see
    :func:`argmap.formats._argdown_direct.keeping`).
    """
    with _no_gc(freeze=keep):
        if not keep:
            return _check_paths(paths)
        # the readers' leftovers (the map sink and the parser) are kept with the run's maps
        left: list[object] = []
        with keeping(left):
            _KEPT.append(left)
            return _check_paths(paths, _KEPT)


def _check_paths(paths: Iterable[str | Path], keep: list[object] | None = None) -> Report:
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
                    texts[f] = read_text(f)
                except ArgmapError:
                    texts[f] = None
            comparisons = [f for f in files if is_comparison(texts[f] or "")]
            for f in comparisons:
                with rooted(f.parent):
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
