"""Names shared by the AIF reader and writer: node types, default schemes, the metadata key."""

from __future__ import annotations

__all__ = [
    "AIF_TYPES",
    "ARGMAP_KEY",
    "ARGMAP_SCHEMA",
    "DEFAULT_CONFLICT",
    "DEFAULT_INFERENCE",
    "DEFAULT_REPHRASE",
    "DEFAULT_TRANSITION",
    "DIALOGUE_TYPES",
    "SCHEME_IDS",
    "STANCE_ILLOCUTION",
]

#: The node types of AIF (AIFdb form); any other type is a malformed document.
AIF_TYPES = frozenset({"I", "L", "RA", "CA", "MA", "PA", "TA", "YA"})
#: The dialogue layer: locutions, transitions between them and illocutionary anchors.
DIALOGUE_TYPES = frozenset({"L", "TA", "YA"})

#: The top-level key holding what AIF has no place for (ids, roles, sections, tags, notes).
#: AIFdb and OVA read ``nodes``/``edges``/``locutions``/``participants`` and ignore the rest.
ARGMAP_KEY = "argmap"
ARGMAP_SCHEMA = "argmap-aif/1"

DEFAULT_INFERENCE = "Default Inference"
DEFAULT_CONFLICT = "Default Conflict"
DEFAULT_REPHRASE = "Default Rephrase"
DEFAULT_TRANSITION = "Default Transition"

#: AIFdb's scheme ids for the schemes argmap writes (as AIFdb's own exports number them).
SCHEME_IDS = {
    DEFAULT_CONFLICT: "71",
    DEFAULT_INFERENCE: "72",
    "Asserting": "74",
    "Agreeing": "77",
    "Disagreeing": "78",
    DEFAULT_TRANSITION: "82",
    "Restating": "101",
    DEFAULT_REPHRASE: "144",
}

#: The illocution that anchors an author's quote of a statement, by the statement's view:
#: the author's own view is asserted; a reported view is agreed with, disagreed with or
#: restated without a stance.
STANCE_ILLOCUTION = {
    None: "Asserting",
    "endorses": "Agreeing",
    "rejects": "Disagreeing",
    "open": "Restating",
}
