"""The registry of file formats: which module reads and writes which kind of file.

A :class:`Format` names a format, the file suffixes it claims, and how to load and (where
supported) dump it. Formats are registered in one place, :mod:`argmap.formats` (its
``__init__``), with :func:`lazy` so that a format's module is imported only when a file of
that kind is read or written. :func:`for_path` picks the format of a file: by its suffix, and
where several formats claim a suffix, by sniffing the file's first bytes.

:func:`argmap.load` and :func:`argmap.dump` are the public entry points built on it.

>>> [f.name for f in formats()][:2]
['argdown', 'json']
>>> by_name("argdown").suffixes
('.argdown', '.ad')
>>> for_path("maps/comparison.argdown").name
'argdown'
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from argmap.errors import FormatError
from argmap.model import ArgumentMap, Location

if TYPE_CHECKING:
    from argmap.comparison import Comparison

__all__ = [
    "Format",
    "by_name",
    "dump",
    "for_path",
    "formats",
    "lazy",
    "load",
    "register",
]

#: How many bytes of a file :func:`for_path` hands to a format's ``sniff``.
SNIFF_BYTES = 4096

LoadFn = Callable[[Path, Mapping[str, Any]], "ArgumentMap | Comparison"]
DumpFn = Callable[[Any, Path], None]
SniffFn = Callable[[bytes], bool]


@attrs.frozen
class Format:
    """One registered file format.

    ``load(path, options)`` returns an :class:`~argmap.model.ArgumentMap` or a
    :class:`~argmap.comparison.Comparison`; ``dump(obj, path)`` writes one (``None``: the
    format is read-only); ``sniff(head)`` says whether the file's first bytes look like this
    format (``None``: the suffix decides alone). ``suffixes`` are lower-case, with the dot.
    """

    name: str
    suffixes: tuple[str, ...]
    description: str
    load: LoadFn
    dump: DumpFn | None = None
    sniff: SniffFn | None = None


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add ``fmt`` to the registry (a format of the same name is replaced); returns it."""
    _FORMATS[fmt.name] = fmt
    return fmt


def _ensure_registered() -> None:
    # The registrations live in argmap/formats/__init__.py, which imports this module.
    importlib.import_module("argmap.formats")


def formats() -> tuple[Format, ...]:
    """Every registered format, in registration order."""
    _ensure_registered()
    return tuple(_FORMATS.values())


def by_name(name: str) -> Format:
    """The format called ``name``; :class:`~argmap.errors.FormatError` if there is none."""
    _ensure_registered()
    try:
        return _FORMATS[name]
    except KeyError:
        known = ", ".join(_FORMATS)
        raise FormatError(f"unknown format {name!r}; known formats: {known}") from None


def _head(path: Path) -> bytes:
    from argmap.formats.files import read_head

    return read_head(path, SNIFF_BYTES)


def for_path(path: str | os.PathLike[str]) -> Format:
    """The format of the file at ``path``: by suffix, then by content where that is ambiguous.

    Raises :class:`~argmap.errors.FormatError` (located at the file) when no registered
    format claims the file.
    """
    _ensure_registered()
    p = Path(path)
    suffix = p.suffix.lower()
    claims = [f for f in _FORMATS.values() if suffix in f.suffixes]
    if len(claims) == 1:
        return claims[0]
    if claims:
        head = _head(p)
        sniffed = [f for f in claims if f.sniff is not None and f.sniff(head)]
        if sniffed:
            return sniffed[0]
        plain = [f for f in claims if f.sniff is None]
        if plain:
            return plain[0]
        return claims[0]
    known = ", ".join(s for f in _FORMATS.values() for s in f.suffixes)
    raise FormatError(
        f"no format reads {suffix or 'files without a suffix'!s}; name one with format= "
        f"(known suffixes: {known})",
        Location(str(path)),
    )


def load(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    allow_outside: Sequence[str | os.PathLike[str]] = (),
    max_bytes: int | None = None,
    **options: Any,
) -> ArgumentMap | Comparison:
    """Read the map or comparison in ``path``, in ``format`` or the format :func:`for_path`
    finds. Every file is read by :mod:`argmap.formats.files`: includes and sources must lie
    in ``path``'s folder or one of the ``allow_outside`` folders, and no file may be larger
    than ``max_bytes`` (default: :func:`~argmap.formats.files.default_max_bytes`). Other
    ``options`` go to the format's reader."""
    from argmap.formats import files

    fmt = by_name(format) if format is not None else for_path(path)
    with files.allowing(allow_outside), files.limited(max_bytes):
        return fmt.load(Path(path), options)


def dump(
    obj: ArgumentMap | Comparison, path: str | os.PathLike[str], format: str | None = None
) -> None:
    """Write ``obj`` to ``path`` in ``format`` or the format its suffix names."""
    fmt = by_name(format) if format is not None else for_path(path)
    if fmt.dump is None:
        raise FormatError(f"the {fmt.name} format cannot be written", Location(str(path)))
    fmt.dump(obj, Path(path))


def lazy(target: str) -> Callable[..., Any]:
    """A function that imports ``"module:attribute"`` on its first call and calls it.

    Registrations use it so that importing :mod:`argmap.formats` imports no format module.
    """
    module, _, name = target.partition(":")
    resolved: list[Callable[..., Any]] = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not resolved:
            resolved.append(getattr(importlib.import_module(module), name))
        return resolved[0](*args, **kwargs)

    call.__name__ = name
    call.__qualname__ = name
    call.__doc__ = f"Calls {target}, imported on first use."
    return call
