"""Text evidence (.txt, .csv) published as UTF-8 with a BOM (evidencesite/presentation/textcopy.py), so
it shows Chinese text however it is served. Must come after evidence_files.py and before
integrity.py in `FEATURES` (hooks/evidence_site.py) (the checksums cover the published copy)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from evidencesite.presentation import textcopy
from evidencesite.pipeline.buildstate import state_of
from evidencesite.model import served_evidence


def on_files(files: Files, config: MkDocsConfig) -> Files:
    cache = state_of(config).site.cache
    for file in files:
        if served_evidence(file.src_uri) is not None and textcopy.is_text(file.src_uri) and file.abs_src_path:
            copy = textcopy.published_copy(Path(file.abs_src_path), cache)
            if copy is not None:
                file.abs_src_path = str(copy)
    cache.save()
    return files
