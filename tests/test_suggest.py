"""Suggestions, quote help and the comparison API's errors (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from argmap import compare
from argmap.analysis.suggest import embed, polarity, suggest
from argmap.cli import main
from argmap.comparison import Comparison, CorrespondenceType, Ref
from argmap.errors import ArgmapError
from argmap.formats import argdown
from argmap.formats.nearest import nearest, quote_data
from argmap.formats.yaml_words import explain
from argmap.model import MapBuilder, Role

ROOT = Path(__file__).resolve().parents[1]
COMPARISON = ROOT / "maps" / "comparison.argdown"


def _two_maps() -> Comparison:
    a = (
        MapBuilder("a")
        .statement("A: t", "Cities should tax land.", Role.THESIS, quote="x")
        .statement("A: r", "A land tax cannot be passed on to tenants.", Role.CLAIM, quote="y")
        .support("A: r", "A: t")
        .build()
    )
    b = (
        MapBuilder("b")
        .statement("B: t", "Cities should tax buildings.", Role.THESIS, quote="x")
        .statement("B: r", "A land tax raises the rents of tenants.", Role.CLAIM, quote="y")
        .statement("B: f", "Farmers own much land.", Role.CLAIM, quote="z")
        .support("B: r", "B: t")
        .support("B: f", "B: t")
        .build()
    )
    return Comparison("ab", "A and B", (a, b))


def test_suggestions_pair_different_maps_best_first_and_skip_linked_pairs() -> None:
    c = _two_maps()
    found = suggest(c, top=20)
    assert len(found) == 6  # every cross-map pair: 2 x 3
    assert all(s.left.map_id != s.right.map_id for s in found)
    # Ranked by the relative score (no issue here, so no pair comes first for sharing one).
    assert [s.relative for s in found] == sorted((s.relative for s in found), reverse=True)
    assert {Ref("a", "A: r"), Ref("b", "B: r")} in [{s.left, s.right} for s in found[:2]]
    best = found[0]
    # Accepting it links the pair: it is never suggested again, and nothing else changes.
    accepted = found.accept(0, type="conflict", rationale="Spared or charged.")
    [x] = accepted.conflicts("a", "b")
    assert (x.left, x.right, x.rationale) == (best.left, best.right, "Spared or charged.")
    again = suggest(accepted, top=20)
    assert len(again) == 5 and {best.left, best.right} not in [{s.left, s.right} for s in again]


def test_suggestions_for_one_statement_or_one_map() -> None:
    c = _two_maps()
    for_one = suggest(c, top=5, statement="B: f")
    assert len(for_one) == 2 and all(Ref("b", "B: f") in (s.left, s.right) for s in for_one)
    for_map = suggest(c, top=10, map_id="a")
    assert len(for_map) == 6
    with pytest.raises(KeyError, match="B: nope"):
        suggest(c, statement="B: nope")
    with pytest.raises(KeyError, match="no map 'zz'"):
        suggest(c, map_id="zz")


def test_suggestion_argdown_reads_back_as_a_correspondence(tmp_path: Path) -> None:
    c = compare.load(COMPARISON)
    found = compare.suggest(c, 3)
    block = found[0].argdown(type="partial", rationale="Both say so: #1 [x] {y}.")
    text = COMPARISON.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block
    folder = tmp_path / "maps"
    folder.mkdir()
    for p in (ROOT / "maps").glob("*.argdown"):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "sources").symlink_to(ROOT / "maps" / "sources")
    (folder / "comparison.argdown").write_text(text, encoding="utf-8")
    read = compare.load(folder / "comparison.argdown")
    added = read.correspondences[-1]
    assert added.type is CorrespondenceType.PARTIAL
    assert (added.left, added.right) == (found[0].left, found[0].right)
    assert added.rationale == "Both say so: #1 [x] {y}."


def test_polarity_hints() -> None:
    assert polarity("Baku is independent.", "Baku is dependent on Moscow.")[0] is (
        CorrespondenceType.CONFLICT
    )
    assert polarity("Baku never joined.", "Baku joined.")[1] == (
        'negation: "never" in one statement only',
    )
    assert polarity("Both never joined.", "It did not join either.") == (
        CorrespondenceType.AGREE,
        (),
    )


def test_the_model_loads_from_the_wheel_without_network() -> None:
    script = textwrap.dedent(
        """
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network use during the test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from argmap.analysis.suggest import embed
        v = embed(["Cities should tax land.", "Tax the land."])
        print(v.shape, round(float(v[0] @ v[1]), 2) > 0.5)
        """
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": "/nonexistent-hf-home"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(2, 256) True"
    assert embed([]).shape == (0, 256)


# -- the comparison API: no silent failures -------------------------------------------------


def test_queries_raise_for_unknown_maps_and_statements() -> None:
    c = compare.load(COMPARISON)
    a, b = c.map_ids[:2]
    with pytest.raises(KeyError, match="no map 'b039'"):
        c.conflicts("b039", "k016")
    with pytest.raises(KeyError):
        c.agreements(a, "typo")
    with pytest.raises(KeyError, match="no issue"):
        c.in_issue("no-such-issue")
    linked = c.correspondences[0].left
    assert c.about(linked.statement_id) == c.about(linked)  # a plain statement id works
    assert c.about(str(linked)) == c.about(linked)  # and "map:statement"
    with pytest.raises(KeyError, match="no statement"):
        c.about("V: No such statement")
    with pytest.raises(KeyError):
        c.about(linked, by="typo")
    assert c.conflicts(a, b)  # the real ids still answer


# -- quote help ------------------------------------------------------------------------------


def test_nearest_passages_for_case_hyphen_and_typographic_variants() -> None:
    src = "After 1991 the former Cold War opponents \u201cmet\u201d in Gen-\neva again."
    [near] = nearest(src, "former cold-war opponents")
    assert src[near.start : near.end] == near.text == "former Cold War opponents"
    [near] = nearest(src, 'opponents "met" in Geneva')
    assert near.text.startswith("opponents \u201cmet\u201d in Gen-")
    assert quote_data(near) == (
        f'{{text: "opponents \u201cmet\u201d in Gen- eva", start: {near.start}, end: {near.end}}}'
    )
    assert nearest(src, "entirely unrelated words about fishing") == []


def test_quote_command_suggests_and_prints_quote_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "s.txt"
    src.write_text('He said "no" to the former Cold War opponents.\n', encoding="utf-8")
    assert main(["quote", str(src), "former cold-war opponent", "--argdown"]) == 1
    out = capsys.readouterr().out
    assert "not found; the nearest passage" in out
    assert '{text: "former Cold War opponent' in out
    assert main(["quote", str(src), 'said "no" to', "--argdown"]) == 0
    line = capsys.readouterr().out.splitlines()[-1].strip()
    assert line == '{text: "said \\"no\\" to", start: 3, end: 15}'
    # The printed data is valid Argdown quote data that anchors.
    m = tmp_path / "m.argdown"
    digest = __import__("hashlib").sha256(src.read_bytes()).hexdigest()
    m.write_text(
        f'# M {{map: m, source: {{path: "s.txt", sha256: {digest}}}}}\n\n'
        f"[M: T]: He refused. #thesis\n    {{quotes: [{line}]}}\n",
        encoding="utf-8",
    )
    assert main(["check", str(m)]) == 0, capsys.readouterr().out


def test_anchor_rehash_accepts_a_changed_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "s.txt"
    src.write_text("One. Two words here. Three more words.\n", encoding="utf-8")
    m = tmp_path / "m.argdown"
    digest = __import__("hashlib").sha256(src.read_bytes()).hexdigest()
    m.write_text(
        f'# M {{map: m, source: {{path: "s.txt", sha256: {digest}}}}}\n\n'
        '[M: T]: T. #thesis\n    {quotes: ["Two words here.", "One."]}\n    + [M: C]\n\n'
        '[M: C]: C. #claim\n    {quotes: ["Three more words."]}\n',
        encoding="utf-8",
    )
    assert main(["anchor", "--write", str(m)]) == 0
    src.write_text("Zero. Two words here. Three more words.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(m)]) == 1
    assert "(source-hash)" in capsys.readouterr().out
    assert main(["anchor", "--rehash", str(m)]) == 1  # "One." vanished
    out = capsys.readouterr().out
    assert "2 quotes moved" in out and "1 quote vanished" in out and '"One."' in out
    loaded = argdown.load(m)
    assert loaded.source is not None
    assert loaded.source.sha256 == __import__("hashlib").sha256(src.read_bytes()).hexdigest()
    assert [(q.start, q.end) for q in loaded.statement("M: C").quotes] == [(22, 39)]


# -- YAML errors in plain words ---------------------------------------------------------------


def test_unclosed_bracket_is_explained() -> None:
    assert "is never closed: add a `}`" in (explain('{quotes: ["a", "b"]') or "x")
    assert "check the brackets" in (explain('{quotes: ["a", "b"}') or "x")
    assert explain("{note: it's fine, n: 2}") is None


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ('{quotes: ["he said "no" to it"]}', 'must be written `\\"`'),
        ("{note: 'it's here'}", "must be written `''`"),
        ('{quotes: [{text: "a", start: 3]}', "check the brackets"),
        ("{note: a: b}", "double quotes"),
    ],
)
def test_yaml_mistakes_are_explained(tmp_path: Path, data: str, words: str) -> None:
    assert words in (explain(data) or "")
    path = tmp_path / "m.argdown"
    path.write_text(f"[A: x]: text #claim\n    {data}\n", encoding="utf-8")
    with pytest.raises(ArgmapError, match="invalid YAML") as err:
        argdown.load(path)
    assert words in err.value.message and err.value.location is not None
    assert err.value.location.line == 2


# -- the ranking: exact, whatever the blocks ------------------------------------------------


def _brute_force(
    texts: list[str],
    owners: list[int],
    rows: list[int],
    top: int,
    issues: list[set[int]],
    linked: dict[int, set[int]],
) -> list[tuple[int, int]]:
    import numpy as np

    from argmap.analysis.ranking import NEIGHBOURS
    from argmap.analysis.similarity import SEMANTIC_WEIGHT as W
    from argmap.analysis.similarity import tfidf

    e, x = embed(texts).astype(np.float64), tfidf(texts)
    s = W * (e @ e.T) + (1 - W) * (x @ x.T).toarray()
    o = np.asarray(owners)
    other = np.where(o[:, None] != o[None, :], s, -np.inf)
    level = [float(np.mean(np.sort(r[np.isfinite(r)])[::-1][:NEIGHBOURS])) for r in other]
    pairs = [
        (not issues[i] & issues[j], -round(2 * s[i, j] - level[i] - level[j], 6), i, j)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if o[i] != o[j] and (i in rows or j in rows) and j not in linked.get(i, ())
    ]
    return [(p[2], p[3]) for p in sorted(pairs)[:top]]


@pytest.mark.parametrize("block", [1, 3, 512])
def test_rank_pairs_equals_brute_force_whatever_the_tiles(
    monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    import random

    from argmap.analysis import ranking

    monkeypatch.setattr(ranking, "_BLOCK", block)
    rng = random.Random(7)
    words = [
        "land",
        "tax",
        "rent",
        "tenant",
        "city",
        "farm",
        "build",
        "house",
        "owner",
        "price",
        "rise",
        "fall",
    ]
    texts = sorted({" ".join(rng.sample(words, k=rng.randint(2, 7))) for _ in range(30)})[:23]
    owners = sorted(rng.randrange(4) for _ in texts)
    issues = [{rng.randrange(3)} if rng.random() < 0.3 else set() for _ in texts]
    linked = {0: {22}, 22: {0}, 4: {12, 19}, 12: {4}, 19: {4}}
    for rows, top in ((list(range(23)), 5), (list(range(23)), 200), ([4], 3), ([0, 1, 2], 9)):
        got = ranking.rank_pairs(texts, owners, rows=rows, top=top, linked=linked, issues=issues)
        want = _brute_force(texts, owners, rows, top, issues, linked)
        assert [(r.i, r.j) for r in got] == want
        assert all(r.same_issue == bool(issues[r.i] & issues[r.j]) for r in got)


def test_rank_pairs_breaks_ties_by_position() -> None:
    from argmap.analysis import ranking

    texts = ["tax the land", "rents rise", "farmers own land"] * 3  # three maps, same texts
    owners = [0, 0, 0, 1, 1, 1, 2, 2, 2]
    issues: list[set[int]] = [set()] * 9
    for top in (1, 2, 4, 27):
        got = ranking.rank_pairs(
            texts, owners, rows=list(range(9)), top=top, linked={}, issues=issues
        )
        want = _brute_force(texts, owners, list(range(9)), top, issues, {})
        assert [(r.i, r.j) for r in got] == want
    # Equal texts are the best pairs; "tax the land" and "farmers own land" tie to 6 places
    # (both name land), so their pairs interleave by position.
    assert all(texts[r.i] == texts[r.j] for r in got[:9])
    assert [(r.i, r.j) for r in got[3:9]] == [(0, 3), (0, 6), (2, 5), (2, 8), (3, 6), (5, 8)]


def test_embeddings_equal_wordllamas_own() -> None:
    """Words are tokenized once each; the vectors are WordLlama's, edge cases included."""
    from pathlib import Path

    import numpy as np
    import wordllama

    from argmap.analysis.similarity import _embed_new

    texts = [
        "Baku kept an independent course after the Five-Day War.",
        "Russia's “revivalist” aim: keep the frozen conflicts frozen.",
        "two  spaces",
        " leading",
        "trailing ",
        "tab\there, new\nline",
        "émigré café",
        "",
        "x",
    ]
    model = wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True
    )
    with np.errstate(invalid="ignore"):
        theirs = np.nan_to_num(model.embed(texts, norm=True))
    assert np.abs(_embed_new(texts) - theirs).max() < 1e-6


def test_suggestion_comment_cannot_be_ended_by_an_issue_or_cue() -> None:
    # An issue id or a cue with a line break in it (the API does not check ids) must stay
    # inside the comment line and never be read as Argdown.
    from argmap.analysis.suggest import Suggestion

    s = Suggestion(
        Ref("a", "A: r"),
        Ref("b", "B: r"),
        0.5,
        0.5,
        0.5,
        CorrespondenceType.AGREE,
        cues=("not\n[Evil]: injected",),
        issue="land\u2028<Evil too>: injected",
    )
    block = s.argdown()
    doc = argdown.parse(block)
    titles = [n.title for n in (*doc.statements, *doc.arguments)]
    assert titles == ["A: r", "B: r", s.id]
    assert all(line.startswith(("//", "<", "    ")) for line in block.splitlines())
