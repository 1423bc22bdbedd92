"""Git's record of the pages and evidence, read once per build: each indicator page
shows its 最后更新 date beside its status, and the exports carry it.

One `git log` for the whole site (see evidencesite/reading/history.py) rather than the
git-revision-date plugin's one process per page; without Git or without history the
pages say 暂无版本记录 and the build goes on.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from evidencesite.catalogue.adapter import say
from evidencesite.pipeline.buildstate import state_of
from evidencesite.reading.history import read_history

log = get_plugin_logger("evidence_site")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state = state_of(config)
    state.history = read_history(Path(config.config_file_path).parent, state.site.settings)
    # Pages and area tables say 已逾期 before any board exists (the plan makes them), so
    # the indicators learn their last change as soon as the history is read.
    state.history.stamp(state.site, state.today)
    if not state.history.available:
        log.info(say("no-history", reason=state.history.reason))
    return config
