"""What needs the site's own addresses: the QR code on each indicator page and the RSS
feed need `site_url`; the "编辑此页" (edit this page) button needs `repo_url`.

Without them the build still works: it leaves the code, the feed and the button out
and says once, at INFO, what to set in mkdocs.yml. (MkDocs would otherwise make a
relative edit link out of `edit_uri` alone, and the RSS plugin logs an error.)
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite import qrcodes
from evidencesite.buildstate import state_of

log = get_plugin_logger("evidence_site")


@event_priority(100)  # before the RSS plugin's own on_config, which fails without site_url
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        rss = config.plugins.get("rss")
        if rss is not None:
            rss.config.enabled = False
        log.info("mkdocs.yml 没有设置 site_url(网站的正式网址):指标页面不显示二维码,不生成 RSS 订阅。"
                 "网站发布后在 mkdocs.yml 中写一行 site_url: https://网站域名/ 即可。")
    if config.edit_uri and not config.repo_url:
        config.edit_uri = None
        log.info("mkdocs.yml 没有设置 repo_url(本站在 Git 服务器上的仓库地址):页面不显示“编辑此页”按钮。"
                 "写一行 repo_url: https://Git服务器/组/仓库 即可。")
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = PurePosixPath(page.file.src_uri)
    if not config.site_url or src.parent.as_posix() != "indicators" or src.suffix != ".md":
        return html
    if src.stem not in state_of(config).site.indicators:
        return html
    return qrcodes.figure(qrcodes.indicator_url(config.site_url, src.stem), src.stem) + "\n" + html
