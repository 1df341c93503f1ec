"""Plain words for the YAML mistakes people make in Argdown data (``{quotes: [...]}``).

PyYAML says *what* it did not find ("did not find expected ',' or '}'"); :func:`explain`
says what to write instead, for the common slips: a quote character inside a quoted value,
a bracket or brace left open, a ``: `` inside a value that is not quoted.

>>> explain('{quotes: ["he said "no" to it"]}')
'a `"` inside a double-quoted value must be written `\\\\"`'
>>> explain("{note: 'it's here'}")
"a `'` inside a single-quoted value must be written `''` (or put the value in double quotes)"
>>> explain('{quotes: [{text: "a", start: 3]}')
'a `{` is not closed by a `}` before the `]` (or a `[` by a `]`): check the brackets'
>>> explain("{note: a: b}")
'a value that contains `: ` must be put in double quotes'
>>> explain("{a: 1}") is None
True
"""

from __future__ import annotations

import re

__all__ = ["explain"]

_PLAIN_COLON = re.compile(r"[{,][ \t]*[A-Za-z_][\w-]*:[ \t]+[^\"'{\[\s][^,}\]\n]*?:[ \t]")


def _scan(data: str) -> tuple[str, str | None]:
    """``data`` with quoted strings blanked out, and the quote character of a string that
    is followed by more text (a quote inside a quoted value), if any."""
    out: list[str] = []
    i = 0
    while i < len(data):
        ch = data[i]
        opens = i == 0 or data[i - 1] in " \t\n[{,:"
        if ch not in "\"'" or not opens:
            out.append(ch)
            i += 1
            continue
        j = i + 1
        while j < len(data):
            if ch == '"' and data[j] == "\\":
                j += 2
                continue
            if data[j] == ch:
                if ch == "'" and data[j + 1 : j + 2] == "'":
                    j += 2
                    continue
                break
            j += 1
        rest = data[j + 1 :].lstrip(" \t")
        if rest and rest[0] not in ",]}:#\n":
            return "".join(out), ch
        out.append('""')
        i = j + 1
    return "".join(out), None


def explain(data: str) -> str | None:
    """What is most likely wrong with the YAML ``data``, in plain words; None if no idea."""
    bare, inner = _scan(data)
    if inner == '"':
        return 'a `"` inside a double-quoted value must be written `\\"`'
    if inner == "'":
        return (
            "a `'` inside a single-quoted value must be written `''` "
            "(or put the value in double quotes)"
        )
    stack: list[str] = []
    pairs = {"]": "[", "}": "{"}
    for ch in bare:
        if ch in "[{":
            stack.append(ch)
        elif ch in "]}":
            if not stack or stack[-1] != pairs[ch]:
                opened = stack[-1] if stack else None
                if opened is None:
                    return f"a `{ch}` closes nothing: check the brackets"
                close = "}" if opened == "{" else "]"
                return (
                    f"a `{opened}` is not closed by a `{close}` before the `{ch}` "
                    f"(or a `{pairs[ch]}` by a `{ch}`): check the brackets"
                )
            stack.pop()
    if stack:
        close = "}" if stack[-1] == "{" else "]"
        return f"a `{stack[-1]}` is never closed: add a `{close}`"
    if _PLAIN_COLON.search(data):
        return "a value that contains `: ` must be put in double quotes"
    return None
