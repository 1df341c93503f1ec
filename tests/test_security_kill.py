"""kill -9 during a build leaves no torn file (review finding M5).

A build of the real comparison (with PNGs, which Graphviz writes itself) is killed, process
group and all, at spread-out moments. Every output file then present must be byte-identical
to the one a complete build writes: each file is written under a temporary name and renamed
into place, so a file is there whole or not at all. ``ARGMAP_KILL_TRIALS`` sets the number of
trials (default 3; the closing note records a run of 20).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPARISON = ROOT / "maps" / "comparison.argdown"

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")


def _build(out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "argmap", "build", str(COMPARISON), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches Graphviz too
    )


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


def test_killed_build_leaves_no_torn_file(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    started = time.monotonic()
    assert _build(reference).wait(timeout=600) == 0
    full = time.monotonic() - started
    expected = _outputs(reference)
    trials = int(os.environ.get("ARGMAP_KILL_TRIALS", "3"))
    torn: list[str] = []
    for trial in range(trials):
        out = tmp_path / f"out{trial}"
        if trial % 2:  # half the trials overwrite a complete earlier build
            shutil.copytree(reference, out)
        process = _build(out)
        time.sleep(full * (trial + 1) / (trials + 1))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        if not out.exists():
            continue
        for name, data in _outputs(out).items():
            if expected.get(name) != data:
                torn.append(f"trial {trial}: {name} ({len(data)} bytes)")
    assert not torn, torn
