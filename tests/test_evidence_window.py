"""The evidence window (work plan: material "2016年以来"): evidence dated outside it gets
advice naming the item; undated evidence is counted and listed; a bad setting is refused."""

from __future__ import annotations

import pytest

from conftest import build, run_script


def _window(site, start="2021-04-01", end="2021-12-31"):
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = "".join(f"\n    evidence_window_{k}: {v}" for k, v in (("start", start), ("end", end)) if v)
    config.write_text(text.replace("  evidence_site:", "  evidence_site:" + lines, 1), encoding="utf-8")


def test_evidence_outside_the_window_is_advice_naming_the_item(base_site, tmp_path):
    _window(base_site)
    done = run_script("check.py", base_site)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert ("【建议】docs/indicators/N001.md 第15行 字段 evidence 第1项 date:证据《关于公布市级权责清单的通知》的日期 2021-03-15 "
            "不在材料收集范围(2021-04-01 至 2021-12-31)内。 修改方法:核对 date 是否写错(应当是文件本身的日期);"
            "确属范围以外的材料,换成范围内的材料,或在正文中说明为什么仍然引用它。") in lines
    assert ("【提示】材料收集范围 2021-04-01 至 2021-12-31:有 1 项证据没有写日期(date),无法判断是否在范围内:N002 第1项。"
            "请在这些证据下写 date: 年-月-日(文件本身的日期)。") in lines
    assert run_script("check.py", base_site, "--strict").returncode == 1
    assert not build(base_site, tmp_path / "out", strict=True).ok


def test_evidence_inside_an_open_ended_window_is_fine(base_site):
    _window(base_site, start="2016-01-01", end="")
    done = run_script("check.py", base_site, "--strict")
    assert "不在材料收集范围" not in done.stdout
    assert "【提示】材料收集范围 2016-01-01 至 不限:有 1 项证据没有写日期" in done.stdout


def test_without_a_window_nothing_is_said(base_site):
    done = run_script("check.py", base_site, "--strict")
    assert done.returncode == 0 and "材料收集范围" not in done.stdout


@pytest.mark.parametrize("start, end, message", [
    ("2016年以后", "", "evidence_site.evidence_window_start 的值“2016年以后”不是日期,应当写成 年-月-日,例如 2016-01-01。"),
    ("2021-04-01", "2020-12-31", "evidence_site.evidence_window_end(2020-12-31)早于 evidence_window_start(2021-04-01),请改正其中一个。"),
], ids=["not-a-date", "end-before-start"])
def test_a_bad_window_is_a_usage_error_in_chinese(base_site, start, end, message):
    _window(base_site, start, end)
    done = run_script("check.py", base_site)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
