"""The exceptions argmap raises for bad input, each with where the input was bad.

Every error is an :class:`ArgmapError` carrying a message and, where known, a
:class:`~argmap.model.Location`; ``str(error)`` reads ``file:line:col: message``. The
subclasses let callers catch kinds of trouble apart:

- :class:`ArgdownSyntaxError`: the Argdown text cannot be read;
- :class:`ConventionError`: the map reads but breaks argmap's conventions (check findings);
- :class:`SourceError`: sources, quotes, paths, decoding of files;
- :class:`RenderError`: Graphviz and writing outputs;
- :class:`FormatError`: other input formats (JSON, AIF, XML), located by line or JSON pointer;
- :class:`LimitError`: sizes, depths and time limits.

>>> try:
...     raise SourceError("file not found", Location("essay.txt"))
... except ArgmapError as e:
...     print(e)
essay.txt:1:1: file not found
"""

from __future__ import annotations

from argmap.model import Location

__all__ = [
    "ArgdownSyntaxError",
    "ArgmapError",
    "ConventionError",
    "FormatError",
    "LimitError",
    "RenderError",
    "SourceError",
]


class ArgmapError(Exception):
    """Bad input: a message and, where known, the ``file:line:col`` it points at.

    >>> str(ArgmapError("unclosed bracket", Location("a.argdown", 3, 7)))
    'a.argdown:3:7: unclosed bracket'
    """

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Pickle (multiprocessing, caches) with both arguments, not just the message.
        return (type(self), (self.message, self.location))


class ArgdownSyntaxError(ArgmapError):
    """The Argdown text cannot be read: brackets, indentation, YAML data, includes.

    >>> str(ArgdownSyntaxError("unclosed bracket", Location("a.argdown", 3, 7)))
    'a.argdown:3:7: unclosed bracket'
    """


class ConventionError(ArgmapError):
    """The map reads as Argdown but breaks argmap's conventions (roles, ids, check findings)."""


class SourceError(ArgmapError):
    """A file that cannot be read as asked: missing, outside the allowed folders, not a
    regular file, or not decodable text; also sources and quotes that do not match."""


class RenderError(ArgmapError):
    """A diagram or output cannot be made: Graphviz missing or failing, output not writable."""


class FormatError(ArgmapError):
    """A non-Argdown input (JSON, AIF, XML, ...) is malformed.

    ``pointer`` is a JSON pointer (RFC 6901) into the document when the format has no lines
    to point at; it is shown after the location.

    >>> str(FormatError("expected a string", Location("m.json", 4, 9), pointer="/nodes/0/text"))
    'm.json:4:9: at /nodes/0/text: expected a string'
    """

    def __init__(
        self, message: str, location: Location | None = None, *, pointer: str | None = None
    ) -> None:
        super().__init__(message, location)
        self.pointer = pointer

    def __str__(self) -> str:
        where = f"at {self.pointer}: " if self.pointer is not None else ""
        return f"{self.location}: {where}{self.message}" if self.location else where + self.message

    def __reduce__(self) -> tuple[object, ...]:
        return (_format_error, (self.message, self.location, self.pointer))


def _format_error(message: str, location: Location | None, pointer: str | None) -> FormatError:
    return FormatError(message, location, pointer=pointer)


class LimitError(ArgmapError):
    """Input over one of argmap's limits (sizes, depths, timeouts); the message says how to
    raise the limit."""
