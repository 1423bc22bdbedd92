"""创建动态 (news): Material's blog and the RSS feed run only when there is a post to show.

Without a publishable post the blog plugin is switched off (it would otherwise create
folders and an index page inside docs/) and so is the feed; the posts folder then stays
out of the build and the navigation leaves the section out. A post with an error
(no date, an unknown category …) is left out of the build; its message is among the
build's findings. With the feed on, the news page links to it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from evidencesite.catalogue.adapter import word
from evidencesite.pipeline.buildstate import state_of, switch_off_plugin
from evidencesite.model import Severity
from evidencesite.presentation.publicity import BLOG_PLUGIN, blog_of, publishable_posts


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    blog, news = config.plugins.get(BLOG_PLUGIN), blog_of(config.plugins)
    if news is None or not blog.config.enabled:
        return config
    site = state_of(config).site
    # The blog writes an index page into docs/ when there is none: never let it.
    has_index = (site.root / site.settings.docs_dir / news.index_page).is_file()
    if not (has_index and publishable_posts(site.root, site.settings, news)):
        blog.config.enabled = False
        switch_off_plugin(config, "rss")
    return config


@event_priority(50)  # before the navigation is made from the files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    blog, posts = config.plugins.get(BLOG_PLUGIN), blog_of(config.plugins)
    if posts is None:
        return files
    site = state_of(config).site
    docs = site.settings.docs_dir
    broken = {f.path for f in site.findings if f.severity is Severity.ERROR}
    for file in list(files.documentation_pages()):
        if posts.is_post(file.src_uri) and (not blog.config.enabled or f"{docs}/{file.src_uri}" in broken):
            files.remove(file)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    blog, rss = config.plugins.get(BLOG_PLUGIN), config.plugins.get("rss")
    if not (blog and blog.config.enabled and rss and rss.config.enabled):
        return html
    if page.file.src_uri != blog_of(config.plugins).index_page:
        return html
    feed = get_relative_url(rss.config.feeds_filenames.rss_created, page.url)
    return html + (f'\n<p class="es-feed"><a href="{feed}" type="application/rss+xml">'
                   f"{word('feed')}</a>{word('feed-how')}</p>")
