"""Build argmap: the Argdown reader's modules are compiled with mypyc where possible.

The metadata lives in pyproject.toml; this file only adds the compiled reader. The modules
named under ``[tool.argmap] compiled`` in pyproject.toml are plain, typed Python: mypyc
turns them into C extension modules (about a fifth less time for ``argmap check`` on big
maps; benchmarks/README.md). Where that cannot be done (no C compiler, no Python headers,
``ARGMAP_PURE=1`` in the environment), the same modules are installed as Python and run as
such, only slower: nothing else changes.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent


def compiled_modules() -> list[str]:
    """The source files of the modules to compile (pyproject.toml, ``[tool.argmap]``)."""
    with open(HERE / "pyproject.toml", "rb") as f:
        names: list[str] = tomllib.load(f)["tool"]["argmap"]["compiled"]
    return [name.replace(".", "/") + ".py" for name in names]


def _say(message: str) -> None:
    print(f"argmap build: {message}", file=sys.stderr)


def ext_modules() -> list[Any]:
    """The compiled reader's extension modules; none where it is not to be compiled."""
    if os.environ.get("ARGMAP_PURE"):
        _say("ARGMAP_PURE is set: the reader stays pure Python")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _say("mypyc is not installed: the reader stays pure Python")
        return []
    try:
        # mypy type-checks the modules it compiles and follows their imports into the rest of
        # argmap, whose other dependencies (numpy, graphviz, ...) the build does not install:
        # only the compiled modules' own errors count.
        options = ["--follow-imports=silent", "--ignore-missing-imports"]
        return list(
            mypycify([*options, *compiled_modules()], opt_level="3", group_name="argmap_reader")
        )
    except (Exception, SystemExit) as exc:  # mypyc reports type errors by exiting
        _say(f"mypyc could not compile the reader ({exc}): it stays pure Python")
        return []


class OptionalBuildExt(build_ext):
    """Builds the compiled reader, or nothing: the modules depend on each other, so one that
    fails to build (no C compiler, say) leaves all of them pure Python."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:
            _say(f"compiling the reader failed ({exc}): it stays pure Python")
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            if self.inplace:
                for ext in self.extensions:
                    Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            self.extensions = []


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
