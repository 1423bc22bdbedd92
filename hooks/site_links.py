"""What needs the site's own addresses: the QR code on each indicator page and the RSS
feed need `site_url`; the "编辑此页" (edit this page) button needs `edit_uri`, the full
address of the Git host's web editor (without `repo_url`: with it, Material's script
asks a GitLab host's API for repository facts from every visitor's browser).

Without them the build still works: it leaves the code, the feed and the button out
and says once, at INFO, what to set in mkdocs.yml. (MkDocs would otherwise make a
relative edit link out of a relative `edit_uri`, and the RSS plugin logs an error.)
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.publishing import qrcodes
from evidencesite.pipeline.buildstate import state_of, switch_off_plugin

log = get_plugin_logger("evidence_site")


@event_priority(100)  # before the RSS plugin's own on_config, which fails without site_url
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        switch_off_plugin(config, "rss")
        log.info("mkdocs.yml 没有设置 site_url(网站的正式网址):指标页面不显示二维码,不生成 RSS 订阅。"
                 "网站发布后在 mkdocs.yml 中写一行 site_url: https://网站域名/ 即可。")
    if not (config.repo_url or urlsplit(config.edit_uri or "").scheme in ("http", "https")):
        config.edit_uri = None
        log.info("mkdocs.yml 没有设置 edit_uri(Git 服务器上网页编辑器的完整地址):页面不显示“编辑此页”按钮。"
                 "写一行 edit_uri: https://Git服务器/组/仓库/-/edit/main/docs/ 即可。")
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = PurePosixPath(page.file.src_uri)
    if not qrcodes.is_public_address(config.site_url) or src.parent.as_posix() != "indicators" or src.suffix != ".md":
        return html
    if src.stem not in state_of(config).site.indicators:
        return html
    return qrcodes.figure(qrcodes.indicator_url(config.site_url, src.stem), src.stem) + "\n" + html
