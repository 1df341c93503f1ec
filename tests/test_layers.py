"""The layers point one way: model <- formats <- analysis <- render <- cli / build / sphinx /
explorer. Every import in argmap's sources (at module level or inside a function) is read with
``ast`` and must point to the same layer or a lower one; a module no rule classifies fails the
test, so a new top-level module must be placed in a layer here."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"

#: Layer numbers, lowest first. Exact names, then package prefixes (``argmap.formats.`` covers
#: every module under argmap/formats/, so new modules there are classified automatically).
LAYERS = {0: "model", 1: "formats", 2: "analysis", 3: "render", 4: "top"}
EXACT = {
    "argmap.model": 0,
    "argmap.errors": 0,
    "argmap.text": 0,
    "argmap.comparison": 0,  # the comparison's data classes: no formats, no analyses
    "argmap.formats": 1,
    "argmap.quotes": 1,
    "argmap.compare": 2,
    "argmap.analysis": 2,
    "argmap.check": 2,
    "argmap.anchor": 2,
    "argmap.scaffold": 2,
    "argmap.render": 3,
    "argmap.cli": 4,
    "argmap.build": 4,
    "argmap.build_ahead": 4,
    "argmap.sphinx": 4,
    "argmap.explorer": 4,
    "argmap": 4,  # the package's load/dump reach the formats registry
    "argmap.__main__": 4,
}
PREFIXES = {
    "argmap.model.": 0,
    "argmap.formats.": 1,
    "argmap.analysis.": 2,
    "argmap.check.": 2,
    "argmap.render.": 3,
    "argmap.cli.": 4,
    "argmap.sphinx.": 4,
    "argmap.explorer.": 4,
}


def layer(module: str) -> int | None:
    """The layer of an argmap module, or None when no rule places it."""
    if module in EXACT:
        return EXACT[module]
    for prefix, number in PREFIXES.items():
        if module.startswith(prefix):
            return number
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, name: str, known: set[str]) -> list[tuple[str, int]]:
    """The argmap modules ``path`` imports, with line numbers. ``from argmap.x import y``
    counts as importing ``argmap.x.y`` when that is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.startswith("argmap")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if not base.startswith("argmap"):
                continue
            for a in node.names:
                full = f"{base}.{a.name}"
                out.append((full if full in known else base, node.lineno))
    return out


def violations(sources: dict[str, Path]) -> list[str]:
    known = set(sources)
    problems: list[str] = []
    for name, path in sources.items():
        own = layer(name)
        if own is None:
            problems.append(f"{path}: module {name} is in no layer: add it to tests/test_layers.py")
            continue
        for target, line in imports(path, name, known):
            theirs = layer(target)
            if theirs is not None and theirs > own:
                problems.append(
                    f"{path}:{line}: {name} ({LAYERS[own]}) imports {target} ({LAYERS[theirs]})"
                )
    return problems


def test_every_import_points_down_or_sideways() -> None:
    sources = modules()
    assert "argmap.model" in sources and "argmap.formats.argdown" in sources
    assert violations(sources) == []


def test_a_wrong_way_import_fails(tmp_path: Path) -> None:
    wrong = tmp_path / "model.py"
    wrong.write_text("def f():\n    from argmap.render import dot\n", encoding="utf-8")
    found = violations({**modules(), "argmap.model": wrong})
    assert found == [f"{wrong}:2: argmap.model (model) imports argmap.render.dot (render)"]
    relative = tmp_path / "json.py"
    relative.write_text("from ..check import files\n", encoding="utf-8")
    sources = {**modules(), "argmap.formats.json": relative}
    # a relative import is resolved against the module's own package (argmap.formats)
    assert violations(sources) == [
        f"{relative}:1: argmap.formats.json (formats) imports argmap.check.files (analysis)"
    ]


def test_unknown_top_level_modules_must_be_placed() -> None:
    assert layer("argmap.formats.brand_new") == 1
    assert layer("argmap.explorer.server") == 4
    assert layer("argmap.somewhere") is None


@pytest.mark.parametrize("module", ["argmap.compare", "argmap.render"])
def test_importing_changes_no_global_state(module: str) -> None:
    """Importing the comparison API or the renderers registers nothing anywhere: no JSON hooks
    (the JSON format registers its own), no IPython formatters (load_ipython_extension does)."""
    probe = (
        "import sys, types\n"
        "calls = []\n"
        "class Formatter:\n"
        "    def for_type(self, *a): calls.append(a)\n"
        "class Shell:\n"
        "    display_formatter = types.SimpleNamespace("
        "formatters={'image/svg+xml': Formatter()})\n"
        "fake = types.ModuleType('IPython')\n"
        "fake.get_ipython = Shell\n"
        "sys.modules['IPython'] = fake  # as if inside a notebook\n"
        "from argmap.formats import json\n"
        "def hooks():\n"
        "    c = json.converter\n"
        "    return (len(c._unstructure_func._function_dispatch._handler_pairs),"
        " len(c._structure_func._function_dispatch._handler_pairs))\n"
        "before = hooks()\n"
        f"import {module}\n"
        "print(before == hooks(), calls == [])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["True", "True"]
