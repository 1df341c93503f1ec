#!/usr/bin/env python3
"""Regenerate the Argdown CLI goldens under tests/fixtures/argdown/golden/.

For every top-level fixture ``tests/fixtures/argdown/*.argdown`` this writes
``golden/<name>.json``:

* a fixture the CLI accepts: the CLI's ``json --stdout --silent`` output, pretty-printed
  with sorted keys (the files are produced in one batched ``argdown json GLOB OUTDIR`` call,
  which writes the same JSON as ``--stdout``; each CLI start costs about 0.6 s);
* a ``fail-*`` fixture: ``{"error": ..., "exit": CODE}``.  The CLI prints nothing at all
  with ``--silent``, so fail fixtures run without it.  ``error`` is the first informative
  line of the CLI's output with colour codes removed and the fixture folder cut from paths:
  for a parser error the ``At LINE:COL`` line joined to the message that follows it
  (``"At 4:1: Invalid paragraph start. ..."``), otherwise the first non-empty line of stderr
  (then stdout), e.g. ``"YAMLException: missed comma between flow collection entries (1:15)"``.

A fixture named ``fail-*`` that the CLI accepts, or any other fixture it rejects, stops the
script with exit code 1: fixtures must say what the oracle does.

The CLI is ``$ARGDOWN`` if set (or ``--argdown PATH``); otherwise ``@argdown/cli@1.7.5`` is
installed with npm into a temporary folder that is removed afterwards.

Usage: ``python scripts/regen_goldens.py [--argdown PATH] [--check]``.  ``--check`` writes
nothing and exits 1 if a golden is missing, stale or different.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ARGDOWN_CLI_VERSION", "argdown_cli", "error_summary", "main", "render_golden"]

ARGDOWN_CLI_VERSION = "1.7.5"
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "argdown"
GOLDEN = FIXTURES / "golden"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_AT = re.compile(r"^At \d+:\d+$")


@contextlib.contextmanager
def argdown_cli(explicit: str | None = None) -> Iterator[Path]:
    """Yield the path of an Argdown CLI binary, installing one with npm if none is given."""
    given = explicit or os.environ.get("ARGDOWN")
    if given:
        path = Path(given)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise SystemExit(f"argdown CLI not found or not executable: {path}")
        yield path
        return
    if shutil.which("npm") is None:
        raise SystemExit("npm is not on PATH; set ARGDOWN to an installed argdown binary")
    with tempfile.TemporaryDirectory(prefix="argdown-cli-") as tmp:
        print(f"installing @argdown/cli@{ARGDOWN_CLI_VERSION} into {tmp} ...", file=sys.stderr)
        for cmd in (
            ["npm", "init", "-y"],
            ["npm", "install", "--no-audit", "--no-fund", f"@argdown/cli@{ARGDOWN_CLI_VERSION}"],
        ):
            subprocess.run(cmd, cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        yield Path(tmp) / "node_modules" / ".bin" / "argdown"


def render_golden(data: object) -> str:
    """Serialise golden data the way every golden file is written."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def error_summary(stderr: str, stdout: str, folder: Path) -> str:
    """Condense the CLI's failure output into one deterministic line."""
    prefix = str(folder.resolve()) + os.sep
    for text in (stderr, stdout):
        lines = [_ANSI.sub("", ln).strip() for ln in text.splitlines()]
        lines = [ln.replace(prefix, "") for ln in lines if ln]
        for i, line in enumerate(lines):
            if _AT.match(line):
                rest = lines[i + 1] if i + 1 < len(lines) else ""
                return f"{line}: {rest}" if rest else line
        if lines:
            return lines[0]
    return ""


def _accepted_goldens(cli: Path, names: list[str]) -> dict[str, str]:
    """Run the CLI once over all accepted fixtures; return name -> golden text."""
    out: dict[str, str] = {}
    if not names:
        return out
    with tempfile.TemporaryDirectory(prefix="argdown-goldens-") as tmp:
        work = Path(tmp) / "fixtures"
        # Copy the fixture tree (includes and sources resolve relative to each file), then drop
        # the fail fixtures so one glob covers exactly the accepted ones.
        shutil.copytree(FIXTURES, work, ignore=shutil.ignore_patterns("golden", "fail-*"))
        outdir = Path(tmp) / "out"
        proc = subprocess.run(
            [str(cli), "json", "--silent", str(work / "*.argdown"), str(outdir)],
            capture_output=True,
            text=True,
        )
        missing = [n for n in names if not (outdir / f"{n}.json").is_file()]
        if proc.returncode != 0 or missing:
            for name in missing:
                single = subprocess.run(
                    [str(cli), "json", "--stdout", str(work / f"{name}.argdown")],
                    capture_output=True,
                    text=True,
                )
                print(
                    f"{name}.argdown: rejected by the CLI (exit {single.returncode}): "
                    f"{error_summary(single.stderr, single.stdout, work)}",
                    file=sys.stderr,
                )
            raise SystemExit(f"batched CLI run failed (exit {proc.returncode}); see above")
        for name in names:
            data = json.loads((outdir / f"{name}.json").read_text(encoding="utf-8"))
            out[name] = render_golden(data)
    return out


def _fail_golden(cli: Path, name: str) -> str:
    """Run the CLI on one fail fixture and summarise how it failed."""
    proc = subprocess.run(
        [str(cli), "json", "--stdout", f"{name}.argdown"],
        cwd=FIXTURES,
        capture_output=True,
        text=True,
    )
    if proc.returncode == 0:
        raise SystemExit(f"{name}.argdown: the CLI accepts it, so it must not be a fail- fixture")
    summary = error_summary(proc.stderr, proc.stdout, FIXTURES)
    return render_golden({"error": summary, "exit": proc.returncode})


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or with --check, verify) every golden file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--argdown", help="path of an argdown binary (default: $ARGDOWN or npm)")
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    args = parser.parse_args(argv)

    names = sorted(p.stem for p in FIXTURES.glob("*.argdown"))
    fails = [n for n in names if n.startswith("fail-")]
    accepted = [n for n in names if not n.startswith("fail-")]
    with argdown_cli(args.argdown) as cli:
        goldens = _accepted_goldens(cli, accepted)
        for name in fails:
            goldens[name] = _fail_golden(cli, name)

    stale = sorted(p for p in GOLDEN.glob("*.json") if p.stem not in goldens)
    if args.check:
        bad = [p.name for p in stale]
        for name, text in sorted(goldens.items()):
            path = GOLDEN / f"{name}.json"
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                bad.append(path.name)
        for item in bad:
            print(f"out of date: {item}", file=sys.stderr)
        return 1 if bad else 0
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path in stale:
        path.unlink()
    for name, text in sorted(goldens.items()):
        (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(goldens)} goldens ({len(fails)} fail) to {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
