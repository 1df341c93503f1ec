"""What the subcommand modules share: the subparsers type, output, atomic writes, exit."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

Subparsers = Any  # argparse's _SubParsersAction is private


def _out(text: str = "") -> None:
    from argmap.text import terminal

    # Map text may hold escape sequences and bidi controls: shown, never sent raw.
    sys.stdout.write(terminal(text) + "\n")


def _allow_outside(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-outside",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="also read includes and sources under PATH (a folder or file outside the folder "
        "of the file given; repeatable)",
    )


def _guard_output(out: Path, inputs: Sequence[Path], maps: Sequence[ArgumentMap]) -> None:
    """Refuse to write ``out`` over one of the command's inputs: a file it was given, a map
    it read, or a map's source text."""
    from argmap.errors import ArgmapError
    from argmap.model import Location

    read = [*inputs]
    for m in maps:
        if m.location is not None:
            here = Path(m.location.path)
            read.append(here)
            if m.source is not None:
                read.append(here.parent / m.source.path)
    try:
        target = out.resolve()
    except (OSError, RuntimeError, ValueError):
        return
    for path in read:
        try:
            same = path.resolve() == target
        except (OSError, RuntimeError, ValueError):
            continue
        if same:
            raise ArgmapError(
                f"refusing to overwrite {path}: it is an input of this command; "
                "choose another output file",
                Location(str(out)),
            )


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
    """Write ``text`` to ``path`` through a temporary file in its folder (all or nothing);
    unless ``replace``, never over an existing file (:func:`argmap.formats.files.write_text`)."""
    from argmap.formats.files import write_text

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, text, replace=replace)
