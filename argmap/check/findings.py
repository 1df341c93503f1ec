"""What a check finds: :class:`Finding` objects with a severity, a code, a message and a
location, and the :class:`Report` of one run."""

from __future__ import annotations

import enum

import attrs

from argmap.model import Argument, ArgumentMap, Location, Statement


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

    def strict(self) -> Report:
        """The same report with every warning made an error (``argmap check --strict``)."""
        return attrs.evolve(
            self,
            findings=tuple(attrs.evolve(f, severity=Severity.ERROR) for f in self.findings),
        )

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
