"""Dashboards: the campaign phases, the 工作进展 pages (责任单位 and each unit's page,
逾期事项, 整改台账) in the navigation, and the macros staff place on any page.

Must come after navigation.py in `FEATURES` of hooks/evidence_site.py (it puts its section after the gaps page).
The macros are registered with the macros plugin each build, bound to this build's
figures; their errors are reported in the catalogue's words, without a traceback, and
stop the build (`on_error_fail: true` in mkdocs.yml).
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from typing import Any

from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs_macros.errors import format_error

from evidencesite.catalogue.adapter import say
from mkdocs_adapter.config import config_name
from evidencesite import HOOKS_DIR
from evidencesite.presentation import macros, progress_pages, render
from evidencesite.pipeline.buildstate import BuildState, state_of

log = get_plugin_logger("evidence_site")
STYLESHEET = "assets/evidence-site/dashboards.css"
_ASSETS = HOOKS_DIR / "assets"


# ---------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state = state_of(config)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    plugin = config.plugins.get("macros")
    if plugin is None:
        log.warning(say("macros-missing", file=config_name(config)))
        return config
    plugin.register_macros({name: _bind(name, plugin, state) for name in macros.MACROS})
    _report_errors_in_staff_words(state.site.settings.docs_dir)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = state_of(config)
    phases_file = files.get_file_from_path(_under_docs(state.site.settings.phases, config))
    if phases_file:
        files.remove(phases_file)  # data, not a page
    files.append(File.generated(config, STYLESHEET, abs_src_path=str(_ASSETS / "dashboards.css")))
    for path, page in state.plan.progress_pages.items():
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=page.markdown, inclusion=inclusion))
    config.nav = _with_section(config.nav or [], progress_pages.nav_section(state.site.settings.audience))
    return files


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _bind(name: str, plugin: Any, state: BuildState):
    """The macro as the plugin calls it: no context argument, the current page implied."""

    function = macros.MACROS[name]

    @functools.wraps(function)
    def macro(*args: Any, **kwargs: Any) -> str:
        return macros.call(name, macros.Context(state.board, plugin.page.file.src_uri), *args, **kwargs)

    # As staff write it, without the context: the staff guide shows this signature.
    signature = inspect.signature(function)
    macro.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])
    return macro


def _with_section(nav: list, section: dict) -> list:
    """The nav with the section right after the gaps entry, or at the end."""
    for i, entry in enumerate(nav):
        if isinstance(entry, dict) and list(entry.values()) == [render.GAPS_PAGE]:
            return nav[:i + 1] + [section] + nav[i + 1:]
    return nav + [section]


def _under_docs(path: str, config: MkDocsConfig) -> str:
    docs = Path(config.docs_dir).resolve()
    target = (Path(config.config_file_path).parent / path).resolve()
    return target.relative_to(docs).as_posix() if target.is_relative_to(docs) else path


def _report_errors_in_staff_words(docs_dir: str) -> None:
    """Teach the macros plugin our messages for a macro error (file, line, what, how to
    fix it). Registered again each build: the plugin's registry is global."""

    def message(error: Exception, markdown: str, page: Any) -> str:
        line = macros.template_line(error)
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        if line and source and source.is_file():  # the body's line plus the front matter MkDocs removed
            try:
                line += max(0, len(source.read_text(encoding="utf-8-sig").splitlines()) - len(markdown.splitlines()))
            except (OSError, UnicodeDecodeError):
                pass  # the line in the body still helps
        return macros.error_message(error, f"{docs_dir}/{page.file.src_uri}", line)

    for kind in (macros.MacroError, UndefinedError, TemplateSyntaxError):
        format_error.register(kind, message)
