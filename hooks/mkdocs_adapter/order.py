"""The order this site's build relies on among MkDocs' plugins, checked when the build
starts, with a message that says how to fix it (as mkdocs-literate-nav checks its own).

`hooks/evidence_site.py` fixes the order of the site's own features; their
`@event_priority` places them among the plugins. Two places matter enough that a wrong
order would publish something wrong rather than fail: the braces check must come before
the macros plugin renders a page (a page with a broken macro would stop the build), and
the checksums must be the last thing written (a file changed after them would fail the
integrity check of every copy). A plugin configured to run later than the checksums, or
this hook listed under `plugins:` or twice, is caught here.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from evidencesite.catalogue.adapter import say
from mkdocs_adapter.config import config_name

@event_priority(1000)  # before every other on_config: nothing runs on a build in the wrong order
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    problem = order_problem(config)
    if problem:
        raise PluginError(problem)
    return config


def order_problem(config: MkDocsConfig) -> str | None:
    """The first order problem as staff read it, or None."""
    ours = [hook for hook in (config.hooks or {}).values() if getattr(hook, "FEATURES", None) is not None]
    if len(ours) > 1:
        return say("hook-listed-twice", file=config_name(config))
    events = config.plugins.events
    origin = config.plugins._event_origins
    markdown = events.get("page_markdown", [])
    macros = [i for i, m in enumerate(markdown) if origin.get(m) == "macros"]
    checked = [i for i, m in enumerate(markdown) if _runs(m, "page_macros")]
    if macros and checked and checked[0] > macros[0]:
        return say("macros-before-check", file=config_name(config))
    post_build = events.get("post_build", [])
    last = [i for i, m in enumerate(post_build) if _runs(m, "integrity")]
    later = [origin.get(m, "?") for m in post_build[last[0] + 1:] if not _ours(m)] if last else []
    if later:
        return say("plugin-after-checksums", file=config_name(config), plugin=later[0])
    return None


def _ours(method: Any) -> bool:
    return hasattr(method, "evidence_site_handlers")


def _runs(method: Any, feature: str) -> bool:
    """Whether a handler registered by evidence_site.py calls this feature's handler."""
    return any(getattr(h, "__module__", "") == f"mkdocs_adapter.{feature}"
               for h in getattr(method, "evidence_site_handlers", ()))


