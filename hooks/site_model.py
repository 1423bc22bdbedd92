"""Load and validate: the site model for this build, and its findings in the log.

Must be the first of `hooks:` in mkdocs.yml; the other hooks read what it attaches.
Errors are warnings in a draft build (the build goes on and the page shows them) and
so fail `--strict`; gaps and advice are logged as warnings only in strict builds.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from evidencesite.presentation import internal
from evidencesite.pipeline.buildstate import BuildState, attach, build_date, state_of
from evidencesite.pipeline.loader import load_site
from evidencesite.model.settings import Settings
from evidencesite.checks.summary import findings_to_list, tail_lines

log = get_plugin_logger("evidence_site")
jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for staff
# The macros plugin's "[macros] - Registering …" lines are English noise for staff; its
# warnings and errors still show.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
_command = {"name": "build"}  # the process's command: `mkdocs serve` calls on_startup once, then rebuilds


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    extra = config.extra
    try:
        settings = Settings.from_mapping(extra.get("evidence_site"),
                                         docs_dir=Path(os.path.relpath(config.docs_dir, root)).as_posix(),
                                         audience=extra.get("audience"))
    except ValueError as exc:
        raise PluginError(f"mkdocs.yml 的 extra 设置有误:{exc}") from None
    attach(config, BuildState(site=load_site(root, settings), strict=bool(config.strict), today=build_date(),
                              internal=internal.shown(settings.audience, _command["name"] == "serve",
                                                      settings.publish_internal)))
    return config


def on_post_build(config: MkDocsConfig) -> None:
    state = state_of(config)
    for found in findings_to_list(state.site, state.strict):
        log.log(logging.WARNING if found.severity.fails(state.strict) else logging.INFO, found.format())
    for line in tail_lines(state.site, state.strict):
        log.info(line)
