"""The assessor build says on every page, the 404 page included, that it is for assessors
only, and asks search engines not to index it. The public build is left alone.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from evidencesite.catalogue.adapter import word
from evidencesite.pipeline.buildstate import state_of

_BODY = re.compile(r"<body\b[^>]*>")
_HEAD = re.compile(r"<head\b[^>]*>")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _mark(output, config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return _mark(output, config) if template_name.endswith(".html") else output


def _mark(html: str, config: MkDocsConfig) -> str:
    banner = state_of(config).site.settings.audience.banner
    if not banner or not _BODY.search(html):
        return html
    html = _HEAD.sub(lambda m: m.group() + '<meta name="robots" content="noindex, nofollow">', html, count=1)
    # A landmark of its own, so no content sits outside landmarks (axe "region").
    return _BODY.sub(lambda m: m.group() + f'<aside class="es-audience-banner" aria-label="{word("audience-landmark")}">{escape(banner)}</aside>',
                     html, count=1)
