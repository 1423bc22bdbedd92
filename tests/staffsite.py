"""Helpers for the staff-workflow tests: the repository's own guide, news, policy and
participation pages layered onto a fixture site, and settings appended to its mkdocs.yml."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

from conftest import REPO

SITE_URL = "https://fzzf.example.gov.cn/site/"


def configure(site: Path, *lines: str) -> Path:
    """Append top-level settings (`site_url: …`) to the site's mkdocs.yml."""
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return site


def set_evidence_setting(site: Path, key: str, value: str) -> Path:
    """Set one key of extra.evidence_site in the site's mkdocs.yml."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, n = re.subn(rf"^(    {key}:).*$", rf"\1 {value}", text, flags=re.MULTILINE)
    if not n:
        text = text.replace("  evidence_site:\n", f"  evidence_site:\n    {key}: {value}\n")
    config.write_text(text, encoding="utf-8")
    return site


def add_docs(site: Path, *names: str) -> Path:
    """Copy pages or folders of the repository's docs/ (e.g. 'guide', 'news', 'participation.md')."""
    for name in names:
        src, dest = REPO / "docs" / name, site / "docs" / name
        if src.is_dir():
            shutil.copytree(src, dest, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dest)
    if "guide" in names and not (site / "docs/guide/import.md").exists():
        # The register import page comes from its own branch; the guide links to it.
        (site / "docs/guide/import.md").write_text("# 导入登记表\n\n(由导入工具的说明页替换。)\n", encoding="utf-8")
    return site


def code_blocks(html: str) -> list[tuple[str, str]]:
    """(title, text) of every titled code block, as readers copy it (highlighting removed)."""
    out = []
    for title, body in re.findall(r'<span class="filename">([^<]*)</span>.*?<code>(.*?)</code>', html, flags=re.S):
        out.append((unescape(title), unescape(re.sub(r"<[^>]+>", "", body))))
    return out
