"""Braces staff cannot get wrong enough to stop a build: every page's macros are checked
when the site loads (evidencesite/checks/page_macros.py, as scripts/check.py checks them); a
page with a problem is reported like any other error and its braces are left as written (the macros
plugin would stop the whole build on it); hooks/page_errors.py shows the error on the page.

The check runs in on_files, when every hook has registered its macros (in on_config).

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
from evidencesite.figures.progress import Board


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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = state_of(config)
    plugin = config.plugins.get("macros")
    names = page_macros.known_names() | set(page_macros.project_macros(plugin.macros if plugin else {}))
    # A board of its own: rendering to check hands out chart ids the pages must still get.
    board = Board(state.site, state.today, state.phases, state.history)
    found = page_macros.findings(state.site, board, names)
    state.site.findings.extend(found)
    prefix = state.site.settings.docs_dir + "/"  # every finding here names a page under docs/
    state.unrendered = {f.path.removeprefix(prefix) for f in found}
    return files


@event_priority(100)  # before the macros plugin renders the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in state_of(config).unrendered:
        page.meta["render_macros"] = False
    return markdown
