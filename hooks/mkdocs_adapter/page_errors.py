"""Errors shown on the page they are about, whatever page it is: an indicator page lists
its own in its header (indicator_pages.py); this adds, at the top of any page, the
errors about its file that no header shows (a page in a sub-folder, braces that cannot
be rendered, a name that clashes with another's but for letter case).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.presentation import render
from evidencesite.pipeline.buildstate import state_of
from evidencesite.model import Severity


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = state_of(config).site
    path = f"{site.settings.docs_dir}/{page.file.src_uri}"
    shown_by_header = Path(page.file.src_uri).stem if page.file.src_uri.startswith("indicators/") else None
    errors = [f for f in site.findings_in(path) if f.severity is Severity.ERROR
              and not (shown_by_header and f.indicator == shown_by_header and shown_by_header in site.indicators)]
    return render.findings_box(errors, site.settings.audience) + html if errors else html
