"""Tables that fit: every class-less table is prepared for phone cards and desk width
(evidencesite/presentation/tables.py; the layout itself is in assets/reading.css)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.presentation import tables


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return tables.fit(html)
