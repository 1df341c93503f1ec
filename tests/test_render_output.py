"""Writing drawings: formats, the dot / graphviz-pure fallback, the error when neither exists."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.model import MapBuilder, Role
from argmap.render import find_layout, map_graph, render, svg

REAL_DOT = shutil.which("dot")


def small_graph():  # type: ignore[no-untyped-def]
    m = (
        MapBuilder("m", "Small")
        .statement("T", "Tax land.", Role.THESIS, quote="tax")
        .statement("E", "Values rose.", Role.EVIDENCE, quote="rose")
        .support("E", "T")
        .build()
    )
    return map_graph(m)


def only_on_path(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    monkeypatch.setenv("PATH", str(directory))


def fake_pure(directory: Path) -> Path:
    """A ``graphviz-pure`` stand-in that runs the real dot (the fallback's calling convention)."""
    assert REAL_DOT is not None
    script = directory / "graphviz-pure"
    script.write_text(f'#!/bin/sh\nexec "{REAL_DOT}" "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "dot"])
def test_render_writes_each_format(tmp_path: Path, fmt: str) -> None:
    out = render(small_graph(), tmp_path / f"m.{fmt}", fmt)  # type: ignore[arg-type]
    data = out.read_bytes()
    magic = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph argmap_m"}
    assert data.startswith(magic[fmt])


def test_unknown_format_is_an_argmap_error(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="unknown output format 'gif'"):
        render(small_graph(), tmp_path / "m.gif", "gif")  # type: ignore[arg-type]


def test_missing_graphviz_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_on_path(monkeypatch, tmp_path)
    with pytest.raises(ArgmapError) as info:
        render(small_graph(), tmp_path / "m.svg")
    message = str(info.value)
    assert "apt-get install graphviz" in message
    assert "pip install argmap[pure]" in message
    with pytest.raises(ArgmapError):
        svg(small_graph())
    # DOT source needs no layout program
    assert render(small_graph(), tmp_path / "m.dot", "dot").read_text().startswith("digraph")


def test_falls_back_to_graphviz_pure_without_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = fake_pure(bin_dir)
    only_on_path(monkeypatch, bin_dir)
    layout = find_layout()
    assert (layout.name, layout.executable) == ("graphviz-pure", str(script))
    assert "<svg" in svg(small_graph())
    assert render(small_graph(), tmp_path / "m.png", "png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(ArgmapError, match=r"graphviz-pure cannot write PDF.*apt-get install"):
        render(small_graph(), tmp_path / "m.pdf", "pdf")


def test_dot_on_path_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert REAL_DOT is not None
    fake_pure(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}:{Path(REAL_DOT).parent}")
    assert find_layout().name == "dot"


def test_layout_failure_is_an_argmap_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "dot"
    bad.write_text("#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 1\n", encoding="utf-8")
    bad.chmod(bad.stat().st_mode | stat.S_IXUSR)
    only_on_path(monkeypatch, tmp_path)
    with pytest.raises(ArgmapError, match=r"m\.svg:1:1: dot failed \(exit 1\): syntax error"):
        render(small_graph(), tmp_path / "m.svg")


def test_ipython_extension_registers_svg_formatters() -> None:
    import argmap
    from argmap.compare import Comparison
    from argmap.model import ArgumentMap, MapBuilder, Role

    class Formatter:
        def __init__(self) -> None:
            self.printers: dict[type, object] = {}

        def for_type(self, cls: type, fn: object) -> None:
            self.printers[cls] = fn

    class Shell:
        def __init__(self) -> None:
            self.display_formatter = type("D", (), {"formatters": {"image/svg+xml": Formatter()}})

    shell = Shell()
    argmap.load_ipython_extension(shell)
    printers = shell.display_formatter.formatters["image/svg+xml"].printers
    assert set(printers) == {ArgumentMap, Comparison}
    m = MapBuilder("m").statement("T", "Tax <land>.", Role.THESIS, quote="q").build()
    drawn = printers[ArgumentMap](m)  # type: ignore[operator]
    assert drawn.lstrip().startswith(("<?xml", "<svg", "<!--")) and "Tax &lt;land&gt;." in drawn
