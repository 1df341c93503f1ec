"""The ``argmap`` command line: one small ``_add_<command>`` function per subcommand.

The subcommands live in modules by group (:mod:`argmap.cli.check`, ``export``, ``draw``,
``new``); this package assembles the parser and runs it.

To add a subcommand, write ``_add_<name>(subparsers)`` that creates its parser and sets
``run=<function(args) -> int>`` with ``set_defaults``, and append it to :data:`COMMANDS`.
Import heavy modules inside the run function, so ``argmap --help`` stays fast. A run
function returns the exit code; it may raise :class:`~argmap.errors.ArgmapError` or
:class:`OSError`, which :func:`main` turns into ``argmap: file:line:col: message`` and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from argmap.cli._common import Subparsers
from argmap.cli.check import _add_anchor, _add_check, _add_quote
from argmap.cli.draw import _add_build, _add_explore, _add_render
from argmap.cli.export import _add_convert, _add_export, _add_formats
from argmap.cli.new import _add_new, _add_new_comparison, _add_suggest

__all__ = ["COMMANDS", "main"]


#: Every subcommand's parser builder, in the order ``argmap --help`` lists them.
COMMANDS: list[Callable[[Subparsers], None]] = [
    _add_new,
    _add_new_comparison,
    _add_suggest,
    _add_quote,
    _add_anchor,
    _add_check,
    _add_build,
    _add_render,
    _add_explore,
    _add_export,
    _add_convert,
    _add_formats,
]


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of ``command`` alone when there is one by that name
    (what parsing that command's arguments needs, and quicker to build)."""
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Comparative argument mapping: Argdown maps of essays, quote-anchored.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    name = (command or "").replace("-", "_")
    for add in [add for add in COMMANDS if add.__name__ == f"_add_{name}"] or COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``argmap`` with ``argv`` (default: the process arguments); return the exit code.

    Without ``argv`` this is the process's own command line, and ``argmap check`` ends the
    process itself once its report is written (see :func:`argmap.cli._common._exit`).
    """
    words = sys.argv[1:] if argv is None else argv
    args = _parser(words[0] if words else None).parse_args(argv)
    args.exit_when_done = argv is None
    from argmap.errors import ArgmapError

    run: Callable[[argparse.Namespace], int] = args.run
    try:
        allowed: list[Path] = getattr(args, "allow_outside", [])
        if allowed:
            from argmap.formats.files import allowing

            with allowing(allowed):
                return run(args)
        return run(args)
    except BrokenPipeError:
        # The reader went away (e.g. `argmap ... | head`): stop quietly.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except ArgmapError as exc:
        from argmap.text import terminal

        sys.stderr.write(f"argmap: {terminal(str(exc))}\n")
    except UnicodeDecodeError as exc:
        sys.stderr.write(f"argmap: input is not UTF-8: {exc}\n")
    except OSError as exc:
        name = exc.filename if exc.filename is not None else ""
        reason = exc.strerror or str(exc)
        sys.stderr.write(f"argmap: {name}: {reason}\n" if name else f"argmap: {reason}\n")
    return 2
