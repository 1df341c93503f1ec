"""Collection of argmap's doctests (``--doctest-modules``, see pyproject.toml).

A package folder whose optional dependency is not installed (the Sphinx extension without
Sphinx) is left out of the doctest run rather than failing to import; add a line to
``_OPTIONAL`` for another such folder.

The modules the install compiles (``[tool.argmap] compiled`` in pyproject.toml) are left
out too: compiled, a module's source file is not what its import gives, which pytest's
collection refuses. They hold no doctests (tests/test_compiled.py checks that).
"""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

#: argmap package folders and the third-party module each needs to be imported at all.
_OPTIONAL = {"argmap/sphinx": "sphinx"}

with open(Path(__file__).parent / "pyproject.toml", "rb") as _f:
    _COMPILED: list[str] = tomllib.load(_f)["tool"]["argmap"]["compiled"]

collect_ignore = [name.replace(".", "/") + ".py" for name in _COMPILED]
collect_ignore_glob = [
    f"{folder}/*" for folder, needs in _OPTIONAL.items() if importlib.util.find_spec(needs) is None
]
