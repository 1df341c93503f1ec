"""Readers and writers: one module per format, registered here (the one place formats are).

Each registration names the format's functions as ``"module:function"`` strings that
:func:`~argmap.formats.registry.lazy` imports on first use, so importing this package stays
cheap. A new format is one module plus one ``register(...)`` line below.
"""

from argmap.formats.registry import Format, lazy, register

register(
    Format(
        "argdown",
        (".argdown", ".ad"),
        "Argdown: a map, or a comparison file that @includes maps",
        load=lazy("argmap.formats.comparison:read_argdown"),
        dump=lazy("argmap.formats.comparison:write_argdown"),
    )
)
register(
    Format(
        "json",
        (".json",),
        "argmap's JSON export (schema argmap/1): one map, or a comparison with its maps",
        load=lazy("argmap.formats.json:read"),
        dump=lazy("argmap.formats.json:write"),
        sniff=lazy("argmap.formats.json:sniff"),
    )
)
register(
    Format(
        "aif",
        (".json", ".aif"),
        "AIF JSON (AIFdb form): a map, or a comparison argmap wrote; any AIFdb file reads",
        load=lazy("argmap.formats.aif:read_path"),
        dump=lazy("argmap.formats.aif:write"),
        sniff=lazy("argmap.formats.aif:sniff"),
    )
)
register(
    Format(
        "argdown-json",
        (".json",),
        "the Argdown CLI's JSON export (argdown json): read into a map",
        load=lazy("argmap.formats.argdown_json:read_path"),
        sniff=lazy("argmap.formats.argdown_json:sniff"),
    )
)
register(
    Format(
        "microtexts",
        (".xml",),
        "arg-microtexts arggraph XML (the .txt beside it anchors the quotes)",
        load=lazy("argmap.formats.microtexts:read_path"),
        sniff=lazy("argmap.formats.microtexts:sniff"),
    )
)
register(
    Format(
        "graphml",
        (".graphml",),
        "GraphML of a map or a comparison, for network tools (written only)",
        load=lazy("argmap.formats.graphml:read"),
        dump=lazy("argmap.formats.graphml:write"),
    )
)
