"""Frontmatter settings of Argdown 1.7 that change how a document reads, and what argmap does
with each: applied, or a located warning that it is not (never a silent difference).

Applied: ``model.mode: strict`` (in the parser), ``model.removeTagsFromText`` (tags are left
out of statement and argument texts) and ``model.shortcodes`` (custom shortcodes, added to
the built-in ones as the CLI adds them). Not applied, with an :class:`ArgdownSettingWarning`
at the frontmatter: ``model.explodeArguments``, ``model.transformArgumentRelations: false``
and ``group.regroup`` (they rearrange arguments, relations and sections after reading).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import attrs

from argmap.model import Location

__all__ = [
    "SHORTCODES",
    "ArgdownSettingWarning",
    "Settings",
    "read_settings",
    "wants_general_lexer",
]

# Argdown's shortcodes: `.A.` or `:A:` become a symbol.
_SHORT = {
    "A": "∀", "E": "∃", "O": "\U0001d5e2", "P": "\U0001d5e3", "->": "→", "<->": "↔",
    "~": "¬", "^": "∧",
    "v": "\u2228", "v_": "⊻", "<>": "◇", "[]": "◻", "happy": "😀", "smiley": "☺",
    "laugh": "😆",
    "lol": "😆", "rofl": "🤣", "joy": "😂", "heart": "❤", "?": "❓", "question": "❓",
    "love": "😍", "wink": "😉", "shush": "🤫", "meh": "😐", "eye-roll": "🙄", "sad": "😢",
    "disappointed": "😞", "scream": "😱", "+1": "👍", "up": "👍", "-1": "👎", "down": "👎",
    "think": "🤔", "star": "⭐", "y": "✔", "agree": "✔", "n": "❌", "disagree": "❌",
}  # fmt: skip
SHORTCODES = {f"{d}{k}{d}": v for k, v in _SHORT.items() for d in ".:"}
SHORTCODES[":smile:"] = "☺️"
SHORTCODES[".smile."] = "☺"


class ArgdownSettingWarning(UserWarning):
    """A frontmatter setting the Argdown CLI applies and argmap does not; ``location`` is
    where the frontmatter starts."""

    def __init__(self, message: str, location: Location | None) -> None:
        super().__init__(f"{location}: {message}" if location else message)
        self.location = location


@attrs.frozen
class Settings:
    """The settings the reader applies."""

    remove_tags: bool = False
    shortcodes: Mapping[str, str] = attrs.field(factory=lambda: SHORTCODES)


def _section(frontmatter: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = frontmatter.get(key)
    return value if isinstance(value, dict) else {}


def _warn(message: str, where: Location | None) -> None:
    warnings.warn(ArgdownSettingWarning(message, where), stacklevel=4)


def read_settings(frontmatter: Mapping[str, Any], where: Location | None) -> Settings:
    """The settings of a document's frontmatter; warns about the ones argmap does not apply."""
    model = _section(frontmatter, "model")
    group = _section(frontmatter, "group")
    if model.get("explodeArguments"):
        _warn(
            "frontmatter setting model.explodeArguments is not applied by argmap: arguments "
            "with several inferences stay one argument",
            where,
        )
    if model.get("transformArgumentRelations") is False:
        _warn(
            "frontmatter setting model.transformArgumentRelations: false is not applied by "
            "argmap: relations of an argument are still moved to its conclusion",
            where,
        )
    if group.get("regroup"):
        _warn(
            "frontmatter setting group.regroup is not applied by argmap: sections come from "
            "the headings",
            where,
        )
    shortcodes: Mapping[str, str] = SHORTCODES
    custom = model.get("shortcodes")
    if isinstance(custom, dict) and custom:
        merged = dict(SHORTCODES)
        for code, info in custom.items():
            symbol = info.get("unicode") if isinstance(info, dict) else None
            if isinstance(code, str) and isinstance(symbol, str):
                merged.setdefault(code, symbol)  # the CLI keeps its built-in codes first
            else:
                _warn(
                    f"frontmatter shortcode {code!r} is not applied by argmap: write it as "
                    '{unicode: "symbol"}',
                    where,
                )
        shortcodes = merged
    return Settings(bool(model.get("removeTagsFromText")), shortcodes)


def wants_general_lexer(text: str) -> bool:
    """Whether the frontmatter of ``text`` may set removeTagsFromText, which the lexer's
    paragraph fast paths do not follow (they keep tags in the text)."""
    head = text[:200].lstrip()
    if not head.startswith("==="):
        return False
    end = text.find("===", text.find("===") + 3)
    return "removeTagsFromText" in text[: end if end != -1 else len(text)]
