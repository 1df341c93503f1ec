"""Sphinx configuration of the argmap documentation (built by ``make docs``, offline)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, ClassVar

from pygments import token
from pygments.lexer import RegexLexer
from sphinx.application import Sphinx

# The docs document the checkout they live in, installed or not.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

project = "argmap"
author = "the argmap authors"
copyright = "2026, the argmap authors"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.graphviz",
    "argmap.sphinx",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

myst_heading_anchors = 3

graphviz_output_format = "svg"

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "alabaster"
html_theme_options = {
    "description": "Comparative argument mapping of essays, quote by quote.",
    "page_width": "1180px",
    "sidebar_width": "230px",
}
html_static_path = ["_static"]
html_css_files = ["argmap.css"]
html_last_updated_fmt = None


class ArgdownLexer(RegexLexer):
    """Enough of Argdown for readable code blocks: headings, titles, tags, data, relations."""

    name = "Argdown"
    aliases: ClassVar[list[str]] = ["argdown"]
    filenames: ClassVar[list[str]] = ["*.argdown"]
    tokens: ClassVar[dict[str, list[Any]]] = {
        "root": [
            (r"//[^\n]*", token.Comment.Single),
            (r"/\*.*?\*/", token.Comment.Multiline),
            (r"^===\n(.|\n)*?\n===\n", token.Comment.Preproc),
            (r"^#+ [^{\n]*", token.Generic.Heading),
            (r"^@include\([^)]*\)", token.Keyword.Namespace),
            (r"^\s*(\+>|->|_>|><|<\+|<-|<_|\+|-|_)(?= )", token.Operator),
            (r"\[[^\]\n]+\]", token.Name.Class),
            (r"<[^>\n]+>", token.Name.Function),
            (r"#\([^)\n]*\)|#[\w-]+", token.Name.Tag),
            (r'"(\\.|[^"\\])*"', token.String),
            (r"\b(start|end|text|quotes|positions|answer|statements)(?=:)", token.Name.Attribute),
            (r"\d+", token.Number),
            (r"[{}\[\],:]", token.Punctuation),
            (r"[^\S\n]+|\n", token.Whitespace),
            (r".", token.Text),
        ]
    }


def setup(app: Sphinx) -> None:
    app.add_lexer("argdown", ArgdownLexer)
