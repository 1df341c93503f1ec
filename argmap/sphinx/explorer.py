"""The ``argmap-explorer`` directive: the explorer of a map or a comparison, in a page.

The directive reads the file when the page is read and makes the explorer page
(:mod:`argmap.explorer`); the HTML writer saves it beside Sphinx's images as
``argmap-explorer-<sha1>.html`` and shows it in an ``<iframe>``, with a link to open it on
its own. Other builders show the caption only.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec
from sphinx.writers.html5 import HTML5Translator

from argmap.errors import ArgmapError
from argmap.sphinx._load import load_comparison, load_map, warn

__all__ = ["ArgmapExplorerDirective", "argmap_explorer", "html_visit_argmap_explorer", "skip"]


class argmap_explorer(nodes.General, nodes.Element):
    """An explorer page: ``html`` holds the page, ``height`` and ``caption`` its frame."""


def _height(argument: str) -> str:
    value = argument.strip()
    number = value.removesuffix("px")
    if not number.isdigit() or not 200 <= int(number) <= 4000:
        raise ValueError(f"height must be 200 to 4000 pixels, got {argument!r}")
    return f"{int(number)}px"


class ArgmapExplorerDirective(SphinxDirective):
    """``.. argmap-explorer:: PATH`` (a map or a comparison file)."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "height": _height,
        "caption": directives.unchanged,
    }

    def run(self) -> list[Node]:
        from argmap import explorer
        from argmap.formats.comparison import is_comparison
        from argmap.formats.files import read_text

        _relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        try:
            text = read_text(absolute, what="Argdown file")
        except ArgmapError:
            text = ""  # the loader below reports it, located
        loaded = load_comparison(self) if is_comparison(text) else load_map(self)
        if loaded is None:
            return []
        obj, _path = loaded
        try:
            page = explorer.explorer_html(obj)
        except ArgmapError as err:
            warn(self, err.message, err.location)
            return []
        node = argmap_explorer()
        node["html"] = page
        node["height"] = self.options.get("height", "720px")
        node["caption"] = self.options.get("caption", "")
        node["title"] = obj.title or obj.id
        self.set_source_info(node)
        return [node]


def html_visit_argmap_explorer(self: HTML5Translator, node: argmap_explorer) -> None:
    page: str = node["html"]
    name = f"argmap-explorer-{hashlib.sha1(page.encode('utf-8')).hexdigest()}.html"
    folder = Path(self.builder.outdir) / self.builder.imagedir
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():
        target.write_text(page, encoding="utf-8")
    src = html.escape(f"{self.builder.imgpath}/{name}", quote=True)
    title = html.escape(f"Explorer: {node['title']}", quote=True)
    caption = html.escape(node["caption"])
    self.body.append(
        '<figure class="argmap-explorer">'
        f'<iframe src="{src}" title="{title}" loading="lazy" sandbox="allow-scripts" '
        f'style="width: 100%; height: {node["height"]}; border: 1px solid #bbb;"></iframe>'
        f"<figcaption>{caption + ' ' if caption else ''}"
        f'<a href="{src}">Open the explorer on its own page</a>.</figcaption></figure>\n'
    )
    raise nodes.SkipNode


def skip(self: object, node: argmap_explorer) -> None:
    """Builders other than HTML leave the explorer out."""
    raise nodes.SkipNode
