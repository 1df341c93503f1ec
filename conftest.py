"""Collection of argmap's doctests (``--doctest-modules``, see pyproject.toml).

A package folder whose optional dependency is not installed (the Sphinx extension without
Sphinx) is left out of the doctest run rather than failing to import; add a line to
``_OPTIONAL`` for another such folder.
"""

from __future__ import annotations

import importlib.util

#: argmap package folders and the third-party module each needs to be imported at all.
_OPTIONAL = {"argmap/sphinx": "sphinx"}

collect_ignore_glob = [
    f"{folder}/*" for folder, needs in _OPTIONAL.items() if importlib.util.find_spec(needs) is None
]
