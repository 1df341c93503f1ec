"""Maps that check accepts must render: a section id reused by a subsection (review M1), and a
long support chain across sections."""

from __future__ import annotations

import hashlib
from pathlib import Path

from argmap.cli import main


def _map(folder: Path, body: str) -> Path:
    source = folder / "s.txt"
    source.write_text("essay text here about things\n", encoding="utf-8")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    path = folder / "m.argdown"
    head = f"# T {{map: m1, source: {{path: s.txt, sha256: {digest}, title: T, author: A}}}}\n\n"
    path.write_text(head + body, encoding="utf-8")
    return path


def test_a_subsection_reusing_its_parents_id_renders(tmp_path: Path) -> None:
    path = _map(
        tmp_path,
        "## Intro {id: intro}\n\n"
        '[M: T]: Thesis. #thesis\n    {quotes: [{text: "essay text", start: 0, end: 10}]}\n\n'
        "### Objections {id: intro}\n\n"
        '[M: C]: Claim. #claim\n    {quotes: [{text: "about things", start: 16, end: 28}]}\n'
        "    +> [M: T]\n",
    )
    assert main(["render", str(path), "-o", str(tmp_path / "m.svg")]) == 0
    svg = (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert "Thesis." in svg and "Claim." in svg


def test_a_long_chain_across_sections_renders(tmp_path: Path) -> None:
    quote = '    {quotes: [{text: "essay text", start: 0, end: 10}]}\n'
    parts = ["## A {id: a}\n\n", "[M: S0]: Thesis. #thesis\n" + quote + "\n"]
    for i in range(1, 1500):
        if i in (500, 1000):
            parts.append(f"## Part {i} {{id: p{i}}}\n\n")
        parts.append(f"[M: S{i}]: Step {i}. #claim\n{quote}    +> [M: S{i - 1}]\n\n")
    path = _map(tmp_path, "".join(parts))
    out = tmp_path / "m.dot"
    assert main(["render", str(path), "-o", str(out)]) == 0
    assert "Step 1499." in out.read_text(encoding="utf-8")
