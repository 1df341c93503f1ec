"""Build an :class:`~argmap.model.ArgumentMap` from Python (import it from
:mod:`argmap.model`)."""

from __future__ import annotations

from collections.abc import Iterable

from argmap.model.map import ArgumentMap
from argmap.model.values import (
    Argument,
    Quote,
    Relation,
    RelationType,
    Role,
    Section,
    Source,
    Statement,
    View,
)

__all__ = ["MapBuilder"]


class MapBuilder:
    """Build an :class:`ArgumentMap` from Python, one call per node or relation."""

    def __init__(self, map_id: str, title: str = "", source: Source | None = None) -> None:
        self._id = map_id
        self._title = title
        self._source = source
        self._sections: list[Section] = []
        self._statements: list[Statement] = []
        self._arguments: list[Argument] = []
        self._relations: list[Relation] = []
        self._section: str | None = None

    def section(self, section_id: str, title: str, level: int = 2) -> MapBuilder:
        """Add a section (a heading of the essay); later statements may name it."""
        parent = next((s.id for s in reversed(self._sections) if s.level < level), None)
        self._sections.append(Section(section_id, title, level, parent))
        self._section = section_id
        return self

    def statement(
        self,
        statement_id: str,
        text: str,
        role: Role | str = Role.CLAIM,
        *,
        quote: str | Quote | Iterable[str | Quote] = (),
        tags: Iterable[str] = (),
        citation: str | None = None,
        note: str | None = None,
        view: View | None = None,
        aside: str | None = None,
    ) -> MapBuilder:
        """Add a statement; ``quote`` is one quote (text or :class:`Quote`) or several."""
        raw = [quote] if isinstance(quote, str | Quote) else list(quote)
        quotes = tuple(q if isinstance(q, Quote) else Quote(q) for q in raw)
        self._statements.append(
            Statement(
                statement_id,
                text,
                Role(role),
                quotes,
                self._section,
                tuple(tags),
                citation,
                note,
                view,
                aside,
            )
        )
        return self

    def argument(
        self,
        argument_id: str,
        premises: Iterable[str],
        conclusion: str,
        text: str = "",
        inference: str | None = None,
    ) -> MapBuilder:
        """Add an argument: premises, a conclusion and an optional inference rule."""
        self._arguments.append(
            Argument(argument_id, text, tuple(premises), conclusion, inference, self._section)
        )
        return self

    def relate(self, source: str, target: str, kind: RelationType | str) -> MapBuilder:
        """Add a relation of ``kind`` (a :class:`RelationType` or its value), source to target."""
        self._relations.append(Relation(source, target, RelationType(kind)))
        return self

    def support(self, source: str, target: str) -> MapBuilder:
        """Add ``source`` supports ``target``."""
        return self.relate(source, target, RelationType.SUPPORT)

    def attack(self, source: str, target: str) -> MapBuilder:
        """Add ``source`` attacks ``target``."""
        return self.relate(source, target, RelationType.ATTACK)

    def undercut(self, source: str, target: str) -> MapBuilder:
        """Add ``source`` undercuts the inference of the argument ``target``."""
        return self.relate(source, target, RelationType.UNDERCUT)

    def contradict(self, source: str, target: str) -> MapBuilder:
        """Add a contradiction between ``source`` and ``target`` (symmetric)."""
        return self.relate(source, target, RelationType.CONTRADICTION)

    def build(self) -> ArgumentMap:
        """The map built so far (the builder can go on adding)."""
        return ArgumentMap(
            self._id,
            self._title,
            self._source,
            self._sections,
            self._statements,
            self._arguments,
            self._relations,
        )
