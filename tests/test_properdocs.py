"""Engine longevity: the site builds the same with ProperDocs, the maintained continuation of
MkDocs 1.x (MkDocs 1.x is frozen, its 2.0 drops plugins and hooks).

ProperDocs is a test requirement installed beside MkDocs in the same venv: it is its own
package (`properdocs`) and redirects `mkdocs.*` imports to itself only inside the
`properdocs` command, so `mkdocs` keeps running MkDocs. Both engines build the demo site
and a site with errors; the pages, every other output file and the findings must be the
same. The one difference, documented in the README: the `generator` meta tag names the
engine (and so exports/SHA256SUMS, which lists the pages' checksums, differs too).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, demo_site, make_site

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1618000000"}
GENERATOR = re.compile(r'^\s*<meta name="generator" content="[^"]*">\n', re.MULTILINE)
ENGINE_NAMED = {"exports/SHA256SUMS"}
"""Files that differ only because the pages name their engine (the checksum list of the pages)."""


def engine_build(engine: str, site: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    command = shutil.which(engine, path=str(BIN))
    assert command, f"{engine} is not installed: pip install -r requirements-test.txt"
    return subprocess.run([command, "build", "-f", str(site / "mkdocs.yml"), "-d", str(out), *extra], env=ENV,
                          capture_output=True, text=True, encoding="utf-8", timeout=600)


def findings(log: str) -> list[str]:
    """The finding lines of a build log, in order, without the log level and logger prefix."""
    lines = [re.sub(r"^[A-Z]+\s+-\s+(evidence_site: )?", "", line) for line in log.splitlines()]
    return [line for line in lines if line.startswith(("【错误】", "【缺口】", "【建议】", "【提示】"))]


def files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = demo_site(tmp_path_factory.mktemp("engines") / "demo")
    return site


def test_properdocs_builds_the_demo_with_the_same_pages_files_and_findings(demo: Path, tmp_path: Path) -> None:
    built = {engine: engine_build(engine, demo, tmp_path / engine) for engine in ("mkdocs", "properdocs")}
    for engine, done in built.items():
        assert done.returncode == 0, (engine, done.stderr[-3000:])
        assert "Traceback" not in done.stderr
    assert findings(built["mkdocs"].stderr) == findings(built["properdocs"].stderr) != []
    ours, theirs = files(tmp_path / "mkdocs"), files(tmp_path / "properdocs")
    assert sorted(ours) == sorted(theirs)
    generators = set()
    for path, mine in ours.items():
        if path in ENGINE_NAMED:
            continue
        a, b = mine.read_bytes(), theirs[path].read_bytes()
        if path.endswith(".html"):
            generators.update(GENERATOR.findall(b.decode("utf-8")))
            a, b = (GENERATOR.sub("", x.decode("utf-8")).encode("utf-8") for x in (a, b))
        assert a == b, f"{path} differs between MkDocs and ProperDocs"
    assert any("ProperDocs" in g for g in generators), "the only difference seen: the generator tag"


def test_properdocs_reports_errors_and_fails_strict_as_mkdocs_does(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "base-site", FIXTURES / "cases" / "many-errors-one-page")
    draft = {engine: engine_build(engine, site, tmp_path / engine) for engine in ("mkdocs", "properdocs")}
    strict = {engine: engine_build(engine, site, tmp_path / f"{engine}-strict", "--strict")
              for engine in ("mkdocs", "properdocs")}
    assert [d.returncode for d in draft.values()] == [0, 0]
    assert [s.returncode for s in strict.values()] == [1, 1]
    assert findings(draft["mkdocs"].stderr) == findings(draft["properdocs"].stderr)
    assert findings(strict["mkdocs"].stderr) == findings(strict["properdocs"].stderr)
    assert sum(line.startswith("【错误】") for line in findings(strict["mkdocs"].stderr)) == 4
    page = "indicators/N001/index.html"
    assert GENERATOR.sub("", (tmp_path / "mkdocs" / page).read_text(encoding="utf-8")) == \
        GENERATOR.sub("", (tmp_path / "properdocs" / page).read_text(encoding="utf-8"))
