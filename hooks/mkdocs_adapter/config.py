"""The config MkDocs loaded, as the domain needs it: the settings of `extra.evidence_site`
validated once, and the file's own name for every message (`mkdocs build -f site.yml`
names site.yml)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from evidencesite.model.settings import Settings, read_engine_config


def config_name(config: MkDocsConfig) -> str:
    return Path(config.config_file_path or "mkdocs.yml").name


def site_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def settings_of(config: MkDocsConfig) -> Settings:
    """The site's settings from the loaded config; a ValueError in staff's words when wrong."""
    root = site_root(config)
    return Settings.from_mapping(config.extra.get("evidence_site"),
                                 docs_dir=Path(os.path.relpath(config.docs_dir, root)).as_posix(),
                                 audience=config.extra.get("audience"),
                                 engine=read_engine_config(Path(config.config_file_path)))


def offline(config: MkDocsConfig) -> bool:
    """Whether this build is the offline bundle (Material's offline plugin is on)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)
