"""The MkDocs adapter: one hook, an order written in code, state that does not leak.

mkdocs.yml lists hooks/evidence_site.py alone; the features under hooks/mkdocs_adapter/
see each event in the order of its FEATURES, placed among the plugins by their own
priorities; what outlives a build is owned by mkdocs_adapter/process.py, and the two
class-wide replacements (Page.render, jieba.cut) exist only while a build runs.
"""

from __future__ import annotations

import ast
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import jieba
import pytest
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from conftest import REPO, build, make_site
from evidence_site import EVENTS, FEATURES  # noqa: E402 (hooks/ is on sys.path in conftest)
from mkdocs_adapter.process import PROCESS

ADAPTER = REPO / "hooks" / "mkdocs_adapter"


def test_mkdocs_yml_lists_one_hook():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = []
    for line in text.split("\nhooks:\n", 1)[1].splitlines():
        if line.strip().startswith("#"):
            continue
        if not line.startswith(" "):
            break
        hooks.append(line.strip().removeprefix("- ").strip())
    assert hooks == ["hooks/evidence_site.py"]


def test_every_feature_module_is_in_the_order_once():
    listed = [f.module.__name__.rpartition(".")[2] for f in FEATURES]
    assert len(listed) == len(set(listed))
    with_handlers = set()
    for path in ADAPTER.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.FunctionDef) and n.name.removeprefix("on_") in EVENTS and n.name.startswith("on_")
               for n in tree.body):
            with_handlers.add(path.stem)
    assert with_handlers == set(listed), "a feature with event handlers that hooks/evidence_site.py does not call"
    assert all(f.why_here for f in FEATURES)


def test_features_run_in_the_order_the_former_hook_files_ran(tmp_path):
    """Registered handlers, flattened: by priority (highest first), then FEATURES order —
    what MkDocs did when each feature was a hook file of its own, listed in this order."""
    from mkdocs.config import load_config

    site = make_site(tmp_path / "site", "base-site")
    config = load_config(config_file=str(site / "mkdocs.yml"))
    order = [f.module for f in FEATURES]
    for event in EVENTS:
        ours = [m for m in config.plugins.events[event] if hasattr(m, "evidence_site_handlers")]
        flattened = [h for m in ours for h in m.evidence_site_handlers]
        expected = sorted((getattr(m, f"on_{event}") for m in order if hasattr(m, f"on_{event}")),
                          key=lambda h: (-getattr(h, "mkdocs_priority", 0), order.index(sys.modules[h.__module__])))
        assert flattened == expected, event
        priorities = [m.mkdocs_priority for m in ours]
        assert priorities == sorted(priorities, reverse=True) and len(set(priorities)) == len(priorities), event


def test_a_build_leaves_page_render_and_jieba_cut_as_it_found_them(tmp_path):
    render, cut = Page.render, jieba.cut
    seen = {}

    class Probe(BasePlugin):
        def on_page_context(self, context, page, config, nav):
            seen["render"], seen["cut"] = Page.render, jieba.cut
            return context

    site = make_site(tmp_path / "site", "base-site")
    assert build(site, tmp_path / "out", extra_plugins={"probe": Probe()}).ok
    assert seen["render"] is not render and getattr(seen["cut"], "remembers", False), "installed during the build"
    assert Page.render is render and jieba.cut is cut, "removed when the build ended"
    assert not PROCESS.patches


def test_a_failed_build_removes_the_patches_too(tmp_path):
    render, cut = Page.render, jieba.cut

    class Breaks(BasePlugin):
        def on_page_context(self, context, page, config, nav):
            raise RuntimeError("a plugin fails mid-build")

    site = make_site(tmp_path / "site", "base-site")
    with pytest.raises(RuntimeError, match="a plugin fails mid-build"):
        build(site, tmp_path / "out", extra_plugins={"breaks": Breaks()})
    assert Page.render is render and jieba.cut is cut


def test_a_plugin_writing_after_the_checksums_stops_the_build_with_the_fix(tmp_path):
    class Late(BasePlugin):
        @event_priority(-500)
        def on_post_build(self, config):
            (Path(config.site_dir) / "late.txt").write_text("written after SHA256SUMS", encoding="utf-8")

    site = make_site(tmp_path / "site", "base-site")
    result = build(site, tmp_path / "out", extra_plugins={"late-writer": Late()})
    assert not result.ok
    assert ("mkdocs.yml 中的插件“late-writer”在证据站写校验和(exports/SHA256SUMS)之后还会写文件,"
            "离线副本的完整性校验将不通过。请从 plugins: 中删去它,或按 requirements.txt 安装固定版本。"
            ) in "\n".join(result.messages(logging.ERROR))
    assert not (tmp_path / "out" / "late.txt").exists(), "stopped before anything was built"


def test_a_build_with_another_config_file_name_reads_that_file(tmp_path):
    """`mkdocs build -f site.yml`: the settings, the blog, the footer findings and the
    messages all come from site.yml, as check.py -f site.yml reports them."""
    site = make_site(tmp_path / "site", "base-site")
    text = (site / "mkdocs.yml").read_text(encoding="utf-8").replace("    sponsor: ", "    sponser: ", 1)
    (site / "site.yml").write_text(text, encoding="utf-8")
    (site / "mkdocs.yml").write_text("site_name: 另一个站点\nplugins: []\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(site / "site.yml"), "-d",
                          str(tmp_path / "out")], capture_output=True, text=True, encoding="utf-8",
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    built = [line for line in run.stderr.splitlines() if "sponser" in line]
    assert built and "site.yml" in built[0] and "mkdocs.yml" not in built[0]
    checked = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), str(site), "-f", "site.yml"],
                             capture_output=True, text=True, encoding="utf-8")
    assert [line for line in checked.stdout.splitlines() if "sponser" in line] == \
        [line.split("evidence_site: ", 1)[1] for line in built]


def test_check_py_says_so_when_the_named_config_file_is_missing(tmp_path):
    site = make_site(tmp_path / "site", "base-site")
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), str(site), "-f", "site.yml"],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 2
    assert f"找不到配置文件 {site / 'site.yml'}" in run.stderr


def test_the_domain_imports_no_mkdocs():
    for path in (REPO / "hooks" / "evidencesite").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] in ("mkdocs", "material", "mkdocs_macros") for n in names), path


def test_serve_watches_the_evidence_folder_and_the_review_records(tmp_path):
    """Not under `watch:` in mkdocs.yml, which fails in English before any hook runs when
    a new site has no evidence folder yet; the build of such a site goes on."""
    from mkdocs.config import load_config

    site = make_site(tmp_path / "site", "base-site")
    (site / "pii-allow.yml").write_text("allow: []\n", encoding="utf-8")
    config = load_config(config_file=str(site / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    watched = []

    class Server:
        def watch(self, path, *args, **kwargs):
            watched.append(Path(path))

    config.plugins.on_serve(Server(), config=config, builder=lambda: None)
    assert site / "evidence" in watched and site / "pii-allow.yml" in watched
    assert site / "onsite-record.yml" not in watched  # none yet

    shutil.rmtree(site / "evidence")
    assert build(site, tmp_path / "out").ok
