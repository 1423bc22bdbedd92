"""`mkdocs serve` rebuilds when staff change what the site is built from outside docs/:
the evidence folder, the personal-data review record and the on-site record.

MkDocs watches docs/ and the config file by itself. These are watched from here rather
than under `watch:` in mkdocs.yml, which MkDocs checks before any hook runs: a site not
yet holding an evidence folder (a new site, made by importing a register) would stop
with an English configuration error instead of building.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from evidencesite.pipeline.buildstate import state_of
from mkdocs_adapter.config import site_root


def on_serve(server, config: MkDocsConfig, builder):
    settings = state_of(config).site.settings
    root = site_root(config)
    for path in (root / settings.evidence_dir, root / settings.pii_allow_file, root / settings.onsite_record):
        if path.exists():
            server.watch(str(path))
    return server
