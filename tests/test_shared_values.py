"""Values the whole build agrees on, each answered in one place of the domain: where
evidence is served, which file is an indicator page, the build cache, the blog.

The hooks, the checks and the exports ask these instead of spelling the answer again
(`"evidence/"`, `src.startswith("indicators/")`, `Cache(root / cache_dir)`,
`config.plugins.get("material/blog")`), so a change of any of them is one change.
"""

from __future__ import annotations

import json

from conftest import build, load
from evidencesite.model import EVIDENCE_URL, evidence_href, served_evidence
from evidencesite.presentation.publicity import BLOG_PLUGIN, Blog, blog_in_mkdocs_yml, blog_of
from evidencesite.publishing.integrity import MANIFEST


def test_evidence_is_served_under_one_prefix_whatever_folder_it_comes_from(base_site, tmp_path):
    assert evidence_href("N001/权责清单通知.pdf") == EVIDENCE_URL + "N001/权责清单通知.pdf"
    assert served_evidence("evidence/N001/权责清单通知.pdf") == "N001/权责清单通知.pdf"
    assert served_evidence("indicators/N001/index.html") is None

    site = load(base_site)
    [item] = [i for i in site.indicators["N001"].evidence if i.file]
    assert item.href_path == evidence_href(item.file)
    # findings name the file where staff put it (relative to the site root)
    assert site.settings.evidence_path(item.file) == f"{site.settings.evidence_dir}/{item.file}"

    out = build(base_site, tmp_path / "out").site_dir
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert [f["path"] for f in manifest["files"]] == [evidence_href(item.file)]
    assert (out / evidence_href(item.file)).is_file()


def test_an_indicator_page_is_known_by_its_path(base_site):
    site = load(base_site)
    n001 = site.indicators["N001"]
    assert site.indicator_at("docs/indicators/N001.md") is n001
    assert site.indicator_at(n001.path) is n001
    assert site.indicator_at("docs/index.md") is None
    assert site.indicator_at("docs/indicators/framework.yml") is None


def test_one_build_cache_per_site(base_site):
    site = load(base_site)
    assert site.cache is site.cache
    assert site.cache.folder == site.root / site.settings.cache_dir


def test_the_blog_is_looked_up_one_way():
    class Plugin:
        config = {"blog_dir": "news", "categories_allowed": ["工作动态"]}

    blog = blog_of({BLOG_PLUGIN: Plugin()})
    assert blog == Blog("news", "news/posts", ("工作动态",))
    assert blog.index_page == "news/index.md"
    assert blog.is_post("news/posts/2021-05-01-会议.md") and not blog.is_post("news/index.md")
    assert blog_of({}) is None
    assert blog_in_mkdocs_yml({"plugins": [{"blog": {"blog_dir": "news"}}]}) == Blog("news", "news/posts")
