"""Internal pages leave a build that should not have them (evidencesite/presentation/internal.py):
their files, their navigation entries, and with them their search entries and sitemap
lines. Must come after every feature that adds pages or downloads, and after the navigation."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from evidencesite.presentation import internal
from evidencesite.pipeline.buildstate import state_of


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if state_of(config).internal:
        return files
    for file in [f for f in files if internal.is_internal(f.src_uri)]:
        files.remove(file)
    config.nav = internal.prune_nav(config.nav or [])
    return files
