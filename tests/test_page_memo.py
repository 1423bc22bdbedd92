"""What `mkdocs serve` remembers from one rebuild to the next (hooks/mkdocs_adapter/page_memo.py,
hooks/mkdocs_adapter/template_cache.py, evidencesite/files/memo.py) never shows: a remembered build writes the
same files as a fresh process, warnings come back on every build, and an edit, a new or
a deleted page is converted again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build, make_site, tree_hash
from evidencesite.files.memo import Memo, content_key
from mkdocs_adapter.process import PROCESS

EPOCH = "1622548800"
MARKDOWN, SEARCH = PROCESS.markdown, PROCESS.search


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = make_site(tmp_path / "site", "base-site")
    (root / "docs" / "about.md").write_text(
        "# 关于本站\n\n## 编写说明\n\n见[首页](index.md)与[第一项指标](indicators/N001.md#证明材料)。\n\n"
        "## 联系方式\n\n法治政府建设办公室。\n", encoding="utf-8")
    return root


def _counts() -> tuple[int, int]:
    return MARKDOWN.hits, SEARCH.hits


def test_a_remembered_build_writes_what_a_fresh_process_writes(site, tmp_path):
    assert build(site, tmp_path / "first").ok
    before = _counts()
    assert build(site, tmp_path / "second").ok
    after = _counts()
    assert after[0] - before[0] >= 4 and after[1] - before[1] >= 4, "the second build reused pages"
    fresh = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml"),
                            "-d", str(tmp_path / "fresh")], capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert fresh.returncode == 0, fresh.stderr
    assert tree_hash(tmp_path / "second") == tree_hash(tmp_path / "first") == tree_hash(tmp_path / "fresh")
    assert list((site / ".cache" / "evidence-site" / "templates").glob("*.cache")), "compiled templates kept"


def test_a_broken_link_warns_on_every_build_and_fails_strict_every_time(site, tmp_path):
    page = site / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n另见[旧页面](gone.md)。\n", encoding="utf-8")
    for n in range(2):
        draft = build(site, tmp_path / f"draft-{n}")
        assert draft.ok and any("gone.md" in w for w in draft.warnings), n
    before = MARKDOWN.hits
    assert not build(site, tmp_path / "strict", strict=True).ok
    assert MARKDOWN.hits > before, "the strict build reused the conversion and still failed"


def test_edits_new_and_deleted_pages_are_converted_again(site, tmp_path):
    assert build(site, tmp_path / "first").ok
    page = site / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("法治政府建设办公室", "市司法局法治督察科"), encoding="utf-8")
    (site / "docs" / "extra.md").write_text("# 新页面\n\n[关于](about.md)\n", encoding="utf-8")
    second = build(site, tmp_path / "second")
    assert second.ok and "市司法局法治督察科" in second.page("about/index.html")
    assert "法治政府建设办公室" not in (tmp_path / "second" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '<a href="../about/">关于</a>' in second.page("extra/index.html")
    (site / "docs" / "index.md").unlink()  # about.md links to it: the unchanged page must warn now
    third = build(site, tmp_path / "third")
    assert any("about.md" in w and "index.md" in w for w in third.warnings), third.warnings


def test_a_memo_forgets_what_the_last_build_did_not_ask_for():
    m = Memo("test")
    m.put("a", 1)
    m.put("b", 2)
    m.next_build()
    assert m.get("a") == 1 and len(m) == 2
    m.next_build()  # "b" was not asked for in the build before
    assert m.get("b") is None and m.get("a") == 1 and len(m) == 1
    assert (m.hits, m.misses) == (2, 1)


def test_content_keys_separate_their_parts():
    assert content_key("ab", "c") != content_key("a", "bc")
    assert content_key("页面", b"x") == content_key("页面", b"x")
    assert len(content_key("x" * 100_000)) == 32
