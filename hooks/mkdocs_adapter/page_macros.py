"""Braces staff cannot get wrong enough to stop a build: every page's macros are checked
by the check stage (mkdocs_adapter/site_check.py, evidencesite/checks/page_macros.py, as
scripts/check.py checks them); a page with a problem is reported like any other error and
its braces are left as written (the macros plugin would stop the whole build on it);
hooks/mkdocs_adapter/page_errors.py shows the error on the page.

Pages render in a sandbox that holds only the project's macros (page_macros.sandbox): no
front-matter field, setting, Git or environment value is reachable from a page body, and
a page title is never rendered as a template (a `{{ … }}` in a title shows as written).
"""

from __future__ import annotations


from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.checks import page_macros
from evidencesite.pipeline.buildstate import state_of


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("macros")
    if plugin is not None:
        plugin.render = _sandboxed_render(plugin)
    return config


def _sandboxed_render(plugin):
    """The plugin's `render` (same opt-out via `render_macros: false`), rendering in the sandbox."""
    def render(markdown: str, force_rendering: bool = False) -> str:
        page = plugin.page
        if page is not None and markdown == page.title:
            return markdown  # the plugin renders titles too: front matter is never a template
        meta = page.meta if page is not None else {}
        if meta.get("render_macros") is False:
            return markdown
        if not plugin.config["render_by_default"] and not (force_rendering or meta.get("render_macros") is True):
            return markdown
        return page_macros.sandbox(plugin.env, plugin.macros).from_string(markdown).render()
    return render


@event_priority(100)  # before the macros plugin renders the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in state_of(config).unrendered:
        page.meta["render_macros"] = False
    return markdown
