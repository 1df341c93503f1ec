"""Read and write argument maps as JSON (schema ``argmap/1``, see ``argmap/schema.json``).

The document is ``{"schema": "argmap/1", "maps": [...]}`` with an optional
``"comparison"`` object after the maps. Keys come in a fixed order, the order of
:data:`KEY_ORDER` (the model's field order, except that a statement's quotes come last);
every key is always present, ``null`` where a value is absent. Locations are not exported.
Output is indented by two spaces, keeps non-ASCII text as it is and ends with a newline, so
equal maps give byte-identical files.

>>> from argmap.model import MapBuilder, Role
>>> m = MapBuilder("demo", "Demo").statement("T", "Tax land.", Role.THESIS, quote="tax").build()
>>> loads(dumps([m])) == (m,)
True
>>> for line in dumps([m]).splitlines()[:5]:
...     print(line)
{
  "schema": "argmap/1",
  "maps": [
    {
      "id": "demo",
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from argmap.comparison import Comparison, Correspondence, CorrespondenceType, Issue, Position, Ref
from argmap.errors import FormatError
from argmap.formats.files import read_text, write_text
from argmap.model import (
    Argument,
    ArgumentMap,
    Location,
    Quote,
    Relation,
    Section,
    Source,
    Statement,
    View,
)
from argmap.text import INVISIBLE

_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")

__all__ = [
    "KEY_ORDER",
    "SCHEMA",
    "converter",  # noqa: F822 (made on first use: see __getattr__)
    "dump",
    "dumps",
    "load",
    "load_comparison",
    "loads",
    "loads_comparison",
    "read",
    "shared_converter",
    "sniff",
    "write",
]

SCHEMA = "argmap/1"

#: The exported keys of each class, in output order.
KEY_ORDER: dict[type, tuple[str, ...]] = {
    ArgumentMap: (
        "id",
        "title",
        "label",
        "source",
        "sections",
        "statements",
        "arguments",
        "relations",
    ),
    Source: ("path", "sha256", "title", "author", "attributed_author", "year", "venue"),
    Section: ("id", "title", "level", "parent"),
    Statement: (
        "id",
        "text",
        "role",
        "section",
        "tags",
        "citation",
        "note",
        "view",
        "aside",
        "quotes",
    ),
    View: ("holder", "stance"),
    Quote: ("text", "start", "end"),
    Argument: ("id", "text", "premises", "conclusion", "inference", "section"),
    Relation: ("from", "to", "type"),
}

#: Model field name -> JSON key, where they differ.
_RENAMES: dict[type, dict[str, str]] = {Relation: {"source": "from", "target": "to"}}


def _overrides(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name == "location":
            out[field.name] = override(omit=True)
        elif field.name in _RENAMES.get(cls, {}):
            out[field.name] = override(rename=_RENAMES[cls][field.name])
    return out


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    # Leaves first: a generated function looks up the hooks of nested classes when made.
    for cls in (Quote, Source, Section, View, Statement, Argument, Relation, ArgumentMap):
        order = KEY_ORDER[cls]
        unstructure: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            cls, conv, **_overrides(cls)
        )

        def ordered(
            obj: Any,
            _fn: Callable[[Any], dict[str, Any]] = unstructure,
            _order: tuple[str, ...] = order,
        ) -> dict[str, Any]:
            raw = _fn(obj)
            return {key: raw[key] for key in _order}

        conv.register_unstructure_hook(cls, ordered)
        conv.register_structure_hook(
            cls,
            make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True, **_overrides(cls)),
        )
    _register_comparison(conv)
    return conv


def _register_comparison(conv: cattrs.Converter) -> None:
    """The comparison's shape under ``"comparison"`` (written only; read by
    :func:`loads_comparison`)."""
    conv.register_unstructure_hook(Ref, str)
    conv.register_structure_hook(Ref, lambda value, _type: Ref.parse(value))
    position = make_dict_unstructure_fn(Position, conv, map_id=override(rename="map"))
    conv.register_unstructure_hook(Position, lambda p: {**position(p), "addressed": p.addressed})
    issue = make_dict_unstructure_fn(Issue, conv, location=override(omit=True))
    conv.register_unstructure_hook(
        Issue, lambda i: {k: issue(i)[k] for k in ("id", "title", "question", "positions")}
    )
    corr = make_dict_unstructure_fn(Correspondence, conv, location=override(omit=True))
    order = ("id", "type", "left", "right", "issue", "rationale")
    conv.register_unstructure_hook(Correspondence, lambda c: {k: corr(c)[k] for k in order})

    def comparison(c: Comparison) -> dict[str, object]:
        # Every issue lists every map's position, "not addressed" included; positions and
        # correspondences say which of their statements are views the author reports.
        def view(ref: Ref) -> object:
            return conv.unstructure(c.view(ref), View | None)

        issues = []
        for i in c.issues:
            raw = conv.unstructure(attrs.evolve(i, positions=c.positions(i.id)), Issue)
            for p, out in zip(c.positions(i.id), raw["positions"], strict=True):
                out["reported"] = [
                    {"statement": str(r), **conv.unstructure(c.view(r), View)}
                    for r in c.reported_statements(p)
                ]
            issues.append(raw)
        correspondences = [
            {
                **conv.unstructure(x, Correspondence),
                "left_view": view(x.left),
                "right_view": view(x.right),
            }
            for x in c.correspondences
        ]
        return {
            "id": c.id,
            "title": c.title,
            "maps": list(c.map_ids),
            "issues": issues,
            "correspondences": correspondences,
        }

    conv.register_unstructure_hook(Comparison, comparison)


@functools.cache
def shared_converter() -> cattrs.Converter:
    """The preconfigured converter: enums as their values, renames, locations left out.

    Made on first use (making its generated hooks takes about 20 ms, which a command that
    writes no JSON should not pay); also reachable as the module attribute ``converter``.
    Other modules may register hooks on it (e.g. for the comparison model)."""
    return _make_converter()


def __getattr__(name: str) -> Any:
    if name == "converter":
        return shared_converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ComparisonData = Comparison | Mapping[str, Any] | Callable[[], Any]


def _comparison_data(comparison: ComparisonData) -> Any:
    value = comparison() if callable(comparison) else comparison
    if isinstance(value, Mapping):
        return dict(value)
    return shared_converter().unstructure(value)


def dumps(maps: Iterable[ArgumentMap], comparison: ComparisonData | None = None) -> str:
    """The JSON document for ``maps`` (and a comparison, if given).

    ``comparison`` is a :class:`~argmap.comparison.Comparison`, a mapping already in JSON
    shape, or a callable returning either; it is written under ``"comparison"``.
    """
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "maps": [shared_converter().unstructure(m, ArgumentMap) for m in maps],
    }
    if comparison is not None:
        doc["comparison"] = _comparison_data(comparison)
    # Bidi and zero-width controls never stand raw in the file (as in every output), but JSON
    # is data: they are written as escapes (U+202E as backslash-u202e), so the text reads back
    # exactly (a quote is the author's words) and no viewer of the file can be misled by them.
    return _visible(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


def _visible(text: str) -> str:
    """``text`` (JSON) with every bidi or zero-width character written as a JSON escape.

    >>> _visible(chr(34) + "a" + chr(0x202E) + "b" + chr(34))
    '"a\\\\u202eb"'
    """
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _error(message: str, path: str, line: int = 1, column: int = 1) -> FormatError:
    return FormatError(message, Location(path, line, column))


def _document(text: str, path: str) -> dict[str, Any]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _error(f"invalid JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise _error(f'not an argmap export: expected "schema": "{SCHEMA}"', path)
    return doc


def loads(text: str, path: str = "<json>") -> tuple[ArgumentMap, ...]:
    """The maps of a JSON document written by :func:`dumps` (the comparison is not read)."""
    return _maps(_document(text, path), path)


def _maps(doc: dict[str, Any], path: str) -> tuple[ArgumentMap, ...]:
    raw_maps = doc.get("maps")
    if not isinstance(raw_maps, list):
        raise _error('"maps" must be a list', path)
    out: list[ArgumentMap] = []
    for i, raw in enumerate(raw_maps):
        try:
            out.append(shared_converter().structure(raw, ArgumentMap))
        except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
            detail = "; ".join(_messages(exc)) or str(exc)
            raise _error(f"map {i}: {detail}", path) from None
    return tuple(out)


def _messages(exc: BaseException) -> list[str]:
    if isinstance(exc, cattrs.BaseValidationError):
        return [m for sub in exc.exceptions for m in _messages(sub)]
    return [f"{type(exc).__name__}: {exc}"]


def dump(
    maps: Iterable[ArgumentMap], path: str | Path, comparison: ComparisonData | None = None
) -> None:
    """Write :func:`dumps` to ``path`` (UTF-8, atomically: see
    :func:`argmap.formats.files.write_text`)."""
    write_text(path, dumps(maps, comparison))


def _read(path: str | Path) -> str:
    """The text of a JSON file, by :func:`argmap.formats.files.read_text` (the one reading:
    regular files only, a size cap, located decoding errors)."""
    return read_text(path, what="JSON file")


def load(path: str | Path) -> tuple[ArgumentMap, ...]:
    """Read a file written by :func:`dump`."""
    return loads(_read(path), str(path))


def loads_comparison(text: str, path: str = "<json>") -> Comparison | None:
    """The comparison of a JSON document written by :func:`dumps`, with its maps; ``None``
    when the document has no ``"comparison"``.

    >>> from argmap.comparison import Comparison
    >>> from argmap.model import MapBuilder, Role
    >>> a = MapBuilder("a").statement("A", "Tax land.", Role.THESIS, quote="x").build()
    >>> c = Comparison("c", "One map", (a,))
    >>> loads_comparison(dumps([a], c)) == c
    True
    """
    doc = _document(text, path)
    raw = doc.get("comparison")
    if raw is None:
        return None
    maps = _maps(doc, path)
    try:
        return _comparison(raw, maps)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise FormatError(
            f"bad comparison: {type(exc).__name__}: {exc}", Location(path), pointer="/comparison"
        ) from None


def _comparison(raw: dict[str, Any], maps: tuple[ArgumentMap, ...]) -> Comparison:
    by_id = {m.id: m for m in maps}
    issues = tuple(
        Issue(
            i["id"],
            i["question"],
            tuple(
                Position(p["map"], tuple(Ref.parse(r) for r in p["statements"]), p["answer"])
                for p in i["positions"]
                if p["statements"] or p["answer"]
            ),
            i["title"],
        )
        for i in raw["issues"]
    )
    correspondences = tuple(
        Correspondence(
            c["id"],
            Ref.parse(c["left"]),
            Ref.parse(c["right"]),
            CorrespondenceType(c["type"]),
            c["rationale"],
            c["issue"],
        )
        for c in raw["correspondences"]
    )
    return Comparison(
        raw["id"], raw["title"], tuple(by_id[i] for i in raw["maps"]), issues, correspondences
    )


def load_comparison(path: str | Path) -> Comparison | None:
    """Read the comparison of a file written by :func:`dump` (``None`` if it has none)."""
    return loads_comparison(_read(path), str(path))


def sniff(head: bytes) -> bool:
    """Whether a file's first bytes look like argmap's JSON export."""
    return head.lstrip()[:1] == b"{" and SCHEMA.encode() in head


def read(path: Path, options: Mapping[str, Any]) -> ArgumentMap | Comparison:
    """The registry's JSON reader: the comparison if the file has one, else its one map."""
    if options:
        raise FormatError(
            f"the json format takes no options (got {', '.join(sorted(options))})",
            Location(str(path)),
        )
    text = _read(path)
    found = loads_comparison(text, str(path))
    if found is not None:
        return found
    maps = loads(text, str(path))
    if len(maps) != 1:
        raise FormatError(
            f"the file holds {len(maps)} maps and no comparison; read them with "
            "argmap.formats.json.load",
            Location(str(path)),
            pointer="/maps",
        )
    return maps[0]


def write(obj: object, path: Path) -> None:
    """The registry's JSON writer: a map, or a comparison with its maps."""
    if isinstance(obj, Comparison):
        dump(obj.maps, path, obj)
    elif isinstance(obj, ArgumentMap):
        dump([obj], path)
    else:
        raise FormatError(f"cannot write a {type(obj).__name__} as JSON", Location(str(path)))
