"""Personal data never reaches the public build raw: resident ID and mobile numbers are
masked (138****1234) in the model's front-matter text, in every page's HTML, in the
404 page and in the search index. The assessor build is left as written.

What was found is reported by site_model.py (the review runs when the site loads);
numbers reviewed as not personal data (pii-allow.yml) stay as written. Must come after
indicator_pages.py in `FEATURES` (hooks/evidence_site.py), so the evidence block it adds is masked too.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.checks import disclosure
from evidencesite.text import personal_data
from evidencesite.pipeline.buildstate import state_of
from evidencesite.publishing import sealing
from evidencesite.pipeline.finish import mask_search_index
from evidencesite.files.atomicwrite import write_atomic
from evidencesite.model import Audience

_SEARCH_INDEX = Path("search") / "search_index.json"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site = state_of(config).site
    if _public(config):
        disclosure.mask_indicators(site.indicators, site.disclosure.allowed)
        disclosure.mask_framework(site.framework, site.disclosure.allowed)
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Masked here too (not only in on_post_page) so the search plugin indexes masked text.
    return personal_data.mask_html(html, _allowed(config)) if _public(config) else html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The whole page: navigation labels, <title>, table of contents, headings.
    return _masked(output, page.file.dest_uri, config) if _public(config) else output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if _public(config) and template_name.endswith(".html"):  # 404.html carries the navigation
        return _masked(output, template_name, config)
    return output


def _masked(output: str, dest: str, config: MkDocsConfig) -> str:
    """The output masked, noted by its digest: the seal at the end of the build
    (output_seal.py) need not mask again a file that is still exactly this."""
    masked = personal_data.mask_html(output, _allowed(config))
    state_of(config).masked_outputs[dest] = sealing.digest(masked.encode("utf-8", errors="xmlcharrefreplace"))
    return masked


def on_post_build(config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / _SEARCH_INDEX
    if not _public(config) or not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    if mask_search_index(data, _allowed(config)):
        write_atomic(index, json.dumps(data, separators=(",", ":")).encode("utf-8"))


def _public(config: MkDocsConfig) -> bool:
    return state_of(config).site.settings.audience is Audience.PUBLIC


def _allowed(config: MkDocsConfig) -> frozenset[str]:
    return state_of(config).site.disclosure.allowed
