"""The footer's government-site details (主办单位 … 网站纠错): computed in Python from
`extra.portal` and handed to overrides/partials/copyright.html, which only lays them out.
A misspelt key is reported, so a field that never appears does not go unnoticed.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from evidencesite.pipeline.buildstate import state_of
from evidencesite.presentation.portal import findings, footer_items


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    portal = config.extra.get("portal")
    # reported with the others at the end of the build, as check.py reports them
    state_of(config).site.findings.extend(findings(portal, Path(config.config_file_path).name))
    env.globals["evidence_site_footer"] = footer_items(portal)
    return env
