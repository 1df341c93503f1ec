"""The fast paths of ``argmap check`` agree with the slow, obviously correct code they skip."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.formats._argdown_parser import _SIMPLE_FLOW, load_yaml
from argmap.quotes import _build, normalise

# Characters the normalisation rules treat specially, plus ordinary letters and digits.
_TRICKY = (
    "aZ09_ -\n\t\r\u00a0\u2028\u3000\u00ad\u200b\ufeff\u2019\u201c\u2013\u2014\u2212"
    "\ufb01\ufb03\u00e7\u0434.,'\"!\u0660\u00b2"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=30) | st.text(max_size=30))
def test_normalise_equals_the_indexed_build(text: str) -> None:
    assert normalise(text) == _build(text).text


def test_normalise_examples() -> None:
    for text, expected in [
        ("Kara-\nbakh", "Karabakh"),
        ("a\u00ad-b", "ab"),
        ("a -b", "a -b"),
        ("a--b", "a--b"),
        ("  x\u2013y  ", "xy"),
        ("e\ufb01- x", "efix"),
        ("plain text", "plain text"),
    ]:
        assert normalise(text) == expected == _build(text).text


# -- YAML data: the JSON fast path ------------------------------------------------------------

_KEYS = st.sampled_from(["quotes", "text", "start", "end", "a", "_b", "Yes", "off", "NULL", "y"])
_CHARS = st.text(alphabet="ab :#,{}[]'\"\\\t\n\u00e7\u2028\u0085\ufeff\u00a0\U0001f600", max_size=8)
_SPACE = st.sampled_from(["", " ", "  ", "\t"])


def _flow(depth: int) -> st.SearchStrategy[str]:
    scalars = st.one_of(
        st.integers(-(10**20), 10**20).map(str),
        st.sampled_from(["01", "-0", "+1", "1.5", "1_000", "0x1f", "true", "null", "~", "x y"]),
        _CHARS.map(lambda s: f'"{s}"'),
        _CHARS,
    )
    if depth == 0:
        return scalars
    inner = _flow(depth - 1)
    pair = st.tuples(_KEYS, st.sampled_from([": ", ":", " : ", ":  "]), inner).map("".join)
    mapping = st.tuples(_SPACE, st.lists(pair, max_size=3), _SPACE, st.sampled_from(["", ","]))
    sequence = st.tuples(_SPACE, st.lists(inner, max_size=3), _SPACE, st.sampled_from(["", ","]))
    return st.one_of(
        scalars,
        mapping.map(lambda t: "{" + t[0] + ", ".join(t[1]) + t[3] + t[2] + "}"),
        sequence.map(lambda t: "[" + t[0] + " ,".join(t[1]) + t[3] + t[2] + "]"),
    )


def _yaml_or_error(text: str) -> str:
    try:
        return repr(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:
        return "error"


def _fast_or_error(text: str) -> str:
    try:
        return repr(load_yaml(text))
    except yaml.YAMLError:
        return "error"


@settings(max_examples=3000, deadline=None)
@given(_flow(3).map(lambda s: "{a: " + s + "}") | _flow(3), _SPACE)
def test_load_yaml_equals_libyaml(text: str, tail: str) -> None:
    # repr tells True from 1 and keeps key order, so types and order must agree too.
    assert _fast_or_error(text + tail) == _yaml_or_error(text + tail)


def test_load_yaml_fast_path_is_taken_for_quote_data() -> None:
    text = '{quotes: [{text: "Öztürk\u2019s view: yes", start: 10, end: 33}]}'
    assert _SIMPLE_FLOW.fullmatch(text)
    assert load_yaml(text) == {
        "quotes": [{"text": "Öztürk\u2019s view: yes", "start": 10, "end": 33}]
    }
