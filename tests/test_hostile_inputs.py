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
import zipfile
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


def check_and_build_report(site: Path, out: Path, expected: list[str]) -> tuple[subprocess.CompletedProcess, ...]:
    """check.py fails and a draft build goes on, both reporting every expected line."""
    checked = check(site)
    assert checked.returncode == 1
    built = mkdocs_build(site, out)
    assert built.returncode == 0, built.stderr[-3000:]
    for line in expected:
        assert line in checked.stdout, line + "\n" + checked.stdout
        assert line in built.stderr, line
    return checked, built


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


# ---------------------------------------------------------------------------
# Zip bombs: an Office file's declared sizes are checked before anything unpacks it
# ---------------------------------------------------------------------------

BOMB_MB = 400


def zip_bomb_xlsx(path: Path) -> Path:
    """A valid workbook whose sheet XML is padded to BOMB_MB MB of spaces (about 400 KB packed)."""
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["序号", "指标名称"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info.filename, data)
                continue
            with bomb.open(info.filename, "w", force_zip64=True) as member:
                head, tail = data.split(b"<sheetData>", 1)
                member.write(head)
                block = b" " * (1 << 20)
                for _ in range(BOMB_MB):
                    member.write(block)
                member.write(b"<sheetData>" + tail)
    plain.unlink()
    return path


BOMB_REASON = f"解压后会有 {BOMB_MB} MB,超过上限 100 MB,不像正常的 Office 文件(可能是“压缩炸弹”)"


def test_zip_bomb_register_is_refused_before_it_is_unpacked(base_site: Path, tmp_path: Path):
    bomb = zip_bomb_xlsx(tmp_path / "登记表.xlsx")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    done = limited(REPO / "scripts" / "import_register.py", bomb, "--dry-run", cwd=base_site)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"【错误】登记表.xlsx:文件无法打开({BOMB_REASON})。" in done.stdout + done.stderr


def test_zip_bomb_evidence_is_not_unpacked_and_is_reported(base_site: Path, tmp_path: Path):
    zip_bomb_xlsx(base_site / "evidence/N001/台账.xlsx")
    page = base_site / "docs/indicators/N001.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n市级", "  - title: 台账\n    type: 文件\n    file: N001/台账.xlsx\n---\n市级"),
                    encoding="utf-8")
    checked = check(base_site)
    assert f"【建议】evidence/N001/台账.xlsx:无法自动检查个人信息:{BOMB_REASON}。" in checked.stdout, checked.stdout
    built = mkdocs_build(base_site, tmp_path / "out")
    assert built.returncode == 0, built.stderr[-3000:]
    assert f"无法自动检查个人信息:{BOMB_REASON}。" in built.stderr


# ---------------------------------------------------------------------------
# FIFOs and other special files: a finding, never a blocked read
# ---------------------------------------------------------------------------


def test_fifo_as_page_and_as_evidence_is_a_finding_not_a_blocked_read(base_site: Path, tmp_path: Path):
    os.mkfifo(base_site / "docs/news.md")
    os.mkfifo(base_site / "docs/indicators/P002.md")
    os.mkfifo(base_site / "evidence/N001/管道.pdf")
    os.mkfifo(base_site / "evidence/N001/未引用.txt")
    page = base_site / "docs/indicators/N002.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "evidence:\n", "evidence:\n  - title: 管道\n    type: 文件\n    file: N001/管道.pdf\n", 1), encoding="utf-8")
    expected = [
        "【错误】docs/indicators/N002.md 第11行 字段 evidence 第1项 file:evidence/N001/管道.pdf 是命名管道(FIFO),"
        "不是普通文件,读取它会使构建停住;没有发布。 修改方法:删除它,换成真正的文件(从原处重新复制一份)。",
        "【错误】evidence/N001/未引用.txt:evidence/N001/未引用.txt 是命名管道(FIFO),不是普通文件,读取它会使构建停住;没有发布。",
        "【错误】docs/news.md:这是命名管道(FIFO),不是普通文件,读取它会使构建停住;没有读取。 修改方法:删除它,重新保存一个 UTF-8 编码的 .md 文件。",
        "【错误】docs/indicators/P002.md:这是命名管道(FIFO),不是普通文件,读取它会使构建停住;没有读取。",
    ]
    check_and_build_report(base_site, tmp_path / "out", expected)
    assert not (tmp_path / "out/evidence/N001/管道.pdf").exists()


# ---------------------------------------------------------------------------
# Bad URLs, NUL bytes and control characters: findings naming file, field and line
# ---------------------------------------------------------------------------

CONTROL_FIX = "(常见于从网页、终端或 Word 域代码复制的文字),会使导出的表格和网页出错;构建时已把它去掉。 修改方法:删除这段文字后重新输入(不要粘贴),或粘贴为纯文本。"


def test_bad_url_nul_byte_in_path_and_control_characters_are_findings(base_site: Path, tmp_path: Path):
    page = base_site / "docs/indicators/N002.md"
    text = page.read_text(encoding="utf-8").replace("title: 优化法治化营商环境", 'title: "优化法治化\\e营商环境"')
    text = text.replace("evidence:\n", 'evidence:\n  - title: 坏链接\n    type: 新闻链接\n    url: "http://[::1/x"\n'
                        '  - title: "标题\\a响铃"\n    type: 文件\n    file: "N001/a\\0b.pdf"\n', 1)
    page.write_text(text + "\n正文里有响铃\x07和转义\x1b[31m红色。\n", encoding="utf-8")
    body_line = page.read_text(encoding="utf-8").split("\n").index("正文里有响铃\x07和转义\x1b[31m红色。") + 1
    expected = [
        f"【错误】docs/indicators/N002.md 第3行 字段 title:这里有看不见的控制字符 U+001B{CONTROL_FIX}",
        "【错误】docs/indicators/N002.md 第11行 字段 evidence 第1项 url:“http://[::1/x”不是有效的网址:方括号 [ ] 没有配对(IPv6 地址的写法)。",
        f"【错误】docs/indicators/N002.md 第12行 字段 evidence 第2项 title:这里有看不见的控制字符 U+0007{CONTROL_FIX}",
        f"【错误】docs/indicators/N002.md 第14行 字段 evidence 第2项 file:这里有看不见的控制字符 U+0000{CONTROL_FIX}",
        f"【错误】docs/indicators/N002.md 第{body_line}行:这里有看不见的控制字符 U+0007{CONTROL_FIX}",
    ]
    check_and_build_report(base_site, tmp_path / "out", expected)
    html = (tmp_path / "out/indicators/N002/index.html").read_text(encoding="utf-8")
    assert "\x07" not in html and "\x1b" not in html and "优化法治化营商环境" in html
    from openpyxl import load_workbook
    book = load_workbook(tmp_path / "out/exports/工作台账.xlsx", read_only=True)
    cells = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert "优化法治化营商环境" in cells, "the export is written, without the control character"
    book.close()


# ---------------------------------------------------------------------------
# check.py and the build agree on everything that fails a build
# ---------------------------------------------------------------------------


def test_check_and_build_report_offsite_resources_and_macro_errors_in_the_same_words(base_site: Path, tmp_path: Path):
    page = base_site / "docs/indicators/N002.md"
    page.write_text(page.read_text(encoding="utf-8") + (
        "\n![现场](https:/\\evil.example/a.png)\n\n"
        '<svg width="10" height="10"><image href="https://evil.example/i.png"/></svg>\n\n'
        "![徽标][logo]\n\n[logo]: //cdn.evil.example/logo.png\n\n"
        "[新闻](https://news.example/1.html)\n\n负责人:{{ 联系人 }}\n"), encoding="utf-8")
    expected = [f"【错误】docs/indicators/N002.md:网页会向其他网站请求 {url}(共 1 个文件)"
                for url in ("https:/\\evil.example/a.png", "https://evil.example/i.png", "//cdn.evil.example/logo.png")]
    checked, built = check_and_build_report(base_site, tmp_path / "out", expected)
    assert "news.example" not in checked.stdout and "news.example" not in built.stderr, "a link people click is no resource"
    macro = [line for line in checked.stdout.splitlines() if "{{ 联系人(…) }}" in line]
    assert len(macro) == 1 and macro[0] in built.stderr


# ---------------------------------------------------------------------------
# Numbers written to slip past the mask: the rendered public page holds none of them
# ---------------------------------------------------------------------------


def test_numbers_written_across_markup_are_masked_in_the_rendered_page(base_site: Path, tmp_path: Path):
    from evidencesite.text import personal_data
    page = base_site / "docs/indicators/N002.md"
    page.write_text(page.read_text(encoding="utf-8") + (
        "\n联系人手机 138<!-- 备注 -->1234 5678。\n\n"
        "值班电话 139<span>2345</span>6789,**137**2345**6789**。\n\n"
        "热线 &#49;&#51;&#54;&#49;&#50;&#51;&#52;&#53;&#54;&#55;&#56;。\n\n"
        "备用 135\u200b1234\u200b5678,又一个 133–1234–\n5678。\n"), encoding="utf-8")
    checked = check(base_site)
    reported = [line for line in checked.stdout.splitlines() if line.startswith("【建议】docs/indicators/N002.md") and "疑似手机号码" in line]
    assert len(reported) == 6, checked.stdout
    built = mkdocs_build(base_site, tmp_path / "out")
    assert built.returncode == 0, built.stderr[-3000:]
    html = (tmp_path / "out/indicators/N002/index.html").read_text(encoding="utf-8")
    found = personal_data.find(html)
    assert found == [], [html[m.start - 20:m.end + 20] for m in found]
    for shown in ("138<!-- 备注 -->**** 5678", "139<span>****</span>6789", "<strong>137</strong>****<strong>6789</strong>",
                  "&#49;&#51;&#54;****&#53;&#54;&#55;&#56;", "135****5678", "133****5678"):
        assert shown in html, shown
