"""The comparison report: theses, issues, correspondences and counts as Markdown or HTML.

Both renderers read the same :class:`~argmap.compare.Comparison` and say the same things in
the same order: the essays compared, their theses side by side, every issue with each author's
position (or an explicit *not addressed*), the agreements, partial agreements and conflicts
with both statements, their quotes and the analyst's rationale, the claims only one author
makes, and the counts. The output depends on the comparison alone (no dates), so a report
can be committed and diffed.

>>> from argmap.compare import Comparison
>>> from argmap.model import MapBuilder, Role
>>> a = MapBuilder("a", "Essay A").statement("A: t", "Tax land.", Role.THESIS, quote="tax").build()
>>> c = Comparison("demo", "A alone", (a,))
>>> markdown(c).splitlines()[0]
'# A alone'
>>> "<h1>A alone</h1>" in html(c)
True
"""

from __future__ import annotations

from argmap.render.report_html import html
from argmap.render.report_md import markdown, md_escape, md_table_cell
from argmap.render.report_model import Figures, Images, author_label

__all__ = ["Figures", "Images", "author_label", "html", "markdown", "md_escape", "md_table_cell"]
