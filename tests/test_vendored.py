"""The browser scripts the site serves are kept in the repository (issue 14: building and
previewing need Python only) and are exactly the npm packages package-lock.json pins."""

from __future__ import annotations

import hashlib
import json

import pytest

from evidencesite.presentation.webassets import MANIFEST, VENDOR, VENDORED, lock_entry

RECORD = {r["package"]: r for r in json.loads(MANIFEST.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("script", VENDORED, ids=lambda s: s.package)
def test_vendored_script_is_the_locked_package_version(script):
    entry, record = lock_entry(script.package), RECORD[script.package]
    assert (record["version"], record["integrity"]) == (entry["version"], entry["integrity"]), \
        "package-lock.json changed: run python scripts/refresh_vendored.py"
    assert record["license"] == entry["license"] and (VENDOR / script.package / "LICENSE").is_file()
    assert hashlib.sha256(script.path.read_bytes()).hexdigest() == record["files"][script.path.name]


@pytest.mark.parametrize("script", VENDORED, ids=lambda s: s.package)
def test_vendored_script_matches_the_installed_package_when_npm_installed_it(script):
    installed = VENDOR.parents[2] / "node_modules" / script.package / script.source
    if not installed.is_file():
        pytest.skip("node_modules/ 未安装(npm ci):只比对了 VENDORED.json")
    assert installed.read_bytes() == script.path.read_bytes()


def test_every_vendored_package_is_recorded():
    assert sorted(RECORD) == sorted({s.package for s in VENDORED})
