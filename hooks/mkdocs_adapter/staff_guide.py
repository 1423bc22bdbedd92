"""The staff guide (编辑指南, docs/guide/): its generated parts are macros, so the text
around them stays ordinary Markdown that staff can edit.

- `{{ message_reference() }}`: every message of messages.CATALOGUE by severity, with its fix;
- `{{ macro_reference() }}`: the macros pages may call, read from the registered
  functions' docstrings when the page is rendered (so it lists what other features and plugins register).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from evidencesite.catalogue.adapter import say
from mkdocs_adapter.config import config_name
from evidencesite.presentation import guide

_OWN = guide.MACRO_NAMES


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    macros = config.plugins.get("macros")
    if macros is None:
        raise PluginError(say("guide-needs-macros", file=config_name(config)))
    macros.register_macros({
        "message_reference": guide.message_reference,
        "macro_reference": lambda: guide.macro_reference(macros.macros, exclude=_OWN),
    })
    return config
