"""The evidence site's domain: framework, indicators, evidence, findings.

Everything here runs without MkDocs, so `scripts/check.py`, the exports and the
tests use the same code as the build. The MkDocs adapter beside this package
(`hooks/evidence_site.py` and its features in `hooks/mkdocs_adapter/`) turns MkDocs'
events into calls on it; `pipeline/stages.py` is the build in stages.

The sub-packages are layers (`LAYERS`, lowest first): a module may import its own
package and the packages below it, never one above, not even for a type annotation
(tests/test_architecture.py). This package itself holds only paths; every layer may
import it.
"""

from pathlib import Path

HOOKS_DIR = Path(__file__).resolve().parent.parent
"""`hooks/`: the MkDocs adapter, this package, and the assets they ship (`hooks/assets/`)."""
REPO_DIR = HOOKS_DIR.parent
"""The product's repository (the vendored web assets live under it)."""

LAYERS: tuple[tuple[str, str], ...] = (
    ("catalogue", "every sentence staff read, and what a finding is: at the bottom, so any layer "
                  "(the settings in the model included) can tell staff what is wrong"),
    ("text", "text as readers see it: pure functions over strings, no domain"),
    ("files", "writing files safely, caches, scratch folders, workbooks: file mechanics, no domain"),
    ("model", "the domain's values and invariants, and the loaded `Site` every layer above names"),
    ("reading", "what staff wrote (pages, data files, the evidence folder, Git) read into the model"),
    ("editing", "surgical edits to what staff wrote, checked by reading it back"),
    ("figures", "where the campaign stands, computed from a loaded site"),
    ("presentation", "what readers see: page blocks, generated pages, macros, downloads, assets"),
    ("checks", "rules over the whole site, some over what presentation makes of it (the macros in "
               "pages, requests in the built HTML), so above it"),
    ("loading", "the site loaded and checked (`load_site`): reading and every check over it"),
    ("publishing", "what leaves the site: exports, reports, packages, PDFs, labels, integrity, "
                   "sealing; it loads sites (earlier commits for the reports)"),
    ("intake", "the register merged into the site, through the editors and the loader"),
    ("pipeline", "the build in stages (read, check, plan, render, finish) over all of the above, "
                 "and the state a build shares: at the top, since it drives every layer"),
)
"""The sub-packages, lowest first, each with why it sits where it does."""
