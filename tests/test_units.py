"""The unit list (docs/indicators/units.yml): canonical names and aliases used by the
loader (pages, check, exports, rankings) and the register import; joint leads; a lead
repeated among the partners; names close to a known unit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_register import main as import_main

from conftest import load, run_script
from evidencesite.figures.progress import ranking, units
from registers import NATIONAL_HEADER, workbook, shipped_site

UNITS = """# 单位名录:name 为规范名称,aliases 为其他写法
units:
  - name: 市司法局
    aliases: [濮阳市司法局, 市司法行政局]
  - name: 市委编办
    aliases: [中共濮阳市委机构编制委员会办公室]
  - name: 市发展改革委
    aliases: [濮阳市发展和改革委员会]
"""


def write_units(site: Path, text: str = UNITS) -> None:
    (site / "docs" / "indicators" / "units.yml").write_text(text, encoding="utf-8")


def set_units(site: Path, page: str, lead: str, partners: str | None = None) -> None:
    path = site / "docs" / "indicators" / f"{page}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith(("lead:", "partners:"))]
    extra = [f"lead: {lead}"] + ([f"partners: {partners}"] if partners is not None else [])
    lines[2:2] = extra  # after "---" and "id:"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def messages(site: Path) -> list[str]:
    return [f.format() for f in load(site).findings]


def test_aliases_become_canonical_names_and_count_once(base_site: Path) -> None:
    write_units(base_site)
    set_units(base_site, "N002", "濮阳市司法局 ", "[市司法行政局, 濮阳市发展和改革委员会]")
    site = load(base_site)
    assert (site.indicators["N002"].lead, site.indicators["N002"].partners) == ("市司法局", ["市发展改革委"])
    names = [u.name for u in units(site)]
    assert names == ["市委编办", "市司法局", "各县(区)政府", "市发展改革委"], "no unit twice under another name"
    justice = next(u for u in units(site) if u.name == "市司法局")
    assert [i.id for i in justice.lead] == ["N002", "P001"] and [i.id for i in justice.partner] == ["N001"]
    # 市司法行政局 is another name of the lead: recognised as the lead repeated, not a second unit.
    found = [m for m in messages(base_site) if "【错误】" in m or "【建议】" in m]
    assert len(found) == 1 and found[0].startswith("【建议】docs/indicators/N002.md 字段 partners:“市司法行政局”已是牵头单位")


def test_joint_leads_are_two_leads(base_site: Path) -> None:
    set_units(base_site, "P001", "市司法局、市委编办")
    site = load(base_site)
    assert site.indicators["P001"].leads == ["市司法局", "市委编办"]
    ranked = {r.unit.name: r.tally.total for r in ranking(units(site), dt.date(2021, 5, 1))}
    assert ranked == {"市委编办": 2, "市发展改革委": 1, "市司法局": 1}


def test_a_lead_repeated_among_partners_counts_once_with_advice(base_site: Path) -> None:
    set_units(base_site, "N001", "市委编办", "[市委编办, 市司法局]")
    site = load(base_site)
    assert site.indicators["N001"].partners == ["市司法局"]
    編办 = next(u for u in units(site) if u.name == "市委编办")
    assert [i.id for i in 編办.lead] == ["N001"] and 編办.partner == []
    assert ("【建议】docs/indicators/N001.md 字段 partners:“市委编办”已是牵头单位,又写在配合单位 partners 中;统计和排名只按牵头单位算一次。"
            " 修改方法:从 partners 中删去“市委编办”。几个单位共同牵头时,写在 lead 中用顿号隔开,例如 lead: 市司法局、市委编办。") \
        in messages(base_site)


def test_a_name_close_to_a_known_unit_gets_did_you_mean(base_site: Path) -> None:
    write_units(base_site)
    set_units(base_site, "P001", "市司法厅")
    found = [m for m in messages(base_site) if "相近" in m]
    assert found == ["【建议】docs/indicators/P001.md 字段 lead:单位“市司法厅”不在单位名录 docs/indicators/units.yml 中,"
                     "与名录中的“市司法局”相近。您是不是要写 市司法局? 修改方法:是同一个单位:改成“市司法局”,或把“市司法厅”"
                     "作为别名加进 docs/indicators/units.yml 中该单位的 aliases;确是另一个单位:把它作为新单位加进 docs/indicators/units.yml。"]
    done = run_script("check.py", base_site)
    assert done.returncode == 0 and "您是不是要写 市司法局?" in done.stdout


def test_a_name_far_from_every_unit_is_left_alone(base_site: Path) -> None:
    write_units(base_site)
    set_units(base_site, "P001", "各县(区)政府")
    assert not [m for m in messages(base_site) if "单位名录" in m]


def test_one_alias_for_two_units_is_an_error(base_site: Path) -> None:
    write_units(base_site, UNITS + "  - name: 市政府办公室\n    aliases: [濮阳市司法局]\n")
    errors = [m for m in messages(base_site) if m.startswith("【错误】")]
    assert errors == ["【错误】docs/indicators/units.yml 第10行 字段 units 第4项 aliases 第1项:“濮阳市司法局”已经是单位“市司法局”"
                      "的名称或别名,不能再属于另一个单位。 修改方法:在单位名录中只保留一处:删去这一项,或确认它到底是哪个单位的写法。"]


def test_a_malformed_unit_list_is_reported_not_fatal(base_site: Path) -> None:
    write_units(base_site, "units:\n  - name: 市司法局\n    alias: [濮阳市司法局]\n")
    errors = [m for m in messages(base_site) if m.startswith("【错误】")]
    assert len(errors) == 1 and "docs/indicators/units.yml" in errors[0] and "alias" in errors[0]


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2021, 5, 1, 12, tzinfo=dt.timezone.utc).timestamp())))


def test_import_writes_canonical_names(tmp_path: Path, capsys) -> None:
    site = shipped_site(tmp_path / "site")
    write_units(site)
    rows = [["一、依法全面履行政府职能", "(一)政府机构职能优化协同高效", 1, "权责清单动态管理", "中共濮阳市委机构编制委员会办公室",
             "濮阳市司法局、各县(区)政府", "2021年4月30日", None]]
    register = workbook(tmp_path / "指标体系.xlsx", {"国家指标": (NATIONAL_HEADER, rows)})
    code = import_main([str(register), "--site", str(site)])
    out = capsys.readouterr()
    assert code == 0, out
    text = (site / "docs" / "indicators" / "N001.md").read_text(encoding="utf-8")
    assert "lead: 市委编办\n" in text and "partners: [市司法局, 各县(区)政府]\n" in text
