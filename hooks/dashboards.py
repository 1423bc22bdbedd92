"""Dashboards: the campaign phases, the 工作进展 pages (责任单位 and each unit's page,
逾期事项, 整改台账) in the navigation, and the macros staff place on any page.

Must come after navigation.py in `hooks:` (it puts its section after the gaps page).
The macros are registered with the macros plugin each build, bound to this build's
figures; their errors are reported in the catalogue's words, without a traceback, and
stop the build (`on_error_fail: true` in mkdocs.yml).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs_macros.errors import format_error

from evidencesite import macros, progress_pages, render
from evidencesite.buildstate import BuildState, state_of
from evidencesite.messages import finding
from evidencesite.phases import load_phases
from evidencesite.schema import did_you_mean

log = get_plugin_logger("evidence_site")
STYLESHEET = "assets/evidence-site/dashboards.css"
_ASSETS = Path(__file__).parent / "assets"


# ---------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state = state_of(config)
    root = Path(config.config_file_path).parent
    state.phases, findings = load_phases(root, state.site.settings)
    state.site.findings.extend(findings)  # reported with the others at the end of the build
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    plugin = config.plugins.get("macros")
    if plugin is None:
        log.warning("mkdocs.yml 的 plugins 中没有 macros,页面中的 {{ … }} 进展模块无法显示。"
                    "修改方法:在 plugins 下加入 macros(写法见本仓库的 mkdocs.yml)。")
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
    for path, markdown in progress_pages.pages(state.board).items():
        # unit pages are reached from 责任单位, not from the navigation
        inclusion = InclusionLevel.NOT_IN_NAV if path.startswith("units/") else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
    config.nav = _with_section(config.nav or [], progress_pages.nav_section(state.board))
    return files


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _bind(name: str, plugin: Any, state: BuildState):
    """The macro as the plugin calls it: no context argument, the current page implied."""

    @functools.wraps(macros.MACROS[name])
    def macro(*args: Any, **kwargs: Any) -> str:
        return macros.call(name, macros.Context(state.board, plugin.page.file.src_uri), *args, **kwargs)

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
    """Teach the macros plugin our messages for a macro error: which file and line, what,
    how to fix it. Registered again each build (the plugin's registry is global)."""

    def where(page: Any, markdown: str, error: BaseException, line: int | None = None) -> dict[str, Any]:
        if line is None:
            frames = []
            tb = error.__traceback__
            while tb:
                frames.append(tb)
                tb = tb.tb_next
            line = next((f.tb_lineno for f in reversed(frames) if f.tb_frame.f_code.co_filename == "<template>"), None)
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        if line and source and source.is_file():  # the body's line plus the front matter MkDocs removed
            line += max(0, len(source.read_text(encoding="utf-8-sig").splitlines()) - len(markdown.splitlines()))
        return {"path": f"{docs_dir}/{page.file.src_uri}", "line": line}

    def macro_error(error: macros.MacroError, markdown: str, page: Any) -> str:
        return error.finding.format()

    def undefined(error: UndefinedError, markdown: str, page: Any) -> str:
        m = re.match(r"'([^']+)' is undefined", str(error))
        if not m:
            return finding("macro-syntax", detail=str(error), **where(page, markdown, error)).format()
        return finding("macro-unknown", name=m.group(1), suggestion=did_you_mean(m.group(1), list(macros.MACROS), {}),
                       known="、".join(macros.MACROS), **where(page, markdown, error)).format()

    def syntax(error: TemplateSyntaxError, markdown: str, page: Any) -> str:
        return finding("macro-syntax", detail=error.message or str(error),
                       **where(page, markdown, error, error.lineno)).format()

    format_error.register(macros.MacroError, macro_error)
    format_error.register(UndefinedError, undefined)
    format_error.register(TemplateSyntaxError, syntax)
