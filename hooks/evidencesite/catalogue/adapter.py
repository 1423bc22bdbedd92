"""What the MkDocs adapter (`hooks/mkdocs_adapter/`) says to staff in the build log, and the few
words it writes into pages itself. `{file}` is the name of the config file MkDocs loaded
(`mkdocs.yml`, or whatever `-f` named)."""

from __future__ import annotations

from evidencesite.catalogue import filler

MESSAGES: dict[str, str] = {
    "settings-invalid": "{file} 的 extra 设置有误:{problem}",
    "macros-before-check": (
        "{file} 中 macros 插件在证据站检查页面的 {{{{ … }}}} 之前渲染页面,一个页面写错就会让整个构建停止。"
        "请按 requirements.txt 安装固定版本的 mkdocs-macros-plugin(pip install -r requirements.txt),"
        "hooks: 下只写一行 - hooks/evidence_site.py。"),
    "plugin-after-checksums": (
        "{file} 中的插件“{plugin}”在证据站写校验和(exports/SHA256SUMS)之后还会写文件,"
        "离线副本的完整性校验将不通过。请从 plugins: 中删去它,或按 requirements.txt 安装固定版本。"),
    "hook-listed-twice": "{file} 的 hooks: 中证据站的钩子出现了不止一次。hooks: 下只保留一行 - hooks/evidence_site.py。",
    "macros-missing": (
        "{file} 的 plugins 中没有 macros,页面中的 {{{{ … }}}} 进展模块无法显示。"
        "修改方法:在 plugins 下加入 macros(写法见本仓库的 mkdocs.yml)。"),
    "guide-needs-macros": "编辑指南需要 macros 插件:在 {file} 的 plugins 中保留 - macros。",
    "exports-failed": (
        "生成下载文件(工作台账、整改台账、indicators.json)失败:{error}。"
        "构建已停止,不会留下不完整的文件。请把这条信息发给网站维护人员。"),
    "no-history": "最后更新日期:{reason},指标页面显示“暂无版本记录”。",
    "section-unpublished": "栏目“{title}”({path})还没有内容,本次构建不发布;写好正文后会自动出现在导航中。",
    "no-site-url": (
        "{file} 没有设置 site_url(网站的正式网址):指标页面不显示二维码,不生成 RSS 订阅。"
        "网站发布后在 {file} 中写一行 site_url: https://网站域名/ 即可。"),
    "no-edit-uri": (
        "{file} 没有设置 edit_uri(Git 服务器上网页编辑器的完整地址):页面不显示“编辑此页”按钮。"
        "写一行 edit_uri: https://Git服务器/组/仓库/-/edit/main/docs/ 即可。"),
}

WORDS: dict[str, str] = {
    "audience-landmark": "版本",
    "narrative": "情况说明",
    "indicator-tree": "指标体系",
    "unplaced": "未归类(请检查 area 和 group)",
    "gaps": "缺口清单",
    "feed": "订阅创建动态(RSS)",
    "feed-how": ":用订阅软件或浏览器插件添加这个地址,有新动态时会收到提醒。",
}
"""Words the adapter itself writes into pages (labels of the navigation and page parts)."""


say = filler(MESSAGES)
word = filler(WORDS)
