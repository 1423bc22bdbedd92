"""The footer's government-site details (主办单位 … 网站纠错): computed in Python from
`extra.portal` and handed to overrides/partials/copyright.html, which only lays them out.
A misspelt key is reported, so a field that never appears does not go unnoticed.
"""

from __future__ import annotations


from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from evidencesite.presentation.portal import footer_items


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # its findings are the check stage's (mkdocs_adapter/site_check.py)
    env.globals["evidence_site_footer"] = footer_items(config.extra.get("portal"))
    return env
