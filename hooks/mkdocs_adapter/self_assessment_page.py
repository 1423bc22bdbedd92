"""The self-assessment report page (自评报告): in draft builds its character count is shown
above the text, so whoever edits it sees how much room is left; strict (published)
builds show the report alone. The limit itself is checked with the other findings
(evidencesite.checks.self_assessment, code self-assessment-too-long).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.checks import self_assessment
from evidencesite.pipeline.buildstate import state_of


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = state_of(config)
    settings = state.site.settings
    if state.strict or f"{settings.docs_dir}/{page.file.src_uri}" != settings.self_assessment:
        return html
    length = self_assessment.measure(Path(config.config_file_path).parent, settings)
    return (self_assessment.count_banner(length) + "\n" + html) if length else html
