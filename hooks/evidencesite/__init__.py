"""The evidence site's domain: framework, indicators, evidence, findings.

Everything here runs without MkDocs, so `scripts/check.py`, the exports and the
tests use the same code as the build. The MkDocs adapter beside this package
(`hooks/evidence_site.py` and its features in `hooks/mkdocs_adapter/`) turns MkDocs'
events into calls on it; `pipeline/stages.py` is the build in stages.
"""

from pathlib import Path

HOOKS_DIR = Path(__file__).resolve().parent.parent
"""`hooks/`: the MkDocs adapter, this package, and the assets they ship (`hooks/assets/`)."""
REPO_DIR = HOOKS_DIR.parent
"""The product's repository (the vendored web assets live under it)."""
