"""The one exception type argmap raises for bad input, with where the input was bad."""

from __future__ import annotations

from argmap.model import Location

__all__ = ["ArgmapError", "LimitError", "SourceError"]


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


class SourceError(ArgmapError):
    """A file that cannot be read as asked: missing, outside the allowed folders, not a
    regular file, or not decodable text."""


class LimitError(ArgmapError):
    """Input over one of argmap's limits (sizes, depths, timeouts); the message says how to
    raise the limit."""
