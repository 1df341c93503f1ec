"""Two builds into one folder cannot mix: the second waits for the build lock (filelock:
flock on POSIX, msvcrt on Windows), writes nothing while it waits, and finishes after."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.build import LOCK, _locked
from argmap.errors import RenderError

REPO = Path(__file__).resolve().parent.parent
COMPARISON = REPO / "maps" / "comparison.argdown"


def _stderr_line(proc: subprocess.Popen[str], guard: float = 300.0) -> str:
    """The next line the process writes to stderr (``guard``: give up on a hung process)."""
    assert proc.stderr is not None
    ready, _, _ = select.select([proc.stderr], [], [], guard)
    assert ready, "the second build neither waited nor finished"
    return proc.stderr.readline()


@pytest.mark.skipif(not hasattr(select, "select") or os.name != "posix", reason="POSIX pipes")
def test_a_second_build_waits_for_the_first_and_writes_nothing_meanwhile(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with _locked(out):  # the "first build", holding the lock
        proc = subprocess.Popen(
            [sys.executable, "-m", "argmap", "build", str(COMPARISON), "-o", str(out)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        try:
            line = _stderr_line(proc)
            assert line.startswith("waiting for another build into"), line
            assert sorted(p.name for p in out.iterdir()) == [LOCK]  # nothing written yet
        except BaseException:
            proc.kill()
            raise
    # The first build is done: the second takes the lock and builds.
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stdout + stderr
    assert (out / "report.html").is_file() and (out / "comparison.json").is_file()


def test_the_lock_is_free_again_after_a_build_ends(tmp_path: Path) -> None:
    with _locked(tmp_path):
        pass
    with _locked(tmp_path):  # would wait for ever if the first had not released it
        pass
    assert (tmp_path / LOCK).is_file()


def test_a_symlink_at_the_locks_name_is_refused_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    (tmp_path / LOCK).symlink_to(target)
    with pytest.raises(RenderError, match="build lock"), _locked(tmp_path):
        pass
    assert target.read_text(encoding="utf-8") == "keep me\n"
