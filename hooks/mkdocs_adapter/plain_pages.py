"""Pages without template syntax skip the macros plugin's rendering.

The macros plugin compiles every page as a Jinja template; on a site of thousands of
indicator pages, nearly all plain Markdown, that is a large part of what the build
spends on our side. A page (and its title) holding none of the template start strings
(`{{`, `{%`, `{#`, or the ones mkdocs.yml sets) renders to itself, so such a page gets
`render_macros: false`, the plugin's own per-page switch, before the plugin sees it,
and loses it again once its Markdown is converted, so the theme sees the same page
metadata as before. A page that says `render_macros` itself is left as it says.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


_MARK = "evidence_site_plain"  # on the page object: this feature put the switch into page.meta


@event_priority(100)  # before the macros plugin (priority 0) renders the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    macros = config.plugins.get("macros")
    if macros is None or "render_macros" in page.meta:
        return markdown
    if not (macros.has_j2(markdown) or macros.has_j2(str(page.title or ""))):
        page.meta["render_macros"] = False
        setattr(page, _MARK, True)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The switch was for the macros plugin only: the theme sees the page's own meta.
    if getattr(page, _MARK, False):
        page.meta.pop("render_macros", None)
    return html
