"""Sphinx configuration of the argmap documentation (built by ``make docs``, offline)."""

from __future__ import annotations

import sys
from pathlib import Path

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
html_static_path: list[str] = []
html_last_updated_fmt = None
