"""Government-site conventions: the footer fields from extra.portal, shown only when
set; empty sections left out of the site and reported."""

from __future__ import annotations

import re

from conftest import build, make_site
from evidencesite.presentation.portal import FooterItem, footer_items

PORTAL = """  portal:
    sponsor: 濮阳市法治政府建设领导小组办公室
    organizer: 濮阳市司法局
    contact: 电话 0393-0000000
    site_code: "4109000001"
    icp: 豫ICP备00000001号
    police_record: 豫公网安备 41090202000001号
    corrections_url: https://zfwzgl.example.gov.cn/jiucuo?site_code=4109000001
"""


def _with_portal(site, block: str):
    path = site / "mkdocs.yml"
    text = re.sub(r"  portal:\n(?:    .*\n)+", "", path.read_text(encoding="utf-8"))
    path.write_text(text.rstrip("\n") + "\n" + block, encoding="utf-8")
    return site


def test_footer_items_in_order_with_lookup_links():
    items = footer_items({"sponsor": "甲", "icp": "豫ICP备1号", "police_record": "豫公网安备 41090202000001号",
                          "contact": "", "corrections_url": "https://x.example/jc"})
    assert items == [FooterItem("主办单位", "甲"), FooterItem("ICP备案号", "豫ICP备1号", "https://beian.miit.gov.cn/"),
                     FooterItem("公安机关备案号", "豫公网安备 41090202000001号",
                                "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=41090202000001"),
                     FooterItem("网站纠错", "", "https://x.example/jc")]
    assert footer_items(None) == [] and footer_items({"contact": None}) == []


def test_footer_shows_every_field_that_is_set(base_site, tmp_path):
    result = build(_with_portal(base_site, PORTAL), tmp_path / "out")
    assert result.ok and result.warnings == []
    footer = result.page("indicators/N001/index.html").split('<div class="md-copyright">')[1].split("</div>")[0]
    for text in ("主办单位:濮阳市法治政府建设领导小组办公室", "承办单位:濮阳市司法局", "联系方式:电话 0393-0000000",
                 "网站标识码:4109000001", "ICP备案号:豫ICP备00000001号", "公安机关备案号:豫公网安备 41090202000001号",
                 '<a href="https://zfwzgl.example.gov.cn/jiucuo?site_code=4109000001" rel="noopener">网站纠错</a>'):
        assert text in footer


def test_no_footer_list_when_nothing_is_set_and_misspelt_key_is_reported(base_site, tmp_path):
    result = build(_with_portal(base_site, "  portal:\n    sponser: 某单位\n"), tmp_path / "out")
    assert 'class="es-portal"' not in result.page("index.html")
    [warning] = result.warnings
    assert "extra.portal 中有不认识的设置 sponser" in warning and "sponsor(主办单位)" in warning


def test_empty_sections_are_left_out_and_reported(tmp_path):
    site = make_site(tmp_path / "site", "base-site", "browser-site")
    result = build(site, tmp_path / "out", strict=True)
    assert result.ok, result.warnings
    notices = [m for m in result.messages() if m.startswith("【提示】")]
    assert notices == [
        "【提示】docs/indicators/framework.yml 二级指标 2.1 规范性文件管理:还没有任何指标页面,本次构建不发布这一栏目(导航中没有它)。给它新建指标页面后会自动出现。",
        "【提示】docs/indicators/framework.yml 一级指标 3 尚无指标的一级指标:还没有任何指标页面,本次构建不发布这一栏目(导航中没有它)。给它新建指标页面后会自动出现。",
    ]
    out = tmp_path / "out"
    assert not (out / "groups" / "2.1").exists() and not (out / "areas" / "3").exists()
    assert (out / "areas" / "2" / "index.html").is_file() and (out / "groups" / "1.1" / "index.html").is_file()
    home = result.page("index.html")
    assert "规范性文件管理" not in home and "尚无指标的一级指标" not in home
    assert "2.1 规范性文件管理" not in result.page("areas/2/index.html")
