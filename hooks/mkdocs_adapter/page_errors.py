"""Errors shown on the page they are about, whatever page it is: an indicator page lists
its own in its header (indicator_pages.py); this adds, at the top of any page, the
errors about its file that no header shows (a page in a sub-folder, braces that cannot
be rendered, a name that clashes with another's but for letter case).
"""

from __future__ import annotations


from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.presentation import render
from evidencesite.pipeline.buildstate import state_of
from evidencesite.model import Severity


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = state_of(config).site
    path = f"{site.settings.docs_dir}/{page.file.src_uri}"
    indicator = site.indicator_at(path)  # its page's header shows its own errors
    errors = [f for f in site.findings_in(path) if f.severity is Severity.ERROR
              and not (indicator and f.indicator == indicator.id)]
    return render.findings_box(errors, site.settings.audience) + html if errors else html
