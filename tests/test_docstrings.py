"""``help()`` is useful: every public function, class, method and property of the core modules
has a docstring. (The core: the model, errors, comparison API, registry, JSON and Argdown
formats, graph algorithms, quotes and anchor; other packages are listed in the closing notes.)"""

from __future__ import annotations

import enum
import importlib
import inspect

import pytest

CORE = [
    "argmap",
    "argmap.model",
    "argmap.errors",
    "argmap.comparison",
    "argmap.compare",
    "argmap.formats.registry",
    "argmap.formats.json",
    "argmap.formats.argdown",
    "argmap.formats.comparison",
    "argmap.analysis.graph",
    "argmap.quotes",
    "argmap.anchor",
]


def undocumented(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    out: list[str] = []
    for name in getattr(module, "__all__", ()):
        obj = getattr(module, name)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if obj.__module__ != module_name:
            continue  # documented where it is defined
        if not (obj.__doc__ or "").strip():
            out.append(name)
        if inspect.isclass(obj) and not issubclass(obj, enum.Enum):
            for key, value in vars(obj).items():
                if key.startswith("_"):
                    continue
                target = value.fget if isinstance(value, property) else value
                if isinstance(target, classmethod | staticmethod):
                    target = target.__func__
                if inspect.isfunction(target) and not (target.__doc__ or "").strip():
                    out.append(f"{name}.{key}")
    return out


@pytest.mark.parametrize("module_name", CORE)
def test_public_api_has_docstrings(module_name: str) -> None:
    assert undocumented(module_name) == []
