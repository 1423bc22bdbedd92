"""The read stage (pipeline/stages.py) for this build, and at its end every finding in the log.

The first feature after the order check (hooks/evidence_site.py); the others read what it attaches.
Errors are warnings in a draft build (the build goes on and the page shows them) and
so fail `--strict`; gaps and advice are logged as warnings only in strict builds.
"""

from __future__ import annotations

import logging

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from evidencesite.catalogue.adapter import say
from evidencesite.checks.summary import findings_to_list, tail_lines
from evidencesite.pipeline.buildstate import BuildState, attach, build_date, state_of
from evidencesite.pipeline import stages
from evidencesite.presentation import internal
from mkdocs_adapter.config import config_name, settings_of, site_root
from mkdocs_adapter.process import PROCESS

log = get_plugin_logger("evidence_site")
jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for staff
# The macros plugin's "[macros] - Registering …" lines are English noise for staff; its
# warnings and errors still show.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        settings = settings_of(config)
    except ValueError as exc:
        raise PluginError(say("settings-invalid", file=config_name(config), problem=exc)) from None
    reading = stages.read(site_root(config), settings, build_date())
    attach(config, BuildState(site=reading.site, strict=bool(config.strict), today=reading.today,
                              phases=reading.phases, site_url=str(config.site_url or ""),
                              internal=internal.shown(settings.audience, PROCESS.command == "serve",
                                                      settings.publish_internal)))
    return config


def on_post_build(config: MkDocsConfig) -> None:
    state = state_of(config)
    site = stages.reported(state.site, state.output_findings)
    for found in findings_to_list(site, state.strict):
        log.log(logging.WARNING if found.severity.fails(state.strict) else logging.INFO, found.format())
    for line in tail_lines(site, state.strict):
        log.info(line)
