"""Scripts the built site serves from its own origin instead of a CDN.

Material fetches two scripts from a CDN when a browser needs them: the iframe-worker
shim (search from file://, added by the offline plugin) and a ResizeObserver polyfill
(browsers before 2020, common among older phones). Both come from npm packages pinned
in package.json / package-lock.json and are kept in the repository under
hooks/assets/vendor/ (with their licences and VENDORED.json), so building and previewing
need Python only; scripts/refresh_vendored.py refreshes them from npm and
tests/test_vendored.py checks they match the lock file. They enter the build as files
under assets/vendor/. Nothing is fetched while building or browsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evidencesite import REPO_DIR
from evidencesite.catalogue.publishing import say

REPO = REPO_DIR
ASSETS = REPO / "hooks" / "assets"
VENDOR = ASSETS / "vendor"
MANIFEST = VENDOR / "VENDORED.json"
"""Package, version, licence, the lock file's integrity and each file's SHA-256."""
LOCK_FILE = REPO / "package-lock.json"
OVERRIDES = REPO / "overrides"


@dataclass(frozen=True)
class VendoredScript:
    """One file of an npm package, served by the site at `target`."""

    package: str
    source: str
    """The file inside the package."""
    target: str
    """Where the site serves it (a path under the site root)."""
    consequence: str
    """What breaks without it, for the message staff read."""

    @property
    def path(self) -> Path:
        """The copy kept in the repository: hooks/assets/vendor/<package>/<file name>."""
        return VENDOR / self.package / Path(self.target).name

    @property
    def available(self) -> bool:
        return self.path.is_file()


IFRAME_WORKER_SHIM = VendoredScript(
    "iframe-worker", "shim/index.js", "assets/vendor/iframe-worker/shim.js",
    say("webassets.reason-iframe-worker"))
RESIZE_OBSERVER = VendoredScript(
    "resize-observer-polyfill", "dist/ResizeObserver.global.js",
    "assets/vendor/resize-observer-polyfill/ResizeObserver.global.js",
    say("webassets.reason-resize-observer"))

HEAD_SCRIPT = "assets/evidence-site/head.js"
"""Loaded in <head> in place of Material's inline script (overrides/partials/javascripts/base.html)."""
CONTENT_SCRIPT = "assets/evidence-site/content.js"
"""Loaded after the content in place of Material's inline script (overrides/partials/javascripts/content.html)."""
STYLESHEET = "assets/evidence-site/reading.css"
"""Footer contrast and details, the larger-text switch, the print layout."""
OWN_ASSETS = {HEAD_SCRIPT: ASSETS / "head.js", CONTENT_SCRIPT: ASSETS / "content.js", STYLESHEET: ASSETS / "reading.css"}


VENDORED = (IFRAME_WORKER_SHIM, RESIZE_OBSERVER)


def lock_entry(package: str) -> dict:
    """The package's entry in package-lock.json (version, integrity, licence)."""
    import json
    return json.loads(LOCK_FILE.read_text(encoding="utf-8"))["packages"][f"node_modules/{package}"]


def scripts_for(offline: bool) -> list[VendoredScript]:
    """The vendored scripts a build needs: the shim only for the offline bundle."""
    return [RESIZE_OBSERVER, IFRAME_WORKER_SHIM] if offline else [RESIZE_OBSERVER]
