"""The evidence site's one MkDocs hook: MkDocs events in, calls on the domain out.

mkdocs.yml lists this file alone under `hooks:`. Each feature of the build is a module
of `hooks/mkdocs_adapter/` holding the MkDocs event handlers it needs, named as MkDocs names
them; the domain they call (`hooks/evidencesite/`) imports no MkDocs. `FEATURES` is
the order in which the features see each event; a handler's `@event_priority` says
where it runs among MkDocs' plugins, and each says why. For every event this module
registers one handler per priority in use, which calls the features' handlers of that
priority in `FEATURES` order: MkDocs runs them exactly in the order written here.

What lives longer than one build is listed, with how it is kept honest, in
`mkdocs_adapter/process.py`; `mkdocs_adapter/order.py` checks at run time the order this
build relies on among the plugins, with a message saying how to fix it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from mkdocs.plugins import CombinedEvent

from mkdocs_adapter import (
    audience, dashboards, evidence_files, exports, indicator_pages, integrity, internal_pages, last_updated,
    lifetime, live_reload, local_assets, navigation, order, output_seal, page_errors, page_macros, page_memo,
    page_sources, page_tables, photos, plain_pages, portal, privacy, publicity, residents, search_terms,
    self_assessment_page, site_check, site_links, site_model, staff_guide, template_cache, text_evidence,
)


@dataclass(frozen=True)
class Feature:
    module: ModuleType
    why_here: str
    """Why the feature sees each event after the ones above it."""


FEATURES: tuple[Feature, ...] = (
    Feature(order, "first: checks the order this build relies on among the plugins before anything runs"),
    Feature(lifetime, "the process's state turns over before the build, its patches are removed after it"),
    Feature(live_reload, "mkdocs serve also watches the evidence folder and the review records (on_serve only)"),
    Feature(site_model, "loads and checks the site; every feature below reads the build state it attaches"),
    Feature(site_check, "the check stage, first in on_files (every macro is registered by then): the model is "
                        "complete before any feature plans or renders from it"),
    Feature(evidence_files, "adds the cited evidence files before any feature lists or reviews the files"),
    Feature(residents, "decides whether the participation page is published before the navigation is made"),
    Feature(navigation, "builds the indicator tree from the files the features above settled"),
    Feature(indicator_pages, "the block above each indicator page, over the navigation's areas and groups"),
    Feature(search_terms, "the campaign's dictionary, loaded before the search plugin segments a page"),
    Feature(local_assets, "scripts served from the site itself, before the offline plugin adds its shim"),
    Feature(portal, "the footer's government-site conventions"),
    Feature(site_links, "site_url and the links that need it, before the RSS plugin reads it"),
    Feature(self_assessment_page, "the self-assessment report's length banner"),
    Feature(publicity, "news, policy and participation sections, before the navigation's files are final"),
    Feature(staff_guide, "the staff guide's generated reference"),
    Feature(last_updated, "Git's dates, which the dashboards and the overdue list read"),
    Feature(dashboards, "the phases and progress pages and the macros, after the navigation and Git's dates"),
    Feature(page_macros, "pages whose braces failed the check are not rendered by the macros plugin"),
    Feature(page_errors, "a page's errors shown on it, after its content is rendered"),
    Feature(page_tables, "tables made readable on phones, on the rendered content"),
    Feature(exports, "the registers as files, from the complete model"),
    Feature(internal_pages, "internal pages left out of a public build, after every feature has added pages"),
    Feature(page_sources, "front matter parsed once, before every other page_markdown handler"),
    Feature(plain_pages, "pages without template syntax skip the macros plugin"),
    Feature(template_cache, "theme templates compiled once"),
    Feature(page_memo, "serve rebuilds reuse unchanged pages' conversion and search sections"),
    Feature(photos, "photos published as their clean copies"),
    Feature(text_evidence, "text evidence published as UTF-8 copies with a BOM"),
    Feature(privacy, "personal data masked in pages and the search index"),
    Feature(audience, "the audience banner on every page"),
    Feature(output_seal, "the public build sealed on what it finally writes; just before the checksums"),
    Feature(integrity, "last: the checksums cover every file the build wrote"),
)

EVENTS = ("startup", "shutdown", "serve", "config", "pre_build", "files", "nav", "env", "post_build", "build_error",
          "pre_template", "template_context", "post_template", "pre_page", "page_read_source", "page_markdown",
          "page_content", "page_context", "post_page")


def _stage(event: str, priority: float, handlers: tuple[Callable[..., Any], ...]) -> Callable[..., Any]:
    """One registered handler: the features' handlers of one priority, in FEATURES order.
    It passes the event's item along exactly as MkDocs' PluginCollection.run_event does."""
    def run(*item: Any, **context: Any) -> Any:
        result = item[0] if item else None
        for handler in handlers:
            returned = handler(result, **context) if item else handler(**context)
            if returned is not None:
                result = returned
        return result

    run.__name__ = run.__qualname__ = f"_{event}_at_{priority:g}".replace("-", "minus_")
    run.mkdocs_priority = priority  # type: ignore[attr-defined]
    run.evidence_site_handlers = handlers  # type: ignore[attr-defined]
    return run


def _combined(event: str) -> CombinedEvent | None:
    by_priority: dict[float, list[Callable[..., Any]]] = {}
    for feature in FEATURES:
        handler = getattr(feature.module, f"on_{event}", None)
        if handler is not None:
            by_priority.setdefault(getattr(handler, "mkdocs_priority", 0), []).append(handler)
    if not by_priority:
        return None
    return CombinedEvent(*(_stage(event, p, tuple(hs)) for p, hs in sorted(by_priority.items(), reverse=True)))


for _event in EVENTS:
    if (_handlers := _combined(_event)) is not None:
        globals()[f"on_{_event}"] = _handlers
