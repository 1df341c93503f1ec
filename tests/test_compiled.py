"""The compiled reader (setup.py compiles the modules of ``[tool.argmap] compiled`` in
pyproject.toml with mypyc) reads every document exactly as the same modules run as Python."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from argmap.formats import argdown
from argmap.formats import json as json_format

ROOT = Path(__file__).resolve().parent.parent
with open(ROOT / "pyproject.toml", "rb") as _f:
    COMPILED: list[str] = tomllib.load(_f)["tool"]["argmap"]["compiled"]

# Runs in a fresh interpreter: the compiled modules are imported from their Python sources
# (a finder placed before the standard ones), then every file named on the command line is
# read and written out as below, one JSON line each.
_PURE = """
import importlib.util, json, os, sys
NAMES = set(json.loads(sys.argv[1]))

class SourceFirst:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name not in NAMES:
            return None
        parent, _, leaf = name.rpartition(".")
        for folder in sys.modules[parent].__path__:
            source = os.path.join(folder, leaf + ".py")
            if os.path.exists(source):
                return importlib.util.spec_from_file_location(name, source)
        return None

sys.meta_path.insert(0, SourceFirst)
import tests.test_compiled as t
for name in NAMES:
    assert importlib.import_module(name).__file__.endswith(".py"), name
for path in sys.argv[2:]:
    print(json.dumps(t.reading(path)))
"""


def reading(path: str) -> dict[str, str]:
    """What the reader makes of one file: the document's repr, and the map as JSON with
    where its statements, arguments and relations are (or the error, located)."""
    text = Path(path).read_text(encoding="utf-8")
    out: dict[str, str] = {}
    try:
        out["document"] = repr(argdown.parse(text, path, include=False))
    except Exception as exc:  # an error is a reading too: both must give the same one
        out["document"] = f"{type(exc).__name__}: {exc}"
    try:
        m = argdown.loads(text, path)
        out["map"] = json_format.dumps([m])
        located = [*m.statements, *m.arguments, *m.relations]
        out["locations"] = " ".join(str(x.location) for x in located)
    except Exception as exc:
        out["map"] = f"{type(exc).__name__}: {exc}"
    return out


def _inputs(tmp_path: Path) -> list[str]:
    """The maps of maps/, the reader's fixtures and a generated map of 2,000 statements."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        bench = importlib.import_module("bench_check")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generated = tmp_path / "generated.argdown"
    generated.write_text(bench.generate_map(2000).argdown, encoding="utf-8")
    files = sorted((ROOT / "maps").glob("*.argdown"))
    files += sorted((ROOT / "tests" / "fixtures").rglob("*.argdown"))
    return [str(f) for f in files] + [str(generated)]


def _is_compiled(name: str) -> bool:
    return not str(importlib.import_module(name).__file__).endswith(".py")


def test_the_reader_is_compiled_unless_asked_not_to_be() -> None:
    """An install with a C compiler compiles the reader (setup.py); ARGMAP_PURE=1 at install
    (and when running the tests) keeps it Python."""
    compiled = [name for name in COMPILED if _is_compiled(name)]
    if os.environ.get("ARGMAP_PURE"):
        assert compiled == []
    else:
        assert compiled == COMPILED, (
            "the reader is not compiled (see setup.py): reinstall with a C compiler and the "
            "Python headers (make .venv/.installed-stamp), or set ARGMAP_PURE=1"
        )


def test_compiled_and_pure_readers_agree(tmp_path: Path) -> None:
    """Every map of maps/, every reader fixture (errors included) and a generated map read
    the same with the compiled modules and with their Python sources."""
    inputs = _inputs(tmp_path)
    assert len(inputs) > 50
    done = subprocess.run(
        [sys.executable, "-c", _PURE, json.dumps(COMPILED), *inputs],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pure = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(pure) == len(inputs)
    for path, seen in zip(inputs, pure, strict=True):
        assert reading(path) == seen, path
    # the inputs hold maps that read and documents that fail to
    assert sum(p["map"].startswith("{") for p in pure) >= 5
    assert sum(not p["document"].startswith("Document(") for p in pure) >= 5


def test_compiled_modules_hold_no_doctests() -> None:
    """conftest.py leaves the compiled modules out of the doctest run (pytest cannot collect
    a module whose import is not its source file): none may hold a doctest."""
    for name in COMPILED:
        source = (ROOT / (name.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        assert ">>>" not in source, (
            f"{name}: move its doctest to a test, or to a module not compiled"
        )


@pytest.mark.parametrize("name", COMPILED)
def test_compiled_modules_are_current(name: str) -> None:
    """A module compiled in place (an editable install) is not older than its source: an
    edited reader module must be compiled again, or the tests would test the old one."""
    module = importlib.import_module(name)
    built = Path(str(module.__file__))
    source = ROOT / (name.replace(".", "/") + ".py")
    assert source.exists()
    if built.suffix != ".py" and built.parent == source.parent:
        assert built.stat().st_mtime >= source.stat().st_mtime, (
            f"{built.name} is older than {source.name}: compile the reader again "
            "(make .venv/.installed-stamp, or pip install -e .)"
        )
