"""The staff guide inside the site: its message reference is the catalogue, its macro list
is what is registered, its templates are valid pages, and pages get an edit button
once the repository's address is known."""

from __future__ import annotations

import re
import string
from html import unescape

import pytest
from conftest import REPO, build, make_site, run_script
from staffsite import add_docs, code_blocks, configure

from evidencesite.catalogue import messages
from evidencesite.presentation.guide import PLACEHOLDERS
from evidencesite.catalogue.messages import CATALOGUE, Message
from evidencesite.model import Severity

EDIT_URI = "https://gitlab.example.gov.cn/fzzf/evidence-site/-/edit/main/docs/"


@pytest.fixture
def guide_site(tmp_path):
    return add_docs(make_site(tmp_path / "site", "base-site"), "guide")


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_guide_builds_strict_and_sits_last_in_the_navigation(guide_site, tmp_path):
    result = build(guide_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    nav = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', result.page("index.html"))
    assert nav[-1] == "编辑指南" and nav.index("缺口清单") < nav.index("编辑指南")
    guide_nav = list(dict.fromkeys(re.findall(r'href="([a-z-]+)/"', result.page("guide/index.html"))))
    assert guide_nav[:3] == ["web-editor", "pc", "import"], "the index page's list gives the order"


def test_message_reference_is_the_catalogue_grouped_by_severity(guide_site, tmp_path):
    html = build(guide_site, tmp_path / "out").page("guide/messages/index.html")
    anchors = {s: html.index(f'id="{a}"') for s, a in ((Severity.ERROR, "errors"), (Severity.GAP, "gaps"),
                                                          (Severity.ADVICE, "advice"))}
    assert anchors[Severity.ERROR] < anchors[Severity.GAP] < anchors[Severity.ADVICE]
    bounds = sorted(anchors.values()) + [len(html)]
    for code, message in CATALOGUE.items():
        start = html.index(f'id="{code}"')
        group = sorted(anchors.values()).index(anchors[message.severity])
        assert bounds[group] < start < bounds[group + 1], code
        entry = _text(html[start:html.find("<h3", start + 1)])
        assert message.title in entry and f"【{message.severity.label}】" in entry
        for template in (message.problem, message.fix):
            literal = [text for text, _, _, _ in string.Formatter().parse(template)]
            assert all(part in entry for part in literal if part), (code, template)


def test_message_reference_shows_placeholders_in_words(guide_site, tmp_path):
    page = build(guide_site, tmp_path / "out").page("guide/messages/index.html")
    html = _text(page[page.index('id="errors"'):page.index("</article>")])
    assert "找不到证据文件 evidence/〈所写的值〉。" in html
    reference = html[html.index("错误("):]
    assert not re.search(r"\{[a-z_]+\}", reference), "no raw {field} left in the reference"
    fields = {name for m in CATALOGUE.values() for t in (m.problem, m.fix) for name in re.findall(r"\{([a-z_]+)\}", t)}
    assert fields <= set(PLACEHOLDERS), "every template field has a wording in the guide"


def test_a_new_catalogue_message_appears_in_the_guide(guide_site, tmp_path, monkeypatch):
    monkeypatch.setitem(CATALOGUE, "test-only-message", Message(Severity.ADVICE, "测试用提示标题",
                                                                 "测试用问题 {value}。", "测试用修改方法。"))
    html = build(guide_site, tmp_path / "out").page("guide/messages/index.html")
    entry = _text(html[html.index('id="test-only-message"'):])
    assert "测试用提示标题" in entry and "测试用问题 〈所写的值〉。" in entry and "测试用修改方法。" in entry
    assert html.index('id="advice"') < html.index('id="test-only-message"')
    assert messages.CATALOGUE is CATALOGUE


EXTRA_MACRO_HOOK = '''"""A hook as another part of the site would write one."""


def demo_total(area="1", limit=10):
    """按一级指标统计已完成的指标数。

    第二段说明。"""
    return "42"


def on_config(config):
    config.plugins["macros"].register_macros({"demo_total": demo_total})
    return config
'''


def test_macro_list_reads_registered_docstrings(guide_site, tmp_path):
    hook = tmp_path / "extra_macros.py"
    hook.write_text(EXTRA_MACRO_HOOK, encoding="utf-8")
    config = guide_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nmarkdown_extensions:", f"\n  - {hook}\nmarkdown_extensions:", 1),
                      encoding="utf-8")
    (guide_site / "docs" / "total.md").write_text("# 合计\n\n完成 {{ demo_total() }} 项。\n", encoding="utf-8")
    result = build(guide_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    html = _text(result.page("guide/macros/index.html"))
    assert "{{ demo_total(area='1', limit=10) }}" in html
    assert "按一级指标统计已完成的指标数。" in html and "第二段说明。" in html
    for not_listed in ("macros_info", "fix_url", "message_reference", "macro_reference"):
        assert not_listed not in html
    assert "{{ progress_by_area() }}" in html, "the example in the guide is shown, not run"
    assert "完成 42 项" in result.page("total/index.html")


def test_macro_list_shows_the_dashboard_macros_as_staff_write_them(guide_site, tmp_path):
    html = _text(build(guide_site, tmp_path / "out").page("guide/macros/index.html"))
    assert "{{ unit_ranking(limit=0) }}" in html and "{{ progress_by_area() }}" in html
    assert "ctx" not in html


def test_every_template_saved_as_a_page_passes_check(guide_site, tmp_path):
    html = build(guide_site, tmp_path / "out").page("guide/templates/index.html")
    templates = [(t, body) for t, body in code_blocks(html) if t.startswith("docs/indicators/")]
    assert len(templates) >= 5
    kinds = "\n".join(body for _, body in templates)
    for field in ("file:", "url:", "on_site:", "none:", "problems:"):
        assert field in kinds, f"a template shows {field}"
    for title, body in templates:
        site = make_site(tmp_path / title.replace("/", "_"), "guide-templates")
        (site / title).write_text(body, encoding="utf-8")
        result = run_script("check.py", site)
        assert result.returncode == 0, (title, result.stdout)
        assert "【错误】" not in result.stdout and title not in result.stdout, (title, result.stdout)


def test_edit_button_opens_the_web_editor_once_edit_uri_is_set(base_site, tmp_path):
    configure(base_site, f"edit_uri: {EDIT_URI}")
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    page = result.page("indicators/N001/index.html")
    assert f'href="{EDIT_URI}indicators/N001.md" title="编辑此页"' in page
    assert "/-/edit/" not in result.page("gaps/index.html"), "generated pages have no source to edit"
    assert "md-source" not in page, "no repository widget, whose script would call the Git host's API"
    assert not [m for m in result.messages() if "没有设置 edit_uri" in m]


def test_without_edit_uri_no_edit_button_and_one_line_saying_what_to_set(base_site, tmp_path):
    configure(base_site, "edit_uri: -/edit/main/docs/")  # relative, and no repo_url to join it to
    result = build(base_site, tmp_path / "out", strict=True)
    assert result.ok, result.error
    assert "/-/edit/" not in result.page("indicators/N001/index.html")
    [line] = [m for m in result.messages() if "没有设置 edit_uri" in m]
    assert "edit_uri: https://" in line


def test_guide_documents_the_pre_commit_command_it_installs():
    import yaml

    hook = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    guide = (REPO / "docs/guide/pc.md").read_text(encoding="utf-8")
    assert "pre-commit install" in guide and hook["entry"].split(" ", 1)[1] in guide
