"""Shared test machinery: small real sites in temp dirs, built in-process or checked.

A site is made by layering fixture folders (tests/fixtures/<name>/ with docs/ and
evidence/) and writing a mkdocs.yml that is the repository's own, with the hooks
pointing at this checkout. Builds capture every log record of the `mkdocs` logger
tree, so tests assert on the exact messages staff would see.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
sys.path[:0] = [str(REPO / "hooks"), str(REPO / "scripts")]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The tests of the dashboards and the guide read the internal pages in public builds too; the
# tests of internal pages themselves (tests/test_internal_pages.py) set this per build.
os.environ.setdefault("SITE_PUBLISH_INTERNAL", "true")

from evidencesite.loading.loader import Site, load_site  # noqa: E402
from evidencesite.model.settings import settings_for  # noqa: E402
from make_demo import mkdocs_yaml  # noqa: E402


def site_config_text(site_name: str = "测试站点") -> str:
    """The repository's mkdocs.yml, retitled, with its hooks and theme overrides at absolute paths."""
    return mkdocs_yaml(site_name)


_CHECKOUT_ONLY = {".venv", ".git", ".cache", "site", "build"}
"""Top-level folders of a whole checkout used as a layer that are not site content (the venv is 250 MB)."""


def _not_content(top: Path):
    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {"expected.yml"} & set(names)
        return skip | (_CHECKOUT_ONLY & set(names) if Path(folder) == Path(top) else set())
    return ignore


def make_site(dest: Path, *layers: str | Path) -> Path:
    """Copy fixture folders (names under tests/fixtures/ or paths) over each other into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for layer in layers:
        src = layer if isinstance(layer, Path) else FIXTURES / layer
        shutil.copytree(src, dest, symlinks=True, dirs_exist_ok=True, ignore=_not_content(src))
    if not (dest / "mkdocs.yml").exists():
        (dest / "mkdocs.yml").write_text(site_config_text(), encoding="utf-8")
    return dest


def demo_site(dest: Path, indicators: int = 40) -> Path:
    """A demo site made by scripts/make_demo.py, as staff would make one."""
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "make_demo.py"), str(dest), "--indicators",
                           str(indicators)], capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    return dest


def load(root: Path, audience: str | None = None) -> Site:
    return load_site(root, settings_for(root, audience))


_PREFIX = re.compile(r"^evidence_site: ")


@dataclass
class BuildResult:
    ok: bool
    site_dir: Path
    records: list[logging.LogRecord] = field(default_factory=list)
    error: str = ""

    def messages(self, level: int = logging.INFO) -> list[str]:
        """Log messages at `level` or above, without the hooks' logger prefix."""
        return [_PREFIX.sub("", r.getMessage()) for r in self.records if r.levelno >= level]

    @property
    def warnings(self) -> list[str]:
        return [_PREFIX.sub("", r.getMessage()) for r in self.records if r.levelno == logging.WARNING]

    def page(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append(record)


def build(root: Path, site_dir: Path | None = None, *, strict: bool = False, audience: str | None = None,
          command: str = "build", extra_plugins: dict | None = None) -> BuildResult:
    """Build the site at root in this process, as `mkdocs build [--strict]` would (or as
    `mkdocs serve` does each rebuild, with command="serve"); `extra_plugins` are added
    after the site's own plugins and hooks, as a plugin installed beside them would be."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir or root.parent / (root.name + "-out")
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)  # as the mkdocs command line sets it
    old = os.environ.get("SITE_AUDIENCE")
    if audience:
        os.environ["SITE_AUDIENCE"] = audience
    else:
        os.environ.pop("SITE_AUDIENCE", None)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), strict=strict, site_dir=str(site_dir))
        for name, plugin in (extra_plugins or {}).items():
            config.plugins[name] = plugin
        # As `mkdocs build` does; the RSS plugin sets up its feeds here. (No on_shutdown: MkDocs keeps
        # such plugin instances for the whole process, and the blog's would delete its folder twice.)
        config.plugins.on_startup(command=command, dirty=False)
        mkdocs_build(config)
        return BuildResult(True, site_dir, handler.records)
    except MkDocsException as exc:
        return BuildResult(False, site_dir, handler.records, str(exc))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        if old is None:
            os.environ.pop("SITE_AUDIENCE", None)
        else:
            os.environ["SITE_AUDIENCE"] = old


def run_script(name: str, *args: str | Path, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run scripts/<name> as staff would, capturing text output."""
    return subprocess.run([sys.executable, str(REPO / "scripts" / name), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", env={**os.environ, **(env or {})})


def tree_hash(*folders: Path) -> str:
    """One hash of every file's path, bytes and symlink target under the folders."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            digest.update(str(path.relative_to(folder)).encode())
            if path.is_symlink():
                digest.update(os.readlink(path).encode())
            elif path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def base_site(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/base-site: three valid indicators, no findings at all."""
    return make_site(tmp_path / "site", "base-site")


# ---------------------------------------------------------------------------
# Browser tests (tests/browser_support.py): one chromium per test session
# ---------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's chromium through playwright")
    config.addinivalue_line("markers", "slow: a limit test of a minute or more (still part of make test)")


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    from browser_support import missing_browser_reason
    reason = missing_browser_reason()
    if reason and not hasattr(config, "workerinput"):
        terminalreporter.write_line("!" * 20 + " " + reason, red=True, bold=True)
    _tests_that_ran(terminalreporter)


def _tests_that_ran(terminalreporter) -> None:
    """One line per test module with its outcomes, so CI's last lines name what ran."""
    counts: dict[str, dict[str, int]] = {}
    for outcome in ("passed", "failed", "skipped", "error", "xfailed", "xpassed"):
        for report in terminalreporter.stats.get(outcome, []):  # pytest files each test once per outcome
            module = getattr(report, "nodeid", "").split("::", 1)[0]
            if module:
                tally = counts.setdefault(module, {})
                tally[outcome] = tally.get(outcome, 0) + 1
    if counts:
        terminalreporter.section("tests that ran, by module")
        for module in sorted(counts):
            terminalreporter.write_line(f"{module}: " + ", ".join(f"{n} {o}" for o, n in sorted(counts[module].items())))


@pytest.fixture(scope="session")
def browser():
    from browser_support import CHROMIUM_ARGS, chromium_path, missing_browser_reason
    reason = missing_browser_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason.replace("已跳过", "无法运行(CI=true 时必须有浏览器)"))
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# ---------------------------------------------------------------------------
# The demo site (130 indicators), generated and built once per test session
# ---------------------------------------------------------------------------

DEMO_DATE = dt.date(2021, 4, 9)
"""The build date of the shared demo build (SOURCE_DATE_EPOCH): phase 3 of the plan,
with some time nodes passed and some to come."""


@dataclass
class DemoBuild:
    root: Path
    out: Path
    result: BuildResult
    site: Site
    today: dt.date


def epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH for midnight UTC of `day`."""
    return str(int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp()))


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> DemoBuild:
    root = tmp_path_factory.mktemp("demo") / "site"
    made = run_script("make_demo.py", root)
    assert made.returncode == 0, made.stderr
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch(DEMO_DATE)
    try:
        result = build(root, root.parent / "out")
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH") if old is None else os.environ.update(SOURCE_DATE_EPOCH=old)
    assert result.ok, result.error
    return DemoBuild(root, root.parent / "out", result, load(root), DEMO_DATE)
