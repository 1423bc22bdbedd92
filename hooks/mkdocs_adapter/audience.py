"""The assessor build says on every page, the 404 page included, that it is for assessors
only, and asks search engines not to index it. The public build is left alone.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from evidencesite.pipeline.buildstate import state_of
from evidencesite.pipeline.finish import audience_mark

def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return audience_mark(output, state_of(config).site.settings.audience.banner)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output
    return audience_mark(output, state_of(config).site.settings.audience.banner)
