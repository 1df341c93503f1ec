#!/usr/bin/env python3
"""Benchmark ``argmap check`` against the Argdown CLI on generated maps of growing size.

The script generates Argdown maps that follow argmap's conventions (docs/conventions.md): a
level-1 map heading whose data names a generated source text (path and sha256), ``##`` and
``###`` sections, statements tagged with exactly one role (one ``#thesis``), every statement
carrying ``{quotes: [...]}`` whose ``start``/``end`` point at the quoted passage in the source,
relation trees up to four levels deep, and a few premise-conclusion arguments.  The source text
has hard line wraps and words hyphenated across lines, as the real PDF extractions do.

Each tool runs as a whole process (wall clock, best of N; N shrinks for big sizes); its CPU
time (user + system, of the best run) and peak resident memory are read from ``os.wait4``.
The tools take turns, one run each per round, in an order that rotates from round to round,
so a busy spell of the machine (or the aftermath of a big run) is shared.
``--baseline CMD`` times a second argmap (an older checkout, say) in the same run, so a
before/after table comes from one run under one machine load. The last lines say, per size,
whether argmap is at least 5x faster than the Argdown CLI (the goal) in wall-clock time.

Before timing, the generated quotes are checked in
Python and, unless ``--skip-argdown``, the smallest file is parsed with the real Argdown CLI and
its statement and relation counts compared with what was generated.

Usage::

    .venv/bin/python benchmarks/bench_check.py                      # 100, 1k, 10k, 100k
    .venv/bin/python benchmarks/bench_check.py --sizes 100,1000 --skip-argdown
    ARGDOWN=/tmp/adcli/node_modules/.bin/argdown .venv/bin/python benchmarks/bench_check.py
    .venv/bin/python benchmarks/bench_check.py --generate-only --out /tmp/bench-maps
    .venv/bin/python benchmarks/bench_check.py --baseline /tmp/argmap-before  # before/after
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import attrs

__all__ = [
    "GeneratedMap",
    "Timing",
    "argdown_cli",
    "generate_map",
    "main",
    "run_timed",
    "scaling_exponent",
    "verify_quotes",
]

ARGDOWN_CLI_VERSION = "1.7.5"
HELP_TARGET_S = 0.2
GOAL_FASTER = 5.0  # argmap check at least this many times faster than the Argdown CLI
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
WRAP = 72

_SUBJECTS = (
    "the ministry", "the harbour authority", "the central bank", "the city council",
    "the opposition", "the regional fund", "the energy company", "the foreign office",
    "the trade union", "the university", "Öztürk\u2019s commission", "the Москва delegation",
)  # fmt: skip
_VERBS = (
    "raised", "lowered", "questioned", "announced", "postponed", "financed", "rejected",
    "approved", "reviewed", "negotiated", "criticised", "supported",
)  # fmt: skip
_OBJECTS = (
    "the transport tariffs", "its infrastructure programme", "the pipeline agreement",
    "the border regulations", "an independent assessment", "the bilateral declaration",
    "the reconstruction budget", "the import quotas", "the international consortium",
    "its neighbourhood strategy", "the environmental standards", "the customs procedures",
)  # fmt: skip
_ROLES = ("claim", "evidence", "counterclaim")


@attrs.frozen
class QuoteSpan:
    """One generated quote: its written text and its code-point span in the source."""

    text: str
    start: int
    end: int


@attrs.frozen
class GeneratedMap:
    """A generated map: Argdown text, source text and what a parser should find in them."""

    argdown: str
    source: str
    statements: int
    relations: int
    arguments: int
    quotes: tuple[QuoteSpan, ...]


@attrs.frozen
class Timing:
    """The best wall-clock time, that run's CPU time and the peak memory of a repeated
    process run."""

    seconds: float | None
    peak_mb: float | None
    error: str | None = None
    note: str | None = None
    cpu: float | None = None


# --------------------------------------------------------------------------- generation


def _sentence(rng: random.Random, index: int) -> str:
    """A unique sentence: the case number makes every sentence different."""
    return (
        f"{_upper_first(rng.choice(_SUBJECTS))} {rng.choice(_VERBS)} "
        f"{rng.choice(_OBJECTS)} in case {index}."
    )


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wrap_source(sentences: Sequence[str], rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """Lay sentences out as wrapped, sometimes hyphenated text; return it and each span."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    col = 0

    def emit(piece: str) -> None:
        nonlocal pos, col
        parts.append(piece)
        pos += len(piece)
        col = 0 if piece.endswith("\n") else col + len(piece)

    emit("GENERATED ESSAY FOR BENCHMARKS\n\n")
    for i, sentence in enumerate(sentences):
        if i and i % 8 == 0:
            emit("\n\n")  # a new paragraph
        start: int | None = None
        for word in sentence.split(" "):
            sep = " " if col else ""
            if col and col + 1 + len(word) > WRAP:
                room = WRAP - col - 2  # room for " " and "-"
                if len(word) >= 9 and word.isalpha() and room >= 4 and rng.random() < 0.5:
                    cut = min(room, len(word) - 3)
                    emit(" ")
                    if start is None:
                        start = pos
                    emit(word[:cut] + "-\n")
                    emit(word[cut:])
                    continue
                emit("\n")
                sep = ""
            emit(sep)
            if start is None:
                start = pos
            emit(word)
        assert start is not None
        spans.append((start, pos))
    emit("\n")
    return "".join(parts), spans


def _quote_text(passage: str) -> str:
    """The quote as a map writes it: hyphenated words whole, line breaks as spaces."""
    return " ".join(passage.replace("-\n", "").split())


def _yaml_str(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def generate_map(n: int, seed: int = 0, source_name: str = "source.txt") -> GeneratedMap:
    """Generate an argmap-convention map with ``n`` statements (n >= 1) and its source text."""
    if n < 1:
        raise ValueError("a map needs at least one statement")
    rng = random.Random(seed)
    sentences = [_sentence(rng, i) for i in range(n)]
    source, spans = _wrap_source(sentences, rng)
    quotes = tuple(
        QuoteSpan(_quote_text(source[a:b]), a, b) for a, b in spans
    )  # statement i quotes sentence i
    texts = [s.rstrip(".") + "." for s in sentences]
    sha = hashlib.sha256(source.encode("utf-8")).hexdigest()

    out: list[str] = [
        f"// Generated benchmark map with {n} statements (seed {seed}).",
        "",
        f"# Generated essay, {n} statements {{map: bench-{n}, source: {{",
        f"    path: {source_name}, sha256: {sha},",
        '    title: "Generated essay for benchmarks", author: "Bench Writer",'
        " year: 2024, venue: Benchmarks}}",
        "",
    ]

    def statement(i: int, role: str, indent: str, prefix: str) -> None:
        q = quotes[i]
        out.append(f"{indent}{prefix}[B: s{i}]: {texts[i]} #{role}")
        out.append(
            f"{indent}{' ' * len(prefix)}    {{quotes: [{{text: {_yaml_str(q.text)},"
            f" start: {q.start}, end: {q.end}}}]}}"
        )

    statement(0, "thesis", "", "")
    out.append("")
    relations = 0
    arguments = 0
    i = 1
    section = 0
    while i < n:
        section += 1
        out.append(f"## Section {section} {{id: section-{section}}}")
        out.append("")
        section_start, section_end = i, min(n, i + 50)
        sub = 0
        while i < section_end:
            if i - section_start >= 25 * (sub + 1):  # a subsection after every 25 or so
                sub += 1
                out.append(f"### Part {section}.{sub}")
                out.append("")
            # One relation tree: a root claim pointing at the thesis, children up to depth 3.
            size = min(section_end - i, rng.randint(1, 7))
            root = i
            statement(root, "claim", "", "")
            out.append("    +> [B: s0]")
            relations += 1
            depth_of = {root: 0}
            children: dict[int, list[tuple[int, str]]] = {root: []}
            for j in range(root + 1, root + size):
                parent = rng.choice([k for k, d in depth_of.items() if d < 3])
                symbol = rng.choice(("+", "+", "-", "_")) if depth_of[parent] else "+"
                depth_of[j] = depth_of[parent] + 1
                children[j] = []
                children[parent].append((j, symbol))
                relations += 1

            # Depth-first: each child under its parent, one indentation level deeper.
            stack = [(child, 1) for child in reversed(children[root])]
            while stack:
                (child, symbol), level = stack.pop()
                statement(
                    child, _ROLES[1] if symbol == "+" else _ROLES[2], "    " * level, f"{symbol} "
                )
                stack.extend((grandchild, level + 1) for grandchild in reversed(children[child]))
            out.append("")
            i += size
            if size >= 3 and rng.random() < 0.3:
                # A premise-conclusion reconstruction over statements already defined.
                arguments += 1
                out.append(f"<B: a{arguments}>: Reconstruction {arguments}.")
                out.append("")
                out.append(f"(1) [B: s{root + 1}]")
                out.append(f"(2) [B: s{root + 2}]")
                out.append("----")
                out.append(f"(3) [B: s{root}]")
                out.append("")
    return GeneratedMap(
        argdown="\n".join(out) + "\n",
        source=source,
        statements=n,
        relations=relations,
        arguments=arguments,
        quotes=quotes,
    )


def verify_quotes(gen: GeneratedMap) -> None:
    """Raise if a generated quote does not stand at its offsets or is not unique.

    Uniqueness in the source is searched only for small maps (it is quadratic); for big ones
    the distinct case numbers that end every sentence guarantee it.
    """
    if len({q.text for q in gen.quotes}) != len(gen.quotes):
        raise AssertionError("two generated quotes have the same text")
    search = len(gen.source) < 200_000
    for q in gen.quotes:
        passage = gen.source[q.start : q.end]
        if _quote_text(passage) != q.text:
            raise AssertionError(f"quote {q.text!r} does not match source[{q.start}:{q.end}]")
        if search and gen.source.count(passage) != 1:
            raise AssertionError(f"quote {q.text!r} occurs more than once")


# --------------------------------------------------------------------------- running


@contextlib.contextmanager
def argdown_cli(explicit: str | None) -> Iterator[Path]:
    """Yield an Argdown CLI binary: the given one, $ARGDOWN, or a fresh npm install."""
    given = explicit or os.environ.get("ARGDOWN")
    if given:
        yield Path(given)
        return
    if shutil.which("npm") is None:
        raise SystemExit("npm is not on PATH; pass --argdown PATH or --skip-argdown")
    with tempfile.TemporaryDirectory(prefix="argdown-cli-") as tmp:
        print(f"installing @argdown/cli@{ARGDOWN_CLI_VERSION} into {tmp} ...", file=sys.stderr)
        for cmd in (
            ["npm", "init", "-y"],
            ["npm", "install", "--no-audit", "--no-fund", f"@argdown/cli@{ARGDOWN_CLI_VERSION}"],
        ):
            subprocess.run(cmd, cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        yield Path(tmp) / "node_modules" / ".bin" / "argdown"


def _tail(handle: IO[bytes]) -> str:
    """The last non-empty line among the last 4 kB written to a temporary file."""
    size = handle.seek(0, os.SEEK_END)
    handle.seek(max(0, size - 4000))
    lines = [ln for ln in handle.read().decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1].strip() if lines else ""


def _run_once(
    cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, int, str, bool, float]:
    """Run a command; return wall seconds, peak MB, exit code, last line, whether it crashed,
    and CPU seconds (user + system, the command and the processes it waited for).

    ``os.wait4`` gives the resource usage of exactly this child, so the peak memory is the
    process's own, not the maximum over every child the benchmark has run.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as rss,
    ):
        # A child forked from this big process is charged this process's resident memory
        # until it execs, so os.wait4 alone would report at least our own size. GNU time,
        # a small process, forks the tool itself and reports the tool's own peak.
        wrap = [GNU_TIME, "-f", "%M", "-o", rss.name] if GNU_TIME else []
        t0 = time.perf_counter()
        proc = subprocess.Popen([*wrap, *cmd], cwd=cwd, stdout=out, stderr=err, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        peak_kb = float(usage.ru_maxrss)
        cpu = usage.ru_utime + usage.ru_stime
        if GNU_TIME:
            words = rss.read().split()
            if words and words[-1].isdigit():
                peak_kb = float(words[-1])
        last = _tail(err) or _tail(out)
        err.seek(0)
        crashed = b"Traceback (most recent call last)" in err.read(1 << 20)
    return elapsed, peak_kb / 1024.0, code, last, crashed, cpu


def run_timed(
    cmd: Sequence[str],
    cwd: Path,
    repeat: int,
    ok_codes: Sequence[int] = (0,),
    env: dict[str, str] | None = None,
) -> Timing:
    """Best wall time (with that run's CPU time) and the peak memory over ``repeat`` runs; an
    error if a run fails."""
    best: float | None = None
    best_cpu: float | None = None
    peak = 0.0
    note = None
    for _ in range(max(1, repeat)):
        try:
            elapsed, mb, code, last, crashed, cpu = _run_once(cmd, cwd, env)
        except OSError as exc:
            return Timing(None, None, f"cannot start: {exc}")
        if code not in ok_codes or crashed:
            return Timing(None, None, f"exit {code}: {last[:160]}")
        if code != 0:
            note = f"exit {code}: {last[:160]}"
        if best is None or elapsed < best:
            best, best_cpu = elapsed, cpu
        peak = max(peak, mb)
    return Timing(best, peak, note=note, cpu=best_cpu)


def _best(old: Timing | None, new: Timing) -> Timing:
    """Two timings of one command as one: the faster run (with its CPU time), the higher
    peak memory; a failed run's error stays."""
    if old is None or old.error is not None:
        return old or new
    if new.error is not None or new.seconds is None or old.seconds is None:
        return new
    best = old if old.seconds <= new.seconds else new
    return Timing(
        best.seconds,
        max(old.peak_mb or 0.0, new.peak_mb or 0.0),
        note=old.note or new.note,
        cpu=best.cpu,
    )


def scaling_exponent(n1: int, t1: float | None, n2: int, t2: float | None) -> float | None:
    """k in t ~ n**k between two sizes (None if a time is missing)."""
    if t1 is None or t2 is None or t1 <= 0 or t2 <= 0 or n1 == n2:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def _repeats(n: int, base: int, big: int) -> int:
    if n >= 10_000:
        # best of ``big`` (three by default) for each tool: one run of a few seconds varies
        # by 10 % and more on a machine that is not idle (the Argdown CLI's three runs at
        # 100,000 statements take a minute)
        return big
    return base


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _argmap_env(folder: Path, no_cache: bool) -> dict[str, str]:
    """The environment argmap runs in: by default with a bytecode cache under ``folder`` (an
    installed package has compiled bytecode; a checkout writes it on the first run unless
    PYTHONDONTWRITEBYTECODE is set), so that every timed run measures the same steady state."""
    env = dict(os.environ)
    if no_cache:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def _default_argmap() -> str:
    venv = Path(sys.executable).parent / "argmap"
    if venv.exists():
        return str(venv)
    return shutil.which("argmap") or "argmap"


def _reader_kind(command: str) -> str:
    """Whether the argmap of ``command`` (an installed console script) runs its Argdown reader
    compiled (setup.py compiles it with mypyc where it can) or as Python."""
    script = Path(command)
    if not script.is_file():
        return "reader: unknown"
    python = script.read_text(encoding="utf-8", errors="replace").partition("\n")[0][2:].strip()
    probe = "import argmap.formats._argdown_parser as m; print(m.__file__)"
    try:
        found = subprocess.run(
            [python, "-P", "-c", probe], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "reader: unknown"
    where = found.stdout.strip()
    return "reader: compiled (mypyc)" if not where.endswith(".py") else "reader: pure Python"


def _validate_with_argdown(cli: Path, path: Path, gen: GeneratedMap) -> None:
    """Parse a generated file with the real Argdown CLI and compare counts."""
    proc = subprocess.run(
        [str(cli), "json", "--stdout", "--silent", path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(
            f"the Argdown CLI rejects the generated {path.name} (exit {proc.returncode})"
        )
    data = json.loads(proc.stdout)
    statements = data.get("statements", {})
    problems = []
    if len(statements) != gen.statements:
        problems.append(f"{len(statements)} statements, expected {gen.statements}")
    if len(data.get("relations", [])) != gen.relations:
        problems.append(f"{len(data.get('relations', []))} relations, expected {gen.relations}")
    if len(data.get("arguments", {})) != gen.arguments:
        problems.append(f"{len(data.get('arguments', {}))} arguments, expected {gen.arguments}")
    no_quotes = [t for t, ec in statements.items() if not ec.get("data", {}).get("quotes")]
    if no_quotes:
        problems.append(f"{len(no_quotes)} statements without quotes data, e.g. {no_quotes[0]}")
    thesis = [t for t, ec in statements.items() if "thesis" in ec.get("tags", [])]
    if len(thesis) != 1:
        problems.append(f"{len(thesis)} #thesis statements")
    for title, ec in statements.items():
        quote = ec.get("data", {}).get("quotes", [{}])[0]
        index = int(title.split("s")[-1])
        expected = gen.quotes[index]
        if (quote.get("text"), quote.get("start"), quote.get("end")) != (
            expected.text,
            expected.start,
            expected.end,
        ):
            problems.append(f"{title}: quote data read back differently")
            break
    if problems:
        raise SystemExit(f"Argdown reads {path.name} differently: " + "; ".join(problems))
    print(
        f"Argdown CLI parses {path.name}: {gen.statements} statements, {gen.relations} relations,"
        f" {gen.arguments} arguments, quotes intact",
        file=sys.stderr,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the maps, time both tools and print the table."""
    parser = argparse.ArgumentParser(description="Benchmark argmap check against the Argdown CLI.")
    parser.add_argument("--sizes", default="100,1000,10000,100000", help="comma-separated")
    parser.add_argument("--argdown", help="argdown binary (default: $ARGDOWN, else npm install)")
    parser.add_argument("--skip-argdown", action="store_true", help="time argmap only")
    parser.add_argument("--argmap", default=_default_argmap(), help="argmap command")
    parser.add_argument(
        "--baseline",
        help="a second argmap command (e.g. a wrapper running an older checkout), timed in "
        "the same run for a before/after table",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per small size (best of)")
    parser.add_argument(
        "--repeat-big",
        type=int,
        default=3,
        help="runs per size of 10,000 statements or more (best of; each tool takes its turn)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="keep the generated files in this folder")
    parser.add_argument("--generate-only", action="store_true", help="write maps, time nothing")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="run argmap with PYTHONDONTWRITEBYTECODE=1 (every run compiles argmap's sources)",
    )
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})

    with contextlib.ExitStack() as stack:
        if args.out:
            folder = args.out.resolve()
            folder.mkdir(parents=True, exist_ok=True)
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        files: dict[int, Path] = {}
        gens: dict[int, GeneratedMap] = {}
        for n in sizes:
            t0 = time.perf_counter()
            gen = generate_map(n, seed=args.seed, source_name=f"bench-{n}.txt")
            verify_quotes(gen)
            (folder / f"bench-{n}.txt").write_text(gen.source, encoding="utf-8")
            path = folder / f"bench-{n}.argdown"
            path.write_text(gen.argdown, encoding="utf-8")
            files[n], gens[n] = path, gen
            print(
                f"generated {path.name}: {len(gen.argdown) / 1e6:.2f} MB Argdown,"
                f" {len(gen.source) / 1e6:.2f} MB source, {gen.relations} relations"
                f" in {time.perf_counter() - t0:.1f} s",
                file=sys.stderr,
            )
        if args.generate_only:
            print(f"maps written to {folder}")
            return 0

        cli: Path | None = None
        if not args.skip_argdown:
            cli = stack.enter_context(argdown_cli(args.argdown))
            _validate_with_argdown(cli, files[sizes[0]], gens[sizes[0]])

        env = _argmap_env(folder, args.no_bytecode_cache)
        # One untimed run fills the bytecode cache, as the first run after installing does.
        run_timed([args.argmap, "check", files[sizes[0]].name], folder, 1, (0, 1), env)
        if args.baseline:
            run_timed([args.baseline, "check", files[sizes[0]].name], folder, 1, (0, 1), env)
        help_timing = run_timed([args.argmap, "--help"], folder, 5, env=env)
        print(f"{args.argmap}: {_reader_kind(args.argmap)}", flush=True)
        print(_HEAD, flush=True)
        print("-" * len(_HEAD), flush=True)
        prev: _Row | None = None
        rows: list[_Row] = []
        notes: list[str] = []
        for n in sizes:
            reps = _repeats(n, args.repeat, args.repeat_big)
            print(f"timing {n} statements (best of {reps}) ...", file=sys.stderr, flush=True)
            # The tools take turns, one run each per round, in an order that rotates from
            # round to round: a busy spell of the machine, or the aftermath of the previous
            # run (the Argdown CLI frees hundreds of megabytes), does not fall on one tool.
            # argmap check exits 1 when it reports findings; that is still a completed check.
            runs: list[tuple[str, list[str], Sequence[int], dict[str, str] | None]] = [
                ("mine", [args.argmap, "check", files[n].name], (0, 1), env)
            ]
            if args.baseline:
                runs.append(("before", [args.baseline, "check", files[n].name], (0, 1), env))
            if cli is not None:
                outdir = folder / "argdown-out"
                json_out = [str(cli), "json", files[n].name, str(outdir)]
                runs.append(("theirs", json_out, (0,), None))
            best: dict[str, Timing] = {}
            for round_ in range(reps):
                turn = round_ % len(runs)
                for name, cmd, ok, run_env in runs[turn:] + runs[:turn]:
                    timing = run_timed(cmd, folder, 1, ok, run_env)
                    best[name] = _best(best.get(name), timing)
            mine, before, theirs = best["mine"], best.get("before"), best.get("theirs")
            row = _Row(n, mine, theirs, before)
            print(_row_line(prev, row), flush=True)  # rows appear as they finish
            notes.extend(_row_notes(row))
            rows.append(row)
            prev = row

    print(
        "s: best wall-clock seconds; cpu: that run's user + system seconds; faster = argdown s /"
        " argmap s; k = scaling exponent (t ~ n**k) from the previous size"
    )
    for row in rows:
        print(_goal_line(row))
    verdict = "-"
    if help_timing.seconds is not None:
        verdict = "ok" if help_timing.seconds < HELP_TARGET_S else "SLOWER THAN TARGET"
    print(
        f"{args.argmap} --help: {_fmt(help_timing.seconds, '.3f')} s"
        f" (target < {HELP_TARGET_S} s: {verdict}), {_fmt(help_timing.peak_mb, '.1f')} MB"
    )
    if help_timing.error:
        notes.append(f"error: argmap --help: {help_timing.error}")
    for line in notes:
        print(line)
    return 0


_HEAD = (
    f"{'size':>8} {'argmap s':>9} {'cpu':>7} {'before s':>9} {'cpu':>7} {'argdown s':>10}"
    f" {'cpu':>7} {'faster':>7} {'argmap MB':>10} {'argdown MB':>11} {'k argmap':>9}"
    f" {'k argdown':>10}"
)


@attrs.frozen
class _Row:
    """The timings at one size (``theirs``: None with --skip-argdown; ``before``: the
    --baseline argmap, or None)."""

    size: int
    mine: Timing
    theirs: Timing | None
    before: Timing | None = None

    @property
    def faster(self) -> float | None:
        """How many times faster argmap is than the Argdown CLI (wall clock)."""
        if self.theirs is None or not self.mine.seconds or not self.theirs.seconds:
            return None
        return self.theirs.seconds / self.mine.seconds


def _row_line(prev: _Row | None, row: _Row) -> str:
    """One table line: times, CPU, speed-up, memory and scaling exponents."""
    mine, theirs, before = row.mine, row.theirs, row.before
    k_mine = k_theirs = None
    if prev is not None:
        k_mine = scaling_exponent(prev.size, prev.mine.seconds, row.size, mine.seconds)
        if theirs is not None and prev.theirs is not None:
            k_theirs = scaling_exponent(prev.size, prev.theirs.seconds, row.size, theirs.seconds)
    return (
        f"{row.size:>8} {_fmt(mine.seconds, '.3f'):>9} {_fmt(mine.cpu, '.3f'):>7}"
        f" {_fmt(before.seconds if before else None, '.3f'):>9}"
        f" {_fmt(before.cpu if before else None, '.3f'):>7}"
        f" {_fmt(theirs.seconds if theirs else None, '.3f'):>10}"
        f" {_fmt(theirs.cpu if theirs else None, '.3f'):>7} {_fmt(row.faster, '.2f'):>7}"
        f" {_fmt(mine.peak_mb, '.1f'):>10}"
        f" {_fmt(theirs.peak_mb if theirs else None, '.1f'):>11}"
        f" {_fmt(k_mine, '.2f'):>9} {_fmt(k_theirs, '.2f'):>10}"
    )


def _goal_line(row: _Row) -> str:
    """Whether argmap meets the speed goal at one size (and the memory goal at 100k)."""
    faster = row.faster
    if faster is None:
        return f"{row.size:>8}: no Argdown CLI timing, {GOAL_FASTER:g}x goal not measured"
    verdict = "met" if faster >= GOAL_FASTER else "NOT met"
    line = (
        f"{row.size:>8}: {faster:.2f}x faster than the Argdown CLI: {GOAL_FASTER:g}x goal {verdict}"
    )
    if row.size >= 100_000 and row.theirs is not None and row.mine.peak_mb and row.theirs.peak_mb:
        share = row.mine.peak_mb / row.theirs.peak_mb
        memory = "met" if share <= 1 / 6 else "NOT met"
        line += f"; memory {share:.3f} of the CLI's: 1/6 goal {memory}"
    return line


def _row_notes(row: _Row) -> list[str]:
    """Errors and notes (e.g. a non-zero exit) of the runs behind one row."""
    out: list[str] = []
    for tool, timing in (("argmap", row.mine), ("baseline", row.before), ("argdown", row.theirs)):
        if timing is not None and timing.error:
            out.append(f"error: {tool} at {row.size}: {timing.error}")
        if timing is not None and timing.note:
            out.append(f"note: {tool} at {row.size}: {timing.note}")
    return out


if __name__ == "__main__":
    sys.exit(main())
