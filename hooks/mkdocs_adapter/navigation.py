"""Navigation from the framework: areas, then groups, then indicators; with generated
area, group and gaps pages (virtual files, never written into docs/).

Without a `nav` in mkdocs.yml the site gets: home, the indicator tree (指标体系), the
gaps page, every other page, then the sections of `extra.evidence_site.sections`
(自评报告, 创建动态 …) in that order; a section with no content is left out of the
build and the log says so (evidencesite.presentation.publicity); an area or group with no
indicator page is left out too (evidencesite.figures.sections). With a `nav`, the entry whose
value is the string `indicators/` is replaced by the tree.
"""

from __future__ import annotations

from html import escape, unescape
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import _data_to_navigation  # noqa: F401  (kept importable for tests of nav shape)
from mkdocs.utils import nest_paths

from evidencesite.catalogue.adapter import say, word
from evidencesite.presentation import render
from evidencesite.pipeline.buildstate import state_of
from evidencesite.loading.loader import Site
from evidencesite.presentation.publicity import Section, blog_of, plan_sections
from evidencesite.figures.sections import empty_section_notices

TREE_MARKER = "indicators/"
log = get_plugin_logger("evidence_site")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = state_of(config)
    site = state.site
    for path, page in state.plan.tree_pages.items():
        files.append(File.generated(config, path, content=page.markdown))
    for notice in empty_section_notices(site):
        log.info(notice)
    config.nav = _nav(state.plan.indicator_tree, config.nav, files, _published_sections(site, files, config))
    return files


def _nav(indicator_tree: list, configured: list | None, files: Files, sections: list[Section]) -> list:
    tree = {word("indicator-tree"): indicator_tree}
    if configured:
        return [tree if _is_marker(entry) else entry for entry in configured]
    generated = {render.GAPS_PAGE, "index.md"} | {p for s in sections for p in s.members}
    others = [f.src_uri for f in files.documentation_pages()
              if f.src_uri not in generated and not f.src_uri.startswith(("indicators/", "areas/", "groups/"))]
    head = ["index.md"] if files.get_file_from_path("index.md") else []
    tail = [{escape(s.title): s.pages if s.is_folder else s.pages[0]} for s in sections if s.pages]
    return head + [tree, {word("gaps"): render.GAPS_PAGE}] + nest_paths(sorted(others)) + tail


def _published_sections(site: Site, files: Files, config: MkDocsConfig) -> list[Section]:
    """The sections with content; the others leave the build here, with a line in the log."""
    pages = [f.src_uri for f in files.documentation_pages()]
    planned = plan_sections(site.settings.sections, pages,
                            lambda p: files.get_file_from_path(p).content_bytes.decode("utf-8-sig", "replace"),
                            blog_of(config.plugins))
    for section in planned:
        if not section.has_content:
            for path in section.members:
                files.remove(files.get_file_from_path(path))
            log.info(say("section-unpublished", title=section.title, path=f"{site.settings.docs_dir}/{section.entry}"))
    return [s for s in planned if s.has_content]


def _is_marker(entry: Any) -> bool:
    return isinstance(entry, dict) and len(entry) == 1 and next(iter(entry.values())) == TREE_MARKER


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    # Material prints `page.meta.title` as given but `page.title | striptags`, which turns
    # "&lt;i&gt;" from an escaped heading back into live "<i>"; so every title goes into
    # the meta, escaped once (escape(unescape(t)) leaves an escaped title as it is).
    if page.title:
        page.meta["title"] = escape(unescape(page.title))
    return html
