"""scripts/bench.py on a tiny site (never a real benchmark in the test suite): it runs
every kind of measurement, writes the report's tables, keeps the hand-written notes,
and its bare-Material copy builds the same pages as our build."""

from __future__ import annotations

import json
import os
import re
import sys

from conftest import REPO, run_script

sys.path.insert(0, str(REPO / "scripts"))
import _bench_bare  # noqa: E402

MKDOCS_YML = (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_bare_config_drops_hooks_and_macros_and_keeps_the_rest():
    captured = {"nav": ["index.md", {"缺口清单": "gaps.md"}], "extra_css": ["assets/a.css"], "extra_javascript": [],
                "edit_uri": None, "disabled_plugins": ["blog", "rss"]}
    text = _bench_bare.bare_config(MKDOCS_YML, captured)
    assert "hooks:" not in text and "hooks/mkdocs_adapter/site_model.py" not in text
    assert "- macros" not in text and "on_undefined" not in text
    plugins = text[text.index("plugins:"):text.index("markdown_extensions:")]
    assert re.search(r"- blog:\n\s+enabled: false\n\s+blog_dir: news", plugins)
    assert re.search(r"- rss:\n\s+enabled: false\n", plugins)
    assert "- search:" in plugins and "enabled: !ENV [SITE_OFFLINE, false]" in plugins, "untouched"
    assert "navigation.prune" in text and "lang: zh" in text, "same theme and search settings"
    assert text.rstrip().endswith("extra_javascript: []") and "- 缺口清单: gaps.md" in text


def test_disabling_a_plugin_that_has_an_enabled_line_replaces_it():
    text = "plugins:\n  - offline:\n      enabled: !ENV [X, true]\n      x: 1\n  - search\nhooks:\n  - a.py\n"
    assert _bench_bare.disable_plugin(text, "offline") == \
        "plugins:\n  - offline:\n      enabled: false\n      x: 1\n  - search\nhooks:\n  - a.py\n"
    assert _bench_bare.disable_plugin(text, "search").endswith("  - search:\n      enabled: false\nhooks:\n  - a.py\n")


def test_tiny_benchmark_writes_every_table_and_keeps_the_notes(tmp_path):
    report = tmp_path / "BENCHMARKS.md"
    report.write_text("old\n<!-- Everything below this line is written by hand; scripts/bench.py keeps it. -->\n"
                      "\n## Notes\n\n手写的说明。\n", encoding="utf-8")
    work = tmp_path / "work"
    args = ["--sizes", "20", "--runs", "1", "--workdir", work, "--output", report, "--no-browser", "--serve-sizes", "20"]
    result = run_script("bench.py", *args)
    assert result.returncode == 0, result.stderr[-3000:]
    text = report.read_text(encoding="utf-8")
    for heading in ("## Times (wall clock)", "## Times (CPU)", "## Memory and output", "## Targets",
                    "## What dominates", "## mkdocs serve: from saving a page to the change showing"):
        assert heading in text
    assert re.search(r"^\| 20 \| [\d.]+ s <br>\([\d.]+–[\d.]+\) \|", text, re.M), "median with min and max"
    assert "Both builds write the same pages (checked each time: 20: same)" in text
    assert f"{os.cpu_count()} cores" in text and "- Command: `python scripts/bench.py --sizes 20 --runs 1" in text
    assert text.rstrip().endswith("手写的说明。") and not text.startswith("old"), "notes kept, the rest rewritten"
    results = json.loads((work / "results.json").read_text(encoding="utf-8"))
    [size] = results["sizes"]
    assert size["output"]["same_pages_as_bare"] and size["whole_html_pages"] == []
    assert size["serve_memory_mb"] > 0 and size["breakdown"]["spent"]["theme templates"] > 0
    [serve] = results["serve"]
    assert serve["pages_checked"][0].startswith("indicators/") and len(serve["pages_checked"]) >= 3, \
        "the indicator page, its group and area pages at least"
    again = run_script("bench.py", "--workdir", work, "--output", report, "--report-only")
    assert again.returncode == 0 and report.read_text(encoding="utf-8") == text
    page = sorted((work / "demo-20" / "docs" / "indicators").glob("N*.md"))[1]
    before = page.read_bytes()
    late = run_script("bench.py", "--workdir", work, "--output", report, "--keep-builds", "--no-browser", "--serve-sizes", "20")
    assert late.returncode == 0, late.stderr[-3000:]
    kept = json.loads((work / "results.json").read_text(encoding="utf-8"))
    assert kept["sizes"] == results["sizes"], "the build measurements are kept"
    assert kept["serve"][0]["pages_checked"] == serve["pages_checked"] and page.read_bytes() == before
    assert "measured again by `python scripts/bench.py --workdir" in report.read_text(encoding="utf-8")


def test_bad_arguments_are_usage_errors(tmp_path):
    result = run_script("bench.py", "--sizes", "130,1000", "--runs", "5,5,3", "--workdir", tmp_path)
    assert result.returncode == 2 and "--runs" in result.stderr
