"""Render evidence: each indicator page gets its facts, evidence, notes and problems
above the prose staff wrote, and the site gets the stylesheet for them.
"""

from __future__ import annotations

from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from evidencesite.catalogue.adapter import word
from evidencesite import HOOKS_DIR
from evidencesite.presentation import render
from evidencesite.pipeline.buildstate import state_of

STYLESHEET = "assets/evidence-site/evidence-site.css"
_ASSETS = HOOKS_DIR / "assets"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, STYLESHEET, abs_src_path=str(_ASSETS / "evidence-site.css")))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    indicator = _indicator(page, config)
    parsed_by_mkdocs = bool(page.meta)
    if indicator:
        # MkDocs prefers the meta title over the nav's, and themes print it unescaped.
        page.meta["title"] = escape(indicator.display_title)
        # Material reads `status` as its own page-status icon; ours is shown in the header.
        page.meta.pop("status", None)
    # Our own reading of the page, so a page whose front matter MkDocs could not parse
    # does not show its raw YAML as prose; otherwise MkDocs' body, with its macros rendered.
    return indicator.body if indicator and not parsed_by_mkdocs else markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    indicator = _indicator(page, config)
    if not indicator:
        return html
    state = state_of(config)

    def link(src: str) -> str:
        target = files.get_file_from_path(src)
        return get_relative_url(target.url, page.url) if target else "#"

    narrative = (render.section_start("narrative", word("narrative")) + "\n" + html + "</section>"
                 if html.strip() and not html.lstrip().startswith("<h2") else html)
    updated = state.history.last_updated(indicator, state.site)
    return render.indicator_header(state.site, indicator, link, state.today, updated) + "\n" + narrative


def _indicator(page: Page, config: MkDocsConfig):
    site = state_of(config).site
    return site.indicator_at(f"{site.settings.docs_dir}/{page.file.src_uri}")
