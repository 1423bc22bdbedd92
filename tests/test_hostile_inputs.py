"""Hostile and careless inputs are findings, never a hang, a memory blow-up or a traceback.

Each case is named after its defect and asserts the exact finding. Cases that once hung
or exhausted memory run check.py and the build in a subprocess under an address-space
limit (resource.setrlimit), so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from conftest import REPO

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MEMORY_LIMIT = 1536 * 1024 * 1024
"""Address space for one check.py or mkdocs run: about four times what they need here."""
HANG_GUARD = 300
"""Seconds before a run counts as hung (a guard against a hang, not a timing assertion)."""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def limited(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run python ARGS under the memory limit; a MemoryError or hang fails the test."""
    done = subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env=ENV, cwd=cwd, timeout=HANG_GUARD, preexec_fn=_limit_memory)
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr[-3000:]
    return done


def check(site: Path) -> subprocess.CompletedProcess:
    return limited(REPO / "scripts" / "check.py", site)


def mkdocs_build(site: Path, out: Path) -> subprocess.CompletedProcess:
    return limited("-m", "mkdocs", "build", "-f", site / "mkdocs.yml", "-d", out)


def prepend_front_matter(page: Path, lines: str) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\n" + lines, 1), encoding="utf-8")


# ---------------------------------------------------------------------------
# YAML aliases
# ---------------------------------------------------------------------------

ALIAS_BOMB = 'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"x{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)) + "lead2: *a8\n"
"""Under 1 KB that expands to 9**9 (387 million) strings."""

ALIAS_FINDING = ("第3行 字段 x1 第1项:页首信息里用了 YAML 的引用写法(&名称 定义、*名称 引用),"
                 "引用可以层层展开成极大的内容,构建和检查都不读这种写法。 修改方法:删除 & 和 * 开头的引用,把要重复的内容直接写出来。")


def test_yaml_alias_bomb_in_indicator_page_is_one_finding_under_a_memory_limit(base_site: Path, tmp_path: Path):
    assert len(ALIAS_BOMB.encode()) < 1024
    prepend_front_matter(base_site / "docs/indicators/N002.md", ALIAS_BOMB)
    checked = check(base_site)
    assert checked.returncode == 1
    assert f"【错误】docs/indicators/N002.md {ALIAS_FINDING}" in checked.stdout
    built = mkdocs_build(base_site, tmp_path / "out")
    assert built.returncode == 0, built.stderr[-3000:]
    assert f"【错误】docs/indicators/N002.md {ALIAS_FINDING}" in built.stderr
    assert "lol" not in (tmp_path / "out/indicators/N002/index.html").read_text(encoding="utf-8")


def test_yaml_alias_bomb_in_other_page_is_one_finding_under_a_memory_limit(base_site: Path, tmp_path: Path):
    (base_site / "docs/news.md").write_text("---\ntitle: 动态\n" + ALIAS_BOMB + "---\n# 工作动态\n", encoding="utf-8")
    finding = "【错误】docs/news.md 第4行:页首信息里用了 YAML 的引用写法"
    checked = check(base_site)
    assert checked.returncode == 1 and finding in checked.stdout, checked.stdout
    built = mkdocs_build(base_site, tmp_path / "out")
    assert built.returncode == 0, built.stderr[-3000:]
    assert finding in built.stderr
    assert "工作动态" in (tmp_path / "out/news/index.html").read_text(encoding="utf-8")


def test_yaml_single_alias_in_framework_is_a_finding(base_site: Path):
    framework = base_site / "docs/indicators/framework.yml"
    text = framework.read_text(encoding="utf-8")
    framework.write_text("shared: &s 市司法局\nother: *s\n" + text, encoding="utf-8")
    checked = check(base_site)
    assert checked.returncode == 1
    assert "【错误】docs/indicators/framework.yml 第2行 字段 other:页首信息里用了 YAML 的引用写法" in checked.stdout
