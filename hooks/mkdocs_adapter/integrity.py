"""Checksums: each published evidence file's SHA-256 on its indicator page (assessor
build), and at the end of the build exports/evidence-manifest.json and
exports/SHA256SUMS over every file of the site (see evidencesite/publishing/integrity.py).

Must be the last of `FEATURES` (hooks/evidence_site.py): its on_files sees the files photos.py swapped in, and its
on_post_build runs after every other hook and plugin (the offline plugin's search
index included), so the checksum list covers every file the build wrote.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from evidencesite.publishing import integrity
from evidencesite.pipeline.buildstate import build_date, state_of
from evidencesite.model import served_evidence


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = state_of(config).site
    digests = {served_evidence(f.src_uri): site.cache.content_hash(Path(f.abs_src_path))
               for f in files if served_evidence(f.src_uri) is not None and f.abs_src_path}
    site.cache.save()
    for indicator in site.indicators.values():
        for item in indicator.evidence:
            if item.file in digests and item.is_published(site.settings.audience):
                item.sha256 = digests[item.file]
    return files


@event_priority(-110)  # after Material's offline plugin (-100), which writes search_index.js
def on_post_build(config: MkDocsConfig) -> None:
    state = state_of(config)
    integrity.write(Path(config.site_dir), state.site, build_date())  # the build date, not the frozen "as of"
