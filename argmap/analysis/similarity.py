"""How alike two statements are: WordLlama embeddings and TF-IDF.

The **similarity** of two texts is a weighted sum of two cosines:

* **semantic**: WordLlama's ``l2_supercat`` static embeddings (256 dimensions). The model (a
  token table and its tokenizer) ships inside the ``wordllama`` wheel (about 16 MB); argmap
  reads those two files itself, as WordLlama's loader would, so nothing is downloaded and the
  library's own start-up cost is skipped. A text's vector is the mean of its tokens' vectors.
* **lexical**: TF-IDF (scikit-learn, sublinear term frequency, English stop words removed),
  fitted on the statements being compared, so words shared by few statements weigh most.

:data:`SEMANTIC_WEIGHT` was chosen on the training split of ArgKP.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = [
    "SEMANTIC_WEIGHT",
    "clear_cache",
    "embed",
    "similarity",
    "tfidf",
]

SEMANTIC_WEIGHT = 0.2
"""The weight of the embedding cosine in the similarity; the TF-IDF cosine gets the rest.

The value that maximises strict mAP on ArgKP's training split over 0.0, 0.1, ..., 1.0
(``benchmarks/bench_suggest.py`` recomputes it and says whether it still agrees)."""

_DIM = 256
_CACHE_MAX = 200_000
_cache: dict[str, Any] = {}


# -- the two representations -----------------------------------------------------------------


@functools.cache
def _model() -> tuple[Any, NDArray[np.float32]]:
    """WordLlama's tokenizer and token table, read from the installed wheel; never downloads."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("wordllama")
    folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else None
    if folder is not None:
        tokenizer_file = folder / "tokenizers" / "l2_supercat_tokenizer_config.json"
        weights_file = folder / "weights" / "l2_supercat_256.safetensors"
        if tokenizer_file.is_file() and weights_file.is_file():
            from safetensors import safe_open
            from tokenizers import Tokenizer

            with safe_open(str(weights_file), framework="np", device="cpu") as f:
                table = f.get_tensor("embedding.weight")
            return Tokenizer.from_file(str(tokenizer_file)), table
    # Another layout of the wheel: let WordLlama find its files (downloads forbidden).
    import wordllama

    loaded = wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True
    )
    tokenizer = loaded.tokenizer
    tokenizer.no_padding()
    return tokenizer, loaded.embedding


def clear_cache() -> None:
    """Forget the embeddings of texts seen before (benchmarks measure a cold start)."""
    _cache.clear()


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """Unit-length WordLlama embeddings of ``texts``, one row each (256 columns).

    A text's vector is the mean of its tokens' vectors, as WordLlama computes it, scaled to
    unit length; a text without tokens gets a zero row. Vectors are cached per text within
    the process.
    """
    import numpy as np

    missing = [t for t in dict.fromkeys(texts) if t not in _cache]
    if missing:
        if len(_cache) + len(missing) > _CACHE_MAX:
            _cache.clear()
        _cache.update(zip(missing, _embed_new(missing), strict=True))
    if not texts:
        return np.zeros((0, _DIM), dtype=np.float32)
    return np.stack([_cache[t] for t in texts])


def _embed_new(texts: list[str]) -> NDArray[np.float32]:
    """The vectors of ``texts``: each distinct word is tokenized once, not each text.

    The tokenizer's merges never cross a single space (a piece only starts with its "▁"), so
    a text's tokens are its words' tokens, one after the other; a text with a run of spaces,
    or one at either end, is tokenized whole. A text's vector is the sum of its tokens'
    vectors, scaled to unit length: the direction of WordLlama's mean.
    """
    import itertools

    import numpy as np
    from scipy.sparse import csr_matrix

    tokenizer, table = _model()
    parts = [
        t.split(" ") if t and "  " not in t and t[0] != " " and t[-1] != " " else [t] for t in texts
    ]
    vocabulary: dict[str, int] = {}
    column = np.fromiter(
        (vocabulary.setdefault(w, len(vocabulary)) for words in parts for w in words),
        dtype=np.int64,
    )
    encode = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)
    tokens = [e.ids for e in encode(list(vocabulary), add_special_tokens=False)]
    ids = np.fromiter(itertools.chain.from_iterable(tokens), dtype=np.int64)
    np.clip(ids, 0, table.shape[0] - 1, out=ids)
    words = csr_matrix(
        (np.ones(len(ids), dtype=np.float32), ids, _offsets(map(len, tokens))),
        shape=(len(vocabulary), table.shape[0]),
    )
    per_text = csr_matrix(
        (np.ones(len(column), dtype=np.float32), column, _offsets(map(len, parts))),
        shape=(len(texts), len(vocabulary)),
    )
    sums = np.asarray(per_text @ np.asarray(words @ table, dtype=np.float32), dtype=np.float32)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    vectors: NDArray[np.float32] = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
    return vectors


def _offsets(lengths: Iterable[int]) -> NDArray[np.int64]:
    import numpy as np

    return np.concatenate(([0], np.cumsum(np.fromiter(lengths, dtype=np.int64)))).astype(np.int64)


def tfidf(texts: Sequence[str]) -> csr_matrix:
    """Unit-length TF-IDF rows of ``texts`` (all-zero rows for texts of stop words only)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32)
    try:
        matrix: csr_matrix = vectorizer.fit_transform(list(texts)).tocsr()
    except ValueError:  # no word left (empty texts, stop words only)
        from scipy.sparse import csr_matrix as _csr

        return _csr((len(texts), 1), dtype=np.float32)
    return matrix


def similarity(
    left: Sequence[str], right: Sequence[str], *, weight: float = SEMANTIC_WEIGHT
) -> NDArray[np.float64]:
    """The similarity of every pair (``left[i]``, ``right[j]``) as a matrix.

    TF-IDF is fitted on both lists together. ``weight`` is the share of the embedding cosine.

    >>> s = similarity(["Tax the land."], ["Land should be taxed.", "Dogs bark."])
    >>> bool(s[0, 0] > s[0, 1])
    True
    """
    import numpy as np

    lexical = tfidf([*left, *right])
    a, b = lexical[: len(left)], lexical[len(left) :]
    semantic = embed(left) @ embed(right).T
    out: NDArray[np.float64] = weight * semantic.astype(np.float64) + (1 - weight) * (
        (a @ b.T).toarray().astype(np.float64)
    )
    return out
