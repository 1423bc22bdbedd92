"""The check stage (evidencesite/pipeline/stages.py) in the build: once every feature and
the macros plugin have registered their macros (all in on_config), the site's findings
are completed; after this nothing adds to them (the finish stage's findings about the
built output are kept apart, BuildState.output_findings)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from evidencesite.checks import page_macros
from evidencesite.figures.progress import Board
from evidencesite.pipeline import stages
from evidencesite.pipeline.buildstate import state_of
from mkdocs_adapter.config import config_name, offline


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = state_of(config)
    plugin = config.plugins.get("macros")
    names = page_macros.known_names() | set(page_macros.project_macros(plugin.macros if plugin else {}))
    engine = stages.EngineFacts(macro_names=names, own_hosts=stages.own_hosts(config.site_url),
                                portal=config.extra.get("portal"), config_file=config_name(config),
                                offline=offline(config), page_bodies=False)
    # A board of its own: rendering to check hands out chart ids the pages must still get.
    board = Board(state.site, state.today, state.phases, state.history)
    state.unrendered = stages.check(state.site, board, engine).unrendered
    return files
