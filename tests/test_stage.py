"""The product outlives its engine (issue 15): scripts/stage.py writes the site as a plain
site that stock MkDocs + Material builds with no hooks and no macros plugin, and its
--finish step does on the built HTML what the hooks do after rendering.

The demo site, with personal data planted in its prose and headings, is built the
normal way and staged, for both audiences; the staged site is built by the stock
`mkdocs build` and finished. Both outputs have the same HTML pages, each with the same
content and page around it, the same search entries and the same files; the public
version has no planted number anywhere, the staged folder included.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import demo_site, run_script
from test_audiences import found

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1618000000"}
PLANTED = ["13970810031", "13970810032", "410923198503172020"]
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)

ALLOWED_DIFFERENCES = {
    "whitespace": "blank lines and indentation between tags: the staged pages are raw HTML blocks, which Markdown "
                  "lays out on lines of their own; compared after collapsing whitespace",
    "search index order": "MkDocs indexes pages in file order; the normal build appends its generated pages "
                          "(areas, groups, dashboards) last, the staged site has them as files among the others; "
                          "entries compared as a sorted list",
    "exports/SHA256SUMS and search/search_index.json bytes": "the first lists the pages' checksums (their whitespace "
                                                              "differs), the second is the order above",
}


def engine(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "mkdocs"), *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = demo_site(tmp_path_factory.mktemp("stage") / "demo")
    index = site / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n## 咨询热线 13970810031\n\n值班电话 13970810032。\n",
                     encoding="utf-8")
    page = site / "docs" / "indicators" / "N001.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n经办人身份证号 410923198503172020。\n", encoding="utf-8")
    return site


@pytest.fixture(scope="module", params=["public", "assessor"])
def built(request, demo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path, Path]:
    """(audience, the normal build, the staged folder, the staged site built by stock MkDocs and finished)."""
    audience = request.param
    work = tmp_path_factory.mktemp(audience)
    normal = work / "normal"
    done = subprocess.run([str(BIN / "mkdocs"), "build", "-f", str(demo / "mkdocs.yml"), "-d", str(normal)],
                          env={**ENV, "SITE_AUDIENCE": audience}, capture_output=True, text=True, encoding="utf-8",
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    staged = work / "staged"
    done = run_script("stage.py", staged, "--audience", audience, "-f", demo / "mkdocs.yml", env=ENV)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    config = (staged / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config and "macros" not in config and "\nnav:" in config
    built = engine("build", cwd=staged)  # stock MkDocs, in the staged folder, into staged/site
    assert built.returncode == 0, built.stderr[-3000:]
    assert "evidence_site" not in built.stderr  # no hook ran
    finished = run_script("stage.py", "--finish", staged / "site", env=ENV)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return audience, normal, staged, staged / "site"


def pages(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.html"))
            if not p.relative_to(folder).as_posix().startswith("evidence/")}


def squeeze(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def article(html: str) -> str:
    m = ARTICLE.search(html)
    return squeeze(m.group(1)) if m else ""


def search_entries(site: Path) -> tuple[dict, list[str]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return index["config"], sorted(json.dumps(d, sort_keys=True, ensure_ascii=False) for d in index["docs"])


def test_staged_and_finished_site_has_the_same_pages_with_the_same_content(built) -> None:
    audience, normal, _, site = built
    ours, theirs = pages(normal), pages(site)
    assert sorted(ours) == sorted(theirs)
    assert len(ours) > 50
    for path, html in ours.items():
        assert article(html), path
        assert article(theirs[path]) == article(html), f"{path}: the <article> differs ({audience})"
        # The page around the content too: navigation, table of contents, footer, the banner.
        assert squeeze(theirs[path]) == squeeze(html), f"{path}: the page differs outside <article> ({audience})"


def test_staged_and_finished_site_has_the_same_search_entries(built) -> None:
    _, normal, _, site = built
    assert search_entries(site) == search_entries(normal)
    config, entries = search_entries(site)
    assert "title_words" in config["fields"]  # the Chinese inner words were added by --finish
    assert any("title_words" in json.loads(e) for e in entries)


def test_staged_and_finished_site_publishes_the_same_files(built) -> None:
    _, normal, _, site = built
    listing = {p.relative_to(normal).as_posix() for p in normal.rglob("*") if p.is_file()}
    assert listing == {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    for path in sorted(listing - set(pages(normal)) - {"exports/SHA256SUMS", "search/search_index.json"}):
        if path.endswith(("sitemap.xml", "sitemap.xml.gz")):
            continue  # page order differs (see ALLOWED_DIFFERENCES); the same pages are checked above
        assert (site / path).read_bytes() == (normal / path).read_bytes(), path
    verified = run_script("verify.py", site)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_public_staged_folder_and_site_hold_no_planted_personal_data(built) -> None:
    audience, normal, staged, site = built
    if audience == "public":
        assert found(normal, PLANTED) == {}
        assert found(staged, PLANTED) == {}  # the staged docs and config, and the finished site under it
        assert "139****0031" in (site / "index.html").read_text(encoding="utf-8")
    else:
        assert set(found(staged, PLANTED)) == set(PLANTED)  # the assessor version keeps what staff wrote
        assert "评审专用,请勿公开" in (site / "index.html").read_text(encoding="utf-8")


def test_stage_refuses_a_folder_that_is_not_empty_and_finish_needs_the_stage(tmp_path: Path, demo: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("x", encoding="utf-8")
    refused = run_script("stage.py", tmp_path / "out", "-f", demo / "mkdocs.yml", env=ENV)
    assert refused.returncode == 2 and "不是空文件夹" in refused.stderr
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
    lost = run_script("stage.py", "--finish", tmp_path / "site", env=ENV)
    assert lost.returncode == 2 and "stage.json" in lost.stderr and "Traceback" not in lost.stderr
    shutil.rmtree(tmp_path / "site")
