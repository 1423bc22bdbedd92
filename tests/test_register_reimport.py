"""Re-importing a register an office has edited: rows deleted, inserted, renumbered and
renamed never leave evidence under another indicator's title, and an import that is
killed, meets a locked or read-only page or a full disk leaves the site as before or as
after, never half (issue 12, section 2)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from import_register import main

from conftest import REPO, load, run_script, tree_hash
from evidencesite.files import filetransaction
from registers import shipped_site, workbook

HEADER = ["序号", "一级指标", "二级指标", "三级指标", "牵头单位", "完成时限"]
TITLES = ["推进政府机构改革", "权责清单动态管理", "优化法治化营商环境", "规范性文件备案审查", "重大行政决策程序",
          "行政执法三项制度", "政务公开标准化", "行政复议体制改革", "法治督察工作", "领导干部学法用法"]


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2021, 5, 1, 12, tzinfo=dt.timezone.utc).timestamp())))


def register(path: Path, titles: list[str]) -> Path:
    """The register as offices number it: 1..n again after every edit."""
    rows = [[n, "一、依法全面履行政府职能", "(一)职能优化", title, "市司法局", "2021年6月30日"]
            for n, title in enumerate(titles, start=1)]
    return workbook(path, {"国家指标": (HEADER, rows)}, {"国家指标": [f"B3:B{len(rows) + 2}", f"C3:C{len(rows) + 2}"]})


@pytest.fixture
def site(tmp_path: Path, capsys) -> Path:
    """The shipped site after a first import of TITLES, each page then given its own status and prose."""
    root = shipped_site(tmp_path / "site")
    assert run(capsys, register(tmp_path / "v1.xlsx", TITLES), root)[0] == 0
    for n, title in enumerate(TITLES, start=1):
        page = root / f"docs/indicators/N{n:03d}.md"
        text = page.read_text(encoding="utf-8").replace("status: 未启动", f"status: 推进中\non_site: {title}的台账存市司法局")
        page.write_text(text + f"\n{title}的工作情况。\n", encoding="utf-8")
    return root


def run(capsys, file: Path, site: Path, *args: str) -> tuple[int, str]:
    code = main([str(file), "--site", str(site), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def prose_by_title(site: Path) -> dict[str, str]:
    """Each N indicator's title with the prose staff wrote under it: they must stay together."""
    return {i.title: i.on_site for i in load(site).indicators.values() if i.source == "N" and i.on_site}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.rglob(".*") if p.is_file() and p.suffix in (".tmp", ".bak", ".json"))


# ---------------------------------------------------------------------------
# Identity follows content
# ---------------------------------------------------------------------------


def test_renumbered_after_an_inserted_row_stops_with_the_rename_list_then_applies_it(site, tmp_path, capsys):
    titles = [*TITLES[:2], "法治政府建设年度报告", *TITLES[2:]]
    v2 = register(tmp_path / "v2.xlsx", titles)
    before = tree_hash(site)
    code, out = run(capsys, v2, site)
    assert code == 1 and tree_hash(site) == before
    renames = " ".join(f"--rename N{n:03d}=N{n + 1:03d}" for n in range(3, 11))
    assert f"8 个指标在登记表中换了编号" in out and f"(等同于写 {renames})" in out
    assert "N003“优化法治化营商环境” → N004" in out and "没有写入任何文件" in out
    code, out = run(capsys, v2, site, "--apply-renames")
    assert code == 0, out
    assert f"按建议改编号:{renames}" in out
    assert prose_by_title(site) == {t: f"{t}的台账存市司法局" for t in TITLES}
    assert "优化法治化营商环境的工作情况" in (site / "docs/indicators/N004.md").read_text(encoding="utf-8")
    new = (site / "docs/indicators/N003.md").read_text(encoding="utf-8")
    assert "title: 法治政府建设年度报告" in new and "status: 未启动" in new and "工作情况" not in new
    assert run(capsys, v2, site)[1].startswith("登记表与网站一致")
    assert run_script("check.py", site).returncode == 0


def test_a_deleted_row_names_the_dropped_page_and_check_names_the_same_fix(site, tmp_path, capsys):
    v2 = register(tmp_path / "v2.xlsx", [t for t in TITLES if t != "重大行政决策程序"])
    before = tree_hash(site)
    code, out = run(capsys, v2, site, "--apply-renames")
    fix = "删除页面 docs/indicators/N005.md(它引用的证据文件留在 evidence/ 中,不会删除);"
    assert code == 1 and tree_hash(site) == before
    assert ("【错误】docs/indicators/N005.md:docs/indicators/N005.md(N005 重大行政决策程序)在登记表中找不到了,"
            "它的编号 N005 现在属于“行政执法三项制度”。 修改方法:登记表已删去这一指标的," + fix) in out
    (site / "docs/indicators/N005.md").unlink()
    code, out = run(capsys, v2, site, "--apply-renames")
    assert code == 0, out
    assert prose_by_title(site) == {t: f"{t}的台账存市司法局" for t in TITLES if t != "重大行政决策程序"}
    assert not (site / "docs/indicators/N010.md").exists()


def test_the_last_row_deleted_keeps_the_page_and_check_says_the_same_fix(site, tmp_path, capsys):
    code, out = run(capsys, register(tmp_path / "v2.xlsx", TITLES[:-1]), site)
    fix = "登记表已删去这一指标的,删除页面 docs/indicators/N010.md(它引用的证据文件留在 evidence/ 中,不会删除);"
    assert code == 0 and "【注意】docs/indicators/N010.md:" in out and fix in out
    check = run_script("check.py", site)
    assert check.returncode == 1 and "编号 N010 超出范围" in check.stdout and fix in check.stdout


def test_titles_swapped_between_two_numbers_move_with_their_pages(site, tmp_path, capsys):
    titles = [TITLES[1], TITLES[0], *TITLES[2:]]
    v2 = register(tmp_path / "v2.xlsx", titles)
    code, out = run(capsys, v2, site)
    assert code == 1 and "(等同于写 --rename N002=N001 --rename N001=N002)" in out
    code, out = run(capsys, v2, site, "--apply-renames")
    assert code == 0, out
    assert prose_by_title(site) == {t: f"{t}的台账存市司法局" for t in TITLES}
    assert "推进政府机构改革的工作情况" in (site / "docs/indicators/N002.md").read_text(encoding="utf-8")


def test_a_reworded_title_on_the_same_number_is_an_update_not_a_move(site, tmp_path, capsys):
    titles = ["全面推进政府机构改革", *TITLES[1:]]
    code, out = run(capsys, register(tmp_path / "v2.xlsx", titles), site)
    assert code == 0, out
    assert "修改 docs/indicators/N001.md:title(指标名称) “推进政府机构改革” → “全面推进政府机构改革”" in out


def test_a_new_title_over_an_old_requirement_is_flagged(site, tmp_path, capsys):
    page = site / "docs/indicators/N009.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: 法治督察工作\n",
                                                              "title: 法治督察工作\nrequirement: 开展法治督察,督促整改落实。\n"),
                    encoding="utf-8")
    titles = [*TITLES[:8], "建立健全法律顾问制度", TITLES[9]]
    code, out = run(capsys, register(tmp_path / "v2.xlsx", titles), site)
    assert code == 0, out
    assert ("【注意】docs/indicators/N009.md:docs/indicators/N009.md 的标题改为“建立健全法律顾问制度”,登记表没有指标内容列,"
            "页面上的 requirement 仍是原来的文字“开展法治督察,督促整改落实。”。 修改方法:核对 docs/indicators/N009.md 的"
            " requirement:与新标题不符的,改写或删除这一项。") in out


# ---------------------------------------------------------------------------
# All or nothing
# ---------------------------------------------------------------------------


def changed_register(tmp_path: Path) -> Path:
    """Every page changes: a new lead on every row."""
    rows = [[n, "一、依法全面履行政府职能", "(一)职能优化", t, "市政府办公室", "2021年6月30日"]
            for n, t in enumerate(TITLES, start=1)]
    return workbook(tmp_path / "v3.xlsx", {"国家指标": (HEADER, rows)})


def test_a_read_only_page_stops_the_import_before_anything_is_written(site, tmp_path, capsys):
    page = site / "docs/indicators/N007.md"
    page.chmod(0o444)
    before = tree_hash(site)
    code, out = run(capsys, changed_register(tmp_path), site)
    assert code == 1 and tree_hash(site) == before
    assert ("【错误】docs/indicators/N007.md:docs/indicators/N007.md 是只读文件,导入无法修改它。 "
            "修改方法:在文件“属性”中取消“只读”,关闭正在打开它的程序,然后重新导入。") in out


def test_a_locked_page_halfway_leaves_every_file_as_before(site, tmp_path, capsys, monkeypatch):
    real = os.replace
    def locked(src, dst):  # Windows refuses to replace a file another program holds open
        if str(dst).endswith("N007.md"):
            raise PermissionError(errno.EACCES, "另一个程序正在使用此文件", str(dst))
        real(src, dst)
    monkeypatch.setattr(filetransaction.os, "replace", locked)
    before = tree_hash(site)
    code, out = run(capsys, changed_register(tmp_path), site)
    assert code == 1 and tree_hash(site) == before and leftovers(site) == []
    assert ("写入 docs/indicators/N007.md 失败(另一个程序正在使用此文件)。没有修改任何文件:已替换的文件都已恢复原样,"
            "临时文件已删除。") in out


def test_a_full_disk_leaves_every_file_as_before(site, tmp_path, capsys, monkeypatch):
    real, count = filetransaction._stage, []
    def full(temp, target, data):
        count.append(target)
        if len(count) == 4:
            raise OSError(errno.ENOSPC, "磁盘空间不足", str(temp))
        real(temp, target, data)
    monkeypatch.setattr(filetransaction, "_stage", full)
    before = tree_hash(site)
    code, out = run(capsys, changed_register(tmp_path), site)
    assert code == 1 and tree_hash(site) == before and leftovers(site) == []
    assert "失败(磁盘空间不足)。没有修改任何文件" in out


KILLER = textwrap.dedent("""\
    import os, runpy, signal, sys
    from evidencesite.files import filetransaction
    calls, real = [0], os.replace
    def replace(src, dst):
        if str(dst).endswith(".md"):
            calls[0] += 1
            if calls[0] == {after}:
                os.kill(os.getpid(), signal.SIGKILL)
        real(src, dst)
    filetransaction.os.replace = replace
    sys.argv = ["import_register.py", *sys.argv[1:]]
    runpy.run_path({script!r}, run_name="__main__")
    """)


@pytest.mark.parametrize("after", [1, 5])
def test_kill_9_mid_import_is_undone_by_the_next_run(after, site, tmp_path, capsys):
    v3 = changed_register(tmp_path)
    clean = tmp_path / "clean"
    shutil.copytree(site, clean)
    assert run(capsys, v3, clean)[0] == 0
    killer = tmp_path / "killer.py"
    killer.write_text(KILLER.format(after=after, script=str(REPO / "scripts/import_register.py")), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "scripts"), str(REPO / "hooks")])}
    killed = subprocess.run([sys.executable, str(killer), str(v3), "--site", str(site)], env=env,
                            capture_output=True, text=True, encoding="utf-8")
    assert killed.returncode == -signal.SIGKILL
    assert filetransaction.pending(site)
    checked = run_script("check.py", site)
    assert checked.returncode == 1 and ("【错误】.import-journal.json:上次导入指标体系登记表在写入途中被中断,"
                                        "docs/ 中的页面和指标框架可能只改了一部分。") in checked.stdout
    code, out = run(capsys, v3, site, "--dry-run")
    assert code == 0 and out.startswith("上次导入在写入途中被中断,网站文件可能只改了一部分。")
    code, out = run(capsys, v3, site)
    assert code == 0, out
    assert out.startswith(f"上次导入在写入途中被中断:已把 {after - 1} 个文件恢复到那次导入之前的样子,删除了 ")
    assert tree_hash(site / "docs") == tree_hash(clean / "docs") and leftovers(site) == []


def test_temporary_files_of_an_older_interrupted_write_are_removed(site, tmp_path, capsys):
    stray = site / "docs/indicators/.N003.md.k3j2h1ab.tmp"
    stray.write_text("half", encoding="utf-8")
    code, out = run(capsys, register(tmp_path / "v1.xlsx", TITLES), site)
    assert code == 0 and not stray.exists()
    assert "删除了 1 个以前中断的写入留下的临时文件(在 docs/indicators)。" in out


def test_kill_9_before_a_deletion_counts_only_files_that_changed(site, tmp_path, capsys):
    v2 = register(tmp_path / "v2.xlsx", [t for t in TITLES if t != "重大行政决策程序"])
    (site / "docs/indicators/N005.md").unlink()
    before = tree_hash(site / "docs")
    killer = tmp_path / "killer.py"
    killer.write_text(KILLER.format(after=3, script=str(REPO / "scripts/import_register.py")), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "scripts"), str(REPO / "hooks")])}
    killed = subprocess.run([sys.executable, str(killer), str(v2), "--site", str(site), "--apply-renames"], env=env,
                            capture_output=True, text=True, encoding="utf-8")
    assert killed.returncode == -signal.SIGKILL and filetransaction.pending(site)
    code, out = run(capsys, v2, site, "--dry-run")  # the dry run undoes nothing
    assert filetransaction.pending(site)
    assert filetransaction.recover(site).restored == 2  # two pages replaced; N010.md was not yet deleted
    assert tree_hash(site / "docs") == before and leftovers(site) == []


# ---------------------------------------------------------------------------
# Points (分值) of areas and groups
# ---------------------------------------------------------------------------


def scored_register(path: Path, area: str, group: str, points: tuple[str, str] = ("(3分)", "(2分)")) -> Path:
    rows = [[1, f"一、依法全面履行政府职能{area}", f"(一)职能优化{group}", f"推进政府机构改革{points[0]}", "市委编办", None],
            [2, None, None, f"权责清单动态管理{points[1]}", "市委编办", None]]
    return workbook(path, {"国家指标": (HEADER, rows)}, {"国家指标": ["B3:B4", "C3:C4"]})


def test_points_of_areas_and_groups_are_kept_updated_and_never_dropped(tmp_path, capsys):
    site = shipped_site(tmp_path / "site")
    framework = site / "docs/indicators/framework.yml"
    code, out = run(capsys, scored_register(tmp_path / "v1.xlsx", "(180分)", "(30分)"), site)
    assert code == 0, out
    assert "  - 一级指标 1 分值 未填写 → 180 分" in out and "  - 新增二级指标 1.1 职能优化(分值 30 分)" in out
    areas = load(site).framework.areas
    assert areas["1"].title == "依法全面履行政府职能" and areas["1"].points == 180.0
    assert [(g.code, g.points) for g in areas["1"].groups] == [("W1.1", None), ("W1.2", None), ("W1.3", None), ("1.1", 30.0)]
    assert "    title: 依法全面履行政府职能\n    points: 180\n" in framework.read_text(encoding="utf-8")

    code, out = run(capsys, scored_register(tmp_path / "v2.xlsx", "(175分)", "(5分)"), site)
    assert code == 0, out
    assert "  - 一级指标 1 分值 180 分 → 175 分" in out and "  - 二级指标 1.1 分值 30 分 → 5 分" in out
    assert "N001.md" not in out, "the pages did not change"
    assert (load(site).framework.areas["1"].points, load(site).framework.groups["1.1"].points) == (175.0, 5.0)

    before = framework.read_bytes()  # a register without points leaves them as they are
    code, out = run(capsys, scored_register(tmp_path / "v3.xlsx", "", "", ("(3分)", "(2分)")), site)
    assert code == 0 and out.startswith("登记表与网站一致"), out
    assert framework.read_bytes() == before


def test_points_that_do_not_add_up_are_advice_and_the_site_shows_them(tmp_path, capsys):
    site = shipped_site(tmp_path / "site")
    assert run(capsys, scored_register(tmp_path / "v1.xlsx", "(180分)", "(30分)"), site)[0] == 0
    found = [f for f in load(site).findings if f.code == "points-sum"]
    # Area 1 also holds the W pages, which give no points: its sum says nothing and is not checked.
    assert [f.format() for f in found] == [
        "【建议】docs/indicators/framework.yml 字段 areas 第1项 groups 第4项 points:二级指标 1.1 职能优化 的分值是 30 分,"
        "其下 2 项指标页面的分值合计 5 分。 修改方法:对照登记表核对:二级指标的分值写错的,改 docs/indicators/framework.yml "
        "中它的 points(或改登记表后重新导入);指标的分值写错的,改相应页面的 points;还有指标没建页面的,补建页面。"]
    checked = run_script("check.py", site)
    assert checked.returncode == 0 and "二级指标 1.1 职能优化 的分值是 30 分" in checked.stdout
    assert run(capsys, scored_register(tmp_path / "v2.xlsx", "", "(5分)"), site)[0] == 0
    assert [f for f in load(site).findings if f.code == "points-sum"] == []

    from conftest import build
    from htmlparts import table_after
    result = build(site, tmp_path / "out")
    assert result.ok, result.error
    assert "<p>分值 <strong>180</strong> 分。</p>" in result.page("areas/1/index.html")
    groups = table_after(result.page("areas/1/index.html"), "二级指标").records()
    assert [(g["二级指标"], g["分值"]) for g in groups][::3] == [("W1.1 政府职能与营商环境", "—"), ("1.1 职能优化", "5")]
    assert "<p>分值 <strong>5</strong> 分(下属 2 项指标分值合计 5 分)。</p>" in result.page("groups/1.1/index.html")
    by_area = table_after(result.page("index.html"), "按一级指标统计的完成情况").records()
    assert by_area[0]["分值"] == "180" and by_area[1]["分值"] == "—"
    import openpyxl
    sheet = openpyxl.load_workbook(result.site_dir / "exports" / "工作台账.xlsx").active
    header = [c.value for c in sheet[1]]
    cells = {r[1]: (r[header.index("一级指标")], r[header.index("二级指标")]) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells["N001"] == ("1 依法全面履行政府职能(180分)", "1.1 职能优化(5分)")
    import json
    data = json.loads((result.site_dir / "exports" / "indicators.json").read_text(encoding="utf-8"))
    assert data["framework"]["areas"][0]["points"] == 180 and data["framework"]["areas"][1]["points"] is None
