"""What the subcommand modules share: the subparsers type, output, atomic writes, exit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

Subparsers = Any  # argparse's _SubParsersAction is private


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _exit(code: int) -> None:
    """End the process now with ``code``, its output flushed, skipping the interpreter's
    teardown (freeing what the check read one object at a time). Return instead when
    something is registered to run at exit, or the output cannot be flushed: the usual exit
    then does it all as before."""
    import atexit
    import os

    if atexit._ncallbacks():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    os._exit(code)


def _write_new(path: Path, text: str, *, replace: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file in its folder (all or nothing)."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if path exists: never overwrite
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
